"""Helpers for the deployment tests: paths, YAML loading, tools, and rendering the
Kubernetes manifests (kubectl's built-in kustomize when present, else kustomize_lite).
A module of its own (not conftest) so test files can import it by a unique name."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import kustomize_lite
import pytest
import requests
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
BIN = Path(sys.executable).parent
DOCKERFILE = DEPLOY / "Dockerfile"
TOKEN = "deploy-test-token"


def load_all(path: Path) -> list[dict]:
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]


def tool(name: str) -> str | None:
    """A command from the virtual environment first, then PATH."""
    here = BIN / name
    return str(here) if here.exists() else shutil.which(name)


def overlay_copy(tmp: Path) -> Path:
    """deploy/k8s copied with a token file, as an operator would have it before applying."""
    copy = tmp / "k8s"
    shutil.copytree(K8S, copy)
    (copy / "overlays" / "example" / "token.txt").write_text(secrets.token_hex(32))
    return copy


def render(folder: Path, engine: str) -> list[dict]:
    if engine == "kubectl":
        kubectl = shutil.which("kubectl")
        if not kubectl:
            pytest.skip("kubectl is not installed; kustomize_lite renders instead")
        out = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return [d for d in yaml.safe_load_all(out.stdout) if d]
    return kustomize_lite.build(folder)


def by_kind(docs: list[dict], kind: str) -> list[dict]:
    return [d for d in docs if d["kind"] == kind]


def named(docs: list[dict], kind: str, prefix: str) -> dict:
    """kustomize appends a content hash to generated names; match on the prefix."""
    def matches(name: str) -> bool:
        rest = name[len(prefix) + 1:]
        return name == prefix or (name.startswith(prefix + "-") and len(rest) == 10
                                   and rest.isalnum())

    found = [d for d in by_kind(docs, kind) if matches(d["metadata"]["name"])]
    assert len(found) == 1, f"expected one {kind} {prefix!r}, found {len(found)}"
    return found[0]


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def final_stage() -> list[tuple[str, str]]:
    steps = instructions()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def image_env() -> dict[str, str]:
    stage = dict(final_stage())
    env = dict(part.split("=", 1) for part in shlex.split(stage["ENV"]))
    env.pop("PATH")
    return env


@contextlib.contextmanager
def run_gunicorn(logdir: Path, extra: dict[str, str] | None = None):
    """gunicorn as the container runs it (the Dockerfile's ENV), but on a free loopback port
    and with the repository's add-in; yields {"url", "port", "env"} and stops it after."""
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TACTFUL_") and k != "PROMETHEUS_MULTIPROC_DIR"}
    env.update(image_env())
    env.update({"TACTFUL_BIND": f"127.0.0.1:{port}",
                "TACTFUL_ADDIN_DIR": str(ROOT / "outlook-addin" / "src"),
                "TACTFUL_WORKERS": "2", "TACTFUL_THREADS": "2", **(extra or {})})
    log = logdir / f"gunicorn-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c",
                                 str(DEPLOY / "gunicorn.conf.py")],
                                cwd=logdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: requests.get(url + "/healthz", timeout=2).status_code == 200,
                   proc, log)
        yield {"url": url, "port": port, "env": env}
    finally:
        stop(proc)


def wait_until(ready, proc: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, log.read_text(errors="replace")
        try:
            if ready():
                return
        except (requests.ConnectionError, OSError):
            pass
        assert time.monotonic() < deadline, f"not ready in {seconds:.0f} s"
        time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
