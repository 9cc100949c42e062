"""Cushion a whole draft: apply each finding's first suggestion, then add what a pushback
lacks (acknowledgement, reason, alternative, next step).

Named cushion.py so that importing it never shadows the public `tactful.rewrite` function.
"""

from __future__ import annotations

import re

from .analysis import Draft, check_options, read, suggestions_for
from .rules import load

# What may remain of a sentence whose jab was deleted and still leave nothing to say.
_NOTHING_LEFT = re.compile(r"[^\w]*(?:[^\W\d_]+,)?[^\w]*")

# (original code-point start, end, replacement, rule id)
Edit = tuple[int, int, str, str]


def cushion(text: str, strictness: str = "balanced") -> dict:
    pack = load()
    check_options(strictness, (), pack)
    d = read(text, strictness, frozenset(), pack)
    t = d.text
    edits: list[Edit] = []
    by_sentence: dict[int, list[Edit]] = {}
    for c in d.findings:
        options = suggestions_for(c, t)
        if options:
            a, b = t.span_to_original(c.start, c.end)
            edit = (a, b, options[0]["text"], c.rule.id)
            edits.append(edit)
            by_sentence.setdefault(c.sentence, []).append(edit)
    edits = _drop_emptied_sentences(d, edits, by_sentence)
    if d.pushback:
        edits.extend(_missing_parts(d, pack.structure))
    edits.sort(key=lambda e: (e[0], e[1]))
    out = t.original
    for a, b, replacement, _ in reversed(edits):
        out = out[:a] + replacement + out[b:]
    changes = [
        {"offset": t.utf16(a), "length": t.utf16(b) - t.utf16(a), "replacement": r, "rule": rule}
        for a, b, r, rule in edits
    ]
    return {"text": out, "changes": changes}


def _drop_emptied_sentences(d: Draft, edits: list[Edit],
                            by_sentence: dict[int, list[Edit]]) -> list[Edit]:
    """Deleting a jab ("I'd have thought that was obvious.") must not leave a stray "." or
    "Honestly, ." behind: when a sentence's edits leave no word in it (or only a lead-in
    word and its comma), the whole sentence goes, with the space after it."""
    t = d.text
    for i, own in by_sentence.items():
        if any(r for _, _, r, _ in own):
            continue  # a replacement keeps words in the sentence
        sent = d.seg.sentences[i]
        a, b = t.span_to_original(sent.start, sent.end)
        kept, pos = [], a
        for x, y, _, _ in sorted(own):
            kept.append(t.original[pos:x])
            pos = max(pos, y)
        kept.append(t.original[pos:b])
        if not _NOTHING_LEFT.fullmatch("".join(kept)):
            continue
        while b < len(t.original) and t.original[b] in " \t":
            b += 1
        edits = [e for e in edits if e not in own] + [(a, b, "", own[0][3])]
    return edits


def _missing_parts(d: Draft, cues: dict) -> list[Edit]:
    """Sentences to insert for each missing part, at the place a reader expects it."""
    t, seg = d.text, d.seg
    body = [s for s in seg.sentences if seg.greeting_line is None or s.line != seg.greeting_line]
    if not body:
        return []
    first = body[0]
    last = body[-1]
    refusal = seg.sentences[d.cues.pushback[0]]
    # Reason and alternative go right after the run of refusing sentences on that line.
    after = refusal
    for i in d.cues.pushback:
        s = seg.sentences[i]
        if s.line == refusal.line and s.start >= after.start:
            after = s

    def end_of(s) -> int:
        return t.to_original(s.end - 1) + 1

    edits: list[Edit] = []
    shown = {p: d.cues.has(p) for p in d.parts}
    if not shown["acknowledgement"]:
        at = t.to_original(first.start)
        edits.append((at, at, cues["acknowledgement"]["add"] + " ", "structure.acknowledgement"))
    middle = [cues[p]["add"] for p in ("reason", "alternative") if not shown[p]]
    if middle:
        at = end_of(after)
        edits.append((at, at, " " + " ".join(middle), "structure.reason-alternative"))
    if not shown["next_step"]:
        at = end_of(last)
        edits.append((at, at, " " + cues["next_step"]["add"], "structure.next_step"))
    return edits
