"""Adversarial drafts for the engine: repetitions that make a careless regex backtrack, and
mixtures built from the rule pack's own examples. `fit(unit, n)` repeats a unit to exactly
n characters. Shared by tests/hardening and scripts/fuzz_engine.py."""

from __future__ import annotations

import re
from functools import cache


def fit(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


@cache
def _rule_examples() -> tuple[str, ...]:
    from tactful.rules import load

    return tuple(ex for r in load().rules for ex in r.flags)


def _mixtures() -> dict[str, str]:
    flags = _rule_examples()
    joined = " ".join(flags)
    no_stops = re.sub(r"[.!?]+", " ", joined)
    halves = " ".join(f[: max(1, len(f) // 2)] for f in flags)
    return {
        "rule examples": joined + " ",
        "rule examples, one sentence": no_stops + " ",
        "rule example halves": halves + " ",
        "rule examples, CAPS": joined.upper() + " ",
        # Each example followed by a long run of spaces, or a long word: the text a rule's
        # condition or a lazy gap is tried over after the rule matched.
        "rule examples + space runs": (" " * 700).join(flags) + " " * 700,
        "rule examples + long words": (" " + "a" * 700 + " ").join(flags) + " ",
        "rule examples + CAPS words": (" " + "A" * 700 + " ").join(flags) + " ",
    }


ADVERSARIAL: dict[str, str] = {
    "you ": "you ",
    "so so so": "so ",
    "!!!!": "!",
    "a * n": "a",
    "A * n": "A",
    "No. ": "No. ",
    "CAPS run": "ABSOLUTELY NOT ACCEPTABLE ",
    "CAPS words no space": "WE CANNOT DO THAT",
    "nested quotes": "\"'(\"'[",
    "> lines": "> you should have told us\n",
    "On … wrote:": "On Mon, 3 Jun 2024 at 09:12, Ana Lima <ana@example.com> wrote:\n",
    "On without wrote": "On Mon, 3 Jun 2024 at 09:12, Ana Lima <ana@example.com> said ",
    "From/Sent headers": "From: Ana\nSent: Monday\nTo: Bo\nSubject: Re: x\n",
    "?!?!": "?!",
    "....": ".",
    "spaces": " ",
    "newlines": "\n",
    "CRLF no": "No.\r\n",
    "tabs you": "you\t",
    "apostrophes": "'",
    "we can't ": "we can't ",
    "sorry ": "sorry ",
    "just really ": "just really ",
    "-- ": "-- \n",
    "Best,\\nName": "Best,\nAna\n",
    "Hi Name,": "Hi Ana Maria Lima,\n",
    "mixed scripts": "Привет 你好 مرحبا שלום こんにちは ",
    "emoji": "😀👍🏽",
    "zero-width": "a\u200b",
    "combining marks": "e\u0301\u0301\u0301",
    "one long word": "x",
    "digits": "0",
    "a rule word then a long word": "x is " + "a" * 20_000,
    "digits and dots": "1.",
    "words with dots": "e.g.i.e.",
    "dashes": "-",
    "mixed punctuation": "!?.,;:-",
    "Mr. Mrs. Dr.": "Mr. Mrs. Dr. ",
}
ADVERSARIAL.update(_mixtures())
