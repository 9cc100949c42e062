"""Rate limiting of /api/* per client address, with flask-limiter (not per token: a client
guessing tokens must not get a fresh allowance with each guess).
In-memory by default, so each gunicorn worker counts on its own; point
TACTFUL_RATE_LIMIT_STORAGE at Redis (redis://...) for one shared count."""

from __future__ import annotations

from flask import Blueprint, Flask, request
from flask_limiter import Limiter

from .config import rate_limit


def client_key() -> str:
    return request.remote_addr or "unknown"


def setup_limiter(app: Flask, cfg: dict, bp: Blueprint) -> Limiter | None:
    value = rate_limit(cfg)
    if value is None:
        return None
    limiter = Limiter(client_key, app=app, storage_uri=cfg["RATE_LIMIT_STORAGE"],
                      headers_enabled=True, swallow_errors=True, key_prefix="tactful")
    limiter.limit(value, methods=["GET", "POST"])(bp)
    return limiter
