#!/usr/bin/env bash
# Runs every test: unit tests, black-box HTTP tests and browser tests, against the release build.
# With HOITHI_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB the HTTP and browser tests run on
# PostgreSQL (each test creates and drops its own database); otherwise on SQLite files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source .dev/tools.sh --browser

say "building HoiThi (release)"
cargo leptos build --release --precompress --split

say "unit tests"
cargo test --release --workspace --exclude frontend --exclude hoithi-tests

export HOITHI_BIN="$root/target/release/hoithi"
export LEPTOS_SITE_ROOT="$root/target/site"
say "HTTP tests${HOITHI_TEST_DATABASE_URL:+ on PostgreSQL}"
cargo test --release -p hoithi-tests --test http
say "browser tests (headless Chromium)${HOITHI_TEST_DATABASE_URL:+ on PostgreSQL}"
cargo test --release -p hoithi-tests --test browser -- --test-threads=1
say "all tests passed"
