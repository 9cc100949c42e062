"""The command line: `tactful check`, `tactful rewrite`, `tactful serve`.

Exit codes follow linters: 0 = no finding, 1 = findings, 2 = usage error (bad option,
unreadable file, unknown strictness or rule).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import unicodedata

STRICTNESS = ("gentle", "balanced", "strict")
_COLORS = {"high": "31", "medium": "33", "low": "36", "bold": "1", "dim": "2", "ok": "32"}
_CONTEXT = 100  # widest slice of a line shown around a finding, in characters


class UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _safe_stdout()
    try:
        return args.run(args)
    except UsageError as e:
        print(f"tactful: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    from tactful import __version__

    p = argparse.ArgumentParser(prog="tactful", description="A writing coach for pushback "
                                "emails: flags risky phrases and offers cushioned rewrites.")
    p.add_argument("--version", action="version", version=f"tactful {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def source(cmd):
        cmd.add_argument("file", nargs="?", default="-", metavar="FILE",
                         help="the draft (UTF-8); '-' or nothing reads standard input")
        cmd.add_argument("-s", "--strictness", choices=STRICTNESS, default="balanced")
        cmd.add_argument("--format", choices=("text", "json"), default="text")

    check = sub.add_parser("check", help="list risky phrases with line:col and a fix")
    source(check)
    check.add_argument("--disable", action="append", default=[], metavar="RULE",
                       help="rule id not to report (repeatable, or comma-separated)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="auto: only on a terminal and when NO_COLOR is unset")
    check.set_defaults(run=_check)

    rewrite = sub.add_parser("rewrite", help="print the whole draft, cushioned")
    source(rewrite)
    rewrite.set_defaults(run=_rewrite)

    serve = sub.add_parser("serve", help="run the HTTP API and the playground page")
    serve.add_argument("--host", default=os.environ.get("TACTFUL_HOST", "127.0.0.1"),
                       help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("TACTFUL_PORT", 8740)))
    serve.add_argument("--workers", type=int, default=None,
                       help="gunicorn worker processes (default: one per CPU)")
    serve.add_argument("--https", action="store_true",
                       help="serve TLS with a self-signed certificate for localhost "
                            "(the Outlook add-in needs HTTPS)")
    serve.add_argument("--dev", action="store_true",
                       help="Flask's single-process development server instead of gunicorn")
    serve.set_defaults(run=_serve)
    from tactful import addin_manifest
    addin_manifest.add_arguments(sub.add_parser("addin-manifest", help="write the Outlook "
                                 "add-in manifest for a server's HTTPS origin")).set_defaults(
        run=addin_manifest.run)
    return p


def _safe_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")


def _read(name: str) -> str:
    if name == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("no draft given: pass a FILE, or pipe the draft on stdin")
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(name, "rb") as f:
                data = f.read()
        except OSError as e:
            raise UsageError(f"cannot read {name}: {e.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise UsageError(f"{'stdin' if name == '-' else name} is not UTF-8 text "
                         f"(byte {e.start})") from None


def _check(args) -> int:
    import tactful

    text = _read(args.file)
    disabled = [r.strip() for item in args.disable for r in item.split(",") if r.strip()]
    try:
        result = tactful.analyze(text, args.strictness, tuple(disabled))
    except ValueError as e:
        raise UsageError(str(e)) from None
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        use_color = args.color == "always" or (
            args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        name = "<stdin>" if args.file == "-" else args.file
        print(report(text, result, name, use_color), end="")
    return 1 if result["findings"] else 0


def _rewrite(args) -> int:
    import tactful

    result = tactful.rewrite(_read(args.file), args.strictness)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(result["text"] if result["text"].endswith("\n") else result["text"] + "\n")
    return 0


def _serve(args) -> int:
    from tactful.web.serve import run

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {args.port}")
    if args.workers is not None and args.workers < 1:
        raise UsageError("--workers must be at least 1")
    return run(args.host, args.port, args.workers, args.https, args.dev)


# --- the human report -----------------------------------------------------------------


def report(text: str, result: dict, name: str, color: bool) -> str:
    paint = (lambda s, c: f"\033[{_COLORS[c]}m{s}\033[0m") if color else (lambda s, c: s)
    index = _utf16_to_index(text)
    starts = _line_starts(text)
    out = []
    for f in result["findings"]:
        start = index[f["offset"]]
        end = index[f["offset"] + f["length"]]
        line_no = _line_of(starts, start)
        line_start = starts[line_no]
        line = text[line_start:_line_end(text, line_start)]
        col = start - line_start
        where = paint(f"{name}:{line_no + 1}:{col + 1}:", "bold")
        sev = paint(f"{f['severity']:<6}", f["severity"])
        out.append(f"{where} {sev} {f['message']}  {paint('[' + f['rule'] + ']', 'dim')}\n")
        shown, caret_at, caret_len = _window(line, col, min(end, line_start + len(line)) - start)
        gutter = f"{line_no + 1:>5} | "
        out.append(f"{gutter}{shown}\n")
        pad = " " * (len(gutter) - 2) + "| " + " " * _width(shown[:caret_at])
        out.append(pad + paint("^" * max(1, _width(shown[caret_at:caret_at + caret_len])),
                               f["severity"]) + "\n")
        if f["suggestions"]:
            hint = f["suggestions"][0]
            note = f"  ({hint['note']})" if hint.get("note") else ""
            out.append(" " * (len(gutter) - 2) + "= try: "
                       + paint(f'"{hint["text"]}"', "ok") + note + "\n")
        out.append("\n")
    out.append(_summary(result, paint))
    return "".join(out)


def _summary(result: dict, paint) -> str:
    n = len(result["findings"])
    label = paint(result["label"], {"ready": "ok", "review": "medium", "risky": "high"}
                  .get(result["label"], "bold"))
    head = (f"{n} finding{'s' if n != 1 else ''} · score {result['score']}/100 ({label})"
            if n else f"no findings · score {result['score']}/100 ({label})")
    lines = [head + "\n"]
    if result.get("pushback"):
        marks = []
        tips = []
        for part, info in result["structure"].items():
            words = part.replace("_", " ")
            marks.append(paint("✓ " + words, "ok") if info.get("present")
                         else paint("✗ " + words, "medium"))
            if not info.get("present") and info.get("tip"):
                tips.append(f"  {words}: {info['tip']}\n")
        lines.append("pushback: " + "  ".join(marks) + "\n")
        lines.extend(tips)
    return "".join(lines)


def _utf16_to_index(text: str) -> list[int]:
    """index[u] = the character index at UTF-16 offset u (for every u up to the end)."""
    index = []
    for i, ch in enumerate(text):
        index.append(i)
        if ord(ch) > 0xFFFF:
            index.append(i)
    index.append(len(text))
    return index


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            i += 1
        if ch in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def _line_of(starts: list[int], pos: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, pos) - 1


def _line_end(text: str, start: int) -> int:
    ends = [p for p in (text.find("\n", start), text.find("\r", start)) if p >= 0]
    return min(ends) if ends else len(text)


def _window(line: str, col: int, length: int) -> tuple[str, int, int]:
    """The line (tabs as spaces), cut to about _CONTEXT characters around the span."""
    line = line.replace("\t", " ")
    length = max(0, length)
    if len(line) <= _CONTEXT:
        return line, col, length
    left = max(0, min(col - 30, len(line) - _CONTEXT))
    right = min(len(line), max(left + _CONTEXT, col + length))
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, col - left + len(prefix), length


def _width(s: str) -> int:
    """Terminal columns: wide (CJK, emoji) take two, combining marks none."""
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0f":
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


if __name__ == "__main__":
    sys.exit(main())
