"""The add-in's files served from the API's own origin, with a CSP Outlook can live with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tactful.web import create_app
from tactful.web.addin import addin_dir

SRC = Path(__file__).resolve().parents[2] / "outlook-addin" / "src"
BASE = "https://tactful.example.com"


@pytest.fixture(scope="module")
def client():
    return create_app({"RATE_LIMIT": "off"}).test_client()


def test_task_pane_is_served_with_its_own_csp(client):
    resp = client.get("/addin/taskpane.html", base_url=BASE)
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert resp.get_data() == (SRC / "taskpane.html").read_bytes()
    policy = resp.headers["Content-Security-Policy"]
    csp = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert csp["script-src"] == "'self' https://appsforoffice.microsoft.com"
    assert csp["style-src"] == "'self'" and csp["default-src"] == "'self'"
    assert "'unsafe-inline'" not in resp.headers["Content-Security-Policy"]
    assert "https://*.office.com" in csp["frame-ancestors"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_directory_url_serves_the_task_pane(client):
    assert client.get("/addin/", base_url=BASE).get_data() == (SRC / "taskpane.html").read_bytes()


@pytest.mark.parametrize("name", ["taskpane.js", "taskpane.css", "locate.js", "htmlbody.js",
                                  "office-io.js", "api.js", "render.js", "onsend.html",
                                  "icons/icon-80.png"])
def test_every_asset_is_served(client, name):
    resp = client.get(f"/addin/{name}", base_url=BASE)
    assert resp.status_code == 200, name
    assert resp.get_data() == (SRC / name).read_bytes()
    assert resp.headers["Cache-Control"] == "no-cache"


def test_send_handler_gets_this_servers_origin_written_in(client):
    resp = client.get("/addin/onsend.js", base_url=BASE)
    assert resp.mimetype == "text/javascript"
    body = resp.get_data(as_text=True)
    assert 'var TACTFUL_ORIGIN = "https://tactful.example.com";' in body
    assert "localhost:8740" not in body
    original = (SRC / "onsend.js").read_text(encoding="utf-8")
    assert body == original.replace("https://localhost:8740", BASE, 1)


def test_configured_origin_wins_for_a_proxy_that_rewrites_host():
    c = create_app({"RATE_LIMIT": "off", "ADDIN_ORIGIN": "https://mail.corp.example"}).test_client()
    body = c.get("/addin/onsend.js", base_url="http://10.0.0.5:8740").get_data(as_text=True)
    assert 'var TACTFUL_ORIGIN = "https://mail.corp.example";' in body
    allowed = c.get("/.well-known/microsoft-officeaddins-allowed.json").get_json()
    assert allowed == {"allowed": ["https://mail.corp.example/addin/onsend.js"]}


def test_well_known_lists_the_send_handler(client):
    resp = client.get("/.well-known/microsoft-officeaddins-allowed.json", base_url=BASE)
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    assert json.loads(resp.get_data()) == {"allowed": [f"{BASE}/addin/onsend.js"]}


@pytest.mark.parametrize("path", ["/addin/../pyproject.toml", "/addin/%2e%2e/pyproject.toml",
                                  "/addin/nope.js",
                                  "/addin/icons/../../../server/tactful/__init__.py"])
def test_nothing_outside_the_addin_dir_and_clean_404s(client, path):
    resp = client.get(path, base_url=BASE)
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"]


def test_files_from_a_configured_dir_as_an_installed_package_would(tmp_path, monkeypatch):
    (tmp_path / "taskpane.html").write_text("<!doctype html><title>copy</title>")
    monkeypatch.setenv("TACTFUL_ADDIN_DIR", str(tmp_path))
    c = create_app({"RATE_LIMIT": "off"}).test_client()
    assert b"copy" in c.get("/addin/taskpane.html").get_data()
    assert addin_dir({}) == tmp_path
    assert addin_dir({"ADDIN_DIR": str(SRC)}) == SRC


def test_missing_files_say_how_to_fix_it(tmp_path):
    c = create_app({"RATE_LIMIT": "off", "ADDIN_DIR": str(tmp_path)}).test_client()
    resp = c.get("/addin/taskpane.html")
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == "addin_not_installed"
    assert "TACTFUL_ADDIN_DIR" in resp.get_json()["error"]["message"]
    assert c.get("/.well-known/microsoft-officeaddins-allowed.json").status_code == 404


def test_a_hostile_host_header_never_reaches_the_script(client):
    resp = client.get("/addin/onsend.js", headers={"Host": 'evil";alert(1);//'})
    assert b"alert(1)" not in resp.get_data()
    assert resp.status_code in (400, 404)


def test_the_apis_own_csp_is_untouched(client):
    resp = client.get("/healthz")
    assert "appsforoffice" not in resp.headers.get("Content-Security-Policy", "")
