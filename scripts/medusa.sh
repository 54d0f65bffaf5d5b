#!/usr/bin/env bash
# A real Medusa 2.21.2 beside Payments.Functions: the application in tests/Payments.Tests.Medusa/app with the plugin
# src/Payments.MedusaPlugin installed from its packed tarball, on PostgreSQL from Debian's packages.
#
#   scripts/medusa.sh install   PostgreSQL (apt, only if missing), the database, the app in .run-medusa/app with the
#                               packed plugin, db:migrate, build, the admin user. Re-runs redo only what changed.
#   scripts/medusa.sh start     the built app on 127.0.0.1:$MEDUSA_PORT, in the background; waits for /health
#   scripts/medusa.sh keys      a secret key for Payments.Functions, a sales channel, a publishable key
#   scripts/medusa.sh seed      keys, then a USD and a EUR region with the providers Payments.Functions lists and a
#                               product priced in both (needs Payments.Functions answering);
#                               .run-medusa/state-<database>.json names them
#   scripts/medusa.sh stop      stops the app started by start
#   scripts/medusa.sh up        install, start, seed
#   scripts/medusa.sh service-env
#                               the settings Payments.Functions needs beside this Medusa (backend mode with the
#                               module), one KEY=value a line, from what keys made
#   scripts/medusa.sh state KEY what keys and seed recorded (publishableKey, regionId, variantId, …)
#   scripts/medusa.sh state-file
#                               the file they are recorded in
#   scripts/medusa.sh database  the name of the database (for a caller that watches its PostgreSQL backends)
#
# Settings (environment): MEDUSA_PORT (9100), MEDUSA_DATABASE (payments_medusa_<checkout>_<secrets>, or
# payments_medusa_<MEDUSA_ROLE>_<checkout>_<secrets>: the secrets live in .run-medusa/, so two checkouts, or a checkout
# cloned again where another was, never share a database; the one the lost secrets named is dropped), PAYMENTS_FUNCTIONS_URL
# (http://127.0.0.1:7071) and PAYMENTS_FUNCTIONS_API_KEY, read when Medusa starts; MEDUSA_PAYMENT_MODULE (plugin):
# stock runs the same application with Medusa's own Payment Module instead (@medusajs/payment, pp_system_default; the
# benchmark's baseline, bench/Payments.Benchmarks medusa): its built configuration without the plugin's two entries, in
# .run-medusa/app-stock beside the app, on a database of its own (a stock Medusa keeps payments in its tables), seeded
# without Payments.Functions. The module API key, Medusa's
# JWT_SECRET and the admin's password are made once and kept in .run-medusa/; state.json names them for the tests.
# Each step's time goes to .run-medusa/timings.log.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="$repo_root/.run-medusa"
app_template="$repo_root/tests/Payments.Tests.Medusa/app"
app="$run_dir/app"
plugin="$repo_root/src/Payments.MedusaPlugin"

port="${MEDUSA_PORT:-9100}"
checkout="$(printf '%s' "$repo_root" | sha256sum | cut -c1-8)"
payment_module="${MEDUSA_PAYMENT_MODULE:-plugin}"
stock_server="$run_dir/app-stock"
database_user=payments_medusa
admin_email=admin@payments-functions.test
export MEDUSA_DISABLE_TELEMETRY=true

fail() { echo "medusa.sh: $*" >&2; exit 1; }

case "$payment_module" in
  plugin|stock) ;;
  *) fail "MEDUSA_PAYMENT_MODULE is plugin (the default) or stock, not $payment_module" ;;
esac

# A secret made once per checkout and kept, so the app, Payments.Functions and the tests agree across runs.
kept_secret() {
  local file="$run_dir/$1"
  [ -s "$file" ] || { mkdir -p "$run_dir"; (umask 077; node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))' > "$file"); }
  cat "$file"
}

# A database holds the admin's password and the keys it was seeded with: it belongs to the secrets that made it.
databases_of_checkout="payments_medusa${MEDUSA_ROLE:+_$MEDUSA_ROLE}_${checkout}_"
database="${MEDUSA_DATABASE:-$databases_of_checkout$(kept_secret jwt-secret | sha256sum | cut -c1-8)}"

elapsed_since() { local ms=$(( ($(date +%s%N) - $1) / 1000000 )); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }

timed() {
  local label=$1 start; shift
  start=$(date +%s%N)
  "$@" || return
  echo "$(date -u +%FT%TZ) $label: $(elapsed_since "$start")" | tee -a "$run_dir/timings.log"
}

