"""Every failure leaves as `{"error": {"code", "message"}}` JSON: client mistakes as 4xx with
a code a program can switch on, and anything unexpected as a bare 500 that logs no text."""

from __future__ import annotations

import logging
import traceback

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger("tactful.web")

# Codes for werkzeug's own exceptions (routing, body size, rate limit ...).
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}
_HTTP_MESSAGES = {
    404: "No such endpoint. See /api/v1/openapi.json for the API.",
    405: "This endpoint does not accept that method.",
    413: "The request body is too large.",
}


class ApiError(Exception):
    """A client mistake with a precise code and a message safe to show (never the text)."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, headers: dict | None = None):
    resp = jsonify({"error": {"code": code, "message": message}})
    resp.status_code = status
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(e: ApiError):
        return error_response(e.status, e.code, e.message, e.headers)

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):
        status = e.code or 500
        code = _HTTP_CODES.get(status, "http_error")
        message = _HTTP_MESSAGES.get(status) or e.description or e.name
        if status == 429:
            message = f"Too many requests (limit: {e.description}). Try again shortly."
        headers = {}
        original = e.get_response()
        for name in ("Allow", "Retry-After", "WWW-Authenticate"):
            if name in original.headers:
                headers[name] = original.headers[name]
        if status >= 500:
            code, message = "internal_error", "The server failed; the request was not analysed."
        return error_response(status, code, message, headers)

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):
        # Log where it failed, never the exception's message: it could quote the draft.
        frames = traceback.extract_tb(e.__traceback__)
        where = [f"{f.filename}:{f.lineno} in {f.name}" for f in frames[-6:]]
        log.error("unhandled error", extra={"error_type": type(e).__name__, "where": where})
        return error_response(500, "internal_error",
                              "The server failed; the request was not analysed.")
