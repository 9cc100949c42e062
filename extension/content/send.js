/*
 * "Before sending": when serious findings remain, Send (button or Ctrl/Cmd+Enter) first asks
 * "Send anyway" / "Review". Listeners sit on window in the capture phase, registered at
 * document_start so they run before the site's own. Any error of ours lets the send through:
 * this guard may delay a send by one click, never lose or block it.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});
  const { el } = T.ui;

  const BYPASS_MS = 1500;

  const guard = {
    app: null,
    dialog: null,
    bypassUntil: 0,

    install(app) {
      this.app = app;
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        window.addEventListener(type, (e) => this.onPointer(e), true);
      }
      window.addEventListener('keydown', (e) => this.onKey(e), true);
    },

    /* The watched draft and send button an event is aimed at, or null. */
    target(e) {
      if (!this.app || !this.app.active || !e.isTrusted) return null;
      const button = e.target && e.target.closest && e.target.closest(this.app.site.sendSelector);
      if (!button) return null;
      for (const draft of this.app.drafts.values()) {
        if (draft.composeRoot.contains(button)) return { draft, button };
      }
      return null;
    },

    blocking(draft) {
      if (Date.now() < this.bypassUntil || draft.paused || draft.state !== 'ready') return [];
      draft.refresh();
      return T.track.blockingFindings(draft.visible, this.app.settings.sendCheck);
    },

    stop(e) {
      e.preventDefault();
      e.stopImmediatePropagation();
    },

    onPointer(e) {
      try {
        if (this.dialog && this.dialog.contains(e.target)) return;
        const hit = this.target(e);
        if (!hit) return;
        if (this.dialog) {
          this.stop(e);
          return;
        }
        const found = this.blocking(hit.draft);
        if (!found.length) return;
        this.stop(e);
        if (e.type === 'pointerdown' || e.type === 'mousedown' || e.type === 'click') {
          this.ask(hit.draft, hit.button, found);
        }
      } catch (_) {
        // never stand between the writer and Send because of our own bug
      }
    },

    onKey(e) {
      try {
        if (!this.app || !this.app.active || !e.isTrusted) return;
        if (this.dialog) {
          if (e.key === 'Escape') {
            this.stop(e);
            this.review();
          }
          return;
        }
        const isShortcut = e.key === 'Enter' && (e.ctrlKey || e.metaKey);
        const onButton = (e.key === 'Enter' || e.key === ' ') && this.target(e);
        if (!isShortcut && !onButton) return;
        let draft = null;
        let button = null;
        if (onButton) ({ draft, button } = onButton);
        else {
          draft = this.app.draftFor(e.target);
          if (!draft) return;
          button = draft.composeRoot.querySelector(this.app.site.sendSelector);
        }
        const found = this.blocking(draft);
        if (!found.length) return;
        this.stop(e);
        this.ask(draft, button, found, isShortcut ? e : null);
      } catch (_) {
        // as above: an error here must let the send go
      }
    },

    ask(draft, button, found, keyEvent) {
      const high = found.filter((f) => f.severity === 'high').length;
      const rest = found.length - high;
      const parts = [];
      if (high) parts.push(`${high} high-severity`);
      if (rest) parts.push(`${rest} medium-severity`);
      const sendAnyway = el('button', {
        type: 'button', class: 'tactful-link', 'data-tactful-action': 'send-anyway',
        onclick: () => this.sendAnyway(draft, button, keyEvent),
      }, 'Send anyway');
      const review = el('button', {
        type: 'button', class: 'tactful-primary', 'data-tactful-action': 'review',
        onclick: () => this.review(draft, found[0]),
      }, 'Review');
      this.dialog = el('div', {
        class: 'tactful-confirm tactful-ui', 'data-tactful-confirm': '', role: 'alertdialog',
        'aria-label': 'Tactful: review before sending',
      },
      el('div', { class: 'tactful-confirm-msg' },
        `This email still has ${parts.join(' and ')} ${found.length === 1 ? 'issue' : 'issues'}` +
        ' that may upset the reader.'),
      el('div', { class: 'tactful-row' }, review, sendAnyway));
      document.documentElement.append(this.dialog);
      const r = (button || draft.editor).getBoundingClientRect();
      T.ui.place(this.dialog, { left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      review.focus();
    },

    close() {
      if (this.dialog) this.dialog.remove();
      this.dialog = null;
    },

    review(draft, finding) {
      this.close();
      if (!draft) return;
      draft.editor.focus();
      const hit = finding && draft.overlay.piecesFor(finding)[0];
      if (hit) {
        hit.piece.scrollIntoView({ block: 'nearest' });
        T.card.show(draft, finding, hit.rect);
      }
    },

    /* Replay the send the writer asked for, letting it through this time. */
    sendAnyway(draft, button, keyEvent) {
      this.close();
      this.bypassUntil = Date.now() + BYPASS_MS;
      if (button && button.isConnected) {
        const opts = { bubbles: true, cancelable: true, composed: true, view: window };
        button.dispatchEvent(new MouseEvent('mousedown', opts));
        button.dispatchEvent(new MouseEvent('mouseup', opts));
        button.dispatchEvent(new MouseEvent('click', opts));
      } else if (keyEvent) {
        draft.editor.dispatchEvent(new KeyboardEvent('keydown', {
          key: 'Enter', code: 'Enter', ctrlKey: keyEvent.ctrlKey, metaKey: keyEvent.metaKey,
          bubbles: true, cancelable: true,
        }));
      }
    },
  };

  T.sendGuard = guard;
})(globalThis);
