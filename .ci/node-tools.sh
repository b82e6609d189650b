#!/usr/bin/env bash
# Installs the pinned Node tools of .ci/node (Redocly CLI, puppeteer-core) unless the
# installed set already matches the lockfile.
set -euo pipefail
cd "$(dirname "$0")/node"
if ! cmp -s package-lock.json node_modules/.installed-lock.json; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock.json
fi
