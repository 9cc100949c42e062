/* Small DOM helpers for the extension's own UI (card, panel, confirmation). */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});

  /** el('button', {class: 'x', 'data-a': 1, onclick: fn}, 'text', child) — text is never HTML. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /* Keep the editor's focus and selection when our buttons are pressed. */
  function keepFocus(node) {
    node.addEventListener('mousedown', (e) => e.preventDefault());
    return node;
  }

  /** Place a fixed-position box below (or above) an anchor rect, inside the viewport. */
  function place(node, anchor, gap) {
    const g = gap || 6;
    const box = node.getBoundingClientRect();
    let top = anchor.bottom + g;
    if (top + box.height > innerHeight - 4 && anchor.top - g - box.height > 4) {
      top = anchor.top - g - box.height;
    }
    const left = Math.max(4, Math.min(anchor.left, innerWidth - box.width - 4));
    node.style.left = left + 'px';
    node.style.top = Math.max(4, top) + 'px';
  }

  const SEVERITY_LABEL = { high: 'High', medium: 'Medium', low: 'Low' };

  T.ui = { el, keepFocus, place, SEVERITY_LABEL };
})(globalThis);
