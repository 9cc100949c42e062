/*
 * Tactful service worker: the only part of the extension that talks to the server.
 * Content scripts, the popup and the options page send it messages; it reads the settings,
 * makes the request and answers with plain data (never throws back into Gmail).
 */
importScripts('shared/settings.js', 'background/server.js');

const { settings: Settings, server: Server } = globalThis.Tactful;

async function currentSettings() {
  return Settings.load(chrome.storage);
}

const handlers = {
  async analyze(msg) {
    if (typeof msg.text !== 'string') return { ok: false, error: { code: 'bad_message' } };
    const settings = await currentSettings();
    const res = await Server.analyze(settings, msg.text);
    return { ...res, strictness: settings.strictness };
  },
  async rewrite(msg) {
    if (typeof msg.text !== 'string') return { ok: false, error: { code: 'bad_message' } };
    return Server.rewrite(await currentSettings(), msg.text);
  },
  async rules() {
    return Server.rules(await currentSettings());
  },
  async health() {
    const settings = await currentSettings();
    const res = await Server.health(settings);
    return { ...res, serverUrl: settings.serverUrl };
  },
};

chrome.runtime.onMessage.addListener((msg, _sender, sendResponse) => {
  const handler = msg && handlers[msg.type];
  if (!handler) return false;
  handler(msg)
    .catch((err) => ({ ok: false, error: { code: 'extension', message: String(err) } }))
    .then(sendResponse);
  return true; // answer asynchronously
});

chrome.storage.onChanged.addListener((changes) => {
  if (changes.serverUrl || changes.token) Server.resetBackoff('');
});
