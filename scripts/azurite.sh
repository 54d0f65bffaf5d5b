#!/usr/bin/env bash
# Runs Azurite (npm azurite, pinned in package.json) for local development and tests, one named instance at a time.
#
#   scripts/azurite.sh start [PORT] [--name NAME] [--all] [--table-port P] [--blob-port P] [--queue-port P]
#       Starts instance NAME (default: "default") in the background and prints its connection string. The table
#       service alone by default, on PORT or --table-port (default: a free port). With --all, blob, queue and table
#       (what the Functions host needs for AzureWebJobsStorage), on 10000, 10001 and 10002 unless given.
#       If NAME is already running, prints its connection string and starts nothing.
#   scripts/azurite.sh stop [--name NAME]
#       Stops instance NAME, if it runs. Other instances are never touched.
#
# Each instance keeps its pid, ports, connection string and log in .azurite/NAME/. Data is in memory: a restart is
# empty. A busy port is reported in one line, before anything starts.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
azurite_bin="$repo_root/node_modules/.bin"
# shellcheck source=npm-tools.sh
source "$repo_root/scripts/npm-tools.sh"

# Azurite's well-known development account (public, documented by Microsoft; not a secret).
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
account="devstoreaccount1"

usage() {
  echo "usage: $0 start [PORT] [--name NAME] [--all] [--table-port P] [--blob-port P] [--queue-port P] | stop [--name NAME]" >&2
  exit 2
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  "$azurite_bin/node" -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

is_running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

require_free() { # service port option
  if port_answers "$2"; then
    echo "azurite: the $1 port $2 is already in use (another Azurite or program); choose another with $3." >&2
    exit 1
  fi
}

start() {
  if is_running; then
    cat "$connection_file"
    return
  fi
  ensure_npm_tools

  local command connection
  if [[ "$all" == true ]]; then
    table_port="${table_port:-10002}"
    blob_port="${blob_port:-10000}"
    queue_port="${queue_port:-10001}"
    require_free blob "$blob_port" --blob-port
    require_free queue "$queue_port" --queue-port
    require_free table "$table_port" --table-port
    command=("$azurite_bin/azurite" --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port")
    connection="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob_port/$account;QueueEndpoint=http://127.0.0.1:$queue_port/$account;TableEndpoint=http://127.0.0.1:$table_port/$account;"
  else
    table_port="${table_port:-$(free_port)}"
    require_free table "$table_port" --table-port
    command=("$azurite_bin/azurite-table")
    connection="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$account_key;TableEndpoint=http://127.0.0.1:$table_port/$account;"
  fi

  mkdir -p "$state_dir"
  echo "$connection" >"$connection_file"
  # The state folder as working directory keeps any file Azurite writes in it. Started directly in the background
  # (no wrapping subshell), so $! is Azurite itself and nothing else holds this script's output open.
  cd "$state_dir"
  nohup "${command[@]}" --tableHost 127.0.0.1 --tablePort "$table_port" --inMemoryPersistence --disableTelemetry --silent \
    </dev/null >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  for _ in $(seq 1 300); do
    if port_answers "$table_port" && { [[ "$all" != true ]] || { port_answers "$blob_port" && port_answers "$queue_port"; }; }; then
      echo "$connection"
      return
    fi
    if ! is_running; then
      if grep -q EADDRINUSE "$log_file"; then
        echo "azurite: a port was taken while it started ($(grep -o 'EADDRINUSE[^"]*' "$log_file" | head -n 1)); choose another." >&2
      else
        echo "azurite: exited during start-up; its log ($log_file):" >&2
        cat "$log_file" >&2
      fi
      rm -f "$pid_file"
      exit 1
    fi
    sleep 0.1
  done
  echo "azurite: did not answer on port $table_port within 30 seconds; its log is $log_file" >&2
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
  rm -f "$pid_file"
}

[[ $# -ge 1 ]] || usage
action="$1"
shift
name="default"
all=false
table_port=""
blob_port=""
queue_port=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) name="${2:?--name needs a value}"; shift 2 ;;
    --all) all=true; shift ;;
    --table-port) table_port="${2:?--table-port needs a value}"; shift 2 ;;
    --blob-port) blob_port="${2:?--blob-port needs a value}"; shift 2 ;;
    --queue-port) queue_port="${2:?--queue-port needs a value}"; shift 2 ;;
    [0-9]*) table_port="$1"; shift ;;
    *) usage ;;
  esac
done
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "azurite: --name takes letters, digits, '.', '_' and '-'" >&2; exit 2; }

state_dir="$repo_root/.azurite/$name"
pid_file="$state_dir/azurite.pid"
connection_file="$state_dir/connection-string"
log_file="$state_dir/azurite.log"

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
