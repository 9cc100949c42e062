"""Request models: one declaration per body, used both to validate requests and to write
their JSON Schema into the OpenAPI document, so the two cannot drift apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ApiError


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str                       # "string" or "string[]"
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()   # allowed values (of the string, or of each item)
    default: object = None
    max_chars: int | None = None    # checked after the type, answered with 413
    unknown_code: str = "invalid_value"


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    fields: tuple[Field, ...]

    def schema(self) -> dict:
        """JSON Schema (2020-12, as OpenAPI 3.1 uses) of a valid body."""
        props = {}
        for f in self.fields:
            item: dict = {"type": "string"}
            if f.choices:
                item["enum"] = list(f.choices)
            if f.kind == "string":
                prop = dict(item)
                if f.max_chars is not None:
                    prop["maxLength"] = f.max_chars
            else:
                prop = {"type": "array", "items": item}
            prop["description"] = f.description
            if f.default is not None:
                prop["default"] = f.default
            props[f.name] = prop
        return {
            "type": "object",
            "properties": props,
            "required": [f.name for f in self.fields if f.required],
            # Unknown members are ignored, so newer clients keep working with older servers.
            "additionalProperties": True,
        }

    def validate(self, body: object) -> dict:
        """The body's values (defaults filled in), or ApiError naming the first problem."""
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_body", "The JSON body must be an object.")
        out = {}
        for f in self.fields:
            if f.name not in body:
                if f.required:
                    raise ApiError(400, "missing_field", f"'{f.name}' is required.")
                out[f.name] = list(f.default) if isinstance(f.default, list) else f.default
                continue
            out[f.name] = _check(f, body[f.name])
        return out


_ID_LIKE = re.compile(r"[a-z][a-z-]{0,30}\.[a-z0-9-]{1,60}\Z")


def _check(f: Field, value: object):
    if f.kind == "string":
        if not isinstance(value, str):
            raise ApiError(400, "invalid_type", f"'{f.name}' must be a string.")
        if f.choices and value not in f.choices:
            raise ApiError(400, f.unknown_code,
                           f"'{f.name}' must be one of: {', '.join(f.choices)}.")
        if f.max_chars is not None and len(value) > f.max_chars:
            raise ApiError(413, "text_too_long",
                           f"'{f.name}' has {len(value):,} characters; the limit is "
                           f"{f.max_chars:,}.")
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, "invalid_type", f"'{f.name}' must be a list of strings.")
    unknown = [v for v in value if f.choices and v not in f.choices]
    if unknown:
        # Echo only what looks like a rule id: a client that put draft text in the wrong
        # field must not get it back in an error (clients show and may log messages).
        shown = ", ".join(repr(v) if _ID_LIKE.match(v) else "(a value that is not an id)"
                          for v in unknown[:5])
        raise ApiError(400, f.unknown_code, f"Unknown value(s) in '{f.name}': {shown}.")
    return value


def request_models(max_chars: int, strictness: tuple[str, ...],
                   rule_ids: tuple[str, ...]) -> dict[str, Model]:
    text = Field("text", "string", "The draft, exactly as typed. Offsets in the answer are "
                 "UTF-16 code units into this string.", required=True, max_chars=max_chars)
    level = Field("strictness", "string", "gentle: only what likely damages the "
                  "relationship; balanced: also what weakens the message; strict: also "
                  "style nits.", choices=strictness, default="balanced",
                  unknown_code="unknown_strictness")
    disabled = Field("disabled_rules", "string[]", "Rule ids (from /api/v1/rules) not to "
                     "report.", choices=rule_ids, default=[], unknown_code="unknown_rule")
    return {
        "AnalyzeRequest": Model("AnalyzeRequest", (text, level, disabled)),
        "RewriteRequest": Model("RewriteRequest", (text, level)),
    }
