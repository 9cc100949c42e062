"""Container health check: GET /healthz on the port gunicorn listens on; exit 0 when it
answers 200 with {"status": "ok"}, else 1. Standard library only (the slim image has no
curl). The port comes from TACTFUL_BIND, then TACTFUL_PORT, as in gunicorn.conf.py."""

from __future__ import annotations

import json
import os
import sys
import urllib.request


def health_url(environ: dict | None = None) -> str:
    env = os.environ if environ is None else environ
    bind = env.get("TACTFUL_BIND") or f"127.0.0.1:{env.get('TACTFUL_PORT') or 8740}"
    port = bind.rsplit(":", 1)[-1] if ":" in bind else "8740"
    scheme = "https" if env.get("TACTFUL_CERTFILE") else "http"
    return f"{scheme}://127.0.0.1:{port}/healthz"


def main() -> int:
    url = health_url()
    try:
        import ssl

        # A self-signed certificate for 127.0.0.1 would fail verification; this is loopback.
        ctx = ssl._create_unverified_context() if url.startswith("https") else None
        with urllib.request.urlopen(url, timeout=4, context=ctx) as resp:  # noqa: S310
            ok = resp.status == 200 and json.load(resp).get("status") == "ok"
    except (OSError, ValueError) as exc:
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1
    if not ok:
        print(f"unhealthy: {url} did not answer status ok", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
