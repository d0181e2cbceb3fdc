#!/usr/bin/env bash
# `npm test` (what CI runs): lint, typecheck, every node test with fuzzing at length, the server-side
# node tests under Node 22 and 24 with the handler under Bun and Deno (scripts/runtimes-tests.sh), the
# browser suite in Chromium (its headless shell), Firefox ESR and WebKitGTK, and the example apps (`npm run test:apps`:
# Next.js and Nuxt built and served from the packed tarball, used in Chromium), all side by side.
# `npm run test:fast` (this script with `fast`): lint, typecheck, the fast node tests and the browser
# suite in Chromium's headless shell, for the edit loop. `npm run test:engines` (`engines`): the browser suite in
# Firefox ESR and WebKitGTK only.
# Browsers, redis-server and prometheus (its metrics test scrapes npm start) come from Debian's packages: installed with apt-get when missing and we
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
[ "$mode" = engines ] || command -v "${PROMETHEUS:-prometheus}" >/dev/null 2>&1 || need+=(prometheus)
for engine in "${engines[@]}"; do
  case "$engine" in
    chromium)
      # The browser suite runs in the headless shell; the full browser is what the node tests that load
      # the built bundles (bundles, testing-recipes) and the example apps drive.
      [ -x "${CHROME_HEADLESS_SHELL_PATH:-/usr/bin/chromium-headless-shell}" ] || need+=(chromium-headless-shell)
      [ "$mode" = fast ] || [ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
      ;;
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

# Every job runs side by side, each into its own log, printed whole when it ends.
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
declare -A pids
jobs=()
job() {
  local name="$1"
  shift
  jobs+=("$name")
  (
    local t=$SECONDS
    if "$@" >"$logs/$name.log" 2>&1; then echo "pass $((SECONDS - t))" >"$logs/$name.status"; else echo "FAIL $((SECONDS - t))" >"$logs/$name.status"; fi
  ) &
  pids[$name]=$!
}

# ESLint and Prettier keep caches in node_modules/.cache, so a second run checks only what changed.
# In `npm test` lint and typecheck run at a lower priority: nothing in them waits on a clock, and they
# end long before the browser and node jobs do, so they take the CPU those leave while waiting.
[ "$mode" = full ] && low=(nice -n 10) || low=()
job lint "${low[@]}" npm run --silent lint
job typecheck "${low[@]}" npm run --silent typecheck
case "$mode" in
  fast)
    # Property tests at 100 runs each (their default is 300; `npm test` runs 1,000).
    job node env FUZZ_RUNS="${FUZZ_RUNS:-100}" bash scripts/node-tests.sh fast
    # Chromium's headless shell (test/browser/engines.mjs) in two shards, each its own runner, dev
    # server, proxy and stand-in, each file a page in one shared browser context; the screenshots once,
    # with the fonts the suite brings (the rerun without the machine's fonts is in `npm test`).
    fast_chromium=(env WTR_CHROMIUM=headless-shell WTR_CHROMIUM_CONTEXT=shared NO_FONTS_RERUN=no)
    job chromium-1 "${fast_chromium[@]}" WTR_SHARD=1/2 bash scripts/browser-tests.sh chromium
    job chromium-2 "${fast_chromium[@]}" WTR_SHARD=2/2 bash scripts/browser-tests.sh chromium
    ;;
  full)
    job node env FUZZ_RUNS="${FUZZ_RUNS:-1000}" bash scripts/node-tests.sh all
    # The server-side node tests under Node 22 and 24, the fetch-style handler under Bun and Deno.
    job runtimes bash scripts/runtimes-tests.sh
    # Chromium's headless shell with one shared context, as in test:fast (the lazy-chunk files apart, with
    # a context each), unsharded and with the screenshots again without the machine's fonts: 114
    # CPU-seconds alone against 205 in the full browser with a context per file, which kept npm test
    # over 8 minutes. In the shell with a context per file a page once crashed as the runner navigated
    # it away (CONTRIBUTING.md); with the shared context none has.
    job chromium env WTR_CHROMIUM=headless-shell WTR_CHROMIUM_CONTEXT=shared bash scripts/browser-tests.sh chromium
    for engine in "${engines[@]}"; do [ "$engine" = chromium ] || job "$engine" bash scripts/browser-tests.sh "$engine"; done
    job apps npm run --silent test:apps
    ;;
  engines)
    for engine in "${engines[@]}"; do job "$engine" bash scripts/browser-tests.sh "$engine"; done
    ;;
esac

failed=()
for name in "${!pids[@]}"; do wait "${pids[$name]}" || true; done
# Passing jobs' logs first and failing ones last, so the end of the output (all a CI page may keep)
# holds the failures.
for name in "${jobs[@]}"; do
  read -r result seconds <"$logs/$name.status"
  [ "$result" = pass ] || { failed+=("$name"); continue; }
  echo "===== $name: $result in ${seconds}s"
  cat "$logs/$name.log"
done
for name in "${failed[@]}"; do
  read -r result seconds <"$logs/$name.status"
  echo "===== $name: $result in ${seconds}s"
  cat "$logs/$name.log"
done
for name in "${failed[@]}"; do
  echo
  echo "===== $name: what failed"
  # Web Test Runner marks a failed test with ❌; node:test prints "not ok".
  excerpt="$(grep -n -A12 -E '❌|^\s*not ok ' "$logs/$name.log" || true)"
  if [ -n "$excerpt" ]; then head -n 120 <<<"$excerpt"; else echo "(no failed test named: see the log above)"; fi
done
echo
for name in "${jobs[@]}"; do
  read -r result seconds <"$logs/$name.status"
  if [ "$name" = node ] || [ "$name" = apps ]; then
    summary="$(grep -E '^# (pass|fail) ' "$logs/$name.log" | tr -d '#' | tr '\n' ' ')"
  elif [ "$name" = runtimes ]; then
    # Three node:test runs (Node 22, Node 24, Bun and Deno), summed.
    summary="$(awk '/^# pass / { p += $3 } /^# fail / { f += $3 } END { printf "pass %d fail %d", p, f }' "$logs/$name.log")"
  elif [ "$name" = lint ] || [ "$name" = typecheck ]; then
    summary=""
  else
    # One or more runs (scripts/browser-tests.sh): each run's last count, summed.
    summary="$(awk '/^== / { run++ }
      match($0, /[0-9]+ passed, [0-9]+ failed/) { split(substr($0, RSTART, RLENGTH), w, " "); p[run] = w[1]; f[run] = w[3] }
      END { for (r in p) { tp += p[r]; tf += f[r] }; printf "%d passed, %d failed", tp, tf }' "$logs/$name.log")"
  fi
  printf '%-10s %-4s %4ss  %s\n' "$name" "$result" "$seconds" "$summary"
done
echo "total $((SECONDS - started))s ($mode)"
if [ ${#failed[@]} -gt 0 ]; then
  echo "Failed: ${failed[*]}" >&2
  exit 1
fi
