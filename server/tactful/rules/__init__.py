"""The rule pack: one TOML file per category, loaded and compiled once per process.

A rule is data (id, category, severity, patterns with context conditions, message,
explanation, suggestions, and examples that must flag and must pass), so adding a phrase
never needs Python. `{macro}` names in patterns expand from `_macros.toml`; a literal
space in a pattern matches any run of spaces or tabs on the same line, or nothing before an
apostrophe (so "{we} {will}" matches "we'll").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .. import prefilter

CATEGORIES = (
    "attack", "blame", "blunt-refusal", "condescension", "dismissive", "passive-aggressive",
    "absolute", "threat", "sarcasm", "shouting", "hedge", "over-apology", "minimizer",
    "overpromise", "excuse",
)
SEVERITIES = ("high", "medium", "low")
PRINCIPLES = ("knowledge", "intent", "understanding", "standing")
STRUCTURE_PARTS = ("acknowledgement", "reason", "alternative", "next_step")

_MACRO_NAME = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# A space in a pattern: spaces/tabs on the same line, or nothing before an apostrophe, so
# "we (?:will|'ll)" matches both "we will" and "we'll".
_SPACE = r"(?:[^\S\n]+|(?='))"
# Word boundary at the end of a match, only biting where the match ends with a word char
# (so "!!!" still matches after "now"). The same check at the start is done by the matcher
# in Python: a leading assertion would stop the regex engine from skipping ahead to the
# pattern's possible first characters, which makes scanning about 30 times slower.
_END_GUARD = r"(?:(?!\w)|(?<!\w))"


class RulePackError(ValueError):
    """A rule file is malformed; raised at load time, never while analysing."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    template: str
    note: str = ""


@dataclass(slots=True)
class Rule:
    id: str
    category: str
    severity: str
    principle: str
    message: str
    explanation: str
    regex: re.Pattern
    suggestions: tuple[Suggestion, ...]
    flags: tuple[str, ...]
    passes: tuple[str, ...]
    patterns: tuple[str, ...]
    case_sensitive: bool = False  # True: `regex` runs over the text as typed, else lower-cased
    only_sentence_start: bool = False
    unless_before: re.Pattern | None = None
    unless_after: re.Pattern | None = None
    unless_sentence: re.Pattern | None = None
    requires_sentence: re.Pattern | None = None
    draft_lacks: tuple[str, ...] = ()
    # (pattern, n): fire only when `pattern` occurs at least n times in the writer's words,
    # e.g. an apology that is fine once but grovelling as the third "sorry" of the email.
    draft_count: tuple[re.Pattern, int] | None = None
    source: str = "pattern"  # "tone": produced from the tone model, not from `regex`
    needles: frozenset[str] | None = None  # words every match contains (see prefilter.py)
    program: prefilter.Program = None  # the stricter test of which sentences may match
    # A cheap regex every matching sentence contains, for rules with no needle word
    # (e.g. "[A-Z]{2}" for shouting): only the sentences it finds are scanned.
    needs: re.Pattern | None = None
    order: int = 0
    extra: dict = field(default_factory=dict)
    # (first group, group count) of each pattern in `regex`: a suggestion's {1} means the
    # first group of whichever pattern matched, though the joined regex numbers them on.
    alternatives: tuple[tuple[int, int], ...] = ()

    def public(self) -> dict:
        """The rule as /api/v1/rules lists it."""
        return {
            "id": self.id,
            "category": self.category,
            "severity": self.severity,
            "principle": self.principle,
            "message": self.message,
            "explanation": self.explanation,
            "examples": {"flags": list(self.flags), "passes": list(self.passes)},
        }


def expand(pattern: str, macros: dict[str, str]) -> str:
    """Expand `{macro}` names (recursively) and turn literal spaces into same-line whitespace."""
    for _ in range(5):
        new = _MACRO_NAME.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            break
        pattern = new
    unknown = _MACRO_NAME.search(pattern)
    if unknown:
        raise RulePackError(f"unknown macro {{{unknown.group(1)}}} in pattern {pattern!r}")
    out = []
    in_class = False
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
        elif ch == "[" and not in_class:
            in_class = True
            out.append(ch)
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        elif ch == " " and not in_class:
            if out and out[-1] == _SPACE:
                continue
            out.append(_SPACE)
        else:
            out.append(ch)
    return "".join(out)


