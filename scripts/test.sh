#!/usr/bin/env bash
# `npm test` (what CI runs): lint, typecheck, every node test with fuzzing at length, and the browser
# suite in Chromium, Firefox ESR and WebKitGTK, the four jobs side by side.
# `npm run test:fast` (this script with `fast`): lint, typecheck, the fast node tests and the browser
# suite in Chromium, for the edit loop. `npm run test:engines` (`engines`): the browser suite in
# Firefox ESR and WebKitGTK only.
# Browsers and redis-server come from Debian's packages: installed with apt-get when missing and we
# are root, else the script says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-full}"
case "$mode" in
  full) engines=(chromium firefox webkit) ;;
  fast) engines=(chromium) ;;
  engines) engines=(firefox webkit) ;;
  *) echo "usage: $0 [full|fast|engines]" >&2; exit 2 ;;
esac

# What each engine needs: an executable and the Debian package that provides it.
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
for engine in "${engines[@]}"; do
  case "$engine" in
    chromium) [ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || need+=(chromium) ;;
    firefox) [ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || need+=(firefox-esr) ;;
    webkit)
      [ -x "${WEBKIT_DRIVER_PATH:-/usr/bin/WebKitWebDriver}" ] || need+=(webkit2gtk-driver)
      [ -n "${DISPLAY:-}" ] || command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
      ;;
  esac
done
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

started=$SECONDS
npm run --silent --if-present lint
npm run --silent typecheck

# The rest runs side by side, each job into its own log, printed whole when it ends.
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
declare -A pids
job() {
  local name="$1"
  shift
  (
    local t=$SECONDS
    if "$@" >"$logs/$name.log" 2>&1; then echo "pass $((SECONDS - t))" >"$logs/$name.status"; else echo "FAIL $((SECONDS - t))" >"$logs/$name.status"; fi
  ) &
  pids[$name]=$!
}

jobs=("${engines[@]}")
if [ "$mode" = fast ]; then
  job node bash scripts/node-tests.sh fast
  jobs=(node "${jobs[@]}")
elif [ "$mode" = full ]; then
  job node env FUZZ_RUNS="${FUZZ_RUNS:-1000}" bash scripts/node-tests.sh all
  jobs=(node "${jobs[@]}")
fi
for engine in "${engines[@]}"; do
  job "$engine" bash scripts/browser-tests.sh "$engine"
done

failed=()
for name in "${!pids[@]}"; do wait "${pids[$name]}" || true; done
for name in "${jobs[@]}"; do
  read -r result seconds <"$logs/$name.status"
  echo "===== $name: $result in ${seconds}s"
  cat "$logs/$name.log"
  [ "$result" = pass ] || failed+=("$name")
done
echo
for name in "${jobs[@]}"; do
  read -r result seconds <"$logs/$name.status"
  if [ "$name" = node ]; then
    summary="$(grep -E '^# (pass|fail) ' "$logs/$name.log" | tr -d '#' | tr '\n' ' ')"
  else
    # One or more runs (scripts/browser-tests.sh): each run's last count, summed.
    summary="$(awk '/^== .*browser of its own/ { run++ }
      match($0, /[0-9]+ passed, [0-9]+ failed/) { split(substr($0, RSTART, RLENGTH), w, " "); p[run] = w[1]; f[run] = w[3] }
      END { for (r in p) { tp += p[r]; tf += f[r] }; printf "%d passed, %d failed", tp, tf }' "$logs/$name.log")"
  fi
  printf '%-9s %-4s %4ss  %s\n' "$name" "$result" "$seconds" "$summary"
done
echo "total $((SECONDS - started))s ($mode)"
if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed: ${failed[*]}" >&2
  exit 1
fi
