"""Security checks tests/web does not already make (it covers CORS allow/deny, the token's
accept/refuse cases, 429 with Retry-After, the page CSP and DEBUG-level gunicorn logs):
security headers on every kind of response, the token compared with hmac.compare_digest,
hostile Authorization headers, CORS on errors, and no draft text anywhere — responses,
metrics, or any logger at any level (including werkzeug's and the root logger)."""

from __future__ import annotations

import hmac
import logging
import uuid

import pytest
import requests

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options",
           "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy")


def secret() -> str:
    return f"You should have paid invoice quokka{uuid.uuid4().hex[:10]} already!!!"


@pytest.fixture(scope="module")
def limited():
    from tactful_e2e_fixtures import LiveServer

    s = LiveServer({"RATE_LIMIT": "4 per minute", "MAX_TEXT_CHARS": 50,
                    "MAX_BODY_BYTES": 400}).start()
    yield s
    s.stop()


def every_kind_of_response(url: str) -> list[requests.Response]:
    api = url + "/api/v1"
    return [
        requests.get(url + "/healthz", timeout=5),
        requests.get(url + "/metrics", timeout=5),
        requests.get(url + "/", timeout=5),
        requests.get(url + "/addin/taskpane.html", timeout=5),
        requests.get(url + "/nope", timeout=5),
        requests.get(api + "/openapi.json", timeout=5),
        requests.post(api + "/analyze", json={"text": "Fine."}, timeout=5),
        requests.post(api + "/analyze", json={"text": "x" * 60}, timeout=5),
        requests.post(api + "/analyze", data="x" * 500, timeout=5,
                      headers={"Content-Type": "application/json"}),
        requests.post(api + "/analyze", data="text", timeout=5),
        requests.put(api + "/analyze", json={}, timeout=5),
        requests.options(api + "/analyze", timeout=5, headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}),
        requests.post(api + "/analyze", json={"text": "No."}, timeout=5),  # 429 by now
    ]


def test_security_headers_on_every_response(limited):
    responses = every_kind_of_response(limited.url)
    statuses = {r.status_code for r in responses}
    assert {200, 404, 405, 413, 415, 429} <= statuses, statuses
    for r in responses:
        missing = [h for h in HEADERS if h not in r.headers]
        assert not missing, (r.request.method, r.url, r.status_code, missing)
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        if r.status_code >= 400:
            assert r.headers.get("Cache-Control") == "no-store", r.url
            assert r.headers["Content-Type"].startswith("application/json"), r.url
    rate_limited = [r for r in responses if r.status_code == 429]
    assert all(int(r.headers["Retry-After"]) > 0 for r in rate_limited)
    assert not [r for r in responses if r.status_code != 429 and "Retry-After" in r.headers]


def test_token_is_compared_in_constant_time(make_server, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    server = make_server({"TOKEN": "t0ken-ok"})
    url = server.url + "/api/v1/rules"
    assert requests.get(url, timeout=5, headers={"Authorization": "Bearer nope"}).status_code \
        == 401
    assert requests.get(url, timeout=5, headers={"Authorization": "Bearer t0ken-ok"}).ok
    assert len(calls) == 2 and all(b == b"t0ken-ok" for _, b in calls)


@pytest.mark.parametrize("header", [
    "Bearer", "Bearer ", "bearer t0ken-ok ", "Bearer t0ken-ok\u00e9", "Bearer " + "x" * 8000,
    "Bearer \u0000", "Token t0ken-ok", "Bearer t0ken-o"])
def test_hostile_authorization_headers_are_401_json(make_server, header):
    server = make_server({"TOKEN": "t0ken-ok"})
    try:
        r = requests.post(server.url + "/api/v1/analyze", json={"text": "Fine."}, timeout=5,
                          headers={"Authorization": header.encode("utf-8")})
    except requests.RequestException as e:  # a client library may refuse to send it at all
        pytest.skip(f"not sendable: {type(e).__name__}")
    ok = header.strip().lower() == "bearer t0ken-ok"
    assert r.status_code == (200 if ok else 401) or r.status_code == 431, r.text[:200]
    if r.status_code == 401:
        assert r.json()["error"]["code"] == "unauthorized"


def test_errors_do_not_open_cors_to_unknown_origins(make_server):
    server = make_server({"TOKEN": "t", "EXTENSION_ID": "abc"})
    for origin in ("https://evil.example", "null", "chrome-extension://abcd"):
        r = requests.post(server.url + "/api/v1/analyze", json={"text": "x"}, timeout=5,
                          headers={"Origin": origin})
        assert r.status_code == 401
        assert "Access-Control-Allow-Origin" not in r.headers
        assert "Access-Control-Allow-Credentials" not in r.headers


def test_no_text_in_responses_metrics_or_any_log_at_any_level(make_server):
    """Every logger at DEBUG (the app's, flask's, werkzeug's, the root): a draft seen on a
    success, a client error, a too-long text and an engine failure never appears."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            if record.name.startswith("urllib3"):
                return  # this test's own HTTP client, not the server
            records.append(self.format(record))
            records.append(repr(record.__dict__))

    handler = Collect(level=logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    loggers = [logging.getLogger(n) for n in ("tactful", "tactful.web", "werkzeug", "flask")]
    old = [(lg, lg.level) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.addHandler(handler)
    try:
        server = make_server({"LOG_LEVEL": "DEBUG", "MAX_TEXT_CHARS": 120})
        text = secret()
        marker = next(w for w in text.split() if w.startswith("quokka"))
        api = server.url + "/api/v1"
        answers = [
            requests.post(api + "/analyze", json={"text": text}, timeout=5),
            requests.post(api + "/rewrite", json={"text": text}, timeout=5),
            requests.post(api + "/analyze", json={"text": text, "strictness": text}, timeout=5),
            requests.post(api + "/analyze", json={"text": text, "disabled_rules": [text]},
                          timeout=5),
            requests.post(api + "/analyze", json={"text": text * 3}, timeout=5),
            requests.post(api + "/analyze", data="{" + text, timeout=5,
                          headers={"Content-Type": "application/json"}),
            requests.post(api + "/analyze", data=text, timeout=5,
                          headers={"Content-Type": "text/plain"}),
            requests.get(api + "/analyze", params={"text": text}, timeout=5),
        ]
        assert [a.status_code for a in answers] == [200, 200, 400, 400, 413, 400, 415, 405]
        errors = answers[2:]
        leaked = [a.status_code for a in errors if marker in a.text]
        assert not leaked, f"error messages echo the draft: {leaked}"
        assert marker not in requests.get(server.url + "/metrics", timeout=5).text
    finally:
        for lg, level in old:
            lg.setLevel(level)
            lg.removeHandler(handler)
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert records, "nothing was logged at DEBUG"
    assert not [r for r in records if marker in r]
