/*
 * Options: server URL (asking for host permission at runtime when it is not a built-in
 * one), token, when to ask before sending, and per-rule switches built from the server's
 * /api/v1/rules. Every change is saved at once and picked up live by open tabs.
 */
(async function () {
  'use strict';
  const S = globalThis.Tactful.settings;
  const $ = (id) => document.getElementById(id);

  let settings = await S.load(chrome.storage);
  const server = $('server');
  const token = $('token');
  const status = $('server-status');
  server.value = settings.serverUrl;
  token.value = settings.token;
  $('send-check').value = settings.sendCheck;

  function say(text, kind) {
    status.textContent = text;
    status.dataset.kind = kind || '';
  }

  $('server-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const url = S.normaliseServerUrl(server.value);
    if (!url) {
      say('Enter an http:// or https:// address, like http://127.0.0.1:8740.', 'error');
      return;
    }
    if (S.needsPermission(url)) {
      // Must run in the click's user gesture: request before any other await.
      const granted = await chrome.permissions
        .request({ origins: [S.originPattern(url)] })
        .catch(() => false);
      if (!granted) {
        say(`Tactful needs permission to reach ${new URL(url).origin}. Nothing was changed.`,
          'error');
        return;
      }
    }
    await S.save(chrome.storage, { serverUrl: url, token: token.value.trim() });
    server.value = url;
    say('Saved. Checking the server…');
    loadRules();
  });

  $('send-check').addEventListener('change', (e) => {
    S.save(chrome.storage, { sendCheck: e.target.value });
  });

  function ruleRow(rule) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !settings.disabledRules.includes(rule.id);
    box.dataset.rule = rule.id;
    box.addEventListener('change', async () => {
      settings = await S.load(chrome.storage);
      const disabledRules = S.toggled(settings.disabledRules, rule.id, !box.checked);
      await S.save(chrome.storage, { disabledRules });
      settings = { ...settings, disabledRules };
    });
    const text = document.createElement('span');
    const title = document.createElement('span');
    title.textContent = rule.message || rule.id;
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = ` · ${rule.severity} · ${rule.id}`;
    text.append(title, sev);
    if (rule.explanation) text.title = rule.explanation;
    const label = document.createElement('label');
    label.className = 'rule';
    label.append(box, text);
    return label;
  }

  async function loadRules() {
    const holder = $('rules');
    const res = await chrome.runtime.sendMessage({ type: 'health' }).catch(() => null);
    if (!res || !res.ok) {
      say(res && res.status === 401 ? 'The server refused the token.'
        : `Cannot reach ${settings.serverUrl}.`, 'error');
      holder.replaceChildren(Object.assign(document.createElement('p'), {
        className: 'hint', textContent: 'The rule list appears when the server is reachable.',
      }));
      return;
    }
    settings = await S.load(chrome.storage);
    say(`Connected to ${settings.serverUrl}.`, 'ok');
    const byCategory = new Map();
    for (const rule of res.data.rules || []) {
      if (!byCategory.has(rule.category)) byCategory.set(rule.category, []);
      byCategory.get(rule.category).push(rule);
    }
    const nodes = [];
    for (const [category, rules] of [...byCategory].sort()) {
      const head = document.createElement('div');
      head.className = 'category';
      head.textContent = category.replace(/-/g, ' ');
      nodes.push(head, ...rules.map(ruleRow));
    }
    holder.replaceChildren(...nodes);
  }

  loadRules();
})();
