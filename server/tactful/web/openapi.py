"""The OpenAPI 3.1 document. Request bodies come from the same models that validate
requests (models.py); responses describe the contract's shapes."""

from __future__ import annotations

from .models import Model

_INT = {"type": "integer", "minimum": 0}
_SPAN = {"offset": _INT, "length": _INT}
_PART = {
    "type": "object",
    "required": ["present"],
    "properties": {"present": {"type": "boolean"}, **_SPAN, "tip": {"type": "string"}},
}
_SCORE = {"type": "integer", "minimum": 0, "maximum": 100}

SCHEMAS: dict = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }},
    },
    "Suggestion": {
        "type": "object", "required": ["text"],
        "properties": {"text": {"type": "string"}, "note": {"type": "string"}},
    },
    "Finding": {
        "type": "object",
        "required": ["id", "rule", "category", "severity", "offset", "length", "text",
                     "message", "explanation", "suggestions"],
        "properties": {
            "id": {"type": "string"}, "rule": {"type": "string"},
            "category": {"type": "string"},
            "severity": {"enum": ["high", "medium", "low"]},
            "offset": {**_INT, "description": "UTF-16 code units into the text sent."},
            "length": {**_INT, "description": "UTF-16 code units."},
            "text": {"type": "string", "description": "Exactly the UTF-16 slice of the text."},
            "message": {"type": "string"}, "explanation": {"type": "string"},
            "suggestions": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
        },
    },
    "Analysis": {
        "type": "object",
        "required": ["version", "strictness", "score", "label", "pushback", "findings",
                     "structure", "principles", "readability", "ignored"],
        "properties": {
            "version": {"const": "1"},
            "strictness": {"enum": ["gentle", "balanced", "strict"]},
            "score": _SCORE,
            "label": {"enum": ["ready", "review", "risky"]},
            "pushback": {"type": "boolean"},
            "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
            "structure": {"type": "object", "properties": {
                p: _PART for p in ("acknowledgement", "reason", "alternative", "next_step")}},
            "principles": {"type": "object", "properties": {
                p: _SCORE for p in ("knowledge", "intent", "understanding", "standing")}},
            "tone": {"type": "object", "description": "Present once the tone model exists."},
            "readability": {"type": "object", "properties": {
                "words": _INT, "sentences": _INT,
                "flesch_reading_ease": {"type": "number"}, "grade_level": {"type": "number"}}},
            "ignored": {"type": "array", "items": {
                "type": "object", "required": ["offset", "length", "reason"],
                "properties": {**_SPAN, "reason": {"enum": ["quoted-reply", "signature"]}}}},
        },
    },
    "Rewrite": {
        "type": "object", "required": ["text", "changes"],
        "properties": {
            "text": {"type": "string", "description": "The whole draft, cushioned."},
            "changes": {"type": "array", "items": {
                "type": "object", "required": ["offset", "length", "replacement", "rule"],
                "properties": {**_SPAN, "replacement": {"type": "string"},
                               "rule": {"type": "string"}}}},
        },
    },
    "Rule": {
        "type": "object",
        "required": ["id", "category", "severity", "message", "explanation", "examples"],
        "properties": {
            "id": {"type": "string"}, "category": {"type": "string"},
            "severity": {"enum": ["high", "medium", "low"]}, "principle": {"type": "string"},
            "message": {"type": "string"}, "explanation": {"type": "string"},
            "examples": {"type": "object", "properties": {
                "flags": {"type": "array", "items": {"type": "string"}},
                "passes": {"type": "array", "items": {"type": "string"}}}},
        },
    },
    "Health": {
        "type": "object", "required": ["status", "version"],
        "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
    },
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(name: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": _ref(name)}}}


def _errors(*statuses: int) -> dict:
    words = {400: "Malformed JSON, missing or non-string text, unknown strictness or rule.",
             401: "Missing or wrong bearer token (only when the server sets TACTFUL_TOKEN).",
             413: "Text over the character limit or body over the byte limit.",
             415: "The body is not application/json.",
             429: "Rate limit reached; see the Retry-After header."}
    return {str(s): _json("Error", words[s]) for s in statuses}


def document(models: dict[str, Model], version: str, cfg: dict) -> dict:
    post_errors = _errors(400, 401, 413, 415, 429)
    secured = [{"bearer": []}] if cfg.get("TOKEN") else []

    def post(summary: str, model: str, answer: str, desc: str) -> dict:
        return {"post": {
            "summary": summary, "operationId": model[: -len("Request")].lower(),
            "security": secured,
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": _ref(model)}}},
            "responses": {"200": _json(answer, desc), **post_errors},
        }}

    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Tactful",
            "version": version,
            "description": "A writing coach for pushback emails. Offsets are UTF-16 code "
                           f"units. Text is limited to {cfg['MAX_TEXT_CHARS']:,} characters "
                           f"and bodies to {cfg['MAX_BODY_BYTES']:,} bytes. Unknown body "
                           "members are ignored. The text is never logged or stored.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/analyze": post("Analyse a draft", "AnalyzeRequest", "Analysis",
                                    "The analysis."),
            "/api/v1/rewrite": post("Cushion a whole draft", "RewriteRequest", "Rewrite",
                                    "The cushioned draft and its changes."),
            "/api/v1/rules": {"get": {
                "summary": "List every rule", "operationId": "rules", "security": secured,
                "responses": {"200": {"description": "The rule pack.", "content": {
                    "application/json": {"schema": {
                        "type": "object", "required": ["rules"],
                        "properties": {"rules": {"type": "array", "items": _ref("Rule")}},
                    }}}}, **_errors(401, 429)}}},
            "/api/v1/openapi.json": {"get": {
                "summary": "This document", "operationId": "openapi", "security": secured,
                "responses": {"200": {"description": "OpenAPI 3.1."}}}},
            "/healthz": {"get": {
                "summary": "Liveness", "operationId": "healthz", "security": [],
                "responses": {"200": _json("Health", "The server is up.")}}},
            "/metrics": {"get": {
                "summary": "Prometheus metrics", "operationId": "metrics", "security": [],
                "responses": {"200": {"description": "Prometheus text exposition.",
                                      "content": {"text/plain": {}}}}}},
        },
        "components": {
            "schemas": {**{n: m.schema() for n, m in models.items()}, **SCHEMAS},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
