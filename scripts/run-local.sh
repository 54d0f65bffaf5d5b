#!/usr/bin/env bash
# Runs the service locally: Azurite (table service) and the API through Payments.LocalHost, which plays the gateway and
# the Functions host; Ctrl-C stops what it started. Three ways:
#
#   scripts/run-local.sh [--port 7071] [--azurite-port 10002]
#       table mode: the demo data of seed/demo.json stands in for the commerce backend
#   scripts/run-local.sh --with-medusa [--medusa-port 9100]
#       beside a real Medusa 2.21.2 running on this service's ledger (scripts/medusa.sh installs it the first time:
#       PostgreSQL and npm packages, several minutes), in backend mode with the module (docs/medusa.md)
#   scripts/run-local.sh --backend URL
#       beside a Medusa (or Mercur) you run yourself; the environment gives CommerceBackend__SecretKey and
#       AdminAuth__JwtSecret (the backend's JWT_SECRET), and CommerceBackend__ModuleApiKey when it runs the plugin
#
# The build's and the host's logs go to .run-local/<port>/, so the instructions it prints stay readable.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

api_port="${PAYMENTS_API_PORT:-7071}"
azurite_port="${AZURITE_TABLE_PORT:-10002}"
medusa_port=9100
mode=tables
backend_url=""
usage="usage: $0 [--port API_PORT] [--azurite-port TABLE_PORT] [--with-medusa [--medusa-port PORT] | --backend URL]"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) api_port="${2:?--port needs a value}"; shift 2 ;;
    --azurite-port) azurite_port="${2:?--azurite-port needs a value}"; shift 2 ;;
    --with-medusa) mode=medusa; shift ;;
    --medusa-port) medusa_port="${2:?--medusa-port needs a value}"; shift 2 ;;
    --backend) mode=backend; backend_url="${2:?--backend needs a URL}"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

fail() { echo "run-local: $*" >&2; exit 1; }

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
port_busy "$api_port" && fail "port $api_port is already in use (another run-local or program); choose another with --port."
port_busy "$azurite_port" && fail "port $azurite_port is already in use (another Azurite or program); choose another with --azurite-port."
case "$mode" in
  medusa)
    port_busy "$medusa_port" && fail "port $medusa_port is already in use (another Medusa or program); choose another with --medusa-port."
    ;;
  backend)
    [ -n "${CommerceBackend__SecretKey:-}" ] || fail "--backend needs CommerceBackend__SecretKey (a secret API key of the backend) in the environment."
    [ -n "${AdminAuth__JwtSecret:-}" ] || fail "--backend needs AdminAuth__JwtSecret (the backend's JWT_SECRET) in the environment."
    curl -fs -o /dev/null --max-time 5 "$backend_url/health" || fail "the backend does not answer $backend_url/health."
    ;;
esac

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

# Installed before anything starts: a failure or Ctrl-C half-way must still stop Medusa, which runs in a session of its
# own. The ports were free, so the Azurite instance and the Medusa it stops can only be this run's.
export MEDUSA_PORT="$medusa_port" PAYMENTS_FUNCTIONS_URL="$api_url"
medusa_started=""
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  scripts/azurite.sh stop --name "$azurite_instance" || true
  [ -n "$medusa_started" ] && scripts/medusa.sh stop >/dev/null || true
}
trap cleanup EXIT INT TERM

# Medusa's first install takes minutes: its steps are shown as they finish.
if [[ "$mode" == medusa ]]; then
  echo "Installing Medusa 2.21.2 with the plugin (the first time takes several minutes; log: $log_dir/medusa.log)..."
  medusa_started=1
  { scripts/medusa.sh install && scripts/medusa.sh start && scripts/medusa.sh keys; } 2>&1 \
    | tee "$log_dir/medusa.log" | sed -n -u -E 's|^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z ([^:]+): ([0-9.]+ s)$|  \1 (\2)|p' \
    || fail "installing or starting Medusa failed; the end of $log_dir/medusa.log: $(tail -n 5 "$log_dir/medusa.log")"
