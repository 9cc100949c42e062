"""CORS for configured origins only, the optional bearer token, and security headers."""

from __future__ import annotations

import requests

EXT = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def preflight(server, origin, headers="content-type,authorization"):
    return requests.options(server.url + "/api/v1/analyze", timeout=5, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": headers})


def test_cors_allows_the_extension_and_own_origin_by_default(make_server):
    server = make_server({"EXTENSION_ID": EXT.split("//")[1], "PORT": 8740})
    for origin in (EXT, "http://127.0.0.1:8740", "http://localhost:8740"):
        r = requests.post(server.url + "/api/v1/analyze", json={"text": "Fine."},
                          headers={"Origin": origin}, timeout=5)
        assert r.headers.get("Access-Control-Allow-Origin") == origin
        assert "Origin" in r.headers.get("Vary", "")
        p = preflight(server, origin)
        assert p.status_code in (200, 204)
        assert p.headers["Access-Control-Allow-Origin"] == origin
        assert "POST" in p.headers["Access-Control-Allow-Methods"]
        allowed = p.headers["Access-Control-Allow-Headers"].lower()
        assert "content-type" in allowed and "authorization" in allowed


def test_cors_denies_other_origins(make_server):
    server = make_server({"EXTENSION_ID": "abc"})
    for origin in ("https://evil.example", "chrome-extension://someone-else",
                   "http://127.0.0.1:8740.evil.example"):
        r = requests.post(server.url + "/api/v1/analyze", json={"text": "Fine."},
                          headers={"Origin": origin}, timeout=5)
        assert "Access-Control-Allow-Origin" not in r.headers
        assert "Access-Control-Allow-Origin" not in preflight(server, origin).headers


def test_configured_origins_replace_the_defaults(make_server):
    addin = "https://addin.example.com"
    server = make_server({"ALLOWED_ORIGINS": f"{addin}, {EXT}"})
    assert preflight(server, addin).headers["Access-Control-Allow-Origin"] == addin
    assert "Access-Control-Allow-Origin" not in preflight(server, "http://localhost:8740").headers


def test_token_guards_the_api_only(make_server):
    server = make_server({"TOKEN": "s3cret-token", "RATE_LIMIT": "off", "EXTENSION_ID": "x"})
    url = server.url + "/api/v1/analyze"
    missing = requests.post(url, json={"text": "Fine."}, timeout=5)
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "unauthorized"
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    for bad in ("Bearer wrong", "Bearer s3cret-token-longer", "Basic czNjcmV0", "s3cret-token"):
        r = requests.post(url, json={"text": "Fine."}, headers={"Authorization": bad}, timeout=5)
        assert r.status_code == 401, bad
    ok = requests.post(url, json={"text": "Fine."}, timeout=5,
                       headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200
    assert requests.get(server.url + "/api/v1/rules", timeout=5).status_code == 401
    # Health, pages and CORS preflights (which never carry credentials) stay open.
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200
    assert requests.get(server.url + "/", timeout=5).status_code == 200
    assert preflight(server, "chrome-extension://x").status_code in (200, 204)


def test_no_token_configured_means_open_api(api):
    r = requests.post(api.url + "/api/v1/analyze", json={"text": "Fine."}, timeout=5,
                      headers={"Authorization": "Bearer anything"})
    assert r.status_code == 200


def test_page_has_a_strict_csp(api):
    r = requests.get(api.url + "/", timeout=5)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/html")
    assert r.headers["Content-Security-Policy"] == PAGE_CSP
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"


def test_api_responses_are_not_cached_and_not_sniffed(api):
    for path, body in (("/api/v1/analyze", {"text": "Fine."}), ("/api/v1/rewrite", {"text": "x"})):
        r = requests.post(api.url + path, json=body, timeout=5)
        assert r.headers["Cache-Control"] == "no-store"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    err = requests.post(api.url + "/api/v1/analyze", data="{", timeout=5,
                        headers={"Content-Type": "application/json"})
    assert err.headers["Cache-Control"] == "no-store"


def test_token_guesses_are_rate_limited(make_server):
    server = make_server({"TOKEN": "right", "RATE_LIMIT": "3 per minute"})
    codes = [requests.get(server.url + "/api/v1/rules", timeout=5,
                          headers={"Authorization": f"Bearer guess{i}"}).status_code
             for i in range(5)]
    assert codes == [401, 401, 401, 429, 429]
