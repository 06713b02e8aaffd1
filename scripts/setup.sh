#!/usr/bin/env bash
# One idempotent set-up for a fresh Debian machine: system packages, npm packages and the
# mbedTLS source for the WebAssembly build. `npm start` and `npm test` run it first; on a
# machine that is already set up it only checks and returns in a few seconds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

APT_PACKAGES=(
  build-essential cmake pkg-config ca-certificates
  emscripten
  nlohmann-json3-dev libmbedtls-dev doctest-dev libcpp-httplib-dev
  libsqlite3-dev libphonenumber-dev libargon2-dev nettle-dev
  libpq-dev postgresql nginx
  chromium
  openssl iproute2
  clang libclang-rt-14-dev
)

# The exact Debian source package the WASM build compiles, checked by SHA-256.
MBEDTLS_DEB_VERSION=2.28.3-1
MBEDTLS_ORIG=mbedtls_2.28.3.orig.tar.gz
MBEDTLS_ORIG_SHA256=3b4953aa55a681e084d31892d9904cc5328d6b4958ea57b90ae4b4f94ae69a8d
MBEDTLS_DIR="$CACHE/mbedtls/mbedtls-2.28.3"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "installing system packages needs root: run 'sudo $*' once, then retry"
  fi
}

install_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_npm_packages() {
  # npm ci is slow even when nothing changed; rerun only when the lock file is newer.
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$ROOT/package-lock.json" ]; then return 0; fi
  say "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
}

fetch_mbedtls_source() {
  [ -f "$MBEDTLS_DIR/.verified" ] && return 0
  say "fetching Debian's mbedtls $MBEDTLS_DEB_VERSION source for the WASM build"
  local work; work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  mkdir -p "$work/lists/partial" "$work/cache" "$work/dl"
  # A private deb-src list and apt state: the machine's own sources lists stay untouched.
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
    >"$work/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")
  apt-get "${opts[@]}" update -qq || die "apt-get update for the mbedtls source failed"
  (cd "$work/dl" && apt-get "${opts[@]}" source --download-only -qq "mbedtls=$MBEDTLS_DEB_VERSION" >/dev/null) ||
    die "could not download Debian source package mbedtls=$MBEDTLS_DEB_VERSION"
  echo "$MBEDTLS_ORIG_SHA256  $work/dl/$MBEDTLS_ORIG" | sha256sum -c --quiet - ||
    die "SHA-256 of $MBEDTLS_ORIG does not match the pinned value; refusing to build with it"
  rm -rf "$MBEDTLS_DIR" && mkdir -p "$MBEDTLS_DIR"
  # The upstream tarball's top folder is named after a commit; strip it for a stable path.
  tar -xzf "$work/dl/$MBEDTLS_ORIG" -C "$MBEDTLS_DIR" --strip-components=1
  [ -d "$MBEDTLS_DIR/library" ] || die "unexpected layout in $MBEDTLS_ORIG"
  touch "$MBEDTLS_DIR/.verified"
}

install_apt_packages
install_npm_packages
fetch_mbedtls_source
say "set-up complete"
