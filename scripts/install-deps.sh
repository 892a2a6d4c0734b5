#!/usr/bin/env bash
# Installs the Debian packages brief needs to build, test and run, when they
# are missing. Nothing is downloaded from anywhere but Debian's archive and,
# for the browser test only, the npm registry (tests/browser/package-lock.json).
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang libclang-rt-14-dev clang-format
  libutf8proc-dev libstemmer-dev libjansson-dev libxml2-dev libmicrohttpd-dev
  libcmocka-dev libsqlite3-dev libhiredis-dev redis-server wordnet-base wrk curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
    echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1
  fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- the browser test of `brief serve` (tests/cli/browser.sh) ----
# Debian's chromium, node and npm when missing, then playwright-core from npm
# into tests/browser/node_modules (pinned by its package-lock.json). Best
# effort: whatever cannot be installed makes that one test skip and say why,
# never this script fail. BRIEF_BROWSER_TESTS=0 leaves all of it out.
browser_deps() {
  local want=()
  [ -x /usr/bin/chromium ] || want+=(chromium)
  command -v node >/dev/null || want+=(nodejs)
  command -v npm >/dev/null || want+=(npm)
  if [ ${#want[@]} -gt 0 ]; then
    echo "install-deps: installing ${want[*]} for the browser test"
    { $SUDO apt-get update -qq &&
      $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null; } ||
      echo "install-deps: could not install ${want[*]}; the browser test will skip" >&2
  fi
  local dir
  dir="$(dirname "$0")/../tests/browser"
  if command -v npm >/dev/null && [ ! -f "$dir/node_modules/playwright-core/package.json" ]; then
    echo "install-deps: installing playwright-core into tests/browser/node_modules"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
      echo "install-deps: npm ci failed in tests/browser; the browser test will skip" >&2
  fi
  return 0
}
if [ "${BRIEF_BROWSER_TESTS:-}" != 0 ]; then
  browser_deps
fi
