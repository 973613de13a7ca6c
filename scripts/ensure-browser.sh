#!/usr/bin/env bash
# Makes sure the Node and browser tests (js/test, web-demo/test) can run:
# Debian's chromium at /usr/bin/chromium, and the tests' npm packages
# (playwright-core, ajv, typescript, pinned in the package-lock.json files).
# Idempotent; `make test-node` and `make test-browser` run it.
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

# The npm packages the tests use, exactly as the lock files pin them.
for dir in web-demo/test js; do
  # Also when the lock file is newer than the last install (npm writes node_modules/.package-lock.json).
  if [ ! -d "$dir/node_modules/playwright-core" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "ensure-browser: installing $dir's npm packages (npm ci)" >&2
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
done
