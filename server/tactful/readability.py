"""Readability of the writer's own words (textstat, pinned to 0.7.8: later versions try to
download cmudict at run time, which cannot work offline)."""

from __future__ import annotations

import re

import textstat

_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")


def warm() -> None:
    """textstat loads its hyphenation dictionary on first use: do that at start-up."""
    textstat.flesch_reading_ease("Warm the syllable counter once.")


def readability(sentences: list[str]) -> dict:
    words = sum(len(_WORD.findall(s)) for s in sentences)
    if not words:
        return {"words": 0, "sentences": 0, "flesch_reading_ease": 0.0, "grade_level": 0.0}
    # textstat counts sentences by terminal punctuation; give each sentence one.
    joined = " ".join(s if s[-1:] in ".!?" else s + "." for s in sentences)
    return {
        "words": words,
        "sentences": len(sentences),
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(joined)), 1),
        "grade_level": round(max(0.0, float(textstat.flesch_kincaid_grade(joined))), 1),
    }
