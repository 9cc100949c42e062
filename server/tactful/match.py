"""Run the rule pack over the writer's words and keep the matches whose context fits."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import prefilter
from .rules import Rule
from .segment import Segments, Sentence

# What may stand between a sentence's start and a sentence-adverb rule ("And frankly, …").
_SENTENCE_LEAD = re.compile(
    r"[\s\"'(\[\-*]*(?:(?:and|but|so|well|oh|look|ok|okay|now|honestly|also|plus)[,]?\s+)?",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Candidate:
    rule: Rule
    start: int  # norm positions
    end: int
    sentence: int  # index into Segments.sentences
    match: re.Match | None  # None for findings that do not come from a pattern
    detail: str = ""  # appended to the rule's explanation (e.g. the tone model's reasons)
    sentence_start: int = -1  # norm position where the finding's sentence starts


def writer_view(norm: str, seg: Segments) -> str:
    """`norm` with quoted history and signature blanked out (same length, newlines)."""
    if not seg.ignored:
        return norm
    parts = []
    last = 0
    for ig in seg.ignored:
        parts.append(norm[last : ig.start])
        parts.append("\n" * (ig.end - ig.start))
        last = ig.end
    parts.append(norm[last:])
    return "".join(parts)


def lower_view(view: str) -> str:
    """Lower-case without changing length (a few characters, like "İ", lower to two)."""
    low = view.lower()
    if len(low) == len(view):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in view)


def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def scan(regex: re.Pattern, text: str, pos: int = 0, end: int | None = None):
    """Matches of `regex` in text[pos:end] that do not start inside a word (see
    rules._END_GUARD for why this check lives here rather than in the pattern)."""
    n = len(text) if end is None else end
    search = regex.search
    while pos <= n:
        m = search(text, pos, n)
        if m is None:
            return
        start = m.start()
        if start > 0 and is_word_char(text[start - 1]) and start < n and is_word_char(text[start]):
            pos = start + 1
            continue
        if m.end() > start:
            yield m
        pos = m.end() if m.end() > start else start + 1


def find(view: str, low: str, seg: Segments, rules: list[Rule], disabled: frozenset[str],
         index_low: prefilter.SentenceIndex) -> list[Candidate]:
    """Every rule match inside one of the writer's sentences whose conditions hold.
    `low` is `view` lower-cased (same length): most rules run over it; `index_low` finds
    the sentences of `low` holding a rule's needles."""
    sentences = seg.sentences
    if not sentences:
        return []
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    index = {False: index_low, True: prefilter.SentenceIndex(view, starts, ends)}
    out: list[Candidate] = []
    for rule in _worth_trying(rules, index_low):
        if rule.id in disabled:
            continue
        text = view if rule.case_sensitive else low
        if rule.needs is not None:
            chosen: list[int] | None = _sentences_matching(rule.needs, text, starts)
        elif rule.needles is not None:  # sentences holding a word the rule cannot do without
            chosen = index[rule.case_sensitive].sentences_with(rule.needles)
        else:
            chosen = None
        if chosen is None:
            hits = scan(rule.regex, text)
        elif not chosen:
            continue
        else:
            hits = (m for i in chosen for m in scan(rule.regex, text, starts[i], ends[i]))
        for m in hits:
            i = bisect_right(starts, m.start()) - 1
            if i < 0:
                continue
            sentence = sentences[i]
            if m.end() > sentence.end:
                continue
            if _context_holds(rule, view, sentence, m):
                out.append(Candidate(rule, m.start(), m.end(), i, m,
                                     sentence_start=sentence.start))
    return out


_BY_NEEDLE: dict[int, tuple[list[Rule], dict[str, list[int]], list[int]]] = {}


def _worth_trying(rules: list[Rule], index: prefilter.SentenceIndex) -> list[Rule]:
    """The pattern rules that may match: those with a needle present in the text, plus
    those the needle index cannot judge (case-sensitive, or without needles). Skipping the
    rest up front saves a Python round per rule on every analysis."""
    key = id(rules)
    if key not in _BY_NEEDLE:
        by_needle: dict[str, list[int]] = {}
        always: list[int] = []
        for i, rule in enumerate(rules):
            if rule.source != "pattern":
                continue
            if rule.needles is None or rule.case_sensitive or rule.needs is not None:
                always.append(i)
            else:
                for word in rule.needles:
                    by_needle.setdefault(word, []).append(i)
        _BY_NEEDLE[key] = (rules, by_needle, always)
    _, by_needle, always = _BY_NEEDLE[key]
    present = index.present
    if present is None:
        return [r for r in rules if r.source == "pattern"]
    chosen = set(always)
    for word in present:
        chosen.update(by_needle.get(word, ()))
    return [rules[i] for i in sorted(chosen)]


def _sentences_matching(rx: re.Pattern, text: str, starts: list[int]) -> list[int]:
    found: list[int] = []
    for m in rx.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and (not found or found[-1] != i):
            found.append(i)
    return found


def _context_holds(rule: Rule, view: str, sentence: Sentence, m: re.Match) -> bool:
    if rule.only_sentence_start:
        lead = _SENTENCE_LEAD.match(view, sentence.start, m.start())
        if lead is None or lead.end() != m.start():
            return False
    if rule.unless_before is not None and rule.unless_before.search(
        view, sentence.start, m.start()
    ):
        return False
    if rule.unless_after is not None and rule.unless_after.match(view, m.end(), sentence.end):
        return False
    if rule.unless_sentence is not None and rule.unless_sentence.search(
        view, sentence.start, sentence.end
    ):
        return False
    return not (
        rule.requires_sentence is not None
        and not rule.requires_sentence.search(view, sentence.start, sentence.end)
    )
