#!/usr/bin/env bash
# Makes sure the browser tests (web-demo/test) can run: Debian's chromium at
# /usr/bin/chromium, and the test's npm packages (playwright-core, pinned in
# web-demo/test/package-lock.json). Idempotent; `make test-browser` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-browser: $CHROMIUM is missing; installing Debian's chromium" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO="sudo"
    else
      echo "ensure-browser: need root (or sudo) to run apt-get install -y chromium" >&2
      exit 1
    fi
  fi
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi

if [ ! -d web-demo/test/node_modules/playwright-core ]; then
  echo "ensure-browser: installing web-demo/test's npm packages (npm ci)" >&2
  (cd web-demo/test && npm ci --no-audit --no-fund)
fi
