"""Fixtures for the deployment tests: the example overlay rendered both by kubectl's
built-in kustomize (when installed) and by kustomize_lite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from deploy_support import TOKEN, overlay_copy, render, run_gunicorn  # noqa: E402


@pytest.fixture(scope="session")
def k8s_copy(tmp_path_factory) -> Path:
    return overlay_copy(tmp_path_factory.mktemp("deploy"))


@pytest.fixture(scope="session", params=["kubectl", "lite"])
def rendered(request, k8s_copy) -> list[dict]:
    """The example overlay, rendered."""
    return render(k8s_copy / "overlays" / "example", request.param)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """gunicorn as the container runs it, with a token and a tight rate limit."""
    logdir = tmp_path_factory.mktemp("gunicorn")
    with run_gunicorn(logdir, {"TACTFUL_TOKEN": TOKEN, "TACTFUL_RATE_LIMIT": "2 per minute"}) as s:
        yield s
