"""Redis for the rate limiter: with TACTFUL_RATE_LIMIT_STORAGE pointing at Redis, every
gunicorn worker (and so every replica) counts a client once. Runs a real redis-server on a
free loopback port when one is installed (Debian: apt-get install redis-server)."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pytest
import requests
from deploy_support import free_port, run_gunicorn, stop, wait_until

LIMIT = 5


@pytest.fixture
def redis_url(tmp_path):
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    pytest.importorskip("redis", reason="the `redis` extra is not installed")
    port = free_port()
    log = tmp_path / "redis.log"
    # The same settings as deploy/: no snapshots, no append-only file, loopback only.
    proc = subprocess.Popen([exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=log.open("wb"), stderr=subprocess.STDOUT)

    def ready() -> bool:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")

    try:
        wait_until(ready, proc, log, seconds=20)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)


def answers(url: str, n: int) -> list[int]:
    """n requests on fresh connections, so both workers take some."""
    return [requests.get(url + "/api/v1/rules", headers={"Connection": "close"},
                         timeout=10).status_code for _ in range(n)]


def test_workers_share_one_count_through_redis(redis_url, tmp_path):
    with run_gunicorn(tmp_path, {"TACTFUL_RATE_LIMIT": f"{LIMIT} per minute",
                                 "TACTFUL_RATE_LIMIT_STORAGE": redis_url}) as server:
        codes = answers(server["url"], LIMIT + 3)
    assert codes == [200] * LIMIT + [429] * 3
