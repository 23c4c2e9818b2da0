#!/usr/bin/env bash
# `npm test`: install what is missing, then run every test: unit + integration (Vitest against the real
# MariaDB and Redis), then the browser tests (Playwright + Debian Chromium against a production build).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_deps
ensure_local_services
ensure_chromium

echo "› unit and integration tests"
npx vitest run

echo "› browser tests"
build_if_stale
npx vitest run --config vitest.e2e.config.ts
