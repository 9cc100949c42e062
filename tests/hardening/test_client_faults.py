"""The clients when the server misbehaves: slow (5 s), answering garbage, or an error page.
Whatever happens: no error in the page, the draft is never changed, and Send is never held
up. (Server stopped mid-typing is tests/e2e's; the add-in's send check failing open is
outlook-addin/test/onsend.test.js.) Reuses the e2e fixtures and fake pages."""

from __future__ import annotations

import http.server
import importlib.util
import json
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


ext = _load("tactful_e2e_extension", ROOT / "tests" / "e2e" / "test_extension.py")
pane_mod = _load("tactful_e2e_addin_taskpane", ROOT / "tests" / "e2e" / "test_addin_taskpane.py")
# The extension's browser context, its service worker and the fake Gmail, as in tests/e2e.
context, worker, pages_url = ext.context, ext.worker, ext.pages_url
INLINE, DRAFT = ext.INLINE, ext.DRAFT

GARBAGE = {
    "html error page": (200, "text/html", "<html><body>502 Bad Gateway</body></html>"),
    "json of the wrong shape": (200, "application/json",
                                json.dumps({"findings": "none", "score": "high",
                                            "structure": [1, 2], "ignored": None})),
    "findings pointing outside the text": (200, "application/json", json.dumps({
        "findings": [{"rule": "blame.x", "category": "blame", "severity": "high",
                      "offset": 10_000, "length": 50, "text": "nope", "message": "m",
                      "explanation": "e", "suggestions": [{"text": "s"}]}],
        "score": 10, "label": "risky", "principles": {}, "structure": {}, "ignored": [],
        "stats": {}})),
    "truncated json": (200, "application/json", '{"findings": [{"rule": '),
    "a 500 with html": (500, "text/html", "<h1>Internal Server Error</h1>"),
}


class FaultyServer:
    """An HTTP server on loopback answering every /api call with `answer` after `delay`,
    with CORS for the extension (so the fault is the answer, not the origin)."""

    def __init__(self, answer=(200, "application/json", "{}"), delay: float = 0.0):
        owner = self
        self.answer, self.delay, self.hits = answer, delay, 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def _reply(self):
                owner.hits += 1
                time.sleep(owner.delay)
                status, ctype, body = owner.answer
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Headers", "content-type, authorization")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _reply

            def do_OPTIONS(self):
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "GET, POST")
                self.send_header("Access-Control-Allow-Headers", "content-type, authorization")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def faulty():
    servers = []

    def make(**kw):
        s = FaultyServer(**kw)
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.stop()


def open_gmail(context, worker, pages_url, server_url):
    worker.evaluate("Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()])")
    worker.evaluate("v => chrome.storage.sync.set(v)", {"serverUrl": server_url})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{pages_url}/gmail.html")
    page.wait_for_function("s => document.querySelector(s)?.getAttribute('data-tactful-state')",
                           arg=INLINE, timeout=10000)
    return page, errors


def type_and_send(page) -> float:
    """Type the draft, then press Send while the analysis is in flight; seconds until sent."""
    ext.type_into(page, INLINE, DRAFT)
    page.wait_for_timeout(800)  # past the typing pause: the analysis request is out
    started = time.monotonic()
    page.locator("#inline-reply .aoO").click()
    page.wait_for_function("window.__sent.length === 1", timeout=3000)
    return time.monotonic() - started


def assert_untouched(page, errors):
    assert ext.writer_text(page).strip() == DRAFT
    html = page.evaluate("window.__sent[0].html")
    assert "tactful" not in html.lower() and "You should have told us sooner" in html
    assert not [e for e in errors if "net::ERR" not in e and "Failed to load" not in e], errors


def test_extension_with_a_slow_server_never_holds_the_draft_or_send(
        context, worker, pages_url, faulty):
    slow = faulty(delay=5.0)
    page, errors = open_gmail(context, worker, pages_url, slow.url)
    try:
        waited = type_and_send(page)
        assert waited < 2.0, f"Send waited {waited:.1f} s for a slow server"
        assert slow.hits >= 1
        assert_untouched(page, errors)
        page.wait_for_timeout(5500)  # the late answer arrives: still nothing changes
        assert ext.writer_text(page).strip() == DRAFT
        assert page.evaluate("window.__sent.length") == 1
    finally:
        page.close()


@pytest.mark.parametrize("name", list(GARBAGE))
def test_extension_with_garbage_answers_stays_calm(context, worker, pages_url, faulty, name):
    bad = faulty(answer=GARBAGE[name])
    page, errors = open_gmail(context, worker, pages_url, bad.url)
    try:
        ext.type_into(page, INLINE, DRAFT)
        page.wait_for_function(
            "s => ['offline', 'error', 'ready'].includes("
            "document.querySelector(s).getAttribute('data-tactful-state'))", arg=INLINE)
        page.wait_for_timeout(800)
        assert bad.hits >= 1
        assert ext.writer_text(page).strip() == DRAFT
        page.locator("#inline-reply .aoO").click()
        page.wait_for_function("window.__sent.length === 1", timeout=3000)
        assert_untouched(page, errors)
    finally:
        page.close()


@pytest.fixture
def open_pane(browser, live_server):
    panes = []

    def make(route_api):
        pane = pane_mod.Pane(browser, live_server, {"html": pane_mod.DRAFT}, route_api)
        pane.errors = []
        pane.page.on("pageerror", lambda e: pane.errors.append(str(e)))
        panes.append(pane)
        return pane

    yield make
    for p in panes:
        p.close()


def test_addin_with_a_slow_server_leaves_the_draft_alone(open_pane):
    def slow(route):
        time.sleep(5)
        route.continue_()

    pane = open_pane(slow)
    pane.page.wait_for_selector("#pane[data-tactful-state]", timeout=15000)
    pane.wait_ready()  # the answer arrives after 5 s and is shown
    assert pane.body()["html"] == pane_mod.DRAFT
    assert not pane.page.evaluate(
        "Office._stub.calls.some(c => c.method === 'body.setAsync')")
    assert pane.errors == []


@pytest.mark.parametrize("name", list(GARBAGE))
def test_addin_with_garbage_answers_leaves_the_draft_alone(open_pane, name):
    status, ctype, body = GARBAGE[name]
    pane = open_pane(lambda route: route.fulfill(status=status, content_type=ctype, body=body))
    pane.until("['offline', 'error', 'ready'].includes("
               "document.querySelector('#pane').dataset.tactfulState)")
    pane.page.wait_for_timeout(500)
    assert pane.body()["html"] == pane_mod.DRAFT
    assert not pane.page.evaluate(
        "Office._stub.calls.some(c => c.method === 'body.setAsync')")
    assert pane.errors == [], pane.errors
