"""The road a draft takes: text -> segment -> match -> judge -> resolve -> structure ->
tone -> score -> the contract's JSON object."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import match, prefilter, resolve, structure
from .readability import readability
from .rules import RulePack, load
from .score import score
from .segment import Segments, segment
from .text import Text

CONTRACT_VERSION = "1"
STRICTNESS = ("gentle", "balanced", "strict")
_LEADING_CAP = re.compile(r"^([^\w]*)(\w)")


def check_options(strictness: str, disabled_rules, pack: RulePack) -> frozenset[str]:
    """Validate options (text itself is never an error). Raises ValueError with a clear message."""
    if strictness not in STRICTNESS:
        raise ValueError(f"unknown strictness {strictness!r}; use one of {', '.join(STRICTNESS)}")
    if isinstance(disabled_rules, str):
        disabled_rules = [disabled_rules]
    disabled = frozenset(disabled_rules or ())
    unknown = sorted(r for r in disabled if r not in pack.by_id)
    if unknown:
        raise ValueError(f"unknown rule id(s): {', '.join(map(str, unknown))}")
    return disabled


@dataclass(slots=True)
class Draft:
    """Everything the pipeline learnt about one draft; rewrite() reuses it."""

    text: Text
    seg: Segments
    view: str
    findings: list[match.Candidate]
    cues: structure.Cues
    pushback: bool
    parts: dict[str, bool]  # parts the score credits (see structure.credited_parts)
    tone: dict | None


def read(text: str, strictness: str, disabled: frozenset[str], pack: RulePack) -> Draft:
    t = Text.of(text)
    seg = segment(t.norm)
    view = match.writer_view(t.norm, seg)
    low = match.lower_view(view)
    index = prefilter.SentenceIndex(low, [s.start for s in seg.sentences],
                                    [s.end for s in seg.sentences], _vocabulary(pack))
    candidates = match.find(view, low, seg, pack.rules, disabled, index)
    cues = structure.find_cues(low, seg, pack, index)
    structure.note_refusals(cues, candidates)
    # A sentence with a high-severity phrase earns no structure credit: a "reason" wrapped
    # in an attack is not a reason. This also keeps the score monotone.
    flawed = {c.sentence for c in candidates if c.rule.severity == "high"}
    credited = structure.credited_parts(cues, flawed)
    # Draft-level conditions ("a refusal with no reason anywhere in the draft").
    candidates = [
        c for c in candidates if not any(credited[part] for part in c.rule.draft_lacks)
    ]
    if any(c.rule.draft_count for c in candidates):
        candidates = _often_enough(candidates, low)
    tone = _tone(t, seg, view)
    candidates += _tone_findings(tone, seg, candidates, pack, disabled)
    findings = resolve.resolve(candidates, strictness)
    return Draft(t, seg, view, findings, cues, bool(cues.pushback), credited, tone)


def _often_enough(candidates: list[match.Candidate], low: str) -> list[match.Candidate]:
    """Drop findings of `draft_count` rules whose pattern is too rare in this draft."""
    counts: dict[str, int] = {}
    kept = []
    for c in candidates:
        if c.rule.draft_count:
            rx, least = c.rule.draft_count
            if c.rule.id not in counts:
                counts[c.rule.id] = sum(1 for _ in match.scan(rx, low))
            if counts[c.rule.id] < least:
                continue
        kept.append(c)
    return kept


_VOCABULARIES: dict[int, prefilter.Vocabulary] = {}


def _vocabulary(pack: RulePack) -> prefilter.Vocabulary:
    """Every needle of the lower-case rules and structure cues (see prefilter)."""
    if id(pack) not in _VOCABULARIES:
        words: set[str] = set()
        for rule in pack.rules:
            if not rule.case_sensitive:
                words |= rule.needles or frozenset()
                words |= prefilter.program_words(rule.program)
        words |= structure.cue_needles(pack)
        _VOCABULARIES[id(pack)] = prefilter.Vocabulary(words)
    return _VOCABULARIES[id(pack)]


def _tone(t: Text, seg: Segments, view: str) -> dict | None:
    """The tone model's reading, once the model exists (never faked before then)."""
    try:
        from .tone import estimate
    except ImportError:
        return None
    return estimate(t, seg, view)


def _tone_findings(tone: dict | None, seg: Segments, candidates: list[match.Candidate],
                   pack: RulePack, disabled: frozenset[str]) -> list[match.Candidate]:
    """Tone-sourced rules: a sentence the model reads as impolite, where no phrase rule
    fired, becomes a finding over the whole sentence with the model's reasons."""
    rules = [r for r in pack.rules if r.source == "tone" and r.id not in disabled]
    if not rules or not tone:
        return []
    from .tone import impolite_sentences

    rule = rules[0]
    weak = set(rule.extra.get("weak_reasons", ()))
    covered = {c.sentence for c in candidates}
    out = []
    for i in impolite_sentences(tone, rule.extra.get("tone_below")):
        if i in covered or i >= len(seg.sentences):
            continue
        reasons = tone["sentences"][i]["features"]
        if not any(r not in weak for r in reasons):
            continue
        s = seg.sentences[i]
        out.append(match.Candidate(rule, s.start, s.end, i, None,
                                   detail=f"Here: {'; '.join(reasons)}."))
    return out