def lower_pattern(pattern: str) -> str:
    """Lower-case a regex's literals (not its escapes or group names), so that it can run
    case-sensitively over lower-cased text: the fast path of Python's regex engine."""
    out = []
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith(("(?P<", "(?P="), i):
            close = pattern.find(">" if pattern[i + 3] == "<" else ")", i)
            close = n if close < 0 else close
            out.append(pattern[i:close])
            i = close
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


def _compile(
    patterns: list[str], macros: dict[str, str], case_sensitive: bool, where: str
) -> re.Pattern:
    if not patterns:
        return re.compile(r"(?!)")  # never matches: the rule's findings come from elsewhere
    body = "|".join(f"(?:{expand(p, macros)})" for p in patterns)
    if not case_sensitive:
        body = lower_pattern(body)
    try:
        return re.compile(f"(?:{body}){_END_GUARD}")
    except re.error as exc:
        raise RulePackError(f"{where}: bad pattern: {exc}") from exc


def _draft_count(value, macros: dict[str, str], where: str) -> tuple[re.Pattern, int] | None:
    if value is None:
        return None
    if (not isinstance(value, dict) or set(value) != {"pattern", "min"}
            or not isinstance(value["pattern"], str) or not isinstance(value["min"], int)
            or value["min"] < 1):
        raise RulePackError(f"{where}: draft_count must be {{pattern = \"...\", min = N >= 1}}")
    body = lower_pattern(expand(value["pattern"], macros))
    try:
        return re.compile(f"(?:{body}){_END_GUARD}"), value["min"]
    except re.error as exc:
        raise RulePackError(f"{where}: bad draft_count pattern: {exc}") from exc


def _alternatives(
    patterns: list[str], macros: dict[str, str], case_sensitive: bool
) -> tuple[tuple[int, int], ...]:
    """Where each pattern's groups start in the joined regex (see Rule.alternatives)."""
    if len(patterns) < 2:
        return ()
    out, first = [], 1
    for p in patterns:
        body = expand(p, macros)
        count = re.compile(body if case_sensitive else lower_pattern(body)).groups
        out.append((first, count))
        first += count
    return tuple(out) if any(count for _, count in out[1:]) else ()


def _optional(
    value, macros: dict[str, str], flags: int, where: str, wrap: str
) -> re.Pattern | None:
    if not value:
        return None
    items = value if isinstance(value, list) else [value]
    body = "|".join(f"(?:{expand(p, macros)})" for p in items)
    try:
        return re.compile(wrap.format(body=body), flags)
    except re.error as exc:
        raise RulePackError(f"{where}: bad condition: {exc}") from exc


def _suggestions(raw) -> tuple[Suggestion, ...]:
    out = []
    for item in raw or []:
        if isinstance(item, str):
            out.append(Suggestion(item))
        else:
            out.append(Suggestion(item["text"], item.get("note", "")))
    return tuple(out)


_REQUIRED = ("id", "severity", "patterns", "message", "explanation", "flags", "passes")


