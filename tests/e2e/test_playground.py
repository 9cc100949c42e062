"""The playground page (`GET /`) in headless Chromium against a real server.

Every highlight is checked against a Range the test builds itself from the editor's text
nodes and the highlight's data-offset/data-length, and against what the API says about
the same text: so the overlay must sit on the right words, not merely exist.
"""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

STATIC = Path(__file__).resolve().parents[2] / "server" / "tactful" / "web" / "static"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "playground.png"

RISKY = ("Hi Sam,\n\nYou should have told us about the new pages sooner. "
         "We cannot do this by Friday!!! I just think maybe we could try next month.\n\nBen")
EMOJI = ("🎉🎉 Thanks for the note 👍🏽 but you should have told us sooner. "
         "You clearly don't understand how long testing takes!!!")

# Walks the editor's text nodes (the test's own mapping, independent of the page's code)
# and measures every drawn highlight against a Range over data-offset/data-length.
MEASURE_JS = """
() => {
  const editor = document.getElementById('tf-editor');
  const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  const nodes = []; let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({node: n, start: text.length}); text += n.data;
  }
  const point = (offset, atEnd) => {
    for (const {node, start} of nodes) {
      const end = start + node.data.length;
      if (atEnd ? (offset > start && offset <= end) : (offset >= start && offset < end)) {
        return [node, offset - start];
      }
    }
    throw new Error('offset out of range: ' + offset);
  };
  const box = (r) => ({x: r.left, y: r.top, w: r.width, h: r.height});
  return {
    text,
    highlights: Array.from(document.querySelectorAll(
        '[data-tactful-overlay] [data-tactful-finding]')).map((el) => {
      const offset = Number(el.dataset.offset), length = Number(el.dataset.length);
      const range = document.createRange();
      range.setStart(...point(offset, false));
      range.setEnd(...point(offset + length, true));
      return {
        rule: el.dataset.rule, severity: el.dataset.severity, offset, length,
        text: range.toString(),
        inOverlay: !editor.contains(el),
        box: box(el.getBoundingClientRect()),
        range: box(range.getBoundingClientRect()),
        segments: Array.from(el.querySelectorAll('[data-tactful-segment]'))
          .map((s) => box(s.getBoundingClientRect())),
        lines: Array.from(range.getClientRects())
          .filter((r) => r.width >= 0.5 && r.height > 0).map(box),
      };
    }),
  };
}
"""


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1360, "height": 1000})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: problems.append(f"console.{msg.type}: {msg.text}")
          if msg.type == "error" or "Content Security Policy" in msg.text else None)
    # CSP violations are also reported as DOM events; record them before any page script.
    pg.add_init_script("window.__csp = []; document.addEventListener("
                       "'securitypolicyviolation', (e) => window.__csp.push("
                       "e.violatedDirective + ' ' + e.blockedURI));")
    resp = pg.goto(live_server.url + "/")
    assert resp.status == 200
    csp = resp.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "style-src 'self'" in csp, csp
    pg.wait_for_selector("#tf-examples option:nth-child(2)", state="attached")
    pg.problems = problems
    yield pg
    violations = pg.evaluate("window.__csp")
    context.close()
    assert not violations, violations
    assert not problems, problems


def api(live_server, path, **body):
    resp = requests.post(f"{live_server.url}/api/v1/{path}", json=body, timeout=10)
    resp.raise_for_status()
    return resp.json()


def editor_text(pg) -> str:
    return pg.evaluate("() => { const w = document.createTreeWalker("
                       "document.getElementById('tf-editor'), NodeFilter.SHOW_TEXT); let t = '';"
                       " for (let n = w.nextNode(); n; n = w.nextNode()) t += n.data; return t; }")


def wait_until(pg, predicate: str, arg=None, timeout: float = 10.0):
    """Poll a JS function with evaluate(). (wait_for_function evaluates strings with eval(),
    which the page's CSP rightly refuses.)"""
    deadline = time.monotonic() + timeout
    while not pg.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        pg.wait_for_timeout(50)


def wait_ready(pg, timeout: float = 10.0):
    pg.wait_for_selector("#tf-editor[data-tactful-state=ready]", timeout=timeout * 1000)


