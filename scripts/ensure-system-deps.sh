#!/usr/bin/env bash
# System tools the tests drive for real: Debian's Chromium (Playwright uses it through
# executable_path; it can never download its own browser here), xmllint (Office add-in
# manifests), redis-server (shared rate limits), caddy and promtool (deployment configs).
# Install what is missing when we can (root + apt); otherwise say what to install and let
# the tests that need it skip with that reason.
set -u
need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing test tools from Debian: ${need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${need[@]}" >/dev/null) \
    || echo "Could not install ${need[*]}; the tests that need them will skip."
  # The prometheus package starts a server we do not want running.
  (command -v systemctl >/dev/null 2>&1 && systemctl stop prometheus) >/dev/null 2>&1 || true
  pkill -x prometheus >/dev/null 2>&1 || true
  pkill -x redis-server >/dev/null 2>&1 || true
else
  echo "Missing test tools: ${need[*]} (Debian: sudo apt-get install ${need[*]});" \
       "the tests that need them skip."
fi
exit 0
