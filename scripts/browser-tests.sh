#!/usr/bin/env bash
# The browser suite in one engine (chromium, firefox or webkit): the main run and the files the engine
# runs apart (filesApart in test/browser/engines.mjs): in WebKitGTK each in a fresh browser of its own,
# beside the main run; in Chromium with a shared context (WTR_CHROMIUM_CONTEXT=shared) together after it,
# with a context per file.
# Chromium then takes the screenshots again with no font from the machine (TEST_SYSTEM_FONTS=none),
# unless NO_FONTS_RERUN=no (`npm run test:fast`: `npm test` has it).
# With file arguments after the engine: just those files, in one run. WTR_SHARD=i/n runs the i-th of n
# parts of the main run (test/browser/engines.mjs); the files run apart go with the last part.
set -euo pipefail
cd "$(dirname "$0")/.."

engine="${1:-chromium}"
shift || true
export WTR_ENGINE="$engine"
if [ $# -gt 0 ]; then exec npx web-test-runner "$@"; fi
shard="${WTR_SHARD:-1/1}"
apart=""
[ "${shard%/*}" != "${shard#*/}" ] ||
  apart="$(node --input-type=module -e "const { filesApart } = await import('./test/browser/engines.mjs'); console.log(filesApart(process.argv[1]).join(' '))" "$engine")"

# WebKitGTK's files apart, each in a browser of its own, run beside the main run (each runner has its own
# dev server, proxy and stand-in): one after another after it, on a loaded machine they were the last
# minute of npm test. Their output follows the main run's.
runs="$(mktemp -d)"
trap 'rm -rf "$runs"' EXIT
pids=()
if [ "$engine" != chromium ]; then
  for file in $apart; do
    name="$(basename "$file" .test.ts)"
    (
      if npx web-test-runner "$file" >"$runs/$name.log" 2>&1; then echo 0 >"$runs/$name.rc"; else echo 1 >"$runs/$name.rc"; fi
    ) &
    pids+=($!)
  done
fi
status=0
npx web-test-runner || status=1
[ ${#pids[@]} -eq 0 ] || wait "${pids[@]}"
for file in $([ "$engine" != chromium ] && echo "$apart"); do
  name="$(basename "$file" .test.ts)"
  echo "== $engine, in a browser of its own: $file"
  cat "$runs/$name.log"
  [ "$(cat "$runs/$name.rc")" = 0 ] || status=1
done
if [ -n "$apart" ] && [ "$engine" = chromium ]; then
  echo "== $engine, apart, a context per file: $apart"
  # shellcheck disable=SC2086 # one word per file
  WTR_CHROMIUM_CONTEXT=per-file npx web-test-runner $apart || status=1
fi
if [ "$engine" = chromium ] && [ "${NO_FONTS_RERUN:-yes}" = yes ] && [ "${shard%/*}" = "${shard#*/}" ]; then
  echo "== $engine, in a browser of its own: test/browser/visual.test.ts without any of the machine's fonts"
  TEST_SYSTEM_FONTS=none npx web-test-runner test/browser/visual.test.ts || status=1
fi
exit "$status"