def wait_highlights(pg):
    wait_ready(pg)
    pg.wait_for_selector("[data-tactful-overlay] [data-tactful-finding]", state="attached")


def type_draft(pg, text):
    pg.click("#tf-editor")
    pg.keyboard.press("Control+A")
    pg.keyboard.press("Delete")
    pg.keyboard.type(text)
    # typing marks the draft as "checking" at once; "ready" then means this text was analysed
    wait_ready(pg)


def set_strictness(pg, value):
    pg.click(f"label[for=tf-s-{value}]")
    wait_ready(pg)


def assert_aligned(pg, live_server, strictness="balanced"):
    """Every highlight sits on its Range (1 px), underlines the finding's exact text, and
    the drawn set is exactly what the API returns for the editor's text."""
    m = pg.evaluate(MEASURE_JS)
    expected = api(live_server, "analyze", text=m["text"], strictness=strictness)["findings"]
    assert m["highlights"], "no highlight drawn"
    drawn = {(h["rule"], h["offset"], h["length"]) for h in m["highlights"]}
    assert drawn == {(f["rule"], f["offset"], f["length"]) for f in expected}
    by_span = {(f["offset"], f["length"]): f for f in expected}
    for h in m["highlights"]:
        f = by_span[(h["offset"], h["length"])]
        assert h["text"] == f["text"], (h, f)
        assert h["severity"] == f["severity"]
        assert h["inOverlay"], "highlight drawn inside the editable element"
        for key in ("x", "y", "w", "h"):
            assert abs(h["box"][key] - h["range"][key]) <= 1, (key, h)
        assert len(h["segments"]) == len(h["lines"]) >= 1, h
        for seg, line in zip(h["segments"], h["lines"], strict=True):
            for key in ("x", "y", "w", "h"):
                assert abs(seg[key] - line[key]) <= 1, (key, seg, line)
    return m


def paste(pg, text):
    """A paste with text/plain on the clipboard (the page's own paste handler inserts it)."""
    pg.evaluate("(t) => { const dt = new DataTransfer(); dt.setData('text/plain', t);"
                " document.getElementById('tf-editor').dispatchEvent(new ClipboardEvent("
                "'paste', {clipboardData: dt, bubbles: true, cancelable: true})); }", text)


def hover_first(pg):
    seg = pg.locator("[data-tactful-finding] [data-tactful-segment]").first.bounding_box()
    pg.mouse.move(seg["x"] + seg["width"] / 2, seg["y"] + seg["height"] / 2)
    pg.wait_for_selector("#tf-card:not([hidden])")


def test_page_has_no_inline_script_or_style():
    class Audit(HTMLParser):
        def __init__(self):
            super().__init__()
            self.bad: list[str] = []

        def handle_starttag(self, tag, attrs):
            names = {k for k, _ in attrs}
            if tag == "style" or (tag == "script" and "src" not in names):
                self.bad.append(tag)
            self.bad.extend(f"{tag}[{k}]" for k in names if k == "style" or k.startswith("on"))

    audit = Audit()
    audit.feed((STATIC / "playground.html").read_text(encoding="utf-8"))
    assert audit.bad == []
    for js in STATIC.glob("*.js"):
        source = js.read_text(encoding="utf-8")
        assert not re.search(r"https?://", source), f"{js.name} reaches outside the server"
        assert "setAttribute(\"style\"" not in source and "innerHTML" not in source, js.name


def test_highlights_sit_on_the_words(page, live_server):
    type_draft(page, RISKY)
    assert editor_text(page) == RISKY
    assert page.get_attribute("#tf-editor", "data-tactful-state") == "ready"
    assert_aligned(page, live_server)
    # the editor's own DOM gains nothing: text nodes only
    assert page.evaluate("document.getElementById('tf-editor').children.length") == 0
    # the score and checklist show what the API said
    analysis = api(live_server, "analyze", text=RISKY, strictness="balanced")
    assert page.inner_text("#tf-score") == str(analysis["score"])
    for part, value in analysis["structure"].items():
        state = page.get_attribute(f"#tf-checklist [data-part={part}]", "data-present")
        assert state == ("unknown" if not analysis["pushback"] else
                         "yes" if value["present"] else "no")


