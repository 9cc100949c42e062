"""When the engine itself fails, the client still gets JSON (500, no HTML) and the log says
where it failed without the exception's message, which could quote the draft."""

from __future__ import annotations

import io
import logging

import requests

import tactful
from tactful.web import config
from tactful.web.logs import JsonFormatter


def test_unexpected_failure_is_a_json_500_and_logs_no_text(make_server, monkeypatch):
    server = make_server({"RATE_LIMIT": "off"})
    secret = "the walrus-7731 budget memo"

    def broken(text, *args):
        raise RuntimeError(f"could not handle {text!r}")

    monkeypatch.setattr(tactful, "analyze", broken)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tactful")
    logger.addHandler(handler)
    try:
        r = requests.post(server.url + "/api/v1/analyze", json={"text": secret}, timeout=5)
    finally:
        logger.removeHandler(handler)
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "internal_error"
    assert "walrus" not in r.text
    log = stream.getvalue()
    assert "RuntimeError" in log and "walrus" not in log


def test_settings_merge_defaults_environment_and_explicit_config():
    env = {"TACTFUL_MAX_TEXT_CHARS": "900", "TACTFUL_TOKEN": "from-env",
           "TACTFUL_EXTENSION_ID": "abc", "TACTFUL_PORT": "9000"}
    cfg = config.load({"token": "explicit"}, env)
    assert cfg["MAX_TEXT_CHARS"] == 900 and cfg["TOKEN"] == "explicit"
    assert cfg["ALLOWED_ORIGINS"][0] == "chrome-extension://abc"
    assert "http://127.0.0.1:9000" in cfg["ALLOWED_ORIGINS"]
    assert config.load({}, {})["MAX_BODY_BYTES"] == 256 * 1024
    assert config.rate_limit(config.load({"RATE_LIMIT": "off"}, {})) is None
