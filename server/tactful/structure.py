"""The four parts of a good pushback: acknowledgement, reason, alternative, next step.

Cues live in `rules/structure.toml`. The checklist reports a part wherever the draft states
it; the score credits it only from a sentence with no high-severity finding (a "reason"
wrapped in blame earns nothing), which keeps the score monotone: adding a hostile sentence
can never raise it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .match import scan
from .rules import STRUCTURE_PARTS, RulePack, expand, lower_pattern
from .segment import Segments

SOFT_PUSHBACK_SENTENCES = 2


@dataclass(slots=True)
class Cues:
    pushback: list[int]  # sentence indices that refuse, decline or disagree
    parts: dict[str, list[int]]  # part -> sentence indices that show it

    def has(self, part: str) -> bool:
        return bool(self.parts.get(part))


@dataclass(slots=True)
class Compiled:
    pushback: re.Pattern | None
    pushback_soft: re.Pattern | None
    pushback_unless: re.Pattern | None
    parts: dict[str, re.Pattern | None]
    unless: dict[str, re.Pattern | None]
    tips: dict[str, str]


def _rx(patterns: list[str], macros: dict[str, str]) -> re.Pattern | None:
    if not patterns:
        return None
    body = lower_pattern("|".join(f"(?:{expand(p, macros)})" for p in patterns))
    # Lower-case literals over lower-cased text, no leading assertion: the fast path.
    return re.compile(rf"(?:{body})(?:(?!\w)|(?<!\w))")


@lru_cache(maxsize=4)
def compiled(pack: RulePack) -> Compiled:
    raw = pack.structure
    return Compiled(
        pushback=_rx(raw["pushback"].get("patterns", []), pack.macros),
        pushback_soft=_rx(raw["pushback"].get("soft", []), pack.macros),
        pushback_unless=_rx(raw["pushback"].get("unless", []), pack.macros),
        parts={p: _rx(raw[p].get("patterns", []), pack.macros) for p in STRUCTURE_PARTS},
        unless={p: _rx(raw[p].get("unless", []), pack.macros) for p in STRUCTURE_PARTS},
        tips={p: " ".join(raw[p].get("tip", "").split()) for p in STRUCTURE_PARTS},
    )


def _found(rx: re.Pattern | None, sentence: str) -> bool:
    return rx is not None and next(scan(rx, sentence), None) is not None


def find_cues(low: str, seg: Segments, pack: RulePack) -> Cues:
    """`low`: the writer's view, lower-cased (same length)."""
    c = compiled(pack)
    pushback: list[int] = []
    soft: list[int] = []
    parts: dict[str, list[int]] = {p: [] for p in STRUCTURE_PARTS}
    for i, s in enumerate(seg.sentences):
        if seg.greeting_line is not None and s.line == seg.greeting_line:
            continue
        sentence = low[s.start : s.end]  # sliced so that ^ and $ mean the sentence's ends
        if not _found(c.pushback_unless, sentence):
            if _found(c.pushback, sentence):
                pushback.append(i)
            elif _found(c.pushback_soft, sentence):
                soft.append(i)
        for part in STRUCTURE_PARTS:
            if _found(c.parts[part], sentence) and not _found(c.unless[part], sentence):
                parts[part].append(i)
    if not pushback and len(soft) >= SOFT_PUSHBACK_SENTENCES:
        pushback = soft
    return Cues(pushback, parts)


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
