/*
 * Tactful's check when the writer presses Send (Outlook Smart Alerts, OnMessageSend,
 * Mailbox 1.12).  If the draft has a phrase likely to hurt or weaken it, Outlook shows a
 * short message naming the worst ones; otherwise the message goes.
 *
 * Classic Outlook on Windows runs this file on its own in a JavaScript-only runtime: no
 * window, no document, no localStorage, no relative URLs.  So: one file, plain functions,
 * the server's origin written in below (the Tactful server rewrites it to its own origin
 * when it serves this file).
 *
 * It fails open.  A server error, a timeout or an answer it cannot read lets the message
 * go: a writing coach must never stop someone from sending mail.
 */
var TACTFUL_ORIGIN = "https://localhost:8740";
var TACTFUL_TIMEOUT_MS = 5000;
var TACTFUL_PANE_COMMAND = "TactfulOpenPane";
var TACTFUL_SEVERITY_RANK = { high: 0, medium: 1, low: 2 };

/** The findings worth stopping a send for, worst first (then in reading order). */
function tactfulBlocking(analysis) {
  var findings = analysis && Array.isArray(analysis.findings) ? analysis.findings : [];
  return findings.filter(function (f) {
    return f && (f.severity === "high" || f.severity === "medium") && typeof f.text === "string";
  }).sort(function (a, b) {
    return TACTFUL_SEVERITY_RANK[a.severity] - TACTFUL_SEVERITY_RANK[b.severity] ||
      (a.offset || 0) - (b.offset || 0);
  });
}

function tactfulShort(text, max) {
  var t = String(text).replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "\u2026" : t;
}

/** The short message Outlook shows, naming at most two phrases (Outlook caps it at 500). */
function tactfulMessage(blocking) {
  var named = blocking.slice(0, 2).map(function (f) {
    var kind = String(f.category || "").replace(/-/g, " ");
    return "\u201c" + tactfulShort(f.text, 40) + "\u201d" + (kind ? " (" + kind + ")" : "");
  });
  var more = blocking.length - named.length;
  var list = named.join(" and ") + (more > 0 ? " and " + more + " more" : "");
  var lead = blocking.length === 1 ? "Tactful: this phrase may hurt your email: "
    : "Tactful: these phrases may hurt your email: ";
  return (lead + list + ". Review them in Tactful, or send anyway.").slice(0, 500);
}

/** Decide from an analysis: {allow: true} or {allow: false, message}. */
function tactfulVerdict(analysis) {
  if (!analysis || typeof analysis !== "object" || !Array.isArray(analysis.findings)) {
    return { allow: true, reason: "unreadable" };
  }
  var blocking = tactfulBlocking(analysis);
  if (blocking.length === 0) return { allow: true, reason: "fine" };
  return { allow: false, message: tactfulMessage(blocking) };
}

function tactfulSetting(key) {
  try {
    var s = Office.context.roamingSettings;
    var v = s ? s.get(key) : null;
    return typeof v === "string" ? v : "";
  } catch (e) {
    return "";
  }
}

/** POST JSON to the server; resolves with the parsed answer or rejects (never hangs). */
function tactfulPost(path, payload, timeoutMs) {
  return new Promise(function (resolve, reject) {
    var headers = { "Content-Type": "application/json", Accept: "application/json" };
    var token = tactfulSetting("tactful.token");
    if (token) headers.Authorization = "Bearer " + token;
    var timer = setTimeout(function () { reject(new Error("timeout")); }, timeoutMs);
    var settle = function (fn, value) { clearTimeout(timer); fn(value); };
    var url = TACTFUL_ORIGIN + path;
    var body = JSON.stringify(payload);
    var parse = function (status, text) {
      if (status < 200 || status >= 300) return settle(reject, new Error("HTTP " + status));
      try {
        settle(resolve, JSON.parse(text));
      } catch (e) {
        settle(reject, new Error("unreadable answer"));
      }
    };
    if (typeof fetch === "function") {
      fetch(url, { method: "POST", headers: headers, body: body }).then(function (resp) {
        return resp.text().then(function (text) { parse(resp.status, text); });
      }).catch(function (err) { settle(reject, err); });
    } else if (typeof XMLHttpRequest === "function") {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url, true);
      Object.keys(headers).forEach(function (k) { xhr.setRequestHeader(k, headers[k]); });
      xhr.onload = function () { parse(xhr.status, xhr.responseText); };
      xhr.onerror = function () { settle(reject, new Error("network error")); };
      xhr.send(body);
    } else {
      settle(reject, new Error("no way to make a request here"));
    }
  });
}

function tactfulSupports(version) {
  try {
    return !!Office.context.requirements.isSetSupported("Mailbox", version);
  } catch (e) {
    return false;
  }
}

/** The OnMessageSend handler named in the manifest. */
function onMessageSendHandler(event) {
  var finished = false;
  function finish(options) {
    if (finished) return;
    finished = true;
    clearTimeout(guard);
    event.completed(options);
  }
  function allow() { finish({ allowEvent: true }); }
  // Whatever happens below, the send is never held longer than this.
  var guard = setTimeout(allow, TACTFUL_TIMEOUT_MS + 1000);
  try {
    var item = Office.context.mailbox.item;
    var textType = (Office.CoercionType && Office.CoercionType.Text) || "text";
    item.body.getAsync(textType, function (result) {
      if (!result || result.status === "failed" || typeof result.value !== "string") return allow();
      if (!result.value.trim()) return allow();
      var strictness = tactfulSetting("tactful.strictness") || "balanced";
      tactfulPost("/api/v1/analyze", { text: result.value, strictness: strictness }, TACTFUL_TIMEOUT_MS)
        .then(function (analysis) {
          var verdict = tactfulVerdict(analysis);
          if (verdict.allow) return allow();
          var options = { allowEvent: false, errorMessage: verdict.message };
          if (tactfulSupports("1.14")) {
            options.cancelLabel = "Review in Tactful";
            options.commandId = TACTFUL_PANE_COMMAND;
          }
          finish(options);
        }, allow);
    });
  } catch (e) {
    allow();
  }
}

if (typeof Office !== "undefined" && Office.actions && Office.actions.associate) {
  Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
}
