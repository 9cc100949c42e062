"""Who may call the API and how responses protect the page: CORS for configured origins
only, an optional bearer token compared in constant time, and security headers."""

from __future__ import annotations

import hmac

from flask import Flask, request
from flask_cors import CORS

from .errors import ApiError

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def setup(app: Flask, cfg: dict) -> None:
    CORS(app, resources={r"/api/*": {"origins": cfg["ALLOWED_ORIGINS"]}},
         methods=["GET", "POST", "OPTIONS"], allow_headers=["Content-Type", "Authorization"],
         expose_headers=["X-Request-ID", "Retry-After"], max_age=600,
         supports_credentials=False, vary_header=True, always_send=False)
    token = str(cfg["TOKEN"] or "").encode()

    if token:
        @app.before_request
        def _require_token():
            if not request.path.startswith("/api/") or request.method == "OPTIONS":
                return None
            header = request.headers.get("Authorization", "")
            scheme, _, given = header.partition(" ")
            if scheme.lower() != "bearer" or not given:
                raise ApiError(401, "unauthorized", "This server needs "
                               "'Authorization: Bearer <token>' (TACTFUL_TOKEN).",
                               {"WWW-Authenticate": 'Bearer realm="tactful"'})
            if not hmac.compare_digest(given.strip().encode(), token):
                raise ApiError(401, "unauthorized", "The bearer token is not valid.",
                               {"WWW-Authenticate": 'Bearer realm="tactful", '
                                                    'error="invalid_token"'})
            return None

    def _headers(resp):
        h = resp.headers
        if resp.status_code != 429:
            h.pop("Retry-After", None)  # flask-limiter adds it to every response
        is_page = resp.mimetype == "text/html"
        h.setdefault("Content-Security-Policy", PAGE_CSP if is_page else API_CSP)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        h.setdefault("Referrer-Policy", "no-referrer")
        h.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        h.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.path.startswith("/api/") and request.method == "POST" or resp.status_code >= 400:
            h["Cache-Control"] = "no-store"
        return resp

    # After-request functions run last-registered first, and flask-limiter's (which adds
    # Retry-After to every response) was registered before this one: put ours at the front
    # of the list so that it runs last and sees the final headers.
    app.after_request_funcs.setdefault(None, []).insert(0, _headers)
