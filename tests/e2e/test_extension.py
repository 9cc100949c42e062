"""The Chrome extension end to end: Debian's Chromium with the unpacked extension loaded, a
page reproducing Gmail's compose DOM (served on localhost and, by request routing, on
https://mail.google.com/), and the real Tactful server."""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, LiveServer

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
PAGES = Path(__file__).resolve().parent / "pages"
SCREENSHOTS = ROOT / "docs" / "screenshots"
EXTENSION_ID = "cadhmggciggmigkopbcphpdbhiglhlci"  # from the manifest's "key"
INLINE = "#inline-reply [g_editable]"
DRAFT = ("Thanks for the note. You should have told us sooner. We can do that!!! "
         "Obviously this is not our fault.")
QUOTED_WORDS = ("Ana Lima", "ASKED US FIRST", "motto", "schrieb", "unacceptable", "export")


class RecordingServer(LiveServer):
    """LiveServer that also keeps every JSON body POSTed to /api (to see what was sent)."""

    def __init__(self, port: int = 0):
        from werkzeug.serving import make_server

        from tactful.web import create_app

        self.app = create_app({"ALLOWED_ORIGINS": [f"chrome-extension://{EXTENSION_ID}"],
                               "RATE_LIMIT": "off"})
        self.bodies: list[tuple[str, dict]] = []
        inner = self.app.wsgi_app

        def record(environ, start_response):
            path = environ.get("PATH_INFO", "")
            if environ["REQUEST_METHOD"] == "POST" and path.startswith("/api/"):
                raw = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
                self.bodies.append((path, json.loads(raw or b"{}")))
                environ["wsgi.input"] = io.BytesIO(raw)
            return inner(environ, start_response)

        self.app.wsgi_app = record
        self._server = make_server("127.0.0.1", port, self.app, threaded=True)
        self.port = self._server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def analysed(self) -> list[dict]:
        return [body for path, body in self.bodies if path == "/api/v1/analyze"]


@pytest.fixture(scope="module")
def server():
    s = RecordingServer().start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def pages_url():
    """The fake Gmail on a real localhost server, under /tactful-fixtures/."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            return str(PAGES / path.split("?")[0].removeprefix("/tactful-fixtures/"))

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(Handler, directory=str(PAGES)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/tactful-fixtures"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def context(playwright_instance, chromium_path, tmp_path_factory):
    ctx = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")), executable_path=chromium_path, headless=True,
        viewport={"width": 1200, "height": 800},
        args=[f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}",
              *CHROMIUM_ARGS])
    body = (PAGES / "gmail.html").read_text(encoding="utf-8")
    ctx.route("https://mail.google.com/**",
              lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                          body=body))
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def worker(context):
    sw = context.service_workers[0] if context.service_workers else \
        context.wait_for_event("serviceworker", timeout=15000)
    assert sw.url.startswith(f"chrome-extension://{EXTENSION_ID}/"), sw.url
    return sw


@pytest.fixture
def settings(worker, server):
    """Fresh settings for each test, pointing at the recording server."""

    def apply(**values):
        values.setdefault("serverUrl", server.url)
        worker.evaluate("v => chrome.storage.sync.set(v)", values)

    worker.evaluate("Promise.all([chrome.storage.sync.clear(), chrome.storage.local.clear()])")
    apply()
    server.bodies.clear()
    return apply


@pytest.fixture
def gmail(context, pages_url, settings):
    """The fake Gmail on localhost, with page errors collected."""
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{pages_url}/gmail.html")
    wait_state(page, INLINE, "ready")
    yield page
    page.close()


def wait_state(page, selector, state, timeout=10000):
    page.wait_for_function(
        "([sel, state]) => document.querySelector(sel)?.getAttribute('data-tactful-state')"
        " === state", arg=[selector, state], timeout=timeout)


def type_into(page, selector, text):
    """Put the caret at the start of the compose body (above quote and signature) and type."""
    page.evaluate("""sel => {
        const ed = document.querySelector(sel);
        ed.focus();
        getSelection().collapse(ed.firstChild, 0);
    }""", selector)
    page.keyboard.type(text)


def pieces(page, within=None):
    """Drawn highlights as dicts; `within` keeps those inside one editor's box."""
    return page.evaluate("""sel => {
        const box = sel && document.querySelector(sel).getBoundingClientRect();
        return [...document.querySelectorAll('[data-tactful-overlay] [data-tactful-finding]')]
          .map(p => {
            const r = p.getBoundingClientRect();
            return {rule: p.dataset.rule, offset: +p.dataset.offset, length: +p.dataset.length,
                    severity: p.dataset.severity, rect: [r.left, r.top, r.right, r.bottom]};
          })
          .filter(p => !box || (p.rect[1] >= box.top - 1 && p.rect[3] <= box.bottom + 1
                                 && p.rect[0] >= box.left - 1 && p.rect[2] <= box.right + 1));
    }""", within)



