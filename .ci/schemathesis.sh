#!/usr/bin/env bash
# Fuzzes a live server with Schemathesis: all checks, positive and negative data, using a
# real access token. Usage: .ci/schemathesis.sh PATH/TO/profilehub-binary
#
# Operations that end the session (logout, logout-all, delete account) run afterwards, each
# with a user of its own, so they cannot pull the token out from under the main pass.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
st=${SCHEMATHESIS:-st}
[[ $st == */* ]] && st=$(realpath "$st")
# shellcheck source=serve.sh
source "$here/serve.sh"
start_server "${1:?usage: $0 path/to/profilehub}"

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

server_logged_no_errors || status=1
exit $status
