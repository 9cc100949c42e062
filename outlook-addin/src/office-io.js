/*
 * Promises around the few Office.js calls the task pane makes (all in Mailbox 1.3 or
 * lower): read and write the body, read and replace the selection, roaming settings.
 * Every failure becomes a rejected promise with Office's own message, so the pane can
 * say what went wrong instead of hanging.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TactfulOffice = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function coercion(office, name) {
    var types = office && office.CoercionType;
    return (types && types[name]) || name.toLowerCase();
  }

  function settle(resolve, reject, what) {
    return function (result) {
      if (result && result.status === "failed") {
        var message = (result.error && result.error.message) || "unknown error";
        reject(new Error(what + " failed: " + message));
      } else {
        resolve(result ? result.value : undefined);
      }
    };
  }

  function call(what, fn) {
    return new Promise(function (resolve, reject) {
      try {
        fn(settle(resolve, reject, what));
      } catch (err) {
        reject(new Error(what + " failed: " + (err && err.message ? err.message : err)));
      }
    });
  }

  /** Bound to one Office namespace (the real one, or a stub in tests). */
  function create(office) {
    function item() {
      var mailbox = office && office.context && office.context.mailbox;
      if (!mailbox || !mailbox.item || !mailbox.item.body) {
        throw new Error("No message is open for writing.");
      }
      return mailbox.item;
    }
    function settings() {
      return office && office.context && office.context.roamingSettings;
    }

    return {
      hasItem: function () {
        try { return !!item(); } catch (e) { return false; }
      },
      bodyText: function () {
        return call("Reading the message", function (done) {
          item().body.getAsync(coercion(office, "Text"), done);
        }).then(function (v) { return typeof v === "string" ? v : ""; });
      },
      bodyHtml: function () {
        return call("Reading the message", function (done) {
          item().body.getAsync(coercion(office, "Html"), done);
        }).then(function (v) { return typeof v === "string" ? v : ""; });
      },
      setBodyHtml: function (html) {
        return call("Updating the message", function (done) {
          item().body.setAsync(html, { coercionType: coercion(office, "Html") }, done);
        });
      },
      selectedText: function () {
        return call("Reading the selection", function (done) {
          item().getSelectedDataAsync(coercion(office, "Text"), done);
        }).then(function (v) { return v && typeof v.data === "string" ? v.data : ""; });
      },
      replaceSelection: function (text) {
        return call("Replacing the selection", function (done) {
          item().setSelectedDataAsync(text, { coercionType: coercion(office, "Text") }, done);
        });
      },
      /** A roaming setting, or `fallback` when unset or when settings are unavailable. */
      setting: function (key, fallback) {
        var s = settings();
        if (!s) return fallback;
        var v = s.get(key);
        return v === undefined || v === null ? fallback : v;
      },
      /** Store a roaming setting; resolves once Exchange has saved it. */
      saveSetting: function (key, value) {
        var s = settings();
        if (!s) return Promise.reject(new Error("Settings are not available here."));
        if (value === undefined || value === null || value === "") s.remove(key);
        else s.set(key, value);
        return call("Saving settings", function (done) { s.saveAsync(done); });
      },
    };
  }

  return { create: create };
});
