"""Settle overlapping matches and apply strictness.

Greedy by priority (most severe, then longest, then earliest, then rule order). Because
every more-severe candidate is placed before any less-severe one, the findings kept at a
lower strictness are exactly the kept findings at a higher one with enough severity: the
contract's gentle ⊆ balanced ⊆ strict holds by construction.
"""

from __future__ import annotations

from bisect import bisect_left

from .match import Candidate

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
STRICTNESS_LEVELS = {"gentle": 0, "balanced": 1, "strict": 2}


def visible(severity: str, strictness: str) -> bool:
    return SEVERITY_RANK[severity] <= STRICTNESS_LEVELS[strictness]


def resolve(candidates: list[Candidate], strictness: str) -> list[Candidate]:
    shown = [c for c in candidates if visible(c.rule.severity, strictness)]
    shown.sort(key=lambda c: (SEVERITY_RANK[c.rule.severity], c.start - c.end, c.start,
                              c.rule.order))
    # Kept spans never overlap, so sorted by start they are sorted by end too: the only
    # possible clash is the kept span starting last before the candidate's end.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in shown:
        i = bisect_left(starts, c.end)
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept
