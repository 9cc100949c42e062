"""Score a draft 0-100 and on the four principles.

Monotone by design: a high-severity finding costs more than any one sentence can earn
(structure credit only comes from sentences without a high finding, and the tone
adjustment is bounded well below one high penalty).
"""

from __future__ import annotations

from .rules import PRINCIPLES

FINDING_PENALTY = {"high": 20, "medium": 8, "low": 3}
PRINCIPLE_PENALTY = {"high": 30, "medium": 12, "low": 4}
# part -> (penalty on the total, {principle: penalty}) when a pushback lacks it
MISSING_PART = {
    "acknowledgement": (8, {"understanding": 30}),
    "reason": (10, {"knowledge": 40}),
    "alternative": (8, {"intent": 20, "understanding": 10}),
    "next_step": (6, {"intent": 10, "standing": 15}),
}
TONE_WEIGHT_TOTAL = 8  # politeness 0..1 moves the total by at most +-4
TONE_WEIGHT_UNDERSTANDING = 30


def _clamp(x: float) -> int:
    return int(round(min(100.0, max(0.0, x))))


def score(findings: list, pushback: bool, parts: dict[str, bool],
          politeness: float | None) -> tuple[int, str, dict[str, int]]:
    total = 100.0
    principles = {p: 100.0 for p in PRINCIPLES}
    for f in findings:
        total -= FINDING_PENALTY[f.rule.severity]
        principles[f.rule.principle] -= PRINCIPLE_PENALTY[f.rule.severity]
    if pushback:
        for part, present in parts.items():
            if not present:
                cost, per = MISSING_PART[part]
                total -= cost
                for p, v in per.items():
                    principles[p] -= v
    if politeness is not None:
        total += (politeness - 0.5) * TONE_WEIGHT_TOTAL
        principles["understanding"] += (politeness - 0.5) * TONE_WEIGHT_UNDERSTANDING
    value = _clamp(total)
    severities = {f.rule.severity for f in findings}
    if "high" in severities or value < 50:
        label = "risky"
    elif "medium" in severities or value < 80:
        label = "review"
    else:
        label = "ready"
    return value, label, {p: _clamp(v) for p, v in principles.items()}
