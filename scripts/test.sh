#!/usr/bin/env bash
# Everything `npm test` runs: set-up, build, then every suite. Fails on the first failing suite.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build.sh"

say "native unit tests (doctest via CTest)"
ctest --test-dir "$ROOT/build/native" --output-on-failure
say "the same unit tests compiled to WebAssembly, run under Node"
ctest --test-dir "$ROOT/build/wasm" --output-on-failure
say "the JS package under Node: binding, client flows, parity with @logto/browser, no secret in any error, no-window import"
node --test "$ROOT"/tests/wasm/*.test.mjs
say "the npm tarball of js/: contents, publish dry-run, the @logto/browser API under tsc, esbuild, Rollup, Vite and webpack"
node --test "$ROOT"/tests/package/*.test.mjs
say "the provider over HTTP: flows with our SDK, every refusal, kill -9, keys"
node --test "$ROOT"/tests/provider/*.test.mjs
say "the same provider suites with PostgreSQL as the store (a throwaway server, one database per data directory)"
node "$ROOT/scripts/with-postgres.mjs" node --test "$ROOT"/tests/provider/*.test.mjs
say "the provider's concurrency and connection tests again, against its ThreadSanitizer build (halts on a data race)"
JOBS="${JOBS:-$(nproc)}"
if [ ! -f "$ROOT/build/tsan/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$ROOT/build/tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLOGTO_BUILD_TESTS=OFF \
    -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
fi
cmake --build "$ROOT/build/tsan" -j "$JOBS" --target logto-provider
LOGTO_PROVIDER_BIN="$ROOT/build/tsan/provider/logto-provider" \
  TSAN_OPTIONS="halt_on_error=1 exitcode=66 suppressions=$ROOT/tests/tsan-suppressions.txt" \
  node --test "$ROOT"/tests/provider/concurrency.test.mjs "$ROOT"/tests/provider/connections.test.mjs
say "fuzzing smoke: each libFuzzer target for 5 s (npm run fuzz runs them for 10 minutes each)"
FUZZ_SECONDS=5 bash "$ROOT/scripts/fuzz.sh"
say "the SDK in headless Chromium (playwright-core + $CHROMIUM_PATH): against a hostile provider beside @logto/browser, React and Vue apps on it"
node --test "$ROOT"/tests/browser/*.test.mjs
say "the Console in Chromium: the seed's admin steps, then the demo site signs in with the app made there"
node --test "$ROOT"/tests/console/*.test.mjs
say "the journey end to end: demo site + provider + fake Twilio in Chromium; npm start's servers"
node --test "$ROOT"/tests/e2e/*.test.mjs
