"""The pages: the playground at `/` (its files live in static/, served under /static/)."""

from __future__ import annotations

from flask import Blueprint, current_app, send_from_directory

bp = Blueprint("pages", __name__)


@bp.get("/")
def playground():
    return send_from_directory(current_app.static_folder, "playground.html", max_age=0)
