"""Fixtures for the hardening tests, reused from tests/web (LiveServer, gunicorn processes) and
tests/e2e (Chromium through Playwright, the extension's persistent context and fake pages).

The modules are loaded under their own names (several conftest.py files cannot all be
`conftest`). Only one sync Playwright may run in a process: when tests/e2e already started
one in this session, `playwright_instance` reuses it.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


_e2e = _load("tactful_e2e_fixtures", ROOT / "tests" / "e2e" / "conftest.py")
_web = _load("tactful_web_fixtures", ROOT / "tests" / "web" / "conftest.py")

LiveServer = _e2e.LiveServer
CHROMIUM_ARGS = _e2e.CHROMIUM_ARGS
Gunicorn = _web.Gunicorn
free_port = _web.free_port
chromium_path = _e2e.chromium_path
browser = _e2e.browser
live_server = _e2e.live_server
make_server = _web.make_server
gunicorn = _web.gunicorn


def _running_playwright():
    from playwright.sync_api._context_manager import PlaywrightContextManager

    for obj in gc.get_objects():
        if (isinstance(obj, PlaywrightContextManager) and hasattr(obj, "_playwright")
                and not obj._exit_was_called):
            return obj._playwright
    return None


@pytest.fixture(scope="session")
def playwright_instance():
    sync_api = pytest.importorskip("playwright.sync_api")
    running = _running_playwright()
    if running is not None:
        yield running
        return
    with sync_api.sync_playwright() as p:
        yield p
