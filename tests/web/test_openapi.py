"""The OpenAPI document is 3.1 and its request schemas accept exactly what the server
accepts (both come from the same models)."""

from __future__ import annotations

import jsonschema
import pytest
import requests

from tactful.rules import load

RULE = load().rules[0].id
BODIES = [
    {"text": "Fine."},
    {"text": ""},
    {"text": "x", "strictness": "strict"},
    {"text": "x", "strictness": "gentle", "disabled_rules": [RULE]},
    {"text": "x", "disabled_rules": []},
    {"text": "x", "extra": {"ignored": True}},
    {},
    {"text": 3},
    {"text": None},
    {"text": ["x"]},
    {"text": "x", "strictness": "nope"},
    {"text": "x", "strictness": None},
    {"text": "x", "disabled_rules": ["no.such"]},
    {"text": "x", "disabled_rules": RULE},
    {"text": "x", "disabled_rules": [3]},
    {"strictness": "strict"},
    [],
    "text",
]


@pytest.fixture(scope="module")
def doc(api):
    return requests.get(api.url + "/api/v1/openapi.json", timeout=5).json()


def schema_of(doc, name):
    """The named schema, with the document's components so $refs resolve."""
    return {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}


def test_document_is_openapi_31_with_every_endpoint(doc):
    assert doc["openapi"].startswith("3.1.")
    for path in ("/api/v1/analyze", "/api/v1/rewrite", "/api/v1/rules",
                 "/api/v1/openapi.json", "/healthz"):
        assert path in doc["paths"], path
    analyze = doc["paths"]["/api/v1/analyze"]["post"]
    assert {"200", "400", "413", "415", "429"} <= set(analyze["responses"])


@pytest.mark.parametrize("path, model", [("/api/v1/analyze", "AnalyzeRequest"),
                                         ("/api/v1/rewrite", "RewriteRequest")])
@pytest.mark.parametrize("body", BODIES, ids=lambda b: repr(b)[:40])
def test_request_schema_matches_validation(api, doc, path, model, body):
    ref = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert ref["$ref"].endswith("/" + model)
    valid = jsonschema.Draft202012Validator(schema_of(doc, model)).is_valid(body)
    r = requests.post(api.url + path, json=body, timeout=5)
    # (rewrite has no disabled_rules: like any unknown member, the schema and server ignore it)
    assert (r.status_code == 200) == valid, (body, r.text)


def test_text_limit_is_in_the_schema(make_server):
    server = make_server({"MAX_TEXT_CHARS": 10, "RATE_LIMIT": "off"})
    doc = requests.get(server.url + "/api/v1/openapi.json", timeout=5).json()
    schema = schema_of(doc, "AnalyzeRequest")
    for text in ("a" * 10, "a" * 11):
        valid = jsonschema.Draft202012Validator(schema).is_valid({"text": text})
        r = requests.post(server.url + "/api/v1/analyze", json={"text": text}, timeout=5)
        assert (r.status_code == 200) == valid
        assert r.status_code in (200, 413)


def test_responses_match_their_schemas(api, doc):
    body = {"text": "You should have told us sooner. We can't do that."}
    checks = [("Analysis", requests.post(api.url + "/api/v1/analyze", json=body, timeout=5)),
              ("Rewrite", requests.post(api.url + "/api/v1/rewrite", json=body, timeout=5)),
              ("Health", requests.get(api.url + "/healthz", timeout=5)),
              ("Error", requests.post(api.url + "/api/v1/analyze", json={}, timeout=5))]
    for name, resp in checks:
        jsonschema.validate(resp.json(), schema_of(doc, name),
                            cls=jsonschema.Draft202012Validator)
