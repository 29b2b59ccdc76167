#!/usr/bin/env bash
# Builds HoiThi in release mode, migrates, loads the demo contest and serves it on
# http://127.0.0.1:3000 (set HOITHI_ADDR to change). DATABASE_URL unset means ./hoithi.db.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source .dev/tools.sh

say "building HoiThi (release)"
cargo leptos build --release --precompress --split

export LEPTOS_SITE_ROOT="$root/target/site"
say "migrating and loading the demo data"
target/release/hoithi demo
echo
say "serving on http://${HOITHI_ADDR:-127.0.0.1:3000} (Ctrl-C to stop)"
exec target/release/hoithi serve
