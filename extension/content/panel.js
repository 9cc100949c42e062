/*
 * The coach badge (score and label, or checking / offline / paused) at the bottom corner of
 * the compose body, and on click the coach panel: the four parts of a good "no" with tips,
 * and "Cushion it", a preview of the server's whole-draft rewrite the writer may insert.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});
  const { el, keepFocus } = T.ui;

  const PARTS = [
    ['acknowledgement', 'Acknowledge their request'],
    ['reason', 'Give the reason'],
    ['alternative', 'Offer what you can do'],
    ['next_step', 'Propose a next step'],
  ];
  const LABELS = { ready: 'Ready', review: 'Review', risky: 'Risky' };
  const STATE_TEXT = { checking: '…', offline: 'offline', paused: 'paused' };

  class Badge {
    constructor(draft) {
      this.draft = draft;
      this.node = keepFocus(el('button', {
        type: 'button',
        class: 'tactful-badge tactful-ui',
        'data-tactful-badge': '',
        onclick: () => this.toggle(),
      }));
      draft.overlay.root.append(this.node);
      this.panel = null;
      this.preview = null;
    }

    update() {
      const d = this.draft;
      const a = d.analysis;
      const state = d.state;
      this.node.dataset.state = state || '';
      let text;
      let title;
      if (state === 'ready' && a) {
        text = String(a.score);
        title = `Tactful: ${a.score}/100 · ${LABELS[a.label] || a.label}`;
        this.node.dataset.label = a.label;
      } else if (state === 'ready') {
        text = '✓';
        title = 'Tactful: nothing to check yet';
        this.node.dataset.label = 'ready';
      } else {
        text = STATE_TEXT[state] || '…';
        title = state === 'offline'
          ? 'Tactful: cannot reach the server (' + (d.lastError || 'offline') + '). Retrying.'
          : state === 'paused' ? 'Tactful is paused for this draft' : 'Tactful: checking…';
        delete this.node.dataset.label;
      }
      if (this.node.textContent !== text) this.node.textContent = text;
      this.node.title = title;
      this.node.setAttribute('aria-label', title);
      if (this.panel) this.renderPanel();
    }

    position(visible) {
      if (!visible) return;
      const s = this.node.style;
      s.left = Math.max(visible.left, visible.right - 44) + 'px';
      s.top = Math.max(visible.top, visible.bottom - 30) + 'px';
      if (this.panel) this.placePanel();
    }

    toggle() {
      if (this.panel) this.close();
      else this.open();
    }

    open() {
      this.panel = el('div', {
        class: 'tactful-panel tactful-ui',
        'data-tactful-panel': '',
        role: 'dialog',
        'aria-label': 'Tactful coach',
        onkeydown: (e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            this.close();
            this.draft.editor.focus();
          }
        },
      });
      document.documentElement.append(this.panel);
      this.renderPanel();
    }

    close() {
      if (this.panel) this.panel.remove();
      this.panel = null;
      this.preview = null;
    }

    placePanel() {
      const b = this.node.getBoundingClientRect();
      const p = this.panel.getBoundingClientRect();
      this.panel.style.left = Math.max(4, Math.min(b.right - p.width, innerWidth - p.width - 4)) + 'px';
      const above = b.top - p.height - 8;
      this.panel.style.top = (above > 4 ? above : Math.min(b.bottom + 8, innerHeight - p.height - 4)) + 'px';
    }

    renderPanel() {
      const d = this.draft;
      const a = d.analysis;
      const body = [];
      if (d.state === 'offline') {
        body.push(el('p', { class: 'tactful-muted' },
          'The Tactful server cannot be reached. Checking resumes on its own when it is back.'));
      } else if (!a) {
        body.push(el('p', { class: 'tactful-muted' }, 'Start writing and Tactful will coach you.'));
      } else {
        const counts = { high: 0, medium: 0, low: 0 };
        for (const f of d.visible) counts[f.severity] = (counts[f.severity] || 0) + 1;
        body.push(el('div', { class: 'tactful-panel-score', 'data-label': a.label },
          el('strong', {}, String(a.score)), ' / 100 · ', LABELS[a.label] || a.label),
        el('div', { class: 'tactful-counts' },
          ['high', 'medium', 'low'].map((s) => el('span', { class: 'tactful-count' },
            el('span', { class: 'tactful-dot tactful-' + s }), `${counts[s]} ${s}`))));
        if (a.pushback && a.structure) {
          body.push(el('ul', { class: 'tactful-checks' }, PARTS.map(([key, label]) => {
            const part = a.structure[key] || {};
            return el('li', {
              class: part.present ? 'tactful-ok' : 'tactful-missing',
              'data-tactful-check': key,
              'data-present': part.present ? 'true' : 'false',
            }, el('span', { class: 'tactful-check-mark' }, part.present ? '✓' : '○'), label,
            !part.present && part.tip ? el('div', { class: 'tactful-tip' }, part.tip) : null);
          })));
        } else {
          body.push(el('p', { class: 'tactful-muted' },
            'This draft does not read as a "no", so the structure checks do not apply.'));
        }
        body.push(this.previewBlock());
      }
      this.panel.replaceChildren(
        el('div', { class: 'tactful-panel-head' }, 'Tactful coach',
          keepFocus(el('button', {
            type: 'button', class: 'tactful-link', 'aria-label': 'Close',
            onclick: () => this.close(),
          }, '×'))),
        ...body);
      this.placePanel();
    }

    previewBlock() {
      const p = this.preview;
      if (!p) {
        return keepFocus(el('button', {
          type: 'button', class: 'tactful-primary', 'data-tactful-action': 'cushion',
          onclick: () => this.cushion(),
        }, 'Cushion it'));
      }
      if (p.loading) return el('p', { class: 'tactful-muted' }, 'Cushioning…');
      if (p.error) return el('p', { class: 'tactful-muted' }, p.error);
      return el('div', { class: 'tactful-preview-wrap' },
        el('div', { class: 'tactful-preview', 'data-tactful-preview': '' }, p.text),
        el('div', { class: 'tactful-row' },
          keepFocus(el('button', {
            type: 'button', class: 'tactful-primary', 'data-tactful-action': 'insert',
            onclick: () => {
              const ok = this.draft.replaceAll(p.source, p.text);
              if (ok) this.close();
              else {
                this.preview = { error: 'The draft changed since the preview. Try again.' };
                this.renderPanel();
              }
            },
          }, 'Insert')),
          keepFocus(el('button', {
            type: 'button', class: 'tactful-link', 'data-tactful-action': 'dismiss',
            onclick: () => {
              this.preview = null;
              this.renderPanel();
            },
          }, 'Dismiss'))));
    }

    async cushion() {
      const source = this.draft.currentText();
      this.preview = { loading: true };
      this.renderPanel();
      const res = await this.draft.app.send({ type: 'rewrite', text: source });
      if (!this.panel) return;
      if (res && res.ok && res.data && typeof res.data.text === 'string') {
        this.preview = { source, text: res.data.text };
      } else {
        this.preview = { error: 'The rewrite is not available right now.' };
      }
      this.renderPanel();
    }

    destroy() {
      this.close();
      this.node.remove();
    }
  }

  T.panel = { Badge };
})(globalThis);
