#!/usr/bin/env bash
# End-to-end tests of `brief facts` and `brief summarize --facts`: the three
# formats, every input form, bad input, and the seeds' gold figures.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"

clean_stderr() {
  if grep -q "AddressSanitizer\|runtime error" "$1"; then bad "$2: sanitizer report"; cat "$1"; else ok; fi
}

ex="$src/examples/harbour-fire"

# Text: the four sections, a figures table with verdicts.
if "$brief" facts -q "$ex" >"$tmp/ex.txt" 2>"$tmp/err"; then ok; else bad "facts example failed"; cat "$tmp/err"; fi
clean_stderr "$tmp/err" "facts example"
for section in 'Figures:' 'Quotes:' 'Names:' 'Timeline:'; do
  grep -q "^$section" "$tmp/ex.txt" && ok || bad "text lacks $section"
done
grep -Eq '^  (single|agree|range|conflict) ' "$tmp/ex.txt" && ok || bad "no verdict rows"

# JSON: every documented field.
"$brief" facts -q --format json "$ex" >"$tmp/ex.json" 2>"$tmp/err" && ok || bad "json failed"
python3 - "$tmp/ex.json" <<'PY' && ok || bad "json schema"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["facts"]
assert len(d["sources"]) == 5
for g in f["figures"]:
    assert g["verdict"] in ("single", "agree", "range", "conflict")
    assert set(g) >= {"measure", "unit", "verdict", "sources", "source_numbers", "values", "reports"}
    for r in g["reports"]:
        assert set(r) >= {"article", "article_number", "text", "value", "low", "high", "is_range",
                          "qualifier", "unit", "noun", "verb", "span", "attribution", "sentence",
                          "position", "start", "end"}
for q in f["quotes"]:
    assert set(q) >= {"text", "speaker", "said_by", "speaker_entity", "partial", "article",
                      "article_number", "start", "end", "mentions", "sources", "source_numbers"}
for e in f["entities"]:
    assert e["type"] in ("person", "organization", "place", "other")
    assert len(e["sources"]) == len(e["source_mentions"])
for t in f["timeline"]:
    assert t["resolved"] == (t["date"] != "")
assert f["figures"] and f["quotes"] and f["entities"] and f["timeline"]
PY

# Markdown, output file, summarize --facts in every format.
"$brief" facts -q --format markdown "$ex" | grep -q '^| Measure | Values \[sources\] | Verdict |' && ok || bad "markdown table"
"$brief" facts -q -o "$tmp/out.txt" "$ex" && cmp -s "$tmp/out.txt" "$tmp/ex.txt" && ok || bad "-o differs from stdout"
"$brief" summarize -q --facts "$ex" | grep -q '^Figures:' && ok || bad "summarize --facts text"
"$brief" summarize -q --facts --format markdown "$ex" | grep -q '^## Figures' && ok || bad "summarize --facts markdown"
"$brief" summarize -q --facts --format json "$ex" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "figures" in d["facts"]' && ok || bad "summarize --facts json"

# Inputs: stdin, JSONL, split text.
"$brief" facts -q - <"$ex/01_coastal_courier.txt" | grep -q '^Figures:' && ok || bad "stdin"
"$brief" facts -q --jsonl "$src/examples/harbour-fire.jsonl" | grep -q '^Names:' && ok || bad "jsonl"
printf 'Six people died in Kessing.\n|||Six people died in Kessing, police said.\n' >"$tmp/split.txt"
"$brief" facts -q --split '|||' "$tmp/split.txt" | grep -q 'agree .*Six \[1,2\]' && ok || bad "split: agreement"

# Bad input: no facts is not an error; bad usage and files are.
printf 'nothing to see here\n' >"$tmp/plain.txt"
"$brief" facts -q "$tmp/plain.txt" >"$tmp/plain.out" 2>"$tmp/err" && grep -q '(none)' "$tmp/plain.out" && ok || bad "no facts should give empty sections"
printf 'He said "this never closes\nA second paragraph with 12 boats.\n' >"$tmp/unbalanced.txt"
"$brief" facts -q --format json "$tmp/unbalanced.txt" | python3 -c '
import json,sys
f = json.load(sys.stdin)["facts"]
assert all("second paragraph" not in q["text"] for q in f["quotes"])
assert any(r["value"] == 12 for g in f["figures"] for r in g["reports"])' && ok || bad "unbalanced quote swallowed a paragraph"
"$brief" facts >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && grep -q 'no input' "$tmp/err" && ok || bad "no input: exit 2"
"$brief" facts --format pdf "$ex" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && ok || bad "bad format: exit 2"
"$brief" facts --bogus "$ex" >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] && ok || bad "unknown option: exit 2"
"$brief" facts "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err"; [ $? -eq 1 ] && [ ! -s "$tmp/out" ] && ok || bad "missing file: exit 1"
printf 'a\0b' >"$tmp/bin.txt"
"$brief" facts "$tmp/bin.txt" >"$tmp/out" 2>"$tmp/err"; [ $? -eq 1 ] && ok || bad "binary file: exit 1"
clean_stderr "$tmp/err" "binary file"

# The seeds: the gold's conflicting displacement figure and the quotes.
if [ -d "$shared/seeds" ]; then
  "$brief" facts -q --format json "$shared/seeds" >"$tmp/seeds.json" 2>"$tmp/err" && ok || bad "seeds"
  clean_stderr "$tmp/err" "seeds"
  python3 - "$tmp/seeds.json" <<'PY' && ok || bad "seeds facts"
import json, sys
f = json.load(open(sys.argv[1]))["facts"]
disp = [g for g in f["figures"] if any(r["value"] == 320000 for r in g["reports"])]
assert disp and disp[0]["verdict"] == "conflict", disp
assert len(disp[0]["sources"]) == 5
q = [q for q in f["quotes"] if "bombing like crazy" in q["text"]]
assert q and q[0]["speaker"] == "Bahaa Mahameed"
d = [e for e in f["entities"] if e["name"] == "Daraa"]
assert d and "Deraa" in d[0]["variants"]
PY
else
  echo "skipped: seeds tests ($shared absent)"
fi

finish
