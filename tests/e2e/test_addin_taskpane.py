"""The Outlook task pane in headless Chromium against the real Tactful server, with a stub
Office.js injected before the page loads (the CDN's office.js is routed to an empty file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tactful

ROOT = Path(__file__).resolve().parents[2]
STUB = ROOT / "outlook-addin" / "test" / "office-stub.js"
SHOT = ROOT / "docs" / "screenshots" / "outlook-taskpane.png"
OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"

DRAFT = ("<div>Hi Ann,</div><div>No. You should have told us about the new pages earlier. "
         "We can't do that by Friday.</div><div><br></div><div>Thanks,</div><div>Bob</div>")
BLAME = "blame.you-should-have"


class Pane:
    """One task pane page and what it did: requests to the API, CSP complaints."""

    def __init__(self, browser, server, stub: dict, route_api=None):
        self.context = browser.new_context(viewport={"width": 360, "height": 1000})
        self.page = self.context.new_page()
        self.analyzed: list[dict] = []
        self.csp: list[str] = []
        self.page.on("console", self._console)
        self.page.on("request", self._request)
        self.page.add_init_script(script=f"window.__TACTFUL_STUB__ = {json.dumps(stub)};")
        self.page.add_init_script(path=str(STUB))
        self.page.route(OFFICE_JS, lambda r: r.fulfill(status=200, content_type="text/javascript",
                                                       body="/* Office is the injected stub */"))
        if route_api:
            self.page.route("**/api/v1/**", route_api)
        self.page.goto(f"{server.url}/addin/taskpane.html")

    def _console(self, msg):
        if "Content Security Policy" in msg.text:
            self.csp.append(msg.text)

    def _request(self, req):
        if req.url.endswith("/api/v1/analyze") and req.method == "POST":
            self.analyzed.append(json.loads(req.post_data))

    def wait_ready(self, state="ready"):
        self.page.wait_for_selector(f'#pane[data-tactful-state="{state}"]', timeout=15000)

    def until(self, condition: str):
        """Wait for a JS condition. Passed as a function: a bare expression would be eval'd
        in the page, which the pane's CSP (rightly) forbids."""
        self.page.wait_for_function(f"() => ({condition})", timeout=15000)

    def body(self) -> dict:
        return self.page.evaluate("Office._stub.body()")

    def close(self):
        assert not self.csp, self.csp
        self.context.close()


@pytest.fixture
def open_pane(browser, live_server):
    panes = []

    def make(html=DRAFT, **kw):
        stub = {"html": html, **{k: v for k, v in kw.items() if k != "route_api"}}
        pane = Pane(browser, live_server, stub, kw.get("route_api"))
        panes.append(pane)
        return pane

    yield make
    for p in panes:
        p.close()


def test_check_shows_the_servers_analysis(open_pane):
    pane = open_pane()
    pane.wait_ready()
    text = pane.body()["text"]
    expected = tactful.analyze(text)
    page = pane.page
    rules = page.eval_on_selector_all("[data-tactful-finding]",
                                      "els => els.map(e => e.dataset.rule)")
    by_severity = sorted(expected["findings"], key=lambda f: ["high", "medium", "low"].index(
        f["severity"]))
    assert rules == [f["rule"] for f in by_severity] and BLAME in rules
    assert page.text_content("#score") == str(expected["score"])
    assert page.get_attribute("#label", "data-label") == expected["label"]
    assert page.locator("#structure-list li").count() == 4
    missing = page.eval_on_selector_all('#structure-list li[data-present="false"]',
                                        "els => els.map(e => e.dataset.part)")
    assert missing == [k for k, v in expected["structure"].items() if not v["present"]]
    blame = next(f for f in expected["findings"] if f["rule"] == BLAME)
    card = page.locator(f'[data-tactful-finding][data-rule="{BLAME}"]')
    assert blame["message"] in card.text_content() and blame["explanation"] in card.text_content()
    uses = card.locator('[data-tactful-action="apply"]')
    assert uses.count() == len(blame["suggestions"])
    assert uses.first.text_content() == f'Use: {blame["suggestions"][0]["text"]}'
    assert pane.analyzed == [{"text": text, "strictness": "balanced"}]


def test_apply_changes_only_the_phrase_and_rechecks(open_pane):
    pane = open_pane()
    pane.wait_ready()
    before = pane.body()
    finding = next(f for f in tactful.analyze(before["text"])["findings"] if f["rule"] == BLAME)
    suggestion = finding["suggestions"][0]["text"]
    pane.page.click(f'[data-rule="{BLAME}"] [data-tactful-action="apply"]')
    pane.until("!Office._stub.body().html.includes('You should have told us')")
    pane.wait_ready()
    after = pane.body()
    assert after["html"] == before["html"].replace(finding["text"], suggestion, 1)
    assert after["text"] == before["text"].replace(finding["text"], suggestion, 1)
    sets = pane.page.evaluate("Office._stub.calls.filter(c => c.method === 'body.setAsync')")
    assert len(sets) == 1 and sets[0]["type"] == "html"
    pane.until(f"!document.querySelector('[data-rule=\"{BLAME}\"]')")
    assert pane.analyzed[-1]["text"] == after["text"]


