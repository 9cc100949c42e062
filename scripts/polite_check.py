#!/usr/bin/env python3
"""How often the rule pack speaks up on text people rated polite vs impolite.

    .venv/bin/python scripts/polite_check.py [--top N]

The Wikipedia requests of the Stanford Politeness Corpus (Danescu-Niculescu-Mizil et al.,
ACL 2013; read from ../shared/data/politeness/, never copied) are not emails, but each was
rated by five people. A medium or high finding on a request in the top quartile is very
likely a false alarm, so the flag rate there is a precision check on text nobody tuned the
rules on; the bottom quartile should be flagged far more often. Prints the share of requests
with at least one medium/high finding at "balanced", per quartile, and the rules that fire
most on polite text (with the phrase only: no request is printed whole).
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

import tactful  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "politeness" / "wikipedia.annotated.csv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--top", type=int, default=10, help="rules to list for the polite quartile")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (it ships in ../shared/data)", file=sys.stderr)
        return 0
    with DATA.open(encoding="utf-8", newline="") as f:
        rows = [(float(r["Normalized Score"]), r["Request"]) for r in csv.DictReader(f)]
    rows.sort(key=lambda r: r[0])
    n = len(rows)
    quartiles = {
        "impolite (bottom quartile)": rows[: n // 4],
        "middle half": rows[n // 4 : n - n // 4],
        "polite (top quartile)": rows[n - n // 4 :],
    }
    print(f"{n} rated requests; share with a medium/high finding at 'balanced':")
    polite_rules: collections.Counter[str] = collections.Counter()
    phrases: dict[str, str] = {}
    for name, part in quartiles.items():
        flagged = 0
        for _, text in part:
            hits = [
                f for f in tactful.analyze(text)["findings"] if f["severity"] in ("medium", "high")
            ]
            flagged += bool(hits)
            if name.startswith("polite"):
                for f in hits:
                    polite_rules[f["rule"]] += 1
                    phrases.setdefault(f["rule"], f["text"])
        print(f"  {name:28} {flagged:4d} / {len(part):4d} = {flagged / len(part):6.1%}")
    print("rules firing most on polite requests:")
    for rule, count in polite_rules.most_common(args.top):
        print(f"  {count:3d}  {rule:45} e.g. {phrases[rule]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
