"""Hunt for regular expressions that backtrack catastrophically, and time the whole engine on
adversarial drafts.

    python scripts/fuzz_engine.py                # print the report
    python scripts/fuzz_engine.py --write        # and write it to docs/reliability.md
    python scripts/fuzz_engine.py --examples 20000   # also run hypothesis with that many inputs

Three parts, each bounded in time:
1. every compiled regex the engine holds (each rule's pattern and conditions, the structure
   cues, the segmenter's, the tone model's …) is scanned over each adversarial string at
   2,500 and 20,000 characters; a regex slower than 0.1 s at 20,000, or growing faster than
   linearly (time ×8 for ×8 the size, with slack), is reported with its owner;
2. analyze() and rewrite() on each 20,000-character adversarial draft must finish in 1 s,
   and the time for 5,000 → 20,000 → 80,000 characters (without the server's length limit)
   shows the growth;
3. optionally, a long hypothesis run of the properties in tests/hardening/test_engine_fuzz.py.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hardening"))
sys.path.insert(0, str(ROOT / "scripts"))

from adversarial import ADVERSARIAL, fit  # noqa: E402  (tests/hardening/adversarial.py)

import tactful  # noqa: E402

GOAL_S = 1.0
SLOW_REGEX_S = 0.1


def owned_regexes() -> list[tuple[str, re.Pattern, str]]:
    """Every compiled regex reachable from the engine, with how the engine uses it: rules,
    rule conditions, structure cues and the module-level patterns of each tactful module
    (walked a few levels deep)."""
    from tactful import structure
    from tactful.rules import load

    pack = load()
    out: list[tuple[str, re.Pattern, str]] = []
    # How each rule field is used by match.py: scanned, searched once, or matched once.
    uses = {"regex": "scan", "unless_before": "search", "unless_after": "match",
            "unless_sentence": "search", "requires_sentence": "search"}
    for r in pack.rules:
        for field, use in uses.items():
            rx = getattr(r, field)
            if isinstance(rx, re.Pattern):
                out.append((f"rule {r.id} ({field})", rx, use))
    comp = structure.compiled(pack)
    for kind in ("pushback", "pushback_soft"):
        for i, (rx, _) in enumerate(getattr(comp, kind)):
            out.append((f"structure {kind} #{i}", rx, "scan"))
    for part, matchers in comp.parts.items():
        for i, (rx, _) in enumerate(matchers):
            out.append((f"structure {part} #{i}", rx, "scan"))
    for part, rx in [("pushback", comp.pushback_unless), *comp.unless.items()]:
        if rx is not None:
            out.append((f"structure {part} (unless)", rx, "search"))

    seen = {id(rx) for _, rx, _ in out}

    def walk(obj, where: str, depth: int):
        if isinstance(obj, re.Pattern):
            if id(obj) not in seen and isinstance(obj.pattern, str):
                seen.add(id(obj))
                # Module-level patterns are matched line by line or searched once.
                out.append((where, obj, "search"))
            return
        if depth == 0 or isinstance(obj, str | bytes | int | float | type | ModuleType):
            return
        if isinstance(obj, dict):
            for k, v in list(obj.items())[:500]:
                walk(v, f"{where}[{k!r}]", depth - 1)
        elif isinstance(obj, list | tuple | set | frozenset):
            for i, v in enumerate(list(obj)[:500]):
                walk(v, f"{where}[{i}]", depth - 1)
        else:
            for name in getattr(obj, "__slots__", ()) or ():
                walk(getattr(obj, name, None), f"{where}.{name}", depth - 1)
            if hasattr(obj, "__dict__") and not callable(obj):
                for k, v in vars(obj).items():
                    walk(v, f"{where}.{k}", depth - 1)

    for info in pkgutil.walk_packages(tactful.__path__, "tactful."):
        if info.name.startswith("tactful.web"):
            continue
        mod = importlib.import_module(info.name)
        for name, value in vars(mod).items():
            if not name.startswith("__"):
                walk(value, f"{info.name}.{name}", 3)
    return out


def use_time(rx: re.Pattern, text: str, use: str) -> float:
    """Seconds for one use of rx over text as the engine uses it: `scan` finds every match
    (a rule over a sentence with no prefilter), `search` is one search (a condition over a
    sentence), `match` one anchored attempt."""
    start = time.perf_counter()
    if use == "match":
        rx.match(text)
    elif use == "search":
        rx.search(text)
    else:
        pos, n = 0, len(text)
        while pos <= n:
            m = rx.search(text, pos)
            if m is None or time.perf_counter() - start > 2.0:
                break
            pos = m.end() if m.end() > m.start() else m.start() + 1
    return time.perf_counter() - start


def regex_report(small: int = 2500, big: int = 20000) -> tuple[list[dict], int]:
    """Each regex on each adversarial string, as typed and lower-cased (most rules run over
    the lower-cased view). A regex slow at 2,500 characters is not tried at 20,000: its
    growth is measured from 1,250 to 2,500 instead (linear = 2x), and extrapolated."""
    from tactful.text import Text

    regexes = owned_regexes()
    print(f"{len(regexes)} regexes", flush=True)
    offenders = []
    for where, rx, use in regexes:
        for name, unit in ADVERSARIAL.items():
            for lowered in (False, True):
                # What the patterns see: the normalised text (quotes straightened, space
                # runs folded …), as typed or lower-cased.
                text = Text.of(fit(unit, big)).norm
                if lowered:
                    if text.lower() == text:
                        continue
                    text = text.lower()
                t_small = use_time(rx, text[:small], use)
                if t_small > SLOW_REGEX_S / 2:  # confirm (a busy machine adds spikes)
                    t_small = min(t_small, *(use_time(rx, text[:small], use) for _ in "ab"))
                t_half = min(use_time(rx, text[: small // 2], use) for _ in "abc")
                if t_small > SLOW_REGEX_S / 2 and t_half > 0.002:
                    growth = t_small / t_half
                    seconds = t_small * growth ** 3  # 2,500 -> 20,000 is three doublings
                else:
                    seconds = use_time(rx, text, use)
                    if seconds < SLOW_REGEX_S:
                        continue
                    growth = (seconds / max(t_small, 1e-6)) ** (1 / 3)
                o = {"regex": where, "use": use, "input": name, "seconds": seconds,
                     "growth": growth, "lowered": lowered, "pattern": rx.pattern}
                offenders.append(o)
                print(f"  SLOW {seconds:.2f}s (x{growth:.1f} per doubling, {use})  {where}  "
                      f"on {name!r}{' lower-cased' if lowered else ''}", flush=True)
    offenders.sort(key=lambda o: -o["seconds"])
    return offenders, len(regexes)


def engine_report() -> list[dict]:
    rows = []
    tactful.analyze("Warm up: we can't do that.")
    for name, unit in ADVERSARIAL.items():
        row = {"input": name}
        for size in (5000, 20000, 80000):
            text = fit(unit, size)
            t = time.perf_counter()
            tactful.analyze(text, "strict")
            row[f"analyze_{size}"] = time.perf_counter() - t
        t = time.perf_counter()
        tactful.rewrite(fit(unit, 20000), "strict")
        row["rewrite_20000"] = time.perf_counter() - t
        rows.append(row)
        print(f"  {name:24s} analyze 5k {row['analyze_5000']:.3f}s  20k "
              f"{row['analyze_20000']:.3f}s  80k {row['analyze_80000']:.3f}s  rewrite 20k "
              f"{row['rewrite_20000']:.3f}s", flush=True)
    return rows


def markdown(offenders: list[dict], n_regex: int, rows: list[dict]) -> str:
    worst = max(rows, key=lambda r: max(r["analyze_20000"], r["rewrite_20000"]))
    worst_s = max(worst["analyze_20000"], worst["rewrite_20000"])
    lines = [
        f"`python scripts/fuzz_engine.py --write` scanned {n_regex} compiled regular "
        f"expressions (every rule pattern and condition, every structure cue, the segmenter's "
        f"and the tone model's) over {len(ADVERSARIAL)} adversarial strings of 20,000 "
        f"characters, normalised as the engine does before matching, then ran analyze "
        f"and rewrite (strict) on each as a whole draft.\n",
        f"Slowest whole draft: `{worst['input']}`, {worst_s:.2f} s (goal < {GOAL_S:.0f} s: "
        + ("met" if worst_s < GOAL_S else "**missed**") + ").\n",
    ]
    if offenders:
        lines += ["Regexes over 0.1 s on one adversarial string of 20,000 characters, used as "
                  "the engine uses them (growth per doubling of the input: 2 is linear, 4 "
                  "quadratic):\n",
                  "| regex | use | input | seconds at 20k | growth per doubling |",
                  "|---|---|---|---:|---:|"]
        for o in offenders[:30]:
            low = " (lower-cased)" if o["lowered"] else ""
            lines.append(f"| {o['regex']} | {o['use']} | `{o['input']}`{low} | "
                         f"{o['seconds']:.2f} | {o['growth']:.1f} |")
    else:
        lines.append("No regex took 0.1 s on any adversarial string.")
    lines += ["", "| input | analyze 5k (s) | 20k (s) | 80k (s) | rewrite 20k (s) |",
              "|---|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['input']} | {r['analyze_5000']:.3f} | {r['analyze_20000']:.3f} | "
                     f"{r['analyze_80000']:.3f} | {r['rewrite_20000']:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--write", action="store_true", help="write to docs/reliability.md")
    p.add_argument("--examples", type=int, default=0,
                   help="also run the hypothesis properties with this many examples each")
    args = p.parse_args(argv)
    print("scanning every regex over the adversarial strings …", flush=True)
    offenders, n_regex = regex_report()
    print(f"{n_regex} regexes, {len(offenders)} slow cases; whole drafts:", flush=True)
    rows = engine_report()
    section = markdown(offenders, n_regex, rows)
    print(section)
    status = 0 if all(max(r["analyze_20000"], r["rewrite_20000"]) < GOAL_S for r in rows) else 1
    if args.examples:
        import os
        import subprocess

        env = {**os.environ, "TACTFUL_FUZZ_EXAMPLES": str(args.examples)}
        status |= subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                   str(ROOT / "tests" / "hardening" / "test_engine_fuzz.py")],
                                  env=env)
    if args.write:
        from reliability_doc import write_section

        write_section("engine", "Engine fuzzing: adversarial drafts and regexes", section)
    return status


if __name__ == "__main__":
    sys.exit(main())
