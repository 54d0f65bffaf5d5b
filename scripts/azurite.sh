#!/usr/bin/env bash
# Runs Azurite's table service (npm azurite, pinned in package.json) for local development and tests.
#   scripts/azurite.sh start [port]   start it in the background (a free port when none is given) and print
#                                     its connection string; prints the running one's when already started
#   scripts/azurite.sh stop           stop the instance started here
# State (pid, port, log) lives in .azurite/ at the repository root. Data is in memory: a restart is empty.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state_dir="$repo_root/.azurite"
pid_file="$state_dir/azurite-table.pid"
port_file="$state_dir/azurite-table.port"
log_file="$state_dir/azurite-table.log"
azurite_table="$repo_root/node_modules/.bin/azurite-table"

# Azurite's well-known development account (public, documented by Microsoft; not a secret).
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

connection_string() {
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;TableEndpoint=http://127.0.0.1:$1/devstoreaccount1;"
}

is_running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  if is_running; then
    connection_string "$(cat "$port_file")"
    return
  fi
  if [[ ! -x "$azurite_table" ]]; then
    (cd "$repo_root" && npm ci --no-audit --no-fund >&2)
  fi
  local port="${1:-$(free_port)}"
  mkdir -p "$state_dir"
  # Azurite keeps its data in memory; the state folder as working directory keeps any file it writes there.
  # Started directly in the background (no wrapping subshell), so $! is Azurite itself and nothing else holds
  # this script's output open.
  cd "$state_dir"
  nohup "$azurite_table" --inMemoryPersistence --disableTelemetry --silent \
    --tableHost 127.0.0.1 --tablePort "$port" </dev/null >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  echo "$port" >"$port_file"
  for _ in $(seq 1 300); do
    if port_answers "$port"; then
      connection_string "$port"
      return
    fi
    if ! is_running; then
      echo "azurite-table exited during start-up; its log:" >&2
      cat "$log_file" >&2
      rm -f "$pid_file" "$port_file"
      exit 1
    fi
    sleep 0.1
  done
  echo "azurite-table did not answer on port $port within 30 seconds" >&2
  stop
  exit 1
}

stop() {
  if is_running; then
    local pid
    pid="$(cat "$pid_file")"
    kill "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pid_file" "$port_file"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  *)
    echo "usage: $0 start [port] | stop" >&2
    exit 2
    ;;
esac
