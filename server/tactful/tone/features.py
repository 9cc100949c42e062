"""Politeness-strategy features a writer can act on, shared by training and run time.

The unit the model was trained on is a short request (one to five sentences). A feature is
computed per sentence (`sentence_features`) and a unit's vector is the union of its
sentences plus a little draft context (`unit_vector`): the training script and `estimate()`
both go through `draft_vectors`, so what was learnt is exactly what is scored.

Features follow the strategies of Danescu-Niculescu-Mizil et al. (ACL 2013): gratitude,
greetings, apology, deference, please, indirect openers, counterfactual vs indicative
modals, direct questions, a "you" opening, pronouns, hedges, factuality, conjunction
openers, sentiment words (VADER's lexicon, bundled as lexicon.json), and shouting cues.
Nothing here is specific to Wikipedia (no markup, URLs or article vocabulary).
"""

from __future__ import annotations

import json
import re
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
)
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

    def search(self, text: str) -> re.Match | None:
        pos = 0
        while (m := self.rx.search(text, pos)) is not None:
            i = m.start()
            if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
                return m
            pos = i + 1
        return None


def _w(pattern: str) -> _WordRx:
    return _WordRx(pattern)


# Searched anywhere in a lower-cased sentence.
_ANYWHERE: tuple[tuple[str, _WordRx], ...] = (
    ("gratitude", _w(r"\b(?:thank(?:s|ing|ful)?|thx|thanx|ty\b|appreciat\w*|grateful|kudos)")),
    ("apology", _w(
        r"\b(?:sorry|apologi[sz]\w*|apologies|pardon|excuse me|forgive me|my bad|my mistake|"
        r"i regret|regrettabl\w*|unfortunately)\b")),
    ("deference", _w(
        r"\b(?:(?:great|good|nice|excellent|fantastic|wonderful|awesome|impressive|brilliant|"
        r"terrific|superb|outstanding|fine|solid|amazing|helpful|thoughtful)\s+"
        r"(?:work|job|effort|idea|point|question|catch|suggestion|writing|progress|edits?|"
        r"contributions?|input|feedback)|well done|good on you|hats off|you(?:'ve| have)? "
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
    ("condition", _w(r"\b(?:unless|otherwise|or else|if you don't|if you do not)\b")),
    ("polite_but", _w(
        r"\b(?:thanks|thank you|sorry|with (?:all )?(?:due )?respect|i understand|i agree|"
        r"i appreciate (?:that|it|this)|fair enough|ok|okay)\b[^.?!]{0,25}\bbut\b")),
)

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
}
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
_SCARE = re.compile(r"(?:^|\s)[\"'][^\"'\s][^\"']{0,25}[\"'](?=[\s,.?!]|$)")
_SINGULAR = frozenset("i me my mine myself i'm i've i'd i'll".split())
_PLURAL = frozenset("we us our ours ourselves we're we've we'd we'll let's".split())
_SECOND = frozenset("you your yours yourself yourselves u ur you're you've you'd you'll".split())
# Single-word cues: a set lookup per word is cheaper than a regex scan per sentence.
_TOKEN_CUES: dict[str, frozenset[str]] = {
    "why_any": frozenset({"why"}),
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
    found: set[str] = set()
    if not sentence or not sentence.strip():
        return found
    low = sentence.lower()
    for name, rx in _ANYWHERE:
        if rx.search(low):
            found.add(name)
    head = _LEAD_JUNK.sub("", low, count=1)
    g = _LEAD_GREETING.match(head)
    if g:
        found.add("greeting")
        head = head[g.end():]
        head = _LEAD_JUNK.sub("", head, count=1)
    for name, rx in _START.items():
        if name != "greeting" and rx.match(head):
            found.add(name)
    words = _WORD.findall(low)
    vocab = set(words)
    for name, cues in _TOKEN_CUES.items():
        if not cues.isdisjoint(vocab):
            found.add(name)
    if "negation" not in found and any(w.endswith("n't") for w in words):
        found.add("negation")
    if "how come" in low:
        found.add("why_any")
    if "why_start" in found:
        found.discard("why_any")  # one challenge, said once: "why" elsewhere is its own cue
    lex = lexicon()
    prev_neg = 0
    pos = neg = strong = 0
    for w in words:
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
        prev_neg = 3 if w in _NEGATORS or w.endswith("n't") else max(0, prev_neg - 1)
    if pos:
        found.add("positive_words")
    if neg:
        found.add("negative_words")
    if strong:
        found.add("strong_negative")
    q = sentence.count("?")
    if q:
        found.add("question")
    if _EXCLAIM.search(sentence):
        found.add("exclaim")
    if _CAPS_RUN.search(sentence) and _shouting(sentence):
        found.add("caps")
    if _SCARE.search(sentence):
        found.add("scare_quotes")
    if len(words) < TERSE_WORDS and "greeting" not in found and "gratitude" not in found:
        found.add("terse")
    return found


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
    sets = [sentence_features(source[s.start : s.end]) for s in seg.sentences]
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
