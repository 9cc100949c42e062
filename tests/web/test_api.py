"""The HTTP door over real HTTP: endpoints answer what the engine says, and every client
mistake is a JSON 4xx with a precise code."""

from __future__ import annotations

import json

import pytest
import requests

import tactful
from tactful.rules import load

RISKY = "Hi Sam,\r\n\r\nYou should have told us about this sooner. We can't do that by Friday."


def utf16_slice(text: str, offset: int, length: int) -> str:
    raw = text.encode("utf-16-le")
    return raw[2 * offset: 2 * (offset + length)].decode("utf-16-le")


def post(server, path, body=None, **kw):
    return requests.post(server.url + path, json=body, timeout=10, **kw)


def assert_error(resp, status: int, code: str):
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_healthz(api):
    r = requests.get(api.url + "/healthz", timeout=5)
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "version": tactful.__version__}


def test_analyze_returns_the_engines_analysis(api):
    r = post(api, "/api/v1/analyze", {"text": RISKY, "strictness": "strict"})
    assert r.status_code == 200
    assert r.json() == tactful.analyze(RISKY, "strict")
    assert r.json()["findings"], "the draft should have at least one finding"


def test_analyze_defaults_to_balanced(api):
    r = post(api, "/api/v1/analyze", {"text": RISKY})
    assert r.json()["strictness"] == "balanced"


def test_disabled_rules_are_not_reported(api):
    found = post(api, "/api/v1/analyze", {"text": RISKY}).json()["findings"]
    rule = found[0]["rule"]
    r = post(api, "/api/v1/analyze", {"text": RISKY, "disabled_rules": [rule]})
    assert r.status_code == 200
    assert rule not in {f["rule"] for f in r.json()["findings"]}


def test_rewrite_returns_the_engines_rewrite(api):
    r = post(api, "/api/v1/rewrite", {"text": RISKY, "strictness": "gentle"})
    assert r.status_code == 200
    assert r.json() == tactful.rewrite(RISKY, "gentle")


def test_rules_lists_the_pack(api):
    r = requests.get(api.url + "/api/v1/rules", timeout=5)
    assert r.status_code == 200
    rules = r.json()["rules"]
    assert [x["id"] for x in rules] == [x.id for x in load().rules]
    for item in rules:
        assert {"id", "category", "severity", "message", "explanation", "examples"} <= set(item)


def test_emoji_and_crlf_offsets_are_utf16_end_to_end(api):
    text = "🙂👍🏽 Thanks!\r\nÉtienne — “quick” note 𝒳: you should have told us earlier."
    r = post(api, "/api/v1/analyze", {"text": text})
    findings = r.json()["findings"]
    assert findings
    for f in findings:
        assert utf16_slice(text, f["offset"], f["length"]) == f["text"]
    # The same bytes on the wire: the response's text survives JSON round trips intact.
    raw = requests.post(api.url + "/api/v1/analyze", timeout=5,
                        data=json.dumps({"text": text}, ensure_ascii=True),
                        headers={"Content-Type": "application/json; charset=utf-8"})
    assert raw.json()["findings"] == findings


def test_empty_and_lone_surrogate_text_are_not_errors(api):
    assert post(api, "/api/v1/analyze", {"text": ""}).json()["findings"] == []
    r = requests.post(api.url + "/api/v1/analyze", data='{"text": "ok \\ud83d then"}',
                      headers={"Content-Type": "application/json"}, timeout=5)
    assert r.status_code == 200


def test_unknown_body_members_are_ignored(api):
    r = post(api, "/api/v1/analyze", {"text": "Fine.", "client": "extension/1.0"})
    assert r.status_code == 200


