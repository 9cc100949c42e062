/*
 * Settings shared by the service worker, content scripts, popup and options page.
 * A classic script (no modules) so that content scripts, importScripts() and Node tests can
 * all load the same file. Everything here is pure except load()/save(), which take the
 * chrome.storage object explicitly so the pure parts stay testable.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});

  const DEFAULT_SERVER = 'http://127.0.0.1:8740';
  const STRICTNESS = ['gentle', 'balanced', 'strict'];
  const SEND_CHECK = ['off', 'high', 'high+medium'];
  /* Servers the manifest already grants; anything else needs a runtime permission request. */
  const BUILT_IN_ORIGINS = ['http://127.0.0.1:8740', 'http://localhost:8740'];

  const DEFAULTS = Object.freeze({
    serverUrl: DEFAULT_SERVER,
    strictness: 'balanced',
    sendCheck: 'high',
    disabledRules: Object.freeze([]),
    disabledSites: Object.freeze([]),
    token: '',
  });

  /* Stored under chrome.storage.local, never synced: a bearer token is a secret. */
  const LOCAL_KEYS = ['token'];

  /** Parse and tidy a server URL; null when it is not an http(s) URL. */
  function normaliseServerUrl(value) {
    if (typeof value !== 'string' || !value.trim()) return null;
    let url;
    try {
      url = new URL(value.trim());
    } catch (_) {
      return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    const path = url.pathname.replace(/\/+$/, '');
    return url.origin + path;
  }

  /** The host-permission pattern ("https://host:port/*") that covers a server URL. */
  function originPattern(serverUrl) {
    const url = normaliseServerUrl(serverUrl);
    return url ? new URL(url).origin + '/*' : null;
  }

  function needsPermission(serverUrl) {
    const url = normaliseServerUrl(serverUrl);
    return !!url && !BUILT_IN_ORIGINS.includes(new URL(url).origin);
  }

  function stringList(value) {
    if (!Array.isArray(value)) return null;
    const seen = new Set();
    for (const item of value) {
      if (typeof item === 'string' && item) seen.add(item);
    }
    return [...seen].sort();
  }

  /**
   * Merge stored values over the defaults, later sources winning, ignoring anything of the
   * wrong type or out of range, so a corrupt or old store can never break the extension.
   */
  function merge(...sources) {
    const out = {
      ...DEFAULTS,
      disabledRules: [],
      disabledSites: [],
    };
    for (const src of sources) {
      if (!src || typeof src !== 'object') continue;
      if ('serverUrl' in src) {
        const url = normaliseServerUrl(src.serverUrl);
        if (url) out.serverUrl = url;
      }
      if (STRICTNESS.includes(src.strictness)) out.strictness = src.strictness;
      if (SEND_CHECK.includes(src.sendCheck)) out.sendCheck = src.sendCheck;
      const rules = stringList(src.disabledRules);
      if (rules) out.disabledRules = rules;
      const sites = stringList(src.disabledSites);
      if (sites) out.disabledSites = sites;
      if (typeof src.token === 'string') out.token = src.token.trim();
    }
    return out;
  }

  function siteEnabled(settings, hostname) {
    return !settings.disabledSites.includes(String(hostname || '').toLowerCase());
  }

  /** A new settings patch toggling one string in a list setting. */
  function toggled(list, item, on) {
    const set = new Set(list || []);
    if (on) set.add(item);
    else set.delete(item);
    return [...set].sort();
  }

  async function load(storage) {
    const [synced, local] = await Promise.all([
      storage.sync.get(null),
      storage.local.get(LOCAL_KEYS),
    ]);
    const { token: _ignored, ...syncedWithoutToken } = synced || {};
    return merge(syncedWithoutToken, local);
  }

  /** Save a partial update, routing secrets to local storage. */
  async function save(storage, patch) {
    const sync = {};
    const local = {};
    for (const [key, value] of Object.entries(patch)) {
      (LOCAL_KEYS.includes(key) ? local : sync)[key] = value;
    }
    const jobs = [];
    if (Object.keys(sync).length) jobs.push(storage.sync.set(sync));
    if (Object.keys(local).length) jobs.push(storage.local.set(local));
    await Promise.all(jobs);
  }

  T.settings = {
    DEFAULTS,
    DEFAULT_SERVER,
    STRICTNESS,
    SEND_CHECK,
    BUILT_IN_ORIGINS,
    LOCAL_KEYS,
    normaliseServerUrl,
    originPattern,
    needsPermission,
    merge,
    siteEnabled,
    toggled,
    load,
    save,
  };
})(globalThis);
