"""Logs and metrics tell operators what happened without ever holding the draft; the
production server (gunicorn with deploy/gunicorn.conf.py) serves the app."""

from __future__ import annotations

import json
import re
import uuid

import requests

import tactful


def unique_sentence() -> str:
    token = uuid.uuid4().hex[:12]
    return f"You should have warned zebra{token} before the quarterly lantern review!!!"


def test_gunicorn_serves_health_and_page(gunicorn):
    server = gunicorn()
    r = requests.get(server.url + "/healthz", timeout=5)
    assert r.json() == {"status": "ok", "version": tactful.__version__}
    assert r.headers["Server"].startswith("gunicorn")
    assert requests.get(server.url + "/", timeout=5).headers["Content-Type"].startswith(
        "text/html")


def test_logs_never_contain_the_text(gunicorn):
    secret = unique_sentence()
    server = gunicorn({"TACTFUL_LOG_LEVEL": "DEBUG", "TACTFUL_ACCESS_LOG": "-",
                       "TACTFUL_MAX_TEXT_CHARS": "500", "TACTFUL_MAX_BODY_BYTES": "2000"})
    url = server.url + "/api/v1"
    statuses = [
        requests.post(url + "/analyze", json={"text": secret}, timeout=5).status_code,
        requests.post(url + "/rewrite", json={"text": secret}, timeout=5).status_code,
        requests.post(url + "/analyze", json={"text": secret, "strictness": "x"},
                      timeout=5).status_code,
        requests.post(url + "/analyze", json={"text": secret * 8}, timeout=5).status_code,
        requests.post(url + "/analyze", json={"text": secret * 40}, timeout=5).status_code,
        requests.post(url + "/analyze", data=secret, timeout=5).status_code,
        requests.post(url + "/analyze", data="{" + secret, timeout=5,
                      headers={"Content-Type": "application/json"}).status_code,
        requests.get(url + "/analyze", params={"text": secret}, timeout=5).status_code,
    ]
    assert statuses == [200, 200, 400, 413, 413, 415, 400, 405]
    log = server.stop()
    marker = secret.split()[4]  # the zebra<hex> word, which appears nowhere else
    assert marker not in log
    # The log is there, structured, and says how long the text was.
    records = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    requests_logged = [r for r in records if r.get("event") == "request"]
    assert len(requests_logged) >= len(statuses)
    assert any(r.get("text_chars") == len(secret) and r["status"] == 200
               for r in requests_logged)
    for r in requests_logged:
        assert {"request_id", "route", "status", "latency_ms"} <= set(r)


def test_metrics_count_requests_and_findings_but_hold_no_text(api):
    secret = unique_sentence()
    before = requests.get(api.url + "/metrics", timeout=5).text
    r = requests.post(api.url + "/api/v1/analyze", json={"text": secret}, timeout=5)
    categories = {f["category"] for f in r.json()["findings"]}
    assert categories
    requests.post(api.url + "/api/v1/analyze", json={}, timeout=5)
    after = requests.get(api.url + "/metrics", timeout=5).text
    assert secret.split()[4] not in after

    def value(text, name, **labels):
        total = 0.0
        for line in text.splitlines():
            m = re.match(rf"{name}\{{(.*)\}} (\S+)$", line)
            if m and all(f'{k}="{v}"' in m.group(1) for k, v in labels.items()):
                total += float(m.group(2))
        return total

    name = "tactful_http_requests_total"
    ok = {"endpoint": "/api/v1/analyze", "method": "POST", "status": "200"}
    assert value(after, name, **ok) == value(before, name, **ok) + 1
    bad = {**ok, "status": "400"}
    assert value(after, name, **bad) == value(before, name, **bad) + 1
    for category in categories:
        assert value(after, "tactful_findings_total", category=category) > value(
            before, "tactful_findings_total", category=category)
    assert value(after, "tactful_http_request_duration_seconds_count",
                 endpoint="/api/v1/analyze", status="200") >= 1


def test_gunicorn_metrics_add_up_every_worker(gunicorn):
    server = gunicorn()
    for _ in range(12):  # new connections, so both workers take some
        assert requests.post(server.url + "/api/v1/analyze", json={"text": "Fine."},
                             timeout=5, headers={"Connection": "close"}).status_code == 200
    text = requests.get(server.url + "/metrics", timeout=5).text
    line = next(ln for ln in text.splitlines() if ln.startswith("tactful_http_requests_total")
                and 'endpoint="/api/v1/analyze"' in ln and 'status="200"' in ln)
    assert float(line.rsplit(" ", 1)[1]) == 12
