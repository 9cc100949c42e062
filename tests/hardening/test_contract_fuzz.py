"""Contract fuzzing with schemathesis against a live server (real HTTP on a loopback port):
generated requests for every operation in /api/v1/openapi.json, valid and invalid. Every
response must be a non-5xx that conforms to the document, and every error must be the
contract's `{"error": {"code", "message"}}` JSON. The full run (over 1,000 requests) is
scripts/fuzz_api.py; this one keeps `make test` fast."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")

CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = int(os.environ.get("TACTFUL_API_FUZZ_EXAMPLES", "15"))


@pytest.fixture(scope="module")
def live_schema():
    from tactful_e2e_fixtures import LiveServer

    server = LiveServer({"RATE_LIMIT": "off"}).start()
    try:
        yield schemathesis.openapi.from_url(server.url + "/api/v1/openapi.json",
                                            config=schemathesis.Config.from_path(CONFIG))
    finally:
        server.stop()


def contract_error(response) -> None:
    """A 4xx answer is the contract's error JSON, never HTML or a bare string."""
    if response.status_code < 400:
        return
    ctype = (response.headers.get("content-type") or [""])[0]  # schemathesis: lists
    assert ctype.startswith("application/json"), (response.status_code, response.text[:200])
    body = response.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"].get("code"), str) and body["error"]["code"]
    assert isinstance(body["error"].get("message"), str) and body["error"]["message"]


def operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_conforms_under_generated_requests(live_schema):
    """Valid and invalid (negative) cases for every operation, over real HTTP."""
    from schemathesis.generation import GenerationMode

    ops = operations(live_schema)
    paths = {op.path for op in ops}
    assert {"/api/v1/analyze", "/api/v1/rewrite", "/api/v1/rules", "/healthz"} <= paths, paths
    sent = []

    def fuzz(op, mode):
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy(generation_mode=mode))
        def run(case):
            response = case.call(timeout=30)
            sent.append((op.path, response.status_code))
            assert response.status_code < 500, (case.method, case.path, case.body,
                                                response.text[:200])
            case.validate_response(response)
            contract_error(response)

        run()

    for op in ops:
        fuzz(op, GenerationMode.POSITIVE)
        if op.method.upper() == "POST":  # GETs take no input to get wrong
            fuzz(op, GenerationMode.NEGATIVE)
    assert len(sent) >= len(ops) * min(EXAMPLES, 5)
