/*
 * Where compose editors live on each supported site, described by structure (roles,
 * contenteditable, forms, stable ids and classes), never by UI labels, so any UI language
 * works. One profile per site; the profile is chosen by host name.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});

  const EDITOR = '[contenteditable="true"][role="textbox"]';

  /* The compose "form": the nearest ancestor that holds a <form> (Gmail keeps the
     recipients and subject in a form beside the body editor). */
  function formRoot(editor) {
    const direct = editor.closest('form');
    if (direct) return direct;
    let node = editor.parentElement;
    for (let depth = 0; node && depth < 30; depth++, node = node.parentElement) {
      if (node === document.body) return null;
      if (node.querySelector('form')) return node;
    }
    return null;
  }

  const gmail = {
    name: 'gmail',
    editorSelector: EDITOR,
    composeRoot(editor) {
      if (editor.getAttribute('contenteditable') !== 'true') return null;
      return formRoot(editor);
    },
    sendSelector: '.T-I.aoO[role="button"], div.aoO[role="button"]',
  };

  const outlook = {
    name: 'outlook',
    editorSelector: EDITOR + '[aria-multiline="true"], ' + EDITOR + '[id^="editorParent"]',
    composeRoot(editor) {
      return (
        formRoot(editor) ||
        editor.closest('[role="dialog"], [role="main"], [role="region"]') ||
        editor.parentElement
      );
    },
    sendSelector:
      '[data-testid="ComposeSendButton"], button.ms-Button--primary[type="button"], ' +
      'button[data-tactful-send]',
  };

  function profileFor(location) {
    const host = location.hostname;
    if (/(^|\.)outlook\.(office|live|office365)\.com$/.test(host)) return outlook;
    if (host === 'mail.google.com') return gmail;
    // Local test pages (see tests/e2e/pages): the path says which site they reproduce.
    return /outlook/.test(location.pathname) ? outlook : gmail;
  }

  T.sites = { gmail, outlook, profileFor };
})(globalThis);
