"""Shared fixtures for browser tests: a real Tactful server on a free loopback port and
Debian's Chromium driven by Playwright (never `playwright install`: it cannot download)."""

from __future__ import annotations

import shutil
import threading

import pytest


def chromium_executable() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if not path:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); "
                    "`make test` installs it when run as root")
    return path


@pytest.fixture(scope="session")
def playwright_instance():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    b = playwright_instance.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    yield b
    b.close()


class LiveServer:
    """A real HTTP server (werkzeug, threaded) around create_app(config) on a free port."""

    def __init__(self, config: dict | None = None):
        from werkzeug.serving import make_server

        from tactful.web import create_app

        # Browser suites share one server and fire many requests: no rate limit unless asked.
        self.app = create_app({"RATE_LIMIT": "off", **(config or {})})
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def live_server():
    server = LiveServer().start()
    yield server
    server.stop()
