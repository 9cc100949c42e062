// The playground page: wires the editor, the overlay, the card and the panels to the API.
// It decides nothing about the text itself; every finding, score and rewrite comes from the
// server, and this file only keeps them on screen and in step with the writer's edits.

import { analyze, rewrite } from "./api.js";
import { Card } from "./card.js";
import { insertPlain, replaceAll, replaceSpan, shiftFindings } from "./edit.js";
import { Overlay } from "./overlay.js";
import { renderChecklist, renderFindings, renderReadability, renderScore } from "./panels.js";
import { renderCompare } from "./rewrite-view.js";
import { readEditor } from "./text-map.js";

const DEBOUNCE_MS = 300;
const HOVER_MS = 120;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];
const STATE_LABEL = { checking: "Checking…", ready: "Up to date", offline: "Offline" };

const $ = (id) => document.getElementById(id);
const editor = $("tf-editor");
const overlay = new Overlay($("tf-overlay"), editor);
const notice = $("tf-notice");

const model = {
  text: "",
  strictness: "balanced",
  analysis: null,
  findings: [],
  ignored: [],
  seq: 0, // bumped per request: only the newest answer is drawn
  version: 0, // bumped per edit: an answer about older text is dropped
  activeId: null,
  retry: 0,
  rewrite: null,
};
const timers = { analyze: 0, retry: 0, hover: 0, frame: 0, notice: 0 };

const card = new Card($("tf-card"), {
  onApply: (finding, suggestion) => applySuggestion(finding, suggestion),
  onClose: () => setActive(null),
  bounds: () => $("tf-editor-wrap").getBoundingClientRect(),
});

// ---- state and notices -------------------------------------------------------------

function setState(state) {
  editor.dataset.tactfulState = state;
  $("tf-state-text").dataset.state = state;
  $("tf-state-label").textContent = STATE_LABEL[state];
}

/** `kind` "connection" notices clear as soon as the server answers again; "info" notices
 *  stay a few seconds so they can be read. */
function showNotice(message, tone = "calm", kind = "connection") {
  clearTimeout(timers.notice);
  notice.textContent = message;
  notice.dataset.tone = tone;
  notice.dataset.kind = kind;
  notice.hidden = false;
  if (kind === "info") timers.notice = setTimeout(() => hideNotice("info"), 6000);
}

function hideNotice(kind = null) {
  if (kind && notice.dataset.kind !== kind) return;
  clearTimeout(timers.notice);
  notice.hidden = true;
  notice.textContent = "";
}

// ---- drawing -----------------------------------------------------------------------

function draw() {
  cancelAnimationFrame(timers.frame);
  timers.frame = 0;
  const map = readEditor(editor);
  overlay.draw(map, model.findings, model.ignored, model.activeId);
  if (!card.openId) return;
  const anchor = overlay.anchor(card.openId);
  const box = editor.getBoundingClientRect();
  if (!anchor || anchor.bottom < box.top || anchor.top > box.bottom) card.close(false);
  else card.place(anchor);
}

function drawSoon() {
  if (!timers.frame) timers.frame = requestAnimationFrame(draw);
}

function setActive(id) {
  model.activeId = id;
  overlay.setActive(id);
}

function renderLists() {
  renderFindings(model.findings, { onOpen: openFromList, onHover: (id) => setActive(id) });
}

function renderAll() {
  renderScore(model.analysis);
  renderChecklist(model.analysis);
  renderReadability(model.analysis);
  renderLists();
  draw();
}

// ---- analysis ----------------------------------------------------------------------

function scheduleAnalyze(delay = DEBOUNCE_MS) {
  clearTimeout(timers.analyze);
  timers.analyze = setTimeout(analyzeNow, delay);
}

async function analyzeNow() {
  clearTimeout(timers.analyze);
  clearTimeout(timers.retry);
  const text = model.text;
  const seq = ++model.seq;
  const version = model.version;
  if (!text.trim()) {
    Object.assign(model, { analysis: null, findings: [], ignored: [] });
    card.close(false);
    setState("ready");
    hideNotice("connection");
    renderAll();
    return;
  }
  setState("checking");
  let data;
  try {
    data = await analyze(text, model.strictness);
  } catch (err) {
    if (seq === model.seq) failed(err);
    return;
  }
  if (seq !== model.seq || version !== model.version) return; // a newer edit or request won
  model.retry = 0;
  model.analysis = data;
  // The contract promises finding.text === the slice; keep only what really lines up.
  model.findings = data.findings.filter((f) => text.slice(f.offset, f.offset + f.length) === f.text);
  model.ignored = data.ignored || [];
  keepCardOpen();
  setState("ready");
  hideNotice("connection");
  renderAll();
}

