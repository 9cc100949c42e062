"""Settings for the HTTP door: defaults <- environment (`TACTFUL_*`) <- the dict given to
create_app(). Read once per app, never at import time."""

from __future__ import annotations

import os

DEFAULTS: dict = {
    "TOKEN": "",                       # when set, /api/* needs `Authorization: Bearer <token>`
    "ALLOWED_ORIGINS": None,           # None = the extension's id + the server's own origin
    # The Chrome extension's id (from the fixed public key in extension/manifest.json).
    "EXTENSION_ID": "cadhmggciggmigkopbcphpdbhiglhlci",
    "PORT": 8740,                      # the server's own port, for its default CORS origins
    "RATE_LIMIT": "300 per minute",    # per client address (and token); "off" disables it
    "RATE_LIMIT_STORAGE": "memory://",  # e.g. redis://host:6379 when several replicas run
    "MAX_TEXT_CHARS": 20_000,
    "MAX_BODY_BYTES": 256 * 1024,
    "LOG_LEVEL": "INFO",
    # How many reverse proxies (Caddy, an Ingress) stand in front: their X-Forwarded-*
    # headers are then trusted, so rate limits count each writer, not the proxy.
    "TRUSTED_PROXIES": 0,
}
_INTS = ("PORT", "MAX_TEXT_CHARS", "MAX_BODY_BYTES", "TRUSTED_PROXIES")


def load(explicit: dict | None = None, environ: dict | None = None) -> dict:
    env = os.environ if environ is None else environ
    cfg = dict(DEFAULTS)
    for key in DEFAULTS:
        value = env.get(f"TACTFUL_{key}")
        if value is not None:
            cfg[key] = value
    cfg.update({k.upper(): v for k, v in (explicit or {}).items()})
    for key in _INTS:
        try:
            cfg[key] = int(cfg[key])
        except (TypeError, ValueError):
            raise ValueError(f"TACTFUL_{key} must be an integer, not {cfg[key]!r}") from None
    cfg["ALLOWED_ORIGINS"] = _origins(cfg)
    cfg["LOG_LEVEL"] = str(cfg["LOG_LEVEL"]).upper()
    return cfg


def _origins(cfg: dict) -> list[str]:
    given = cfg["ALLOWED_ORIGINS"]
    if isinstance(given, str):
        return [o.strip().rstrip("/") for o in given.split(",") if o.strip()]
    if given is not None:
        return [str(o).rstrip("/") for o in given]
    port = cfg["PORT"]
    own = [f"{scheme}://{host}:{port}"
           for scheme in ("http", "https") for host in ("127.0.0.1", "localhost")]
    ext = [f"chrome-extension://{cfg['EXTENSION_ID']}"] if cfg["EXTENSION_ID"] else []
    return ext + own


def rate_limit(cfg: dict) -> str | None:
    value = str(cfg["RATE_LIMIT"] or "").strip()
    return None if value.lower() in ("", "off", "none", "0") else value
