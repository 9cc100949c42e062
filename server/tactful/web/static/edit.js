// Editing helpers: change the editor through the browser's own editing commands, so every
// change lands on the native undo stack (Ctrl+Z), and keep known findings aligned while the
// writer types, until the server answers again.

import { rangeFor, readEditor } from "./text-map.js";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Insert plain text over the current selection, undoably. A multi-line insertText would
 *  make Chromium split the text into <div>s; insertHTML of escaped text keeps the "\n"s
 *  (the editor is white-space: pre-wrap) and stays a single undo step. */
export function insertPlain(text) {
  if (text.includes("\n")) return document.execCommand("insertHTML", false, escapeHtml(text));
  if (text === "") return document.execCommand("delete", false);
  return document.execCommand("insertText", false, text);
}

function select(range) {
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}

/** Replace [offset, offset + length) with `replacement` if it still holds `expected`.
 *  Returns false (and changes nothing) when the text has moved on. */
export function replaceSpan(editor, offset, length, expected, replacement) {
  const map = readEditor(editor);
  if (map.text.slice(offset, offset + length) !== expected) return false;
  const range = rangeFor(editor, map, offset, length);
  if (!range) return false;
  editor.focus({ preventScroll: true });
  select(range);
  insertPlain(replacement);
  return true;
}

/** Replace the whole draft, undoably. */
export function replaceAll(editor, text) {
  editor.focus({ preventScroll: true });
  const range = document.createRange();
  range.selectNodeContents(editor);
  select(range);
  insertPlain(text);
}

/** Carry findings across an edit from `before` to `after`: the changed region is found by
 *  common prefix and suffix; findings before it stay, findings after it shift, findings it
 *  touches are dropped, and so is any finding whose text no longer matches. Works for any
 *  {offset, length, text?} span (the ignored quote and signature zones too). */
export function shiftFindings(findings, before, after) {
  if (before === after) return findings;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < max - prefix
    && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix += 1;
  }
  const editEnd = before.length - suffix;
  const delta = after.length - before.length;
  const kept = [];
  for (const f of findings) {
    let offset = f.offset;
    if (f.offset + f.length <= prefix) {
      // untouched, before the edit
    } else if (f.offset >= editEnd) {
      offset = f.offset + delta;
    } else {
      continue;
    }
    if (f.text === undefined || after.slice(offset, offset + f.length) === f.text) {
      kept.push({ ...f, offset });
    }
  }
  return kept;
}