sha_of() { cat "$@" | sha256sum | cut -c1-16; }

# Runs a step when its inputs changed since it last succeeded: $1 names the stamp, $2 the inputs' digest.
changed() { [ "$(cat "$run_dir/$1.stamp" 2>/dev/null)" != "$2" ]; }
stamp() { echo "$2" > "$run_dir/$1.stamp"; }

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -Atc \"$1\""; }

ensure_postgres() {
  if ! command -v pg_lsclusters >/dev/null; then
    command -v apt-get >/dev/null || fail "PostgreSQL is missing and there is no apt-get to install it"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local cluster
  cluster=$(pg_lsclusters -h | head -1)
  [ -n "$cluster" ] || fail "no PostgreSQL cluster: pg_createcluster <version> main --start"
  set -- $cluster
  [ "$4" = online ] || pg_ctlcluster "$1" "$2" start
  [ "$(psql_admin "select 1 from pg_roles where rolname='$database_user'")" = 1 ] \
    || psql_admin "create user $database_user with password '$database_user' createdb"
  [ "$(psql_admin "select 1 from pg_database where datname='$database'")" = 1 ] \
    || psql_admin "create database $database owner $database_user"
  # This checkout's databases of earlier secrets (a .run-medusa/ deleted, the repository cloned again here) serve nobody.
  local stale
  for stale in $(psql_admin "select datname from pg_database where left(datname, ${#databases_of_checkout}) = '$databases_of_checkout' and datname <> '$database'"); do
    psql_admin "drop database $stale with (force)" >/dev/null
  done
}

# The .env names the database of the last install; start names its own, so installs for two databases can alternate.
database_url() { echo "postgres://$database_user:$database_user@127.0.0.1:5432/$database"; }

write_app() {
  mkdir -p "$app/src"
  cp "$app_template/package.json" "$app_template/package-lock.json" "$app_template/medusa-config.ts" \
    "$app_template/tsconfig.json" "$app/"
  cat > "$app/.env" <<ENV
DATABASE_URL=$(database_url)
JWT_SECRET=$(kept_secret jwt-secret)
COOKIE_SECRET=$(kept_secret cookie-secret)
PAYMENTS_FUNCTIONS_URL=http://127.0.0.1:7071
PAYMENTS_FUNCTIONS_API_KEY=$(kept_secret module-api-key)
STORE_CORS=http://127.0.0.1:8000,http://localhost:8000
ADMIN_CORS=http://127.0.0.1:9000,http://localhost:9000
AUTH_CORS=http://127.0.0.1:8000,http://localhost:8000,http://127.0.0.1:9000,http://localhost:9000
MEDUSA_DISABLE_TELEMETRY=true
ENV
}

# A Medusa started from the app on another port (scripts/run-local.sh --with-medusa, or start) keeps running on the
# files it loaded: changing them under it would break it, so an install that needs to says so and stops instead.
ensure_app_unused() {
  local file pid
  for file in "$run_dir"/medusa-*.pid; do
    [ -f "$file" ] && [ "$file" != "$(pid_file)" ] || continue
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
      fail "$1 would change $app under the Medusa running from it (pid $pid, $(basename "$file" .pid)): stop that one first (MEDUSA_PORT=<its port> scripts/medusa.sh stop, or end scripts/run-local.sh --with-medusa)"
    fi
  done
}

# node_modules are kept while the lock file is the same: npm ci only when it changed.
npm_ci_if_changed() {
  local dir=$1 name=$2 digest
  digest=$(sha_of "$dir/package-lock.json")
  if changed "$name-node-modules" "$digest" || [ ! -d "$dir/node_modules" ]; then
    [ "$dir" != "$app" ] || ensure_app_unused "installing the app's packages"
    (cd "$dir" && timed "$name npm ci" npm ci --no-audit --no-fund --loglevel=error)
    stamp "$name-node-modules" "$digest"
  fi
}

