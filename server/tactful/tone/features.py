"""Politeness-strategy features a writer can act on, shared by training and run time.

The unit the model was trained on is a short request (one to five sentences). A feature is
computed per sentence and a unit's vector is the union of its sentences plus a little draft
context (`unit_vector`): the training script and `estimate()` both go through
`draft_sentence_sets`, so what was learnt is exactly what is scored. Each phrase pattern
runs once over the whole draft and its matches are mapped to sentences by bisection
(one scan per pattern, not one per sentence).

Features follow the strategies of Danescu-Niculescu-Mizil et al. (ACL 2013): gratitude,
greetings, apology, deference, please, indirect openers, counterfactual vs indicative
modals, direct questions, a "you" opening, pronouns, hedges, factuality, conjunction
openers, an imperative opening, "you" before a negated verb (the paper's parse feature,
approximated without a parser), reassurance ("no rush"), sentiment words (VADER's
lexicon, bundled as lexicon.json), shouting cues, and a short list of general cue words
(CUE_WORDS) whose weight the model learns one by one. Nothing here is specific to
Wikipedia (no markup, URLs or article vocabulary).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..segment import Segments, segment
from ..text import Text

LEXICON_PATH = Path(__file__).with_name("lexicon.json")


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    present: str  # how a writer reads it when the sentence has it
    absent: str | None = None  # phrase when its absence costs politeness (None: never said)
    context: bool = False  # set for every sentence when anywhere in the draft


# Order matters: it is the order of the model's weight vector.
FEATURES: tuple[Feature, ...] = (
    Feature("gratitude", "thanks the reader", "no thanks or acknowledgement", context=True),
    Feature("greeting", "opens with a greeting", "no greeting", context=True),
    Feature("apology", "apologises"),
    Feature("deference", "credits the reader's work"),
    Feature("please", "says please"),
    Feature("please_start", "opens with a bare \"please\" (reads as an order)"),
    Feature("indirect_opener", "eases in (\"by the way\")"),
    Feature("counterfactual", "asks softly (\"could you\" / \"would you\")"),
    Feature("indicative", "asks directly (\"can you\" / \"will you\")"),
    Feature("wh_start", "opens with a direct question"),
    Feature("why_start", "opens with \"why\" (reads as a challenge)"),
    Feature("you_start", "opens with \"you\""),
    Feature("first_singular", "speaks for yourself (\"I\")"),
    Feature("first_plural", "speaks as a team (\"we\")"),
    Feature("second_person", "addresses the reader as \"you\""),
    Feature("hedge", "leaves room (\"perhaps\", \"I think\")"),
    Feature("indirect_request", "asks indirectly (\"I was wondering\", \"if you get a chance\")"),
    Feature("factuality", "insists on facts (\"actually\", \"in fact\")"),
    Feature("conj_start", "opens with \"so\" / \"and\" / \"but\""),
    Feature("directive", "tells the reader what to do (\"you need to\")"),
    Feature("repeat_complaint", "complains about repetition (\"again\", \"still\", \"keep\")"),
    Feature("offer_help", "offers help or a way forward"),
    Feature("agreement", "agrees or reassures (\"sounds good\", \"no problem\")"),
    Feature("positive_words", "uses warm words"),
    Feature("negative_words", "uses negative words"),
    Feature("strong_negative", "uses harsh words"),
    Feature("question", "asks a question"),
    Feature("multi_question", "fires several questions in a row"),
    Feature("exclaim", "uses \"?!\" or \"!!\""),
    Feature("caps", "shouts in capitals"),
    Feature("text_speak", "uses text-speak (\"u\", \"pls\")"),
    Feature("scare_quotes", "puts the reader's words in scare quotes"),
    Feature("terse", "is very short and bare"),
    Feature("why_any", "asks \"why\" mid-sentence (reads as a challenge)"),
    Feature("negation", "piles on negatives (\"not\", \"can't\")"),
    Feature("permission", "asks permission (\"may I\", \"I'd like to\")"),
    Feature("ask_help", "asks for help or advice"),
    Feature("open_question", "leaves the answer open (\"any thoughts?\")"),
    Feature("condition", "sets conditions (\"unless\", \"otherwise\")"),
    Feature("polite_but", "softens, then contradicts (\"thanks, but\")"),
    Feature("imperative_start", "opens with an order (\"Send\u2026\", \"Fix\u2026\")"),
    Feature("first_start", "opens with \"I\""),
    # The paper's "2nd person subject of a negative verb", without a parser: "you" followed
    # (one word at most between) by a negated auxiliary.
    Feature("you_negative", "points at what the reader didn't do (\"you haven't\u2026\")"),
    Feature("reassure", "takes the pressure off (\"no rush\", \"don't worry\")"),
)
STRATEGIES = FEATURES
# General English words that carry tone beyond the strategies above, each weighted by the
# model on its own. Chosen by meaning (courtesy, challenge, insistence, modality), never
# topic words: nothing about articles, edits or pages.
CUE_WORDS: tuple[str, ...] = tuple("""
thanks thank appreciate sorry please hi hello hey dear welcome glad happy nice great good
excellent awesome helpful help advice suggest wonder wondering hope possible perhaps maybe
mind chance ok okay sure fine cheers interested curious thoughts idea love looking want wanted
why really even ever just simply again still already seriously honestly obviously clearly
actually indeed wrong stop nonsense ridiculous stupid problem issue bother mean supposed claim
whatever explain answer who what how then here there no not nothing never can't won't don't
didn't doesn't isn't wouldn't shouldn't could would may might can will should must need
someone something anyone anything point reason question ask tell told said
""".split())
FEATURES = STRATEGIES + tuple(Feature(f"word:{w}", f"says \"{w}\"") for w in CUE_WORDS)


# A cue word that a strategy already names is explained as that strategy (one reason,
# "thanks the reader", rather than two, plus 'says "thanks"').
CUE_STRATEGY: dict[str, tuple[str, ...]] = {
    "thanks": ("gratitude",), "thank": ("gratitude",), "appreciate": ("gratitude",),
    "cheers": ("gratitude",), "sorry": ("apology",), "please": ("please", "please_start"),
    "hi": ("greeting",), "hello": ("greeting",), "hey": ("greeting",), "dear": ("greeting",),
    "could": ("counterfactual", "indirect_request"), "would": ("counterfactual",),
    "why": ("why_start", "why_any"),
    "again": ("repeat_complaint",), "still": ("repeat_complaint",),
    "already": ("repeat_complaint",), "help": ("ask_help", "offer_help"),
    "advice": ("ask_help",), "mind": ("indirect_request",), "wonder": ("indirect_request",),
    "wondering": ("indirect_request",), "perhaps": ("hedge",), "maybe": ("hedge",),
    "seriously": ("factuality",), "honestly": ("factuality",), "obviously": ("factuality",),
    "clearly": ("factuality",), "actually": ("factuality",), "stop": ("directive",),
    "must": ("directive",), "should": ("directive",), "can": ("indicative",),
    "will": ("indicative",), "what": ("wh_start",), "how": ("wh_start",),
    "who": ("wh_start",), "may": ("permission", "hedge"), "wanted": ("permission",),
    "great": ("deference", "positive_words"), "nice": ("deference", "positive_words"),
    "good": ("deference", "positive_words"), "excellent": ("deference", "positive_words"),
    "awesome": ("deference", "positive_words"), "happy": ("offer_help", "positive_words"),
    "glad": ("offer_help", "positive_words"), "helpful": ("positive_words",),
    "wrong": ("negative_words",), "stupid": ("strong_negative", "negative_words"),
    "ridiculous": ("strong_negative", "negative_words"), "possible": ("indirect_request",),
    "thoughts": ("open_question",), "idea": ("open_question",), "ok": ("agreement",),
    "okay": ("agreement",), "sure": ("agreement",), "not": ("negation",),
    "never": ("negation",), "nothing": ("negation",),
}


NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
INDEX = {n: i for i, n in enumerate(NAMES)}
BY_NAME = {f.name: f for f in FEATURES}
CONTEXT = tuple(f.name for f in FEATURES if f.context)

_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern:
    """Patterns run on lower-cased text: no IGNORECASE, which would triple their cost."""
    return re.compile(pattern)


def _strip_word_starts(pattern: str) -> str:
    r"""Drop the \b that opens each top-level alternative (the caller checks it instead)."""
    out, depth, i, at_start = [], 0, 0, True
    while i < len(pattern):
        if at_start and pattern.startswith(r"\b", i):
            i += 2
            continue
        ch = pattern[i]
        at_start = False
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            at_start = True
        out.append(ch)
        i += 1
    return "".join(out)


class _WordRx:
    r"""A pattern whose matches start at a word start.

    sre cannot skip ahead through text when a pattern opens with \b, so it tries every
    position; without it, it jumps between candidate first letters, and the word-start
    test is done here. Same matches, about half the cost.
    """

    __slots__ = ("rx",)

    def __init__(self, pattern: str):
        self.rx = re.compile(_strip_word_starts(pattern))

    def starts(self, text: str) -> list[int]:
        """Where matches begin at a word start, scanning the whole text once."""
        out = []
        pos, n = 0, len(text)
        search = self.rx.search
        while pos <= n and (m := search(text, pos)) is not None:
            i = m.start()
            if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
                out.append(i)
                pos = max(m.end(), i + 1)
            else:
                pos = i + 1
        return out


def _w(pattern: str) -> _WordRx:
    return _WordRx(pattern)


# Searched anywhere in a lower-cased sentence.
_ANYWHERE: tuple[tuple[str, _WordRx], ...] = (
    ("gratitude", _w(r"\b(?:thank(?:s|ing|ful)?|thx|thanx|ty\b|appreciat\w*|grateful|kudos)")),
    ("apology", _w(
        r"\b(?:sorry|apologi[sz]\w*|apologies|pardon|excuse me|forgive me|my bad|my mistake|"
        r"i regret|regrettabl\w*|unfortunately)\b")),  # "oops": a token cue, in _local
    # "great work" and kin are read word by word in _local (cheaper than a scan here).
    ("deference", _w(
        r"\b(?:well done|good on you|hats off|you(?:'ve| have)? "
        r"(?:clearly|obviously)? ?(?:done|put) (?:a )?(?:lot|great|good|excellent)|"
        r"(?:your|you) (?:expertise|experience|knowledge|insight))")),
    ("please", _w(r"\b(?:please|pls|plz|kindly)\b")),
    ("indirect_opener", _w(
        r"\b(?:by the way|btw|incidentally|by the by|out of curiosity|just curious|"
        r"on a (?:side|related) note)\b")),
    ("counterfactual", _w(
        r"\b(?:could|would|might) (?:you|u|we|i|someone|somebody)\b|"
        r"\bwould (?:it|that) be (?:possible|ok|okay|alright|all right)\b|"
        r"\bwould (?:you|u) (?:mind|like|be)\b")),
    ("indicative", _w(
        r"\b(?:can|will|won't|can't|cannot|do|don't) (?:you|u|ya)\b|"
        r"\bare you (?:going|able|willing) to\b")),
    ("hedge", _w(
        r"\b(?:perhaps|maybe|possibly|probably|presumably|apparently|arguably|somewhat|"
        r"might|may be|seems?|seemed|appears?|suggest\w*|i think|i believe|i guess|"
        r"i suppose|i feel|i assume|i suspect|not sure|unsure|sort of|kind of|"
        r"it looks like|if i'm not mistaken|i'm afraid)\b")),
    ("indirect_request", _w(
        r"\b(?:i was wondering|i wonder|wondering (?:if|whether)|(?:would|do) you mind|"
        r"if (?:you|u) (?:could|can|would|have (?:the )?time|get a (?:chance|moment|minute)|"
        r"don't mind|have a (?:moment|minute|chance))|when you (?:have|get) (?:a|the) "
        r"(?:chance|moment|minute|time)|if (?:possible|at all possible|convenient)|"
        r"if it's not too much|any chance|is there any way|i'd (?:appreciate|be grateful)|"
        r"would be (?:great|appreciated|helpful|nice|grateful))\b")),
    ("factuality", _w(
        r"\b(?:in fact|actually|as a matter of fact|the fact is|the point is|the truth is|"
        r"the reality is|obviously|clearly|of course|honestly|frankly|seriously|"
        r"in reality|to be honest|let's be clear|make no mistake|plainly)\b")),
    ("directive", _w(
        r"\b(?:you|u) (?:need to|must|should|have to|ought to|had better|'d better|"
        r"better)\b|\byou'd better\b|\bi need you to\b|\bi want you to\b|"
        r"\b(?:you're|you are) (?:supposed|expected|required) to\b|\bstop\b|\bdo not\b")),
    ("repeat_complaint", _w(
        r"\b(?:again|still|keep (?:on )?\w+ing|kept \w+ing|once more|for the last time|"
        r"how many times|yet again|over and over|repeatedly|already (?:told|said|asked|"
        r"explained))\b")),
    ("offer_help", _w(
        r"\b(?:happy to|glad to|feel free|let (?:me|us) know|i can help|i'd be happy|"
        r"i'll (?:gladly|happily)|i hope|hope (?:this|that|you|it)|if you (?:need|want|like|"
        r"have any)|any questions|i'd love to|i would love to|we can|i can)\b")),
    ("agreement", _w(
        r"\b(?:sounds good|sounds great|no problem|no worries|that's (?:ok|okay|fine|fair|"
        r"great|right)|fair enough|good point|i agree|agreed|absolutely|of course|sure thing|"
        r"you're right|makes sense|understood|i understand|i see your point)\b")),
    ("permission", _w(
        r"\bmay (?:i|we)\b|\byou may (?:want|wish|like)\b|\bi(?:'d| would) like to\b|"
        r"\bi(?:'d| would) love to\b|\bi (?:just )?wanted to\b|\bi was hoping\b|"
        r"\bmight (?:i|we)\b|\bmight be (?:able|worth|better)\b|\bwould it be\b")),
    ("open_question", _w(
        r"\bany (?:idea|ideas|thoughts|chance|suggestions?|advice|way|comments?|objections?|"
        r"feedback|luck|news|update)\b|\b(?:anything|anyone|anybody|somewhere|someone)\b|"
        r"\bwhat do you think\b|\byour (?:thoughts|opinion|view|take)\b|\bwhether\b")),
    ("you_negative", _w(
        r"\b(?:you|you're|you've|you'd|you'll) (?:[a-z]+ )?(?:don't|didn't|doesn't|can't|"
        r"cannot|couldn't|haven't|hasn't|hadn't|never|aren't|won't|wouldn't|weren't|wasn't|"
        r"do not|did not|have not|are not|will not|would not|could not)\b(?! mind\b)|"
        r"\byou're not\b")),
    ("reassure", _w(
        r"\b(?:don't|do not|no need to|not to) worry\b|\bno (?:rush|hurry|pressure)\b|"
        r"\bnot a problem\b|\bno big deal\b|\bwhenever (?:you|it) (?:can|get|have|suits?|works?)\b|"
        r"\bin your own time\b|\bat your (?:convenience|leisure)\b")),
    ("condition", _w(
        r"\b(?:unless|otherwise|or else|(?:if you don't|if you do not)\b(?! mind\b))\b")),
    ("polite_but", _w(
        r"\b(?:thanks|thank you|sorry|with (?:all )?(?:due )?respect|i understand|i agree|"
        r"i appreciate (?:that|it|this)|fair enough|ok|okay)\b[^.?!]{0,25}\bbut\b")),
)
# Substrings every match of a pattern contains: when none is in the draft, the scan is
# skipped (a few `in` tests cost far less than a regex pass over 200 words).
_GATES: dict[str, tuple[str, ...]] = {
    "you_negative": ("n't", "not", "never"),
    "reassure": ("worry", "rush", "hurry", "pressure", "not a problem", "big deal", "whenever",
                 "own time", "your conv", "your leis"),
    "polite_but": ("but",),
    "condition": ("unless", "otherwise", "or else", "if you"),
    "indirect_opener": ("by the", "btw", "incidentally", "curio", " note"),
    "permission": ("may", "like to", "love to", "wanted to", "hoping", "might", "would it"),
}

_LEAD_JUNK = re.compile(r"^[\s\"'(\[*#:;,.\-=|>~]+")
_LEAD_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|hiya|howdy|yo)\b"
    r"(?:[^,!.?:\n]{0,40}[,!:.])?\s*")
_START = {
    "greeting": _LEAD_GREETING,
    "please_start": _rx(r"^(?:please|pls|plz|kindly)\b"),
    "why_start": _rx(r"^(?:why|how come)\b"),
    "wh_start": _rx(r"^(?:what|how|where|when|who|which|whose|whom)\b"),
    "you_start": _rx(r"^(?:you|your|u|ur|you're|you've|you'd|you'll|yourself)\b"),
    "conj_start": _rx(r"^(?:so|and|but|or|yet|anyway)\b"),
    "first_start": _rx(r"^(?:i|i'm|i've|i'd|i'll|my)\b"),
}
# A sentence that opens with a bare verb is an order ("Send me the files."). Verbs that
# open courteous formulas ("let me know", "feel free", "have a good day") are left out.
_IMPERATIVE = _rx(
    r"^(?:please |kindly |just )?(?:send|fix|stop|give|tell|make|get|check|read|look|explain|"
    r"answer|remove|add|revert|undo|leave|keep|go|use|take|put|change|note|try|call|show|"
    r"provide|update|delete|move|write|follow|find|bring|come|stay|quit|drop|cut|hurry|"
    r"respond|reply|confirm|sign|finish|complete|submit|return|resend|forward|review|approve|"
    r"cancel|state|justify|prove|learn|listen|wait|focus|remember|ensure|sort|do|don't|"
    r"never|fill|pay|stick|calm|grow|clean|correct|refrain|cease|discuss|consider|read|"
    r"ask|report|attach|include|resolve|deliver|process|handle|prepare|schedule)\b"
    r"(?! (?:you|u|we|i|they|it|he|she|worry)\b)")  # "Don't worry" reassures
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_CAPS_RUN = re.compile(r"[A-Z]{2,}")
_CAPS_TOKEN = re.compile(r"(?<![\w])[A-Z]{2,}(?![\w])")
# Capitalised ordinary words shout; acronyms (NASA, PDF) do not.
_SHOUT_WORDS = frozenset(
    """not no never now all must asap this that do does did today tomorrow stop yes again why
    what how really urgent immediately every always only need needs right wrong done you your
    me my we our is are was were have has will can can't don't won't didn't please read final
    last late before just""".split()
)
_EXCLAIM = re.compile(r"\?!|!\?|!!")
_SCARE = re.compile(r"(?<!\S)[\"'][^\"'\s][^\"']{0,25}[\"'](?=[\s,.?!]|$)")
# "me" is left out: "send me the files" asks for something, it does not speak for
# the writer (the paper's first person is I, my, mine, myself).
_SINGULAR = frozenset("i my mine myself i'm i've i'd i'll".split())
_PLURAL = frozenset("we us our ours ourselves we're we've we'd we'll let's".split())
_SECOND = frozenset("you your yours yourself yourselves u ur you're you've you'd you'll".split())
# Single-word cues: a set lookup per word is cheaper than a regex scan per sentence.
_TOKEN_CUES: dict[str, frozenset[str]] = {
    "why_any": frozenset({"why"}),
    "apology": frozenset({"oops", "whoops", "woops"}),
    "negation": frozenset("not never nothing nobody none cannot".split()),
    "ask_help": frozenset(
        "help helps helping assist assists assisting assistance advice advise guidance "
        "input suggestion suggestions".split()),
    "text_speak": frozenset("u ur pls plz r y thx wtf omg lol idk imo coz cuz wat wud".split()),
}
_NEGATORS = frozenset(
    "not no never none nobody nothing neither nor without isn't aren't wasn't weren't "
    "don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't hardly".split()
)
TERSE_WORDS = 6
# Deference as an adjective + noun pair ("great work", "helpful feedback").
_PRAISE = frozenset(
    "great good nice excellent fantastic wonderful awesome impressive brilliant terrific superb "
    "outstanding fine solid amazing helpful thoughtful".split())
_PRAISED = frozenset(
    "work job effort idea point question catch suggestion writing progress edit edits "
    "contribution contributions input feedback".split())
_CUE_NAMES = {w: f"word:{w}" for w in CUE_WORDS}


@cache
def lexicon() -> dict[str, float]:
    """VADER word valences (a trimmed copy made by scripts/train_tone.py)."""
    try:
        data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out: dict[str, float] = {}
    for value, words in data.get("buckets", {}).items():
        v = float(value)
        for w in words.split():
            out[w] = v
    return out


def sentence_features(sentence: str) -> set[str]:
    """The names of the features one sentence (normalised text) carries."""
    return _sets_of(sentence, [(0, len(sentence))])[0]


def _lower(text: str) -> str:
    """Lower-case without changing length (a few characters, like "\u0130", grow)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _sets_of(source: str, spans: list[tuple[int, int]]) -> list[set[str]]:
    """Feature sets of the sentences at `spans` (sorted, disjoint) of `source`.

    Phrase patterns run once over the whole text; a match belongs to the sentence it
    starts in (bisect over sentence starts), and one starting between sentences is dropped.
    """
    sets: list[set[str]] = [set() for _ in spans]
    if not spans:
        return sets
    low = _lower(source)
    begins = [a for a, _ in spans]
    for name, rx in _ANYWHERE:
        gate = _GATES.get(name)
        if gate is not None and not any(g in low for g in gate):
            continue
        for i in rx.starts(low):
            k = bisect_right(begins, i) - 1
            if k >= 0 and i < spans[k][1]:
                sets[k].add(name)
    for (a, b), found in zip(spans, sets, strict=True):
        _local(source[a:b], low[a:b], found)
    return sets


