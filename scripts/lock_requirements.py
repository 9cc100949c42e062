"""Write deploy/requirements.lock: the exact versions installed in this environment of
Tactful's runtime dependencies (with the `redis` extra) and everything they pull in, for
`pip-audit -r deploy/requirements.lock` and reproducible images.

    python scripts/lock_requirements.py
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "deploy" / "requirements.lock"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def closure(roots: list[str], extras: set[str]) -> dict[str, str]:
    seen: dict[str, str] = {}
    todo = [(r, extras) for r in roots]
    while todo:
        name, want = todo.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen:
            continue
        seen[key] = dist.version
        for req in dist.requires or []:
            spec, _, marker = req.partition(";")
            m = _NAME.match(spec)
            if not m:
                continue
            marker = marker.strip()
            if "extra" in marker and not any(f'extra == "{e}"' in marker for e in want):
                continue
            if marker and "extra" not in marker:
                from packaging.markers import Marker

                if not Marker(marker).evaluate():
                    continue
            todo.append((m.group(1), set()))
    return seen


def main() -> int:
    pins = closure(["tactful"], {"redis"})
    pins.pop("tactful", None)
    lines = ["# Runtime dependencies of Tactful (with the redis extra), as installed; written",
             "# by scripts/lock_requirements.py. Audit: pip-audit -r deploy/requirements.lock",
             *(f"{k}=={v}" for k, v in sorted(pins.items()))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(pins)} packages pinned in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
