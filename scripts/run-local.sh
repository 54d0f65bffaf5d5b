#!/usr/bin/env bash
# Runs the service locally: Azurite (table service), the demo data of seed/demo.json, and the API through
# Payments.LocalHost, which plays the gateway and the Functions host. Ctrl-C stops both.
#
#   scripts/run-local.sh [--port 7071] [--azurite-port 10002]
#
# The build's and the host's logs go to .run-local/<port>/, so the instructions it prints stay readable.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

api_port="${PAYMENTS_API_PORT:-7071}"
azurite_port="${AZURITE_TABLE_PORT:-10002}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) api_port="${2:?--port needs a value}"; shift 2 ;;
    --azurite-port) azurite_port="${2:?--azurite-port needs a value}"; shift 2 ;;
    *) echo "usage: $0 [--port API_PORT] [--azurite-port TABLE_PORT]" >&2; exit 2 ;;
  esac
done

api_url="http://127.0.0.1:$api_port"
demo_key="pk_5966fcf7a1912f89713aa15794e3eacdb13151e9b63e082d1c3f40197259c3f7"
demo_cart="cart_01M86MS9K65CQ5DSH0AYYTBNTQ"
log_dir="$repo_root/.run-local/$api_port"
host_log="$log_dir/host.log"
# One Azurite instance per port, so a second run-local on other ports never reuses, nor stops, the first one's.
azurite_instance="run-local-$azurite_port"

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
if port_busy "$api_port"; then
  echo "run-local: port $api_port is already in use (another run-local or program); choose another with --port." >&2
  exit 1
fi
if port_busy "$azurite_port"; then
  echo "run-local: port $azurite_port is already in use (another Azurite or program); choose another with --azurite-port." >&2
  exit 1
fi

mkdir -p "$log_dir"
# shellcheck source=npm-tools.sh
source scripts/npm-tools.sh
ensure_npm_tools
# A first build restores and compiles every project (minutes on a small machine): each project is named as it is done.
echo "Building Payments.LocalHost (log: $log_dir/build.log)..."
set +e
dotnet build src/Payments.LocalHost -c Release 2>&1 | tee "$log_dir/build.log" | sed -n -u 's|^ *\([A-Za-z.]*\) -> .*|  built \1|p'
build_status=${PIPESTATUS[0]}
set -e
if [[ "$build_status" -ne 0 ]]; then
  echo "run-local: the build failed; the end of $log_dir/build.log:" >&2
  tail -n 20 "$log_dir/build.log" >&2
  exit 1
fi

connection="$(scripts/azurite.sh start --name "$azurite_instance" --table-port "$azurite_port")"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  scripts/azurite.sh stop --name "$azurite_instance" || true
}
trap cleanup EXIT INT TERM

PaymentsStorage__ConnectionString="$connection" AdminAuth__JwtSecret="local-development-jwt-secret-change-me-0123456789" \
  Cors__StoreOrigins="http://localhost:8000" Cors__AdminOrigins="http://localhost:9000" \
  dotnet src/Payments.LocalHost/bin/Release/net10.0/Payments.LocalHost.dll \
  --urls "$api_url" --seed seed/demo.json >"$host_log" 2>&1 &
host_pid=$!

until curl -fs -o /dev/null "$api_url/health"; do
  if ! kill -0 "$host_pid" 2>/dev/null; then
    echo "run-local: the local host stopped during start-up; the end of $host_log:" >&2
    tail -n 15 "$host_log" >&2
    exit 1
  fi
  sleep 0.2
done

collection="$(curl -fs -X POST "$api_url/store/payment-collections" \
  -H "x-publishable-api-key: $demo_key" -H 'content-type: application/json' \
  -d "{\"cart_id\":\"$demo_cart\"}")"
collection_id="$(printf '%s' "$collection" | grep -o '"id":"pay_col_[0-9A-Z]*"' | head -n 1 | cut -d'"' -f4)"

cat <<MSG

Payments.Functions is serving on $api_url (Azurite tables: 127.0.0.1:$azurite_port, demo data loaded).
Host log: $host_log

The demo cart $demo_cart has payment collection $collection_id. Initialise its payment session:

  curl -s -X POST '$api_url/store/payment-collections/$collection_id/payment-sessions' \\
    -H 'content-type: application/json' \\
    -H 'x-publishable-api-key: $demo_key' \\
    --data-raw '{"provider_id":"pp_system_default"}'

List the providers of the cart's region:

  curl -s '$api_url/store/payment-providers?region_id=reg_01M86MS8BED8EMEBD97SXGGNCP' -H 'x-publishable-api-key: $demo_key'

Press Ctrl-C to stop.
MSG
wait "$host_pid"
