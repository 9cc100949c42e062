// A tiny stand-in for the DOM: just the Node API that content/read.js walks.
class Node {
  constructor() {
    this.parentNode = null;
    this.childNodes = [];
  }
  get firstChild() {
    return this.childNodes[0] || null;
  }
  get nextSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  append(...nodes) {
    for (const n of nodes) {
      const node = typeof n === 'string' ? new Text(n) : n;
      node.parentNode = this;
      this.childNodes.push(node);
    }
    return this;
  }
}

class Text extends Node {
  constructor(data) {
    super();
    this.nodeType = 3;
    this.nodeName = '#text';
    this.data = data;
  }
}

class Element extends Node {
  constructor(tag, attrs = {}) {
    super();
    this.nodeType = 1;
    this.nodeName = tag.toUpperCase();
    this.attrs = { ...attrs };
    this.id = attrs.id || '';
    this.className = attrs.class || '';
  }
  getAttribute(name) {
    return name in this.attrs ? this.attrs[name] : null;
  }
  get classList() {
    const names = this.className.split(/\s+/).filter(Boolean);
    return { contains: (n) => names.includes(n) };
  }
}

/** h('div', {class: 'x'}, 'text', h('br')) */
export function h(tag, attrs, ...children) {
  const el = new Element(tag, attrs || {});
  el.append(...children);
  return el;
}

export function text(data) {
  return new Text(data);
}

/** All text nodes under a node, in order. */
export function textNodes(node, out = []) {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) out.push(child);
    else textNodes(child, out);
  }
  return out;
}