def hover_piece(page, which) -> dict:
    """Move the mouse over the first drawn highlight that `which` accepts; returns it."""
    piece = next(p for p in pieces(page) if which(p))
    left, top, right, bottom = piece["rect"]
    page.mouse.move((left + right) / 2, (top + bottom) / 2)
    return piece

def wait_for_pieces(page, count=1, within=None, timeout=10000):
    page.wait_for_function(
        """([n, sel]) => {
            const all = [...document.querySelectorAll('[data-tactful-finding]')];
            if (!sel) return all.length >= n;
            const box = document.querySelector(sel).getBoundingClientRect();
            return all.filter(p => { const r = p.getBoundingClientRect();
              return r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }).length >= n;
        }""", arg=[count, within], timeout=timeout)


def writer_text(page, selector=INLINE):
    return page.evaluate("sel => document.querySelector(sel).firstElementChild.textContent",
                         selector)


def text_rects(page, selector, phrase):
    """Client rects of `phrase` found in the editor's text nodes, by a Range of our own."""
    return page.evaluate("""([sel, phrase]) => {
        const walker = document.createTreeWalker(document.querySelector(sel), NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = n.data.indexOf(phrase);
          if (i < 0) continue;
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + phrase.length);
          return [...r.getClientRects()].map(x => [x.left, x.top, x.right, x.bottom]);
        }
        return null;
    }""", [selector, phrase])


def test_highlights_sit_on_the_words_and_the_editor_is_untouched(gmail, server):
    type_into(gmail, INLINE, DRAFT)
    html_typed = gmail.inner_html(INLINE)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    sent = server.analysed()[-1]["text"]
    drawn = pieces(gmail)
    assert {p["rule"] for p in drawn} >= {"blame.you-should-have", "condescension.clearly"}
    for p in drawn:
        phrase = sent[p["offset"]:p["offset"] + p["length"]]
        expected = text_rects(gmail, INLINE, phrase)
        assert expected, phrase
        assert any(all(abs(a - b) <= 1 for a, b in zip(p["rect"], r, strict=True))
                   for r in expected), (phrase, p["rect"], expected)
    # The compose body's own HTML is byte-for-byte what the typing produced.
    assert gmail.inner_html(INLINE) == html_typed
    assert "tactful" not in html_typed.lower()
    editor_attrs = gmail.evaluate(
        "sel => document.querySelector(sel).getAttributeNames()", INLINE)
    assert [a for a in editor_attrs if "tactful" in a] == ["data-tactful-state"]
    assert gmail.errors == []


def test_quote_and_signature_are_never_sent(gmail, server):
    type_into(gmail, INLINE, DRAFT)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 1)
    bodies = server.analysed()
    assert bodies, "no analysis request reached the server"
    for body in bodies:
        assert body["text"].strip() == DRAFT
        assert not any(word in body["text"] for word in QUOTED_WORDS)
    # and nothing is drawn over the quote or the signature
    quote_top = gmail.evaluate(
        "document.querySelector('.gmail_signature_prefix').getBoundingClientRect().top")
    assert all(p["rect"][1] < quote_top for p in pieces(gmail))


def test_apply_a_suggestion_then_undo(gmail):
    type_into(gmail, INLINE, DRAFT)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    hover_piece(gmail, lambda p: p["rule"] == "blame.you-should-have")
    card = gmail.locator("[data-tactful-card]")
    card.wait_for()
    assert card.get_attribute("data-rule") == "blame.you-should-have"
    button = card.locator("[data-tactful-action=apply]").first
    suggestion = button.inner_text()
    button.click()
    assert writer_text(gmail) == DRAFT.replace("You should have told us", suggestion)
    # the old highlight is gone at once, before any new analysis
    assert not [p for p in pieces(gmail) if p["rule"] == "blame.you-should-have"]
    gmail.keyboard.press("Control+z")
    assert writer_text(gmail) == DRAFT
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    assert gmail.errors == []


