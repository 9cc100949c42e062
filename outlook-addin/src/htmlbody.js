/*
 * Apply phrase edits to an email's HTML body without losing anything.
 *
 * The body is parsed with DOMParser and only the value of a text node is ever changed:
 * every element, attribute, image, style and the quoted thread stay exactly as they were.
 * Where an edit cannot be placed without guessing (the phrase is split by formatting, or
 * occurs a different number of times than in the text that was checked) nothing is changed
 * and the caller asks the writer to select the words instead.
 */
(function (root, factory) {
  var api = factory(root.TactfulLocate || (typeof require === "function" ? require("./locate.js") : null));
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TactfulHtmlBody = api;
})(typeof self !== "undefined" ? self : this, function (locate) {
  "use strict";

  // Never the writer's visible words.
  var SKIP = { HEAD: 1, SCRIPT: 1, STYLE: 1, TITLE: 1, TEMPLATE: 1, NOSCRIPT: 1, XML: 1 };
  // A phrase never runs across these: they start a new line or hold a non-text object.
  var BREAK = { ADDRESS: 1, ARTICLE: 1, ASIDE: 1, BLOCKQUOTE: 1, BR: 1, DD: 1, DIV: 1, DL: 1,
    DT: 1, FIGURE: 1, FOOTER: 1, FORM: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, HEADER: 1,
    HR: 1, IMG: 1, LI: 1, OL: 1, P: 1, PRE: 1, SECTION: 1, TABLE: 1, TBODY: 1, TD: 1, TH: 1,
    THEAD: 1, TR: 1, UL: 1, OBJECT: 1, IFRAME: 1, VIDEO: 1, SVG: 1, BODY: 1 };

  /** The visible text nodes in document order, with null at every line or object break. */
  function collect(root) {
    var nodes = [];
    var segments = [];
    (function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          nodes.push(child);
          segments.push(child.nodeValue);
        } else if (child.nodeType === 1) {
          var name = child.nodeName.toUpperCase();
          if (SKIP[name]) continue;
          var breaks = !!BREAK[name];
          if (breaks) { nodes.push(null); segments.push(null); }
          walk(child);
          if (breaks) { nodes.push(null); segments.push(null); }
        }
      }
    })(root);
    return { nodes: nodes, segments: segments };
  }

  function isDocument(html) { return /<(html|body)[\s>]/i.test(html) || /^\s*<!doctype/i.test(html); }

  function serialize(doc, wasDocument) {
    if (!wasDocument) return doc.head.innerHTML + doc.body.innerHTML;
    var doctype = doc.doctype ? new XMLSerializer().serializeToString(doc.doctype) : "";
    return doctype + doc.documentElement.outerHTML;
  }

  /**
   * Apply `edits` ({offset, length, text, replacement} over `plainText`, the body as text
   * when it was checked) to `html`.  Returns {status: "ok", html, changed} or the failing
   * status from TactfulLocate.planEdits with the edit that failed.
   */
  function applyEdits(html, plainText, edits) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var found = collect(doc.body);
    var plan = locate.planEdits(plainText, found.segments, edits);
    if (plan.status !== "ok") return plan;
    var bySegment = {};
    plan.edits.forEach(function (e) { (bySegment[e.segment] = bySegment[e.segment] || []).push(e); });
    Object.keys(bySegment).forEach(function (k) {
      var node = found.nodes[k];
      node.nodeValue = locate.applyToSegment(node.nodeValue, bySegment[k]);
    });
    return { status: "ok", html: serialize(doc, isDocument(html)), changed: plan.edits.length };
  }

  /** One suggestion for one finding. */
  function applySuggestion(html, plainText, finding, replacement) {
    return applyEdits(html, plainText, [{ offset: finding.offset, length: finding.length,
      text: finding.text, replacement: replacement }]);
  }

  return { applyEdits: applyEdits, applySuggestion: applySuggestion, collect: collect };
});