fi

connection="$(scripts/azurite.sh start --name "$azurite_instance" --table-port "$azurite_port")"

# Table mode loads the demo data and a development JWT secret; beside a backend, the backend's settings decide.
host_settings=(PaymentsStorage__ConnectionString="$connection" Cors__StoreOrigins="http://localhost:8000" Cors__AdminOrigins="http://localhost:9000")
host_arguments=(--urls "$api_url")
case "$mode" in
  tables)
    host_settings+=(AdminAuth__JwtSecret="local-development-jwt-secret-change-me-0123456789")
    host_arguments+=(--seed seed/demo.json)
    ;;
  medusa) mapfile -t -O "${#host_settings[@]}" host_settings < <(scripts/medusa.sh service-env) ;;
  backend) host_settings+=(CommerceBackend__Url="$backend_url") ;;
esac
env "${host_settings[@]}" dotnet src/Payments.LocalHost/bin/Release/net10.0/Payments.LocalHost.dll "${host_arguments[@]}" >"$host_log" 2>&1 &
host_pid=$!

until curl -fs -o /dev/null "$api_url/health"; do
  if ! kill -0 "$host_pid" 2>/dev/null; then
    echo "run-local: the local host stopped during start-up; the end of $host_log:" >&2
    tail -n 15 "$host_log" >&2
    exit 1
  fi
  sleep 0.2
done

case "$mode" in
  medusa)
    scripts/medusa.sh seed >>"$log_dir/medusa.log" 2>&1 || fail "seeding Medusa failed; see $log_dir/medusa.log"
    state() { scripts/medusa.sh state "$1"; }
    medusa_url="http://127.0.0.1:$medusa_port"
    cat <<MSG

Payments.Functions is serving on $api_url beside Medusa 2.21.2 on $medusa_url, which runs its payments on this
service's ledger (the plugin @payments-functions/medusa). Host log: $host_log; Medusa's: .run-medusa/medusa-$medusa_port.log

A cart at Medusa, its payment through either side, and the order:

  key='$(state publishableKey)'
  cart=\$(curl -s -X POST $medusa_url/store/carts -H "x-publishable-api-key: \$key" -H 'content-type: application/json' \\
    -d '{"region_id":"$(state regionId)"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).cart.id')
  curl -s -X POST $medusa_url/store/carts/\$cart/line-items -H "x-publishable-api-key: \$key" \\
    -H 'content-type: application/json' -d '{"variant_id":"$(state variantId)","quantity":1}' >/dev/null
  # the fast path (this service) or Medusa's own route ($medusa_url/store/payment-collections): one collection either way
  collection=\$(curl -s -X POST $api_url/store/payment-collections -H "x-publishable-api-key: \$key" \\
    -H 'content-type: application/json' -d "{\\"cart_id\\":\\"\$cart\\"}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).payment_collection.id')
  curl -s -X POST $api_url/store/payment-collections/\$collection/payment-sessions -H "x-publishable-api-key: \$key" \\
    -H 'content-type: application/json' -d '{"provider_id":"pp_system_default"}'
  curl -s -X POST $medusa_url/store/carts/\$cart/complete -H "x-publishable-api-key: \$key"

Press Ctrl-C to stop both.
MSG
    ;;
  backend)
    cat <<MSG

Payments.Functions is serving on $api_url in backend mode: carts, regions, keys and customers come from $backend_url.
Host log: $host_log

Call it with a publishable key of that backend, for a cart of that backend:

  curl -s -X POST '$api_url/store/payment-collections' -H 'content-type: application/json' \\
    -H 'x-publishable-api-key: <publishable key>' --data-raw '{"cart_id":"<cart id>"}'

Press Ctrl-C to stop.
MSG
    ;;
  tables)
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
    ;;
esac
wait "$host_pid"
