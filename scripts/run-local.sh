#!/usr/bin/env bash
# Runs the service locally: Azurite (table service) on 127.0.0.1:10002, the demo data of seed/demo.json,
# and the API on http://127.0.0.1:7071 through Payments.LocalHost. Ctrl-C stops both.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

api_url="http://127.0.0.1:7071"
demo_key="pk_5966fcf7a1912f89713aa15794e3eacdb13151e9b63e082d1c3f40197259c3f7"
demo_cart="cart_01M86MS9K65CQ5DSH0AYYTBNTQ"

source scripts/functions-worker-mode.sh
dotnet build src/Payments.LocalHost -c Release "${functions_worker_build_flags[@]}"

connection="$(scripts/azurite.sh start 10002)"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  scripts/azurite.sh stop || true
}
trap cleanup EXIT INT TERM

PaymentsStorage__ConnectionString="$connection" AdminAuth__JwtSecret="local-development-jwt-secret-change-me-0123456789" \
  Cors__StoreOrigins="http://localhost:8000" Cors__AdminOrigins="http://localhost:9000" \
  dotnet src/Payments.LocalHost/bin/Release/net10.0/Payments.LocalHost.dll \
  --urls "$api_url" --seed seed/demo.json &
host_pid=$!

for _ in $(seq 1 300); do
  curl -fs -o /dev/null "$api_url/store/payment-providers?region_id=x" -H "x-publishable-api-key: $demo_key" && break
  kill -0 "$host_pid" 2>/dev/null || { echo "the local host exited during start-up" >&2; exit 1; }
  sleep 0.2
done

collection="$(curl -fs -X POST "$api_url/store/payment-collections" \
  -H "x-publishable-api-key: $demo_key" -H 'content-type: application/json' \
  -d "{\"cart_id\":\"$demo_cart\"}")"
collection_id="$(printf '%s' "$collection" | grep -o '"id":"pay_col_[0-9A-Z]*"' | head -n 1 | cut -d'"' -f4)"

cat <<MSG

Payments.Functions is serving on $api_url (Azurite tables: 127.0.0.1:10002, demo data loaded).
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
