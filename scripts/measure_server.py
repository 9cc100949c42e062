"""Memory and CPU cost of the production server under load: the numbers behind the
container requests and limits (deploy/k8s, deploy/docker-compose.yml) and the capacity
table in docs/deploy.md.

    python scripts/measure_server.py                    # 2 workers, 20 s of mixed load
    python scripts/measure_server.py --mix typical      # only the 200-word draft, analyze

Starts gunicorn with deploy/gunicorn.conf.py on a free loopback port, POSTs a mix of
drafts (short, typical, and the 20,000-character maximum) from a thread pool for a bounded
time, then reads /proc/<pid>/smaps_rollup of the master and every worker: RSS (what `ps`
shows), PSS (shared pages split between the processes that share them: their sum is close
to what the container's cgroup is charged) and USS (private to each process).
CPU cost: the user+system CPU time the workers spent (from /proc/<pid>/stat) divided by the
requests answered. Unlike requests/s on a wall clock, this does not depend on what else
the machine is doing, so 1000 / (CPU ms per request) is the throughput of one fully used
core. Linux only. Loopback only; the run is bounded by --duration (at most 120 s).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import gunicorn_proc  # noqa: E402

PARAGRAPH = (
    "Thanks for the revised brief and for walking us through the new pages. You should have "
    "told us about the portal earlier, because we planned around the original scope. It is "
    "simply not possible to add both by the fifteenth. What we can do instead is ship the "
    "checkout flow as agreed and start the portal as a second phase. Could we talk on "
    "Thursday to pick one of these options? I will send an estimate by Friday.\n\n"
)
TYPICAL = "Hi Sam,\n\n" + PARAGRAPH * 2 + "Best,\nAlex"  # about 160 words
MIXES = {
    # what a typing writer sends: the current draft, analysed at the default strictness
    "typical": ([TYPICAL], ("balanced",), 0),
    # worst cases too, to find the memory peak: the 20,000-character maximum and rewrites
    "mixed": (["No. We can't do that by Friday!!!", TYPICAL, (PARAGRAPH * 60)[:20_000]],
              ("gentle", "balanced", "strict"), 5),
}


def load(port: int, seconds: float, connections: int, mix: str) -> dict:
    """POST the drafts in turn from `connections` keep-alive clients until time is up."""
    counts = {"ok": 0, "bad": 0}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    drafts, levels, rewrite_every = MIXES[mix]
    bodies = [json.dumps({"text": d, "strictness": s}).encode() for d in drafts for s in levels]

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        ok = bad = 0
        i = n
        while time.monotonic() < stop:
            path = ("/api/v1/rewrite" if rewrite_every and i % rewrite_every == 0
                    else "/api/v1/analyze")
            try:
                conn.request("POST", path, bodies[i % len(bodies)],
                             {"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                ok, bad = (ok + 1, bad) if resp.status == 200 else (ok, bad + 1)
            except OSError:
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            i += 1
        with lock:
            counts["ok"] += ok
            counts["bad"] += bad

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> dict[str, float]:
    """RSS, PSS and USS (private clean + dirty) in MiB, from smaps_rollup."""
    kb: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            kb[key.strip()] = int(parts[0])
    uss = kb.get("Private_Clean", 0) + kb.get("Private_Dirty", 0)
    return {"rss": kb.get("Rss", 0) / 1024, "pss": kb.get("Pss", 0) / 1024, "uss": uss / 1024}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--connections", type=int, default=8)
    p.add_argument("--duration", type=float, default=20, help="seconds of load (max 120)")
    p.add_argument("--mix", choices=sorted(MIXES), default="mixed")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    args = p.parse_args(argv)
    seconds = max(1.0, min(args.duration, 120.0))

    port = gunicorn_proc.free_port()
    proc = gunicorn_proc.start(port, args.workers, keep_tactful_env=False)
    try:
        pids = [proc.pid, *children(proc.pid)]
        before = {pid: memory(pid) for pid in pids}
        cpu_before = sum(cpu_seconds(pid) for pid in pids)
        counts = load(port, seconds, args.connections, args.mix)
        workers = children(proc.pid)
        if sorted(workers) != sorted(pids[1:]):
            raise SystemExit("a worker restarted during the run; its CPU time is lost")
        cpu = sum(cpu_seconds(pid) for pid in [proc.pid, *workers]) - cpu_before
        after = {"master": memory(proc.pid), "workers": [memory(w) for w in workers]}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    total_pss = after["master"]["pss"] + sum(w["pss"] for w in after["workers"])
    result = {
        "workers": len(after["workers"]), "seconds": seconds, "requests": counts,
        "idle_total_pss_mib": round(sum(m["pss"] for m in before.values()), 1),
        "master": {k: round(v, 1) for k, v in after["master"].items()},
        "per_worker": [{k: round(v, 1) for k, v in w.items()} for w in after["workers"]],
        "total_pss_mib": round(total_pss, 1),
        "cpu_ms_per_request": round(1000 * cpu / max(counts["ok"], 1), 2),
    }
    result["requests_per_core_second"] = round(1000 / max(result["cpu_ms_per_request"], 1e-9))
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{counts['ok']} requests answered 200, {counts['bad']} not, in {seconds:.0f} s "
          f"at {args.connections} connections")
    print(f"idle (after start):  total PSS {result['idle_total_pss_mib']:.1f} MiB")
    m = result["master"]
    print(f"master:              RSS {m['rss']:6.1f}  PSS {m['pss']:6.1f}  USS {m['uss']:6.1f} MiB")
    for i, w in enumerate(result["per_worker"], 1):
        print(f"worker {i}:            RSS {w['rss']:6.1f}  PSS {w['pss']:6.1f}  "
              f"USS {w['uss']:6.1f} MiB")
    print(f"after load:          total PSS {total_pss:.1f} MiB "
          f"(≈ the container's memory charge)")
    print(f"CPU per request:     {result['cpu_ms_per_request']:.2f} ms "
          f"→ {result['requests_per_core_second']} requests/s per fully used core "
          f"(mix: {args.mix})")
    return 0 if counts["bad"] == 0 and counts["ok"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
