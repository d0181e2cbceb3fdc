#!/usr/bin/env bash
# Node tests by group: `fast` (unit and loopback tests, the edit loop), `slow` (the 30 s load test,
# builds and packing, spawned CLIs, type-checking the examples and snippets, the 15 s timeout test, the full
# contract), or `all`. A new test file is fast until it is listed here.
# FUZZ_RUNS sets the property tests' run count (the fuzz files' own default when unset).
set -euo pipefail
cd "$(dirname "$0")/.."

SLOW=(bundles package consumer-types host-build testing-recipes load framework-types tsconfig-split faults contract cli shutdown prometheus)

group="${1:-all}"
files=()
# The slow files first: started early, they end before the many short ones do, not after them.
ordered=()
for s in "${SLOW[@]}"; do ordered+=("test/node/$s.test.ts"); done
for file in test/node/*.test.ts; do
  case " ${ordered[*]} " in *" $file "*) ;; *) ordered+=("$file") ;; esac
done
for file in "${ordered[@]}"; do
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
