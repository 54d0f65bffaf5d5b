#!/usr/bin/env bash
# Runs every test: builds the solution once, starts an Azurite of its own (a free port, its own state in
# .azurite/test-<pid>/), runs all test projects, the storefront suite and the end-to-end suite against a real Medusa
# (installed into .run-medusa/ on first use) with it, then the Medusa plugin's tests, and stops it. A running
# scripts/run-local.sh, or any other Azurite, is never touched.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

dotnet build Payments.Functions.sln -c Release

# The npm tools (Node 22, Azurite, @medusajs/js-sdk), installed before anything runs from node_modules, and their Node
# first on PATH for Azurite and the storefront suite.
# shellcheck source=npm-tools.sh
source scripts/npm-tools.sh
ensure_npm_tools
azurite_instance="test-$$"
trap 'scripts/azurite.sh stop --name "$azurite_instance" >/dev/null 2>&1 || true; rm -rf ".azurite/$azurite_instance"' EXIT
PAYMENTS_TEST_TABLES_CONNECTION="$(scripts/azurite.sh start --name "$azurite_instance")"
export PAYMENTS_TEST_TABLES_CONNECTION

results="$(mktemp)"
status=0
dotnet test Payments.Functions.sln -c Release --no-build 2>&1 | tee "$results" || status=$?

# The storefront suite: @medusajs/js-sdk against the Release local host, which it starts on its own tables in this
# Azurite (tests/Payments.Tests.Storefront).
node --test --test-reporter=spec tests/Payments.Tests.Storefront/*.test.mjs 2>&1 | tee -a "$results" || status=$?

# The end-to-end suite: a real Medusa 2.21.2 with the plugin beside the Release local host in module mode, on ports,
# tables and a database of its own (tests/Payments.Tests.Medusa/run.sh; the first run installs PostgreSQL and the
# Medusa application into .run-medusa/, docs/medusa.md). Then the plugin's unit tests, on the build that installed.
# A set-up that fails before the suite's tests report counts as one failure in the closing line.
e2e="$(mktemp)"
e2e_status=0
tests/Payments.Tests.Medusa/run.sh --test-reporter=spec 2>&1 | tee "$e2e" || e2e_status=$?
cat "$e2e" >> "$results"
if [ "$e2e_status" -ne 0 ] && ! grep -q '^ℹ pass [0-9]' "$e2e"; then
  echo "The end-to-end suite failed before its tests ran (above)."
  echo "ℹ fail 1" >> "$results"
fi
rm -f "$e2e"
[ "$e2e_status" -eq 0 ] || status=$e2e_status
(cd src/Payments.MedusaPlugin && node --test --test-reporter=spec test/*.test.mjs) 2>&1 | tee -a "$results" || status=$?

# One closing line over all test runs: "N passed, N failed" (dotnet test's summaries and node's "ℹ pass/fail/cancelled").
awk '/(Passed|Failed)! +- Failed: / {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     /^ℹ pass [0-9]+$/ { p += $3 }
     /^ℹ (fail|cancelled) [0-9]+$/ { f += $3 }
     END { printf "%d passed, %d failed\n", p, f }' "$results"
rm -f "$results"
exit "$status"