def test_highlights_follow_scroll_and_resize(page, live_server):
    filler = "\n".join(f"Line {i} of the project notes." for i in range(40))
    type_draft(page, "Hello")
    paste(page, (filler + "\n\n" + RISKY).replace("\n", "\r\n"))
    wait_highlights(page)
    assert editor_text(page) == "Hello" + filler + "\n\n" + RISKY  # CRLF pasted as lines
    assert page.evaluate("document.getElementById('tf-editor').children.length") == 0
    page.evaluate("document.getElementById('tf-editor').scrollTop = 10000")
    page.wait_for_timeout(100)
    assert_aligned(page, live_server)
    page.set_viewport_size({"width": 1000, "height": 900})
    page.wait_for_timeout(150)
    assert_aligned(page, live_server)


def test_apply_suggestion_then_undo(page, live_server):
    type_draft(page, RISKY)
    before = editor_text(page)
    hover_first(page)
    first = page.locator("[data-tactful-finding]").first
    offset = int(first.get_attribute("data-offset"))
    length = int(first.get_attribute("data-length"))
    finding = next(f for f in api(live_server, "analyze", text=before)["findings"]
                   if f["offset"] == offset)
    assert page.get_attribute("#tf-card", "role") == "dialog"
    assert page.inner_text("#tf-card-message") == finding["message"]
    page.click("#tf-card [data-tactful-action=apply] >> nth=0")
    expected = before[:offset] + finding["suggestions"][0]["text"] + before[offset + length:]
    wait_until(page, "(t) => document.getElementById('tf-editor').textContent === t", expected)
    wait_ready(page)
    if page.locator("[data-tactful-finding]").count():
        assert_aligned(page, live_server)
    page.keyboard.press("Control+Z")
    assert editor_text(page) == before
    wait_ready(page)
    # and the explicit Undo button does the same after another apply
    hover_first(page)
    page.click("#tf-card [data-tactful-action=apply] >> nth=0")
    assert editor_text(page) != before
    page.click("#tf-undo")
    assert editor_text(page) == before


def test_editing_a_flagged_phrase_drops_its_highlight_at_once(page, live_server):
    type_draft(page, RISKY)
    before = page.evaluate(MEASURE_JS)["highlights"]
    assert len(before) >= 2
    first, rest = before[0], before[1:]
    # type one character inside the first flagged phrase, then look before any answer
    page.evaluate("(o) => { const w = document.createTreeWalker("
                  "document.getElementById('tf-editor'), NodeFilter.SHOW_TEXT); let at = 0;"
                  " for (let n = w.nextNode(); n; n = w.nextNode()) {"
                  "  if (o < at + n.data.length) { const r = document.createRange();"
                  "   r.setStart(n, o - at); r.collapse(true); const s = getSelection();"
                  "   s.removeAllRanges(); s.addRange(r); break; } at += n.data.length; }"
                  " document.execCommand('insertText', false, 'X'); }",
                  first["offset"] + 1)
    now = page.evaluate(MEASURE_JS)
    assert page.get_attribute("#tf-editor", "data-tactful-state") == "checking"
    assert not any(first["offset"] <= h["offset"] <= first["offset"] + first["length"]
                   for h in now["highlights"])
    # the others moved by one unit and still underline the same words, exactly
    assert [(h["rule"], h["offset"], h["text"]) for h in now["highlights"]] == [
        (h["rule"], h["offset"] + 1, h["text"]) for h in rest]
    for h in now["highlights"]:
        for key in ("x", "y", "w", "h"):
            assert abs(h["box"][key] - h["range"][key]) <= 1
    wait_ready(page)


def test_stale_span_is_not_replaced(page, live_server):
    type_draft(page, RISKY)
    hover_first(page)
    # the writer changes the flagged words behind the open card's back (no input event)
    page.evaluate("() => { const w = document.createTreeWalker("
                  "document.getElementById('tf-editor'), NodeFilter.SHOW_TEXT);"
                  " for (let n = w.nextNode(); n; n = w.nextNode())"
                  " n.data = n.data.replace('should have', 'could have'); }")
    changed = editor_text(page)
    assert "could have" in changed
    page.click("#tf-card [data-tactful-action=apply] >> nth=0")
    assert editor_text(page) == changed
    assert page.is_visible("#tf-notice")


