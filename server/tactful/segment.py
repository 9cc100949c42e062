"""Split a normalised draft into the writer's own words, quoted history and signature,
then into lines and sentences.

Only the writer's zone is ever flagged: quoted replies and signatures are someone else's
words (or boilerplate), and flagging them is the fastest way to lose a user's trust.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]*")

# A whole line that starts the quoted history, after which nothing is the writer's.
_HISTORY_START = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:original\s+message|forwarded\s+message|message\s+d'origine|
                   urspr[uü]ngliche\s+nachricht|mensaje\s+original|message\s+transf[ée]r[ée])\s*-{2,}
      | begin\s+forwarded\s+message\s*:
      | _{10,}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Gmail and Apple Mail attribution lines, in a few UI languages.
_ATTRIBUTION = re.compile(
    r"""^\s*(?:
        on\s.{3,300}\swrote\s*:
      | le\s.{3,300}\sa\s[ée]crit\s*:
      | am\s.{3,300}\sschrieb\s.{0,200}:
      | el\s.{3,300}\sescribi[oó]\s*:
      | op\s.{3,300}\sschreef\s.{0,200}:
      | il\s.{3,300}\sha\sscritto\s*:
      | em\s.{3,300}\sescreveu\s*:
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_HEADER_FROM = re.compile(r"^\s*\*?(?:from|de|von|van|da)\s*:\*?\s+\S", re.IGNORECASE)
_HEADER_OTHER = re.compile(
    r"^\s*\*?(?:sent|date|to|subject|cc|envoy[ée]|[àa]|objet|gesendet|an|betreff|"
    r"enviado|para|asunto|datum|onderwerp)\s*:\*?", re.IGNORECASE
)
_QUOTE_LINE = re.compile(r"^\s*>")
_SIG_DELIMITER = re.compile(r"^--\s*$")
_SENT_FROM = re.compile(
    r"^\s*(?:sent\s+from\s+my\s+\w[\w\s-]{0,30}|sent\s+from\s+(?:outlook|mail|yahoo\s+mail|"
    r"gmail)\b.*|get\s+outlook\s+for\s+\w+.*|sent\s+via\s+\w+.*)\s*$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^\s*(?:best|best\s+regards|best\s+wishes|kind\s+regards|warm\s+regards|warmest\s+regards|"
    r"warmly|regards|many\s+thanks|thanks|thanks\s+again|thanks\s+so\s+much|thank\s+you|"
    r"thank\s+you\s+again|thx|cheers|sincerely|sincerely\s+yours|yours\s+sincerely|"
    r"yours\s+truly|yours|all\s+the\s+best|talk\s+soon|speak\s+soon|respectfully|"
    r"with\s+thanks|with\s+appreciation|take\s+care|have\s+a\s+great\s+(?:day|week|weekend))"
    r"\s*[,.!\-\u2014]*\s*$",
    re.IGNORECASE,
)
_SIGNATURE_TAIL_MAX_LINES = 6
_SIGNATURE_TAIL_MAX_CHARS = 80

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt vs etc eg ie e.g i.e cf al approx appt apt dept est
    fig inc ltd co corp no nos vol p pp ca jan feb mar apr jun jul aug sep sept oct nov
    dec mon tue tues wed thu thur thurs fri sat sun a.m p.m u.s u.k e.u ph.d b.a m.a
    misc att attn tel ext hrs wk wks yrs avg dept govt gen col lt sgt capt rev hon
    """.split()
)
# Abbreviations that are also ordinary words ("No." as an answer): only before a number.
_NUMBER_ABBREVIATIONS = frozenset("no nos p pp vol fig ref min max hr mo yr am pm".split())
_TERMINATOR = re.compile(r"(?:[.!?]+|\.\.\.)[\"')\]]*(?=\s|$)")
_SPACES = re.compile(r"\s*")


@dataclass(slots=True, frozen=True)
class Span:
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Ignored:
    start: int
    end: int
    reason: str  # "quoted-reply" | "signature"


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int
    end: int
    line: int  # index of the writer line the sentence lives on
    paragraph: int


@dataclass(slots=True)
class Segments:
    ignored: list[Ignored]
    lines: list[Span]  # the writer's non-empty lines, trimmed
    sentences: list[Sentence]
    greeting_line: int | None  # index into lines of a "Hi Sam," line, if any


def _lines(norm: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    n = len(norm)
    while pos <= n:
        nl = norm.find("\n", pos)
        end = n if nl < 0 else nl
        spans.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return spans


def _is_header_block(norm: str, lines: list[tuple[int, int]], i: int) -> bool:
    """An Outlook-style "From: … Sent: … To: … Subject: …" block starting at line i."""
    if not _HEADER_FROM.match(norm[lines[i][0] : lines[i][1]]):
        return False
    others = 0
    for j in range(i + 1, min(i + 6, len(lines))):
        if _HEADER_OTHER.match(norm[lines[j][0] : lines[j][1]]):
            others += 1
    return others >= 2


def _attribution_here(norm: str, lines: list[tuple[int, int]], i: int) -> int:
    """How many lines (1-3) an "On … wrote:" attribution starting at line i takes, or 0."""
    first = norm[lines[i][0] : lines[i][1]]
    if not re.match(r"^\s*(?:on|le|am|el|op|il|em)\s", first, re.IGNORECASE):
        return 0
    for take in (1, 2, 3):
        if i + take > len(lines):
            break
        joined = " ".join(norm[a:b] for a, b in lines[i : i + take])
        if len(joined) > 400:
            break
        if _ATTRIBUTION.match(joined):
            return take
    return 0


def segment(norm: str) -> Segments:
    lines = _lines(norm)
    kind = ["text"] * len(lines)
    cut = len(lines)  # first line of trailing history; everything from here on is quoted
    i = 0
    while i < len(lines):
        a, b = lines[i]
        line = norm[a:b]
        if _HISTORY_START.match(line) or _is_header_block(norm, lines, i):
            cut = i
            break
        take = _attribution_here(norm, lines, i)
        if take:
            nxt = i + take
            while nxt < len(lines) and not norm[lines[nxt][0] : lines[nxt][1]].strip():
                nxt += 1
            if nxt < len(lines) and _QUOTE_LINE.match(norm[lines[nxt][0] : lines[nxt][1]]):
                for k in range(i, i + take):
                    kind[k] = "quote"
                i += take
                continue
            cut = i
            break
        if _QUOTE_LINE.match(line):
            kind[i] = "quote"
        i += 1
    for k in range(cut, len(lines)):
        kind[k] = "quote"

    _mark_signature(norm, lines, kind, cut)

    ignored = _ignored_spans(norm, lines, kind)
    writer_lines: list[Span] = []
    sentences: list[Sentence] = []
    paragraph = 0
    previous_blank = False
    for k, (a, b) in enumerate(lines):
        if kind[k] != "text":
            previous_blank = True
            continue
        text = norm[a:b]
        stripped = text.strip()
        if not stripped:
            previous_blank = True
            continue
        if previous_blank and writer_lines:
            paragraph += 1
        previous_blank = False
        lead = len(text) - len(text.lstrip())
        span = Span(a + lead, a + lead + len(stripped))
        writer_lines.append(span)
        for s, e in split_sentences(norm, span.start, span.end):
            sentences.append(Sentence(s, e, len(writer_lines) - 1, paragraph))
    greeting = None
    if writer_lines:
        first = norm[writer_lines[0].start : writer_lines[0].end]
        if _GREETING.match(first):
            greeting = 0
    return Segments(ignored, writer_lines, sentences, greeting)


_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings|hiya|morning)\b"
    r"(?:[^.!?\n]|\b(?:mr|mrs|ms|dr|prof|st)\.){0,60}[,!:.]?|[A-Z][\w'\-]+(?:\s[A-Z][\w'\-]+){0,2}\s*,)\s*$",
    re.IGNORECASE,
)
# The writer's name (and maybe a title) alone on the last lines: "Tom" / "Rick\nSite Manager".
_NAME_LINE = re.compile(r"^\s*[A-Z][\w'.\-]*(?:\s+[A-Z&|][\w'.\-|&,]*){0,4}(?<![.!?,])\s*$")
_CLOSING_LINE = re.compile(r"^\s*[A-Z][\w'\s]{0,30},\s*$")


def _mark_signature(norm: str, lines: list[tuple[int, int]], kind: list[str], cut: int) -> None:
    # The "-- " delimiter or a "Sent from my phone" line: the rest (up to history) is signature.
    for k in range(cut):
        if kind[k] != "text":
            continue
        line = norm[lines[k][0] : lines[k][1]]
        if _SIG_DELIMITER.match(line) or _SENT_FROM.match(line):
            for j in range(k, cut):
                if kind[j] == "text":
                    kind[j] = "signature"
            break
    # A sign-off ("Best,") followed only by a few short lines (name, title, phone).
    text_lines = [
        k for k in range(cut) if kind[k] == "text" and norm[lines[k][0] : lines[k][1]].strip()
    ]
    lowest = max(-1, len(text_lines) - 2 - _SIGNATURE_TAIL_MAX_LINES)
    for pos in range(len(text_lines) - 1, lowest, -1):
        k = text_lines[pos]
        line = norm[lines[k][0] : lines[k][1]]
        if _SIGN_OFF.match(line):
            tail = text_lines[pos + 1 :]
            if all(
                len(norm[lines[j][0] : lines[j][1]].strip()) <= _SIGNATURE_TAIL_MAX_CHARS
                for j in tail
            ):
                _mark(kind, k, text_lines[-1])
            return
    # No sign-off: a closing like "Sorry again," or just the writer's name and title at the
    # very end, after a body of at least two lines.
    if len(text_lines) < 3:
        return
    tail_start = None
    for pos in range(len(text_lines) - 1, max(1, len(text_lines) - 4), -1):
        line = norm[lines[text_lines[pos]][0] : lines[text_lines[pos]][1]]
        if _NAME_LINE.match(line) and len(line.strip()) <= 40:
            tail_start = pos
        else:
            break
    if tail_start is None:
        return
    before = norm[lines[text_lines[tail_start - 1]][0] : lines[text_lines[tail_start - 1]][1]]
    if _CLOSING_LINE.match(before) and tail_start - 1 >= 2:
        tail_start -= 1
    _mark(kind, text_lines[tail_start], text_lines[-1])


def _mark(kind: list[str], first: int, last: int) -> None:
    for j in range(first, last + 1):
        if kind[j] == "text":
            kind[j] = "signature"


def _ignored_spans(norm: str, lines: list[tuple[int, int]], kind: list[str]) -> list[Ignored]:
    out: list[Ignored] = []
    current: list | None = None
    for k, (a, b) in enumerate(lines):
        reason = {"quote": "quoted-reply", "signature": "signature"}.get(kind[k])
        if reason is None:
            if current is not None and norm[a:b].strip():
                out.append(Ignored(*current))
                current = None
            continue
        if not norm[a:b].strip() and current is None:
            continue
        if current is not None and current[2] == reason:
            current[1] = b
        else:
            if current is not None:
                out.append(Ignored(*current))
            current = [a, b, reason]
    if current is not None:
        out.append(Ignored(*current))
    # Trim trailing blanks so the spans cover words, not empty lines.
    trimmed = []
    for ig in out:
        chunk = norm[ig.start : ig.end]
        s = ig.start + (len(chunk) - len(chunk.lstrip()))
        e = ig.end - (len(chunk) - len(chunk.rstrip()))
        if e > s:
            trimmed.append(Ignored(s, e, ig.reason))
    return trimmed


def _abbreviation(line: str, dot: int, rest: str) -> bool:
    """Is the period at `dot` part of an abbreviation or initial rather than a full stop?"""
    # The run of non-spaces ending at the dot, found by walking back: searching the line
    # from its start for every period made long lines of "No. No. …" quadratic.
    i = dot
    while i > 0 and not line[i - 1].isspace():
        i -= 1
    token = line[i:dot]
    if not token:
        return False
    if "/" in token or "@" in token:
        return False  # a URL or address ending the sentence
    word = re.sub(r"^[^\w]+", "", token).lower()
    if word in _NUMBER_ABBREVIATIONS:
        return rest[:1].isdigit()
    if word.isdigit():
        # "1. Send the files" numbers a list item; "The call is at 9. No one came." ends one.
        before = line[:i].rstrip()
        return len(word) <= 2 and (not before or before[-1] in ".!?:;(")
    return word in _ABBREVIATIONS or len(word) == 1 or bool(
        re.fullmatch(r"(?:[^\W\d]\.)+[^\W\d]", word)
    )


def split_sentences(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences within one line, aware of abbreviations, initials, numbers and URLs."""
    out = []
    s = start
    line = norm[start:end]
    for m in _TERMINATOR.finditer(line):
        cut = start + m.end()
        if cut >= end:
            break
        # Where the next word starts (not norm[cut:end].lstrip(): a copy per terminator
        # made lines of many short sentences quadratic).
        nxt = _SPACES.match(norm, cut, end).end()
        rest = norm[nxt : nxt + 1]
        if m.group().startswith(".") and not m.group().startswith("...") and _abbreviation(
            line, m.start(), rest
        ):
            continue
        if rest and rest[0].islower():
            continue
        out.append((s, cut))
        s = nxt
    if s < end:
        out.append((s, end))
    return out
