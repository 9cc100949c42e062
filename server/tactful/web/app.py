"""create_app(config): the Flask app around the engine.

Settings come from defaults <- `TACTFUL_*` environment <- `config` (see config.py). Nothing
happens at import time; create_app loads the rule pack and warms the engine once.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, g, jsonify, request

import tactful

from . import addin, api, errors, logs, pages, security
from . import config as settings
from .limits import setup_limiter
from .metrics import Metrics
from .models import Model, request_models
from .openapi import document

STATIC = Path(__file__).parent / "static"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
log = logging.getLogger("tactful.web")


@dataclass(slots=True)
class State:
    """What the views share, built once per app."""

    cfg: dict
    models: dict[str, Model]
    rules_public: list[dict]
    openapi: dict
    metrics: Metrics


def create_app(config: dict | None = None) -> Flask:
    cfg = settings.load(config)
    logs.setup(cfg["LOG_LEVEL"])
    app = Flask(__name__, static_folder=str(STATIC), static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = cfg["MAX_BODY_BYTES"] + 1  # see api._body
    app.json.sort_keys = False
    app.json.compact = True

    from tactful.analysis import STRICTNESS
    from tactful.readability import warm
    from tactful.rules import load

    pack = load()
    warm()
    tactful.analyze("Warm up: we can't do that by Friday, sorry.")
    models = request_models(cfg["MAX_TEXT_CHARS"], STRICTNESS, tuple(r.id for r in pack.rules))
    state = State(cfg, models, [r.public() for r in pack.rules],
                  document(models, tactful.__version__, cfg), Metrics())
    app.extensions["tactful"] = state

    errors.register(app)
    _observe(app, state)
    setup_limiter(app, cfg, api.bp)  # before the token check: guessing tokens is limited too
    security.setup(app, cfg)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(addin.bp)

    @app.get("/healthz")
    def healthz():
        return jsonify({"status": "ok", "version": tactful.__version__})

    @app.get("/metrics")
    def metrics():
        return state.metrics.exposition()

    if cfg["TRUSTED_PROXIES"] > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = cfg["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]

    log.info("app ready", extra={"rules": len(pack.rules), "rate_limit": cfg["RATE_LIMIT"],
                                 "token": bool(cfg["TOKEN"]),
                                 "origins": cfg["ALLOWED_ORIGINS"]})
    return app


def _observe(app: Flask, state: State) -> None:
    """Request id, latency, metrics and one JSON log line per request (never the text)."""

    @app.before_request
    def _start():
        g.start = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex

    @app.after_request
    def _finish(resp):
        start = g.get("start")
        seconds = time.perf_counter() - start if start else 0.0
        route = request.url_rule.rule if request.url_rule else "<unmatched>"
        state.metrics.observe(route, request.method, resp.status_code, seconds)
        resp.headers["X-Request-ID"] = g.get("request_id", "")
        fields = {"request_id": g.get("request_id"), "method": request.method,
                  "route": route, "status": resp.status_code,
                  "latency_ms": round(seconds * 1000, 2)}
        for key in ("text_chars", "findings", "changes"):
            if key in g:
                fields[key] = g.get(key)
        if "text_chars" in g:
            state.metrics.text_chars.observe(g.text_chars)
        log.info("request", extra=fields)
        return resp
