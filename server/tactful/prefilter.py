"""Literal prefilters for regexes: the words a match cannot do without.

Scanning a draft with ~200 regexes is the engine's main cost, and Python's regex engine is
slow on patterns that open with a lookbehind, an optional group or a character class. But
almost every rule contains a word it cannot match without ("should", "sorry", "guarantee").
We find that word (or the few alternatives) by walking the parsed regex, look for it with
a plain substring search, and run the regex only over the sentences that contain it — the
prefilter idea of RE2 and of code-search engines, at the scale of one email.
"""

from __future__ import annotations

import re
from bisect import bisect_right

try:  # Python 3.11+: the parser moved to re._parser
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT}
if hasattr(C, "POSSESSIVE_REPEAT"):
    _REPEATS.add(C.POSSESSIVE_REPEAT)

_WORDS = _WORD = re.compile(r"\w+")

Needles = frozenset[str] | None


class Vocabulary:
    """All the needles an index may be asked about, split by whether they are made only
    of word characters (then they can be looked for among the distinct words)."""

    __slots__ = ("word_only", "other")

    def __init__(self, needles):
        self.word_only = tuple(w for w in needles if _WORD.fullmatch(w))
        self.other = tuple(w for w in needles if not _WORD.fullmatch(w))

    def __bool__(self) -> bool:
        return bool(self.word_only or self.other)  # None: no word is required (always scan)


# Words in nearly every sentence select nothing: a needle set holding one is a last resort.
_COMMON = frozenset(
    "a an and are as at be but by can do for from had has have i if in is it its me my no "
    "not of on or our so that the their them then there they this to us was we were what "
    "when will with would you your 's 're 'll 've 'm 'd n't".split()
)


def _selectivity(words: frozenset[str]) -> tuple:
    """Higher is better: no common word, then a longer shortest word, then fewer words."""
    return (words.isdisjoint(_COMMON), min(map(len, words)), -len(words))


_MAX_NEEDLES = 24


def _usable(words: frozenset[str]) -> bool:
    """Few enough words, none a lone ASCII letter (rare characters such as emoji are fine)."""
    return len(words) <= _MAX_NEEDLES and all(len(w) >= 2 or not w.isascii() for w in words)


def _better(a: frozenset[str], b: frozenset[str] | None) -> bool:
    """Is `a` a usable needle set, more selective than `b`?"""
    return _usable(a) and (b is None or _selectivity(a) > _selectivity(b))


def _seq(items) -> Needles:
    best: Needles = None
    run: list[str] = []

    def close() -> None:
        nonlocal best, run
        if run:
            word = frozenset(["".join(run)])
            if _better(word, best):
                best = word
            run = []

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        close()
        needles = _node(op, av)
        if needles and _better(needles, best):
            best = needles
    close()
    return best


def _node(op, av) -> Needles:
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            needles = _seq(branch)
            if not needles:
                return None
            out |= needles
            if len(out) > _MAX_NEEDLES:
                return None
        return frozenset(out)
    if op in _REPEATS:
        low, _high, item = av
        return _seq(item) if low >= 1 else None
    return None


def needles(pattern: str, flags: int = 0) -> Needles:
    """Strings one of which every match of `pattern` contains, or None if none is known.
    Only sound for patterns compiled without IGNORECASE (ours run on lower-cased text)."""
    try:
        parsed = P.parse(pattern, flags)
    except (re.error, RecursionError):
        return None
    found = _seq(parsed)
    return found if found and _usable(found) else None


class SentenceIndex:
    """Which sentences contain a given word, computed once per word per text: rules share
    most of their needles ("you", "never", "sorry"), so each is searched for only once."""

    __slots__ = ("text", "starts", "ends", "_memo", "_present")

    def __init__(self, text: str, starts: list[int], ends: list[int],
                 vocabulary: Vocabulary | None = None):
        self.text, self.starts, self.ends = text, starts, ends
        self._memo: dict[str, tuple[int, ...]] = {}
        # One C-level substring test per known needle, up front: most are absent, and a
        # rule whose needles are all absent is then skipped with one set operation. A
        # needle made only of word characters can only occur inside one word, so it is
        # looked for among the draft's distinct words (much shorter than a long draft).
        self._present = None
        if vocabulary:
            words = " ".join(set(_WORDS.findall(text)))
            self._present = frozenset(
                [w for w in vocabulary.word_only if w in words]
                + [w for w in vocabulary.other if w in text]
            )

    def _with_word(self, word: str) -> tuple[int, ...]:
        hit = self._memo.get(word)
        if hit is not None:
            return hit
        found: list[int] = []
        find, starts, ends = self.text.find, self.starts, self.ends
        pos = find(word)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            if i >= 0 and pos + len(word) <= ends[i]:
                found.append(i)
                pos = find(word, ends[i])  # the rest of this sentence is already in
            else:
                pos = find(word, pos + 1)
        hit = self._memo[word] = tuple(found)
        return hit

    @property
    def present(self) -> frozenset[str] | None:
        """The vocabulary's needles found in the text (None when no vocabulary was given)."""
        return self._present

    def sentences_with(self, words: frozenset[str]) -> tuple[int, ...] | list[int]:
        """Indices of the sentences that contain any of `words`, in order."""
        if self._present is not None and words.isdisjoint(self._present):
            return ()
        memo = self._memo
        first: tuple[int, ...] = ()
        more: set[int] | None = None
        for word in words:
            found = memo.get(word)
            if found is None:
                found = self._with_word(word)
            if not found:
                continue
            if not first:
                first = found
            else:
                if more is None:
                    more = set(first)
                more.update(found)
        return first if more is None else sorted(more)
