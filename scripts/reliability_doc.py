"""Write one section of docs/reliability.md, between `<!-- name -->` markers, leaving the
rest of the file (the hand-written review and the other scripts' sections) alone."""

from __future__ import annotations

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "reliability.md"


def machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores, {cpu}, Python {platform.python_version()}"


def write_section(name: str, title: str, body: str, doc: Path = DOC) -> None:
    stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {machine()}"
    block = (f"<!-- {name} -->\n### {title}\n\n_Measured {stamp}._\n\n{body.strip()}\n"
             f"<!-- /{name} -->")
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Reliability\n"
    pattern = re.compile(rf"<!-- {re.escape(name)} -->.*?<!-- /{re.escape(name)} -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")
    print(f"written to {doc.relative_to(doc.parents[1])} (section '{name}')")
