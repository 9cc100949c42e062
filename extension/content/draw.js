/*
 * The overlay: one underline per finding, drawn OUTSIDE the editor from the browser's own
 * line boxes (Range.getClientRects), so nothing ever enters the mail. Pieces are reused
 * between layouts, and clipped to the part of the editor that is actually visible.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});

  function intersect(a, b) {
    const left = Math.max(a.left, b.left);
    const top = Math.max(a.top, b.top);
    const right = Math.min(a.right, b.right);
    const bottom = Math.max(top, Math.min(a.bottom, b.bottom));
    return { left, top, right: Math.max(left, right), bottom };
  }

  /* Ancestors that clip their content (scrolling compose bodies, Gmail's dialogs). */
  function clippingAncestors(el) {
    const out = [];
    for (let node = el.parentElement; node && node !== document.documentElement;
      node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') out.push(node);
    }
    return out;
  }

  /* Merge rects of one line that touch, so a phrase across <b>/<i> is one underline. */
  function mergeLineRects(rects) {
    const out = [];
    for (const r of rects) {
      const prev = out[out.length - 1];
      if (prev && Math.abs(prev.top - r.top) < 1 && Math.abs(prev.bottom - r.bottom) < 1 &&
          r.left - prev.right < 1 && r.left >= prev.left - 1) {
        prev.right = Math.max(prev.right, r.right);
      } else {
        out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
    }
    return out;
  }

  /* Client rects of [offset, offset+length) one text node at a time (a range over whole
     elements would also report their boxes). */
  function findingRects(range, read, finding) {
    const segs = read.segments;
    const from = finding.offset;
    const to = finding.offset + finding.length;
    const rects = [];
    for (const seg of segs) {
      const end = seg.start + seg.length;
      if (end <= from) continue;
      if (seg.start >= to) break;
      if (!seg.node.isConnected || seg.node.data.length !== seg.length) return null; // stale read
      range.setStart(seg.node, Math.max(0, from - seg.start));
      range.setEnd(seg.node, Math.min(seg.length, to - seg.start));
      for (const r of range.getClientRects()) if (r.width > 0.5 && r.height > 0) rects.push(r);
    }
    return mergeLineRects(rects);
  }

  class Overlay {
    constructor(editor) {
      this.editor = editor;
      this.root = document.createElement('div');
      this.root.setAttribute('data-tactful-overlay', '');
      this.root.className = 'tactful-overlay';
      this.clip = document.createElement('div');
      this.clip.className = 'tactful-clip';
      this.root.append(this.clip);
      (document.body || document.documentElement).append(this.root);
      this.range = document.createRange();
      this.pieces = [];
      this.hits = [];
      this.findings = [];
      this.read = null;
      this.clippers = clippingAncestors(editor);
      this.visible = null;
      this.onStale = null;
    }

    render(findings, read) {
      this.findings = findings;
      this.read = read;
      this.layout();
    }

    /* Visible part of the editor in viewport coordinates. */
    visibleRect() {
      let rect = this.editor.getBoundingClientRect();
      for (const node of this.clippers) rect = intersect(rect, node.getBoundingClientRect());
      return intersect(rect, {
        left: 0, top: 0, right: innerWidth, bottom: innerHeight,
      });
    }

    layout() {
      if (!this.editor.isConnected) return;
      const clip = this.visibleRect();
      this.visible = clip;
      const style = this.clip.style;
      style.left = clip.left + 'px';
      style.top = clip.top + 'px';
      style.width = clip.right - clip.left + 'px';
      style.height = clip.bottom - clip.top + 'px';
      const hits = [];
      let used = 0;
      const fresh = document.createDocumentFragment();
      let stale = false;
      for (const finding of this.read ? this.findings : []) {
        const rects = findingRects(this.range, this.read, finding);
        if (!rects) {
          stale = true;
          continue;
        }
        rects.forEach((r, index) => {
          let piece = this.pieces[used];
          if (!piece) {
            piece = document.createElement('div');
            this.pieces.push(piece);
            fresh.append(piece);
          }
          used++;
          piece.className = 'tactful-piece tactful-' + finding.severity;
          piece.setAttribute('data-tactful-finding', finding.id);
          piece.setAttribute('data-rule', finding.rule);
          piece.setAttribute('data-offset', String(finding.offset));
          piece.setAttribute('data-length', String(finding.length));
          piece.setAttribute('data-severity', finding.severity);
          piece.setAttribute('data-piece', String(index));
          const s = piece.style;
          s.left = r.left - clip.left + 'px';
          s.top = r.top - clip.top + 'px';
          s.width = r.right - r.left + 'px';
          s.height = r.bottom - r.top + 'px';
          hits.push({ rect: r, finding, piece });
        });
      }
      if (fresh.childNodes.length) this.clip.append(fresh);
      for (const piece of this.pieces.splice(used)) piece.remove();
      this.hits = hits;
      if (stale && this.onStale) requestAnimationFrame(this.onStale);
    }

    /* The finding drawn under a viewport point, if any (only inside the visible area). */
    hitTest(x, y) {
      const v = this.visible;
      if (!v || x < v.left || x > v.right || y < v.top || y > v.bottom) return null;
      for (const hit of this.hits) {
        const r = hit.rect;
        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return hit;
      }
      return null;
    }

    piecesFor(finding) {
      return this.hits.filter((h) => h.finding.id === finding.id);
    }

    setActive(finding) {
      for (const hit of this.hits) {
        hit.piece.classList.toggle('tactful-active', !!finding && hit.finding.id === finding.id);
      }
    }

    destroy() {
      this.root.remove();
      this.pieces = [];
      this.hits = [];
    }
  }

  T.draw = { Overlay, mergeLineRects, findingRects };
})(globalThis);
