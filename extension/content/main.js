/*
 * Content-script entry: finds compose editors (now and as they appear), keeps one Draft per
 * editor, follows settings live, routes hover and caret to the card, and answers the popup.
 * Runs at document_start so the send guard is in place before the site's own listeners.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});
  if (T.started) return;
  T.started = true;

  const app = {
    site: T.sites.profileFor(location),
    settings: T.settings.merge({}),
    drafts: new Map(),
    broken: new WeakSet(),
    active: false,
    lastFocused: null,
    layoutFrame: 0,
    scanFrame: 0,

    /* Message the service worker; null instead of an exception when the extension went away. */
    async send(msg) {
      try {
        return await chrome.runtime.sendMessage(msg);
      } catch (_) {
        return null;
      }
    },

    async disableRule(rule) {
      const disabledRules = T.settings.toggled(this.settings.disabledRules, rule, true);
      this.settings = { ...this.settings, disabledRules };
      for (const d of this.drafts.values()) d.draw();
      try {
        await T.settings.save(chrome.storage, { disabledRules });
      } catch (_) {
        // storage unavailable (extension reloaded): the rule stays hidden on this page
      }
    },

    draftFor(node) {
      for (const d of this.drafts.values()) if (d.editor.contains(node)) return d;
      return null;
    },

    scan() {
      if (!this.active || !document.body) return;
      for (const editor of document.querySelectorAll(this.site.editorSelector)) {
        if (this.drafts.has(editor) || this.broken.has(editor)) continue;
        try {
          const composeRoot = this.site.composeRoot(editor);
          if (composeRoot) this.drafts.set(editor, new T.Draft(this, editor, composeRoot));
        } catch (_) {
          this.broken.add(editor); // never retry (or leak overlays) on an editor we cannot watch
        }
      }
      for (const [editor, draft] of this.drafts) {
        if (!editor.isConnected) {
          draft.destroy();
          this.drafts.delete(editor);
        }
      }
    },

    requestScan() {
      if (this.scanFrame) return;
      this.scanFrame = requestAnimationFrame(() => {
        this.scanFrame = 0;
        this.scan();
      });
    },

    requestLayout() {
      if (this.layoutFrame) return;
      this.layoutFrame = requestAnimationFrame(() => {
        this.layoutFrame = 0;
        for (const d of this.drafts.values()) d.layout();
      });
    },

    setActive(on) {
      this.active = on;
      if (on) this.scan();
      else {
        T.card.hide();
        for (const d of this.drafts.values()) d.destroy();
        this.drafts.clear();
      }
    },

    async applySettings() {
      try {
        this.settings = await T.settings.load(chrome.storage);
      } catch (_) {
        return;
      }
      const on = T.settings.siteEnabled(this.settings, location.hostname);
      if (on !== this.active) this.setActive(on);
      else for (const d of this.drafts.values()) d.settingsChanged();
    },

    focusedDraft() {
      if (this.lastFocused && this.drafts.has(this.lastFocused.editor)) return this.lastFocused;
      return this.drafts.size === 1 ? [...this.drafts.values()][0] : null;
    },
  };

  /* Hover: hit-test the drawn rects (the overlay itself never takes the pointer). */
  let hoverFrame = 0;
  let lastPoint = null;
  function onMouseMove(e) {
    lastPoint = e;
    if (hoverFrame) return;
    hoverFrame = requestAnimationFrame(() => {
      hoverFrame = 0;
      const { clientX: x, clientY: y, target } = lastPoint;
      if (T.card.node && T.card.node.contains(target)) return;
      for (const draft of app.drafts.values()) {
        const hit = draft.overlay.hitTest(x, y);
        if (hit) {
          T.card.show(draft, hit.finding, hit.rect);
          return;
        }
      }
      if (T.card.node) T.card.scheduleHide();
    });
  }

  /* Keyboard: the card follows the caret into a highlight; Alt+Enter focuses it. */
  let caretFrame = 0;
  function onSelectionChange() {
    if (caretFrame) return;
    caretFrame = requestAnimationFrame(() => {
      caretFrame = 0;
      const sel = getSelection();
      if (!sel || !sel.isCollapsed || !sel.anchorNode) return;
      const draft = app.draftFor(sel.anchorNode);
      if (!draft) return;
      const finding = draft.findingAt(draft.offsetOf(sel.anchorNode, sel.anchorOffset));
      if (finding) {
        const hit = draft.overlay.piecesFor(finding)[0];
        if (hit) T.card.show(draft, finding, hit.rect, 'caret');
      } else if (T.card.draft === draft && T.card.via === 'caret') {
        T.card.hide();
      }
    });
  }

  function onKeyDown(e) {
    if (!T.card.node) return;
    if (e.key === 'Enter' && e.altKey && app.draftFor(e.target)) {
      if (T.card.focusFirst()) {
        e.preventDefault();
        e.stopPropagation();
      }
    } else if (e.key === 'Escape' && app.draftFor(e.target)) {
      T.card.hide();
    }
  }

  function onFocusIn(e) {
    const draft = app.draftFor(e.target);
    if (draft) app.lastFocused = draft;
  }

  function onMessage(msg, _sender, reply) {
    if (!msg || typeof msg.type !== 'string' || !msg.type.startsWith('page:')) return false;
    const draft = app.focusedDraft();
    if (msg.type === 'page:toggle-pause' && draft) draft.setPaused(!draft.paused);
    reply({
      host: location.hostname,
      site: app.site.name,
      active: app.active,
      drafts: app.drafts.size,
      hasDraft: !!draft,
      paused: !!(draft && draft.paused),
      state: draft ? draft.state : null,
    });
    return false;
  }

  function boot() {
    new MutationObserver((records) => {
      let theirs = false;
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (node && node.closest('[data-tactful-overlay], .tactful-ui')) continue; // ours
        theirs = true;
        if (r.addedNodes.length || r.removedNodes.length) {
          app.requestScan();
          break;
        }
      }
      if (theirs) app.requestLayout();
    }).observe(document.body || document.documentElement, { childList: true, subtree: true });
    addEventListener('scroll', () => app.requestLayout(), { capture: true, passive: true });
    addEventListener('resize', () => app.requestLayout(), { passive: true });
    document.addEventListener('mousemove', onMouseMove, { passive: true });
    document.addEventListener('selectionchange', onSelectionChange);
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn, true);
    app.applySettings();
  }

  try {
    chrome.storage.onChanged.addListener(() => app.applySettings());
    chrome.runtime.onMessage.addListener(onMessage);
  } catch (_) {
    // extension context gone: stay silent
  }
  T.sendGuard.install(app);
  T.app = app;
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot, { once: true });
  } else {
    boot();
  }
})(globalThis);
