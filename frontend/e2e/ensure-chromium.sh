#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (BrowserIT, frontend/e2e/run.mjs).
# Never downloads a browser of its own: as root it installs the distribution package, otherwise it
# fails with what to run.
set -euo pipefail
CHROMIUM=${KEPU_CHROMIUM:-/usr/bin/chromium}
# Chinese text needs a CJK font to be drawn (screenshots, layout); best effort, never fatal.
if [ "$(id -u)" -eq 0 ] && command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-wqy-microhei >/dev/null 2>&1 || true
fi
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 ||
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
  [ -x "$CHROMIUM" ] && exit 0
fi
echo "ensure-chromium: the browser tests need Chromium at $CHROMIUM: run 'sudo apt-get install chromium' (or set KEPU_CHROMIUM)" >&2
exit 1
