#!/usr/bin/env bash
# Installs the build tools HoiThi needs, skipping what is already there at the right version.
# Usage: source .dev/tools.sh [--browser]
#   --browser  also installs Debian's chromium and chromium-driver (browser tests) and nginx-light
#              (the test that checks deploy/nginx.conf with `nginx -t`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools"
export PATH="$tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v cargo >/dev/null; then
  echo "error: Rust is not installed; install it with rustup (https://rustup.rs) first" >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos 0.3.10 is the newest release that builds on rustc 1.95.
if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos 0.3.10" ]; then
  say "installing cargo-leptos 0.3.10 (takes a while, once)"
  cargo install cargo-leptos --version 0.3.10 --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$root/Cargo.lock")"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# Release builds run wasm-opt; npm's binaryen works (Debian's is too old and breaks the wasm).
if ! [ -x "$tools/node_modules/.bin/wasm-opt" ]; then
  say "installing binaryen (wasm-opt) from npm into .tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund binaryen@132 >/dev/null)
fi

if [ "${1:-}" = "--browser" ]; then
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ] || ! [ -x /usr/sbin/nginx ]; then
    say "installing chromium, chromium-driver and nginx-light from Debian"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver nginx-light >/dev/null
  fi
fi
