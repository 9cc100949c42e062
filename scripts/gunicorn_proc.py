"""Start the production server (gunicorn with deploy/gunicorn.conf.py) on a loopback port
for the load, soak and capacity scripts, and wait until /healthz answers."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

CONF = Path(__file__).resolve().parents[1] / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(port: int, workers: int, env: dict | None = None,
          keep_tactful_env: bool = True) -> subprocess.Popen:
    """gunicorn on 127.0.0.1:port with the rate limit off. `keep_tactful_env` passes the
    caller's TACTFUL_* settings through (never a token); `env` overrides on top."""
    base = {
        k: v for k, v in os.environ.items()
        if k not in ("TACTFUL_TOKEN", "TACTFUL_BIND", "PROMETHEUS_MULTIPROC_DIR")
        and (keep_tactful_env or not k.startswith("TACTFUL_"))
    }
    base.update({"TACTFUL_BIND": f"127.0.0.1:{port}", "TACTFUL_WORKERS": str(workers),
                 "TACTFUL_RATE_LIMIT": "off"})
    base.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(CONF)], env=base,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start within 60 s")