/** Ids are per response: follow the open card's finding into the new answer by its span,
 *  or close the card when that finding is gone. */
function keepCardOpen() {
  const open = card.finding && card.openId ? card.finding : null;
  if (!open) return;
  const same = model.findings.find((f) => f.rule === open.rule && f.offset === open.offset
    && f.length === open.length);
  if (!same) {
    card.close(false);
    return;
  }
  card.finding = same;
  model.activeId = same.id;
}

function failed(err) {
  if (err.kind === "offline" || err.kind === "unauthorized") {
    setState("offline");
    const wait = RETRY_MS[Math.min(model.retry, RETRY_MS.length - 1)];
    model.retry += 1;
    showNotice(err.kind === "unauthorized"
      ? "This Tactful server asks for a token, so the playground cannot check drafts here."
      : `Can’t reach the Tactful server right now. Your draft is safe on this page; `
        + `checking again in ${Math.round(wait / 1000)} s.`, "calm");
    if (err.kind === "offline") timers.retry = setTimeout(analyzeNow, wait);
    return;
  }
  setState("ready");
  if (err.kind === "rate-limited") {
    showNotice("Lots of checks in a short time. Pausing for a few seconds…", "calm");
    timers.retry = setTimeout(analyzeNow, 5000);
  } else if (err.kind === "too-long") {
    showNotice(`This draft is longer than the server accepts. ${err.message}`, "warn");
  } else {
    showNotice(err.message, "warn", "info");
  }
}

// ---- editing -----------------------------------------------------------------------

function onInput() {
  const { text } = readEditor(editor);
  model.findings = shiftFindings(model.findings, model.text, text);
  model.ignored = shiftFindings(model.ignored, model.text, text);
  model.text = text;
  model.version += 1;
  editor.classList.toggle("is-empty", text.trim() === "");
  if (card.openId && !model.findings.some((f) => f.id === card.openId)) card.close(false);
  renderLists();
  draw();
  if (editor.dataset.tactfulState !== "offline") setState("checking");
  scheduleAnalyze();
}

function applySuggestion(finding, suggestion) {
  const current = model.findings.find((f) => f.id === finding.id) || finding;
  const ok = replaceSpan(editor, current.offset, current.length, current.text, suggestion.text);
  card.close(false);
  if (!ok) {
    showNotice("That part of the draft has changed, so the suggestion was not applied. "
      + "Checking again…", "calm", "info");
    analyzeNow();
    return;
  }
  analyzeNow();
}

function undo() {
  editor.focus({ preventScroll: true });
  document.execCommand("undo");
}

// ---- the card: hover and keyboard ----------------------------------------------------

function findingById(id) {
  return model.findings.find((f) => f.id === id) || null;
}

function openFromList(finding, button, moveFocus) {
  if (card.restoring) return;
  const f = findingById(finding.id);
  if (!f) return;
  setActive(f.id);
  revealInEditor(f.id);
  card.open(f, overlay.anchor(f.id) || button.getBoundingClientRect(),
    { opener: button, focus: moveFocus });
}

/** Scroll the editor (not the page) so a highlight is visible. */
function revealInEditor(id) {
  const a = overlay.anchor(id);
  if (!a) return;
  const box = editor.getBoundingClientRect();
  if (a.top < box.top + 8) editor.scrollTop -= box.top + 8 - a.top;
  else if (a.bottom > box.bottom - 8) editor.scrollTop += a.bottom - box.bottom + 8;
  draw();
}

function onPointerMove(e) {
  const id = overlay.hit(e.clientX, e.clientY);
  clearTimeout(timers.hover);
  if (!id) {
    if (card.openId && !card.opener) card.hideSoon();
    return;
  }
  if (id === card.openId) return;
  timers.hover = setTimeout(() => {
    const f = findingById(id);
    if (!f) return;
    setActive(id);
    card.open(f, overlay.anchor(id));
  }, HOVER_MS);
}

