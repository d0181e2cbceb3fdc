#!/usr/bin/env bash
# The browser suite in one engine (chromium, firefox or webkit): the main run, then the files the engine
# runs apart (filesApart in test/browser/engines.mjs): in WebKitGTK each in a fresh browser of its own,
# in Chromium with a shared context (WTR_CHROMIUM_CONTEXT=shared) together, with a context per file.
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
npx web-test-runner
shard="${WTR_SHARD:-1/1}"
[ "${shard%/*}" = "${shard#*/}" ] || exit 0
apart="$(node --input-type=module -e "const { filesApart } = await import('./test/browser/engines.mjs'); console.log(filesApart(process.argv[1]).join(' '))" "$engine")"
if [ -n "$apart" ] && [ "$engine" = chromium ]; then
  echo "== $engine, apart, a context per file: $apart"
  # shellcheck disable=SC2086 # one word per file
  WTR_CHROMIUM_CONTEXT=per-file npx web-test-runner $apart
elif [ -n "$apart" ]; then
  for file in $apart; do
    echo "== $engine, in a browser of its own: $file"
    npx web-test-runner "$file"
  done
fi
if [ "$engine" = chromium ] && [ "${NO_FONTS_RERUN:-yes}" = yes ]; then
  echo "== $engine, in a browser of its own: test/browser/visual.test.ts without any of the machine's fonts"
  TEST_SYSTEM_FONTS=none npx web-test-runner test/browser/visual.test.ts
fi
