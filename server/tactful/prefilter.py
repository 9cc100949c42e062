"""Literal prefilters for regexes: the words a match cannot do without.

Scanning a draft with hundreds of regexes is the engine's main cost, and Python's regex
engine is slow on patterns that open with a lookbehind, an optional group or a character
class. But almost every rule contains words it cannot match without ("should", "sorry",
"guarantee"). We find them by walking the parsed regex — per path through the pattern, the
sets of words it needs all of ("you … should … have") — and run the regex only over the
sentences that hold them: the prefilter idea of RE2 and of code-search engines, at the
scale of one email. Which sentence holds which word is read once per draft from its
distinct tokens, as bit masks (bit i: sentence i), so a rule's test is a few integer ANDs.
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

_TOKEN = re.compile(r"\S+")

Needles = frozenset[str] | None


class Vocabulary:
    """All the needles an index may be asked about, split by whether they hold whitespace.
    A needle without any ("sorry", "don't", "100%") lies inside one run of non-space
    characters, so it can be looked for among the draft's distinct runs ("tokens")."""

    __slots__ = ("solid", "spaced", "all", "_solid", "_prefixes", "_singles", "_inside")

    def __init__(self, needles):
        self.all = frozenset(needles)
        self.solid = tuple(w for w in self.all if _TOKEN.fullmatch(w))
        self.spaced = tuple(w for w in self.all if not _TOKEN.fullmatch(w))
        self._solid = frozenset(self.solid)
        self._prefixes = frozenset(w[:k] for w in self.solid for k in range(2, len(w) + 1))
        self._singles = frozenset(w for w in self.solid if len(w) == 1)
        # token of a draft -> the needles inside it. Drafts reuse a small stock of words,
        # so after a few drafts nearly every token is a single dictionary look-up.
        self._inside: dict[str, tuple[str, ...]] = {}

    def __bool__(self) -> bool:
        return bool(self.all)

    def inside(self, word: str) -> tuple[str, ...]:
        """The solid needles that occur in `word` (a token: a run of non-space characters)."""
        found = self._inside.get(word)
        if found is not None:
            return found
        known, prefixes, n = self._solid, self._prefixes, len(word)
        hits = set(self._singles.intersection(word)) if self._singles else set()
        for i in range(n - 1):  # walk each start only as far as some needle goes on
            k = i + 2
            sub = word[i:k]
            while sub in prefixes:
                if sub in known:
                    hits.add(sub)
                k += 1
                if k > n:
                    break
                sub = word[i:k]
        found = tuple(hits)
        if n <= _CACHED_WORD_MAX:
            if len(self._inside) >= _CACHE_MAX:
                self._inside.clear()  # rare: a bound on memory, not an eviction policy
            self._inside[word] = found
        return found


_CACHED_WORD_MAX = 40
_CACHE_MAX = 100_000


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


# ---------------------------------------------------------------- needle programs
#
# One needle set per rule still lets through many sentences that cannot match: "you" is in
# half of them. A program asks for more: every word a match cannot do without, per
# alternative path through the pattern ("you … should" needs "you" AND "should"). It is a
# disjunction of conjunctions of needle sets, evaluated over sentence bit masks.

Clause = frozenset[str]  # one of these words is in the sentence
Program = tuple[tuple[Clause, ...], ...] | None  # some alternative has all its clauses

_MAX_ALTERNATIVES = 16
_MAX_CLAUSES = 4


def _rank(alt: tuple[Clause, ...]) -> tuple[Clause, ...]:
    """Distinct clauses, most selective first, at most _MAX_CLAUSES of them."""
    unique = sorted(set(alt), key=_selectivity, reverse=True)
    return tuple(unique[:_MAX_CLAUSES])