# Built and packed again only when its sources changed.
install_plugin() {
  npm_ci_if_changed "$plugin" plugin
  local digest tarball
  digest=$(cd "$plugin" && find src package.json package-lock.json tsconfig.json -type f | sort | xargs cat | sha256sum | cut -c1-16)
  tarball=$(ls "$run_dir"/payments-functions-medusa-*.tgz 2>/dev/null | head -1 || true)
  if changed plugin-packed "$digest" || [ -z "$tarball" ]; then
    (cd "$plugin" && timed "plugin build" npm run --silent build >/dev/null)
    rm -f "$run_dir"/payments-functions-medusa-*.tgz
    tarball="$run_dir/$(cd "$plugin" && npm pack --silent --pack-destination "$run_dir")"
    stamp plugin-packed "$digest"
  fi
  if changed plugin-installed "$digest" || [ ! -d "$app/node_modules/@payments-functions/medusa" ]; then
    ensure_app_unused "installing the changed plugin"
    rm -rf "$app/node_modules/@payments-functions/medusa"
    (cd "$app" && timed "plugin npm install" npm install --no-save --no-audit --no-fund --loglevel=error "$tarball")
    stamp plugin-installed "$digest"
  fi
  plugin_digest=$digest
}

# Medusa's own Payment Module: the app's built configuration (so every other setting stays the same) with its modules
# and plugins back to Medusa's defaults, beside the built app and on its packages.
write_stock_server() {
  mkdir -p "$stock_server"
  cat > "$stock_server/medusa-config.js" <<'CONFIG'
// Written by scripts/medusa.sh (MEDUSA_PAYMENT_MODULE=stock): the application of ../app without the plugin's two
// entries, so Medusa runs its own Payment Module (@medusajs/payment).
const { defineConfig } = require("@medusajs/framework/utils")
const { projectConfig, admin } = require("../app/.medusa/server/medusa-config.js")
module.exports = defineConfig({ projectConfig, admin })
CONFIG
  cp "$app/package.json" "$app/.env" "$stock_server/"
  ln -sfn ../app/node_modules "$stock_server/node_modules"
}

install() {
  ensure_postgres
  write_app
  npm_ci_if_changed "$app" app
  install_plugin
  local app_digest
  app_digest="$(sha_of "$app/package-lock.json" "$app/medusa-config.ts")-$plugin_digest"
  if changed built "$app_digest" || [ ! -d "$app/.medusa/server" ]; then
    ensure_app_unused "building the app"
    (cd "$app" && timed "build" ./node_modules/.bin/medusa build)
    ln -sfn ../../node_modules "$app/.medusa/server/node_modules"
    stamp built "$app_digest"
  fi
  cp "$app/.env" "$app/.medusa/server/.env"
  # The plugin's application migrates from its sources; the stock one from its configuration.
  local migrated_from=$app
  if [ "$payment_module" = stock ]; then
    write_stock_server
    migrated_from=$stock_server
    app_digest="$app_digest-stock"
  fi
  if changed "migrated-$database" "$app_digest"; then
    # db:migrate logs a failed data migration script, skips every script after it, and still exits 0.
    local migration_log="$run_dir/migrate-$database.log"
    (cd "$migrated_from" && timed "db:migrate" ./node_modules/.bin/medusa db:migrate) 2>&1 | tee "$migration_log"
    ! grep -q "Failed to run migration script" "$migration_log" \
      || fail "a migration script of Medusa failed (log $migration_log): the scripts after it did not run"
    stamp "migrated-$database" "$app_digest"
  fi
  if changed "admin-user-$database" "$admin_email"; then
    local user_log="$run_dir/admin-user-$database.log"
    if ! (cd "$migrated_from" && timed "admin user" ./node_modules/.bin/medusa user -e "$admin_email" -p "$(kept_secret admin-password)" >"$user_log" 2>&1); then
      grep -q "already exists" "$user_log" || fail "creating the admin user failed (log $user_log)"
      echo "medusa.sh: the admin user exists already"
    fi
    stamp "admin-user-$database" "$admin_email"
  fi
}

pid_file() { echo "$run_dir/medusa-$port.pid"; }

