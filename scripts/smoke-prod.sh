#!/usr/bin/env bash
# Starts the production layout the Docker image runs — the checkout's files, the production build, and production
# dependencies only (npm ci --omit=dev) — in an empty folder against a throwaway database, and waits for
# /api/health to answer 200 (web server and worker both up). Proves neither needs a dev dependency. Needs a fresh
# `next build` in .next. Usage: bash scripts/smoke-prod.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-3290}"
root="$(mktemp -d "${TMPDIR:-/tmp}/tickpilot-prod.XXXXXX")"
db="tickpilot_smoke_$$"
pids=()
# Stop a process and everything it started (npm → tsx → node), children first.
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  kill -TERM "$1" 2>/dev/null || true
}
cleanup() {
  for p in "${pids[@]}"; do kill_tree "$p"; done
  mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS \`$db\`" 2>/dev/null || true
  redis-cli -h 127.0.0.1 --scan --pattern "smoke_$$:*" 2>/dev/null | xargs -r redis-cli -h 127.0.0.1 del >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT

echo "› production layout in $root (npm ci --omit=dev)"
# The checkout without tests, benches, CI, build output, installed packages or local secrets (no git needed: CI
# runs this in a plain copy of the checkout).
tar --exclude=./.git --exclude=./node_modules --exclude=./.next --exclude=./tests --exclude=./bench \
  --exclude=./.ci --exclude=./.env --exclude='./.env.*.local' --exclude=./.env.local --exclude=./.tickpilot \
  --exclude=./test-results --exclude='*.log' -cf - . | tar -xf - -C "$root"
tar --exclude=./cache -C .next -cf - . | (mkdir -p "$root/.next" && tar -xf - -C "$root/.next")
(cd "$root" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
if [ -e "$root/node_modules/vitest" ] || [ -e "$root/node_modules/typescript" ]; then
  echo "dev dependencies were installed" >&2
  exit 1
fi

export NODE_ENV=production PORT="$port" HOST=127.0.0.1 APP_URL="http://127.0.0.1:$port" LOG_LEVEL=warn
export DATABASE_URL="mysql://root@127.0.0.1:3306/$db" REDIS_PREFIX="smoke_$$:" WORKER_HEARTBEAT_SECONDS=2
export AUTH_SECRET="$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')"
export ENCRYPTION_KEYS="1:$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')"
cd "$root"
npm run --silent db:migrate
npm run --silent worker > worker.log 2>&1 &
pids+=($!)
npm run --silent web > web.log 2>&1 &
pids+=($!)
for _ in $(seq 1 90); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health" || true)
  if [ "$code" = "200" ]; then
    echo "› production layout healthy: web and worker run on production dependencies only"
    exit 0
  fi
  sleep 1
done
echo "the production layout did not become healthy; web log:" >&2
tail -n 40 web.log worker.log >&2
exit 1
