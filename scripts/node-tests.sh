#!/usr/bin/env bash
# Node tests by group: `fast` (unit and loopback tests, the edit loop), `slow` (the 30 s load test,
# builds and packing, spawned CLIs, type-checking the examples, the 15 s timeout test, the full
# contract), or `all`. A new test file is fast until it is listed here.
# FUZZ_RUNS sets the property tests' run count (the fuzz files' own default when unset).
set -euo pipefail
cd "$(dirname "$0")/.."

SLOW=(load bundles package cli framework-types faults contract tsconfig-split)

group="${1:-all}"
files=()
for file in test/node/*.test.ts; do
  name="$(basename "$file" .test.ts)"
  slow=no
  for s in "${SLOW[@]}"; do [ "$name" = "$s" ] && slow=yes; done
  case "$group" in
    fast) [ "$slow" = no ] && files+=("$file") ;;
    slow) [ "$slow" = yes ] && files+=("$file") ;;
    all) files+=("$file") ;;
    *) echo "usage: $0 fast|slow|all" >&2; exit 2 ;;
  esac
done
# A test that hangs fails after NODE_TEST_TIMEOUT_MS (15 min, per file: a file's build can take minutes on a busy 2-core machine) instead of stalling the run.
# Two files at a time: each is mostly waiting on loopback sockets, redis-server or a child process.
exec node --import tsx --test --test-timeout="${NODE_TEST_TIMEOUT_MS:-900000}" --test-concurrency="${NODE_TEST_CONCURRENCY:-2}" "${files[@]}"
