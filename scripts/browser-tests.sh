#!/usr/bin/env bash
# The browser suite in one engine (chromium, firefox or webkit): the main run, then each file the engine
# runs in a browser of its own (OWN_BROWSER in test/browser/engines.mjs), one fresh browser per file.
# Chromium then takes the screenshots again with no font from the machine (TEST_SYSTEM_FONTS=none),
# unless NO_FONTS_RERUN=no (`npm run test:fast`: `npm test` has it).
# With file arguments after the engine: just those files, in one run. WTR_SHARD=i/n runs the i-th of n
# parts of the main run (test/browser/engines.mjs); the files in a browser of their own go with part 1.
set -euo pipefail
cd "$(dirname "$0")/.."

engine="${1:-chromium}"
shift || true
export WTR_ENGINE="$engine"
if [ $# -gt 0 ]; then exec npx web-test-runner "$@"; fi
npx web-test-runner
case "${WTR_SHARD:-1/1}" in 1/*) ;; *) exit 0 ;; esac
own="$(node --input-type=module -e "const { OWN_BROWSER } = await import('./test/browser/engines.mjs'); console.log((OWN_BROWSER[process.argv[1]] ?? []).join(' '))" "$engine")"
for file in $own; do
  echo "== $engine, in a browser of its own: $file"
  npx web-test-runner "$file"
done
if [ "$engine" = chromium ] && [ "${NO_FONTS_RERUN:-yes}" = yes ]; then
  echo "== $engine, in a browser of its own: test/browser/visual.test.ts without any of the machine's fonts"
  TEST_SYSTEM_FONTS=none npx web-test-runner test/browser/visual.test.ts
fi
