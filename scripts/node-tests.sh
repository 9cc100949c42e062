#!/usr/bin/env bash
# Unit tests of the clients' pure parts with Node's built-in runner (no npm packages needed).
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=()
for d in extension/test outlook-addin/test; do
  if [ -d "$d" ] && ls "$d"/*.test.* >/dev/null 2>&1; then dirs+=("$d"/*.test.*); fi
done
if [ ${#dirs[@]} -eq 0 ]; then
  echo "node tests: none yet"
  exit 0
fi
if ! command -v node >/dev/null 2>&1; then
  echo "node is not installed; client unit tests cannot run" >&2
  exit 1
fi
node --test "${dirs[@]}"