def _alternatives(items) -> list[tuple[Clause, ...]]:
    """The paths through a parsed sequence, each with the needle sets it cannot do without
    (an empty tuple: a path that needs no known word)."""
    alts: list[tuple[Clause, ...]] = [()]
    run: list[str] = []

    def then(sub: list[tuple[Clause, ...]]) -> None:
        nonlocal alts
        sub = list(dict.fromkeys(sub))
        if sub == [()]:
            return
        if all(len(a) == 1 for a in sub):  # one set per path: their union says the same
            union = frozenset().union(*(a[0] for a in sub))
            if _usable(union):
                alts = [a + (union,) for a in alts]
                return
        product = [_rank(a + b) for a in alts for b in sub]
        if len(product) <= _MAX_ALTERNATIVES or alts == [()]:  # no product taken yet
            alts = product
            return
        # Too many paths: keep one set standing for the whole element, if there is one.
        if all(sub_alt for sub_alt in sub):
            union = frozenset().union(*(a[0] for a in sub))
            if _usable(union):
                alts = [a + (union,) for a in alts]

    def close() -> None:
        if run:
            word = frozenset(["".join(run)])
            run.clear()
            if _usable(word):
                then([(word,)])

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        # The parser factors a common prefix out of a branch ("or|otherwise" becomes
        # "o(?:r|therwise)"): a literal run just before a group is glued back onto it.
        caseless = op is C.SUBPATTERN and av[1] & _CASELESS  # (?i:…): proves nothing
        prefix = [(C.LITERAL, ord(ch)) for ch in run] if op in _GROUPS and not caseless else []
        if prefix:
            run.clear()
        else:
            close()
        if op is C.SUBPATTERN:
            if not caseless:
                then(_alternatives(prefix + list(av[-1])))
        elif op is C.BRANCH:
            then([a for branch in av[1] for a in _alternatives(prefix + list(branch))])
        elif op in _REPEATS and av[0] >= 1:
            then(_alternatives(av[2]))
        elif op is C.ASSERT and av[0] == 1:
            # A look-ahead's words must be there too, before the end of the search window
            # (a sentence). Not a look-behind: it may look back past the window's start.
            then(_alternatives(av[1]))
    close()
    return [_rank(a) for a in alts]


_GROUPS = {C.SUBPATTERN, C.BRANCH}
_CASELESS = C.SRE_FLAG_IGNORECASE


def program(pattern: str, flags: int = 0) -> Program:
    """The needle program of `pattern`, or None if some path needs no known word. Like
    needles(), only sound for patterns compiled without IGNORECASE."""
    try:
        parsed = P.parse(pattern, flags)
        if parsed.state.flags & _CASELESS:
            return None
        alts = _alternatives(parsed)
    except (re.error, RecursionError):
        return None
    if not alts or any(not a for a in alts):
        return None
    alts = list(dict.fromkeys(alts))
    sets = [frozenset(a) for a in alts]
    # An alternative asking for everything another asks for, and more, adds nothing.
    kept = [a for a, s in zip(alts, sets, strict=True)
            if not any(o < s for o in sets)]
    return tuple(kept)


def program_words(prog: Program) -> frozenset[str]:
    """Every needle a program mentions."""
    if not prog:
        return frozenset()
    return frozenset(w for alt in prog for clause in alt for w in clause)


def indices(mask: int) -> list[int]:
    """The positions of the set bits of `mask`, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


class SentenceIndex:
    """Which sentences contain a given needle, as a bit mask (bit i: sentence i). With a
    vocabulary, every needle's mask is built up front from the draft's distinct tokens;
    other needles are searched for on first use and remembered."""

    __slots__ = ("text", "starts", "ends", "masks", "_known", "_present")

    def __init__(self, text: str, starts: list[int], ends: list[int],
                 vocabulary: Vocabulary | None = None):
        self.text, self.starts, self.ends = text, starts, ends
        self.masks: dict[str, int] = {}
        self._known: frozenset[str] = frozenset()
        self._present = None
        if not vocabulary:
            return
        # A needle without whitespace lies inside one token (run of non-space characters),
        # so a sentence holds it iff one of its tokens does: the masks come from the tokens.
        masks = self.masks
        token_bits: dict[str, int] = {}
        get = token_bits.get
        findall = _TOKEN.findall
        bit = 1
        for s, e in zip(starts, ends, strict=True):
            for w in findall(text, s, e):
                token_bits[w] = get(w, 0) | bit
            bit <<= 1
        inside = vocabulary.inside
        for w, bits in token_bits.items():
            for needle in inside(w):
                masks[needle] = masks.get(needle, 0) | bits
        for needle in vocabulary.spaced:
            if needle in text:
                bits = self._search(needle)
                if bits:
                    masks[needle] = bits
        self._known = vocabulary.all
        self._present = frozenset(masks)

    def _search(self, word: str) -> int:
        """Mask of the sentences holding `word` (a substring search over the text)."""
        mask = 0
        find, starts, ends = self.text.find, self.starts, self.ends
        pos = find(word)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            if i >= 0 and pos + len(word) <= ends[i]:
                mask |= 1 << i
                pos = find(word, ends[i])  # the rest of this sentence is already in
            else:
                pos = find(word, pos + 1)
        return mask

    def mask(self, word: str) -> int:
        found = self.masks.get(word)
        if found is None:
            found = 0 if word in self._known else self._search(word)
            self.masks[word] = found
        return found

    @property
    def present(self) -> frozenset[str] | None:
        """The vocabulary's needles found in some sentence (None without a vocabulary)."""
        return self._present

    def _any_of(self, words: frozenset[str]) -> int:
        """Mask of the sentences holding one of `words`."""
        bits = 0
        if self._present is not None and words <= self._known:
            masks = self.masks
            for word in words & self._present:  # C-level: usually none or one is left
                bits |= masks[word]
            return bits
        mask = self.mask
        for word in words:
            bits |= mask(word)
        return bits

    def sentences_with(self, words: frozenset[str]) -> list[int]:
        """Indices of the sentences that contain any of `words`, in order."""
        bits = self._any_of(words)
        return indices(bits) if bits else []

    def sentences_for(self, prog: tuple[tuple[Clause, ...], ...]) -> list[int]:
        """Indices of the sentences where some alternative of `prog` has all its clauses."""
        present = self._present
        if present is None or not self._known.issuperset(program_words_cached(prog)):
            any_of = self._any_of
            total = 0
            for alt in prog:
                bits = -1
                for clause in alt:
                    bits &= any_of(clause)
                    if not bits:
                        break
                else:
                    total |= bits
            return indices(total) if total else []
        masks = self.masks
        total = 0
        for alt in prog:
            bits = -1
            for clause in alt:
                hit = clause & present
                if not hit:
                    break
                if len(hit) == 1:
                    (word,) = hit
                    bits &= masks[word]
                else:
                    bits &= _union(masks, hit)
                if not bits:
                    break
            else:
                total |= bits
        return indices(total) if total else []