def test_keyboard_opens_card_and_escape_returns_focus(page, live_server):
    type_draft(page, RISKY)
    first = page.locator("#tf-findings button").first
    first.focus()
    page.wait_for_selector("#tf-card:not([hidden])")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.tactfulAction") == "apply"
    page.keyboard.press("Escape")
    assert page.is_hidden("#tf-card")
    assert page.evaluate("document.activeElement.classList.contains('tf-finding')")
    if page.locator("#tf-findings button").count() > 1:
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement === "
                             "document.querySelectorAll('#tf-findings button')[1]")


def test_strictness_nests(page, live_server):
    text = RISKY + " I'm so sorry, it's only a small delay."
    type_draft(page, text)
    counts = {}
    for level in ("gentle", "balanced", "strict"):
        set_strictness(page, level)
        counts[level] = page.locator("[data-tactful-finding]").count()
        assert counts[level] == len(api(live_server, "analyze", text=text,
                                        strictness=level)["findings"])
        if counts[level]:
            assert_aligned(page, live_server, level)
    assert counts["gentle"] <= counts["balanced"] <= counts["strict"]
    assert counts["gentle"] < counts["strict"], counts


def test_cushion_it_shows_rewrite_and_uses_it(page, live_server):
    type_draft(page, RISKY)
    page.click("#tf-cushion")
    page.wait_for_selector("#tf-rewrite:not([hidden])")
    result = api(live_server, "rewrite", text=RISKY, strictness="balanced")
    assert page.inner_text("[data-tactful-rewrite]").strip() == result["text"].strip()
    assert page.text_content("[data-tactful-rewrite]") == result["text"]
    assert page.locator("#tf-rewrite-text ins").count() >= 1
    assert page.locator("#tf-rewrite-original del").count() >= 1
    page.click("[data-tactful-action=use-rewrite]")
    assert editor_text(page) == result["text"]
    assert page.is_hidden("#tf-rewrite")
    wait_ready(page)
    page.keyboard.press("Control+Z")
    assert editor_text(page) == RISKY


def test_emoji_before_finding_still_aligns(page, live_server):
    type_draft(page, EMOJI)
    m = assert_aligned(page, live_server)
    # offsets are UTF-16: the first finding sits after 4 astral emoji (2 units each) + modifier
    cut = EMOJI.index("you should have")
    assert any(h["offset"] == len(EMOJI[:cut].encode("utf-16-le")) // 2 for h in m["highlights"])


def test_examples_menu_loads_three_drafts(page, live_server):
    examples = json.loads((STATIC / "examples.json").read_text(encoding="utf-8"))
    values = page.eval_on_selector_all("#tf-examples option", "os => os.map(o => o.value)")
    assert [v for v in values if v] == [e["id"] for e in examples] and len(examples) == 3
    drawn = 0
    for example in examples:
        page.select_option("#tf-examples", example["id"])
        wait_until(page, "(t) => document.getElementById('tf-editor').textContent === t",
                   example["text"])
        wait_ready(page)
        if page.locator("[data-tactful-finding]").count():
            assert_aligned(page, live_server)
            drawn += 1
    assert drawn >= 2, "the examples should show what Tactful catches"


def test_server_down_shows_calm_offline_state(page, live_server):
    page.route("**/api/v1/analyze", lambda route: route.abort())
    page.click("#tf-editor")
    page.keyboard.type("You should have told us.")
    page.wait_for_selector("#tf-editor[data-tactful-state=offline]")
    assert page.is_visible("#tf-notice")
    assert "reach" in page.inner_text("#tf-notice")
    # the browser itself logs the refused request; that is not the page failing
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]
    page.unroute("**/api/v1/analyze")
    wait_ready(page)
    assert page.is_hidden("#tf-notice")
    assert page.locator("[data-tactful-finding]").count() >= 1


def test_screenshot(page, live_server):
    page.select_option("#tf-examples", "deadline")
    wait_highlights(page)
    hover_first(page)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    page.keyboard.press("Escape")
    page.mouse.move(5, 5)
    page.click("#tf-cushion")
    page.wait_for_selector("#tf-rewrite:not([hidden])")
    page.wait_for_timeout(400)  # let the smooth scroll settle
    page.screenshot(path=str(SCREENSHOT.with_name("playground-rewrite.png")), full_page=True)
