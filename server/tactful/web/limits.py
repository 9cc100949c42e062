"""Rate limiting of /api/* per client address (and bearer token), with flask-limiter.
In-memory by default, so each gunicorn worker counts on its own; point
TACTFUL_RATE_LIMIT_STORAGE at Redis (redis://...) for one shared count."""

from __future__ import annotations

import hashlib

from flask import Blueprint, Flask, request
from flask_limiter import Limiter

from .config import rate_limit


def client_key() -> str:
    key = request.remote_addr or "unknown"
    auth = request.headers.get("Authorization", "")
    if auth:
        key += ":" + hashlib.sha256(auth.encode()).hexdigest()[:16]
    return key


def setup_limiter(app: Flask, cfg: dict, bp: Blueprint) -> Limiter | None:
    value = rate_limit(cfg)
    if value is None:
        return None
    limiter = Limiter(client_key, app=app, storage_uri=cfg["RATE_LIMIT_STORAGE"],
                      headers_enabled=True, swallow_errors=True, key_prefix="tactful")
    limiter.limit(value, methods=["GET", "POST"])(bp)
    return limiter
