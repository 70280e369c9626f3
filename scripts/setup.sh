#!/usr/bin/env bash
# Installs what building and testing svcplay needs, and nothing that is already there.
#
#   scripts/setup.sh               everything: wasm target, wasm-bindgen CLI, npm packages, Chromium,
#                                  and the docs generators the e2e tests build sites with (Hugo,
#                                  and MkDocs Material in a Python virtualenv)
#   scripts/setup.sh --no-browser  the same without Chromium (enough for `npm start` / `npm run build`)
#
# Idempotent and quiet when everything is present; safe without a TTY (CI). Rust itself (rustup,
# cargo) and Node/npm must already be installed (and Python 3 for the MkDocs test site).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

browser=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) browser=0 ;;
    *) echo "setup: unknown argument $arg" >&2; exit 2 ;;
  esac
done

say() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
command -v npm >/dev/null || die "npm not found: install Node.js 20.19+ or 22.12+"

# 1. The WebAssembly target.
if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
elif [ ! -d "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown" ]; then
  die "no rustup, and the wasm32-unknown-unknown standard library is missing"
fi

# 2. wasm-bindgen CLI at exactly the version of the wasm-bindgen crate in Cargo.lock (the CLI and
#    the crate must match). Not --locked: one locked dependency of the CLI is missing from some
#    registry mirrors.
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$wbg_version" ] || die "no wasm-bindgen entry in Cargo.lock"
have=""
if command -v wasm-bindgen >/dev/null; then
  have=$(wasm-bindgen --version | awk '{ print $2 }')
fi
if [ "$have" != "$wbg_version" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $wbg_version (found: ${have:-none}); this takes a few minutes once"
  cargo install --quiet wasm-bindgen-cli --version "$wbg_version"
fi

# 3. npm packages, when node_modules is missing or was installed from another package.json/lockfile.
stamp=node_modules/.svcplay-setup-stamp
lock_hash() { { cat package.json; cat package-lock.json 2>/dev/null || true; } | sha256sum | cut -d' ' -f1; }
want_stamp=$(lock_hash)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
  if [ ! -f package-lock.json ]; then
    say "npm install (no package-lock.json yet)"
    npm install --no-audit --no-fund --loglevel=error
  elif ! { say "npm ci"; npm ci --no-audit --no-fund --loglevel=error; }; then
    # npm ci refuses a lockfile that does not match package.json; outside CI, update it.
    [ "${CI:-}" != true ] || die "npm ci failed"
    say "npm install (package-lock.json does not match package.json)"
    npm install --no-audit --no-fund --loglevel=error
  fi
  # npm install may have rewritten the lockfile: stamp what is there now.
  lock_hash >"$stamp"
fi

# 4. Chromium and chromedriver from Debian, for the wasm tests and Playwright (browser downloads
#    from elsewhere are not possible here).
if [ "$browser" = 1 ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  command -v apt-get >/dev/null || die "Chromium and chromedriver are missing: install them with your package manager"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "Chromium is missing and installing it needs root: apt-get install chromium chromium-driver"
    sudo="sudo"
  fi
  say "installing chromium and chromium-driver from Debian"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

# 5. Hugo from Debian, for the end-to-end test that builds the docs' Hugo recipe into a real site
#    (tests/e2e/embed-sites.spec.ts). Only with the browser: building and serving svcplay needs none.
if [ "$browser" = 1 ] && ! command -v hugo >/dev/null; then
  command -v apt-get >/dev/null || die "hugo is missing: install it with your package manager"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "hugo is missing and installing it needs root: apt-get install hugo"
    sudo="sudo"
  fi
  say "installing hugo from Debian"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends hugo >/dev/null
fi

# 6. MkDocs Material, pinned exactly, in a virtualenv under target/ (not committed), for the
#    end-to-end test that builds the docs' MkDocs recipe into a real site
#    (tests/e2e/embed-sites.spec.ts runs target/mkdocs-venv/bin/mkdocs). Only with the browser.
mkdocs_material=9.8.1
venv=target/mkdocs-venv
if [ "$browser" = 1 ] && ! compgen -G "$venv/lib/python3*/site-packages/mkdocs_material-$mkdocs_material.dist-info" >/dev/null; then
  command -v python3 >/dev/null || die "python3 is missing: install Python 3 (and its venv module) for the MkDocs test site"
  say "installing mkdocs-material $mkdocs_material into $venv; this takes about a minute once"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv failed: install Python's venv module (Debian: apt-get install python3-venv)"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "mkdocs-material==$mkdocs_material"
fi
exit 0
