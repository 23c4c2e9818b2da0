#!/usr/bin/env bash
# `npm start`: install, migrate, seed, build, then run the web app and the worker; prints the URL and demo login.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

PORT="${PORT:-3000}"
ensure_deps
node scripts/ensure-env.mjs
export NODE_ENV=production
npm run --silent db:migrate
SEED_OUTPUT="$(npm run --silent db:seed)"
echo "$SEED_OUTPUT"
build_if_stale

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap cleanup INT TERM EXIT

npm run --silent worker &
pids+=($!)
PORT="$PORT" npm run --silent web &
pids+=($!)

for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:${PORT}/api/health" || true)
  [ "$code" = "200" ] && break
  sleep 1
done

DEMO_LINE=$(echo "$SEED_OUTPUT" | grep 'demo user' | sed -E 's/^[a-z]+ +demo user +//')
ADMIN_LINE=$(echo "$SEED_OUTPUT" | grep ' admin ' | sed -E 's/^[a-z]+ +admin +//')
if grep -qE '^SMTP_URL=.+' .env 2>/dev/null || [ -n "${SMTP_URL:-}" ]; then
  MAIL_LINE="sent through SMTP_URL"
else
  MAIL_LINE="no SMTP_URL: kept in the admin console's Outbox (http://localhost:${PORT}/admin/outbox)"
fi
cat <<BANNER

  ┌──────────────────────────────────────────────────────────────
  │ Tickpilot is running:  http://localhost:${PORT}
  │ demo login:   ${DEMO_LINE}
  │ admin login:  ${ADMIN_LINE}
  │ emails:       ${MAIL_LINE}
  │ health:       http://localhost:${PORT}/api/health   (Ctrl-C stops web and worker)
  └──────────────────────────────────────────────────────────────

BANNER

# Stop everything when either process exits.
wait -n "${pids[@]}"