def _local(sentence: str, low: str, found: set[str]) -> None:
    """Everything read from the sentence alone: its opening, its words, its punctuation."""
    if not sentence.strip():
        found.clear()
        return
    head = _LEAD_JUNK.sub("", low, count=1)
    g = _LEAD_GREETING.match(head)
    if g:
        found.add("greeting")
        head = head[g.end():]
        head = _LEAD_JUNK.sub("", head, count=1)
    for name, rx in _START.items():
        if name != "greeting" and rx.match(head):
            found.add(name)
    if _IMPERATIVE.match(head):
        found.add("imperative_start")
    words = _WORD.findall(low)
    vocab = set(words)
    for name, cues in _TOKEN_CUES.items():
        if not cues.isdisjoint(vocab):
            found.add(name)
    contracted = "n't" in low
    if "negation" not in found and contracted and any(w.endswith("n't") for w in words):
        found.add("negation")
    if "how come" in low:
        found.add("why_any")
    if "why_start" in found:
        found.discard("why_any")  # one challenge, said once: "why" elsewhere is its own cue
    for w in vocab:
        cue = _CUE_NAMES.get(w)
        if cue is not None:
            found.add(cue)
    lex = lexicon()
    prev_neg = 0
    pos = neg = strong = 0
    prev = ""
    for w in words:
        if prev in _PRAISE and w in _PRAISED:
            found.add("deference")
        prev = w
        if w in _SINGULAR:
            found.add("first_singular")
        elif w in _PLURAL:
            found.add("first_plural")
        elif w in _SECOND:
            found.add("second_person")
        v = lex.get(w)
        if v is not None:
            if prev_neg:
                v = -v * 0.5
            if v >= 1.0:
                pos += 1
            elif v <= -1.0:
                neg += 1
                if v <= -2.0:
                    strong += 1
        if w in _NEGATORS or (contracted and w.endswith("n't")):
            prev_neg = 3
        elif prev_neg:
            prev_neg -= 1
    if pos:
        found.add("positive_words")
    if neg:
        found.add("negative_words")
    if strong:
        found.add("strong_negative")
    if "?" in sentence:
        found.add("question")
    if "!" in sentence and _EXCLAIM.search(sentence):
        found.add("exclaim")
    if low != sentence and _CAPS_RUN.search(sentence) and _shouting(sentence):
        found.add("caps")
    if ('"' in sentence or "'" in sentence) and _SCARE.search(sentence):
        found.add("scare_quotes")
    if len(words) < TERSE_WORDS and "greeting" not in found and "gratitude" not in found:
        found.add("terse")