def _build(raw: dict, file_category: str, default_principle: str, macros: dict[str, str],
           order: int) -> Rule:
    where = raw.get("id", f"rule #{order} in {file_category}")
    for key in _REQUIRED:
        if key not in raw:
            raise RulePackError(f"{where}: missing {key!r}")
    category = raw.get("category", file_category)
    if category not in CATEGORIES:
        raise RulePackError(f"{where}: unknown category {category!r}")
    if not raw["id"].startswith(category + "."):
        raise RulePackError(f"{where}: id must start with its category {category!r}")
    if raw["severity"] not in SEVERITIES:
        raise RulePackError(f"{where}: severity must be one of {SEVERITIES}")
    principle = raw.get("principle", default_principle)
    if principle not in PRINCIPLES:
        raise RulePackError(f"{where}: principle must be one of {PRINCIPLES}")
    lacks = tuple(raw.get("draft_lacks", ()))
    if any(part not in STRUCTURE_PARTS for part in lacks):
        raise RulePackError(f"{where}: draft_lacks must name parts of {STRUCTURE_PARTS}")
    if not raw["flags"] or not raw["passes"]:
        raise RulePackError(f"{where}: needs at least one 'flags' and one 'passes' example")
    source = raw.get("source", "pattern")
    if source not in ("pattern", "tone"):
        raise RulePackError(f"{where}: source must be 'pattern' or 'tone'")
    if source == "pattern" and not raw["patterns"]:
        raise RulePackError(f"{where}: needs at least one pattern")
    if not raw.get("suggestions") and not lacks and source == "pattern":
        raise RulePackError(f"{where}: needs suggestions (only draft-level rules may omit them)")
    case_sensitive = bool(raw.get("case_sensitive", False))
    known = set(_REQUIRED) | {
        "category", "principle", "suggestions", "case_sensitive", "only_sentence_start",
        "unless_before", "unless_after", "unless_sentence", "requires_sentence", "draft_lacks",
        "source", "needs", "draft_count",
    }
    tone_keys = {"tone_below", "weak_reasons"}
    extra = {k: v for k, v in raw.items() if k not in known}
    if set(extra) - (tone_keys if source == "tone" else set()):
        raise RulePackError(f"{where}: unknown keys {sorted(set(extra) - tone_keys)}")
    rule = Rule(
        id=raw["id"],
        category=category,
        severity=raw["severity"],
        principle=principle,
        message=raw["message"].strip(),
        explanation=" ".join(raw["explanation"].split()),
        regex=_compile(raw["patterns"], macros, case_sensitive, where),
        case_sensitive=case_sensitive,
        suggestions=_suggestions(raw.get("suggestions")),
        flags=tuple(raw["flags"]),
        passes=tuple(raw["passes"]),
        patterns=tuple(raw["patterns"]),
        only_sentence_start=bool(raw.get("only_sentence_start", False)),
        unless_before=_optional(raw.get("unless_before"), macros, re.IGNORECASE, where,
                                "(?:{body})[^\\S\\n]*$"),
        unless_after=_optional(raw.get("unless_after"), macros, re.IGNORECASE, where,
                               "[^\\S\\n]*(?:{body})"),
        unless_sentence=_optional(raw.get("unless_sentence"), macros, re.IGNORECASE, where,
                                  "{body}"),
        requires_sentence=_optional(raw.get("requires_sentence"), macros, re.IGNORECASE, where,
                                    "{body}"),
        draft_lacks=lacks,
        draft_count=_draft_count(raw.get("draft_count"), macros, where),
        source=source,
        order=order,
        extra=extra,
    )
    rule.alternatives = _alternatives(raw["patterns"], macros, case_sensitive)
    rule.needles = prefilter.needles(rule.regex.pattern)
    rule.program = prefilter.program(rule.regex.pattern)
    if rule.program is None and rule.needles is not None:
        rule.program = ((rule.needles,),)
    if raw.get("needs"):
        try:
            rule.needs = re.compile(raw["needs"] if case_sensitive else lower_pattern(raw["needs"]))
        except re.error as exc:
            raise RulePackError(f"{where}: bad 'needs' pattern: {exc}") from exc
    return rule


@dataclass(slots=True, eq=False)
class RulePack:
    rules: list[Rule]  # every rule, pattern and tone alike
    by_id: dict[str, Rule]
    macros: dict[str, str]
    structure: dict  # raw structure cue tables, compiled by structure.py


def _read(name: str) -> dict:
    data = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    try:
        return tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"{name}: {exc}") from exc


@lru_cache(maxsize=1)
def load() -> RulePack:
    """Load and compile every rule file shipped in this package (once per process)."""
    macros = _read("_macros.toml").get("macros", {})
    rules: list[Rule] = []
    files = sorted(
        p.name for p in resources.files(__package__).iterdir()
        if p.name.endswith(".toml") and not p.name.startswith("_")
    )
    for name in files:
        doc = _read(name)
        if name == "structure.toml":
            continue
        category = doc.get("category", name.removesuffix(".toml"))
        principle = doc.get("principle", "intent")
        for raw in doc.get("rules", []):
            rules.append(_build(raw, category, principle, macros, len(rules)))
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            raise RulePackError(f"duplicate rule id {rule.id}")
        by_id[rule.id] = rule
    structure = _read("structure.toml")
    return RulePack(rules, by_id, macros, structure)
