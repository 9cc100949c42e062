"""`make bench`: median wall time of tactful.analyze() on 200-, 1,000- and 10,000-word
drafts, side by side with proselint on the same texts in the same run, written to
docs/benchmarks.md (the engine section; other sections are kept as they are).

Goals (issue 2): 200 words <= 3 ms, 1,000 words <= 15 ms on one core, and linear growth
(10,000 words <= 12x the 1,000-word time).
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "server"))

import tactful  # noqa: E402

# A pool of sentences in the register of real pushback mail: about a third carry risky
# phrasing, the rest are ordinary business sentences (our own writing).
SENTENCES = [
    "Thanks for sending the revised brief over this morning.",
    "I can see why the extra landing pages matter for the spring launch.",
    "You should have told us about the new pages before we signed off the scope.",
    "We can't add them within the current budget.",
    "Honestly, this is the third change this month and it's getting ridiculous.",
    "Our design hours are already committed to the checkout flow until May 12.",
    "What we can do is deliver the two most important pages in phase two.",
    "Are you serious? We went over this on Monday.",
    "Per my last email, the deadline was agreed in writing.",
    "I just wanted to check whether the copy deck is final.",
    "I'm so sorry, I'm really sorry for the confusion this caused.",
    "The invoice for March is attached, with the hours broken down by task.",
    "Your team never sends the assets on time.",
    "We guarantee the new build will never have a problem again.",
    "It's not our fault the supplier shipped the wrong panels.",
    "Could we set up a 20-minute call on Thursday to pick which two?",
    "Please bring your laptop to the workshop so we can test the staging site.",
    "I hope this works, fingers crossed.",
    "THIS IS NOT ACCEPTABLE!!!",
    "The report shows a 12% drop in returns since the fix went live.",
    "Let me know which option works best for you.",
    "We always test every release on three browsers before it ships.",
    "Obviously, that approach will not scale.",
    "Whatever you decide, we will need the sign-off by Friday or we stop work.",
]


def make_draft(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    paragraph: list[str] = []
    while count < words:
        s = rng.choice(SENTENCES)
        paragraph.append(s)
        count += len(s.split())
        if len(paragraph) == 4:
            out.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph))
    return "Hi Dana,\n\n" + "\n\n".join(out) + "\n\nBest,\nSam"


def median_ms(fn, text: str, repeat: int) -> float:
    fn(text)  # warm caches (compiled patterns, hyphenation dictionary)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def proselint_fn():
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    return lambda text: LintFile("bench", text).lint()


def splitter_comparison(words: int = 1000) -> dict:
    """Our sentence splitter against pysbd on the same draft: time per sentence, agreement."""
    from tactful.segment import segment
    from tactful.text import Text

    text = make_draft(words)
    norm = Text.of(text).norm

    def ours(_):
        seg = segment(norm)
        return [norm[s.start : s.end] for s in seg.sentences]

    mine = ours(None)
    row = {"sentences": len(mine), "ours_ms": median_ms(ours, text, 20)}
    try:
        import pysbd
    except ImportError:
        row.update(pysbd_ms=None, agreement=None)
        return row
    splitter = pysbd.Segmenter(language="en", clean=False)

    def theirs(_):
        out = []
        for line in norm.split("\n"):
            if line.strip():
                out.extend(s.strip() for s in splitter.segment(line) if s.strip())
        return out

    other = theirs(None)
    row["pysbd_ms"] = median_ms(theirs, text, 5)
    row["agreement"] = len(set(mine) & set(other)) / max(1, len(set(mine) | set(other)))
    return row


def run(repeat: int) -> list[dict]:
    pl = proselint_fn()
    rows = []
    for words in (200, 1000, 10000):
        text = make_draft(words)
        reps = max(3, repeat // (10 if words >= 10000 else 1))
        findings = len(tactful.analyze(text)["findings"])
        row = {
            "words": len(text.split()),
            "findings": findings,
            "tactful_ms": median_ms(tactful.analyze, text, reps),
            "proselint_ms": median_ms(pl, text, max(3, reps // 5)) if pl else None,
        }
        rows.append(row)
        print(f"{row['words']:>6} words  tactful {row['tactful_ms']:8.2f} ms  "
              f"({findings} findings)  proselint "
              + (f"{row['proselint_ms']:8.2f} ms" if pl else "n/a"))
    return rows


def markdown(rows: list[dict], split: dict) -> str:
    r200, r1k, r10k = rows
    growth = r10k["tactful_ms"] / r1k["tactful_ms"]
    lines = [
        "## Engine: `tactful.analyze()`",
        "",
        f"Command: `make bench` (`python scripts/bench.py`). Machine: {platform.machine()}, "
        f"Python {platform.python_version()}, one process, median of repeated runs after a "
        "warm-up; balanced strictness; drafts built from a fixed pool of pushback sentences "
        "(about a third risky).",
        "",
        "| draft | findings | tactful (ms) | proselint (ms) | goal |",
        "|---|---|---|---|---|",
    ]
    goals = {0: "≤ 3 ms", 1: "≤ 15 ms", 2: f"≤ 12× the 1,000-word time (here {growth:.1f}×)"}
    for i, r in enumerate(rows):
        pl = f"{r['proselint_ms']:.1f}" if r["proselint_ms"] is not None else "n/a"
        lines.append(f"| {r['words']:,} words | {r['findings']} | {r['tactful_ms']:.2f} | {pl} "
                     f"| {goals[i]} |")
    ok = r200["tactful_ms"] <= 3 and r1k["tactful_ms"] <= 15 and growth <= 12
    lines += ["", f"All engine goals met: **{'yes' if ok else 'no'}**.", ""]
    n = split["sentences"]
    lines += [
        "### Sentence splitting: our splitter vs pysbd",
        "",
        f"Same 1,000-word draft, {n} sentences (segmentation of quotes and signatures "
        "included in ours).",
        "",
        "| splitter | ms per draft | µs per sentence |",
        "|---|---|---|",
        f"| tactful.segment | {split['ours_ms']:.2f} | {1000 * split['ours_ms'] / n:.1f} |",
    ]
    if split.get("pysbd_ms") is not None:
        lines += [
            f"| pysbd 0.3.4 | {split['pysbd_ms']:.2f} | {1000 * split['pysbd_ms'] / n:.1f} |",
            "",
            f"The two agree on {split['agreement']:.0%} of sentences (Jaccard over the "
            "sentence sets).",
        ]
    lines.append("")
    return "\n".join(lines)


def write_section(path: Path, name: str, body: str) -> None:
    """Replace the <!-- name:start --> … <!-- name:end --> section, keeping the others."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else (
        text.rstrip() + "\n\n" + block + "\n")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = run(args.repeat)
    split = splitter_comparison()
    print(f"splitter: ours {split['ours_ms']:.2f} ms, pysbd {split.get('pysbd_ms')} ms, "
          f"agreement {split.get('agreement')}")
    if not args.no_write:
        write_section(ROOT / "docs" / "benchmarks.md", "engine", markdown(rows, split))
        print("written to docs/benchmarks.md")


if __name__ == "__main__":
    main()