def _shouting(sentence: str) -> bool:
    tokens = _CAPS_TOKEN.findall(sentence)
    if len(tokens) >= 3:
        return True
    lex = lexicon()
    return any(w.lower() in _SHOUT_WORDS or w.lower() in lex for w in tokens)


def unit_features(sentence_sets: list[set[str]], context: set[str] = frozenset()) -> set[str]:
    """One unit (a request, a draft, or a sentence in its draft): the features it carries."""
    union: set[str] = set(context)
    for s in sentence_sets:
        union |= s
    questions = sum(1 for s in sentence_sets if "question" in s)
    if questions >= 2:
        union.add("multi_question")
    # "terse" describes a unit as a whole: a bare one-liner, not one short sentence of many.
    if len(sentence_sets) > 1 and not all("terse" in s for s in sentence_sets):
        union.discard("terse")
    return union


def unit_vector(sentence_sets: list[set[str]], context: set[str] = frozenset()) -> list[float]:
    """The same unit as the model's 0/1 input vector, in NAMES order."""
    union = unit_features(sentence_sets, context)
    return [1.0 if n in union else 0.0 for n in NAMES]


_SIGNOFF_THANKS = re.compile(r"^\s*(?:many\s+|with\s+)?thank|^\s*thx|^\s*cheers|appreciat", _I)


def signoff_context(norm: str, seg: Segments) -> set[str]:
    """A "Thanks," sign-off is cut out as signature but still thanks the reader."""
    for ig in seg.ignored:
        if ig.reason == "signature":
            first = norm[ig.start : ig.end].split("\n", 1)[0]
            if _SIGNOFF_THANKS.search(first):
                return {"gratitude"}
    return set()


def draft_sentence_sets(norm: str, seg: Segments, view: str | None = None) -> tuple[
        list[set[str]], set[str]]:
    """Per-sentence feature sets of a segmented draft, and the draft-wide context."""
    source = view if view is not None and len(view) == len(norm) else norm
    sets = _sets_of(source, [(s.start, s.end) for s in seg.sentences])
    context = signoff_context(norm, seg)
    for s in sets:
        for name in CONTEXT:
            if name in s:
                context.add(name)
    return sets, context


def request_vector(text: str) -> list[float]:
    """A whole text (a training request) as one unit: the training script's entry point."""
    t = Text.of(text)
    seg = segment(t.norm)
    sets, context = draft_sentence_sets(t.norm, seg)
    return unit_vector(sets, context)
