"""Prometheus metrics: requests and latency by endpoint and status, findings by category.
Labels are route templates and categories only, never anything from the text.

Each app owns its registry, so several apps in one process (tests) do not clash. Under
gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR (`tactful serve` does) and
/metrics adds up every worker."""

from __future__ import annotations

import os

from flask import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)

_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    def __init__(self) -> None:
        from prometheus_client import values

        # Only when prometheus_client was imported with the directory set (gunicorn_conf).
        self.multiprocess = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR")) and (
            values.ValueClass is not values.MutexValue)
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "tactful_http_requests_total", "HTTP requests answered.",
            ("endpoint", "method", "status"), registry=self.registry)
        self.latency = Histogram(
            "tactful_http_request_duration_seconds", "Time to answer a request.",
            ("endpoint", "status"), buckets=_BUCKETS, registry=self.registry)
        self.findings = Counter(
            "tactful_findings_total", "Findings reported, by category.",
            ("category",), registry=self.registry)
        self.text_chars = Histogram(
            "tactful_text_chars", "Length of analysed drafts in characters.",
            buckets=(100, 500, 1000, 2000, 5000, 10000, 20000), registry=self.registry)

    def observe(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(endpoint, method, str(status)).inc()
        self.latency.labels(endpoint, str(status)).observe(seconds)

    def count_findings(self, findings: list[dict]) -> None:
        for f in findings:
            self.findings.labels(f["category"]).inc()

    def exposition(self) -> Response:
        registry = self.registry
        if self.multiprocess:
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
        return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
