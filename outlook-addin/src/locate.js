/*
 * Where does a finding's phrase live in the body's HTML?  Pure string logic, no DOM, so it
 * runs (and is tested) in Node as well as in Outlook.
 *
 * The engine reports a phrase by offset into the plain text Outlook gave us.  The HTML body
 * is a different string, so the phrase is found again by its words: the n-th occurrence in
 * the plain text is the n-th occurrence among the HTML's text nodes, provided both hold the
 * same number of occurrences.  When they do not, or the occurrence crosses a formatting
 * boundary, the answer is "ask the writer" rather than a guess.
 */
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.TactfulLocate = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var WORD = /[\p{L}\p{N}_]/u;
  var QUOTES = { "'": "['\u2018\u2019]", "\u2018": "['\u2018\u2019]", "\u2019": "['\u2018\u2019]",
    '"': "[\"\u201c\u201d]", "\u201c": "[\"\u201c\u201d]", "\u201d": "[\"\u201c\u201d]" };

  function escapeChar(c) {
    if (QUOTES[c]) return QUOTES[c];
    return /[\\^$.*+?()[\]{}|/-]/.test(c) ? "\\" + c : c;
  }

  /** A regex source matching `phrase` with any run of whitespace (&nbsp; included) equal to
   * any other, and straight quotes equal to curly ones. */
  function phrasePattern(phrase) {
    var parts = String(phrase).trim().split(/\s+/);
    return parts.map(function (w) { return Array.from(w).map(escapeChar).join(""); })
      .join("[\\s\\u00a0]+");
  }

  function isWord(ch) { return !!ch && WORD.test(ch); }

  /** Every occurrence of `phrase` in `text` as [start, end] pairs (UTF-16), non-overlapping,
   * whole words only at the phrase's word-character edges. */
  function occurrences(text, phrase) {
    var trimmed = String(phrase || "").trim();
    if (!trimmed) return [];
    var re = new RegExp(phrasePattern(trimmed), "gu");
    var firstWord = isWord(Array.from(trimmed)[0]);
    var lastChars = Array.from(trimmed);
    var lastWord = isWord(lastChars[lastChars.length - 1]);
    var out = [];
    var m;
    while ((m = re.exec(text)) !== null) {
      var start = m.index;
      var end = start + m[0].length;
      var before = start > 0 ? charBefore(text, start) : "";
      var after = end < text.length ? String.fromCodePoint(text.codePointAt(end)) : "";
      if ((firstWord && isWord(before)) || (lastWord && isWord(after))) {
        re.lastIndex = start + 1;
        continue;
      }
      out.push([start, end]);
    }
    return out;
  }

  function charBefore(text, i) {
    var code = text.charCodeAt(i - 1);
    if (code >= 0xdc00 && code <= 0xdfff && i >= 2) return text.slice(i - 2, i);
    return text.charAt(i - 1);
  }

  /** Which occurrence (0-based) of `phrase` starts at `offset` in `text`; -1 when none does
   * (the text has changed since it was analysed). */
  function ordinalAt(text, phrase, offset) {
    var occ = occurrences(text, phrase);
    for (var i = 0; i < occ.length; i++) {
      if (occ[i][0] === offset) return i;
      if (occ[i][0] > offset) break;
    }
    return -1;
  }

  /**
   * Join text segments (strings; `null` marks a boundary such as a paragraph break or an
   * image) into one searchable string, remembering where each segment starts.
   */
  function joinSegments(segments) {
    var text = "";
    var starts = [];
    for (var i = 0; i < segments.length; i++) {
      if (segments[i] === null) {
        starts.push(-1);
        text += "\n";
      } else {
        starts.push(text.length);
        text += segments[i];
      }
    }
    return { text: text, starts: starts };
  }

  /**
   * Plan edits of the plain text `plain` onto `segments` (the HTML's visible text nodes).
   * Each edit is {offset, length, text, replacement} over `plain`.  Returns
   * {status: "ok", edits: [{segment, start, end, replacement}]} or, for the first edit that
   * cannot be placed without guessing, {status: "stale" | "missing" | "ambiguous" | "split",
   * edit}.
   */
  function planEdits(plain, segments, edits) {
    var joined = joinSegments(segments);
    var planned = [];
    for (var i = 0; i < edits.length; i++) {
      var one = planOne(plain, joined, segments, edits[i]);
      if (one.status && edits[i].fallback) {
        var second = planOne(plain, joined, segments, edits[i].fallback);
        if (!second.status) one = second;
      }
      if (one.status) return one;
      planned.push(one);
    }
    planned.sort(function (a, b) { return a.segment - b.segment || a.start - b.start; });
    for (var j = 1; j < planned.length; j++) {
      var p = planned[j - 1];
      var q = planned[j];
      if (p.segment === q.segment && q.start < p.end) return fail("ambiguous", edits[0]);
    }
    return { status: "ok", edits: planned };
  }

  /** One edit placed in a segment, or a failure {status, edit}. */
  function planOne(plain, joined, segments, e) {
    var phrase = e.text;
    if (plain.slice(e.offset, e.offset + e.length) !== phrase) return fail("stale", e);
    var ordinal = ordinalAt(plain, phrase, e.offset);
    if (ordinal < 0) return fail("stale", e);
    var inPlain = occurrences(plain, phrase).length;
    var inHtml = occurrences(joined.text, phrase);
    if (inHtml.length === 0) return fail("missing", e);
    if (inHtml.length !== inPlain) return fail("ambiguous", e);
    var hit = inHtml[ordinal];
    var seg = segmentHolding(joined, segments, hit[0], hit[1]);
    if (seg < 0) return fail("split", e);
    return { segment: seg, start: hit[0] - joined.starts[seg], end: hit[1] - joined.starts[seg],
      replacement: e.replacement };
  }

  function fail(status, edit) { return { status: status, edit: edit }; }

  function segmentHolding(joined, segments, start, end) {
    for (var i = 0; i < segments.length; i++) {
      var s = joined.starts[i];
      if (s < 0) continue;
      if (start >= s && end <= s + segments[i].length) return i;
    }
    return -1;
  }

  /** Apply planned edits to one segment's string, right to left. */
  function applyToSegment(value, edits) {
    var out = value;
    edits.slice().sort(function (a, b) { return b.start - a.start; }).forEach(function (e) {
      out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
    });
    return out;
  }

  /**
   * The span of plain text a change needs in order to be placed by its words.  A rewrite
   * change may be a pure insertion (length 0: an added sentence); it borrows its neighbour
   * word, the following one when it starts a sentence, otherwise the preceding one.
   */
  function anchorSpan(plain, change) {
    var offset = change.offset;
    var end = offset + change.length;
    if (change.length > 0) return [offset, end];
    var after = /^\S+/.exec(plain.slice(offset));
    var before = /\S+$/.exec(plain.slice(0, offset));
    if (after && (/\s$/.test(change.replacement) || !before)) return [offset, offset + after[0].length];
    if (before) return [offset - before[0].length, offset];
    return null;
  }

  /**
   * Turn the rewrite's changes into phrase edits over `plain`: each change widened to its
   * anchor span, and changes whose spans touch merged into one edit whose replacement is
   * that stretch of text with all of them applied.  Returns null when a change has nothing
   * to anchor to (an empty draft).
   */
  function rewriteEdits(plain, changes) {
    var items = [];
    for (var i = 0; i < changes.length; i++) {
      var span = anchorSpan(plain, changes[i]);
      if (!span) return null;
      items.push({ span: span, change: changes[i] });
    }
    items.sort(function (a, b) { return a.span[0] - b.span[0] || a.span[1] - b.span[1]; });
    var clusters = [];
    items.forEach(function (it) {
      var last = clusters[clusters.length - 1];
      if (last && it.span[0] <= last.end) {
        last.end = Math.max(last.end, it.span[1]);
        last.changes.push(it.change);
      } else {
        clusters.push({ start: it.span[0], end: it.span[1], changes: [it.change] });
      }
    });
    return clusters.map(function (c) {
      var edit = clusterEdit(plain, c, changes);
      var only = c.changes.length === 1 ? c.changes[0] : null;
      if (only && only.length === 0) {
        // A lone insertion whose neighbour word is split by formatting ("<i>later</i>.")
        // can still sit next to the single character beside it.
        var after = /\s$/.test(only.replacement) || only.offset === 0;
        var near = after ? [only.offset, only.offset + 1] : [only.offset - 1, only.offset];
        var ch = plain.slice(near[0], near[1]);
        if (ch && !/[\s\uD800-\uDFFF]/.test(ch)) {
          var lone = { start: near[0], end: near[1], changes: [only] };
          edit.fallback = clusterEdit(plain, lone, changes);
        }
      }
      return edit;
    });
  }

  /**
   * One edit for a cluster of changes: its stretch of text with every change applied, right
   * to left as the server does, so that changes at one offset keep the server's order.
   */
  function clusterEdit(plain, c, all) {
    var out = plain.slice(c.start, c.end);
    c.changes.slice().sort(function (a, b) {
      return b.offset - a.offset || all.indexOf(b) - all.indexOf(a);
    }).forEach(function (ch) {
      var s = ch.offset - c.start;
      out = out.slice(0, s) + ch.replacement + out.slice(s + ch.length);
    });
    return { offset: c.start, length: c.end - c.start, text: plain.slice(c.start, c.end),
      replacement: out };
  }

  /** Same words, ignoring whitespace kind and quote style: is the selection the phrase? */
  function samePhrase(a, b) {
    var re = new RegExp("^" + phrasePattern(b) + "$", "u");
    return String(b).trim() !== "" && re.test(String(a).trim());
  }

  return {
    occurrences: occurrences,
    ordinalAt: ordinalAt,
    joinSegments: joinSegments,
    planEdits: planEdits,
    applyToSegment: applyToSegment,
    rewriteEdits: rewriteEdits,
    samePhrase: samePhrase,
  };
});
