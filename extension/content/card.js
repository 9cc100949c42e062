/*
 * The card for one finding: message, explanation, suggestions as buttons, "Ignore here",
 * "Never flag this rule". Opens on hover or when the caret enters a highlight; Alt+Enter
 * moves keyboard focus into it, Escape closes it.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});
  const { el, keepFocus, place, SEVERITY_LABEL } = T.ui;

  const HIDE_DELAY_MS = 250;

  const card = {
    node: null,
    draft: null,
    finding: null,
    hideTimer: 0,

    isOpenFor(draft, finding) {
      return !!this.node && this.draft === draft && !!finding && this.finding &&
        this.finding.id === finding.id && this.finding.offset === finding.offset;
    },

    show(draft, finding, anchor, via) {
      clearTimeout(this.hideTimer);
      if (this.isOpenFor(draft, finding)) return;
      this.hide();
      this.via = via || 'hover';
      this.draft = draft;
      this.finding = finding;
      const actions = (finding.suggestions || []).map((s) =>
        keepFocus(el('button', {
          type: 'button',
          class: 'tactful-suggestion',
          'data-tactful-action': 'apply',
          title: s.note || null,
          onclick: () => this.run(() => draft.apply(finding, s.text)),
        }, s.text || '(remove)')));
      this.node = el('div', {
        class: 'tactful-card tactful-ui',
        'data-tactful-card': '',
        'data-rule': finding.rule,
        role: 'dialog',
        'aria-label': finding.message,
        onmouseenter: () => clearTimeout(this.hideTimer),
        onmouseleave: () => this.scheduleHide(),
        onkeydown: (e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            this.hide();
            draft.editor.focus();
          }
        },
      },
      el('div', { class: 'tactful-card-head' },
        el('span', { class: 'tactful-dot tactful-' + finding.severity }),
        el('span', { class: 'tactful-card-sev' }, SEVERITY_LABEL[finding.severity] || ''),
        el('span', { class: 'tactful-card-cat' }, finding.category || '')),
      el('div', { class: 'tactful-card-msg' }, finding.message || ''),
      finding.explanation ? el('div', { class: 'tactful-card-why' }, finding.explanation) : null,
      actions.length ? el('div', { class: 'tactful-card-suggestions' }, actions) : null,
      el('div', { class: 'tactful-card-foot' },
        keepFocus(el('button', {
          type: 'button', class: 'tactful-link', 'data-tactful-action': 'ignore',
          onclick: () => this.run(() => draft.ignore(finding)),
        }, 'Ignore here')),
        keepFocus(el('button', {
          type: 'button', class: 'tactful-link', 'data-tactful-action': 'disable-rule',
          onclick: () => this.run(() => draft.app.disableRule(finding.rule)),
        }, 'Never flag this rule'))));
      document.documentElement.append(this.node);
      place(this.node, anchor);
      draft.overlay.setActive(finding);
    },

    run(action) {
      const draft = this.draft;
      this.hide();
      try {
        const result = action();
        if (result && result.catch) result.catch(() => {});
      } finally {
        if (draft && draft.editor.isConnected) draft.editor.focus();
      }
    },

    focusFirst() {
      const button = this.node && this.node.querySelector('button');
      if (button) button.focus();
      return !!button;
    },

    scheduleHide() {
      clearTimeout(this.hideTimer);
      this.hideTimer = setTimeout(() => this.hide(), HIDE_DELAY_MS);
    },

    hide() {
      clearTimeout(this.hideTimer);
      if (this.draft) this.draft.overlay.setActive(null);
      if (this.node) this.node.remove();
      this.node = null;
      this.draft = null;
      this.finding = null;
    },
  };

  T.card = card;
})(globalThis);
