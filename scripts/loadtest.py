"""The HTTP API under load: gunicorn (deploy/gunicorn.conf.py) on a free loopback port,
200-word drafts POSTed to /api/v1/analyze at 16 and 64 concurrent connections.

    python scripts/loadtest.py                 # print the results
    python scripts/loadtest.py --write         # and write them to docs/benchmarks.md

Uses `wrk` (Debian: apt-get install wrk) with a Lua script for the POST, or a Python thread
pool when wrk is absent. Loopback only; every run is bounded by --duration.
Goals at 16 connections: >= 400 requests/s, p99 <= 50 ms, zero errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import gunicorn_proc  # noqa: E402

GOAL_RPS, GOAL_P99_MS = 400, 50

# A 200-word pushback written for this benchmark: a mix of risky and cushioned sentences.
DRAFT = (
    "Hi Jordan,\n\n"
    "Thanks for sending over the revised brief on Tuesday, and for walking us through the "
    "new landing pages on the call. I can see why the team wants the checkout flow and the "
    "partner portal in this release. You should have told us about the portal earlier, "
    "though, because we planned the sprint around the original scope. Honestly, it is "
    "simply not possible to add both by the fifteenth. We can't do that without moving "
    "the launch.\n\n"
    "Here is where things stand. The design system is finished, the payment integration "
    "passed its security review yesterday, and the analytics events are wired up. The "
    "portal alone needs roughly three weeks of work, mostly on permissions and the "
    "reporting screens your finance group asked for in March.\n\n"
    "What we can do instead is ship the checkout flow on the fifteenth as agreed, then "
    "start the portal as a second phase with its own estimate. If the portal matters more "
    "than the date, we could also move the launch to early next month.\n\n"
    "Could we set up a short call on Thursday to pick one of these options? I will send "
    "a written estimate for the second phase by Friday.\n\n"
    "Best,\nAlex"
)

LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = {body}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT {{\\"requests\\":%d,\\"duration_us\\":%d,\\"p50_us\\":%d,\\"p99_us\\":%d," ..
    "\\"max_us\\":%d,\\"errors\\":%d}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def run_wrk(url: str, body: str, connections: int, seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA.format(body=json.dumps(body)))
        script = f.name
    try:
        out = subprocess.run(
            ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s",
             "-s", script, url], capture_output=True, text=True, timeout=seconds + 30).stdout
    finally:
        os.unlink(script)
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT "))
    r = json.loads(line[len("RESULT "):])
    return {"rps": r["requests"] / (r["duration_us"] / 1e6), "p50_ms": r["p50_us"] / 1000,
            "p99_ms": r["p99_us"] / 1000, "errors": r["errors"], "requests": r["requests"]}


def run_threads(host: str, port: int, body: str, connections: int, seconds: int) -> dict:
    """Fallback load generator: one keep-alive connection per thread."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    payload = body.encode()

    def worker():
        conn = http.client.HTTPConnection(host, port, timeout=5)
        mine, bad = [], 0
        while time.monotonic() < stop:
            t = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/analyze", payload,
                             {"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    bad += 1
            except OSError:
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=5)
            mine.append(time.perf_counter() - t)
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
            "errors": errors[0], "requests": len(latencies)}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, {cpu}, Python {platform.python_version()}"


def markdown(rows: list[dict], tool: str, workers: int, seconds: int, words: int,
             load: tuple[float, float]) -> str:
    lines = [
        f"## HTTP API under load ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n",
        f"`python scripts/loadtest.py --write` — gunicorn with `deploy/gunicorn.conf.py`, "
        f"{workers} workers, load from {tool} on the same machine ({machine()}), "
        f"POST /api/v1/analyze with a {words}-word draft, {seconds} s per level, "
        f"rate limit off, request logging on. One-minute load average {load[0]:.1f} before "
        f"and {load[1]:.1f} after the run (other work on the machine competes for the "
        f"cores).\n",
        "| connections | requests/s | p50 (ms) | p99 (ms) | errors | goal |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        goal = "—"
        if r["connections"] == 16:
            met = r["rps"] >= GOAL_RPS and r["p99_ms"] <= GOAL_P99_MS and r["errors"] == 0
            goal = f"≥ {GOAL_RPS} req/s, p99 ≤ {GOAL_P99_MS} ms, 0 errors: " + (
                "met" if met else "**missed**")
        lines.append(f"| {r['connections']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | "
                     f"{r['p99_ms']:.1f} | {r['errors']} | {goal} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    p.add_argument("--duration", type=int, default=10, help="seconds per level (max 120)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--python", action="store_true", help="use the thread pool, not wrk")
    p.add_argument("--draft", type=Path, help="a UTF-8 draft to send instead of the built-in one")
    p.add_argument("--write", action="store_true",
                   help="write the table to the 'api' section of docs/benchmarks.md")
    args = p.parse_args(argv)
    draft = args.draft.read_text(encoding="utf-8") if args.draft else DRAFT
    seconds = max(1, min(args.duration, 120))
    use_wrk = not args.python and shutil.which("wrk")
    tool = "wrk (1 thread)" if use_wrk else "a Python thread pool"
    body = json.dumps({"text": draft})
    words = len(draft.split())

    load_before = os.getloadavg()[0]
    port = gunicorn_proc.free_port()
    server = gunicorn_proc.start(port, args.workers)
    rows = []
    try:
        url = f"http://127.0.0.1:{port}/api/v1/analyze"
        # Warm-up: the first requests of each worker pay for lazy imports and caches.
        (run_wrk(url, body, 4, 2) if use_wrk else run_threads("127.0.0.1", port, body, 4, 2))
        for c in args.connections:
            r = (run_wrk(url, body, c, seconds) if use_wrk
                 else run_threads("127.0.0.1", port, body, c, seconds))
            r["connections"] = c
            rows.append(r)
            print(f"{c:>3} connections: {r['rps']:7.0f} req/s  p50 {r['p50_ms']:6.1f} ms  "
                  f"p99 {r['p99_ms']:6.1f} ms  errors {r['errors']}  ({r['requests']} requests)",
                  flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    table = markdown(rows, tool, args.workers, seconds, words,
                     (load_before, os.getloadavg()[0]))
    print(table)
    if args.write:
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench import write_section  # the engine benchmark's section writer

        write_section(ROOT / "docs" / "benchmarks.md", "api", table)
        print("written to docs/benchmarks.md (section 'api')")
    first = next((r for r in rows if r["connections"] == 16), None)
    if first and not (first["rps"] >= GOAL_RPS and first["p99_ms"] <= GOAL_P99_MS
                      and first["errors"] == 0):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
