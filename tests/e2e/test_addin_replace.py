"""Applying a suggestion to an Outlook HTML body loses nothing: run in Chromium (DOMParser is
the browser's), over a table of tricky bodies, comparing the result node for node."""

from __future__ import annotations

from pathlib import Path

import pytest

OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
STUB = Path(__file__).resolve().parents[2] / "outlook-addin" / "test" / "office-stub.js"

APPLY_AND_DIFF = (Path(__file__).with_name("addin_apply_and_diff.js")
                  .read_text(encoding="utf-8").split("\n", 3)[3])

OUTLOOK_DOC = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    '<style><!-- p.MsoNormal {margin:0cm; font-family:"Aptos",sans-serif;} --></style>'
    '<!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]-->'
    '</head><body lang="EN-GB" link="#467886" style="word-wrap:break-word">'
    '<div class="WordSection1"><p class="MsoNormal">Hi Ann,<o:p></o:p></p>'
    '<p class="MsoNormal">You should have told us sooner.<o:p></o:p></p></div></body></html>'
)

CASES = {
    # name: (html, plain text or None to derive it, phrase, nth copy, replacement, outcome)
    "bold elsewhere in the paragraph": (
        "<p>Hi Ann,</p><p>You should have <b>told</b> us earlier.</p>", None,
        "You should have", 0, "It would have helped to have", "ok"),
    "bold inside the phrase": (
        "<p>You <b>should</b> have told us.</p>", None, "You should have", 0, "x", "split"),
    "phrase split across a link": (
        '<p>That is <a href="https://x.example/a?b=1&amp;c=2">not my</a> problem.</p>', None,
        "not my problem", 0, "x", "split"),
    "the phrase twice, second one flagged": (
        "<p>There is no way to know.</p><p>There is no way we can ship Friday.</p>", None,
        "no way", 1, "no realistic way", "ok"),
    "the phrase twice, first one flagged": (
        "<p>There is no way to know.</p><p>There is no way we can ship Friday.</p>", None,
        "no way", 0, "no easy way", "ok"),
    "&nbsp; inside the phrase, a plain space in the text": (
        "<p>You&nbsp;should have asked first.</p>", "You should have asked first.",
        "You should have", 0, "It would help to have", "ok"),
    "a signature holding the same word": (
        '<p>We need this ASAP.</p><div id="Signature"><p>--<br>Ann Lee | replies ASAP<br>'
        '<img src="cid:logo@01DA" width="120" height="40" alt="Acme"></p></div>', None,
        "ASAP", 0, "by Thursday", "ok"),
    "a quoted thread below": (
        "<div>Obviously, we can't.</div><div><br></div>"
        '<div id="divRplyFwdMsg" dir="ltr"><hr style="display:inline-block;width:98%">'
        '<font face="Calibri" style="font-size:11pt"><b>From:</b> Bob &lt;bob@x.example&gt;<br>'
        "<b>Sent:</b> Monday<br><b>Subject:</b> Re: pages</font></div>"
        "<blockquote style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid\">"
        "Obviously, this is urgent.<blockquote>Obviously, older.</blockquote></blockquote>", None,
        "Obviously,", 0, "As you know,", "ok"),
    "an inline image in the paragraph": (
        '<p>See the chart <img src="cid:image001.png@01DB2A" width="200" alt="chart" '
        'style="width:2in"> you should have read it.</p>', None,
        "you should have", 0, "it would help to have", "ok"),
    "a whole Outlook desktop document": (
        OUTLOOK_DOC, None, "You should have", 0, "It would have helped to have", "ok"),
    "hidden text the plain text lacks": (
        '<p>you should have <span style="display:none">you should have</span> known</p>',
        "you should have known", "you should have", 0, "x", "ambiguous"),
    "markup in the replacement stays text": (
        "<p>No.</p>", None, "No.", 0, "<b>Not this time</b> & sorry.", "ok"),
}


@pytest.fixture(scope="module")
def page(browser, live_server):
    """The real task pane page (its scripts, under its CSP) with the test stub's text helper."""
    p = browser.new_page()
    p.route(OFFICE_JS, lambda route: route.fulfill(status=200, content_type="text/javascript",
                                                   body="/* office.js is not used here */"))
    p.goto(f"{live_server.url}/addin/taskpane.html")
    # The CSP forbids inline scripts, so the stub is evaluated through Playwright instead.
    assert p.evaluate("(src) => { (0, eval)(src); return typeof TactfulOfficeStub; }",
                      STUB.read_text(encoding="utf-8")) == "object"
    yield p
    p.close()


@pytest.mark.parametrize("name", list(CASES))
def test_replacement_touches_only_the_flagged_words(page, name):
    html, text, phrase, nth, replacement, outcome = CASES[name]
    got = page.evaluate(APPLY_AND_DIFF, [html, text, phrase, nth, replacement])
    assert "error" not in got, got
    assert got["status"] == outcome, got
    if outcome != "ok":
        return
    assert len(got["diffs"]) == 1, got["diffs"]
    diff = got["diffs"][0]
    assert diff["kind"] == "text", diff
    assert replacement in diff["after"]
    # Only the flagged copy changed: the text around it, in that node, is intact.
    before, after = diff["before"], diff["after"]
    i = after.index(replacement)
    assert before.startswith(after[:i])
    assert before.endswith(after[i + len(replacement):])
    if name == "a whole Outlook desktop document":
        for kept in ('<html xmlns:o="urn:schemas-microsoft-com:office:office">', "<o:p></o:p>",
                     "[if gte mso 9]", 'class="WordSection1"', 'lang="EN-GB"'):
            assert kept in got["html"], kept
    if name == "markup in the replacement stays text":
        assert "&lt;b&gt;Not this time&lt;/b&gt; &amp; sorry." in got["html"]
        assert "<b>" not in got["html"]
    if name.startswith("the phrase twice"):
        assert f"/P[{nth}]" in diff["path"]


def test_fragment_stays_a_fragment(page):
    got = page.evaluate(APPLY_AND_DIFF, ["<style>p{margin:0}</style><div>No.</div>", None, "No.", 0,
                                         "Not this time."])
    assert got["html"] == "<style>p{margin:0}</style><div>Not this time.</div>"


def test_a_whole_rewrite_applies_as_text_node_edits(page):
    html = ("<div>Hi Ann,</div><div>No. You should have told us <i>earlier</i>.</div>"
            '<div id="Signature">Bob</div>')
    got = page.evaluate("""(html) => {
      const plain = TactfulOfficeStub.htmlToText(html);
      const changes = [
        {offset: 8, length: 0, replacement: "Thanks for asking. "},
        {offset: 8, length: 2, replacement: "I'm afraid not"},
        {offset: 12, length: 15, replacement: "It would have helped to"},
        {offset: 44, length: 0, replacement: " Could we talk on Monday?"},
      ];
      const edits = TactfulLocate.rewriteEdits(plain, changes);
      const r = TactfulHtmlBody.applyEdits(html, plain, edits);
      const text = r.html && TactfulOfficeStub.htmlToText(r.html);
      return {plain, status: r.status, html: r.html, text};
    }""", html)
    assert got["plain"] == "Hi Ann,\nNo. You should have told us earlier.\nBob"
    assert got["status"] == "ok"
    assert got["text"] == ("Hi Ann,\nThanks for asking. I'm afraid not. It would have helped to "
                           "told us earlier. Could we talk on Monday?\nBob")
    assert "<i>earlier</i>" in got["html"] and '<div id="Signature">Bob</div>' in got["html"]
