"""The four parts of a good pushback: acknowledgement, reason, alternative, next step.

Cues live in `rules/structure.toml`. The checklist reports a part wherever the draft states
it; the score credits it only from a sentence with no high-severity finding (a "reason"
wrapped in blame earns nothing), which keeps the score monotone: adding a hostile sentence
can never raise it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import prefilter
from .match import scan
from .rules import STRUCTURE_PARTS, RulePack, expand, lower_pattern
from .segment import Segments

SOFT_PUSHBACK_SENTENCES = 2
# Findings that only ever come from a draft pushing back: a refusal at any
# severity, and a high-severity jab (sarcasm, an attack, blame...) in any other hostile
# category. A draft that says "Sure, let me just rebuild the whole engine for you" refuses
# without a single refusal word, and a checklist that missed it would score it as neutral.
REFUSING_CATEGORIES = frozenset({"blunt-refusal"})
HOSTILE_CATEGORIES = frozenset({
    "sarcasm", "attack", "blame", "condescension", "dismissive", "passive-aggressive",
})


@dataclass(slots=True)
class Cues:
    pushback: list[int]  # sentence indices that refuse, decline or disagree
    parts: dict[str, list[int]]  # part -> sentence indices that show it

    def has(self, part: str) -> bool:
        return bool(self.parts.get(part))


Matcher = tuple[re.Pattern, "frozenset[str] | None"]  # a cue pattern and its needles


@dataclass(slots=True)
class Compiled:
    pushback: list[Matcher]
    pushback_soft: list[Matcher]
    pushback_unless: re.Pattern | None
    parts: dict[str, list[Matcher]]
    unless: dict[str, re.Pattern | None]
    tips: dict[str, str]


def _one(pattern: str, macros: dict[str, str]) -> re.Pattern:
    # Lower-case literals over lower-cased text, no leading assertion: the fast path.
    return re.compile(rf"(?:{lower_pattern(expand(pattern, macros))})(?:(?!\w)|(?<!\w))")


def _matchers(patterns: list[str], macros: dict[str, str]) -> list[Matcher]:
    out = []
    for p in patterns:
        rx = _one(p, macros)
        out.append((rx, prefilter.needles(rx.pattern)))
    return out


def _veto(patterns: list[str], macros: dict[str, str]) -> re.Pattern | None:
    if not patterns:
        return None
    return _one("|".join(f"(?:{p})" for p in patterns), macros)


_CACHE: dict[int, Compiled] = {}


def compiled(pack: RulePack) -> Compiled:
    if id(pack) not in _CACHE:
        raw, m = pack.structure, pack.macros
        _CACHE[id(pack)] = Compiled(
            pushback=_matchers(raw["pushback"].get("patterns", []), m),
            pushback_soft=_matchers(raw["pushback"].get("soft", []), m),
            pushback_unless=_veto(raw["pushback"].get("unless", []), m),
            parts={p: _matchers(raw[p].get("patterns", []), m) for p in STRUCTURE_PARTS},
            unless={p: _veto(raw[p].get("unless", []), m) for p in STRUCTURE_PARTS},
            tips={p: " ".join(raw[p].get("tip", "").split()) for p in STRUCTURE_PARTS},
        )
    return _CACHE[id(pack)]


_PROGRAMS: dict[int, tuple[list, prefilter.Programs, list[int]]] = {}


def _programs(matchers: list[Matcher]) -> tuple[prefilter.Programs, list[int]]:
    """The group's needle programs (see prefilter) and the patterns that have none."""
    hit = _PROGRAMS.get(id(matchers))
    if hit is None or hit[0] is not matchers:
        progs = [prefilter.program(rx.pattern) for rx, _ in matchers]
        blind = [k for k, p in enumerate(progs) if p is None]
        hit = _PROGRAMS[id(matchers)] = (matchers, prefilter.Programs(progs), blind)
    return hit[1], hit[2]


