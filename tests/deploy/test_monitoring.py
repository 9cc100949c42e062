"""Monitoring examples (deploy/prometheus): every metric the alerts and docs use is one
the server really exports, and, when promtool is installed (Debian: prometheus), the rules
load and fire on synthetic series as intended."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from deploy_support import DEPLOY, ROOT, TOKEN, load_all

ALERTS = DEPLOY / "prometheus" / "alerts.yml"
SCRAPE = DEPLOY / "prometheus" / "scrape.yml"
HERE = Path(__file__).parent


def _rules() -> list[dict]:
    (doc,) = load_all(ALERTS)
    return [rule for group in doc["groups"] for rule in group["rules"]]


def _exported(url: str) -> set[str]:
    # One real analysis first, so per-category and per-endpoint series exist.
    requests.post(url + "/api/v1/analyze", json={"text": "No. You should have asked."},
                  headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    text = requests.get(url + "/metrics", timeout=10).text
    # Families from the HELP lines: a histogram `x` has samples x_bucket, x_sum, x_count.
    return {m.group(1) for m in re.finditer(r"^# HELP ([a-z_:]+) ", text, re.M)}


def test_alerts_and_docs_only_use_exported_metrics(server):
    exported = _exported(server["url"])
    used = set()
    for rule in _rules():
        used |= set(re.findall(r"\b(tactful_[a-z_]+)", rule["expr"]))
    docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    used |= set(re.findall(r"`(tactful_[a-z_]+)", docs))
    used = {re.sub(r"_(bucket|sum|count)$", "", name) for name in used}
    assert used, "the alerts name no metric"
    assert used <= exported, used - exported


def test_scrape_config_targets_the_api_port():
    (doc,) = load_all(SCRAPE)
    jobs = {job["job_name"]: job for job in doc["scrape_configs"]}
    assert jobs["tactful"]["static_configs"][0]["targets"] == ["tactful:8740"]
    assert all(job.get("metrics_path", "/metrics") == "/metrics" for job in jobs.values())


@pytest.fixture
def promtool():
    exe = shutil.which("promtool")
    if exe is None:
        pytest.skip("promtool is not installed (Debian: apt-get install prometheus)")
    return exe


def test_rules_load(promtool):
    out = subprocess.run([promtool, "check", "rules", str(ALERTS)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_error_and_latency_alerts_fire_on_bad_series_only(promtool):
    """promtool's rule unit tests: 5% of 5xx pages, 0.1% does not; a slow p99 warns."""
    out = subprocess.run([promtool, "test", "rules", str(HERE / "promtool_alerts_test.yml")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
