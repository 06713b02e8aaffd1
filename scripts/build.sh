#!/usr/bin/env bash
# Builds both trees: WebAssembly (sdk core + mbedcrypto from Debian's source, run under Node),
# the JS package in js/dist/, then native (sdk core, provider, doctest suite): the provider
# embeds js/dist/logto.mjs for its Console. Incremental: only stale targets rebuild.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
JOBS="${JOBS:-$(nproc)}"

command -v cmake >/dev/null || die "cmake is missing: run 'npm run setup' first"
command -v emcmake >/dev/null || die "emcmake is missing: run 'npm run setup' first"

if [ ! -f "$ROOT/build/wasm/CMakeCache.txt" ]; then
  emcmake cmake -S "$ROOT" -B "$ROOT/build/wasm" -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DLOGTO_MBEDTLS_SOURCE_DIR="$CACHE/mbedtls/mbedtls-2.28.3" >/dev/null
fi
cmake --build "$ROOT/build/wasm" -j "$JOBS"

# The JS package (js/dist/): esbuild bundles js/src with the WASM glue and prints sizes.
node "$ROOT/scripts/build-js.mjs"

if [ ! -f "$ROOT/build/native/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$ROOT/build/native" -j "$JOBS"
say "build complete"
