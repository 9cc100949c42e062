import assert from 'node:assert/strict';
import { test } from 'node:test';
import { h, text, textNodes } from './dom-stub.mjs';

await import('../content/read.js');
const { readEditor, positionAt, span } = globalThis.Tactful.read;

/** The text a DOM span covers, rebuilt from the stand-in nodes, to compare with the slice. */
function spanText(editor, s) {
  const nodes = textNodes(editor);
  const a = nodes.indexOf(s.start.node);
  const b = nodes.indexOf(s.end.node);
  if (a === b) return s.start.node.data.slice(s.start.offset, s.end.offset);
  let out = s.start.node.data.slice(s.start.offset);
  for (let i = a + 1; i < b; i++) out += nodes[i].data;
  return out + s.end.node.data.slice(0, s.end.offset);
}

test('Gmail lines as divs, blank lines as <div><br></div>', () => {
  const editor = h('div', {},
    h('div', {}, 'Hi Sam,'),
    h('div', {}, h('br')),
    h('div', {}, 'No, we ', h('b', {}, 'cannot'), ' do that.'));
  const read = readEditor(editor);
  assert.equal(read.text, 'Hi Sam,\n\nNo, we cannot do that.');
  assert.equal(read.segments.length, 4);
});

test('inline <br> and nested inline nodes keep offsets one to one', () => {
  const editor = h('div', {}, 'first', h('br'), h('span', {}, h('i', {}, 'sec'), 'ond'));
  const read = readEditor(editor);
  assert.equal(read.text, 'first\nsecond');
  const s = span(read, 6, 6);
  assert.equal(spanText(editor, s), 'second');
  assert.equal(s.start.offset, 0);
  assert.equal(s.end.node.data, 'ond');
  assert.equal(s.end.offset, 3);
});

test('every slice of the text maps back to the same DOM text', () => {
  const editor = h('div', {},
    h('div', {}, 'Thanks\u00a0for ', h('u', {}, 'the 🎉 note'), '.'),
    h('p', {}, 'You ', h('span', {}, h('b', {}, 'should')), ' have said 👩‍💻 so'));
  const read = readEditor(editor);
  const t = read.text;
  for (const [offset, length] of [[0, 6], [6, 1], [7, 3], [11, 10], [15, 2], [24, 3], [25, 20]]) {
    const slice = t.slice(offset, offset + length);
    if (slice.includes('\n')) continue;
    assert.equal(spanText(editor, span(read, offset, length)), slice, `${offset}+${length}`);
  }
});

test('emoji count as UTF-16 code units like the server', () => {
  const editor = h('div', {}, 'ok 👍🏽 NO WAY');
  const read = readEditor(editor);
  assert.equal(read.text.indexOf('NO WAY'), 8); // 👍🏽 is four code units
  const s = span(read, 8, 6);
  assert.equal(spanText(editor, s), 'NO WAY');
});

test('non-breaking spaces are kept as they are, not turned into spaces', () => {
  const read = readEditor(h('div', {}, 'a\u00a0\u00a0b'));
  assert.equal(read.text, 'a\u00a0\u00a0b');
});

test('layout newlines inside a text node read as spaces without changing length', () => {
  const read = readEditor(h('div', {}, 'one\ntwo'));
  assert.equal(read.text, 'one two');
  assert.equal(read.segments[0].length, 7);
});

test('Gmail quote, blockquote and signature are left out', () => {
  const editor = h('div', {},
    h('div', {}, 'No, that is not possible.'),
    h('div', {}, h('br')),
    h('span', { class: 'gmail_signature_prefix' }, '-- '),
    h('br'),
    h('div', { class: 'gmail_signature', 'data-smartmail': 'gmail_signature' }, 'Ana | CEO'),
    h('div', { class: 'gmail_quote gmail_quote_container' },
      h('div', { class: 'gmail_attr' }, 'On Mon, Bob wrote:'),
      h('blockquote', { class: 'gmail_quote' }, 'YOU should have asked')));
  const read = readEditor(editor);
  assert.ok(!read.text.includes('Ana'));
  assert.ok(!read.text.includes('wrote'));
  assert.ok(!read.text.includes('should'));
  assert.ok(read.text.startsWith('No, that is not possible.\n'));
  for (const seg of read.segments) assert.ok(!/Ana|Bob|should|--/.test(seg.node.data));
});

test('a plain blockquote and contenteditable=false chips are skipped too', () => {
  const editor = h('div', {}, 'Before ', h('span', { contenteditable: 'false' }, 'chip'),
    ' after', h('blockquote', {}, 'quoted'), 'tail');
  const read = readEditor(editor);
  assert.equal(read.text, 'Before  after\ntail');
});

test('Outlook: everything from the reply header on is history', () => {
  const editor = h('div', {},
    h('div', { class: 'elementToProof' }, 'We cannot ship Friday.'),
    h('div', { id: 'appendonsend' }),
    h('hr'),
    h('div', { id: 'divRplyFwdMsg' }, 'From: Client Sent: Monday'),
    h('div', {}, 'Why is this late again?'));
  assert.equal(readEditor(editor).text, 'We cannot ship Friday.');
});

test('Outlook signature block is skipped', () => {
  const editor = h('div', {}, h('div', {}, 'Hello'), h('div', { id: 'Signature' }, 'Jo'));
  assert.equal(readEditor(editor).text, 'Hello');
});

test('empty editor gives empty text and no positions', () => {
  const read = readEditor(h('div', {}, h('div', {}, h('br'))));
  assert.equal(read.text, '\n');
  assert.equal(positionAt(read, 0, 'start'), null);
});

test('offsets on a line break: start moves to the next line, end stays on this one', () => {
  const editor = h('div', {}, h('div', {}, 'abc'), h('div', {}, 'def'));
  const read = readEditor(editor);
  assert.equal(read.text, 'abc\ndef');
  const start = positionAt(read, 3, 'start');
  assert.equal(start.node.data, 'def');
  assert.equal(start.offset, 0);
  const end = positionAt(read, 4, 'end');
  assert.equal(end.node.data, 'abc');
  assert.equal(end.offset, 3);
  assert.equal(positionAt(read, 7, 'end').offset, 3);
});

test('offset at the very end maps after the last character', () => {
  const editor = h('div', {}, text('one'), text('two'));
  const read = readEditor(editor);
  const s = span(read, 3, 3);
  assert.equal(s.start.node.data, 'two');
  assert.equal(s.start.offset, 0);
  assert.equal(s.end.offset, 3);
});
