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
say "the SDK in headless Chromium (playwright-core + $CHROMIUM_PATH): against a hostile provider beside @logto/browser, React and Vue apps on it"
node --test "$ROOT"/tests/browser/*.test.mjs
say "the journey end to end: demo site + provider + fake Twilio in Chromium; npm start's servers"
node --test "$ROOT"/tests/e2e/*.test.mjs