start() {
  local server="$app/.medusa/server"
  [ "$payment_module" = plugin ] || server=$stock_server
  [ -f "$server/medusa-config.js" ] || fail "not installed: run scripts/medusa.sh install first (with MEDUSA_PAYMENT_MODULE=$payment_module)"
  if [ -f "$(pid_file)" ] && kill -0 "$(cat "$(pid_file)")" 2>/dev/null; then
    echo "medusa.sh: Medusa is running already on 127.0.0.1:$port (pid $(cat "$(pid_file)"))"; return
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is taken: choose another with MEDUSA_PORT"
  fi
  local log="$run_dir/medusa-$port.log" started
  started=$(date +%s%N)
  # Its own session, so stop ends the server and whatever it started; exec, so the pid is the server's.
  (cd "$server" && DATABASE_URL="$(database_url)" NODE_ENV=production exec setsid ./node_modules/.bin/medusa start -H 127.0.0.1 -p "$port" \
    </dev/null >"$log" 2>&1) &
  echo $! >"$(pid_file)"
  for _ in $(seq 1 600); do
    kill -0 "$(cat "$(pid_file)")" 2>/dev/null || fail "Medusa exited during start-up; its log: $log"
    if curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then
      echo "$(date -u +%FT%TZ) start: $(elapsed_since "$started")" | tee -a "$run_dir/timings.log"
      echo "medusa.sh: Medusa on http://127.0.0.1:$port (log $log), Payments.Functions at ${PAYMENTS_FUNCTIONS_URL:-http://127.0.0.1:7071}"
      return
    fi
    sleep 0.25
  done
  fail "Medusa did not answer /health within 150 s; its log: $log"
}

stop() {
  local file
  file=$(pid_file)
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  # medusa start runs the server in a child process: the whole process group setsid made goes.
  if kill -0 "$pid" 2>/dev/null; then
    kill -- -"$pid"
    for _ in $(seq 1 40); do kill -0 -- -"$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 -- -"$pid" 2>/dev/null && kill -9 -- -"$pid"
  fi
  rm -f "$file"
  echo "medusa.sh: Medusa on port $port stopped"
}

# Phase keys needs Medusa only; phase catalog needs Payments.Functions answering too (seed-medusa.mjs).
seed_phase() {
  [ -d "$repo_root/node_modules/@medusajs/js-sdk" ] || (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  MEDUSA_URL="http://127.0.0.1:$port" MEDUSA_ADMIN_EMAIL="$admin_email" MEDUSA_ADMIN_PASSWORD="$(kept_secret admin-password)" \
    MEDUSA_JWT_SECRET="$(kept_secret jwt-secret)" \
    timed "seed $1" node "$repo_root/tests/Payments.Tests.Medusa/support/seed-medusa.mjs" "$1" "$(state_file)"
}

state_file() { echo "$run_dir/state-$database.json"; }

seed() {
  seed_phase keys
  # Medusa's own module lists its own providers.
  [ "$payment_module" = plugin ] || { seed_phase catalog; return; }
  local service="${PAYMENTS_FUNCTIONS_URL:-http://127.0.0.1:7071}"
  curl -sf -o /dev/null "$service/health" || fail "Payments.Functions does not answer at $service: start it in backend mode first (docs/medusa.md)"
  seed_phase catalog
}

# The key Medusa's module calls Payments.Functions with, unless the caller names another.
export PAYMENTS_FUNCTIONS_API_KEY="${PAYMENTS_FUNCTIONS_API_KEY:-$(kept_secret module-api-key)}"

# Backend mode with the module: Medusa's JWT secret, its secret and publishable keys, and the key the module calls with.
service_env() {
  [ "$payment_module" = plugin ] || fail "a Medusa with its own Payment Module (MEDUSA_PAYMENT_MODULE=$payment_module) has no settings for Payments.Functions"
  local state
  state=$(state_file)
  [ -s "$state" ] || fail "no keys yet: run scripts/medusa.sh keys first"
  node -e '
    const state = require(process.argv[1]);
    const env = {
      AdminAuth__JwtSecret: state.jwtSecret,
      CommerceBackend__Url: process.argv[2],
      CommerceBackend__SecretKey: state.secretKey,
      CommerceBackend__PublishableKey: state.publishableKey,
      CommerceBackend__ModuleApiKey: state.moduleApiKey,
    };
    for (const [key, value] of Object.entries(env)) console.log(`${key}=${value}`);
  ' "$state" "http://127.0.0.1:$port"
}

state_value() {
  [ -s "$(state_file)" ] || fail "nothing recorded yet: run scripts/medusa.sh keys first"
  node -e 'process.stdout.write(String(require(process.argv[1])[process.argv[2]] ?? ""))' "$(state_file)" "${1:?state needs a key}"
}

case "${1:-}" in
  install) install ;;
  service-env) service_env ;;
  state) state_value "${2:-}" ;;
  state-file) state_file ;;
  database) echo "$database" ;;
  start) start ;;
  keys) seed_phase keys ;;
  seed) seed ;;
  stop) stop ;;
  up) install; start; seed ;;
  *) echo "usage: scripts/medusa.sh install|start|keys|seed|stop|up|service-env|state KEY|state-file|database" >&2; exit 2 ;;
esac
