"""A small, strict subset of kustomize, for machines without `kubectl kustomize`: enough to
render deploy/k8s (resources, namespace, labels, images, config map and secret generators,
strategic-merge patches by name and JSON 6902 patches by target). Anything else in a
kustomization.yaml is an error, so the fallback can never silently skip a feature.

Generated names get no content hash here (kustomize adds one); references still match.
"""

from __future__ import annotations

import base64
import copy
from pathlib import Path

import yaml

KNOWN = {"apiVersion", "kind", "resources", "namespace", "labels", "images",
         "configMapGenerator", "secretGenerator", "patches"}
# Lists merged by a key in strategic merge patches (the ones our manifests use).
MERGE_KEYS = {"containers": "name", "env": "name", "ports": "containerPort",
              "volumes": "name", "volumeMounts": "mountPath"}


class KustomizeError(ValueError):
    pass


def build(folder: Path) -> list[dict]:
    """Render the kustomization in `folder` to a list of manifests."""
    path = folder / "kustomization.yaml"
    if not path.is_file():
        raise KustomizeError(f"{folder}: no kustomization.yaml")
    k = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(k) - KNOWN
    if unknown:
        raise KustomizeError(f"{path}: fields this renderer does not know: {sorted(unknown)}")
    docs: list[dict] = []
    for entry in k.get("resources", []):
        target = folder / entry
        if target.is_dir():
            docs.extend(build(target))
        elif target.is_file():
            docs.extend(d for d in yaml.safe_load_all(target.read_text(encoding="utf-8")) if d)
        else:
            raise KustomizeError(f"{path}: resource {entry!r} does not exist")
    for gen in k.get("configMapGenerator", []):
        _generate(docs, folder, gen, "ConfigMap")
    for gen in k.get("secretGenerator", []):
        _generate(docs, folder, gen, "Secret")
    for patch in k.get("patches", []):
        _patch(docs, folder, patch)
    for label in k.get("labels", []):
        for d in docs:
            d.setdefault("metadata", {}).setdefault("labels", {}).update(label["pairs"])
    if "namespace" in k:
        for d in docs:
            if d["kind"] != "Namespace":
                d["metadata"]["namespace"] = k["namespace"]
    for image in k.get("images", []):
        _retag(docs, image)
    return docs


def find(docs: list[dict], kind: str, name: str) -> dict:
    for d in docs:
        if d["kind"] == kind and d["metadata"]["name"] == name:
            return d
    raise KustomizeError(f"no {kind} named {name!r}")


def _generate(docs: list[dict], folder: Path, gen: dict, kind: str) -> None:
    data: dict[str, str] = {}
    for literal in gen.get("literals", []):
        key, _, value = literal.partition("=")
        data[key] = value
    for spec in gen.get("files", []):
        key, _, name = spec.rpartition("=")
        file = folder / name
        if not file.is_file():
            raise KustomizeError(f"{folder}: generator file {name!r} does not exist")
        data[key or Path(name).name] = file.read_text(encoding="utf-8")
    if gen.get("behavior") == "merge":
        existing = find(docs, kind, gen["name"])
        if kind == "Secret":
            data = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
        existing.setdefault("data", {}).update(data)
        return
    doc = {"apiVersion": "v1", "kind": kind, "metadata": {"name": gen["name"]}}
    if kind == "Secret":
        doc["type"] = gen.get("type", "Opaque")
        data = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
    doc["data"] = data
    docs.append(doc)


def _patch(docs: list[dict], folder: Path, patch: dict) -> None:
    if "path" in patch:
        body = yaml.safe_load((folder / patch["path"]).read_text(encoding="utf-8"))
    else:
        body = yaml.safe_load(patch["patch"])
    if isinstance(body, list):  # JSON 6902
        target = patch.get("target") or {}
        doc = find(docs, target["kind"], target["name"])
        for op in body:
            _json_op(doc, op)
        return
    doc = find(docs, body["kind"], body["metadata"]["name"])
    merged = _merge(doc, body)
    doc.clear()
    doc.update(merged)


def _merge(base, patch):
    if isinstance(base, dict) and isinstance(patch, dict):
        out = copy.deepcopy(base)
        for key, value in patch.items():
            if value is None:
                out.pop(key, None)
            elif key in out and key in MERGE_KEYS and isinstance(value, list):
                out[key] = _merge_list(out[key], value, MERGE_KEYS[key])
            elif key in out:
                out[key] = _merge(out[key], value)
            else:
                out[key] = copy.deepcopy(value)
        return out
    return copy.deepcopy(patch)


def _merge_list(base: list, patch: list, key: str) -> list:
    out = copy.deepcopy(base)
    for item in patch:
        match = next((i for i, b in enumerate(out) if b.get(key) == item.get(key)), None)
        if match is None:
            out.append(copy.deepcopy(item))
        else:
            out[match] = _merge(out[match], item)
    return out


def _json_op(doc: dict, op: dict) -> None:
    if op["op"] not in ("replace", "add"):
        raise KustomizeError(f"JSON patch op {op['op']!r} not supported here")
    *parents, last = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].split("/")[1:]]
    node = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        index = int(last)
        if op["op"] == "replace" and index >= len(node):
            raise KustomizeError(f"JSON patch path {op['path']!r} does not exist")
        node[index] = op["value"]
    else:
        if op["op"] == "replace" and last not in node:
            raise KustomizeError(f"JSON patch path {op['path']!r} does not exist")
        node[last] = op["value"]


def _retag(docs: list[dict], image: dict) -> None:
    for d in docs:
        spec = d.get("spec", {}).get("template", {}).get("spec", {})
        for c in spec.get("containers", []) + spec.get("initContainers", []):
            if c["image"].split(":")[0] == image["name"]:
                c["image"] = f"{image.get('newName', image['name'])}:{image['newTag']}"
