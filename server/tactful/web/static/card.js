// The finding card: message, explanation and one-click suggestions. Opens on hover over a
// highlight or from the findings list (keyboard); Escape closes it and gives focus back.

import { setRich } from "./rich-text.js";

const SEVERITY = { high: "High risk", medium: "Worth fixing", low: "Style" };
const GAP = 8;

export class Card {
  constructor(root, { onApply, onClose, bounds }) {
    this.root = root;
    this.bounds = bounds; // () => the viewport rect the card should stay inside, if it can
    this.onApply = onApply;
    this.onClose = onClose;
    this.finding = null;
    this.opener = null;
    this.hideTimer = 0;
    this.restoring = false;
    this.$ = (id) => root.querySelector(`#${id}`);
    this.$("tf-card-close").addEventListener("click", () => this.close(true));
    root.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.close(true);
      }
    });
    root.addEventListener("mouseenter", () => clearTimeout(this.hideTimer));
    root.addEventListener("mouseleave", () => this.hideSoon());
  }

  get openId() {
    return this.root.hidden ? null : this.finding?.id ?? null;
  }

  /** Show `finding` next to `anchor` (a viewport rect). `opener` gets focus back on close;
   *  with `focus`, keyboard focus moves into the card. */
  open(finding, anchor, { opener = null, focus = false } = {}) {
    clearTimeout(this.hideTimer);
    this.finding = finding;
    this.opener = opener;
    const sev = this.$("tf-card-severity");
    sev.textContent = SEVERITY[finding.severity] || finding.severity;
    sev.dataset.severity = finding.severity;
    this.$("tf-card-category").textContent = finding.category.replace(/-/g, " ");
    this.$("tf-card-message").textContent = finding.message;
    this.$("tf-card-quote").textContent = `“${finding.text}”`;
    setRich(this.$("tf-card-explanation"), finding.explanation);
    this.$("tf-card-rule").textContent = finding.rule;
    const box = this.$("tf-card-suggestions");
    box.replaceChildren();
    for (const [i, s] of (finding.suggestions || []).entries()) {
      const btn = document.createElement("button");
      btn.type = "button";
      btn.className = "tf-suggestion";
      btn.dataset.tactfulAction = "apply";
      btn.dataset.index = String(i);
      const text = document.createElement("span");
      text.className = "tf-suggestion-text";
      text.textContent = s.text === "" ? "Remove it" : s.text;
      btn.append(text);
      if (s.note) {
        const note = document.createElement("span");
        note.className = "tf-suggestion-note";
        note.textContent = s.note;
        btn.append(note);
      }
      btn.setAttribute("aria-label", s.text === "" ? `Remove “${finding.text}”`
        : `Replace with “${s.text}”${s.note ? `. ${s.note}` : ""}`);
      btn.addEventListener("click", () => this.onApply(finding, s));
      box.append(btn);
    }
    box.hidden = !box.children.length;
    this.root.hidden = false;
    this.place(anchor);
    if (focus) (box.querySelector("button") || this.$("tf-card-close")).focus();
  }

  place(anchor) {
    if (!anchor) return;
    const card = this.root.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const area = this.bounds?.() || { left: 0, right: vw };
    const right = Math.min(area.right, vw - GAP);
    let left = Math.min(Math.max(area.left, anchor.left - 12), right - card.width);
    let top = anchor.bottom + GAP;
    if (top + card.height > vh - GAP && anchor.top - card.height - GAP > GAP) {
      top = anchor.top - card.height - GAP;
    }
    left = Math.max(GAP, left);
    this.root.style.left = `${left + window.scrollX}px`;
    this.root.style.top = `${top + window.scrollY}px`;
  }

  hideSoon(delay = 250) {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      if (!this.root.matches(":hover") && !this.root.contains(document.activeElement)) {
        this.close(false);
      }
    }, delay);
  }

  close(restoreFocus) {
    clearTimeout(this.hideTimer);
    if (this.root.hidden) return;
    const hadFocus = this.root.contains(document.activeElement);
    this.root.hidden = true;
    this.finding = null;
    if ((restoreFocus || hadFocus) && this.opener?.isConnected) {
      this.restoring = true; // the opener's focus handler must not reopen the card
      this.opener.focus();
      this.restoring = false;
    }
    this.opener = null;
    this.onClose();
  }
}
