// The highlight layer. It sits behind the (transparent) editor, outside the editable DOM,
// and is redrawn from Range.getClientRects() whenever the text, scroll or size changes.
// Marker attributes follow the contract so tests and tools can find each highlight.

import { lineRects, rangeFor } from "./text-map.js";

export class Overlay {
  constructor(root, editor) {
    this.root = root;
    this.editor = editor;
    this.byId = new Map();
  }

  /** Redraw every finding (and the shaded quoted/signature zones) over the current text. */
  draw(map, findings, ignored, activeId) {
    const origin = this.root.getBoundingClientRect();
    const frag = document.createDocumentFragment();
    this.byId.clear();
    for (const zone of ignored) {
      const range = rangeFor(this.editor, map, zone.offset, zone.length);
      if (!range) continue;
      const el = document.createElement("span");
      el.className = "tf-ignored";
      el.dataset.reason = zone.reason;
      for (const r of lineRects(range)) el.append(box("tf-ignored-seg", r, origin));
      frag.append(el);
    }
    for (const f of findings) {
      const range = rangeFor(this.editor, map, f.offset, f.length);
      if (!range) continue;
      const rects = lineRects(range);
      if (!rects.length) continue;
      const bound = range.getBoundingClientRect();
      const el = box(`tf-hl tf-sev-${f.severity}`, bound, origin);
      el.dataset.tactfulFinding = f.id;
      el.dataset.rule = f.rule;
      el.dataset.offset = String(f.offset);
      el.dataset.length = String(f.length);
      el.dataset.severity = f.severity;
      el.dataset.category = f.category;
      if (f.id === activeId) el.classList.add("is-active");
      for (const r of rects) {
        const seg = box("tf-hl-seg", r, bound);
        seg.dataset.tactfulSegment = "";
        el.append(seg);
      }
      frag.append(el);
      this.byId.set(f.id, el);
    }
    this.root.replaceChildren(frag);
  }

  setActive(id) {
    for (const [key, el] of this.byId) el.classList.toggle("is-active", key === id);
  }

  /** The id of the finding under a viewport point, or null. */
  hit(x, y) {
    for (const [id, el] of this.byId) {
      for (const seg of el.children) {
        const r = seg.getBoundingClientRect();
        if (x >= r.left && x <= r.right && y >= r.top - 1 && y <= r.bottom + 1) return id;
      }
    }
    return null;
  }

  /** Viewport rect of a drawn finding (the first line box: where a card should point). */
  anchor(id) {
    const el = this.byId.get(id);
    const seg = el?.firstElementChild;
    return seg ? seg.getBoundingClientRect() : null;
  }
}

function box(className, rect, origin) {
  const el = document.createElement("span");
  el.className = className;
  el.style.left = `${rect.left - origin.left}px`;
  el.style.top = `${rect.top - origin.top}px`;
  el.style.width = `${rect.width}px`;
  el.style.height = `${rect.height}px`;
  return el;
}