def keep_case(suggestion: str, original: str, at_sentence_start: bool = False) -> str:
    """Give a suggestion the capital its span started with ("Honestly" -> "To be candid").
    The pronoun "I" is capitalised anywhere, so it says nothing about the sentence: a span
    starting with it passes its capital on only at the start of a sentence."""
    m = _LEADING_CAP.match(original)
    if not m or not m.group(2).isupper() or original.isupper() and len(original) > 1:
        return suggestion
    if not at_sentence_start and re.match(r"[^\w]*I(?![\w])", original):
        return suggestion
    s = _LEADING_CAP.match(suggestion)
    if not s:
        return suggestion
    return suggestion[: s.start(2)] + s.group(2).upper() + suggestion[s.end(2) :]


def suggestions_for(c: match.Candidate, t: Text) -> list[dict]:
    """Expand a rule's suggestion templates for one match ({1} / {name} = matched groups,
    taken from the original text so curly quotes survive)."""
    out = []
    if c.match is None:
        return out
    original = t.original_slice(c.start, c.end)
    for s in c.rule.suggestions:
        text = _expand(s.template, c, t)
        text = keep_case(text, original, c.start == c.sentence_start)
        item = {"text": text}
        if s.note:
            item["note"] = s.note
        if item not in out:
            out.append(item)
    return out


_GROUP_REF = re.compile(r"\{(\w+)(?:\|(lower|sentence))?\}")
# Words that keep a capital after a shouted phrase is lower-cased.
_PROPER = re.compile(
    r"(?<![\w'])(?:i|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
    r"february|march|april|june|july|august|september|october|november|december)(?![\w])"
)


def _relative_groups(template: str, m: re.Match, rule) -> dict[int, int]:
    """When none of a template's {n} took part in the match, the template means group n of
    whichever of the rule's patterns matched (each pattern numbers its groups from 1, but
    the joined regex numbers them on). Templates that already name a group that took part
    are left alone: they were written for the joined numbering."""
    refs = [int(k) for k, _ in _GROUP_REF.findall(template) if k.isdigit() and k != "0"]
    if not refs or not rule.alternatives:
        return {}
    if any(n <= m.re.groups and m.span(n)[0] >= 0 for n in refs):
        return {}
    for first, count in rule.alternatives:
        if count and any(m.span(g)[0] >= 0 for g in range(first, first + count)):
            return {n: first + n - 1 for n in refs if n <= count}
    return {}


def _expand(template: str, c: match.Candidate, t: Text) -> str:
    """Fill {1} / {name} / {0} with the matched text (from the original, so curly quotes
    survive). Filters: {0|lower} lower-cases (for shouting); {0|sentence} also capitalises
    the first letter when the span opens its sentence."""
    m = c.match
    moved = _relative_groups(template, m, c.rule)

    def group(ref: re.Match) -> str:
        key, fil = ref.group(1), ref.group(2)
        try:
            start, end = m.span(moved.get(int(key), int(key)) if key.isdigit() else key)
        except (IndexError, KeyError, ValueError):
            return ref.group(0)
        if start < 0:
            return ""
        text = t.original_slice(start, end)
        if fil:
            text = _PROPER.sub(lambda w: w.group().capitalize(), text.lower())
            if fil == "sentence" and start == c.sentence_start and text:
                text = text[0].upper() + text[1:]
        return text

    return _GROUP_REF.sub(group, template)


def to_json(d: Draft, strictness: str) -> dict:
    t = d.text
    findings = []
    for n, c in enumerate(d.findings, 1):
        offset, length = t.span_utf16(c.start, c.end)
        findings.append({
            "id": f"f{n}",
            "rule": c.rule.id,
            "category": c.rule.category,
            "severity": c.rule.severity,
            "offset": offset,
            "length": length,
            "text": t.original_slice(c.start, c.end),
            "message": c.rule.message,
            "explanation": f"{c.rule.explanation} {c.detail}" if c.detail else c.rule.explanation,
            "suggestions": suggestions_for(c, t),
        })
    pack = load()
    value, label, principles = score(
        d.findings, d.pushback, d.parts, d.tone["politeness"] if d.tone else None
    )
    result = {
        "version": CONTRACT_VERSION,
        "strictness": strictness,
        "score": value,
        "label": label,
        "pushback": d.pushback,
        "findings": findings,
        "structure": structure.report(d.cues, d.seg, t.span_utf16, pack),
        "principles": principles,
    }
    if d.tone is not None:
        result["tone"] = d.tone
    result["readability"] = readability([t.norm[s.start : s.end] for s in d.seg.sentences])
    result["ignored"] = [
        dict(zip(("offset", "length"), t.span_utf16(ig.start, ig.end), strict=True),
             reason=ig.reason)
        for ig in d.seg.ignored
    ]
    return result
