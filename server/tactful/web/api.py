"""The /api/v1 blueprint: analyze, rewrite, rules and the OpenAPI document."""

from __future__ import annotations

import json

from flask import Blueprint, current_app, g, jsonify, request

import tactful

from .errors import ApiError

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _body(model_name: str) -> dict:
    """Parse and validate a JSON body. The size is checked before a byte is read."""
    state = current_app.extensions["tactful"]
    limit = state.cfg["MAX_BODY_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, "body_too_large", f"The request body is over {limit:,} bytes.")
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type",
                       "Send the body as JSON with 'Content-Type: application/json'.")
    # A chunked body has no length to check up front: read at most limit + 1 bytes
    # (MAX_CONTENT_LENGTH is set to that) and refuse when the extra byte arrives.
    raw = request.get_data(cache=False)
    if len(raw) > limit:
        raise ApiError(413, "body_too_large", f"The request body is over {limit:,} bytes.")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "invalid_json", "The body is not valid UTF-8 JSON.") from None
    values = state.models[model_name].validate(body)
    g.text_chars = len(values["text"])
    return values


def _engine(fn, *args):
    try:
        return fn(*args)
    except (ValueError, TypeError) as e:  # validation above should make this unreachable
        raise ApiError(400, "invalid_request", str(e).split("\n")[0][:200]) from None


@bp.post("/analyze")
def analyze():
    v = _body("AnalyzeRequest")
    result = _engine(tactful.analyze, v["text"], v["strictness"], tuple(v["disabled_rules"]))
    current_app.extensions["tactful"].metrics.count_findings(result["findings"])
    g.findings = len(result["findings"])
    return jsonify(result)


@bp.post("/rewrite")
def rewrite():
    v = _body("RewriteRequest")
    result = _engine(tactful.rewrite, v["text"], v["strictness"])
    g.changes = len(result.get("changes", ()))
    return jsonify(result)


@bp.get("/rules")
def rules():
    return jsonify({"rules": current_app.extensions["tactful"].rules_public})


@bp.get("/openapi.json")
def openapi():
    return jsonify(current_app.extensions["tactful"].openapi)
