#!/usr/bin/env bash
# The end-to-end suite: a real Medusa 2.21.2 with @payments-functions/medusa (scripts/medusa.sh) beside the Release
# local host in backend mode with CommerceBackend:ModuleApiKey and the Stripe family, whose Stripe is the fake of
# tests/Payments.Tests.FakeStripe.Host (it delivers Stripe's webhooks to the local host), Medusa's module reaching it
# through support/relay.mjs (the suite's outages and lost answers), driven through
# @medusajs/js-sdk by tests/Payments.Tests.Medusa/*.test.mjs. Starts everything on ports of its own, stops it all on
# exit.
#   tests/Payments.Tests.Medusa/run.sh [node --test arguments]
# Tables live in the Azurite named by PAYMENTS_TEST_TABLES_CONNECTION (scripts/test.sh sets it), else in one of its
# own. Needs the Release build: dotnet build Payments.Functions.sln -c Release.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
run_dir="$repo_root/.run-medusa"
host_dll="$repo_root/src/Payments.LocalHost/bin/Release/net10.0/Payments.LocalHost.dll"
fake_stripe_dll="$repo_root/tests/Payments.Tests.FakeStripe.Host/bin/Release/net10.0/Payments.Tests.FakeStripe.Host.dll"
for dll in "$host_dll" "$fake_stripe_dll"; do
  [ -f "$dll" ] || { echo "run.sh: $dll is missing: dotnet build Payments.Functions.sln -c Release" >&2; exit 1; }
done

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

export MEDUSA_PORT="${MEDUSA_PORT:-$(free_port)}" MEDUSA_ROLE=e2e
# A stock Medusa beside it, on Medusa's own Payment Module: where Medusa's behaviour is the contract, tests ask it too.
stock_medusa=(env MEDUSA_PAYMENT_MODULE=stock MEDUSA_ROLE=e2e_stock MEDUSA_PORT="$(free_port)" scripts/medusa.sh)
service_port="$(free_port)"
service_url="http://127.0.0.1:$service_port"
relay_control_url="http://127.0.0.1:$(free_port)"
# What Medusa's module calls: the relay in front of the service.
export PAYMENTS_FUNCTIONS_URL="http://127.0.0.1:$(free_port)"
export PAYMENTS_FAKE_STRIPE_URL="http://127.0.0.1:$(free_port)"
state_file="$(scripts/medusa.sh state-file)"
host_log="$run_dir/local-host-$service_port.log"
fake_stripe_log="$run_dir/fake-stripe-$service_port.log"
relay_log="$run_dir/relay-$service_port.log"
azurite_instance=""
host_pid=""
fake_stripe_pid=""
relay_pid=""

# A process ended by a signal reports it from wait; that is the ending asked for, not a failure of the clean-up.
end_process() { [ -n "$1" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }

cleanup() {
  end_process "$host_pid"
  end_process "$fake_stripe_pid"
  end_process "$relay_pid"
  scripts/medusa.sh stop >/dev/null || true
  "${stock_medusa[@]}" stop >/dev/null || true
  [ -n "$azurite_instance" ] && { scripts/azurite.sh stop --name "$azurite_instance" >/dev/null 2>&1; rm -rf ".azurite/$azurite_instance"; }
  return 0
}
trap cleanup EXIT

# Waits for a process started in the background to answer 2xx at a URL, or shows its log.
await_answer() {
  local pid=$1 url=$2 log=$3
  for _ in $(seq 1 360); do
    curl -sf -o /dev/null "$url" && return
    kill -0 "$pid" 2>/dev/null || { echo "run.sh: the process for $url exited; its log: $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.25
  done
  echo "run.sh: nothing answered at $url within 90 s; its log: $log" >&2
  exit 1
}

scripts/medusa.sh install
"${stock_medusa[@]}" install
node tests/Payments.Tests.Medusa/support/relay.mjs "${PAYMENTS_FUNCTIONS_URL##*:}" "$service_url" "${relay_control_url##*:}" >"$relay_log" 2>&1 &
relay_pid=$!
await_answer "$relay_pid" "$relay_control_url/faults" "$relay_log"
scripts/medusa.sh start
"${stock_medusa[@]}" start
scripts/medusa.sh keys
"${stock_medusa[@]}" keys

if [ -z "${PAYMENTS_TEST_TABLES_CONNECTION:-}" ]; then
  azurite_instance="medusa-e2e-$$"
  PAYMENTS_TEST_TABLES_CONNECTION="$(scripts/azurite.sh start --name "$azurite_instance")"
fi

# The fake Stripe, whose one webhook endpoint for the whole family (docs/stripe.md, "Webhooks") is the local host's.
stripe_webhook_secret="whsec_e2e_$(scripts/medusa.sh state jwtSecret | cut -c1-16)"
dotnet "$fake_stripe_dll" --urls "$PAYMENTS_FAKE_STRIPE_URL" \
  --webhook-url "$service_url/hooks/payment/stripe_stripe" --webhook-secret "$stripe_webhook_secret" \
  >"$fake_stripe_log" 2>&1 &
fake_stripe_pid=$!

# Backend mode with the module (medusa.sh service-env) and Stripe's family on the fake.
mapfile -t service_env < <(scripts/medusa.sh service-env)
env "${service_env[@]}" \
  PaymentsStorage__ConnectionString="$PAYMENTS_TEST_TABLES_CONNECTION" \
  PaymentsStorage__TablePrefix="medusa$(date +%s)" \
  Stripe__ApiKey=sk_test_e2e \
  Stripe__ApiBase="$PAYMENTS_FAKE_STRIPE_URL" \
  Stripe__WebhookSecret="$stripe_webhook_secret" \
  dotnet "$host_dll" --urls "$service_url" --Logging:LogLevel:Default Warning >"$host_log" 2>&1 &
host_pid=$!
await_answer "$host_pid" "$service_url/health" "$host_log"
await_answer "$fake_stripe_pid" "$PAYMENTS_FAKE_STRIPE_URL/v1/refunds" "$fake_stripe_log"   # an empty list: 200

scripts/medusa.sh seed
"${stock_medusa[@]}" seed

PAYMENTS_MEDUSA_STATE="$state_file" PAYMENTS_STOCK_MEDUSA_STATE="$("${stock_medusa[@]}" state-file)" PAYMENTS_SERVICE_URL="$service_url" PAYMENTS_RELAY_CONTROL_URL="$relay_control_url" \
  node --test --test-concurrency=1 "$@" tests/Payments.Tests.Medusa/*.test.mjs
