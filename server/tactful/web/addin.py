"""Serves the Outlook add-in's files at /addin/… from the API's own origin (no CORS), and
the well-known list that lets classic Outlook's JavaScript-only runtime call this origin.

Where the files live: the ADDIN_DIR setting (env TACTFUL_ADDIN_DIR), else the repository's
outlook-addin/src next to an editable install. An installed wheel has no repository, so a
deployment points TACTFUL_ADDIN_DIR at a copy of outlook-addin/src; without one, /addin/
answers 404 with a message saying so.

The add-in pages run inside Outlook: Office.js must come from Microsoft's CDN and Outlook on
the web frames the task pane, so these responses carry their own CSP (still no inline
script or style) instead of the app's `frame-ancestors 'none'`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

from .errors import ApiError

bp = Blueprint("addin", __name__)

OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com"
# Where Outlook hosts add-in frames (web, new Outlook for Windows); desktop webviews load
# the pane as the top document, where frame-ancestors does not apply.
OUTLOOK_FRAME_ANCESTORS = ("https://*.office.com https://*.office365.com https://*.office.net "
                           "https://*.outlook.com https://*.live.com https://*.microsoft.com "
                           "https://*.cloud.microsoft")
_REPO_SRC = Path(__file__).resolve().parents[3] / "outlook-addin" / "src"
_ORIGIN_LINE = re.compile(r'^var TACTFUL_ORIGIN = "[^"\n]*";$', re.M)
_ORIGIN_OK = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def addin_dir(cfg: dict | None = None, environ: dict | None = None) -> Path | None:
    """The directory holding taskpane.html and friends, or None when there is none."""
    env = os.environ if environ is None else environ
    given = (cfg or {}).get("ADDIN_DIR") or env.get("TACTFUL_ADDIN_DIR")
    path = Path(given) if given else _REPO_SRC
    return path if (path / "taskpane.html").is_file() else None


def _settings() -> dict:
    state = current_app.extensions.get("tactful")
    return state.cfg if state is not None else current_app.config


def _origin() -> str:
    """The origin the add-in was loaded from: ADDIN_ORIGIN when set (behind a proxy that
    rewrites the host), else this request's own scheme and host."""
    given = _settings().get("ADDIN_ORIGIN") or os.environ.get("TACTFUL_ADDIN_ORIGIN", "")
    for candidate in (given, request.host_url):
        origin = (candidate or "").rstrip("/")
        if _ORIGIN_OK.match(origin):
            return origin
    raise ApiError(400, "bad_host", "The request's Host header is not a valid host name.")


def _root() -> Path:
    cfg = _settings()
    found = addin_dir(cfg)
    if found is None:
        raise ApiError(404, "addin_not_installed", "The Outlook add-in's files are not on this "
                       "server: set TACTFUL_ADDIN_DIR to a copy of outlook-addin/src.")
    return found


@bp.get("/addin/")
@bp.get("/addin/<path:name>")
def asset(name: str = "taskpane.html"):
    root = _root()
    if name == "onsend.js":
        return _onsend(root)
    resp = send_from_directory(root, name, max_age=0)
    resp.headers["Cache-Control"] = "no-cache"
    return resp


def _onsend(root: Path) -> Response:
    """The send handler with this server's origin written in: classic Outlook runs it with
    no page around it, so it cannot find out where it came from."""
    path = safe_join(str(root), "onsend.js")
    if path is None or not os.path.isfile(path):
        raise NotFound()
    source = Path(path).read_text(encoding="utf-8")
    source = _ORIGIN_LINE.sub(lambda _: f'var TACTFUL_ORIGIN = "{_origin()}";', source, count=1)
    resp = Response(source, mimetype="text/javascript")
    resp.headers["Cache-Control"] = "no-cache"
    return resp


@bp.get("/.well-known/microsoft-officeaddins-allowed.json")
def allowed():
    """Office's list of add-in JavaScript files allowed to make CORS calls to this origin."""
    _root()
    return jsonify({"allowed": [f"{_origin()}/addin/onsend.js"]})


@bp.after_request
def _addin_headers(resp: Response) -> Response:
    if request.path.startswith("/addin/") and resp.mimetype == "text/html":
        ancestors = (_settings().get("ADDIN_FRAME_ANCESTORS")
                     or os.environ.get("TACTFUL_ADDIN_FRAME_ANCESTORS") or OUTLOOK_FRAME_ANCESTORS)
        resp.headers["Content-Security-Policy"] = (
            f"default-src 'self'; script-src 'self' {OFFICE_JS_ORIGIN}; style-src 'self'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            f"form-action 'none'; frame-ancestors 'self' {ancestors}")
    return resp
