/*
 * Talking to the Tactful server from the service worker. Content scripts may not make
 * cross-origin requests under MV3, so every call goes through here. Failures never throw:
 * each call resolves to {ok: true, data} or {ok: false, offline | error}, and after a
 * network failure calls back off (1 s, 2 s, 4 s … 30 s) instead of hammering a dead server.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});

  const TIMEOUT_MS = 8000;
  const MAX_BACKOFF_MS = 30000;

  const backoff = { failures: 0, until: 0, server: '' };

  function resetBackoff(server) {
    backoff.failures = 0;
    backoff.until = 0;
    backoff.server = server || '';
  }

  function noteFailure() {
    backoff.failures += 1;
    const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (backoff.failures - 1));
    backoff.until = Date.now() + wait;
    return wait;
  }

  async function call(settings, path, init) {
    const server = settings.serverUrl;
    if (backoff.server !== server) resetBackoff(server);
    const now = Date.now();
    if (backoff.until > now) {
      return { ok: false, offline: true, retryIn: backoff.until - now };
    }
    const headers = { Accept: 'application/json' };
    if (init && init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (settings.token) headers.Authorization = 'Bearer ' + settings.token;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), (init && init.timeout) || TIMEOUT_MS);
    let response;
    try {
      response = await fetch(server + path, {
        method: (init && init.method) || 'GET',
        headers,
        body: init && init.body !== undefined ? JSON.stringify(init.body) : undefined,
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (_) {
      return { ok: false, offline: true, retryIn: noteFailure() };
    } finally {
      clearTimeout(timer);
    }
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (response.status >= 500 || (response.status === 429 && !data)) {
      return { ok: false, offline: true, retryIn: noteFailure() };
    }
    resetBackoff(server);
    if (!response.ok) {
      const error = (data && data.error) || { code: 'http_' + response.status, message: '' };
      return { ok: false, status: response.status, error };
    }
    return { ok: true, data };
  }

  let rulesCache = { server: '', ids: null };

  async function knownRuleIds(settings) {
    if (rulesCache.server === settings.serverUrl && rulesCache.ids) return rulesCache.ids;
    const res = await call(settings, '/api/v1/rules');
    if (!res.ok) return null;
    const ids = new Set((res.data.rules || []).map((r) => r.id));
    rulesCache = { server: settings.serverUrl, ids };
    return ids;
  }

  async function analyze(settings, text) {
    const body = { text, strictness: settings.strictness };
    if (settings.disabledRules.length) body.disabled_rules = settings.disabledRules;
    let res = await call(settings, '/api/v1/analyze', { method: 'POST', body });
    if (!res.ok && res.status === 400 && body.disabled_rules) {
      // A switched-off rule the server no longer knows must not break checking: drop it.
      const known = await knownRuleIds(settings);
      if (known) {
        body.disabled_rules = body.disabled_rules.filter((id) => known.has(id));
        res = await call(settings, '/api/v1/analyze', { method: 'POST', body });
      }
    }
    return res;
  }

  function rewrite(settings, text) {
    return call(settings, '/api/v1/rewrite', {
      method: 'POST',
      body: { text, strictness: settings.strictness },
    });
  }

  function rules(settings) {
    return call(settings, '/api/v1/rules');
  }

  /* The popup asks on open: skip the backoff so "is it back?" is answered honestly. Asks an
     /api route (not /healthz) so that CORS and the token are checked as analyses will be. */
  async function health(settings) {
    resetBackoff(settings.serverUrl);
    return call(settings, '/api/v1/rules', { timeout: 4000 });
  }

  T.server = { call, analyze, rewrite, rules, health, resetBackoff, backoff };
})(globalThis);
