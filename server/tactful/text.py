"""Normalise a draft for matching while keeping a map back to the text the user typed.

Rules are written against plain ASCII punctuation and single spaces, but drafts arrive with
curly quotes, non-breaking and zero-width spaces, CRLF and emoji. Matching runs on `norm`;
every span found there is mapped back to code points of the original and then to UTF-16
code units, the offsets JavaScript (and so both clients) use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# One character for one character: str.translate keeps positions, so these cost no map.
_SAME_LENGTH = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u02bc": "'", "\uff07": "'", "\u0060": "'", "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\uff02": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2000": " ", "\u2001": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
        "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u205f": " ", "\u3000": " ",
        "\t": " ", "\u000b": "\n", "\u000c": "\n", "\u0085": "\n", "\u2028": "\n",
        "\u2029": "\n",
        "\u2010": "-", "\u2011": "-", "\u2212": "-",
        "\uff01": "!", "\uff1f": "?",
    }
)

# Characters that vanish (zero-width, soft hyphen, the CR of CRLF), expand (ellipsis), or
# fold: a run of spaces becomes one, so that no pattern ever meets a long run of spaces
# (a space in a pattern next to another space-eating quantifier backtracks quadratically
# over such a run: 20,000 spaces took the whole pack 88 s before this fold).
_RESHAPE = re.compile(
    "\r\n|\r|[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]|\u2026| {2,}"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(slots=True)
class Text:
    """A draft, its normalised form, and the maps between them."""

    original: str
    norm: str
    # Sorted norm positions where the norm->original shift changes, with the shift after it.
    _shift_at: list[int] = field(default_factory=list)
    _shift: list[int] = field(default_factory=list)
    # Code-point positions of astral characters (two UTF-16 units each).
    _astral: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, original: str) -> Text:
        translated = original.translate(_SAME_LENGTH)
        shift_at: list[int] = []
        shift: list[int] = []
        if _RESHAPE.search(translated) is None:
            norm = translated
        else:
            pieces: list[str] = []
            last = 0
            delta = 0  # original index - norm index, after the current point
            norm_len = 0
            for m in _RESHAPE.finditer(translated):
                pieces.append(translated[last : m.start()])
                norm_len += m.start() - last
                token = m.group()
                if token in ("\r\n", "\r"):
                    replacement = "\n"
                elif token == "\u2026":
                    replacement = "..."
                elif token[0] == " ":
                    replacement = " "
                else:
                    replacement = ""
                # Norm chars of the replacement all point at the token's first char;
                # the next ordinary char points just past the token.
                for k in range(len(replacement)):
                    shift_at.append(norm_len + k)
                    shift.append(m.start() - (norm_len + k))
                pieces.append(replacement)
                norm_len += len(replacement)
                delta = m.end() - norm_len
                shift_at.append(norm_len)
                shift.append(delta)
                last = m.end()
            pieces.append(translated[last:])
            norm = "".join(pieces)
        astral = [] if original.isascii() else [m.start() for m in _ASTRAL.finditer(original)]
        return cls(original, norm, shift_at, shift, astral)

    def to_original(self, pos: int) -> int:
        """Norm index -> code-point index in the original."""
        if not self._shift_at:
            return pos
        i = bisect_right(self._shift_at, pos) - 1
        return pos + (self._shift[i] if i >= 0 else 0)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """A norm span [start, end) -> the original code-point span that produced it."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def utf16(self, cp: int) -> int:
        """Code-point index in the original -> UTF-16 code units before it."""
        if not self._astral:
            return cp
        return cp + bisect_right(self._astral, cp - 1)

    def span_utf16(self, start: int, end: int) -> tuple[int, int]:
        """A norm span -> (offset, length) in UTF-16 units of the original."""
        a, b = self.span_to_original(start, end)
        off = self.utf16(a)
        return off, self.utf16(b) - off

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind a norm span."""
        a, b = self.span_to_original(start, end)
        return self.original[a:b]


def utf16_len(s: str) -> int:
    """Length of `s` in UTF-16 code units (lone surrogates count one, as in JavaScript)."""
    return len(s) + len(_ASTRAL.findall(s))
