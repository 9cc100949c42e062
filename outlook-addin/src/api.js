/*
 * The task pane's only door to the engine: POST /api/v1/analyze and /api/v1/rewrite on the
 * origin that served the pane.  Errors are sorted into "offline" (no answer, timeout,
 * garbage) and "refused" (the server answered with its JSON error), because the pane tells
 * the writer different things for each.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TactfulApi = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  function ApiError(kind, message, status) {
    var err = new Error(message);
    err.kind = kind;
    err.status = status || 0;
    return err;
  }

  /**
   * options: {base: "" (same origin) or an origin, fetch, timeoutMs, token: () => string}.
   */
  function createClient(options) {
    var base = (options && options.base) || "";
    var fetchFn = (options && options.fetch) || (typeof fetch === "function" ? fetch : null);
    var timeoutMs = (options && options.timeoutMs) || 15000;
    var token = (options && options.token) || function () { return ""; };

    function post(path, payload) {
      if (!fetchFn) return Promise.reject(ApiError("offline", "This browser cannot make requests."));
      var headers = { "Content-Type": "application/json", Accept: "application/json" };
      var t = token();
      if (t) headers.Authorization = "Bearer " + t;
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      var timer;
      var timeout = new Promise(function (_, reject) {
        timer = setTimeout(function () {
          if (controller) controller.abort();
          reject(ApiError("offline", "The Tactful server did not answer in time."));
        }, timeoutMs);
      });
      var request = fetchFn(base + path, {
        method: "POST", headers: headers, body: JSON.stringify(payload),
        signal: controller ? controller.signal : undefined, credentials: "omit",
      }).then(function (resp) {
        return resp.text().then(function (body) {
          var data;
          try { data = JSON.parse(body); } catch (e) {
            throw ApiError("offline", "The Tactful server sent an answer I cannot read.", resp.status);
          }
          if (!resp.ok) {
            var msg = data && data.error && data.error.message;
            throw ApiError("refused", msg || "The Tactful server refused the request.", resp.status);
          }
          if (!data || typeof data !== "object") {
            throw ApiError("offline", "The Tactful server sent an answer I cannot read.", resp.status);
          }
          return data;
        });
      }, function () {
        throw ApiError("offline", "Cannot reach the Tactful server.");
      });
      return Promise.race([request, timeout]).then(function (v) {
        clearTimeout(timer);
        return v;
      }, function (err) {
        clearTimeout(timer);
        throw err;
      });
    }

    return {
      analyze: function (text, strictness) {
        return post("/api/v1/analyze", { text: text, strictness: strictness }).then(function (a) {
          if (!Array.isArray(a.findings) || typeof a.score !== "number") {
            throw ApiError("offline", "The Tactful server sent an answer I cannot read.");
          }
          return a;
        });
      },
      rewrite: function (text, strictness) {
        return post("/api/v1/rewrite", { text: text, strictness: strictness }).then(function (r) {
          if (typeof r.text !== "string" || !Array.isArray(r.changes)) {
            throw ApiError("offline", "The Tactful server sent an answer I cannot read.");
          }
          return r;
        });
      },
    };
  }

  return { createClient: createClient };
});