def test_stale_suggestion_never_overwrites_new_typing(gmail):
    type_into(gmail, INLINE, DRAFT)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    hover_piece(gmail, lambda p: p["rule"] == "blame.you-should-have")
    gmail.locator("[data-tactful-card]").wait_for()
    # The writer changes the flagged words and, in the same instant, the suggestion is
    # clicked: the card still offers it, but applying must not overwrite the new words.
    clicked = gmail.evaluate("""sel => {
        const ed = document.querySelector(sel);
        const node = ed.firstElementChild.firstChild;
        const i = node.data.indexOf('should');
        const r = document.createRange();
        r.setStart(node, i); r.setEnd(node, i + 6);
        ed.focus(); getSelection().removeAllRanges(); getSelection().addRange(r);
        document.execCommand('insertText', false, 'could');
        const button = document.querySelector('[data-tactful-card] [data-tactful-action=apply]');
        if (!button) return false;
        button.click();
        return true;
    }""", INLINE)
    assert clicked
    assert writer_text(gmail) == DRAFT.replace("should", "could", 1)
    # and the highlight on the changed words is gone without waiting for the server
    gmail.wait_for_function(
        "!document.querySelector('[data-tactful-finding][data-rule=\"blame.you-should-have\"]')")
    assert gmail.locator("[data-tactful-card]").count() == 0


def test_strictness_from_the_popup_reanalyses(gmail, context, server):
    type_into(gmail, INLINE, DRAFT)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    balanced = pieces(gmail)
    popup = context.new_page()
    popup.goto(f"chrome-extension://{EXTENSION_ID}/popup/popup.html")
    popup.wait_for_selector("#status[data-status=ok]")
    assert popup.is_checked("input[value=balanced]")
    popup.check("input[value=gentle]")
    popup.close()
    gmail.wait_for_function(
        "n => document.querySelectorAll('[data-tactful-finding]').length < n",
        arg=len(balanced))
    wait_state(gmail, INLINE, "ready")
    assert server.analysed()[-1]["strictness"] == "gentle"
    gentle = pieces(gmail)
    assert {p["severity"] for p in gentle} == {"high"}
    key = {(p["rule"], p["offset"]) for p in gentle}
    assert key <= {(p["rule"], p["offset"]) for p in balanced}


def test_never_flag_this_rule_and_ignore_here(gmail, worker):
    type_into(gmail, INLINE, DRAFT)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    hover_piece(gmail, lambda p: p["rule"] == "condescension.clearly")
    gmail.locator("[data-tactful-card] [data-tactful-action=disable-rule]").click()
    gmail.wait_for_function("!document.querySelector('[data-rule=\"condescension.clearly\"]')")
    stored = worker.evaluate("chrome.storage.sync.get('disabledRules')")
    assert stored["disabledRules"] == ["condescension.clearly"]
    shout = next(p for p in pieces(gmail) if p["rule"].startswith("shouting"))
    left, top, right, bottom = shout["rect"]
    gmail.mouse.move((left + right) / 2, (top + bottom) / 2)
    gmail.locator("[data-tactful-card] [data-tactful-action=ignore]").click()
    rules = {p["rule"] for p in pieces(gmail)}
    assert shout["rule"] not in rules
    assert "blame.you-should-have" in rules


def test_server_stopped_mid_typing_goes_offline_then_recovers(gmail, settings):
    own = RecordingServer().start()
    port = own.port
    settings(serverUrl=own.url)
    type_into(gmail, INLINE, "Thanks for asking. ")
    wait_state(gmail, INLINE, "ready")
    own.stop()
    gmail.keyboard.type("You should have told us sooner.")
    wait_state(gmail, INLINE, "offline")
    badge = gmail.locator("[data-tactful-badge]")
    assert badge.inner_text() == "offline"
    gmail.keyboard.type(" More words keep arriving without delay.")
    assert writer_text(gmail).endswith("without delay.")
    revived = RecordingServer(port).start()
    try:
        wait_state(gmail, INLINE, "ready", timeout=20000)
        wait_for_pieces(gmail, 1)
    finally:
        revived.stop()
    assert gmail.errors == []


