// The editor's plain text and the way back from a UTF-16 offset to a DOM position.
//
// The editor is a plain-text contenteditable, so its DOM is normally a run of text nodes
// holding "\n" for line breaks. Browsers still sometimes leave <br> or <div> behind (other
// engines, old undo entries), so those are read the way they render: a <br> is one "\n",
// and a block element starts on a new line. JavaScript strings are UTF-16, exactly like
// the offsets the server returns, so no conversion is ever needed.

const BLOCKS = new Set(["DIV", "P", "LI", "UL", "OL", "PRE", "BLOCKQUOTE", "H1", "H2", "H3",
  "H4", "H5", "H6", "SECTION", "ARTICLE", "TABLE", "TR"]);

/** Read the editor: {text, pieces}, each piece mapping [start, end) of text to a node. */
export function readEditor(root) {
  const out = { text: "", pieces: [] };
  const push = (str, node, kind) => {
    const start = out.text.length;
    out.text += str;
    out.pieces.push({ node, start, end: out.text.length, kind });
  };
  const walk = (parent) => {
    for (const child of parent.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (child.data) push(child.data, child, "text");
      } else if (child.nodeName === "BR") {
        push("\n", child, "break");
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (BLOCKS.has(child.nodeName) && out.text && !out.text.endsWith("\n")) {
          push("\n", child, "break");
        }
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/** DOM position {node, offset} for a text offset. `side` picks the piece at a boundary:
 *  "start" prefers the piece that begins there, "end" the piece that ends there. */
export function positionAt(map, offset, side = "start") {
  const { pieces } = map;
  for (let i = 0; i < pieces.length; i += 1) {
    const p = pieces[i];
    const inside = side === "start"
      ? offset >= p.start && offset < p.end
      : offset > p.start && offset <= p.end;
    if (!inside) continue;
    if (p.kind === "text") return { node: p.node, offset: offset - p.start };
    const parent = p.node.parentNode;
    const index = Array.prototype.indexOf.call(parent.childNodes, p.node);
    // Before a break when the offset sits on it, after it when the offset is past it.
    return { node: parent, offset: offset === p.start ? index : index + 1 };
  }
  return null;
}

/** A Range over [offset, offset + length) of the editor's text, or null if out of bounds. */
export function rangeFor(root, map, offset, length) {
  if (offset < 0 || length <= 0 || offset + length > map.text.length) return null;
  const start = positionAt(map, offset, "start");
  const end = positionAt(map, offset + length, "end");
  if (!start || !end) return null;
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  return range;
}

/** The visible line boxes of a range: zero-width slivers at line ends are dropped. */
export function lineRects(range) {
  return Array.from(range.getClientRects()).filter((r) => r.width >= 0.5 && r.height > 0);
}

/** The text offset of a DOM position inside the editor (for the caret), or -1. */
export function offsetOf(map, node, offset) {
  for (const p of map.pieces) {
    if (p.node === node && p.kind === "text") return p.start + Math.min(offset, p.end - p.start);
  }
  if (node.nodeType === Node.ELEMENT_NODE) {
    const child = node.childNodes[offset];
    if (!child) return map.text.length;
    for (const p of map.pieces) {
      if (p.node === child || child.contains(p.node)) return p.start;
    }
  }
  return -1;
}
