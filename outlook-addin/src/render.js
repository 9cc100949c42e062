/*
 * Draw an analysis in the task pane: score and label, the four parts of a pushback, and
 * the findings grouped by severity with a "Use: …" button per suggestion.  Only displays
 * what the server said; it decides nothing.  Builds nodes with textContent, never HTML
 * strings, so nothing from a draft can become markup.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TactfulRender = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SEVERITIES = [
    { key: "high", title: "Likely to hurt" },
    { key: "medium", title: "Weakens your message" },
    { key: "low", title: "Polish" },
  ];
  var LABELS = {
    ready: ["Ready to send", "Nothing here should sting."],
    review: ["Worth a second look", "A few phrases could land harder than you mean."],
    risky: ["Risky", "The client may read this as a fight. Cushion it before sending."],
  };
  var PARTS = [
    ["acknowledgement", "Acknowledge what they asked for"],
    ["reason", "Give the reason"],
    ["alternative", "Offer an alternative"],
    ["next_step", "Name the next step"],
  ];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /** Group findings by severity, keeping the server's order (by offset) inside a group. */
  function groupBySeverity(findings) {
    return SEVERITIES.map(function (s) {
      return { key: s.key, title: s.title,
        findings: findings.filter(function (f) { return f.severity === s.key; }) };
    }).filter(function (g) { return g.findings.length > 0; });
  }

  function summary(els, analysis) {
    var label = LABELS[analysis.label] || [analysis.label, ""];
    els.score.textContent = String(analysis.score);
    els.label.textContent = label[0];
    els.label.setAttribute("data-label", analysis.label);
    els.labelNote.textContent = label[1];
    els.summary.hidden = false;
  }

  function structure(els, analysis) {
    clear(els.structureList);
    if (!analysis.pushback || !analysis.structure) {
      els.structure.hidden = true;
      return;
    }
    PARTS.forEach(function (p) {
      var part = analysis.structure[p[0]] || {};
      var present = !!part.present;
      els.structureList.appendChild(el("li", { className: present ? "ok" : "missing",
        "data-part": p[0], "data-present": String(present) }, [
        el("span", { className: "mark", "aria-hidden": "true", text: present ? "✓" : "○" }),
        el("div", {}, [
          el("strong", { text: p[1] }),
          !present && part.tip ? el("p", { className: "tip", text: part.tip }) : null,
        ]),
      ]));
    });
    els.structure.hidden = false;
  }

  /** The findings list; `onApply(finding, suggestion)` runs when a "Use: …" is pressed. */
  function findings(container, analysis, onApply) {
    clear(container);
    var groups = groupBySeverity(analysis.findings || []);
    if (groups.length === 0) {
      container.appendChild(el("p", { className: "empty",
        text: "No risky phrases found at this strictness." }));
    }
    groups.forEach(function (g) {
      var section = el("section", { className: "group", "data-severity": g.key }, [
        el("h2", { text: g.title + " (" + g.findings.length + ")" }),
      ]);
      g.findings.forEach(function (f) { section.appendChild(finding(f, onApply)); });
      container.appendChild(section);
    });
    var reasons = (analysis.ignored || []).map(function (i) { return i.reason; });
    var left = [];
    if (reasons.indexOf("quoted-reply") >= 0) left.push("the quoted thread");
    if (reasons.indexOf("signature") >= 0) left.push("your signature");
    if (left.length) {
      container.appendChild(el("p", { className: "note",
        text: "Not checked: " + left.join(" and ") + " (not your words in this email)." }));
    }
  }

  function finding(f, onApply) {
    var buttons = el("div", { className: "suggestions" });
    (f.suggestions || []).forEach(function (s) {
      var b = el("button", { type: "button", className: "use", "data-tactful-action": "apply",
        title: s.note || "" }, [el("span", { text: "Use: " }), el("q", { text: s.text })]);
      b.addEventListener("click", function () { onApply(f, s); });
      buttons.appendChild(b);
    });
    if (!f.suggestions || f.suggestions.length === 0) {
      buttons.appendChild(el("p", { className: "note", text: "Rephrase this in your own words." }));
    }
    return el("article", { className: "finding", "data-tactful-finding": f.id, "data-rule": f.rule,
      "data-severity": f.severity, "data-category": f.category }, [
      el("p", { className: "phrase" }, [el("q", { text: f.text })]),
      el("p", { className: "message", text: f.message }),
      f.explanation ? el("p", { className: "explanation", text: f.explanation }) : null,
      buttons,
    ]);
  }

  return { summary: summary, structure: structure, findings: findings,
    groupBySeverity: groupBySeverity, clear: clear };
});
