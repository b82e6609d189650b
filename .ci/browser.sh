#!/usr/bin/env bash
# Swagger UI in a real browser (Debian's Chromium, driven by puppeteer-core from
# .ci/node/package.json): see .ci/node/swagger-ui.mjs. Usage: .ci/browser.sh BINARY
# Installs Chromium (apt) and the Node tools (npm ci) when they are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v "${CHROMIUM:-chromium}" >/dev/null; then
  echo "installing Debian's chromium"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
    $sudo apt-get update -qq && $sudo apt-get install -y --no-install-recommends chromium >/dev/null
  }
fi
"$here/node-tools.sh"

# shellcheck source=serve.sh
source "$here/serve.sh"
start_server "${1:?usage: $0 path/to/profilehub}" # a fresh database: the example registers `ada`
node "$here/node/swagger-ui.mjs" "$base"
server_logged_no_errors
