#!/usr/bin/env bash
# `npm start`: set-up, build what is stale, then start the provider on port 3001 (dev mode,
# SQLite in ./.data). Ctrl-C stops it; a second start reuses the data. The Webflow-style demo
# site joins here with its issue.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build.sh"

PROVIDER="$ROOT/build/native/provider/logto-provider"
PORT="${PROVIDER_PORT:-3001}"
[ -x "$PROVIDER" ] || die "the provider did not build: run 'npm run build' and read its errors"
say "starting the provider on http://localhost:$PORT (data in $ROOT/.data)"
say "manage it with: $PROVIDER --data-dir $ROOT/.data app|user|resource|key ... (see --help)"
exec "$PROVIDER" --data-dir "$ROOT/.data" --port "$PORT" --dev serve
