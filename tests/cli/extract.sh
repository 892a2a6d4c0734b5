#!/usr/bin/env bash
# End-to-end tests of `brief extract`: text and JSON output of a page written
# here, pages of the shared data set, and every kind of bad input.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"
ONE_ERROR_LINE=1

cat >"$tmp/page.html" <<'HTML'
<html lang="en"><head><meta charset="utf-8"><title>Lighthouse keeper retires - Shore Post</title>
<meta property="og:site_name" content="Shore Post">
<meta property="article:published_time" content="2022-09-14T08:00:00Z">
<link rel="canonical" href="https://shore.example/lighthouse">
<script>document.write("SCRIPTLEAK")</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Lighthouse keeper retires</h1>
<p>The last keeper of the point lighthouse retired on Tuesday after thirty-one years, the harbour trust said.</p>
<p>She kept the light through storms &amp; blackouts, and trained four assistants who now run the station.</p>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a></div>
<p>The trust will automate the lamp next spring, and the cottage will become a small museum.</p></article>
<footer>Copyright Shore Post FOOTERLEAK</footer></body></html>
HTML

# Text: metadata lines, a blank line, the article one paragraph per line.
if "$brief" extract "$tmp/page.html" >"$tmp/out.txt" 2>"$tmp/err"; then
  grep -q '^title: Lighthouse keeper retires$' "$tmp/out.txt" && ok || bad "text: title"
  grep -q '^date: 2022-09-14$' "$tmp/out.txt" && ok || bad "text: date"
  grep -q '^site: Shore Post$' "$tmp/out.txt" && ok || bad "text: site"
  grep -q '^url: https://shore.example/lighthouse$' "$tmp/out.txt" && ok || bad "text: url"
  grep -q '^She kept the light through storms & blackouts' "$tmp/out.txt" && ok || bad "text: entity"
  grep -q '^The trust will automate the lamp' "$tmp/out.txt" && ok || bad "text: last paragraph"
  ! grep -q 'SCRIPTLEAK\|FOOTERLEAK\|Tweet\|Home' "$tmp/out.txt" && ok || bad "text: boilerplate leaked"
  [ "$(grep -c 'Lighthouse keeper retires' "$tmp/out.txt")" -eq 1 ] && ok || bad "text: title repeated"
  [ ! -s "$tmp/err" ] && ok || bad "text: stderr not empty"
else
  bad "extract page failed"; cat "$tmp/err"
fi

# JSON: one object per page and line.
if "$brief" extract --format json "$tmp/page.html" "$tmp/page.html" >"$tmp/out.json" 2>"$tmp/err"; then
  [ "$(wc -l <"$tmp/out.json")" -eq 2 ] && ok || bad "json: not one line per page"
  grep -q '"title": *"Lighthouse keeper retires"' "$tmp/out.json" && ok || bad "json: title"
  grep -q '"site_name": *"Shore Post"' "$tmp/out.json" && ok || bad "json: site_name"
  if command -v python3 >/dev/null; then
    python3 - "$tmp/out.json" <<'PY' && ok || bad "json: schema"
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    assert d["date"] == "2022-09-14"
    assert d["text"].count("\n") == 3, d["text"]
    assert d["words"] > 40 and d["warning"] == ""
PY
  fi
else
  bad "extract --format json failed"; cat "$tmp/err"
fi
"$brief" extract --format=markdown "$tmp/page.html" >"$tmp/out.md" 2>/dev/null &&
  grep -q '^# Lighthouse keeper retires$' "$tmp/out.md" && ok || bad "markdown"

# Standard input.
"$brief" extract - <"$tmp/page.html" >"$tmp/out.txt" 2>/dev/null &&
  grep -q '^The trust will automate' "$tmp/out.txt" && ok || bad "stdin"

# A page with no article: empty text and a warning, not an error.
printf '<html><body><a href="/a">A</a> <a href="/b">B</a></body></html>' >"$tmp/links.html"
if "$brief" extract "$tmp/links.html" >"$tmp/out.txt" 2>"$tmp/err"; then
  grep -q 'links.html: no article text found' "$tmp/err" && ok || bad "no article: warning"
else
  bad "no article: exit $?"
fi

# Pages of the shared set, when present.
page="$shared/data/html/html/gn-045cb317-60ad-454d-add8-3baa40789258.html"
if [ -f "$page" ]; then
  "$brief" extract "$page" >"$tmp/out.txt" 2>/dev/null &&
    grep -q '^title: Anand draws with Aronian, Negi posts third win$' "$tmp/out.txt" &&
    grep -q '^World Champion Viswanathan Anand played out a quick draw' "$tmp/out.txt" && ok || bad "shared page"
fi

# Bad input: one line naming the file, exit 1.
expect_error "missing file" 1 "nope.html: No such file" -- "$brief" extract "$tmp/nope.html"
printf '\000\001\002\003\000\001\002\003\000\001\002\003\000\001\002\003' >"$tmp/bin.html"
expect_error "binary" 1 "bin.html: binary data" -- "$brief" extract "$tmp/bin.html"
truncate -s 17M "$tmp/big.html" 2>/dev/null || dd if=/dev/zero of="$tmp/big.html" bs=1M count=17 2>/dev/null
expect_error "too large" 1 "big.html:.*limit" -- "$brief" extract "$tmp/big.html"
expect_error "folder" 1 "$tmp" -- "$brief" extract "$tmp"

# A good page after a bad one is still printed; the exit status is 1.
"$brief" extract "$tmp/nope.html" "$tmp/page.html" >"$tmp/out.txt" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q '^The trust will automate' "$tmp/out.txt" && ok || bad "bad then good"

# Usage errors: exit 2.
expect_error "no page" 2 "usage: brief extract" -- "$brief" extract
expect_error "bad option" 2 "unknown option '--bogus'" -- "$brief" extract --bogus "$tmp/page.html"
expect_error "bad format" 2 "unknown format 'xml'" -- "$brief" extract --format xml "$tmp/page.html"
expect_error "format value" 2 "needs a value" -- "$brief" extract --format
"$brief" extract --help >"$tmp/out.txt" 2>&1 && grep -q "usage: brief extract" "$tmp/out.txt" && ok || bad "--help"

finish
