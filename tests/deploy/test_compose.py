"""The team server: docker-compose.yml's structure (Tactful, Redis, Caddy; health checks,
settings by environment, a private network) and the Caddyfile, which `caddy validate`
parses when Caddy is installed (Debian: apt-get install caddy)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from deploy_support import DEPLOY, load_all

COMPOSE = DEPLOY / "docker-compose.yml"
CADDYFILE = DEPLOY / "Caddyfile"
ENV_EXAMPLE = DEPLOY / ".env.example"
API_PORT = "8740"


@pytest.fixture(scope="module")
def compose() -> dict:
    (doc,) = load_all(COMPOSE)
    return doc


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def test_services_and_their_order(compose):
    services = compose["services"]
    assert set(services) == {"tactful", "redis", "caddy"}
    assert services["tactful"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["caddy"]["depends_on"]["tactful"]["condition"] == "service_healthy"


def test_tactful_is_built_from_the_deploy_dockerfile(compose):
    build = compose["services"]["tactful"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DEPLOY / "Dockerfile"


def test_every_service_has_a_healthcheck_or_proxies_one(compose):
    services = compose["services"]
    check = services["tactful"]["healthcheck"]["test"]
    assert check[0] == "CMD" and check[-1] == "/opt/tactful/healthcheck.py"
    assert services["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    assert "health_uri /healthz" in CADDYFILE.read_text(encoding="utf-8")


def test_settings_come_from_the_environment(compose):
    env = compose["services"]["tactful"]["environment"]
    for key in ("TACTFUL_TOKEN", "TACTFUL_ALLOWED_ORIGINS", "TACTFUL_RATE_LIMIT",
                "TACTFUL_RATE_LIMIT_STORAGE", "TACTFUL_WORKERS", "TACTFUL_LOG_LEVEL"):
        assert key in env
    # The token is required: compose refuses to start without one rather than run open.
    assert re.fullmatch(r"\$\{TACTFUL_TOKEN:\?.+\}", env["TACTFUL_TOKEN"])


def test_every_variable_used_is_documented_in_the_example_env(compose):
    text = COMPOSE.read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", text))
    assert used <= set(_env_example()), used - set(_env_example())
    caddy_env = compose["services"]["caddy"]["environment"]
    assert set(re.findall(r"\{\$([A-Z0-9_]+)", CADDYFILE.read_text())) <= set(caddy_env)


def test_limiter_uses_the_redis_service(compose):
    storage = compose["services"]["tactful"]["environment"]["TACTFUL_RATE_LIMIT_STORAGE"]
    host = storage.removeprefix("redis://").split(":")[0]
    assert storage.startswith("redis://") and host in compose["services"]
    command = compose["services"]["redis"]["command"]
    assert command[command.index("--save") + 1] == ""  # counters only, nothing on disk
    assert command[command.index("--appendonly") + 1] == "no"


def test_only_the_proxy_is_published_and_the_backend_has_no_way_out(compose):
    services = compose["services"]
    assert "ports" not in services["tactful"] and "ports" not in services["redis"]
    assert services["tactful"]["expose"] == [API_PORT]
    assert {"80:80", "443:443"} <= set(services["caddy"]["ports"])
    assert compose["networks"]["backend"]["internal"] is True
    assert services["tactful"]["networks"] == ["backend"]
    assert "backend" in services["caddy"]["networks"]


def test_containers_are_locked_down(compose):
    for name in ("tactful", "redis"):
        service = compose["services"][name]
        assert service["read_only"] is True
        assert service["cap_drop"] == ["ALL"]
        assert "no-new-privileges:true" in service["security_opt"]
        assert "memory" in service["deploy"]["resources"]["limits"]


def test_mounted_files_exist(compose):
    for volume in compose["services"]["caddy"]["volumes"]:
        source = volume.split(":")[0]
        if source.startswith("./") and not source.endswith("certs"):
            assert (DEPLOY / source).is_file(), source


def test_caddy_proxies_to_the_api_port_and_hides_metrics():
    text = CADDYFILE.read_text(encoding="utf-8")
    assert re.search(rf"reverse_proxy tactful:{API_PORT}\b", text)
    assert re.search(r"@internal path /metrics", text) and "respond @internal 404" in text


@pytest.mark.parametrize("tls", ["admin@example.com", "CERTS"])
def test_caddyfile_is_valid(tls, tmp_path):
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("caddy is not installed (Debian: apt-get install caddy)")
    if tls == "CERTS":
        cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                        "1", "-subj", "/CN=tactful.example.com", "-keyout", str(key), "-out",
                        str(cert)], check=True, capture_output=True, timeout=60)
        tls = f"{cert} {key}"
    env = {**os.environ, "TACTFUL_HOSTNAME": "tactful.example.com", "TACTFUL_TLS": tls,
           "XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    out = subprocess.run([caddy, "validate", "--config", str(CADDYFILE), "--adapter",
                          "caddyfile"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Valid configuration" in out.stdout + out.stderr
