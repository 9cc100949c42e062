"""Soak test: gunicorn (deploy/gunicorn.conf.py) under a steady load for several minutes, on
loopback only, bounded by --duration and --max-requests. Reports errors, latency per
interval (is p99 stable?) and each worker's resident memory at the start and the end.

    python scripts/soak.py                           # 5 minutes, 8 connections
    python scripts/soak.py --duration 600 --write    # and write docs/reliability.md

Goals: zero errors, p99 of the last interval within 1.5x of the first (after warm-up),
worker memory growth under 10%. Drafts vary (a pool of realistic and adversarial-ish texts,
each made unique) so that no cache hides a leak.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from gunicorn_proc import free_port, start  # noqa: E402
from loadtest import DRAFT  # noqa: E402  (the 200-word pushback of the load test)

EXTRA = [
    "No. You should have told us earlier!!! This is NOT acceptable.",
    "Hi Sam,\n\nThanks for the note. I'm afraid we can't move the date, because the vendor "
    "needs two weeks. Could we talk on Monday?\n\nBest,\nAna",
    "Obviously we never agreed to that.\n\nOn Mon, 3 Jun 2024, Bo <bo@example.com> wrote:\n> "
    "Can you also add the export?\n> Thanks",
    "🙂 Quick one — as I mentioned, the budget is fixed; per my last email, no discounts.",
]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def workers_of(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    return sorted(int(p) for p in path.read_text().split()) if path.exists() else []


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--duration", type=int, default=300, help="seconds (max 1800)")
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--interval", type=int, default=30, help="seconds per reported interval")
    p.add_argument("--max-requests", type=int, default=500_000)
    p.add_argument("--write", action="store_true")
    args = p.parse_args(argv)
    duration = max(30, min(args.duration, 1800))
    port = free_port()
    server = start(port, args.workers, env={"TACTFUL_LOG_LEVEL": "WARNING"},
                   keep_tactful_env=False)
    drafts = [DRAFT, *EXTRA]
    counter = itertools.count()
    lat: list[tuple[float, float]] = []  # (time since start, seconds)
    errors: list[str] = []
    lock = threading.Lock()
    try:
        # Warm-up: every worker's caches and lazy imports, then the baseline memory.
        warm_end = time.monotonic() + 10
        _drive(port, drafts, counter, warm_end, args.connections, [], [], lock, 10**9)
        workers = workers_of(server.pid)
        rss_start = {w: rss_kb(w) for w in workers}
        t0 = time.monotonic()
        _drive(port, drafts, counter, t0 + duration, args.connections, lat, errors, lock,
               args.max_requests, t0)
        rss_end = {w: rss_kb(w) for w in workers_of(server.pid)}
        elapsed = time.monotonic() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)

    intervals = []
    for k in range(int(elapsed // args.interval) + 1):
        xs = [s for t, s in lat if k * args.interval <= t < (k + 1) * args.interval]
        if len(xs) >= 20:
            q = statistics.quantiles(xs, n=100)
            intervals.append((k * args.interval, len(xs), q[49] * 1000, q[98] * 1000))
    same_workers = sorted(rss_start) == sorted(rss_end)
    growth = {w: (rss_end.get(w, 0) - rss_start[w]) / rss_start[w] for w in rss_start}
    worst_growth = max(growth.values()) if growth else 0.0
    p99_first, p99_last = intervals[0][3], intervals[-1][3]
    total = len(lat)
    ok = (not errors and same_workers and worst_growth < 0.10
          and p99_last <= 1.5 * max(p99_first, 1.0))
    lines = [
        f"`python scripts/soak.py --duration {duration} --write` — gunicorn, "
        f"{args.workers} workers, {args.connections} keep-alive connections from a Python "
        f"thread pool on the same machine, {len(drafts)} drafts (50-200 words) made unique "
        f"per request, rate limit off, {elapsed:.0f} s after a 10 s warm-up.\n",
        f"- requests: **{total}** ({total / elapsed:.0f}/s), errors: **{len(errors)}**"
        + (f" (first: {errors[0]})" if errors else ""),
        f"- p99 first interval {p99_first:.1f} ms, last {p99_last:.1f} ms",
        "- worker RSS: " + ", ".join(
            f"{rss_start[w] / 1024:.1f} → {rss_end.get(w, 0) / 1024:.1f} MiB "
            f"({growth[w] * 100:+.1f}%)" for w in sorted(rss_start))
        + ("" if same_workers else " (**a worker was replaced during the run**)"),
        "- goal (0 errors, p99 last ≤ 1.5× first, RSS growth < 10%): "
        + ("met" if ok else "**missed**"),
        "", "| from (s) | requests | p50 (ms) | p99 (ms) |", "|---:|---:|---:|---:|",
    ]
    lines += [f"| {a} | {n} | {p50:.1f} | {p99:.1f} |" for a, n, p50, p99 in intervals]
    section = "\n".join(lines) + "\n"
    print(section)
    if args.write:
        from reliability_doc import write_section

        write_section("soak", "Load and soak", section)
    return 0 if ok else 1


def _drive(port, drafts, counter, stop, connections, lat, errors, lock, max_requests,
           t0=0.0):
    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, bad = [], []
        while time.monotonic() < stop:
            n = next(counter)
            if n >= max_requests:
                break
            text = f"{drafts[n % len(drafts)]}\nRef {n}."
            body = json.dumps({"text": text}).encode()
            t = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/analyze", body,
                             {"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                if resp.status != 200 or b'"findings"' not in data:
                    bad.append(f"HTTP {resp.status}")
            except (OSError, http.client.HTTPException) as e:
                bad.append(type(e).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append((time.monotonic() - t0, time.perf_counter() - t))
        with lock:
            lat.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    sys.exit(main())