def test_send_asks_first_when_high_findings_remain(gmail, settings):
    type_into(gmail, INLINE, DRAFT)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    send = gmail.locator("#inline-reply .aoO")
    send.click()
    confirm = gmail.locator("[data-tactful-confirm]")
    confirm.wait_for()
    assert gmail.evaluate("window.__sent.length") == 0
    confirm.locator("[data-tactful-action=review]").click()
    assert confirm.count() == 0
    gmail.locator("[data-tactful-card]").wait_for()  # review opens the first issue
    assert gmail.evaluate("window.__sent.length") == 0
    # Ctrl+Enter asks too; "Send anyway" sends exactly once, with no Tactful markup
    gmail.focus(INLINE)
    gmail.keyboard.press("Control+Enter")
    confirm.wait_for()
    assert gmail.evaluate("window.__sent.length") == 0
    confirm.locator("[data-tactful-action=send-anyway]").click()
    gmail.wait_for_function("window.__sent.length === 1")
    html = gmail.evaluate("window.__sent[0].html")
    assert "tactful" not in html.lower()
    assert "You should have told us" in html
    # turned off in the options: Send goes straight through
    settings(sendCheck="off")
    gmail.wait_for_timeout(300)
    send.click()
    gmail.wait_for_function("window.__sent.length === 2")
    assert confirm.count() == 0


def test_two_compose_windows_on_routed_gmail(context, settings, server):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto("https://mail.google.com/mail/u/0/#inbox")
    wait_state(page, INLINE, "ready")
    page.click("#compose-button")  # a pop-out compose opened after load
    popout = ".nH.Hd [g_editable]"
    wait_state(page, popout, "ready")
    type_into(page, INLINE, DRAFT)
    type_into(page, popout, "Obviously we never agreed to that.")
    wait_state(page, INLINE, "ready")
    wait_state(page, popout, "ready")
    wait_for_pieces(page, 3, within=INLINE)
    wait_for_pieces(page, 1, within=popout)
    texts = {b["text"].strip() for b in server.analysed()}
    assert {DRAFT, "Obviously we never agreed to that."} <= texts
    in_popout = pieces(page, within=popout)
    assert "condescension.clearly" in {p["rule"] for p in in_popout}
    assert len(page.query_selector_all("[data-tactful-overlay]")) == 2
    # closing a compose removes its overlay
    page.evaluate("document.querySelector('.nH.Hd').remove()")
    page.wait_for_function("document.querySelectorAll('[data-tactful-overlay]').length === 1")
    assert errors == []
    page.close()


def test_coach_panel_cushion_insert_and_undo(gmail):
    text = "No, we can't do that. You should have asked."
    type_into(gmail, INLINE, text)
    wait_state(gmail, INLINE, "ready")
    gmail.click("[data-tactful-badge]")
    panel = gmail.locator("[data-tactful-panel]")
    panel.wait_for()
    checks = panel.locator("[data-tactful-check]")
    assert checks.count() == 4
    panel.locator("[data-tactful-action=cushion]").click()
    preview = panel.locator("[data-tactful-preview]")
    preview.wait_for()
    rewritten = preview.inner_text()
    assert rewritten and rewritten != text
    panel.locator("[data-tactful-action=insert]").click()
    assert writer_text(gmail) == rewritten.strip()
    body = gmail.evaluate("sel => document.querySelector(sel).innerText", INLINE)
    assert "Ana Lima" in body and "schrieb" in body  # signature and quote untouched
    gmail.keyboard.press("Control+z")
    assert writer_text(gmail) == text
    assert gmail.errors == []


def test_pause_from_the_popup_and_screenshot(gmail, context):
    type_into(gmail, INLINE, DRAFT)
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    hover_piece(gmail, lambda p: p["rule"] == "blame.you-should-have")
    gmail.locator("[data-tactful-card]").wait_for()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    gmail.screenshot(path=str(SCREENSHOTS / "extension.png"))
    gmail.bring_to_front()
    tab_id = context.service_workers[0].evaluate(
        "chrome.tabs.query({active: true}).then(ts => ts[0].id)")
    popup = context.new_page()
    popup.goto(f"chrome-extension://{EXTENSION_ID}/popup/popup.html?tab={tab_id}")
    popup.locator("#pause:not([disabled])").click()
    wait_state(gmail, INLINE, "paused")
    assert pieces(gmail) == []
    popup.locator("#pause", has_text="Resume").click()
    wait_state(gmail, INLINE, "ready")
    wait_for_pieces(gmail, 3)
    popup.close()


def test_outlook_reply_reads_only_the_writer(context, pages_url, settings, server):
    page = context.new_page()
    page.goto(f"{pages_url}/outlook.html")
    editor = "#editorParent_1"
    wait_state(page, editor, "ready")
    type_into(page, editor, "You should have told us sooner.")
    wait_state(page, editor, "ready")
    wait_for_pieces(page, 1)
    texts = [b["text"] for b in server.analysed()]
    assert texts and all("Obviously" not in t and "Client" not in t for t in texts)
    assert texts[-1].strip() == "You should have told us sooner."
    assert "blame.you-should-have" in {p["rule"] for p in pieces(page)}
    page.close()
