#!/usr/bin/env bash
# Builds the svcplay_wasm crate and generates its JavaScript binding into www/pkg.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The `wasm-release` profile (Cargo.toml) optimizes for size. Its raw output keeps the name
# section, for `twiggy top target/wasm32-unknown-unknown/wasm-release/svcplay_wasm.wasm`.
cargo build --profile wasm-release --target wasm32-unknown-unknown -p svcplay_wasm
wasm-bindgen --target web --out-dir www/pkg \
  --remove-name-section --remove-producers-section \
  target/wasm32-unknown-unknown/wasm-release/svcplay_wasm.wasm

wasm=www/pkg/svcplay_wasm_bg.wasm
echo "build-wasm: $wasm $(wc -c <"$wasm") bytes, $(gzip -9c "$wasm" | wc -c) gzipped"
