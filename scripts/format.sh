#!/usr/bin/env bash
# Formats every C++ file of ours with the root .clang-format (--check: fail instead of rewrite).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mode=(-i); [ "${1:-}" = "--check" ] && mode=(--dry-run --Werror)
git -C "$ROOT" ls-files '*.cpp' '*.hpp' '*.h' | (cd "$ROOT" && xargs -r clang-format "${mode[@]}")