// ---- cushion it ----------------------------------------------------------------------

async function cushion() {
  const button = $("tf-cushion");
  const text = model.text;
  if (!text.trim()) {
    showNotice("Write or paste a draft first, then Tactful can cushion it.", "calm", "info");
    editor.focus();
    return;
  }
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    const result = await rewrite(text, model.strictness);
    model.rewrite = { from: text, result };
    const n = renderCompare($("tf-rewrite-original"), $("tf-rewrite-text"), text, result);
    $("tf-rewrite-sub").textContent = n
      ? `${n} ${n === 1 ? "change" : "changes"}, marked in both versions. Replace any [placeholder] with your own facts.`
      : "Nothing to cushion: the draft already reads well.";
    const panel = $("tf-rewrite");
    panel.hidden = false;
    panel.scrollIntoView({ block: "nearest", behavior: "smooth" });
    $("tf-use-rewrite").focus({ preventScroll: true });
  } catch (err) {
    failed(err);
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

function useRewrite() {
  const r = model.rewrite;
  if (!r) return;
  if (r.from !== model.text) {
    showNotice("Your draft changed after it was cushioned. Press “Cushion it” again for a fresh "
      + "version.", "calm", "info");
    return;
  }
  replaceAll(editor, r.result.text);
  closeRewrite(false);
  analyzeNow();
}

function closeRewrite(focusButton = true) {
  $("tf-rewrite").hidden = true;
  model.rewrite = null;
  if (focusButton) $("tf-cushion").focus();
}

// ---- examples ----------------------------------------------------------------------

async function loadExamples() {
  const select = $("tf-examples");
  let examples = [];
  try {
    const resp = await fetch("/static/examples.json", { cache: "no-cache" });
    examples = resp.ok ? await resp.json() : [];
  } catch {
    examples = [];
  }
  for (const ex of examples) {
    const opt = document.createElement("option");
    opt.value = ex.id;
    opt.textContent = ex.title;
    select.append(opt);
  }
  select.disabled = examples.length === 0;
  select.addEventListener("change", () => {
    const ex = examples.find((e) => e.id === select.value);
    if (!ex) return;
    replaceAll(editor, ex.text);
    editor.scrollTop = 0;
    closeRewrite(false);
    analyzeNow();
  });
}

// ---- wiring ------------------------------------------------------------------------

function wire() {
  editor.addEventListener("input", onInput);
  editor.addEventListener("paste", (e) => {
    const text = e.clipboardData?.getData("text/plain");
    if (typeof text !== "string") return;
    e.preventDefault();
    insertPlain(text.replace(/\r\n?/g, "\n"));
  });
  editor.addEventListener("scroll", drawSoon, { passive: true });
  editor.addEventListener("mousemove", onPointerMove);
  editor.addEventListener("mouseleave", () => {
    clearTimeout(timers.hover);
    if (card.openId && !card.opener) card.hideSoon();
  });
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && card.openId) card.close(false);
  });
  window.addEventListener("resize", drawSoon);
  new ResizeObserver(drawSoon).observe(editor);
  document.fonts?.ready.then(drawSoon);
  window.addEventListener("online", () => {
    if (editor.dataset.tactfulState === "offline") analyzeNow();
  });
  for (const radio of document.querySelectorAll('input[name="strictness"]')) {
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      model.strictness = radio.value;
      closeRewrite(false);
      analyzeNow();
    });
  }
  $("tf-undo").addEventListener("click", undo);
  $("tf-cushion").addEventListener("click", cushion);
  $("tf-use-rewrite").addEventListener("click", useRewrite);
  $("tf-close-rewrite").addEventListener("click", () => closeRewrite(true));
  $("tf-rewrite").addEventListener("keydown", (e) => {
    if (e.key === "Escape") closeRewrite(true);
  });
  document.addEventListener("pointerdown", (e) => {
    if (card.openId && !$("tf-card").contains(e.target)) card.close(false);
  });
}

function start() {
  if (!editor.isContentEditable) editor.contentEditable = "true"; // engines without plaintext-only
  const checked = document.querySelector('input[name="strictness"]:checked');
  model.strictness = checked ? checked.value : "balanced";
  wire();
  setState("ready");
  renderAll();
  loadExamples();
  model.text = readEditor(editor).text;
  if (model.text.trim()) analyzeNow();
}

start();
