// The server writes plain text with an occasional *emphasis*; show it without ever
// parsing HTML.

/** Text with the server's *emphasis* shown as <em>, built from text nodes (never HTML). */
export function setRich(el, text) {
  el.replaceChildren();
  String(text || "").split(/\*([^*\n]+)\*/).forEach((part, i) => {
    if (!part) return;
    if (i % 2) {
      const em = document.createElement("em");
      em.textContent = part;
      el.append(em);
    } else {
      el.append(document.createTextNode(part));
    }
  });
}
