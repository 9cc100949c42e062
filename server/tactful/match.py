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


def scan_starts(regex: re.Pattern, text: str, pos: int, end: int, limit: int):
    """scan(regex, text, pos, end), but only the matches starting at or before `limit`:
    each start is tried with match(), so a pattern slow to search a whole sentence costs
    a few attempts (a search's result is the first start where match() succeeds)."""
    match = regex.match
    while pos <= limit:
        m = match(text, pos, end)
        if m is None or m.end() == pos or (
            pos > 0 and pos < end and is_word_char(text[pos - 1]) and is_word_char(text[pos])
        ):
            pos += 1  # no match here, an empty one, or one starting inside a word
            continue
        yield m
        pos = m.end()


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
    programs, always = _programs(rules)
    judged = programs.masks(index_low)
    if judged is None:  # an index without the pack's vocabulary: judge rule by rule
        tried = sorted({i for i, r in enumerate(rules) if r.source == "pattern"})
        judged = {}
    else:
        tried = sorted(always.union(judged))
    index_view: prefilter.SentenceIndex | None = None
    out: list[Candidate] = []
    for position in tried:
        rule = rules[position]
        if rule.id in disabled:
            continue
        if rule.case_sensitive:
            text = view
            if rule.needs is None and rule.program is not None and index_view is None:
                index_view = prefilter.SentenceIndex(view, starts, ends)
            index = index_view
        else:
            text, index = low, index_low
        if position in judged:
            chosen: list[int] | None = prefilter.indices(judged[position])
        elif rule.needs is not None:
            chosen = _sentences_matching(rule.needs, text, starts)
        elif rule.program is not None:  # sentences holding the words the rule needs
            chosen = index.sentences_for(rule.program)
        else:
            chosen = None
        if chosen is None:
            for m in scan(rule.regex, text):
                i = bisect_right(starts, m.start()) - 1
                if i < 0:
                    continue
                sentence = sentences[i]
                if m.end() > sentence.end:
                    continue
                if _context_holds(rule, view, sentence, m):
                    out.append(Candidate(rule, m.start(), m.end(), i, m,
                                         sentence_start=sentence.start))
            continue
        search = rule.regex.search
        for i in chosen:
            start, end = starts[i], ends[i]
            if rule.only_sentence_start:
                # Only a match starting where the sentence's lead ends can hold (see
                # _context_holds), and that lead ends by `limit`: try no later start.
                limit = _SENTENCE_LEAD.match(view, start, end).end()
                hits = scan_starts(rule.regex, text, start, end, limit)
            elif search(text, start, end) is None:  # the usual case: no generator needed
                continue
            else:
                hits = scan(rule.regex, text, start, end)
            sentence = sentences[i]
            for m in hits:
                if _context_holds(rule, view, sentence, m):
                    out.append(Candidate(rule, m.start(), m.end(), i, m,
                                         sentence_start=start))
    return out


_PROGRAMS: dict[int, tuple[list[Rule], prefilter.Programs, frozenset[int]]] = {}


def _programs(rules: list[Rule]) -> tuple[prefilter.Programs, frozenset[int]]:
    """The pack's lower-case needle programs, judged all at once per draft, and the
    positions of the pattern rules they cannot judge (case-sensitive, `needs`, or no
    program), which are always tried."""
    hit = _PROGRAMS.get(id(rules))
    if hit is None or hit[0] is not rules:
        judged = [
            r.program if r.source == "pattern" and not r.case_sensitive and r.needs is None
            else None
            for r in rules
        ]
        always = frozenset(
            i for i, r in enumerate(rules) if r.source == "pattern" and judged[i] is None
        )
        hit = _PROGRAMS[id(rules)] = (rules, prefilter.Programs(judged), always)
    return hit[1], hit[2]


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
