#!/usr/bin/env bash
# Starts the release server on a fresh temporary database for the browser tests, and
# removes the database when Playwright stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 0' TERM INT
# The administrator the specs log in as (see tests/helpers.ts).
printf '%s\n' 'e2e-beheer-wachtwoord' |
  BUURTPLEIN_DB="$dir/e2e.db" target/release/server create-admin beheerder Beheer >/dev/null
# The demo neighbourhood is on, as `make run` has it, around the fixed clock of
# playwright.config.ts: its activities, conversations, the light at Huiskamer Op de Hoek and
# the demo accounts are part of what the specs see (see tests/helpers.ts).
# Many specs sign up from one address; the limits themselves are tested in the server tests.
# Map tiles from a host that does not exist: the specs answer it themselves (map.spec).
BUURTPLEIN_TILE_URL='http://tegels.test/{z}/{x}/{y}.png' \
BUURTPLEIN_LIMIT_FACTOR=100 \
BUURTPLEIN_DEMO=1 \
BUURTPLEIN_DB="$dir/e2e.db" \
LEPTOS_SITE_ROOT=target/site \
LEPTOS_SITE_ADDR="127.0.0.1:${E2E_PORT:-3100}" \
  target/release/server &
pid=$!
wait "$pid"
