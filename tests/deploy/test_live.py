"""The deployment against the real server: gunicorn started with deploy/gunicorn.conf.py
and the image's own environment (from the Dockerfile's ENV), on a free loopback port.
Every probe, health check and public route the manifests name must answer as they expect."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys

import pytest
import requests
from deploy_support import DEPLOY, TOKEN, free_port, image_env, load_all


def probe_paths(rendered) -> set[str]:
    api = next(d for d in rendered if d["kind"] == "Deployment"
               and d["metadata"]["name"] == "tactful")
    (c,) = api["spec"]["template"]["spec"]["containers"]
    return {c[p]["httpGet"]["path"] for p in ("startupProbe", "readinessProbe", "livenessProbe")}


def exhaust_rate_limit(url: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for _ in range(20):  # two workers count on their own with memory:// storage
        if requests.get(url + "/api/v1/rules", headers=auth, timeout=10).status_code == 429:
            return
    pytest.fail("the rate limit never answered 429")


def test_probes_answer_without_token_even_when_rate_limited(server, rendered):
    exhaust_rate_limit(server["url"])
    caddy_health = "/healthz"  # Caddyfile: health_uri
    for path in probe_paths(rendered) | {caddy_health}:
        r = requests.get(server["url"] + path, timeout=5)
        assert r.status_code == 200, path
        assert r.json()["status"] == "ok"


def test_container_healthcheck_script(server):
    script = str(DEPLOY / "healthcheck.py")
    env = {**server["env"], "TACTFUL_BIND": f"0.0.0.0:{server['port']}"}
    ok = subprocess.run([sys.executable, script], env=env, capture_output=True, text=True,
                        timeout=30)
    assert ok.returncode == 0, ok.stderr
    env["TACTFUL_BIND"] = f"0.0.0.0:{free_port()}"
    down = subprocess.run([sys.executable, script], env=env, capture_output=True, text=True,
                          timeout=30)
    assert down.returncode == 1 and "unhealthy" in down.stderr


def test_every_ingress_route_reaches_a_real_page(server, rendered):
    ingress = next(d for d in rendered if d["kind"] == "Ingress")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    examples = {"/api/": "/api/v1/openapi.json", "/addin/": "/addin/",
                "/static/": "/static/playground.css"}
    for entry in ingress["spec"]["rules"][0]["http"]["paths"]:
        path = examples.get(entry["path"], entry["path"])
        r = requests.get(server["url"] + path, headers=auth, timeout=10)
        assert r.status_code in (200, 429), (path, r.status_code)
    assert requests.get(server["url"] + "/metrics", timeout=10).status_code == 200


def test_api_needs_the_token(server):
    r = requests.post(server["url"] + "/api/v1/analyze", json={"text": "No."}, timeout=10)
    assert r.status_code == 401


def test_addin_is_in_the_image_and_sees_https_behind_the_proxy(server):
    r = requests.get(server["url"] + "/addin/", timeout=10)
    assert r.status_code == 200 and "data-tactful-action" in r.text
    # The proxy is another host: connect from 127.0.0.2, which gunicorn trusts only thanks
    # to the image's FORWARDED_ALLOW_IPS, and say the client used HTTPS.
    conn = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=10,
                                      source_address=("127.0.0.2", 0))
    try:
        conn.request("GET", "/.well-known/microsoft-officeaddins-allowed.json",
                     headers={"X-Forwarded-Proto": "https"})
        resp = conn.getresponse()
        assert resp.status == 200
        (allowed,) = json.loads(resp.read())["allowed"]
    finally:
        conn.close()
    assert allowed.startswith("https://127.0.0.1:")


def test_compose_and_k8s_use_the_same_port_as_the_image(rendered):
    port = image_env()["TACTFUL_BIND"].rsplit(":", 1)[1]
    (compose,) = load_all(DEPLOY / "docker-compose.yml")
    assert compose["services"]["tactful"]["expose"] == [port]
    api = next(d for d in rendered if d["kind"] == "Deployment"
               and d["metadata"]["name"] == "tactful")
    (c,) = api["spec"]["template"]["spec"]["containers"]
    assert [str(p["containerPort"]) for p in c["ports"]] == [port]
