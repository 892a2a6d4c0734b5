#!/usr/bin/env bash
# End-to-end tests of `brief summarize`: the bundled example (golden output),
# the seed articles, every input form and every kind of bad input.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"

ex="$src/examples/harbour-fire"

# The example: golden text output.
if "$brief" summarize -q "$ex" >"$tmp/ex.txt" 2>"$tmp/err"; then
  if diff -u "$src/tests/golden/harbour-fire.txt" "$tmp/ex.txt"; then ok; else bad "example differs from golden"; fi
else
  bad "summarize example failed"; cat "$tmp/err"
fi

# Every summary line carries a citation; the syndicated copy is cited.
awk '/^$/{exit} !/\[[0-9,]+\]$/{print "uncited: " $0; bad=1} END{exit bad}' "$tmp/ex.txt" && ok || bad "uncited sentence"
grep -q '\[1,3\]\|\[1,2,3\]\|\[1,3,' "$tmp/ex.txt" && ok || bad "syndicated copy not cited with its original"

# JSON and markdown.
"$brief" summarize -q --format json "$ex" >"$tmp/ex.json" && ok || bad "json failed"
python3 - "$tmp/ex.json" <<'PY' && ok || bad "json schema"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["options"]["words"] == 250
assert d["words"] <= 250
assert d["summary"] and all(s["sources"] for s in d["summary"])
assert len(d["sources"]) == 5
for s in d["summary"]:
    src = d["sources"][s["source_numbers"][0] - 1]
    assert s["article"] == s["sources"][0] == src["id"]
PY
"$brief" summarize -q --format markdown "$ex" | grep -q '^## Summary' && ok || bad "markdown"

# Budget.
"$brief" summarize -q --words 40 "$ex" | awk '/^$/{exit} {sub(/ \[[0-9,]+\]$/, ""); n += NF} END{exit !(n > 0 && n <= 40)}' && ok || bad "budget 40"

# Inputs: explicit files, stdin, JSONL, split text.
"$brief" summarize -q "$ex/01_coastal_courier.txt" "$ex/02_northern_ledger.txt" | grep -q 'Sources:' && ok || bad "explicit files"
cat "$ex/01_coastal_courier.txt" | "$brief" summarize -q - | grep -q '\[1\] stdin' && ok || bad "stdin"
"$brief" summarize -q --jsonl "$src/examples/harbour-fire.jsonl" | grep -q 'Coastal Courier' && ok || bad "jsonl"
{ cat "$ex/01_coastal_courier.txt"; printf '|||||'; cat "$ex/04_harbour_radio.txt"; } >"$tmp/multi.txt"
"$brief" summarize -q --split '|||||' "$tmp/multi.txt" | grep -q 'multi#2' && ok || bad "split"

# Output file is written whole, or not at all.
"$brief" summarize -q -o "$tmp/o.txt" "$ex" && grep -q Sources "$tmp/o.txt" && ok || bad "output file"

# Bad input: one clear line, non-zero exit, no stdout, no sanitizer report.
mkdir "$tmp/empty"
printf 'Caf\xe9 au lait.\n' >"$tmp/latin1.txt"
printf '\x7fELF\x02\x01\x01\x00\x00\x00' >"$tmp/binary.txt"
printf '{"id":"a","text":"ok text here."}\n{"id":\n' >"$tmp/broken.jsonl"
head -c 17000000 /dev/zero | tr '\0' 'a' >"$tmp/huge.txt"
expect_error "missing path" 1 "nope.txt: No such file" -- "$brief" summarize "$tmp/nope.txt"
expect_error "empty folder" 1 "no .txt or .html files" -- "$brief" summarize "$tmp/empty"
expect_error "invalid utf-8" 1 "latin1.txt: invalid UTF-8 at byte 3" -- "$brief" summarize "$tmp/latin1.txt"
expect_error "binary" 1 "binary.txt: binary data" -- "$brief" summarize "$tmp/binary.txt"
expect_error "malformed jsonl" 1 "broken.jsonl:2: malformed JSON" -- "$brief" summarize --jsonl "$tmp/broken.jsonl"
expect_error "huge input" 1 "huge.txt: .* over the limit" -- "$brief" summarize "$tmp/huge.txt"
expect_error "zero budget" 2 "positive number" -- "$brief" summarize --words 0 "$ex"
expect_error "negative budget" 2 "positive number" -- "$brief" summarize --words -3 "$ex"
expect_error "budget over the limit" 2 "from 1 to 1000000" -- "$brief" summarize --words 1000001 "$ex"
expect_error "unknown option" 2 "unknown option" -- "$brief" summarize --frobnicate "$ex"
expect_error "no input" 2 "no input" -- "$brief" summarize
expect_error "bad output dir" 1 "nodir/o.txt" -- "$brief" summarize -q -o "$tmp/nodir/o.txt" "$ex"
printf 'COMMENTS\nSource link\n' >"$tmp/empty/only.txt"
expect_error "only boilerplate" 1 "no article with text" -- "$brief" summarize "$tmp/empty"
[ ! -e "$tmp/nodir" ] && ok || bad "half-written output"

# The seeds: at most 250 words, every sentence cited, no boilerplate.
# A text with no sentence fit for a summary: an empty summary and a warning.
printf 'Hello.\n' >"$tmp/short.txt"
if "$brief" summarize "$tmp/short.txt" >"$tmp/out" 2>"$tmp/err" &&
  grep -q "no sentence qualifies" "$tmp/err" && grep -q '^Sources:' "$tmp/out"; then
  ok
else
  bad "empty summary without a warning"
fi

if [ -d "$shared/seeds" ]; then
  "$brief" summarize -q "$shared/seeds" >"$tmp/seeds.txt" && ok || bad "seeds"
  awk '/^$/{exit} {sub(/ \[[0-9,]+\]$/, ""); n += NF} END{exit !(n > 50 && n <= 250)}' "$tmp/seeds.txt" && ok || bad "seeds budget"
  awk '/^$/{exit} !/\[[0-9,]+\]$/{bad=1} END{exit bad}' "$tmp/seeds.txt" && ok || bad "seeds citations"
  python3 - "$shared/gold/seeds-facts.json" "$tmp/seeds.txt" <<'PY' && ok || bad "seeds boilerplate leaked"
import json, sys
gold = json.load(open(sys.argv[1]))["boilerplate"]
out = open(sys.argv[2]).read().split("\nSources:")[0]
leaks = [g for g in gold if g in out]
assert not leaks, leaks
PY
else
  echo "skipped: seeds tests ($shared absent)"
fi

finish
