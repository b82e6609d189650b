# Sourced by the CI scripts: `start_server BINARY [FLAGS...]` starts `profilehub serve` on a
# free port with a fresh SQLite database and waits until it is ready. It sets `base` (the
# URL), `work` (a scratch folder, removed on exit) and `server_log`, and stops the server
# on exit.
#
# No schedule, and every platform pointed at a closed local port: nothing may reach the
# internet (linking handles queues fetches, which then fail fast and are retried later).

start_server() {
  local binary
  binary=$(realpath "$1")
  shift
  work=$(mktemp -d)
  local port=$((20000 + RANDOM % 20000))
  base="http://127.0.0.1:$port"
  server_log="$work/server.log"
  "$binary" serve --bind "127.0.0.1:$port" --database-url "sqlite://$work/ci.db" \
    --log-format json --refresh-schedule off --platform-option '*.base_url=http://127.0.0.1:9' \
    --registrations-per-ip-per-hour 100000 --login-max-failures-per-ip 100000 "$@" \
    >"$server_log" 2>&1 &
  server_pid=$!
  trap stop_server EXIT
  for _ in $(seq 1 100); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  cat "$server_log" >&2
  echo "the server did not become ready at $base" >&2
  return 1
}

stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}

# Fails (after printing them) if the server logged errors, e.g. an undocumented error code.
server_logged_no_errors() {
  if grep -q '"level":"ERROR"' "$server_log"; then
    echo "the server logged errors:" >&2
    grep '"level":"ERROR"' "$server_log" >&2
    return 1
  fi
}
