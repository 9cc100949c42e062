"""Fault drills on the production server (gunicorn, deploy/gunicorn.conf.py, loopback):

1. kill -9 one worker every few seconds under steady load: how many requests fail (those in
   flight on the victim), how fast the master replaces it, and that the others keep serving;
2. a request past the time limit (TACTFUL_TIMEOUT): a draft that keeps a worker's CPU busy
   (while a rule still backtracks on one, see docs/reliability.md) and a SIGSTOPped
   worker: what the client sees and how long it waits, and that service continues.

    python scripts/faults.py [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from gunicorn_proc import free_port, start  # noqa: E402
from soak import workers_of  # noqa: E402

BODY = {"text": "Thanks for the brief. We can't add the portal by Friday, sorry."}


def _wait(pred, seconds=30.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    return None


def kill_drill(kills: int, every: float) -> dict:
    port = free_port()
    server = start(port, 2, env={"TACTFUL_THREADS": "2", "TACTFUL_LOG_LEVEL": "WARNING"},
                   keep_tactful_env=False)
    url = f"http://127.0.0.1:{port}/api/v1/analyze"
    ok, failed, bad_status = [0], [], []
    lock = threading.Lock()
    stop = time.monotonic() + kills * every + 3
    replaced = []

    def load():
        s = requests.Session()
        while time.monotonic() < stop:
            try:
                r = s.post(url, json=BODY, timeout=10)
                with lock:
                    if r.status_code == 200:
                        ok[0] += 1
                    else:
                        bad_status.append(r.status_code)
            except requests.RequestException as e:
                with lock:
                    failed.append(type(e).__name__)
                s = requests.Session()

    threads = [threading.Thread(target=load) for _ in range(6)]
    for t in threads:
        t.start()
    try:
        for _ in range(kills):
            time.sleep(every)
            before = workers_of(server.pid)
            victim = before[0]
            t = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            if _wait(lambda v=victim: (w := workers_of(server.pid)) and len(w) == 2
                     and v not in w):
                replaced.append(time.monotonic() - t)
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"kills": kills, "ok": ok[0], "failed": len(failed), "bad_status": bad_status,
            "replaced": replaced}


def stuck_drill(timeout_s: int) -> list[dict]:
    # The slowest adversarial draft known (a long word after a rule's words); once every
    # rule is linear this case simply answers 200 in time.
    slow_text = "x is " + "a" * 19_990
    port = free_port()
    server = start(port, 2, env={"TACTFUL_TIMEOUT": str(timeout_s),
                                 "TACTFUL_LOG_LEVEL": "WARNING"}, keep_tactful_env=False)
    base = f"http://127.0.0.1:{port}"
    out = []
    try:
        t = time.monotonic()
        try:
            r = requests.post(base + "/api/v1/analyze", json={"text": slow_text}, timeout=120)
            seen = f"HTTP {r.status_code}"
        except requests.RequestException as e:
            seen = type(e).__name__
        out.append({"case": "the slowest adversarial draft ('x is ' + a long word)",
                    "client_sees": seen, "waited_s": time.monotonic() - t,
                    "then": requests.post(base + "/api/v1/analyze", json=BODY,
                                          timeout=10).status_code})
        # A worker frozen mid-request (SIGSTOP): the master's timeout kills it.
        body = json.dumps(BODY).encode()
        head = (f"POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                f"\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        with socket.create_connection(("127.0.0.1", port), timeout=120) as sock:
            sock.sendall(head)
            time.sleep(0.5)
            for w in workers_of(server.pid):  # freeze both: whichever accepted is stuck
                os.kill(w, signal.SIGSTOP)
            t = time.monotonic()
            sock.sendall(body)
            try:
                answer = sock.recv(65536)
                seen = "closed without an answer" if not answer else answer.split(b"\r\n")[0]
            except ConnectionResetError:
                seen = "connection reset"
            out.append({"case": "frozen workers (SIGSTOP) mid-request",
                        "client_sees": str(seen), "waited_s": time.monotonic() - t,
                        "then": _wait(lambda: _status(base), 30)})
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out


def _status(base: str):
    try:
        return requests.post(base + "/api/v1/analyze", json=BODY, timeout=5).status_code
    except requests.RequestException:
        return None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--kills", type=int, default=5)
    p.add_argument("--every", type=float, default=4.0)
    p.add_argument("--timeout", type=int, default=5, help="TACTFUL_TIMEOUT for drill 2")
    p.add_argument("--write", action="store_true")
    args = p.parse_args(argv)
    k = kill_drill(args.kills, args.every)
    stuck = stuck_drill(args.timeout)
    rep = k["replaced"]
    lines = [
        "`python scripts/faults.py --write` — gunicorn, 2 workers × 2 threads, 6 client "
        "threads with keep-alive.\n",
        f"- **kill -9 of a worker** {k['kills']} times, every {args.every:.0f} s under load: "
        f"{k['ok']} requests answered 200, {k['failed']} failed as connection errors (those "
        f"in flight on the victim; clients retry), {len(k['bad_status'])} other statuses; "
        f"the master replaced {len(rep)}/{k['kills']} workers, in "
        + (f"{min(rep):.2f}–{max(rep):.2f} s" if rep else "—") + ".",
        f"- **requests past the time limit** (TACTFUL_TIMEOUT={args.timeout} s):",
    ]
    for s in stuck:
        lines.append(f"  - {s['case']}: the client sees *{s['client_sees']}* after "
                     f"{s['waited_s']:.1f} s; the next request: HTTP {s['then']}")
    section = "\n".join(lines) + "\n"
    print(section)
    ok = (len(rep) == k["kills"] and not k["bad_status"] and k["failed"] <= 6 * k["kills"]
          and all(s["then"] == 200 for s in stuck))
    if args.write:
        from reliability_doc import write_section

        write_section("faults", "Faults: killed and stuck workers", section)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
