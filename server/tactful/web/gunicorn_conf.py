"""gunicorn settings for Tactful (deploy/gunicorn.conf.py re-exports this module, and
`tactful serve` uses it too, so there is one source). Every value can be set from the
environment:

TACTFUL_BIND (host:port, default 127.0.0.1:8740) or TACTFUL_HOST / TACTFUL_PORT,
TACTFUL_WORKERS (default: usable CPUs), TACTFUL_WORKER_CLASS (default gthread),
TACTFUL_THREADS (per worker, default 2),
TACTFUL_TIMEOUT (s, default 30), TACTFUL_ACCESS_LOG ("-" = stdout, or a path; off by default
because the app already logs one JSON line per request), TACTFUL_LOG_LEVEL,
TACTFUL_CERTFILE / TACTFUL_KEYFILE (serve HTTPS).
"""

import atexit
import gc
import os
import shutil
import tempfile

_env = os.environ.get


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


wsgi_app = "tactful.web:create_app()"
_host, _port = _env("TACTFUL_HOST", "127.0.0.1"), _env("TACTFUL_PORT", "8740")
bind = [_env("TACTFUL_BIND") or f"{_host}:{_port}"]
# Analysis is CPU-bound pure Python: one process per core; two threads per worker keep
# connections alive and overlap network waits. More threads only queue behind the GIL and
# stretch the tail (p99 at 16 connections: about 45 ms with 2 threads, 70 ms with 4).
workers = int(_env("TACTFUL_WORKERS") or _cpus())
worker_class = _env("TACTFUL_WORKER_CLASS") or "gthread"
threads = int(_env("TACTFUL_THREADS") or 2)
preload_app = True           # load rules and warm the engine once, before forking
timeout = int(_env("TACTFUL_TIMEOUT") or 30)
graceful_timeout = 10
keepalive = 5
max_requests = 0
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
proc_name = "tactful"
control_socket_disable = True  # gunicorn 27+: no control socket in $HOME (several instances clash)
loglevel = (_env("TACTFUL_LOG_LEVEL") or "info").lower()
errorlog = "-"
accesslog = _env("TACTFUL_ACCESS_LOG") or None
# JSON access log: no bodies, no query strings (nothing the client typed beyond the path).
access_log_format = (
    '{"ts":"%(t)s","remote":"%(h)s","method":"%(m)s","path":"%(U)s","status":%(s)s,'
    '"bytes":"%(B)s","latency_ms":%(M)s,"request_id":"%({x-request-id}o)s"}'
)
certfile = _env("TACTFUL_CERTFILE") or None
keyfile = _env("TACTFUL_KEYFILE") or None

# Prometheus: with several workers each process counts on its own; the multiprocess mode
# writes to a shared directory that /metrics adds up. Must be set before the app loads.
_metrics_dir = None
if workers > 1 and not _env("PROMETHEUS_MULTIPROC_DIR"):
    _metrics_dir = tempfile.mkdtemp(prefix="tactful-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir
    _master = os.getpid()
    # Also when gunicorn exits early (port taken), but only in the master, not a worker.
    atexit.register(lambda: os.getpid() == _master and shutil.rmtree(_metrics_dir, True))


def when_ready(server):
    """After the preloaded app (rule pack, tone model) is built and before any worker forks:
    move every object into the permanent generation, so workers' garbage collections skip
    the pack (shorter pauses in the latency tail) and its pages stay shared."""
    gc.collect()
    gc.freeze()


def child_exit(server, worker):
    if _env("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)
