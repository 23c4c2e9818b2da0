#!/usr/bin/env bash
# `npm run dev`: migrate and seed the development database, then run next dev and the worker (restarted on change).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_deps
node scripts/ensure-env.mjs
npm run --silent db:migrate
npm run --silent db:seed
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait' INT TERM EXIT
npx tsx watch --conditions=react-server scripts/run.ts workers/index.ts &
pids+=($!)
PORT="${PORT:-3000}" npx tsx server.ts &
pids+=($!)
wait -n "${pids[@]}"