def test_strictness_is_saved_in_roaming_settings_and_used(open_pane):
    pane = open_pane()
    pane.wait_ready()
    pane.page.select_option("#strictness", "strict")
    pane.until("Office._stub.saved()['tactful.strictness'] === 'strict'")
    pane.wait_ready()
    pane.until("document.querySelectorAll('[data-tactful-finding]').length > 0")
    assert pane.analyzed[-1]["strictness"] == "strict"
    again = open_pane(settings={"tactful.strictness": "gentle"})
    again.wait_ready()
    assert again.page.input_value("#strictness") == "gentle"
    assert again.analyzed[0]["strictness"] == "gentle"


def test_phrase_split_by_formatting_asks_for_a_selection(open_pane):
    html = "<div>No. You <b>should</b> have told us earlier.</div>"
    pane = open_pane(html)
    pane.wait_ready()
    pane.page.click(f'[data-rule="{BLAME}"] [data-tactful-action="apply"]')
    pane.page.wait_for_selector("#ask:not([hidden])")
    assert pane.page.get_attribute("#ask", "data-reason") == "split"
    assert pane.body()["html"] == html
    pane.page.click('[data-tactful-action="replace-selection"]')
    pane.until("document.querySelector('#status').dataset.kind === 'error'")
    assert "Nothing is selected" in pane.page.text_content("#status")
    assert pane.body()["html"] == html
    pane.page.evaluate("Office._stub.select('You should have told us', "
                       "'You <b>should</b> have told us')")
    pane.page.click('[data-tactful-action="replace-selection"]')
    pane.until("!Office._stub.body().html.includes('<b>should</b>')")
    assert pane.body()["html"] == "<div>No. It would have helped to hear earlier.</div>"


def test_draft_changed_since_check_is_rechecked_before_applying(open_pane):
    pane = open_pane()
    pane.wait_ready()
    moved = DRAFT.replace("<div>Hi Ann,</div>", "<div>Hi Ann,</div><div>Quick one.</div>")
    pane.page.evaluate("(h) => Office._stub.setBody(h)", moved)
    pane.page.click(f'[data-rule="{BLAME}"] [data-tactful-action="apply"]')
    pane.until("!Office._stub.body().html.includes('You should have told us')")
    pane.wait_ready()
    texts = [a["text"] for a in pane.analyzed]
    assert "Quick one." not in texts[0] and "Quick one." in texts[1]
    assert "<div>Quick one.</div>" in pane.body()["html"]


def test_focus_rechecks_only_a_changed_draft(open_pane):
    pane = open_pane()
    pane.wait_ready()
    pane.page.evaluate("window.dispatchEvent(new Event('focus'))")
    pane.page.wait_for_timeout(300)
    assert len(pane.analyzed) == 1
    pane.page.evaluate("Office._stub.setBody('<div>Per my last email, no.</div>')")
    pane.page.evaluate("window.dispatchEvent(new Event('focus'))")
    pane.until(f"!document.querySelector('[data-rule=\"{BLAME}\"]')")
    pane.wait_ready()
    assert len(pane.analyzed) == 2 and pane.analyzed[1]["text"] == "Per my last email, no."


def test_server_down_shows_offline(open_pane):
    pane = open_pane(route_api=lambda route: route.abort())
    pane.wait_ready("offline")
    assert "Cannot reach the Tactful server" in pane.page.text_content("#status")
    assert pane.body()["html"] == DRAFT


def test_body_read_failure_is_reported(open_pane):
    pane = open_pane(fail={"getText": "The item is being saved"})
    pane.until("document.querySelector('#status').textContent.includes('saved')")
    assert pane.analyzed == []


def test_cushion_it_rewrites_the_whole_draft_in_place(open_pane):
    pane = open_pane()
    pane.wait_ready()
    original = pane.body()
    expected = tactful.rewrite(original["text"])
    pane.page.click('[data-tactful-action="cushion"]')
    pane.page.wait_for_selector("#rewrite:not([hidden])")
    assert pane.page.text_content("#rewrite-text") == expected["text"]
    assert pane.page.locator("#rewrite-text mark").count() == len(expected["changes"])
    pane.page.click('[data-tactful-action="apply-rewrite"]')
    pane.until("Office._stub.calls.some(c => c.method === 'body.setAsync')")
    pane.wait_ready()
    after = pane.body()
    assert after["text"] == expected["text"]
    assert after["html"].count("<div>") == original["html"].count("<div>")


def test_screenshot(open_pane):
    pane = open_pane()
    pane.wait_ready()
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    pane.page.screenshot(path=str(SHOT), full_page=True)
    assert SHOT.stat().st_size > 10_000


def test_nothing_is_applied_when_the_recheck_of_a_changed_draft_fails(open_pane):
    calls = []

    def flaky(route):
        calls.append(route.request.url)
        route.continue_() if len(calls) == 1 else route.abort()

    pane = open_pane(route_api=flaky)
    pane.wait_ready()
    moved = DRAFT.replace("<div>Hi Ann,</div>", "<div>Hi Ann,</div><div>Quick one.</div>")
    pane.page.evaluate("(h) => Office._stub.setBody(h)", moved)
    pane.page.click(f'[data-rule="{BLAME}"] [data-tactful-action="apply"]')
    pane.wait_ready("offline")
    pane.page.wait_for_timeout(200)
    assert len(calls) == 2
    assert pane.body()["html"] == moved
    assert not pane.page.evaluate("Office._stub.calls.some(c => c.method === 'body.setAsync')")
