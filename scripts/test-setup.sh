#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian: chromium for the Swagger UI browser
# test, openssl for the certificates the tests generate (expired, wrong host, chains, encrypted keys), curl
# for the test that runs the README's quickstart as written, pebble (Let's Encrypt's ACME test server) for
# the certificate tests in test/acme.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v pebble >/dev/null 2>&1 || missing+=(pebble)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "test-setup: installing Debian packages: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "test-setup: ${missing[*]} missing and this user cannot install Debian packages (need root or sudo)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v chromium >/dev/null && command -v openssl >/dev/null && command -v curl >/dev/null &&
  command -v pebble >/dev/null
