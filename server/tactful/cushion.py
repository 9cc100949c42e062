"""Cushion a whole draft: apply each finding's first suggestion, then add what a pushback
lacks (acknowledgement, reason, alternative, next step).

Named cushion.py so that importing it never shadows the public `tactful.rewrite` function."""

from __future__ import annotations

from .analysis import check_options, read, suggestions_for
from .rules import load


def cushion(text: str, strictness: str = "balanced") -> dict:
    pack = load()
    check_options(strictness, (), pack)
    d = read(text, strictness, frozenset(), pack)
    t = d.text
    edits: list[tuple[int, int, str, str]] = []  # original code-point span, replacement, rule
    for c in d.findings:
        options = suggestions_for(c, t)
        if not options:
            continue
        a, b = t.span_to_original(c.start, c.end)
        edits.append((a, b, options[0]["text"], c.rule.id))
    return {"text": _apply(t.original, edits), "changes": _changes(t, edits)}


def _apply(original: str, edits) -> str:
    out = original
    for a, b, replacement, _ in sorted(edits, reverse=True):
        out = out[:a] + replacement + out[b:]
    return out


def _changes(t, edits) -> list[dict]:
    return [
        {"offset": t.utf16(a), "length": t.utf16(b) - t.utf16(a), "replacement": r, "rule": rule}
        for a, b, r, rule in sorted(edits)
    ]
