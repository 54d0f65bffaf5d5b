#!/usr/bin/env bash
# Runs every test: builds the solution, starts its own Azurite on a free port, runs all test projects, stops it.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

source scripts/functions-worker-mode.sh

dotnet build Payments.Functions.sln -c Release "${functions_worker_build_flags[@]}"
standin_build=()
if [ ${#functions_worker_build_flags[@]} -eq 0 ]; then
  # The stand-in build must keep working for machines without the worker packages: build it apart and run
  # the route-table and store-route tests against it too.
  standin_build=(-c Release -p:UseFunctionsWorkerStandIns=true --artifacts-path artifacts/standins)
  dotnet build tests/Payments.Tests.Integration "${standin_build[@]}" >/dev/null
  echo "stand-in build of Payments.Functions + Payments.LocalHost: ok"
fi

# The npm packages (Azurite, @medusajs/js-sdk), installed before anything runs from node_modules: a checkout
# installed before the SDK was pinned lacks it.
[ -d node_modules/@medusajs/js-sdk ] || npm ci --no-audit --no-fund >&2
trap 'scripts/azurite.sh stop >/dev/null 2>&1 || true' EXIT
PAYMENTS_TEST_TABLES_CONNECTION="$(scripts/azurite.sh start)"
export PAYMENTS_TEST_TABLES_CONNECTION

results="$(mktemp)"
status=0
dotnet test Payments.Functions.sln -c Release --no-build "${functions_worker_build_flags[@]}" 2>&1 | tee "$results" || status=$?
if [ ${#standin_build[@]} -gt 0 ]; then
  echo "stand-in build: route table and store routes"
  dotnet test tests/Payments.Tests.Integration --no-build "${standin_build[@]}" \
    --filter "FullyQualifiedName~FunctionRouteTableTests|FullyQualifiedName~StorePaymentCollectionTests|FullyQualifiedName~PaymentSessionTests" \
    2>&1 | tee -a "$results" || status=$?
fi

# The storefront suite: @medusajs/js-sdk against the Release local host, which it starts on its own tables in this
# Azurite (tests/Payments.Tests.Storefront).
node --test --test-reporter=spec tests/Payments.Tests.Storefront/*.test.mjs 2>&1 | tee -a "$results" || status=$?

# One closing line over all test runs: "N passed, N failed" (dotnet test's summaries and node's "ℹ pass/fail/cancelled").
awk '/(Passed|Failed)! +- Failed: / {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     /^ℹ pass [0-9]+$/ { p += $3 }
     /^ℹ (fail|cancelled) [0-9]+$/ { f += $3 }
     END { printf "%d passed, %d failed\n", p, f }' "$results"
rm -f "$results"
exit "$status"
