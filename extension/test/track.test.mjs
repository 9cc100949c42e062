import assert from 'node:assert/strict';
import { test } from 'node:test';

await import('../content/track.js');
const { isStale, shiftFindings, visibleFindings, ignoreKey, blockingFindings, diffRegion } =
  globalThis.Tactful.track;

const f = (offset, text, extra = {}) => ({ rule: 'r', offset, length: text.length, text, ...extra });

test('stale check compares the exact span', () => {
  const text = 'You should have told me.';
  assert.equal(isStale(text, f(0, 'You should have')), false);
  assert.equal(isStale(text, f(1, 'You should have')), true);
  assert.equal(isStale('You shouldn’t have', f(0, 'You should have')), true);
});

test('diff region finds the common prefix and suffix', () => {
  assert.deepEqual(diffRegion('abcdef', 'abXYdef'), { prefix: 2, suffix: 3 });
  assert.deepEqual(diffRegion('aaa', 'aaaa'), { prefix: 3, suffix: 0 });
});

test('findings before an edit stay, after it shift, inside it drop', () => {
  const old = 'Never. We are done. Whatever.';
  const findings = [f(0, 'Never'), f(10, 'are done'), f(20, 'Whatever')];
  const now = 'Never. We really are done? Whatever.';
  // inserted "really " at 10 — the middle finding starts at the edit and is dropped
  const out = shiftFindings(old, now, findings);
  assert.deepEqual(out.map((x) => [x.offset, x.text]), [[0, 'Never'], [27, 'Whatever']]);
  for (const x of out) assert.equal(isStale(now, x), false);
});

test('a word growing at a finding edge drops the finding at once', () => {
  const out = shiftFindings('just do it', 'justice do it', [f(0, 'just')]);
  assert.deepEqual(out, []);
});

test('deleting text before findings moves them left', () => {
  const out = shiftFindings('Hi there. NO WAY.', 'Hi. NO WAY.', [f(10, 'NO WAY')]);
  assert.deepEqual(out.map((x) => x.offset), [4]);
});

test('unchanged text keeps findings as they are but as a copy', () => {
  const list = [f(0, 'a')];
  const out = shiftFindings('a', 'a', list);
  assert.deepEqual(out, list);
  assert.notEqual(out, list);
});

test('visible findings leave out ignored, disabled and stale ones', () => {
  const text = 'You always do this. Obviously.';
  const a = f(4, 'always', { rule: 'absolute.always' });
  const b = f(20, 'Obviously', { rule: 'condescension.obviously' });
  const c = f(0, 'They', { rule: 'x' });
  assert.deepEqual(visibleFindings(text, [a, b, c], new Set(), []), [a, b]);
  assert.deepEqual(visibleFindings(text, [a, b], new Set([ignoreKey(a)]), []), [b]);
  assert.deepEqual(visibleFindings(text, [a, b], new Set(), ['condescension.obviously']), [a]);
});

test('ignore key is per rule and words', () => {
  assert.notEqual(ignoreKey(f(0, 'x', { rule: 'a' })), ignoreKey(f(0, 'x', { rule: 'b' })));
  assert.equal(ignoreKey(f(0, 'x')), ignoreKey(f(9, 'x')));
});

test('send check levels', () => {
  const list = [f(0, 'a', { severity: 'high' }), f(2, 'b', { severity: 'medium' }),
    f(4, 'c', { severity: 'low' })];
  assert.deepEqual(blockingFindings(list, 'off'), []);
  assert.deepEqual(blockingFindings(list, 'high').map((x) => x.text), ['a']);
  assert.deepEqual(blockingFindings(list, 'high+medium').map((x) => x.text), ['a', 'b']);
  assert.deepEqual(blockingFindings(list, 'bogus'), []);
});
