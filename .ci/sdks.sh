#!/usr/bin/env bash
# The Python and TypeScript SDKs, generated from openapi/openapi.json with pinned generators
# (clients/python/requirements.txt; clients/typescript/package.json + package-lock.json),
# installed into ignored folders and reused between runs.
#
#   .ci/sdks.sh generate          regenerate both SDKs in place (after changing the API)
#   .ci/sdks.sh check             regenerate into a scratch folder: fail on any generator
#                                 warning or any difference from what is checked in
#   .ci/sdks.sh journeys BINARY   run both SDKs' user journeys against a live server
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

venv=target/sdk-venv
python_out=clients/python/profilehub-client
ts=clients/typescript

install_tools() {
  if [ ! -x "$venv/bin/openapi-python-client" ] ||
    ! cmp -s clients/python/requirements.txt "$venv/requirements.txt"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r clients/python/requirements.txt
    cp clients/python/requirements.txt "$venv/requirements.txt"
  fi
  if ! cmp -s "$ts/package-lock.json" "$ts/node_modules/.installed-lock.json"; then
    (cd "$ts" && npm ci --no-audit --no-fund --loglevel=error &&
      cp package-lock.json node_modules/.installed-lock.json)
  fi
}

# generate PYTHON_OUT TS_SCHEMA: both generators; fails on a warning from either.
generate() {
  local log
  log=$(mktemp)
  RUFF_NO_CACHE=true PATH="$root/$venv/bin:$PATH" "$venv/bin/openapi-python-client" generate \
    --path openapi/openapi.json --config clients/python/generator.yaml \
    --output-path "$1" --overwrite >"$log" 2>&1 || { cat "$log"; return 1; }
  cat "$log"
  if grep -qi 'warning\|error' "$log"; then
    echo "openapi-python-client reported problems (above)" >&2
    return 1
  fi
  (cd "$ts" && npx --no-install openapi-typescript ../../openapi/openapi.json -o "$2") >"$log" 2>&1 ||
    { cat "$log"; return 1; }
  cat "$log"
  if grep -qi 'warn\|error' "$log"; then
    echo "openapi-typescript reported problems (above)" >&2
    return 1
  fi
  rm -f "$log"
}

case "${1:-}" in
generate)
  install_tools
  generate "$python_out" src/schema.ts
  ;;
check)
  install_tools
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  generate "$scratch/python" "$scratch/schema.ts"
  if ! diff -r -x __pycache__ "$python_out" "$scratch/python" >/dev/null ||
    ! diff "$ts/src/schema.ts" "$scratch/schema.ts" >/dev/null; then
    diff -ru -x __pycache__ "$python_out" "$scratch/python" | head -40 || true
    diff -u "$ts/src/schema.ts" "$scratch/schema.ts" | head -40 || true
    echo "the SDKs are stale: run .ci/sdks.sh generate and commit the result" >&2
    exit 1
  fi
  (cd "$ts" && npx --no-install tsc -p .)
  echo "SDKs are up to date and compile"
  ;;
journeys)
  install_tools
  # shellcheck source=serve.sh
  source .ci/serve.sh
  start_server "${2:?usage: $0 journeys path/to/profilehub}"
  PYTHONPATH="$python_out" "$venv/bin/python" clients/python/journey.py "$base"
  (cd "$ts" && npx --no-install tsc -p . && node dist/journey.js "$base")
  server_logged_no_errors
  ;;
*)
  sed -n '2,10p' "$0"
  exit 2
  ;;
esac
