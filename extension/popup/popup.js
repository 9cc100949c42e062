/*
 * The toolbar popup: server status, on/off for the current site, pause for the current
 * draft, strictness. Writes settings to chrome.storage; open tabs pick them up live.
 */
(async function () {
  'use strict';
  const S = globalThis.Tactful.settings;
  const $ = (id) => document.getElementById(id);

  let settings = await S.load(chrome.storage);

  for (const radio of document.querySelectorAll('input[name="strictness"]')) {
    radio.checked = radio.value === settings.strictness;
    radio.addEventListener('change', () => {
      if (radio.checked) S.save(chrome.storage, { strictness: radio.value });
    });
  }

  async function activeTab() {
    const wanted = Number(new URLSearchParams(location.search).get('tab'));
    if (wanted) return chrome.tabs.get(wanted).catch(() => null);
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return tab || null;
  }

  async function askPage(tab, type) {
    try {
      return await chrome.tabs.sendMessage(tab.id, { type });
    } catch (_) {
      return null; // no content script in this tab
    }
  }

  const tab = await activeTab();
  const site = $('site');
  const pause = $('pause');
  const note = $('page-note');

  function renderPage(state) {
    pause.disabled = !(state && state.active && state.hasDraft);
    pause.textContent = state && state.paused ? 'Resume for this draft' : 'Pause for this draft';
    if (!state.active) note.textContent = 'Checking is off on this site.';
    else if (!state.drafts) note.textContent = 'Open a reply or a new message to start.';
    else if (!state.hasDraft) note.textContent = 'Click into a draft to pause it.';
    else note.textContent = '';
  }

  // Only tabs where Tactful's content script runs answer; their answer names the host.
  const first = tab ? await askPage(tab, 'page:state') : null;
  if (first) {
    const host = first.host;
    $('host').textContent = host;
    site.checked = S.siteEnabled(settings, host);
    site.addEventListener('change', async () => {
      settings = await S.load(chrome.storage);
      const disabledSites = S.toggled(settings.disabledSites, host, !site.checked);
      await S.save(chrome.storage, { disabledSites });
      setTimeout(async () => renderPage((await askPage(tab, 'page:state')) || first), 100);
    });
    pause.addEventListener('click', async () => {
      renderPage((await askPage(tab, 'page:toggle-pause')) || first);
    });
    renderPage(first);
  } else {
    $('page').hidden = true;
  }

  const status = $('status');
  const res = await chrome.runtime.sendMessage({ type: 'health' }).catch(() => null);
  const where = settings.serverUrl.replace(/^https?:\/\//, '');
  if (res && res.ok) {
    status.dataset.status = 'ok';
    status.textContent = `Connected to ${where}`;
  } else if (res && res.error) {
    status.dataset.status = 'error';
    status.textContent = res.status === 401
      ? `${where} refused the token — check it in Settings.`
      : `${where} answered with an error (${res.error.code}).`;
  } else {
    status.dataset.status = 'offline';
    status.textContent = `Cannot reach ${where}. Is the server running?`;
  }
})();