def cue_needles(pack: RulePack) -> frozenset[str]:
    """Every word the cue prefilters may ask the sentence index about."""
    c = compiled(pack)
    groups = [c.pushback, c.pushback_soft, *c.parts.values()]
    words = {w for group in groups for _, needles in group if needles for w in needles}
    for group in groups:
        words |= _programs(group)[0].words
    return frozenset(words)


def _found(rx: re.Pattern | None, sentence: str) -> bool:
    return rx is not None and next(scan(rx, sentence), None) is not None


def _hits(matchers: list[Matcher], low: str, seg: Segments, index: prefilter.SentenceIndex,
          body: range) -> set[int]:
    """Sentences where any cue pattern matches (sliced, so ^ and $ mean sentence ends)."""
    programs, blind = _programs(matchers)
    judged = programs.masks(index)
    if judged is None:  # an index without the pack's vocabulary
        judged, blind = {}, range(len(matchers))
    hit = 0
    for k in sorted([*judged, *blind]):
        rx = matchers[k][0]
        mask = judged.get(k)
        for i in body if mask is None else prefilter.indices(mask & ~hit):
            if hit >> i & 1 or i not in body:
                continue
            s = seg.sentences[i]
            if _found(rx, low[s.start : s.end]):
                hit |= 1 << i
    return set(prefilter.indices(hit))


def find_cues(low: str, seg: Segments, pack: RulePack, index: prefilter.SentenceIndex) -> Cues:
    """`low`: the writer's view, lower-cased (same length); `index` its sentence index."""
    c = compiled(pack)
    first = 0
    if seg.greeting_line is not None:
        while first < len(seg.sentences) and seg.sentences[first].line == seg.greeting_line:
            first += 1
    body = range(first, len(seg.sentences))

    def vetoed(rx: re.Pattern | None, i: int) -> bool:
        s = seg.sentences[i]
        return _found(rx, low[s.start : s.end])

    hard = {i for i in _hits(c.pushback, low, seg, index, body)
            if not vetoed(c.pushback_unless, i)}
    pushback = sorted(hard)
    if not pushback:
        soft = {i for i in _hits(c.pushback_soft, low, seg, index, body)
                if not vetoed(c.pushback_unless, i)}
        if len(soft) >= SOFT_PUSHBACK_SENTENCES:
            pushback = sorted(soft)
    parts = {
        part: sorted(i for i in _hits(c.parts[part], low, seg, index, body)
                     if not vetoed(c.unless[part], i))
        for part in STRUCTURE_PARTS
    }
    return Cues(pushback, parts)


def note_refusals(cues: Cues, candidates) -> None:
    """When no cue found a refusal, take the sentences of findings only a pushback produces
    (`candidates`: rule matches before strictness filtering, so the verdict does not depend
    on strictness). Fills `cues.pushback` in place, so the rewrite knows where the "no" is."""
    if cues.pushback:
        return
    cues.pushback = sorted({
        c.sentence for c in candidates
        if c.rule.category in REFUSING_CATEGORIES
        or (c.rule.severity == "high" and c.rule.category in HOSTILE_CATEGORIES)
    })


def report(cues: Cues, seg: Segments, span_utf16, pack: RulePack) -> dict:
    """The contract's `structure` object: each part with the first sentence that shows it."""
    tips = compiled(pack).tips
    out = {}
    for part in STRUCTURE_PARTS:
        shown = cues.parts[part]
        if shown:
            s = seg.sentences[shown[0]]
            offset, length = span_utf16(s.start, s.end)
            out[part] = {"present": True, "offset": offset, "length": length, "tip": tips[part]}
        else:
            out[part] = {"present": False, "tip": tips[part]}
    return out


def credited_parts(cues: Cues, flawed: set[int]) -> dict[str, bool]:
    """Parts the score credits: shown by a sentence without a high finding (`flawed`)."""
    return {p: any(i not in flawed for i in cues.parts[p]) for p in STRUCTURE_PARTS}
