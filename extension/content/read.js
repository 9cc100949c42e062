/*
 * Reading only the writer's words out of a compose editor.
 *
 * Walks the editor's nodes, leaves out quoted history and signatures, and returns the plain
 * text plus a segment map (text offset -> DOM text node). Offsets are UTF-16 code units, the
 * same unit the server uses, so a finding's offset maps straight back to a DOM position.
 * Pure: it reads nodes through the standard Node API only (tests use a small stand-in).
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});

  const BLOCK = new Set([
    'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET',
    'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI',
    'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'TD', 'TH', 'THEAD',
    'TR', 'UL',
  ]);

  /* Not the writer's words: skipped, the rest of the draft still read. */
  const SKIP = {
    tags: ['BLOCKQUOTE', 'STYLE', 'SCRIPT', 'TEMPLATE', 'IMG'],
    classes: ['gmail_quote', 'gmail_quote_container', 'gmail_signature',
      'gmail_signature_prefix', 'gmail_extra'],
    ids: ['Signature', 'signature', 'x_Signature'],
    attrs: [['data-smartmail', 'gmail_signature'], ['contenteditable', 'false']],
  };
  /* Outlook puts the quoted thread after these markers: stop reading there. */
  const STOP = {
    tags: [],
    classes: [],
    ids: ['appendonsend', 'divRplyFwdMsg', 'x_divRplyFwdMsg'],
    attrs: [],
  };

  function hasClass(el, name) {
    if (el.classList) return el.classList.contains(name);
    return (' ' + (el.className || '') + ' ').includes(' ' + name + ' ');
  }

  function matches(el, rule) {
    if (rule.tags.includes(el.nodeName)) return true;
    if (el.id && rule.ids.includes(el.id)) return true;
    for (const name of rule.classes) if (hasClass(el, name)) return true;
    for (const [name, value] of rule.attrs) {
      if (el.getAttribute && el.getAttribute(name) === value) return true;
    }
    return false;
  }

  /**
   * Read an editor element. Returns {text, segments}: segments are {start, length, node} for
   * every text node that contributed, in order; line breaks from <br> and block boundaries
   * appear in text as "\n" without a segment. Layout whitespace inside text nodes (\n, \t)
   * is read as a space so the length still matches the node one to one.
   */
  function readEditor(editor, options) {
    const skip = (options && options.skip) || SKIP;
    const stop = (options && options.stop) || STOP;
    const parts = [];
    const segments = [];
    let length = 0;
    let last = '';
    let pendingBreak = false;
    let stopped = false;

    function flush() {
      if (pendingBreak) {
        parts.push('\n');
        length += 1;
        last = '\n';
        pendingBreak = false;
      }
    }
    function blockBoundary() {
      if (length > 0 && last !== '\n') pendingBreak = true;
    }
    function text(node) {
      const data = node.data;
      if (!data) return;
      flush();
      segments.push({ start: length, length: data.length, node });
      parts.push(/[\n\r\t]/.test(data) ? data.replace(/[\n\r\t]/g, ' ') : data);
      length += data.length;
      last = data[data.length - 1];
    }
    function walk(parent) {
      for (let child = parent.firstChild; child && !stopped; child = child.nextSibling) {
        if (child.nodeType === 3) {
          text(child);
        } else if (child.nodeType === 1) {
          if (matches(child, stop)) {
            stopped = true;
            return;
          }
          const name = child.nodeName;
          if (name === 'BR') {
            flush();
            parts.push('\n');
            length += 1;
            last = '\n';
            continue;
          }
          const block = BLOCK.has(name);
          if (block) blockBoundary();
          if (!matches(child, skip)) walk(child);
          if (block) blockBoundary();
        }
      }
    }
    walk(editor);
    return { text: parts.join(''), segments };
  }

  /* Index of the last segment whose start satisfies `ok`, by binary search. */
  function lastSegment(segments, ok) {
    let lo = 0;
    let hi = segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ok(segments[mid].start)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * DOM position {node, offset} for a text offset. `edge` is 'start' (the position before
   * the character at offset) or 'end' (the position after the character at offset - 1); the
   * two differ only when the offset falls on a line break between nodes. Null when empty.
   */
  function positionAt(read, offset, edge) {
    const segs = read.segments;
    if (!segs.length) return null;
    if (edge === 'end') {
      const i = lastSegment(segs, (s) => s < offset);
      if (i < 0) return { node: segs[0].node, offset: 0 };
      const seg = segs[i];
      return { node: seg.node, offset: Math.min(offset - seg.start, seg.length) };
    }
    const i = lastSegment(segs, (s) => s <= offset);
    if (i < 0) return { node: segs[0].node, offset: 0 };
    const seg = segs[i];
    if (offset < seg.start + seg.length) return { node: seg.node, offset: offset - seg.start };
    const next = segs[i + 1];
    if (next) return { node: next.node, offset: 0 };
    return { node: seg.node, offset: seg.length };
  }

  /** Start and end DOM positions of [offset, offset + length), or null. */
  function span(read, offset, length) {
    const start = positionAt(read, offset, 'start');
    const end = positionAt(read, offset + length, 'end');
    if (!start || !end) return null;
    return { start, end };
  }

  T.read = { readEditor, positionAt, span, SKIP, STOP, BLOCK };
})(globalThis);
