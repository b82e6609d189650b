#!/usr/bin/env bash
# Fuzzes a live server with Schemathesis: all checks, positive and negative data, using a
# real access token. Usage: .ci/schemathesis.sh PATH/TO/profilehub-binary
#
# Operations that end the session (logout, logout-all, delete account) run afterwards, each
# with a user of its own, so they cannot pull the token out from under the main pass.
set -euo pipefail

binary=$(realpath "${1:?usage: $0 path/to/profilehub}")
here=$(cd "$(dirname "$0")" && pwd)
st=${SCHEMATHESIS:-st}
[[ $st == */* ]] && st=$(realpath "$st")
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"

# No schedule, and every platform pointed at a closed local port: fuzzing must not reach
# the internet (linking handles queues fetches, which then fail fast and are retried later).
"$binary" serve --bind "127.0.0.1:$port" --database-url "sqlite://$work/fuzz.db" \
  --log-format json --refresh-schedule off --platform-option '*.base_url=http://127.0.0.1:9' \
  --registrations-per-ip-per-hour 100000 --login-max-failures-per-ip 100000 \
  >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "$base/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$base/readyz" >/dev/null || { cat "$work/server.log"; exit 1; }

token_for() {
  curl -fsS -X POST "$base/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"email\":\"$1@example.com\",\"password\":\"fuzzing all day long\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["tokens"]["accessToken"])'
}

global=(--config-file "$here/schemathesis.toml" --no-color)
common=(--checks all --mode all --generation-database none --request-timeout 10
  --seed "${SCHEMATHESIS_SEED:-20261123}")

# Schemathesis keeps a crash cache in the working directory: keep it out of the checkout.
cd "$work"
status=0
echo "== schemathesis: every operation that keeps the session =="
"$st" "${global[@]}" run "$base/openapi.json" "${common[@]}" \
  -H "Authorization: Bearer $(token_for fuzzer)" \
  --exclude-operation-id delete_current_user --exclude-operation-id logout_session \
  --exclude-operation-id logout_all_sessions || status=$?
for operation in delete_current_user logout_session logout_all_sessions; do
  echo "== schemathesis: $operation (ends the session; its own user) =="
  "$st" "${global[@]}" run "$base/openapi.json" "${common[@]}" \
    -H "Authorization: Bearer $(token_for "leaver_$operation")" \
    --include-operation-id "$operation" || status=$?
done

if grep -q '"level":"ERROR"' "$work/server.log"; then
  echo "the server logged errors during fuzzing:" >&2
  grep '"level":"ERROR"' "$work/server.log" >&2
  status=1
fi
exit $status
