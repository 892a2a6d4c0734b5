#!/usr/bin/env bash
# End-to-end tests of `brief summarize`: the bundled example (golden output),
# the seed articles, every input form and every kind of bad input.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"

ex="$src/examples/harbour-fire"

# A summary line ends with its citation: the outlets stating all of it,
# then those stating part of it and those giving another figure.
cite=' \[[0-9,]+(; partly [0-9,]+)?(; other figure [0-9,]+)?\]$'
# A relative time is followed by its date: " [March 11]", " [June 2018]".
shown=' \[([A-Z][a-z]+ [0-9]+(, [0-9][0-9][0-9][0-9])?|[0-9][0-9][0-9][0-9])\]'
# Words of a summary's lines, without citations and shown dates.
words="/^\$/{exit} {sub(/$cite/, \"\"); gsub(/$shown/, \"\"); n += NF}"

# The example: golden text output.
if "$brief" summarize -q "$ex" >"$tmp/ex.txt" 2>"$tmp/err"; then
  if diff -u "$src/tests/golden/harbour-fire.txt" "$tmp/ex.txt"; then ok; else bad "example differs from golden"; fi
else
  bad "summarize example failed"; cat "$tmp/err"
fi

# Every summary line carries a citation; the syndicated copy is cited.
awk -v re="$cite" '/^$/{exit} $0 !~ re {print "uncited: " $0; bad=1} END{exit bad}' "$tmp/ex.txt" && ok || bad "uncited sentence"
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
"$brief" summarize -q --words 40 "$ex" | awk "$words END{exit !(n > 0 && n <= 40)}" && ok || bad "budget 40"

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

# A named input must be a regular file: a FIFO with no writer is refused at
# once (never waited on), also inside a folder and as JSONL; standard input
# stays the way to give a pipe's data.
mkfifo "$tmp/fifo.txt"
mkdir "$tmp/withfifo"
cp "$ex/01_coastal_courier.txt" "$tmp/withfifo/"
mkfifo "$tmp/withfifo/02_pipe.txt"
expect_error "FIFO input" 1 "fifo.txt: is a FIFO, not a regular file" -- timeout 20 "$brief" summarize "$tmp/fifo.txt"
expect_error "FIFO in a folder" 1 "withfifo/02_pipe.txt: is a FIFO" -- timeout 20 "$brief" summarize "$tmp/withfifo"
expect_error "FIFO as JSONL" 1 "fifo.txt: is a FIFO" -- timeout 20 "$brief" summarize --jsonl "$tmp/fifo.txt"
mkdir "$tmp/withdir" "$tmp/withdir/sub.txt"
cp "$ex/01_coastal_courier.txt" "$tmp/withdir/"
expect_error "folder named .txt in a folder" 1 "sub.txt: is a folder" -- "$brief" summarize "$tmp/withdir"

# Small gaps: an unreadable JSONL date is a warning, --words over the limit
# names it, UTF-16 is called UTF-16, unknown article fields warn once.
{
  printf '{"id":"a","date":"99999999999-99-99","body":"x","text":"A fire broke out at the harbour on Tuesday night and burned for hours."}\n'
  printf '{"id":"b","published":"2020-01-01","text":"Firefighters fought the harbour fire through the night and put it out by dawn."}\n'
} >"$tmp/odd.jsonl"
if "$brief" summarize --jsonl "$tmp/odd.jsonl" >"$tmp/out" 2>"$tmp/err"; then
  grep -q 'a: date "99999999999-99-99" is not a date' "$tmp/err" && ok || { bad "no warning for an unreadable date"; cat "$tmp/err"; }
  [ "$(grep -c 'unknown field' "$tmp/err")" = 1 ] && grep -q 'unknown field "body"' "$tmp/err" && ok || { bad "unknown fields not warned exactly once"; cat "$tmp/err"; }
else
  bad "summarize odd.jsonl failed"; cat "$tmp/err"
fi
expect_error "budget over the limit" 2 "from 1 to 1000000" -- "$brief" summarize --words 2000000 "$ex"
printf 'The harbour fire burned for hours.\n' | iconv -f UTF-8 -t UTF-16 >"$tmp/utf16.txt"
printf 'The harbour fire burned for hours.\n' | iconv -f UTF-8 -t UTF-16BE >"$tmp/utf16be.txt"
expect_error "UTF-16 with a byte order mark" 1 "utf16.txt: UTF-16 text (little-endian); brief reads UTF-8" -- "$brief" summarize "$tmp/utf16.txt"
expect_error "UTF-16 without one" 1 "utf16be.txt: UTF-16 text (big-endian)" -- "$brief" summarize "$tmp/utf16be.txt"

# Questions: the answer is in the brief, cited; the JSON echoes the
# question; bad questions are usage errors; a question the story cannot
# answer and one over the limit warn.
q='What did the grain board estimate the damage at?'
if "$brief" summarize --words 60 --query "$q" "$ex" >"$tmp/q.txt" 2>"$tmp/err"; then
  grep -q 'grain board estimated the damage at 35 million euros\. \[' "$tmp/q.txt" && ok || { bad "the answer is not in the brief"; cat "$tmp/q.txt"; }
  [ ! -s "$tmp/err" ] && ok || { bad "warnings for a question the story answers"; cat "$tmp/err"; }
else
  bad "summarize --query failed"; cat "$tmp/err"
fi
"$brief" summarize -q --format json --query "$q" "$ex" | grep -q "\"query\": \"$q\"" && ok || bad "json does not echo the query"
"$brief" summarize -q --format json "$ex" | grep -q '"query": null' && ok || bad "json query not null"
expect_error "empty query" 2 "query: empty" -- "$brief" summarize --query "" "$ex"
expect_error "blank query" 2 "query: empty" -- "$brief" summarize --query " 	" "$ex"
expect_error "query without text" 2 "needs a question" -- "$brief" summarize "$ex" --query
expect_error "query not UTF-8" 2 "query: invalid UTF-8" -- "$brief" summarize --query "$(printf 'caf\xe9')" "$ex"
"$brief" summarize "$ex" >"$tmp/generic.txt" 2>/dev/null
if "$brief" summarize --query "zebras and giraffes?" "$ex" >"$tmp/out" 2>"$tmp/err"; then
  grep -q 'none of its words is in the articles; the brief is generic' "$tmp/err" && ok || { bad "no warning for a question the story lacks"; cat "$tmp/err"; }
  diff -q "$tmp/generic.txt" "$tmp/out" >/dev/null && ok || bad "unanswerable question changed the brief"
else
  bad "summarize with an unanswerable question failed"
fi
limit=$(sed -n 's/^#define BRIEF_MAX_QUERY_BYTES \([0-9]*\).*/\1/p' "$src/include/brief.h")
long=$(head -c $((limit * 3)) /dev/zero | tr '\0' 'x' | sed 's/xxxxxxxxx/grain fire /g')
"$brief" summarize --query "$long" "$ex" >/dev/null 2>"$tmp/err" &&
  grep -q "over the limit of $limit: only its first" "$tmp/err" && ok || { bad "long query not capped with a warning"; cat "$tmp/err"; }

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
  awk "$words END{exit !(n > 50 && n <= 250)}" "$tmp/seeds.txt" && ok || bad "seeds budget"
  awk -v re="$cite" '/^$/{exit} $0 !~ re {bad=1} END{exit bad}' "$tmp/seeds.txt" && ok || bad "seeds citations"
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