def _union(masks: dict[str, int], words) -> int:
    bits = 0
    for word in words:
        bits |= masks[word]
    return bits


_PROGRAM_WORDS: dict[int, tuple[Program, frozenset[str]]] = {}


def program_words_cached(prog: Program) -> frozenset[str]:
    """program_words(), remembered per program (rules keep theirs for the process)."""
    hit = _PROGRAM_WORDS.get(id(prog))
    if hit is None or hit[0] is not prog:
        hit = _PROGRAM_WORDS[id(prog)] = (prog, program_words(prog))
    return hit[1]


class Programs:
    """The needle programs of a whole rule list, for judging them all at once. Each rule's
    alternatives are grouped by their first (most selective) clause and indexed by its
    words, so a draft only ever touches the groups one of its words opens."""

    __slots__ = ("groups", "by_word", "words", "_checked")

    def __init__(self, programs: list[Program]):
        self.groups: list[tuple[int, Clause, tuple[tuple[Clause, ...], ...]]] = []
        self.by_word: dict[str, list[int]] = {}
        for rule, prog in enumerate(programs):
            if prog is None:
                continue
            by_first: dict[Clause, list[tuple[Clause, ...]]] = {}
            for alt in prog:
                by_first.setdefault(alt[0], []).append(alt[1:])
            for first, rests in by_first.items():
                if any(not rest for rest in rests):  # the first clause alone suffices
                    rests = [()]
                for word in first:
                    self.by_word.setdefault(word, []).append(len(self.groups))
                self.groups.append((rule, first, tuple(rests)))
        self.words = frozenset(w for prog in programs for w in program_words(prog))
        self._checked: frozenset[str] | None = None

    def masks(self, index: SentenceIndex) -> dict[int, int] | None:
        """Rule position -> mask of the sentences where its program holds (rules whose
        program holds nowhere are left out); None if `index` cannot judge these programs
        (built without a vocabulary holding all their words)."""
        present = index.present
        if present is None:
            return None
        if self._checked is not index._known:
            if not self.words <= index._known:
                return None
            self._checked = index._known
        by_word, groups, masks = self.by_word, self.groups, index.masks
        opened: set[int] = set()
        for word in present:
            found = by_word.get(word)
            if found:
                opened.update(found)
        out: dict[int, int] = {}
        known: dict[Clause, int] = {}  # clause -> its mask, once per draft (clauses recur)
        for g in opened:
            rule, first, rests = groups[g]
            head = known.get(first)
            if head is None:
                head = known[first] = _union(masks, first & present)
            total = 0
            for rest in rests:
                bits = head
                for clause in rest:
                    found = known.get(clause)
                    if found is None:
                        found = known[clause] = _union(masks, clause & present)
                    bits &= found
                    if not bits:
                        break
                total |= bits
                if total == head:
                    break
            if total:
                out[rule] = out.get(rule, 0) | total
        return out
