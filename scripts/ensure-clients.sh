#!/usr/bin/env bash
# Makes sure the real clients that pkg/localservice's tests run against the
# local service are installed: Debian's python3-boto3 (/usr/bin/python3) and
# awscli (/usr/bin/aws), and @aws-sdk/client-amplifybackend as
# test/localservice/package-lock.json pins it. Idempotent: it installs only
# what is missing. `make test-go` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
/usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || missing+=(python3-boto3)
[ -x /usr/bin/aws ] || missing+=(awscli)
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-clients: installing Debian's ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO="sudo"
    else
      echo "ensure-clients: need root (or sudo) to run apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"
fi

dir=test/localservice
if [ ! -d "$dir/node_modules/@aws-sdk/client-amplifybackend" ]; then
  echo "ensure-clients: installing $dir's npm packages (npm ci)" >&2
  (cd "$dir" && npm ci --no-audit --no-fund)
fi
