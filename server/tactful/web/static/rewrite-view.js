// The "Cushion it" comparison: the original with the replaced spans struck through, and the
// rewrite with the new words marked, both built from the server's `changes` (UTF-16 offsets
// into the original, exactly like JavaScript string indices).

/** Split the original into kept and changed pieces; returns null if the changes do not
 *  rebuild the server's rewrite (then the page shows the rewrite unmarked). */
export function pieces(original, result) {
  const changes = [...(result.changes || [])].sort((a, b) => a.offset - b.offset);
  const out = [];
  let at = 0;
  for (const c of changes) {
    if (c.offset < at || c.offset + c.length > original.length) return null;
    if (c.offset > at) out.push({ kind: "same", text: original.slice(at, c.offset) });
    out.push({
      kind: "change",
      removed: original.slice(c.offset, c.offset + c.length),
      added: c.replacement,
      rule: c.rule || "",
    });
    at = c.offset + c.length;
  }
  if (at < original.length) out.push({ kind: "same", text: original.slice(at) });
  const rebuilt = out.map((p) => (p.kind === "same" ? p.text : p.added)).join("");
  return rebuilt === result.text ? out : null;
}

/** `tag` around `text`; in added text, [placeholders] the writer must fill are <mark>ed. */
function mark(tag, text, rule) {
  const el = document.createElement(tag);
  if (rule) el.title = rule;
  if (tag !== "ins") {
    el.textContent = text;
    return el;
  }
  text.split(/(\[[^\]\n]+\])/).forEach((part, i) => {
    if (!part) return;
    if (i % 2) {
      const m = document.createElement("mark");
      m.textContent = part;
      m.title = "Fill this in with your own facts";
      el.append(m);
    } else {
      el.append(document.createTextNode(part));
    }
  });
  return el;
}

/** Fill the two columns; returns the number of changes shown. */
export function renderCompare(originalEl, rewriteEl, original, result) {
  const parts = pieces(original, result);
  originalEl.replaceChildren();
  rewriteEl.replaceChildren();
  if (!parts) {
    originalEl.textContent = original;
    rewriteEl.textContent = result.text;
    return (result.changes || []).length;
  }
  let n = 0;
  for (const p of parts) {
    if (p.kind === "same") {
      originalEl.append(document.createTextNode(p.text));
      rewriteEl.append(document.createTextNode(p.text));
      continue;
    }
    n += 1;
    if (p.removed) originalEl.append(mark("del", p.removed, p.rule));
    if (p.added) {
      const ins = mark("ins", p.added, p.rule);
      ins.dataset.tactfulChange = p.rule;
      rewriteEl.append(ins);
    }
  }
  return n;
}
