#!/usr/bin/env python3
"""Measure the engine against the labelled drafts (`make eval`).

Reads tests/data/devset.toml (rules may be tuned on it) and tests/data/holdout.toml (nobody
tunes on it: it shows how the engine carries over to unseen drafts), runs
`tactful.analyze(text, "balanced")` on every draft and reports, per set:

- recall: share of must_flag spans overlapped by a finding (and with the same category);
- must-not precision: share of must_not_flag entries that no finding touches;
- structure accuracy (pushback drafts x 4 parts) and pushback-detection accuracy;
- twin order: share of twins where the cushioned draft scores above the risky one;
- the misses, by draft id, to help tuning.

Offsets in the analysis are UTF-16 code units, so labelled spans are converted to UTF-16
before comparing. It is a report: exit 0 whatever the numbers, 2 when the data is malformed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SETS = {"dev": DATA / "devset.toml", "holdout": DATA / "holdout.toml"}
PARTS = ("acknowledgement", "reason", "alternative", "next_step")
STRICTNESS = "balanced"


class DataError(Exception):
    """The labelled data is malformed (a phrase that is not in its draft, and the like)."""


@dataclass(slots=True)
class Span:
    """A labelled phrase, located in UTF-16 code units."""

    text: str
    start: int
    end: int
    category: str | None = None


@dataclass(slots=True)
class Draft:
    id: str
    variant: str
    pushback: bool
    text: str
    twin: str | None
    must_flag: list[Span]
    # One entry per must_not_flag item; an item without `occurrence` covers every occurrence.
    must_not: list[tuple[str, list[Span]]]
    structure: dict[str, bool] = field(default_factory=dict)


def utf16(s: str, cp: int) -> int:
    """Code-point index -> UTF-16 offset (astral characters count twice)."""
    return cp + sum(1 for ch in s[:cp] if ord(ch) > 0xFFFF)


def utf16_slice(s: str, offset: int, length: int) -> str:
    """s[offset:offset+length] counted in UTF-16 code units, as JavaScript would slice it."""
    units = s.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le", errors="replace")


def occurrences(text: str, phrase: str) -> list[int]:
    out, i = [], text.find(phrase)
    while i >= 0:
        out.append(i)
        i = text.find(phrase, i + 1)
    return out


def locate(draft_id: str, text: str, phrase: str, occurrence: int | None) -> list[Span]:
    """Spans of `phrase` in `text`: the given occurrence (1-based), or all of them."""
    if not isinstance(phrase, str) or not phrase:
        raise DataError(f"{draft_id}: empty or non-string phrase {phrase!r}")
    found = occurrences(text, phrase)
    if not found:
        raise DataError(f"{draft_id}: {phrase!r} is not in the text")
    if occurrence is not None:
        if not 1 <= occurrence <= len(found):
            raise DataError(f"{draft_id}: {phrase!r} has no occurrence {occurrence}")
        found = [found[occurrence - 1]]
    return [Span(phrase, utf16(text, i), utf16(text, i + len(phrase))) for i in found]


def parse(raw: dict) -> Draft:
    draft_id = raw.get("id", "<no id>")
    text = raw.get("text")
    if not isinstance(text, str):
        raise DataError(f"{draft_id}: missing text")
    must_flag = []
    for item in raw.get("must_flag", []):
        if not isinstance(item, dict) or "text" not in item or "category" not in item:
            raise DataError(f"{draft_id}: must_flag items need text and category")
        found = occurrences(text, item["text"])
        if len(found) > 1 and "occurrence" not in item:
            raise DataError(f"{draft_id}: {item['text']!r} occurs {len(found)} times; "
                            "say which with occurrence = N")
        (span,) = locate(draft_id, text, item["text"], item.get("occurrence", 1))
        span.category = item["category"]
        must_flag.append(span)
    must_not = []
    for item in raw.get("must_not_flag", []):
        if isinstance(item, dict):
            phrase, occ = item.get("text"), item.get("occurrence")
        else:
            phrase, occ = item, None
        must_not.append((phrase, locate(draft_id, text, phrase, occ)))
    structure = raw.get("structure", {})
    if raw.get("pushback") and set(structure) != set(PARTS):
        raise DataError(f"{draft_id}: a pushback draft needs the four structure labels")
    return Draft(
        id=draft_id,
        variant=raw.get("variant", ""),
        pushback=bool(raw.get("pushback")),
        text=text,
        twin=raw.get("twin"),
        must_flag=must_flag,
        must_not=must_not,
        structure={k: bool(v) for k, v in structure.items()},
    )


def load(path: Path) -> list[Draft]:
    try:
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: {exc}") from exc
    drafts = [parse(d) for d in raw.get("draft", [])]
    ids = [d.id for d in drafts]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DataError(f"{path.name}: duplicate ids {dupes}")
    return drafts


def overlaps(finding: dict, span: Span) -> bool:
    start = finding.get("offset", 0)
    end = start + finding.get("length", 0)
    return start < span.end and span.start < end


def evaluate(drafts: list[Draft], analyze) -> dict:
    """The numbers for one set, and the misses behind them."""
    flag_total = flag_hit = flag_cat = 0
    not_total = not_clean = 0
    parts_total = parts_right = 0
    push_right = 0
    misses: list[dict] = []
    per_category: dict[str, list[int]] = {}  # category -> [overlapped, total]
    scores: dict[str, float] = {}
    neutral_clean = neutral_total = 0
    for d in drafts:
        try:
            result = analyze(d.text, STRICTNESS)
        except Exception as exc:  # an engine bug: report it, keep measuring the rest
            result = {"findings": [], "structure": {}, "pushback": None, "score": None}
            misses.append({"draft": d.id, "kind": "engine-error", "detail": repr(exc)})
        findings = result.get("findings", [])
        scores[d.id] = result.get("score")
        for f in findings:
            if f.get("text") != utf16_slice(d.text, f.get("offset", 0), f.get("length", 0)):
                misses.append({"draft": d.id, "kind": "bad-offset", "text": f.get("text"),
                               "detail": f"{f.get('rule')} at {f.get('offset')}+{f.get('length')}"})
        for span in d.must_flag:
            flag_total += 1
            hits = [f for f in findings if overlaps(f, span)]
            tally = per_category.setdefault(span.category, [0, 0])
            tally[1] += 1
            if hits:
                flag_hit += 1
                tally[0] += 1
            if any(f.get("category") == span.category for f in hits):
                flag_cat += 1
            elif hits:
                got = ", ".join(sorted({f.get("category", "?") for f in hits}))
                misses.append({"draft": d.id, "kind": "wrong-category", "text": span.text,
                               "detail": f"want {span.category}, got {got}"})
            else:
                misses.append({"draft": d.id, "kind": "missed", "text": span.text,
                               "detail": span.category})
        for phrase, spans in d.must_not:
            not_total += 1
            bad = [f for f in findings if any(overlaps(f, s) for s in spans)]
            if bad:
                rules = ", ".join(sorted({f.get("rule", "?") for f in bad}))
                misses.append({"draft": d.id, "kind": "false-hit", "text": phrase,
                               "detail": rules})
            else:
                not_clean += 1
        if d.variant == "neutral":
            neutral_total += 1
            serious = [f for f in findings if f.get("severity") in ("medium", "high")]
            if not serious:
                neutral_clean += 1
        if result.get("pushback") == d.pushback:
            push_right += 1
        else:
            misses.append({"draft": d.id, "kind": "pushback",
                           "detail": f"want {d.pushback}, got {result.get('pushback')}"})
        if d.pushback:
            got_structure = result.get("structure") or {}
            for part in PARTS:
                parts_total += 1
                got = bool((got_structure.get(part) or {}).get("present"))
                if got == d.structure[part]:
                    parts_right += 1
                else:
                    misses.append({"draft": d.id, "kind": "structure", "text": part,
                                   "detail": f"want {d.structure[part]}, got {got}"})
    twins = _twin_pairs(drafts)
    ordered = 0
    for name, (risky, cushioned) in sorted(twins.items()):
        r, c = scores.get(risky), scores.get(cushioned)
        if r is not None and c is not None and c > r:
            ordered += 1
        else:
            misses.append({"draft": name, "kind": "twin-order",
                           "detail": f"risky {r} vs cushioned {c}"})

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    by_variant = {}
    for variant in ("risky", "cushioned", "neutral"):
        vals = [scores[d.id] for d in drafts if d.variant == variant and scores[d.id] is not None]
        by_variant[variant] = round(sum(vals) / len(vals), 1) if vals else None
    return {
        "drafts": len(drafts),
        "engine_errors": sum(1 for m in misses if m["kind"] == "engine-error"),
        "bad_offsets": sum(1 for m in misses if m["kind"] == "bad-offset"),
        "recall": ratio(flag_hit, flag_total),
        "recall_category": ratio(flag_cat, flag_total),
        "must_not_precision": ratio(not_clean, not_total),
        "structure_accuracy": ratio(parts_right, parts_total),
        "pushback_accuracy": ratio(push_right, len(drafts)),
        "twin_order": ratio(ordered, len(twins)),
        "neutral_clean": ratio(neutral_clean, neutral_total),
        "mean_score": by_variant,
        "recall_by_category": {k: v for k, v in sorted(per_category.items())},
        "counts": {"must_flag": flag_total, "must_not_flag": not_total,
                   "structure_parts": parts_total, "twins": len(twins)},
        "misses": misses,
    }


def _twin_pairs(drafts: list[Draft]) -> dict[str, tuple[str, str]]:
    """twin name -> (risky id, cushioned id); raises DataError on an incomplete pair."""
    groups: dict[str, dict[str, str]] = {}
    for d in drafts:
        if d.twin is None:
            continue
        pair = groups.setdefault(d.twin, {})
        if d.variant in pair or d.variant not in ("risky", "cushioned"):
            raise DataError(f"twin {d.twin}: unexpected or repeated variant {d.variant!r}")
        pair[d.variant] = d.id
    broken = sorted(t for t, p in groups.items() if len(p) != 2)
    if broken:
        raise DataError(f"twins without both a risky and a cushioned draft: {broken}")
    return {t: (p["risky"], p["cushioned"]) for t, p in groups.items()}


METRICS = (
    ("recall", "must_flag spans overlapped by a finding"),
    ("recall_category", "  ... by a finding of the labelled category"),
    ("must_not_precision", "must_not_flag phrases left untouched"),
    ("structure_accuracy", "structure parts matching the label"),
    ("pushback_accuracy", "drafts whose pushback flag matches"),
    ("twin_order", "twins where cushioned scores above risky"),
    ("neutral_clean", "neutral drafts with no medium/high finding"),
)


def render(name: str, report: dict, verbose: bool) -> str:
    c = report["counts"]
    lines = [f"== {name}: {report['drafts']} drafts, {c['must_flag']} must_flag, "
             f"{c['must_not_flag']} must_not_flag, {c['twins']} twins"]
    if report["engine_errors"]:
        lines.append(f"  !! the engine raised on {report['engine_errors']} drafts")
    if report["bad_offsets"]:
        lines.append(f"  !! {report['bad_offsets']} findings whose text is not the UTF-16 slice")
    for key, label in METRICS:
        value = report[key]
        shown = "  n/a" if value is None else f"{value:6.1%}"
        lines.append(f"  {shown}  {label}")
    ms = report["mean_score"]
    lines.append(f"  mean score: risky {ms['risky']}, cushioned {ms['cushioned']}, "
                 f"neutral {ms['neutral']}")
    cats = "  ".join(f"{k} {h}/{n}" for k, (h, n) in report["recall_by_category"].items())
    lines.append(f"  recall by category: {cats}")
    misses = report["misses"]
    if misses:
        limit = None if verbose else 40
        lines.append(f"  misses ({len(misses)}):")
        for m in misses[:limit]:
            text = f" {m['text']!r}" if m.get("text") else ""
            lines.append(f"    {m['draft']:<36} {m['kind']:<14}{text} ({m['detail']})")
        if limit is not None and len(misses) > limit:
            lines.append(f"    ... {len(misses) - limit} more (--verbose shows all)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--json", action="store_true", help="machine-readable numbers")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--file", type=Path, help="evaluate this labelled file instead")
    args = parser.parse_args(argv)
    names = ["dev", "holdout"] if args.set == "all" else [args.set]
    sets = {args.file.stem: args.file} if args.file else SETS
    names = list(sets) if args.file else names
    try:
        data = {name: load(sets[name]) for name in names}
        for drafts in data.values():
            _twin_pairs(drafts)
    except DataError as exc:
        print(f"eval: malformed data: {exc}", file=sys.stderr)
        return 2

    sys.path.insert(0, str(ROOT / "server"))
    import tactful

    reports = {name: evaluate(drafts, tactful.analyze) for name, drafts in data.items()}
    if args.json:
        print(json.dumps(reports, indent=2, ensure_ascii=False))
    else:
        print(f"Tactful eval at strictness {STRICTNESS!r}")
        for name, report in reports.items():
            print(render(name, report, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
