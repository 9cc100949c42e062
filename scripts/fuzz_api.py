"""Contract fuzzing of the production server: schemathesis generates requests for every
operation in /api/v1/openapi.json (valid and invalid, plus its coverage phase) against
gunicorn (deploy/gunicorn.conf.py, 2 workers) on a free loopback port.

    python scripts/fuzz_api.py                 # print the figures
    python scripts/fuzz_api.py --write         # and write them to docs/reliability.md
    python scripts/fuzz_api.py --examples 400  # examples per operation (default 400)

Passes when schemathesis reports no failure (no 5xx, responses conform to the schema,
status codes and content types documented) and gunicorn's access log shows at least 1,000
requests, none answered 5xx. Every error body is also checked against the contract by the
pytest twin, tests/hardening/test_contract_fuzz.py (run with TACTFUL_API_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from gunicorn_proc import free_port, start  # noqa: E402

MIN_REQUESTS = 1000


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--examples", type=int, default=400, help="max examples per operation")
    p.add_argument("--write", action="store_true")
    args = p.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="tactful-fuzz-"))
    access = tmp / "access.log"
    port = free_port()
    server = start(port, 2, env={"TACTFUL_ACCESS_LOG": str(access), "TACTFUL_LOG_LEVEL": "WARNING"},
                   keep_tactful_env=False)
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    try:
        st = Path(sys.executable).with_name("st")
        cmd = [str(st), "--config-file", str(ROOT / "tests" / "hardening" / "schemathesis.toml"),
               "run", f"{url}/api/v1/openapi.json", "--checks", "all",
               "--max-examples", str(args.examples), "--generation-deterministic",
               "--request-timeout", "30", "--no-color",
               "--report", "junit", "--report-junit-path", str(tmp / "junit.xml")]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800,
                              env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
        out = proc.stdout + proc.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
    seconds = time.monotonic() - started
    statuses: collections.Counter = collections.Counter()
    paths: collections.Counter = collections.Counter()
    for line in access.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        statuses[int(rec["status"])] += 1
        paths[f"{rec['method']} {rec['path']}"] += 1
    total = sum(statuses.values())
    five = sum(n for s, n in statuses.items() if s >= 500)
    tail = "\n".join(out.strip().splitlines()[-25:])
    print(tail)
    ok = proc.returncode == 0 and total >= MIN_REQUESTS and five == 0
    by_status = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
    top = sorted(paths.items(), key=lambda kv: -kv[1])
    by_path = ", ".join(f"`{k}` {n}" for k, n in top[:8])
    section = (
        f"`python scripts/fuzz_api.py --write` — schemathesis "
        f"{_version()} (all checks, up to {args.examples} examples per operation, "
        f"deterministic) against gunicorn with 2 workers on loopback, {seconds:.0f} s.\n\n"
        f"- requests served (gunicorn access log): **{total}**, 5xx: **{five}**\n"
        f"- by status: {by_status}\n- by operation: {by_path}\n"
        f"- schemathesis verdict: {'no failures' if proc.returncode == 0 else '**failures**'}"
        f" (exit {proc.returncode}); goal ≥ {MIN_REQUESTS} requests, no 5xx, all conform: "
        + ("met" if ok else "**missed**") + "\n")
    print(section)
    if args.write:
        from reliability_doc import write_section

        write_section("api-fuzz", "Contract fuzzing (schemathesis)", section)
    return 0 if ok else 1


def _version() -> str:
    from importlib.metadata import version

    return version("schemathesis")


if __name__ == "__main__":
    sys.exit(main())
