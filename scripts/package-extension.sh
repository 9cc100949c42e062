#!/usr/bin/env bash
# Build the Chrome Web Store upload: dist/tactful-extension-<version>.zip.
# The store zip differs from the unpacked development build in two ways: no "key" (the store
# assigns the id) and no content-script match for the local test pages (tests/e2e/pages).
set -euo pipefail
cd "$(dirname "$0")/.."
src=extension
version=$(python3 -c 'import json; print(json.load(open("extension/manifest.json"))["version"])')
out="dist/tactful-extension-${version}.zip"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Only what the extension runs: no tests, no sources of generated files.
(cd "$src" && find . -type f \( -name '*.js' -o -name '*.html' -o -name '*.css' -o -name '*.png' \) \
  -not -path './test/*' -print0 | xargs -0 -I{} cp --parents {} "$stage")
python3 - "$src/manifest.json" "$stage/manifest.json" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1], encoding="utf-8"))
manifest.pop("key", None)
for script in manifest.get("content_scripts", []):
    script["matches"] = [m for m in script["matches"] if "/tactful-fixtures/" not in m]
json.dump(manifest, open(sys.argv[2], "w", encoding="utf-8"), indent=2, ensure_ascii=False)
PY
mkdir -p dist
rm -f "$out"
# Python's zipfile rather than zip(1): always present, and fixed timestamps keep it reproducible.
python3 - "$stage" "$out" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
files = sorted(os.path.relpath(os.path.join(d, f), stage)
               for d, _, names in os.walk(stage) for f in names)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in files:
        info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, open(os.path.join(stage, name), "rb").read())
print(f"{out} ({os.path.getsize(out) // 1024} KiB, {len(files)} files)")
PY
