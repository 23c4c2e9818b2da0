# Shared shell helpers for scripts/*.sh (sourced, not run).
export NEXT_TELEMETRY_DISABLED=1

# npm ci from the committed lockfile, nothing else: the lockfile lists every platform's optional packages
# (scripts/check-lockfile.mjs, run by CI), so a refusal here is a real error to fix, not to paper over.
install_deps() {
  echo "› installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
}

# Install node_modules when missing or older than package-lock.json.
ensure_deps() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    install_deps
  fi
}

# True when .next holds a production build newer than every source file.
build_is_fresh() {
  [ -f .next/BUILD_ID ] || return 1
  local newer
  newer=$(find app components lib db/schema proxy.ts next.config.js postcss.config.mjs package-lock.json public \
    -newer .next/BUILD_ID -type f 2>/dev/null | head -n 1)
  [ -z "$newer" ]
}

# next build unless the existing build is fresh.
build_if_stale() {
  if build_is_fresh; then
    echo "› production build is up to date"
  else
    echo "› building the web app (next build)"
    npx next build
  fi
}

# Start MariaDB/MySQL and Redis on this machine when they are local and not answering.
ensure_local_services() {
  if ! mysqladmin -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
    if command -v start-stop-daemon >/dev/null && [ -x /usr/sbin/mariadbd ]; then
      echo "› starting MariaDB"
      start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
      for _ in $(seq 1 60); do mysqladmin -h 127.0.0.1 -u root ping >/dev/null 2>&1 && break; sleep 1; done
    fi
  fi
  if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    if command -v redis-server >/dev/null; then
      echo "› starting Redis"
      redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
      for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 1; done
    fi
  fi
}

# Debian's Chromium for the browser tests (playwright-core never downloads a browser here).
ensure_chromium() {
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "› installing chromium (apt-get)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "chromium is missing: install it (apt-get install chromium) or set CHROMIUM_PATH" >&2
      return 1
    fi
  fi
}
