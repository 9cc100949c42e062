"""`tactful serve`: gunicorn with the settings of gunicorn_conf.py (the same file
`gunicorn -c deploy/gunicorn.conf.py` uses), or Flask's server with --dev."""

from __future__ import annotations

import errno
import importlib
import os
import socket
import sys


def bind_problem(host: str, port: int) -> str | None:
    """Why (host, port) cannot be served, in words, or None. Binds the way gunicorn does
    (SO_REUSEADDR), so a socket in TIME_WAIT is not mistaken for a running server."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return f"cannot resolve host {host!r}"
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                return (f"port {port} on {host} is already in use (is Tactful already "
                        f"running? Stop it, or pick another port: --port {port + 1})")
            if e.errno == errno.EACCES:
                return f"not allowed to listen on port {port} (ports below 1024 need root)"
            if e.errno == errno.EADDRNOTAVAIL:
                return f"{host} is not an address of this machine"
            return f"cannot listen on {host}:{port}: {e.strerror}"
    return None


def run(host: str, port: int, workers: int | None, https: bool, dev: bool) -> int:
    from .config import load

    try:
        load()  # a bad TACTFUL_* value is a clear message, not a traceback from a worker
    except ValueError as e:
        print(f"tactful: {e}", file=sys.stderr)
        return 2
    problem = bind_problem(host, port)
    if problem:
        print(f"tactful: {problem}", file=sys.stderr)
        return 1
    # Settings travel by environment so gunicorn_conf.py and create_app() both see them.
    os.environ["TACTFUL_HOST"], os.environ["TACTFUL_PORT"] = host, str(port)
    os.environ.pop("TACTFUL_BIND", None)
    if workers:
        os.environ["TACTFUL_WORKERS"] = str(workers)
    scheme = "http"
    if https:
        from .tls import ensure_cert

        cert, key, created = ensure_cert()
        os.environ["TACTFUL_CERTFILE"], os.environ["TACTFUL_KEYFILE"] = str(cert), str(key)
        scheme = "https"
        print(f"tactful: {'created' if created else 'using'} a self-signed certificate for "
              f"localhost: {cert}\n  Trust it once in your system's certificate store so the "
              "browser and Office accept it.", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1") and not os.environ.get("TACTFUL_TOKEN"):
        print(f"tactful: warning: listening on {host} lets other machines send drafts here; "
              "set TACTFUL_TOKEN to require a bearer token", file=sys.stderr)
    shown = f"[{host}]" if ":" in host else host
    print(f"tactful: serving on {scheme}://{shown}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
    if dev:
        return _dev(host, port, https)
    return _gunicorn()


def _dev(host: str, port: int, https: bool) -> int:
    from . import create_app

    ssl = (os.environ["TACTFUL_CERTFILE"], os.environ["TACTFUL_KEYFILE"]) if https else None
    create_app().run(host=host, port=port, ssl_context=ssl, threaded=True)
    return 0


def _gunicorn() -> int:
    from gunicorn.app.base import BaseApplication

    conf = importlib.import_module("tactful.web.gunicorn_conf")

    class Tactful(BaseApplication):
        def load_config(self):
            for key, value in vars(conf).items():
                if key in self.cfg.settings and value is not None:
                    self.cfg.set(key, value)

        def load(self):
            from . import create_app

            return create_app()

    Tactful().run()
    return 0
