"""Benchmark the Chrome extension in headless Chromium against the real server.

A 1,000-word draft with about 400 findings sits in the fake Gmail compose box
(tests/e2e/pages/gmail.html); the writer types one more character. We measure, inside the
page, from that keystroke to the highlights being drawn, minus the 300 ms debounce (so it is
the extension's and the server's work), and the longest input-event handling while typing
(Event Timing API, all listeners of the event, Gmail's stand-in and ours).

Targets (issue 4): keystroke -> highlights <= 150 ms; no input event over 16 ms.
Usage: .venv/bin/python scripts/bench_extension.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

DEBOUNCE_MS = 300
SENTENCE = ("Obviously you NEVER listen!!! Just fix it. Whatever. You should have told us. "
            "So sorry. I guess we could maybe try. Not my problem. ")

WATCH = """() => ({done: new Promise(resolve => {
    // resolves with ms from the next keydown until the editor is 'ready' with pieces drawn
    const ed = document.querySelector('#inline-reply [g_editable]');
    let start = 0;
    document.addEventListener('keydown', () => { start = performance.now(); },
                              {capture: true, once: true});
    const done = () => {
      const n = document.querySelectorAll('[data-tactful-finding]').length;
      if (start && ed.getAttribute('data-tactful-state') === 'ready' && n > 0) {
        obs.disconnect();
        resolve({ms: performance.now() - start, pieces: n});
      }
    };
    const obs = new MutationObserver(done);
    obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                           attributeFilter: ['data-tactful-state']});
})})"""

EVENT_TIMING = """() => {
    window.__slow = [];
    new PerformanceObserver(list => {
      for (const e of list.getEntries())
        if (['keydown', 'keypress', 'input', 'beforeinput', 'keyup'].includes(e.name))
          window.__slow.push(e.processingEnd - e.processingStart);
    }).observe({type: 'event', durationThreshold: 16, buffered: true});
}"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args()

    from conftest import CHROMIUM_ARGS, chromium_executable
    from playwright.sync_api import sync_playwright
    from test_extension import EXTENSION, INLINE, PAGES, RecordingServer

    chromium = chromium_executable()
    if not chromium:
        print("bench_extension: Chromium not installed, skipped")
        return 0
    words = " ".join((SENTENCE * 80).split()[:1000])
    server = RecordingServer().start()
    body = (PAGES / "gmail.html").read_text(encoding="utf-8")
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path=chromium, headless=True,
                viewport={"width": 1200, "height": 900},
                args=[f"--disable-extensions-except={EXTENSION}",
                      f"--load-extension={EXTENSION}", *CHROMIUM_ARGS])
            ctx.route("https://mail.google.com/**", lambda r: r.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=body))
            sw = ctx.service_workers[0] if ctx.service_workers else \
                ctx.wait_for_event("serviceworker")
            sw.evaluate("v => chrome.storage.sync.set(v)",
                        {"serverUrl": server.url, "strictness": "strict"})
            page = ctx.new_page()
            page.goto("https://mail.google.com/mail/u/0/")
            page.evaluate(EVENT_TIMING)
            page.evaluate("""([sel, text]) => {
                const ed = document.querySelector(sel);
                ed.focus();
                getSelection().collapse(ed.firstChild, 0);
                document.execCommand('insertText', false, text);
            }""", [INLINE, words])
            page.wait_for_function("document.querySelectorAll('[data-tactful-finding]').length"
                                   " > 300", timeout=30000)
            latencies = []
            pieces = 0
            for i in range(args.runs):
                watcher = page.evaluate_handle(WATCH)
                page.keyboard.type("ab"[i % 2])  # one keystroke, a different text each run
                result = page.evaluate("w => w.done", watcher)
                latencies.append(result["ms"] - DEBOUNCE_MS)
                pieces = result["pieces"]
                page.keyboard.press("Backspace")
                page.wait_for_timeout(DEBOUNCE_MS + 400)
            # typing speed check: 200 keystrokes at a fast typist's pace
            page.keyboard.type(" and more words" * 13, delay=15)
            page.wait_for_timeout(500)
            handled = page.evaluate("window.__slow")  # processing times of events past 16 ms
            words_sent = len(words.split())
            ctx.close()
    finally:
        server.stop()
    median = statistics.median(latencies)
    print(f"draft: {words_sent} words, {pieces} highlight pieces drawn (strict)")
    print(f"keystroke -> highlights (minus {DEBOUNCE_MS} ms debounce): "
          f"median {median:.0f} ms, max {max(latencies):.0f} ms over {len(latencies)} runs "
          f"(target <= 150 ms)")
    slow = [ms for ms in handled if ms > 16]
    longest = max(handled, default=0.0)
    print(f"input event handling over 16 ms while typing: {len(slow)} "
          f"(longest handling {longest:.1f} ms) (target 0)")
    if args.write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench import ROOT, write_section

        write_section(ROOT / "docs" / "benchmarks.md", "extension", "\n".join([
            "## Chrome extension: keystroke to highlights",
            "",
            "Command: `python scripts/bench_extension.py --write` (part of `make bench`): the "
            "unpacked extension in headless Chromium on the fake Gmail compose page, with the "
            f"real server; a {words_sent}-word draft at strict ({pieces} highlight pieces).",
            "",
            "| measure | result | goal |",
            "|---|---|---|",
            f"| last keystroke to highlights drawn, minus the {DEBOUNCE_MS} ms debounce | "
            f"median {median:.0f} ms, max {max(latencies):.0f} ms ({len(latencies)} runs) | "
            "≤ 150 ms |",
            f"| input events handled in over 16 ms while typing | {len(slow)} (longest "
            f"{longest:.1f} ms) | 0 |",
            "",
        ]))
        print("written to docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
