#!/usr/bin/env bash
# `npm test`: every check, in order, stopping at the first failure. Ends with one plain line
# `N passed, N failed` that sums the test counts of cargo, wasm-bindgen-test and Playwright.
# A failed step that reports no failing test (fmt, clippy, a build) counts as one failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

logs=target/test-logs
mkdir -p "$logs"
passed=0
failed=0
timings=()
step_no=0

# Sums the `test result:` lines of cargo test and wasm-bindgen-test-runner in a log.
cargo_counts() {
  sed -nE 's/^test result: (ok|FAILED)\. ([0-9]+) passed; ([0-9]+) failed.*/\2 \3/p' "$1" |
    awk '{ p += $1; f += $2 } END { print p + 0, f + 0 }'
}

# Playwright's JSON report: expected = passed, unexpected = failed, flaky passed on a retry.
playwright_counts() {
  node -e '
    const fs = require("node:fs");
    try {
      const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).stats;
      console.log(`${s.expected + s.flaky} ${s.unexpected}`);
    } catch { console.log("0 0"); }
  ' "$1"
}

summary() {
  echo
  echo "Steps (seconds):"
  for t in "${timings[@]}"; do echo "  $t"; done
  echo "$passed passed, $failed failed"
}

# step NAME COUNTER COMMAND...: runs COMMAND with its output shown and kept in target/test-logs.
step() {
  local name=$1 counter=$2
  shift 2
  step_no=$((step_no + 1))
  local log
  log=$(printf '%s/%02d-%s.log' "$logs" "$step_no" "$name")
  echo
  echo "==> $name: $*"
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local p=0 f=0
  case "$counter" in
    cargo) read -r p f < <(cargo_counts "$log") ;;
    playwright) read -r p f < <(playwright_counts target/playwright/results.json) ;;
  esac
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  timings+=("$(printf '%-14s %4d  %s' "$name" $((SECONDS - start)) "$([ "$status" = 0 ] && echo ok || echo FAILED)")")
  if [ "$status" != 0 ]; then
    echo "==> $name failed (exit $status); log: $log" >&2
    summary
    exit 1
  fi
}

rm -f target/playwright/results.json

step setup        none       bash scripts/setup.sh
step fmt          none       cargo fmt --all --check
step clippy       none       cargo clippy --workspace --all-targets -- -D warnings
step clippy-wasm  none       cargo clippy -p svcplay_wasm --target wasm32-unknown-unknown --all-targets -- -D warnings
step doc          none       env RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace
step test         cargo      cargo test --workspace
step test-wasm    cargo      cargo test --target wasm32-unknown-unknown -p svcplay_wasm
step build        none       npm run build
step e2e          playwright npx playwright test

summary
