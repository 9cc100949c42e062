"""Fixtures for API tests over real HTTP: in-process werkzeug servers around create_app()
(one per configuration) and real gunicorn processes started with deploy/gunicorn.conf.py."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("tactful_e2e_fixtures",
                                               ROOT / "tests" / "e2e" / "conftest.py")
_e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_e2e)
LiveServer = _e2e.LiveServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if requests.get(url + "/healthz", timeout=1, verify=False).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError("server did not become healthy in time")


@pytest.fixture(scope="session")
def api():
    """The default app, rate limiting off so the suite's volume never trips it."""
    server = LiveServer({"RATE_LIMIT": "off"}).start()
    yield server
    server.stop()


@pytest.fixture
def make_server():
    """Start a server with a custom config: make_server({"TOKEN": "..."})."""
    started = []

    def start(config: dict) -> LiveServer:
        server = LiveServer(config).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class Gunicorn:
    """gunicorn -c deploy/gunicorn.conf.py on a free port, its output captured to a file."""

    def __init__(self, tmp: Path, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / f"gunicorn-{self.port}.log"
        full_env = {k: v for k, v in os.environ.items()
                    if not k.startswith("TACTFUL_") and k != "PROMETHEUS_MULTIPROC_DIR"}
        full_env.update({"TACTFUL_BIND": f"127.0.0.1:{self.port}", "TACTFUL_WORKERS": "2",
                         "TACTFUL_THREADS": "2", **(env or {})})
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            cwd=tmp, env=full_env, stdout=self._log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(self.url, self.proc)
        except RuntimeError:
            self.stop()
            raise

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def gunicorn(tmp_path):
    started = []

    def start(env: dict | None = None) -> Gunicorn:
        g = Gunicorn(tmp_path, env)
        started.append(g)
        return g

    yield start
    for g in started:
        g.stop()
