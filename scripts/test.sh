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
say "WebAssembly module tests (node --test)"
node --test "$ROOT"/tests/wasm/*.test.mjs
