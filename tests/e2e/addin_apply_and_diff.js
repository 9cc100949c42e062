// Apply one suggestion to an HTML body, then walk the old and new DOMs side by side and
// list every difference: anything but the flagged words' text node differing is a loss.
// Evaluated by tests/e2e/test_addin_replace.py as a Playwright page function.
([html, text, phrase, nth, replacement]) => {
  const plain = text === null ? TactfulOfficeStub.htmlToText(html) : text;
  const occ = TactfulLocate.occurrences(plain, phrase)[nth];
  if (!occ) return {error: "phrase not in plain text: " + JSON.stringify(plain)};
  const finding = {offset: occ[0], length: occ[1] - occ[0], text: plain.slice(occ[0], occ[1])};
  const result = TactfulHtmlBody.applySuggestion(html, plain, finding, replacement);
  if (result.status !== "ok") return {status: result.status};
  const parse = (h) => new DOMParser().parseFromString(h, "text/html");
  const diffs = [];
  const walk = (a, b, path) => {
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) {
      diffs.push({path, kind: "node", before: a.nodeName, after: b.nodeName}); return;
    }
    if (a.nodeType === 3 || a.nodeType === 8) {
      if (a.nodeValue !== b.nodeValue) diffs.push({path, kind: "text", before: a.nodeValue, after: b.nodeValue});
      return;
    }
    if (a.nodeType === 1) {
      const attrs = (n) => Array.from(n.attributes).map((x) => x.name + "=" + x.value).join("\n");
      if (attrs(a) !== attrs(b)) diffs.push({path, kind: "attrs", before: attrs(a), after: attrs(b)});
    }
    if (a.childNodes.length !== b.childNodes.length) {
      diffs.push({path, kind: "children", before: a.childNodes.length, after: b.childNodes.length}); return;
    }
    for (let i = 0; i < a.childNodes.length; i++) walk(a.childNodes[i], b.childNodes[i], path + "/" + a.childNodes[i].nodeName + "[" + i + "]");
  };
  walk(parse(html), parse(result.html), "");
  return {status: "ok", html: result.html, diffs, plainAfter: TactfulOfficeStub.htmlToText(result.html)};
}