@pytest.mark.parametrize("data, content_type, status, code", [
    ("{not json", "application/json", 400, "invalid_json"),
    (b'{"text": "\xff\xfe"}', "application/json", 400, "invalid_json"),
    ("[1, 2]", "application/json", 400, "invalid_body"),
    ("{}", "application/json", 400, "missing_field"),
    ('{"text": 42}', "application/json", 400, "invalid_type"),
    ('{"text": null}', "application/json", 400, "invalid_type"),
    ('{"text": "x", "strictness": "brutal"}', "application/json", 400, "unknown_strictness"),
    ('{"text": "x", "strictness": 1}', "application/json", 400, "invalid_type"),
    ('{"text": "x", "disabled_rules": ["no.such-rule"]}', "application/json", 400,
     "unknown_rule"),
    ('{"text": "x", "disabled_rules": "blame.you-should-have"}', "application/json", 400,
     "invalid_type"),
    ('{"text": "x", "disabled_rules": [1]}', "application/json", 400, "invalid_type"),
    ('{"text": "x"}', "text/plain", 415, "unsupported_media_type"),
    ('text=x', "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ('{"text": "x"}', None, 415, "unsupported_media_type"),
])
def test_client_mistakes_are_json_errors(api, data, content_type, status, code):
    headers = {"Content-Type": content_type} if content_type else {}
    for path in ("/api/v1/analyze", "/api/v1/rewrite"):
        if "disabled_rules" in str(data) and path.endswith("rewrite"):
            continue  # rewrite takes no disabled_rules
        r = requests.post(api.url + path, data=data, headers=headers, timeout=5)
        assert_error(r, status, code)


def test_text_over_the_limit_is_413(make_server):
    server = make_server({"MAX_TEXT_CHARS": 50, "RATE_LIMIT": "off"})
    assert post(server, "/api/v1/analyze", {"text": "a" * 50}).status_code == 200
    assert_error(post(server, "/api/v1/analyze", {"text": "a" * 51}), 413, "text_too_long")
    # Characters, not bytes or UTF-16 units: 50 emoji are 50 characters.
    assert post(server, "/api/v1/analyze", {"text": "🙂" * 50}).status_code == 200


def test_body_over_the_limit_is_413_before_reading(make_server):
    server = make_server({"MAX_BODY_BYTES": 1024, "RATE_LIMIT": "off"})
    big = json.dumps({"text": "word " * 400})
    assert_error(requests.post(server.url + "/api/v1/analyze", data=big, timeout=5,
                               headers={"Content-Type": "application/json"}),
                 413, "body_too_large")

    def chunks():  # no Content-Length: the limit still holds while streaming
        for _ in range(8):
            yield big[:400].encode()

    r = requests.post(server.url + "/api/v1/analyze", data=chunks(), timeout=5,
                      headers={"Content-Type": "application/json"})
    assert_error(r, 413, "body_too_large")


def test_wrong_method_and_unknown_path(api):
    r = requests.get(api.url + "/api/v1/analyze", timeout=5)
    assert_error(r, 405, "method_not_allowed")
    assert "POST" in r.headers["Allow"]
    assert_error(requests.delete(api.url + "/healthz", timeout=5), 405, "method_not_allowed")
    assert_error(requests.get(api.url + "/api/v1/nope", timeout=5), 404, "not_found")
    assert_error(requests.get(api.url + "/static/../../etc/passwd", timeout=5), 404,
                 "not_found")


def test_rate_limit_answers_429_with_retry_after(make_server):
    server = make_server({"RATE_LIMIT": "3 per minute"})
    codes = [post(server, "/api/v1/analyze", {"text": "Fine."}).status_code for _ in range(3)]
    assert codes == [200, 200, 200]
    r = post(server, "/api/v1/analyze", {"text": "Fine."})
    assert_error(r, 429, "rate_limited")
    assert int(r.headers["Retry-After"]) > 0
    # Health checks are not rate limited.
    assert requests.get(server.url + "/healthz", timeout=5).status_code == 200


def test_request_id_is_echoed_or_made(api):
    r = requests.get(api.url + "/healthz", headers={"X-Request-ID": "abc-123"}, timeout=5)
    assert r.headers["X-Request-ID"] == "abc-123"
    r = requests.get(api.url + "/healthz", headers={"X-Request-ID": "bad id\x7f"}, timeout=5)
    assert r.headers["X-Request-ID"] not in ("", "bad id\x7f")
