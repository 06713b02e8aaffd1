# Shared helpers for the project scripts (sourced, not run).
say() { printf '[logto-wasm] %s\n' "$*"; }
die() { printf '[logto-wasm] error: %s\n' "$*" >&2; exit 1; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
# Debian's Emscripten 3.1.6 runs its JS optimizer with Node and finds acorn/terser only here.
export NODE_PATH=/usr/share/nodejs
# Browser tests drive Debian's Chromium; nothing is downloaded.
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
