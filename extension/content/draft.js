/*
 * One watched compose editor: reads it after typing pauses, asks the service worker for an
 * analysis, keeps findings in step with new typing, draws them, and applies what the writer
 * clicks through the browser's editing commands (so the site's undo and autosave see it).
 * Input handlers only schedule work; reading and drawing happen in a later frame.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});
  const { readEditor, span } = T.read;
  const { shiftFindings, visibleFindings, ignoreKey, isStale } = T.track;

  const DEBOUNCE_MS = 300;
  const STATE_ATTR = 'data-tactful-state';

  class Draft {
    constructor(app, editor, composeRoot) {
      this.app = app;
      this.editor = editor;
      this.composeRoot = composeRoot;
      this.state = null;
      this.paused = false;
      this.read = { text: '', segments: [] };
      this.analysis = null;
      this.analysedText = null;
      this.analysedKey = null;
      this.findings = [];
      this.visible = [];
      this.ignored = new Set();
      this.lastError = '';
      this.seq = 0;
      this.timer = 0;
      this.retryTimer = 0;
      this.frame = 0;
      this.overlay = new T.draw.Overlay(editor);
      this.overlay.onStale = () => this.refresh();
      this.badge = new T.panel.Badge(this);
      this.onInput = () => this.changed();
      editor.addEventListener('input', this.onInput);
      this.resizer = new ResizeObserver(() => this.app.requestLayout());
      this.resizer.observe(editor);
      this.setState('checking');
      this.timer = setTimeout(() => this.analyze(), 0);
    }

    setState(state) {
      if (this.state === state) return;
      this.state = state;
      this.editor.setAttribute(STATE_ATTR, state);
      this.badge.update();
    }

    /* The input handler: O(1), never reads the DOM. */
    changed() {
      if (this.paused) return;
      this.setState('checking');
      clearTimeout(this.timer);
      clearTimeout(this.retryTimer);
      this.timer = setTimeout(() => this.analyze(), DEBOUNCE_MS);
      if (!this.frame) {
        this.frame = requestAnimationFrame(() => {
          this.frame = 0;
          this.refresh();
        });
      }
    }

    /* Re-read the editor and carry findings over to the new text (dropping touched ones). */
    refresh() {
      if (!this.editor.isConnected) return;
      const read = readEditor(this.editor);
      if (read.text !== this.read.text) {
        this.findings = shiftFindings(this.read.text, read.text, this.findings);
      }
      this.read = read;
      this.draw();
    }

    currentText() {
      this.refresh();
      return this.read.text;
    }

    draw() {
      this.visible = this.paused ? [] :
        visibleFindings(this.read.text, this.findings, this.ignored,
          this.app.settings.disabledRules);
      this.overlay.render(this.visible, this.read);
      const card = T.card;
      if (card.draft === this && !this.visible.some((f) => card.isOpenFor(this, f))) card.hide();
      this.badge.position(this.overlay.visible);
      this.badge.update();
    }

    layout() {
      try {
        this.overlay.layout();
        this.badge.position(this.overlay.visible);
      } catch (_) {
        // a layout glitch must never surface in the page; the next input redraws
      }
    }

    settingsKey() {
      const s = this.app.settings;
      return [s.serverUrl, s.strictness, s.disabledRules.join(',')].join('|');
    }

    async analyze(force) {
      clearTimeout(this.timer);
      clearTimeout(this.retryTimer);
      if (this.paused || !this.editor.isConnected) return;
      this.refresh();
      const text = this.read.text;
      const key = this.settingsKey();
      if (!text.trim()) {
        this.seq++;
        this.analysis = null;
        this.findings = [];
        this.analysedText = text;
        this.analysedKey = key;
        this.setState('ready');
        this.draw();
        return;
      }
      if (!force && text === this.analysedText && key === this.analysedKey && this.analysis) {
        this.setState('ready');
        return;
      }
      const seq = ++this.seq;
      this.setState('checking');
      const res = await this.app.send({ type: 'analyze', text });
      if (seq !== this.seq || this.paused || !this.editor.isConnected) return;
      if (!res || !res.ok || !res.data || !Array.isArray(res.data.findings)) {
        this.lastError = (res && res.error && (res.error.message || res.error.code)) ||
          'server unreachable';
        this.setState('offline');
        const wait = Math.max(1000, (res && res.retryIn) || 5000);
        this.retryTimer = setTimeout(() => this.analyze(true), wait);
        this.draw();
        return;
      }
      this.lastError = '';
      this.analysis = res.data;
      this.analysedText = text;
      this.analysedKey = key;
      const now = readEditor(this.editor);
      this.findings = shiftFindings(text, now.text, res.data.findings);
      this.read = now;
      this.setState('ready');
      this.draw();
    }

    /* Replace one finding's words, only if they are still exactly what was flagged. */
    apply(finding, replacement) {
      const read = readEditor(this.editor);
      if (isStale(read.text, finding)) {
        this.refresh();
        return false;
      }
      return this.replaceRange(read, finding.offset, finding.length, replacement);
    }

    /* Replace the writer's whole text (the "Cushion it" insert), if unchanged since preview. */
    replaceAll(expected, replacement) {
      const read = readEditor(this.editor);
      if (read.text !== expected) return false;
      const trimmed = expected.replace(/\s+$/, '');
      return this.replaceRange(read, 0, trimmed.length, replacement.replace(/\s+$/, ''));
    }

    replaceRange(read, offset, length, replacement) {
      const s = span(read, offset, length);
      if (!s) return false;
      const range = document.createRange();
      range.setStart(s.start.node, s.start.offset);
      range.setEnd(s.end.node, s.end.offset);
      this.editor.focus();
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      // execCommand is the one path that goes through the editor's undo stack and fires the
      // input events the site's autosave listens to.
      const ok = document.execCommand('insertText', false, replacement);
      this.changed();
      this.refresh(); // drop the replaced highlight now, not a frame later
      return ok;
    }

    ignore(finding) {
      this.ignored.add(ignoreKey(finding));
      this.draw();
    }

    setPaused(paused) {
      this.paused = paused;
      if (paused) {
        this.seq++;
        clearTimeout(this.timer);
        clearTimeout(this.retryTimer);
        this.setState('paused');
        this.draw();
      } else {
        this.setState('checking');
        this.analyze(true);
      }
    }

    settingsChanged() {
      if (this.paused) return;
      this.draw();
      this.analyze(false);
    }

    /* Offset in the analysed text of a DOM caret position, or -1. */
    offsetOf(node, offset) {
      for (const seg of this.read.segments) {
        if (seg.node === node) return seg.start + Math.min(offset, seg.length);
      }
      return -1;
    }

    findingAt(offset) {
      return this.visible.find((f) => offset >= f.offset && offset <= f.offset + f.length);
    }

    destroy() {
      this.seq++;
      clearTimeout(this.timer);
      clearTimeout(this.retryTimer);
      if (this.frame) cancelAnimationFrame(this.frame);
      this.editor.removeEventListener('input', this.onInput);
      this.resizer.disconnect();
      this.badge.destroy();
      this.overlay.destroy();
      this.editor.removeAttribute(STATE_ATTR);
    }
  }

  T.Draft = Draft;
})(globalThis);
