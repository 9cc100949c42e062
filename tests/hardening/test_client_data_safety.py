"""Data safety in the clients beyond tests/e2e: a suggestion applied after the writer typed
elsewhere (offsets shifted) changes only the flagged words and keeps the new text, undo
restores the exact draft; the Outlook replacement keeps real-world bodies (tables, images,
quoted threads, signatures, Word's markup) identical node for node outside the words."""

from __future__ import annotations

import importlib.util
import sys
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
rep = _load("tactful_e2e_addin_replace", ROOT / "tests" / "e2e" / "test_addin_replace.py")
context, worker, pages_url, server, settings, gmail = (
    ext.context, ext.worker, ext.pages_url, ext.server, ext.settings, ext.gmail)
page = rep.page  # the task pane page with the replacement helpers loaded
INLINE, DRAFT = ext.INLINE, ext.DRAFT


def test_apply_after_typing_elsewhere_keeps_the_new_text_and_undo_restores(gmail):
    ext.type_into(gmail, INLINE, DRAFT)
    ext.wait_state(gmail, INLINE, "ready")
    ext.wait_for_pieces(gmail, 3)
    blame = next(p for p in ext.pieces(gmail) if p["rule"] == "blame.you-should-have")
    left, top, right, bottom = blame["rect"]
    gmail.mouse.move((left + right) / 2, (top + bottom) / 2)
    gmail.locator("[data-tactful-card]").wait_for()
    # The writer adds words at the very start (every offset shifts), then the card's
    # suggestion is clicked before any new analysis.
    clicked = gmail.evaluate("""sel => {
        const ed = document.querySelector(sel);
        const node = ed.firstElementChild.firstChild;
        ed.focus(); getSelection().collapse(node, 0);
        document.execCommand('insertText', false, 'Hello again! ');
        const button = document.querySelector('[data-tactful-card] [data-tactful-action=apply]');
        if (!button) return null;
        const suggestion = button.textContent;
        button.click();
        return suggestion;
    }""", INLINE)
    text = ext.writer_text(gmail)
    assert text.startswith("Hello again! ")
    if clicked is not None:  # applied: exactly the flagged words changed
        assert text in ("Hello again! " + DRAFT.replace("You should have told us", clicked),
                        "Hello again! " + DRAFT)
    # Undo walks back through exactly what happened: (the suggestion, then) the new words.
    for _ in range(2 if clicked is not None and clicked in text else 1):
        gmail.keyboard.press("Control+z")
    assert ext.writer_text(gmail).strip() == DRAFT
    assert gmail.errors == []


GMAIL_THREAD = (
    '<div dir="ltr">Hi Dana,<div><br></div><div>We can&#39;t do that by Friday. You should '
    'have told us sooner.</div><div><br></div><table border="1" cellpadding="4" style="border-'
    'collapse:collapse"><tbody><tr><th>Item</th><th>Date</th></tr><tr><td>Export</td><td>'
    'You should have seen it</td></tr></tbody></table><div><br></div><div>-- <br><div dir="ltr"'
    ' class="gmail_signature"><img src="data:image/png;base64,iVBORw0KGgo=" width="64" '
    'height="16" alt="logo">Ana Lima | <a href="tel:+15550100">+1 555 0100</a></div></div>'
    '</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Jun 3, 2024'
    ' at 9:12 AM Dana &lt;dana@example.com&gt; wrote:<br></div><blockquote class="gmail_quote"'
    ' style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)">You should have '
    'told us sooner, they said.</blockquote></div>')
OUTLOOK_DESKTOP = (
    '<html><head><meta name="Generator" content="Microsoft Word 15 (filtered medium)">'
    '<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings>'
    '</xml><![endif]--></head><body lang="EN-US"><div class="WordSection1">'
    '<p class="MsoNormal"><span style="font-size:11.0pt">Hi Sam,<o:p></o:p></span></p>'
    '<p class="MsoNormal"><span style="font-size:11.0pt">Obviously this is not our fault.'
    '<o:p></o:p></span></p><table class="MsoTableGrid" border="1"><tr><td width="200" '
    'valign="top"><p class="MsoNormal">Obviously</p></td><td><img width="120" height="30" '
    'src="cid:image001.png@01DAB1C2.3D4E5F60" alt="chart"></td></tr></table>'
    '<p class="MsoNormal"><b><span style="color:#1F3864">Sam Lee</span></b> | Acme</p>'
    '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in">'
    '<p class="MsoNormal"><b>From:</b> Kim &lt;kim@x.example&gt;<br><b>Sent:</b> Monday<br>'
    '<b>Subject:</b> RE: dates</p></div><p class="MsoNormal">Obviously, we need it.</p>'
    '</div></body></html>')
RTL_AND_EMOJI = (
    '<div dir="rtl">שלום, תודה!</div><div>🙂 Thanks — but no. That&nbsp;is not my problem.'
    '</div><div><span style="font-family:Segoe UI Emoji">👍🏽</span> Best,</div><div>Noa</div>')

CASES = {
    "gmail thread with a table, a data-URI logo and a quote": (
        GMAIL_THREAD, "You should have told us sooner", 0, "It would have helped to hear"),
    "a phrase inside a table cell": (GMAIL_THREAD, "seen it", 0, "had a look"),
    "outlook desktop (Word) body with table, cid image, signature, header block": (
        OUTLOOK_DESKTOP, "Obviously", 0, "As it happens,"),
    "right-to-left text, emoji and &nbsp;": (
        RTL_AND_EMOJI, "no", 0, "I'm afraid not"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_outlook_replacement_keeps_real_world_bodies_node_for_node(page, name):
    html, phrase, nth, replacement = CASES[name]
    got = page.evaluate(rep.APPLY_AND_DIFF, [html, None, phrase, nth, replacement])
    assert "error" not in got, got
    if got["status"] != "ok":  # refusing (split/ambiguous) is safe: nothing is changed
        return
    assert len(got["diffs"]) == 1, got["diffs"]
    diff = got["diffs"][0]
    assert diff["kind"] == "text"
    before, after = diff["before"], diff["after"]
    i = after.index(replacement)
    assert before.startswith(after[:i]) and before.endswith(after[i + len(replacement):])
    assert before[i:len(before) - (len(after) - i - len(replacement))] == phrase
