#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: Debian's chromium for the Swagger UI browser test.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
echo "test-setup: installing Debian chromium for the browser tests" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "test-setup: chromium is missing and this user cannot install Debian packages (need root or sudo)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null
