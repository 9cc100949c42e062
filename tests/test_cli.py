"""The command line through a real subprocess: output, exit codes, colour rules, and
`tactful serve` (gunicorn, port already taken, HTTPS)."""

from __future__ import annotations

import json
import os
import pty
import socket
import subprocess
import sys
import time

import pytest
import requests

import tactful

DRAFT = ("Hi Priya,\r\n"
         "Thanks 🙏🏽 for the “quick” note.\r\n"
         "\tYou should have told us sooner. We can't do that by Friday.\r\n")
CLEAN = "Thanks for the update, Priya. Friday works for us.\n"


def run(*args, stdin: str | bytes | None = None, env: dict | None = None, timeout=60):
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "tactful.cli", *args], input=data,
                          capture_output=True, env=full_env, timeout=timeout)


def expected_positions(text: str) -> list[tuple[int, int]]:
    """line:col (1-based, columns in characters) of each finding, computed independently."""
    out = []
    for f in tactful.analyze(text)["findings"]:
        before = text.encode("utf-16-le")[: 2 * f["offset"]].decode("utf-16-le")
        lines = before.replace("\r\n", "\n").split("\n")
        out.append((len(lines), len(lines[-1]) + 1))
    return out


@pytest.fixture
def draft_file(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(DRAFT.encode())
    return path


def test_check_reports_line_col_message_context_and_fix(draft_file):
    r = run("check", str(draft_file))
    out = r.stdout.decode()
    assert r.returncode == 1
    findings = tactful.analyze(DRAFT)["findings"]
    assert findings
    for f, (line, col) in zip(findings, expected_positions(DRAFT), strict=True):
        assert f"{draft_file}:{line}:{col}:" in out
        assert f["message"] in out and f["rule"] in out
        if f["suggestions"]:
            assert f'try: "{f["suggestions"][0]["text"]}"' in out
    assert "You should have told us sooner" in out  # the phrase in its line
    assert "\033[" not in out  # piped: no colour


def test_check_clean_draft_exits_zero():
    r = run("check", "-", stdin=CLEAN)
    assert r.returncode == 0, r.stdout
    assert "no findings" in r.stdout.decode()


def test_check_reads_stdin_without_a_file_argument():
    r = run("check", stdin=DRAFT)
    assert r.returncode == 1
    line, col = expected_positions(DRAFT)[0]
    assert f"<stdin>:{line}:{col}:" in r.stdout.decode()


def test_check_json_is_the_analysis(draft_file):
    r = run("check", str(draft_file), "--format", "json", "--strictness", "strict")
    assert r.returncode == 1
    assert json.loads(r.stdout) == tactful.analyze(DRAFT, "strict")
    clean = run("check", "--format", "json", stdin=CLEAN)
    assert clean.returncode == 0 and json.loads(clean.stdout)["findings"] == []


def test_check_disable_drops_a_rule(draft_file):
    rule = tactful.analyze(DRAFT)["findings"][0]["rule"]
    r = run("check", str(draft_file), "--format", "json", "--disable", rule)
    assert rule not in {f["rule"] for f in json.loads(r.stdout)["findings"]}


@pytest.mark.parametrize("args, stdin, message", [
    (("check", "--strictness", "brutal"), CLEAN, "invalid choice"),
    (("check", "/nonexistent/draft.txt"), None, "cannot read"),
    (("check", "--disable", "no.such-rule"), CLEAN, "unknown rule"),
    (("check", "-"), b"\xff\xfe\x00bad", "not UTF-8"),
    (("check", "--format", "xml"), CLEAN, "invalid choice"),
    (("frobnicate",), None, "invalid choice"),
    ((), None, "required"),
])
def test_usage_errors_exit_two(args, stdin, message):
    r = run(*args, stdin=stdin)
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode()
    assert message in err
    assert "Traceback" not in err


def test_rewrite_prints_the_cushioned_draft(draft_file):
    r = run("rewrite", str(draft_file))
    assert r.returncode == 0
    expected = tactful.rewrite(DRAFT)["text"]
    assert r.stdout.decode().rstrip("\n") == expected.rstrip("\n")
    j = run("rewrite", "--format", "json", "--strictness", "gentle", stdin=DRAFT)
    assert json.loads(j.stdout) == tactful.rewrite(DRAFT, "gentle")


def _run_on_tty(args, env):
    """Run with stdout on a pseudo-terminal; return what it printed."""
    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env)
    proc = subprocess.Popen([sys.executable, "-m", "tactful.cli", *args], stdout=follower,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=full_env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode(errors="replace")


def test_colour_only_on_a_terminal_and_not_with_no_color(draft_file):
    assert "\033[" in _run_on_tty(["check", str(draft_file)], {})
    assert "\033[" not in _run_on_tty(["check", str(draft_file)], {"NO_COLOR": "1"})
    assert "\033[" in run("check", str(draft_file), "--color", "always").stdout.decode()


# --- tactful serve -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(args, env=None):
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith("TACTFUL_") and k != "PROMETHEUS_MULTIPROC_DIR"}
    full_env.update(env or {})
    return subprocess.Popen([sys.executable, "-m", "tactful.cli", "serve", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env)


def _wait(url, proc, verify=True):
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()
        try:
            return requests.get(url, timeout=1, verify=verify)
        except requests.RequestException:
            time.sleep(0.2)
    raise AssertionError("server did not start")


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_serve_runs_gunicorn_with_the_playground():
    port = _free_port()
    proc = _serve(["--port", str(port), "--workers", "1"])
    try:
        r = _wait(f"http://127.0.0.1:{port}/healthz", proc)
        assert r.json()["status"] == "ok"
        assert r.headers["Server"].startswith("gunicorn")
        page = requests.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    finally:
        _stop(proc)


def test_serve_dev_uses_flasks_server():
    port = _free_port()
    proc = _serve(["--port", str(port), "--dev"])
    try:
        r = _wait(f"http://127.0.0.1:{port}/healthz", proc)
        assert r.json()["status"] == "ok"
        assert not r.headers.get("Server", "").startswith("gunicorn")
    finally:
        _stop(proc)


def test_serve_says_clearly_when_the_port_is_taken():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = _serve(["--port", str(port)])
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert f"port {port}" in err.decode() and "already in use" in err.decode()
    assert "Traceback" not in err.decode()


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_serve_https_with_a_self_signed_certificate(tmp_path):
    port = _free_port()
    proc = _serve(["--port", str(port), "--workers", "1", "--https"],
                  {"TACTFUL_TLS_DIR": str(tmp_path)})
    try:
        cert = tmp_path / "localhost.pem"
        r = _wait(f"https://127.0.0.1:{port}/healthz", proc, verify=False)
        assert r.status_code == 200
        # The certificate names 127.0.0.1 and localhost, so it verifies once trusted.
        assert requests.get(f"https://127.0.0.1:{port}/healthz", verify=str(cert),
                            timeout=5).ok
        assert oct((tmp_path / "localhost-key.pem").stat().st_mode & 0o777) == "0o600"
    finally:
        _stop(proc)
