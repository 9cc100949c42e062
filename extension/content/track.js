/*
 * Keeping findings honest while the writer types: a finding is only drawn or applied while
 * the text at its offsets is still exactly the text the server flagged. Pure functions.
 */
(function (root) {
  'use strict';
  const T = (root.Tactful = root.Tactful || {});

  /** True when `text` no longer holds the finding's words at the finding's offsets. */
  function isStale(text, finding) {
    return text.slice(finding.offset, finding.offset + finding.length) !== finding.text;
  }

  /** The changed region between two texts: common prefix and suffix lengths. */
  function diffRegion(oldText, newText) {
    const max = Math.min(oldText.length, newText.length);
    let prefix = 0;
    while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (
      suffix < max - prefix &&
      oldText.charCodeAt(oldText.length - 1 - suffix) ===
        newText.charCodeAt(newText.length - 1 - suffix)
    ) {
      suffix++;
    }
    return { prefix, suffix };
  }

  /**
   * Carry findings from the text they were computed on to the current text. Findings before
   * the edit stay, findings after it move by the edit's length change, and any finding the
   * edit touches (even at its edges, where a word may have grown) is dropped at once.
   */
  function shiftFindings(oldText, newText, findings) {
    if (oldText === newText) return findings.slice();
    const { prefix, suffix } = diffRegion(oldText, newText);
    const oldEnd = oldText.length - suffix;
    const delta = newText.length - oldText.length;
    const out = [];
    for (const f of findings) {
      let moved;
      if (f.offset + f.length < prefix) moved = f;
      else if (f.offset > oldEnd) moved = { ...f, offset: f.offset + delta };
      else continue;
      if (!isStale(newText, moved)) out.push(moved);
    }
    return out;
  }

  /** Key for "Ignore here": this rule on these words, in this draft only. */
  function ignoreKey(finding) {
    return finding.rule + '\u0000' + finding.text;
  }

  /** Findings to draw: not ignored in this draft, not switched off, not stale. */
  function visibleFindings(text, findings, ignored, disabledRules) {
    const off = new Set(disabledRules || []);
    return findings.filter(
      (f) => !(ignored && ignored.has(ignoreKey(f))) && !off.has(f.rule) && !isStale(text, f)
    );
  }

  const LEVELS = { off: [], high: ['high'], 'high+medium': ['high', 'medium'] };

  /** Findings that should make Send ask first, for the configured level. */
  function blockingFindings(findings, level) {
    const severities = LEVELS[level] || [];
    return findings.filter((f) => severities.includes(f.severity));
  }

  T.track = { isStale, diffRegion, shiftFindings, ignoreKey, visibleFindings, blockingFindings };
})(globalThis);
