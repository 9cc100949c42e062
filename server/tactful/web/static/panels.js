// The side panels: score with its four principles, the structure checklist and the findings
// list. They only display what the server returned.

import { setRich } from "./rich-text.js";

const RING = 2 * Math.PI * 52;
const LABELS = { ready: "Ready to send", review: "Worth a review", risky: "Risky" };
const PARTS = {
  acknowledgement: "Acknowledgement",
  reason: "Reason",
  alternative: "Alternative",
  next_step: "Next step",
};

const $ = (id) => document.getElementById(id);
let refocusing = false;

function summaryFor(analysis) {
  const n = analysis.findings.length;
  const high = analysis.findings.filter((f) => f.severity === "high").length;
  if (!n && analysis.label === "ready") return "Nothing here should sting. Read it once more as the client would.";
  if (high) return `${high} ${high === 1 ? "phrase" : "phrases"} could hurt the relationship. Start with the red ones.`;
  if (n) return `${n} ${n === 1 ? "thing" : "things"} could make the message land softer and clearer.`;
  return "No risky phrase, but the shape of the “no” could be stronger.";
}

export function renderScore(analysis) {
  const label = analysis ? analysis.label : "none";
  $("tf-ring").dataset.label = label;
  $("tf-label").dataset.label = label;
  $("tf-score").textContent = analysis ? String(analysis.score) : "–";
  const filled = analysis ? (RING * analysis.score) / 100 : 0;
  $("tf-ring-value").setAttribute("stroke-dasharray", `${filled.toFixed(1)} ${RING.toFixed(1)}`);
  $("tf-label").textContent = analysis ? LABELS[label] || label : "Waiting for a draft";
  $("tf-summary").textContent = analysis ? summaryFor(analysis)
    : "Paste a reply to a client and Tactful will point out what could land badly.";
  for (const li of $("tf-principles").children) {
    const value = analysis?.principles?.[li.dataset.principle];
    const known = typeof value === "number";
    li.querySelector(".tf-p-val").textContent = known ? String(value) : "–";
    const fill = li.querySelector(".tf-bar-fill");
    fill.style.width = `${known ? value : 0}%`;
    fill.dataset.level = !known ? "none" : value >= 80 ? "good" : value >= 50 ? "fair" : "poor";
  }
}

export function renderChecklist(analysis) {
  const pushback = Boolean(analysis?.pushback);
  $("tf-structure-note").textContent = !analysis
    ? "Checked when the draft turns something down."
    : pushback ? "Your draft says no. A kind no usually has all four."
      : "This draft doesn’t read as a “no”, so the checklist doesn’t apply.";
  for (const li of $("tf-checklist").children) {
    const part = analysis?.structure?.[li.dataset.part];
    const state = !pushback || !part ? "unknown" : part.present ? "yes" : "no";
    li.dataset.present = state;
    li.querySelector(".tf-part-state").textContent = state === "yes" ? ": present"
      : state === "no" ? ": missing" : ": not checked";
    const tip = li.querySelector(".tf-tip");
    setRich(tip, state === "no" ? part.tip || `Add a ${PARTS[li.dataset.part].toLowerCase()}.` : "");
    tip.hidden = state !== "no";
  }
}

export function renderReadability(analysis) {
  const r = analysis?.readability;
  const el = $("tf-readability");
  if (!r || !r.words) {
    el.textContent = "";
    return;
  }
  const tone = typeof analysis.tone?.politeness === "number"
    ? ` · politeness ${Math.round(analysis.tone.politeness * 100)}%` : "";
  el.textContent = `${r.words} words · grade ${r.grade_level}${tone}`;
}

/** The findings list: one button per finding, arrow keys move between them. */
export function renderFindings(findings, { onOpen, onHover }) {
  const list = $("tf-findings");
  const focusedKey = list.contains(document.activeElement)
    ? document.activeElement.dataset.key : null;
  list.replaceChildren();
  $("tf-count").textContent = String(findings.length);
  $("tf-findings-empty").hidden = findings.length > 0;
  for (const f of findings) {
    const li = document.createElement("li");
    li.setAttribute("role", "listitem");
    const btn = document.createElement("button");
    btn.type = "button";
    btn.className = "tf-finding";
    btn.dataset.findingId = f.id;
    btn.dataset.key = `${f.rule}@${f.offset}+${f.length}`;
    btn.dataset.severity = f.severity;
    btn.setAttribute("aria-haspopup", "dialog");
    const dot = document.createElement("span");
    dot.className = "tf-sev-dot";
    dot.setAttribute("aria-hidden", "true");
    const body = document.createElement("span");
    body.className = "tf-finding-body";
    const quote = document.createElement("span");
    quote.className = "tf-finding-text";
    quote.textContent = f.text;
    const msg = document.createElement("span");
    msg.className = "tf-finding-msg";
    msg.textContent = f.message;
    body.append(quote, msg);
    btn.append(dot, body);
    btn.addEventListener("click", () => onOpen(f, btn, true));
    btn.addEventListener("focus", () => {
      if (!refocusing) onOpen(f, btn, false);
    });
    btn.addEventListener("mouseenter", () => onHover(f.id));
    btn.addEventListener("mouseleave", () => onHover(null));
    btn.addEventListener("keydown", (e) => moveFocus(e, list));
    li.append(btn);
    list.append(li);
  }
  if (!focusedKey) return;
  refocusing = true; // keep focus where it was without popping the card open again
  list.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
  refocusing = false;
}

function moveFocus(e, list) {
  const buttons = Array.from(list.querySelectorAll("button"));
  const i = buttons.indexOf(e.currentTarget);
  const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus();
}
