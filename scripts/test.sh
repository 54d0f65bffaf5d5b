#!/usr/bin/env bash
# Runs every test: builds the solution once, starts an Azurite of its own (a free port, its own state in
# .azurite/test-<pid>/), runs all test projects against it and stops it. A running scripts/run-local.sh, or any
# other Azurite, is never touched.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

dotnet build Payments.Functions.sln -c Release

azurite_instance="test-$$"
trap 'scripts/azurite.sh stop --name "$azurite_instance" >/dev/null 2>&1 || true; rm -rf ".azurite/$azurite_instance"' EXIT
PAYMENTS_TEST_TABLES_CONNECTION="$(scripts/azurite.sh start --name "$azurite_instance")"
export PAYMENTS_TEST_TABLES_CONNECTION

results="$(mktemp)"
status=0
dotnet test Payments.Functions.sln -c Release --no-build 2>&1 | tee "$results" || status=$?

# One closing line over all test projects: "N passed, N failed".
awk '/(Passed|Failed)! +- Failed: / {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     } END { printf "%d passed, %d failed\n", p, f }' "$results"
rm -f "$results"
exit "$status"
