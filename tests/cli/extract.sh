#!/usr/bin/env bash
# End-to-end tests of `brief extract`: text (the article alone, or with
# --metadata), JSON and markdown output of a page written here, fallbacks,
# deep nesting, pages of the shared data set, and every kind of bad input.
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

# Text: the article alone, one paragraph per line, first line first.
if "$brief" extract "$tmp/page.html" >"$tmp/out.txt" 2>"$tmp/err"; then
  head -n 1 "$tmp/out.txt" | grep -q '^The last keeper of the point lighthouse' && ok || bad "text: first line is not the article"
  grep -q '^She kept the light through storms & blackouts' "$tmp/out.txt" && ok || bad "text: entity"
  grep -q '^The trust will automate the lamp' "$tmp/out.txt" && ok || bad "text: last paragraph"
  [ "$(wc -l <"$tmp/out.txt")" -eq 3 ] && ok || bad "text: not three paragraphs"
  ! grep -q '^title:\|^site:\|Lighthouse keeper retires' "$tmp/out.txt" && ok || bad "text: metadata without --metadata"
  ! grep -q 'SCRIPTLEAK\|FOOTERLEAK\|Tweet\|Home' "$tmp/out.txt" && ok || bad "text: boilerplate leaked"
  [ ! -s "$tmp/err" ] && ok || bad "text: stderr not empty"
else
  bad "extract page failed"; cat "$tmp/err"
fi

# --metadata: "key: value" lines, a blank line, then the article.
if "$brief" extract --metadata "$tmp/page.html" >"$tmp/out.txt" 2>"$tmp/err"; then
  head -n 1 "$tmp/out.txt" | grep -q '^title: Lighthouse keeper retires$' && ok || bad "metadata: title"
  grep -q '^date: 2022-09-14$' "$tmp/out.txt" && ok || bad "metadata: date"
  grep -q '^site: Shore Post$' "$tmp/out.txt" && ok || bad "metadata: site"
  grep -q '^url: https://shore.example/lighthouse$' "$tmp/out.txt" && ok || bad "metadata: url"
  grep -q '^language: en$' "$tmp/out.txt" && ok || bad "metadata: language"
  sed -n '/^$/{n;p;q}' "$tmp/out.txt" | grep -q '^The last keeper' && ok || bad "metadata: blank line before the article"
  [ "$(grep -c 'Lighthouse keeper retires' "$tmp/out.txt")" -eq 1 ] && ok || bad "metadata: title repeated"
else
  bad "extract --metadata failed"; cat "$tmp/err"
fi
"$brief" extract -m "$tmp/page.html" 2>/dev/null | grep -q '^title: ' && ok || bad "-m"

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

# Two pages in text: a blank line between them.
"$brief" extract "$tmp/page.html" "$tmp/page.html" >"$tmp/out.txt" 2>/dev/null &&
  [ "$(wc -l <"$tmp/out.txt")" -eq 7 ] && [ "$(sed -n 4p "$tmp/out.txt")" = "" ] && ok || bad "two pages"

# A page with no article: empty text and a warning, not an error.
printf '<html><body><a href="/a">A</a> <a href="/b">B</a></body></html>' >"$tmp/links.html"
if "$brief" extract "$tmp/links.html" >"$tmp/out.txt" 2>"$tmp/err"; then
  grep -q 'links.html: no article text found' "$tmp/err" && ok || bad "no article: warning"
  [ ! -s "$tmp/out.txt" ] && ok || bad "no article: output not empty"
else
  bad "no article: exit $?"
fi

# A page with no prose: the densest text region, and a warning naming it.
printf '<html><body><table><tr><td>1.</td><td>Valley Harriers</td><td>53,09</td></tr><tr><td>2.</td><td>Coast Athletics</td><td>53,84</td></tr></table></body></html>' >"$tmp/table.html"
"$brief" extract "$tmp/table.html" >"$tmp/out.txt" 2>"$tmp/err" &&
  grep -q '^Valley Harriers$' "$tmp/out.txt" && grep -q 'table.html: no article prose found: kept the page.s densest text region' "$tmp/err" &&
  ok || bad "densest region fallback"

# Nesting: 260 deep reads (libxml2 alone stops at 256); past the limit is an error.
nest() { # DEPTH TEXT: TEXT inside DEPTH-2 divs, in body and html
  printf '<html><body>'; printf '<div>%.0s' $(seq 3 "$1"); printf '<p>%s</p>' "$2"
  printf '</div>%.0s' $(seq 3 "$1"); printf '</body></html>\n'
}
nest 260 "The keeper rang the bell at noon, and the ferry left the quay on time, as it has done every day for years." >"$tmp/deep.html"
"$brief" extract "$tmp/deep.html" >"$tmp/out.txt" 2>/dev/null && grep -q '^The keeper rang the bell' "$tmp/out.txt" && ok || bad "depth 260"
nest 1100 "Too deep." >"$tmp/deeper.html"
expect_error "too deep" 1 "deeper.html: elements nested more than 1024 deep" -- "$brief" extract "$tmp/deeper.html"

# Pages of the shared set, when present.
page="$shared/data/html/html/gn-045cb317-60ad-454d-add8-3baa40789258.html"
if [ -f "$page" ]; then
  "$brief" extract --metadata "$page" >"$tmp/out.txt" 2>/dev/null &&
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
"$brief" extract --help >"$tmp/out.txt" 2>&1 && grep -q "usage: brief extract" "$tmp/out.txt" &&
  grep -q -- "--metadata" "$tmp/out.txt" && ok || bad "--help"

finish
