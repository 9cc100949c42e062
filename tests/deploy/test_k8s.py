"""Kubernetes manifests: lint, render (kustomize), validate offline against the bundled
schemas of real Kubernetes versions, and check that the pieces refer to each other."""

from __future__ import annotations

import subprocess

import kubernetes_validate
import kustomize_lite
import pytest
from deploy_support import DEPLOY, K8S, by_kind, load_all, named, tool

# The oldest Kubernetes still commonly run, and the newest whose schemas are bundled.
VERSIONS = ["1.31.0", "1.37.0"]
API_PORT = 8740


def test_yaml_lint_is_clean():
    out = subprocess.run([tool("yamllint"), "-f", "parsable", "-c",
                          str(DEPLOY / ".yamllint.yaml"), str(DEPLOY)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_every_listed_resource_exists_and_every_file_is_listed():
    base = K8S / "base"
    listed = set(load_all(base / "kustomization.yaml")[0]["resources"])
    on_disk = {p.name for p in base.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == on_disk


@pytest.mark.parametrize("version", VERSIONS)
def test_rendered_manifests_validate_strictly(rendered, version):
    kinds = sorted(d["kind"] for d in rendered)
    for wanted in ("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                   "Ingress", "NetworkPolicy", "Secret", "ConfigMap", "Namespace"):
        assert wanted in kinds
    for doc in rendered:
        kubernetes_validate.validate(doc, version, strict=True)


@pytest.mark.parametrize("version", VERSIONS)
def test_base_files_validate_one_by_one(version):
    for path in sorted((K8S / "base").glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in load_all(path):
            kubernetes_validate.validate(doc, version, strict=True)


def test_validation_rejects_a_broken_manifest():
    """The schemas are really applied: a wrong type and an unknown field both fail."""
    service = load_all(K8S / "base" / "service.yaml")[0]
    service["spec"]["ports"][0]["port"] = "eighty"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(service, VERSIONS[0], strict=True)
    service = load_all(K8S / "base" / "service.yaml")[0]
    service["spec"]["selectr"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(service, VERSIONS[0], strict=True)


def _api(docs):
    return next(d for d in by_kind(docs, "Deployment")
                if d["metadata"]["labels"]["app.kubernetes.io/component"] == "api")


def _container(deployment):
    (c,) = deployment["spec"]["template"]["spec"]["containers"]
    return c


def test_probes_target_the_health_endpoint_on_the_api_port(rendered):
    c = _container(_api(rendered))
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports == {"http": API_PORT}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        get = c[probe]["httpGet"]
        assert get["path"] == "/healthz"
        assert ports.get(get["port"], get["port"]) == API_PORT
    env = {e["name"]: e for e in c["env"]}
    assert env["TACTFUL_BIND"]["value"].endswith(f":{API_PORT}")
    # Liveness must be more patient than readiness: a busy pod leaves rotation, not life.
    live, ready = c["livenessProbe"], c["readinessProbe"]
    assert (live["periodSeconds"] * live["failureThreshold"]
            > ready["periodSeconds"] * ready["failureThreshold"])


def test_selectors_all_pick_the_api_pods(rendered):
    api = _api(rendered)
    pod_labels = api["spec"]["template"]["metadata"]["labels"]
    assert api["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    service = named(rendered, "Service", "tactful")
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert service["spec"]["ports"][0]["targetPort"] in ("http", API_PORT)
    pdb = named(rendered, "PodDisruptionBudget", "tactful")
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    policy = named(rendered, "NetworkPolicy", "tactful")
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= pod_labels.items()
    redis = named(rendered, "Deployment", "tactful-redis")
    redis_labels = redis["spec"]["template"]["metadata"]["labels"]
    assert not service["spec"]["selector"].items() <= redis_labels.items()


def test_autoscaler_scales_the_api_on_cpu_with_room_for_disruptions(rendered):
    hpa = named(rendered, "HorizontalPodAutoscaler", "tactful")
    ref = hpa["spec"]["scaleTargetRef"]
    assert (ref["kind"], ref["name"]) == ("Deployment", _api(rendered)["metadata"]["name"])
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert "replicas" not in _api(rendered)["spec"], "the autoscaler owns the replica count"
    pdb = named(rendered, "PodDisruptionBudget", "tactful")
    assert hpa["spec"]["minReplicas"] > pdb["spec"]["maxUnavailable"]


def test_resources_are_set_and_workers_follow_the_cpu_limit(rendered):
    c = _container(_api(rendered))
    res = c["resources"]
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(res[kind])
    env = {e["name"]: e for e in c["env"]}
    field = env["TACTFUL_WORKERS"]["valueFrom"]["resourceFieldRef"]
    assert field["resource"] == "limits.cpu"


def test_token_comes_from_a_secret_in_the_overlay(rendered):
    env = {e["name"]: e for e in _container(_api(rendered))["env"]}
    ref = env["TACTFUL_TOKEN"]["valueFrom"]["secretKeyRef"]
    secret = next(d for d in by_kind(rendered, "Secret") if d["metadata"]["name"] == ref["name"])
    assert ref["key"] in secret["data"]


def test_limiter_storage_points_at_the_redis_service(rendered):
    envfrom = _container(_api(rendered))["envFrom"][0]["configMapRef"]["name"]
    config = next(d for d in by_kind(rendered, "ConfigMap")
                  if d["metadata"]["name"] == envfrom)["data"]
    storage = config["TACTFUL_RATE_LIMIT_STORAGE"]
    assert storage.startswith("redis://")
    host, port = storage[len("redis://"):].split("/")[0].split(":")
    redis_service = named(rendered, "Service", host)
    assert int(port) in [p["port"] for p in redis_service["spec"]["ports"]]
    # ...and the network policies let the API reach it and nothing else reach it.
    api_egress = named(rendered, "NetworkPolicy", "tactful")["spec"]["egress"]
    assert any(p["port"] == int(port) for rule in api_egress for p in rule["ports"])
    redis_policy = named(rendered, "NetworkPolicy", "tactful-redis")
    (allowed,) = redis_policy["spec"]["ingress"][0]["from"]
    assert allowed["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "api"


def test_ingress_serves_https_and_keeps_metrics_private(rendered):
    ingress = named(rendered, "Ingress", "tactful")
    (tls,) = ingress["spec"]["tls"]
    (rule,) = ingress["spec"]["rules"]
    assert rule["host"] in tls["hosts"] and tls["secretName"]
    paths = [p["path"] for p in rule["http"]["paths"]]
    assert not any(p == "/metrics" or (p == "/" and pt["pathType"] == "Prefix")
                   for p, pt in zip(paths, rule["http"]["paths"], strict=True))
    service = named(rendered, "Service", "tactful")
    names = {p["name"] for p in service["spec"]["ports"]}
    for p in rule["http"]["paths"]:
        backend = p["backend"]["service"]
        assert backend["name"] == "tactful" and backend["port"]["name"] in names


def test_pods_meet_the_restricted_pod_security_standard(rendered):
    for deployment in by_kind(rendered, "Deployment"):
        spec = deployment["spec"]["template"]["spec"]
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        for c in spec["containers"]:
            sc = c["securityContext"]
            assert sc["allowPrivilegeEscalation"] is False
            assert sc["capabilities"]["drop"] == ["ALL"]
            assert sc["readOnlyRootFilesystem"] is True


def test_overlay_sets_namespace_image_and_host_everywhere(rendered):
    for doc in rendered:
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "tactful"
    assert _container(_api(rendered))["image"].startswith("registry.example.com/tactful:")
    ingress = named(rendered, "Ingress", "tactful")
    assert ingress["spec"]["rules"][0]["host"] == "tactful.example.com"


def test_lite_renderer_refuses_what_it_does_not_understand(tmp_path):
    (tmp_path / "kustomization.yaml").write_text("resources: []\nreplicas: []\n")
    with pytest.raises(kustomize_lite.KustomizeError, match="replicas"):
        kustomize_lite.build(tmp_path)
    (tmp_path / "kustomization.yaml").write_text("resources: [missing.yaml]\n")
    with pytest.raises(kustomize_lite.KustomizeError, match="does not exist"):
        kustomize_lite.build(tmp_path)


def test_overlay_without_a_token_file_does_not_render(tmp_path):
    """The committed example has no token: rendering must fail, not ship a blank one."""
    with pytest.raises(kustomize_lite.KustomizeError, match="token.txt"):
        kustomize_lite.build(K8S / "overlays" / "example")
