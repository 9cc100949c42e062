/*
 * A hand-written stand-in for the slice of Office.js the add-in uses, shared by the Node
 * unit tests and the browser tests (which inject it before the page loads, with its
 * starting state in window.__TACTFUL_STUB__).  It keeps a compose item whose body is HTML,
 * derives the text the way Outlook does (one line per block), and records every call.
 */
(function (root) {
  "use strict";

  var BLOCKS = /^(P|DIV|LI|TR|BLOCKQUOTE|H[1-6]|UL|OL|TABLE|PRE|HR)$/;

  function htmlToText(html) {
    if (typeof DOMParser !== "function") {
      return String(html).replace(/<br\s*\/?>/gi, "\n").replace(/<\/(p|div|li)>/gi, "\n")
        .replace(/<[^>]*>/g, "").replace(/&nbsp;/g, "\u00a0").replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\n+$/, "");
    }
    var doc = new DOMParser().parseFromString(html, "text/html");
    var out = "";
    (function walk(node) {
      for (var c = node.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) out += c.nodeValue;
        else if (c.nodeType === 1) {
          var name = c.nodeName.toUpperCase();
          if (/^(HEAD|STYLE|SCRIPT|TITLE)$/.test(name)) continue;
          if (name === "BR") { out += "\n"; continue; }
          var block = BLOCKS.test(name);
          if (block && out && !/\n$/.test(out)) out += "\n";
          walk(c);
          if (block && out && !/\n$/.test(out)) out += "\n";
        }
      }
    })(doc.body);
    return out.replace(/\n+$/, "");
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /**
   * config: {html, text (optional: overrides the derived text), selection: {text, html},
   * settings: {}, fail: {getText, getHtml, setHtml, getSelection, setSelection, save}:
   * a message makes that call fail, requirements: ["1.12", …], noItem: true}
   */
  function create(config) {
    config = config || {};
    var fail = config.fail || {};
    var calls = [];
    var body = { html: config.html || "", text: config.text };
    var selection = config.selection || { text: "", html: "" };
    var stored = JSON.parse(JSON.stringify(config.settings || {}));
    var pending = JSON.parse(JSON.stringify(stored));

    function result(failure, value) {
      if (failure) return { status: "failed", error: { code: 9000, message: failure } };
      return { status: "succeeded", value: value };
    }
    function later(cb, r) { setTimeout(function () { cb(r); }, 0); }
    function textOf() { return body.text !== undefined ? body.text : htmlToText(body.html); }

    var item = config.noItem ? null : {
      itemType: "message",
      body: {
        getAsync: function (type, options, cb) {
          if (typeof options === "function") cb = options;
          calls.push({ method: "body.getAsync", type: type });
          if (type === "html") later(cb, result(fail.getHtml, body.html));
          else later(cb, result(fail.getText, textOf()));
        },
        setAsync: function (data, options, cb) {
          calls.push({ method: "body.setAsync", type: options && options.coercionType, data: data });
          if (!fail.setHtml) {
            body.html = data;
            body.text = undefined;
          }
          later(cb, result(fail.setHtml));
        },
      },
      getSelectedDataAsync: function (type, cb) {
        calls.push({ method: "getSelectedDataAsync", type: type });
        later(cb, result(fail.getSelection, { data: selection.text, sourceProperty: "body" }));
      },
      setSelectedDataAsync: function (data, options, cb) {
        calls.push({ method: "setSelectedDataAsync", data: data });
        if (!fail.setSelection && selection.html && body.html.indexOf(selection.html) >= 0) {
          body.html = body.html.replace(selection.html, escapeHtml(data));
          body.text = undefined;
          selection = { text: "", html: "" };
        }
        later(cb, result(fail.setSelection));
      },
    };

    var roamingSettings = {
      get: function (k) { return Object.prototype.hasOwnProperty.call(pending, k) ? pending[k] : undefined; },
      set: function (k, v) { calls.push({ method: "roamingSettings.set", key: k, value: v }); pending[k] = v; },
      remove: function (k) { calls.push({ method: "roamingSettings.remove", key: k }); delete pending[k]; },
      saveAsync: function (cb) {
        calls.push({ method: "roamingSettings.saveAsync" });
        if (!fail.save) stored = JSON.parse(JSON.stringify(pending));
        if (cb) later(cb, result(fail.save));
      },
    };

    var associated = {};
    var requirements = config.requirements || ["1.1", "1.2", "1.3"];
    var office = {
      CoercionType: { Text: "text", Html: "html" },
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      context: {
        mailbox: { item: item },
        roamingSettings: roamingSettings,
        requirements: {
          isSetSupported: function (name, version) {
            return name === "Mailbox" && requirements.indexOf(version || "1.1") >= 0;
          },
        },
      },
      actions: { associate: function (name, fn) { associated[name] = fn; } },
      onReady: function (cb) {
        var info = { host: "Outlook", platform: "OfficeOnline" };
        setTimeout(function () { if (cb) cb(info); }, 0);
        return Promise.resolve(info);
      },
      // What tests inspect.
      _stub: {
        calls: calls,
        associated: associated,
        body: function () { return { html: body.html, text: textOf() }; },
        setBody: function (html, text) { body.html = html; body.text = text; },
        select: function (text, html) { selection = { text: text, html: html || text }; },
        saved: function () { return JSON.parse(JSON.stringify(stored)); },
      },
    };
    return office;
  }

  var api = { create: create, htmlToText: htmlToText };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TactfulOfficeStub = api;
  if (typeof window !== "undefined" && window.__TACTFUL_STUB__) {
    window.Office = create(window.__TACTFUL_STUB__);
  }
})(typeof self !== "undefined" ? self : this);
