#!/usr/bin/env bash
# Browser tests need Debian's Chromium (Playwright drives it through executable_path; it can
# never download its own browser here). Install it when missing and we can (root + apt);
# otherwise say what to install and let the browser tests skip with that reason.
set -u
for bin in chromium chromium-browser; do
  if command -v "$bin" >/dev/null 2>&1; then exit 0; fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
    libxml2-utils >/dev/null) || echo "Could not install chromium; browser tests will skip."
else
  echo "Chromium not found. Install it (Debian: sudo apt-get install chromium) to run the" \
       "browser tests; they skip without it."
fi
exit 0
