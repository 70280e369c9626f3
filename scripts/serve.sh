#!/usr/bin/env bash
# `npm start`: the Vite dev server on http://127.0.0.1:5173/ with live reload. Edits under www/
# reload through Vite; edits to the Rust crates are rebuilt into www/pkg by a small watcher here,
# and Vite reloads the page when the new package lands.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

port=${SVCPLAY_PORT:-5173}
stamp=target/.serve-built
mkdir -p target
touch "$stamp"

watch_rust() {
  while sleep 2; do
    if [ -n "$(find crates Cargo.toml Cargo.lock -newer "$stamp" -print -quit 2>/dev/null)" ]; then
      echo "serve: Rust sources changed, rebuilding the wasm package"
      # Stamp first so a failed build is not retried in a loop; fix the code and save again.
      touch "$stamp"
      bash scripts/build-wasm.sh || echo "serve: wasm build failed (the page keeps the previous build)"
    fi
  done
}
watch_rust &
watcher=$!
trap 'kill "$watcher" 2>/dev/null || true' EXIT

echo
echo "  svcplay: http://127.0.0.1:$port/"
echo
npx vite www --host 127.0.0.1 --port "$port" --strictPort
