/*
 * The task pane's controller: read the draft, ask the server, show the answer, and apply
 * what the writer picks without losing anything in the message.
 *
 * Outlook has no "body changed" event and polling the body has made Outlook hang, so the
 * pane checks when opened, when "Check" is pressed, when it regains focus (only if the
 * draft changed), and re-checks before applying anything to a draft that moved on.
 */
(function () {
  "use strict";

  var STRICTNESS_KEY = "tactful.strictness";
  var TOKEN_KEY = "tactful.token";
  var STRICTNESS = ["gentle", "balanced", "strict"];

  var $ = function (id) { return document.getElementById(id); };
  var els = {
    pane: $("pane"), check: $("check"), cushion: $("cushion"), status: $("status"),
    strictness: $("strictness"), ask: $("ask"), askText: $("ask-text"),
    replaceSelection: $("replace-selection"), askCancel: $("ask-cancel"),
    summary: $("summary"), score: $("score"), label: $("label"), labelNote: $("label-note"),
    structure: $("structure"), structureList: $("structure-list"), findings: $("findings"),
    rewrite: $("rewrite"), rewriteText: $("rewrite-text"), rewriteApply: $("rewrite-apply"),
    rewriteCopy: $("rewrite-copy"), rewriteClose: $("rewrite-close"),
    token: $("token"), tokenSave: $("token-save"),
  };

  var office = null;
  var client = null;
  var state = { text: null, analysis: null, seq: 0, pending: null, rewrite: null };

  function setState(s) { els.pane.setAttribute("data-tactful-state", s); }

  function say(message, kind) {
    els.status.textContent = message || "";
    els.status.setAttribute("data-kind", kind || "info");
  }

  function strictness() {
    var v = els.strictness.value;
    return STRICTNESS.indexOf(v) >= 0 ? v : "balanced";
  }

  function quote(s) { return "\u201c" + s + "\u201d"; }

  function clearResults() {
    state.analysis = null;
    els.summary.hidden = true;
    els.structure.hidden = true;
    TactfulRender.clear(els.findings);
    els.cushion.disabled = true;
  }

  function draw(analysis) {
    TactfulRender.summary(els, analysis);
    TactfulRender.structure(els, analysis);
    TactfulRender.findings(els.findings, analysis, apply);
    els.cushion.disabled = false;
  }

  function reportError(err) {
    if (err && err.kind === "offline") {
      setState("offline");
      say(err.message + " Is it running at " + location.origin + "?", "error");
    } else {
      setState("ready");
      say(err && err.message ? err.message : String(err), "error");
    }
  }

  /** Read the draft, analyse it, draw the answer.  A newer check supersedes an older one. */
  async function check() {
    if (!office.hasItem()) {
      setState("paused");
      say("Open a message you are writing, then press Check.");
      return;
    }
    var seq = ++state.seq;
    setState("checking");
    say("Checking\u2026");
    try {
      var text = await office.bodyText();
      if (!text.trim()) {
        if (seq !== state.seq) return;
        state.text = text;
        clearResults();
        setState("ready");
        say("Write your draft, then press Check.");
        return;
      }
      var analysis = await client.analyze(text, strictness());
      if (seq !== state.seq) return;
      state.text = text;
      state.analysis = analysis;
      draw(analysis);
      setState("ready");
      var n = analysis.findings.length;
      say(n === 0 ? "Checked. Nothing to change." : "Checked. " + n + (n === 1 ? " phrase" : " phrases") +
        " to look at.");
    } catch (err) {
      if (seq === state.seq) reportError(err);
    }
  }

  /** Re-check when the pane gets focus back, but only if the draft actually changed. */
  async function recheckIfChanged() {
    if (!office.hasItem() || els.pane.getAttribute("data-tactful-state") === "checking") return;
    try {
      var text = await office.bodyText();
      if (text !== state.text) await check();
    } catch (err) { /* reading failed: the next explicit Check will say why */ }
  }

  /** The same finding in a fresh analysis, when exactly one fits; otherwise null. */
  function sameFinding(analysis, f, s) {
    var matches = (analysis ? analysis.findings : []).filter(function (g) {
      return g.rule === f.rule && g.text === f.text &&
        (g.suggestions || []).some(function (t) { return t.text === s.text; });
    });
    return matches.length === 1 ? matches[0] : null;
  }

  /** Make sure the analysis is of the draft as it is now: {text, changed}, or null when
   * the re-check did not succeed (check() has already said why; nothing may be applied). */
  async function freshText() {
    var text = await office.bodyText();
    if (text === state.text) return { text: text, changed: false };
    await check();
    if (state.text !== text || els.pane.getAttribute("data-tactful-state") !== "ready") return null;
    return { text: text, changed: true };
  }

  async function apply(finding, suggestion) {
    hideAsk();
    try {
      var fresh = await freshText();
      if (!fresh) return;
      if (fresh.changed) {
        finding = sameFinding(state.analysis, finding, suggestion);
        if (!finding) {
          say("Your draft changed since the last check, so I checked it again. " +
            "Pick a suggestion from the updated list.");
          return;
        }
      }
      var html = await office.bodyHtml();
      var result = TactfulHtmlBody.applySuggestion(html, fresh.text, finding, suggestion.text);
      if (result.status !== "ok") {
        askForSelection(finding, suggestion, result.status);
        return;
      }
      await office.setBodyHtml(result.html);
      await check();
      say("Replaced " + quote(finding.text) + " with " + quote(suggestion.text) + ".");
    } catch (err) {
      reportError(err);
    }
  }

  var ASK = {
    split: "is split by formatting in your message, so I won\u2019t guess where to edit.",
    ambiguous: "appears in your message in a way I can\u2019t tell apart from another copy.",
    missing: "isn\u2019t in the message as I can read it.",
    stale: "isn\u2019t in the message as I can read it.",
  };

  function askForSelection(finding, suggestion, status) {
    state.pending = { finding: finding, suggestion: suggestion };
    els.askText.textContent = quote(finding.text) + " " + (ASK[status] || ASK.missing) +
      " Select those words in your message, then press \u201cReplace selection\u201d to use " +
      quote(suggestion.text) + ".";
    els.ask.setAttribute("data-reason", status);
    els.ask.hidden = false;
    say("");
  }

  function hideAsk() {
    state.pending = null;
    els.ask.hidden = true;
  }

  async function replaceSelection() {
    var pending = state.pending;
    if (!pending) return;
    try {
      var selected = await office.selectedText();
      if (!TactfulLocate.samePhrase(selected, pending.finding.text)) {
        say(selected.trim()
          ? "The selection is " + quote(selected.trim()) + ", not " + quote(pending.finding.text) +
            ". Select exactly those words."
          : "Nothing is selected. Select " + quote(pending.finding.text) + " in your message first.",
        "error");
        return;
      }
      await office.replaceSelection(pending.suggestion.text);
      hideAsk();
      await check();
      say("Replaced the selection with " + quote(pending.suggestion.text) + ".");
    } catch (err) {
      reportError(err);
    }
  }

  /** Show the whole-draft rewrite, with the changed stretches marked. */
  async function cushion() {
    try {
      var fresh = await freshText();
      if (!fresh || !fresh.text.trim()) return;
      setState("checking");
      say("Cushioning\u2026");
      var result = await client.rewrite(fresh.text, strictness());
      state.rewrite = { source: fresh.text, result: result };
      showRewrite(fresh.text, result);
      setState("ready");
      say(result.changes.length ? "Here is a cushioned version. Bracketed parts need your facts."
        : "Nothing to cushion: the draft already reads well.");
    } catch (err) {
      reportError(err);
    }
  }

  function showRewrite(source, result) {
    var pre = els.rewriteText;
    TactfulRender.clear(pre);
    var out = result.text;
    var pos = 0;
    var delta = 0;
    result.changes.slice().sort(function (a, b) { return a.offset - b.offset; }).forEach(function (c) {
      var start = c.offset + delta;
      if (start > pos) pre.appendChild(document.createTextNode(out.slice(pos, start)));
      var mark = document.createElement("mark");
      mark.textContent = c.replacement;
      pre.appendChild(mark);
      pos = start + c.replacement.length;
      delta += c.replacement.length - c.length;
    });
    if (pos < out.length) pre.appendChild(document.createTextNode(out.slice(pos)));
    els.rewrite.hidden = false;
  }

  async function applyRewrite() {
    var rw = state.rewrite;
    if (!rw) return;
    try {
      var text = await office.bodyText();
      if (text !== rw.source) {
        await cushion();
        say("Your draft changed, so I cushioned it again. Look it over and press Replace again.");
        return;
      }
      var edits = TactfulLocate.rewriteEdits(text, rw.result.changes);
      var html = await office.bodyHtml();
      var result = edits ? TactfulHtmlBody.applyEdits(html, text, edits) : { status: "missing" };
      if (result.status !== "ok") {
        say("Part of your draft is split by formatting or repeated, so I didn\u2019t change it. " +
          "Copy the cushioned draft and paste the parts you want.", "error");
        return;
      }
      await office.setBodyHtml(result.html);
      els.rewrite.hidden = true;
      state.rewrite = null;
      await check();
      say("Your draft is cushioned. Fill in any [bracketed] parts before sending.");
    } catch (err) {
      reportError(err);
    }
  }

  async function copyRewrite() {
    var text = state.rewrite ? state.rewrite.result.text : "";
    try {
      await navigator.clipboard.writeText(text);
      say("Copied.");
    } catch (e) {
      var range = document.createRange();
      range.selectNodeContents(els.rewriteText);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      say(document.execCommand("copy") ? "Copied." : "Press Ctrl+C (\u2318C) to copy the selected text.");
    }
  }

  async function changeStrictness() {
    try {
      await office.saveSetting(STRICTNESS_KEY, strictness());
    } catch (err) {
      say("Couldn\u2019t save the strictness: " + err.message, "error");
    }
    if (state.text !== null) await check();
  }

  async function saveToken() {
    try {
      await office.saveSetting(TOKEN_KEY, els.token.value.trim());
      say("Saved.");
      await check();
    } catch (err) {
      say(err.message, "error");
    }
  }

  function init(officeNs) {
    office = TactfulOffice.create(officeNs);
    client = TactfulApi.createClient({
      base: "", token: function () { return office.setting(TOKEN_KEY, ""); },
    });
    var saved = office.setting(STRICTNESS_KEY, "balanced");
    els.strictness.value = STRICTNESS.indexOf(saved) >= 0 ? saved : "balanced";
    els.token.value = office.setting(TOKEN_KEY, "");
    els.check.addEventListener("click", check);
    els.cushion.addEventListener("click", cushion);
    els.strictness.addEventListener("change", changeStrictness);
    els.replaceSelection.addEventListener("click", replaceSelection);
    els.askCancel.addEventListener("click", function () { hideAsk(); say(""); });
    els.rewriteApply.addEventListener("click", applyRewrite);
    els.rewriteCopy.addEventListener("click", copyRewrite);
    els.rewriteClose.addEventListener("click", function () { els.rewrite.hidden = true; });
    els.tokenSave.addEventListener("click", saveToken);
    window.addEventListener("focus", recheckIfChanged);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") recheckIfChanged();
    });
    check();
  }

  if (typeof Office === "undefined" || !Office.onReady) {
    setState("paused");
    say("Open Tactful from Outlook\u2019s ribbon while writing a message.");
  } else {
    Office.onReady(function () { init(Office); });
  }
})();
