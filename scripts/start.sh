#!/usr/bin/env bash
# `npm start`: set-up, build what is stale, then start the services.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build.sh"
if [ ! -x "$ROOT/build/native/provider/logto-provider" ]; then
  say "the SDK core is built (build/native, build/wasm)."
  say "the provider and the demo site are not part of this tree yet (see the open issues); nothing to start."
  exit 0
fi
