#!/usr/bin/env bash
# browser.sh - the web page of `brief serve` in headless Chromium (Debian's
# package, driven by playwright-core from tests/browser/node_modules), the
# single-story page and the desk over a fresh database: see
# tests/browser/page.test.mjs. Screenshots go to BUILD/browser/.
#
# usage: browser.sh BRIEF_BINARY SOURCE_DIR [SHARED_DIR]
# Exits 77 (skipped) with the reason where Chromium, node or playwright-core
# is not installed; scripts/install-deps.sh installs all three.
set -euo pipefail
brief=$(realpath "$1")
src=$2
out=$(dirname "$brief")/browser
chromium=${BRIEF_CHROMIUM:-/usr/bin/chromium}

skip() {
  echo "skipped: $* (scripts/install-deps.sh installs it)"
  exit 77
}
[ -x "$chromium" ] || skip "no Chromium at $chromium"
command -v node >/dev/null || skip "no node"
[ -f "$src/tests/browser/node_modules/playwright-core/package.json" ] ||
  skip "no playwright-core in tests/browser/node_modules"

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A fresh desk in a database: the single-story checks run while it is
# empty, then the desk's checks post the examples' stream into it.
"$brief" serve --port 0 --quiet --db "$tmp/desk.db" 2>"$tmp/err" &
pid=$!
port=
for _ in $(seq 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$tmp/err" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "browser.sh: the server did not start:" >&2
  cat "$tmp/err" >&2
  exit 1
fi

# Chromium writes its profile under HOME; keep it in the temporary folder.
rc=0
HOME=$tmp node "$src/tests/browser/page.test.mjs" --url "http://127.0.0.1:$port/" \
  --examples "$src/examples/harbour-fire" --stream "$src/examples/stream.jsonl" \
  --out "$out" --chromium "$chromium" ||
  rc=$?

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
if [ "$status" -ne 0 ]; then
  echo "browser.sh: the server exited with $status:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
exit $rc
