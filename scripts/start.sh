#!/usr/bin/env bash
# `npm start`: set-up, build what is stale, then the provider (:3001) and the demo site (:3000).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build.sh"
exec node "$ROOT/scripts/start.mjs"
