"""The HTTP door: `create_app(config)` builds the Flask app around the engine.

Importing this package does nothing (gunicorn's config imports it before the app, and
Prometheus' multiprocess mode must be chosen before prometheus_client is imported).
"""

from __future__ import annotations


def create_app(config: dict | None = None):
    """Settings: defaults <- `TACTFUL_*` environment <- `config` (see config.py)."""
    from .app import create_app as _create

    return _create(config)
