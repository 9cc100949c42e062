"""Structured logs: one JSON object per line with the request id, route, status, latency and
the text's length. The draft itself never reaches a log record."""

from __future__ import annotations

import json
import logging
import re
import sys
import time

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        doc.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        return json.dumps(doc, default=str, ensure_ascii=False)


_QUERY = re.compile(r"\?[^\s\"]*")


class NoQueryStrings(logging.Filter):
    """werkzeug's request log (the `--dev` server and test servers) writes the request line
    with its query string, where a misbehaving client could have put the draft."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a
                                for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        return True


def setup(level: str) -> None:
    """Give the `tactful` logger one JSON-lines handler on stderr (idempotent: several apps in
    one process share it)."""
    logger = logging.getLogger("tactful")
    logger.setLevel(getattr(logging, level, logging.INFO))
    if not any(getattr(h, "_tactful", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler._tactful = True
        logger.addHandler(handler)
    logger.propagate = False
    werkzeug = logging.getLogger("werkzeug")
    if not any(isinstance(f, NoQueryStrings) for f in werkzeug.filters):
        werkzeug.addFilter(NoQueryStrings())
