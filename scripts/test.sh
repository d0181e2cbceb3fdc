#!/usr/bin/env bash
# `npm test`: every test, node and browser. Installs Chromium and redis-server
# from Debian's packages when they are missing and we are root; else says how.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need[*]} with apt-get..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing: ${need[*]}. Install them first:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi

npm run --silent typecheck
npm run --silent test:node
npm run --silent test:browser
