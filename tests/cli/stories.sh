#!/usr/bin/env bash
# End-to-end tests of `brief stories` and `brief eval-stories`: the example
# stream grouped into its three stories (golden), every format, a kept desk
# continued and read back, and bad input (each one clear line, exit 1, the
# database never changed by a failed run).
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"
ONE_ERROR_LINE=1

stream="$src/examples/stream.jsonl"
golden="$src/tests/golden/stream-stories.txt"

clean_stderr() {
  if grep -q "AddressSanitizer\|runtime error" "$1"; then bad "$2: sanitizer report"; cat "$1"; else ok; fi
}

# The example stream: three stories, golden text output.
"$brief" stories -q --jsonl "$stream" >"$tmp/text" 2>"$tmp/err" && ok || { bad "stories failed"; cat "$tmp/err"; }
clean_stderr "$tmp/err" "stories"
if [ -f "$golden" ]; then
  diff -u "$golden" "$tmp/text" >"$tmp/diff" && ok || { bad "text differs from golden"; cat "$tmp/diff"; }
else
  bad "missing golden file $golden"
fi

# tsv: one line per article, the syndicated copy with its original's story.
"$brief" stories -q -f tsv --jsonl "$stream" >"$tmp/tsv" && ok || bad "tsv failed"
[ "$(wc -l <"$tmp/tsv")" -eq 12 ] && ok || bad "tsv lines: $(wc -l <"$tmp/tsv")"
[ "$(cut -f2 "$tmp/tsv" | sort -u | wc -l)" -eq 3 ] && ok || bad "tsv stories"
story_of() { awk -F'\t' -v id="$1" '$1 == id {print $2}' "$tmp/tsv"; }
[ "$(story_of star-rail)" = "$(story_of nwa-rail)" ] && ok || bad "syndicated copy not with its original"
[ "$(story_of lindby-water)" = "$(story_of lakeside-algae)" ] && ok || bad "lake story split"
[ "$(story_of post-1)" = "$(story_of courier-1)" ] && ok || bad "fire story split"

# json and markdown.
"$brief" stories -q -f json --jsonl "$stream" >"$tmp/json" && ok || bad "json failed"
python3 - "$tmp/json" <<'PY' && ok || bad "json schema"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 3 and len(d["stories"]) == 3
for s in d["stories"]:
    assert set(s) >= {"id", "headline", "articles", "outlets", "first_date", "last_date",
                      "first_seen", "last_seen", "names", "version", "active", "conflicts"}
assert sorted(s["articles"] for s in d["stories"]) == [3, 4, 5]
PY
"$brief" stories -q -f markdown --jsonl "$stream" | grep -q '^| Story | Headline |' && ok || bad "markdown table"

# A kept desk: the stream in two runs, read back, the same grouping.
db="$tmp/news.db"
head -n 6 "$stream" >"$tmp/first.jsonl"
tail -n +7 "$stream" >"$tmp/rest.jsonl"
"$brief" stories -q --db "$db" --jsonl "$tmp/first.jsonl" >/dev/null && ok || bad "first run"
"$brief" stories -q --db "$db" -f tsv --jsonl "$tmp/rest.jsonl" >"$tmp/rest.tsv" && ok || bad "second run"
tail -n +7 "$tmp/tsv" | sort >"$tmp/want"
sort "$tmp/rest.tsv" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok || { bad "continued desk groups differently"; diff "$tmp/want" "$tmp/got"; }
"$brief" stories list --db "$db" >"$tmp/list" && ok || bad "list"
[ "$(grep -c '^#' "$tmp/list")" -eq 3 ] && ok || bad "list count"
"$brief" stories list --db "$db" --limit 1 | grep -c '^#' | grep -qx 1 && ok || bad "list --limit"
"$brief" stories list --db "$db" --since 2025-03-15 | grep -q 'Lake Orsa' && ok || bad "list --since"
lake=$(awk -F'\t' '$1 == "lakeside-algae" {print $2}' "$tmp/tsv")
"$brief" stories show --db "$db" "$lake" --words 60 >"$tmp/show" && ok || bad "show"
grep -q "^Story $lake: " "$tmp/show" && grep -q '^Sources:' "$tmp/show" && ok || bad "show output"
"$brief" stories show --db "$db" "$lake" --facts | grep -q '^Figures:' && ok || bad "show --facts"
"$brief" stories show --db "$db" "$lake" -f json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["story"]["articles"] == 3 and d["stale"] is False and d["summary"]' && ok || bad "show json"
"$brief" stories articles --db "$db" "$lake" | grep -c '^\[' | grep -qx 3 && ok || bad "articles"
"$brief" stories show --db "$db" "$lake" --words 40 --query "Is the tap water safe to drink?" \
  | grep -qi 'water' && ok || bad "show --query"
"$brief" stories show --db "$db" "$lake" --query "Is the tap water safe?" -f json | python3 -c '
import json, sys; d = json.load(sys.stdin); assert d["options"]["query"] == "Is the tap water safe?"' \
  && ok || bad "show --query json"
expect_error "blank query" 2 'query needs a question' -- "$brief" stories show --db "$db" "$lake" --query "  "
# Known ids are skipped with a warning each, nothing stored twice.
"$brief" stories --db "$db" --jsonl "$stream" >/dev/null 2>"$tmp/err" && ok || bad "re-adding failed"
[ "$(grep -c 'already has this id' "$tmp/err")" -eq 12 ] && ok || bad "skip warnings"
"$brief" stories list --db "$db" -f json | python3 -c '
import json, sys; d = json.load(sys.stdin); assert sum(s["articles"] for s in d["stories"]) == 12' \
  && ok || bad "stored twice"

# Bad input.
: >"$tmp/empty.jsonl"
expect_error "empty stream" 1 'empty.jsonl: no JSON lines' -- "$brief" stories --jsonl "$tmp/empty.jsonl"
printf '{"id": "a", "text": "A fine article about the new bridge."}\n{"text": "no id here"}\n' >"$tmp/noid.jsonl"
expect_error "line without id" 1 'noid.jsonl:2.*no "id"' -- "$brief" stories --jsonl "$tmp/noid.jsonl"
printf '{"id": "a"}\n' >"$tmp/notext.jsonl"
expect_error "line without text" 1 'notext.jsonl:1.*no "text" or "html"' -- "$brief" stories --jsonl "$tmp/notext.jsonl"
printf 'These are my notes.\n' >"$tmp/notes.db"
cp "$tmp/notes.db" "$tmp/notes.before"
expect_error "not a database" 1 'notes.db: not a brief database' -- "$brief" stories --db "$tmp/notes.db" --jsonl "$stream"
cmp -s "$tmp/notes.db" "$tmp/notes.before" && ok || bad "foreign file changed"
expect_error "list without db" 2 'reads a desk kept with --db' -- "$brief" stories list
expect_error "unknown story" 1 'no story 99' -- "$brief" stories show --db "$db" 99
expect_error "bad window" 2 'window needs days' -- "$brief" stories --window -1 --jsonl "$stream"
expect_error "bad since" 1 "not a date" -- "$brief" stories list --db "$db" --since yesterday
printf '{"id": "e1", "text": "Advertisement"}\n{"id": "d1", "date": "31 Smarch", "text": "The town opened its new bridge on Monday."}\n' >"$tmp/odd.jsonl"
"$brief" stories --jsonl "$tmp/odd.jsonl" >/dev/null 2>"$tmp/err" && ok || bad "odd input failed"
grep -q 'e1: no article text left' "$tmp/err" && ok || bad "empty article not warned"
grep -q "unreadable date '31 Smarch'" "$tmp/err" && ok || bad "bad date not warned"

# A full disk mid-stream: a clear error, and the database still opens with
# whole batches only.
cp "$db" "$tmp/full.db"
rm -f "$tmp/full.db-wal" "$tmp/full.db-shm"
big="$tmp/big.jsonl"
python3 - "$stream" "$big" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
with open(sys.argv[2], "w") as f:
    for k in range(60):
        for r in rows:
            r = dict(r, id="%s-%d" % (r["id"], k))
            f.write(json.dumps(r) + "\n")
PY
( trap '' XFSZ; ulimit -f 600; "$brief" stories -q --db "$tmp/full.db" --jsonl "$big" >/dev/null 2>"$tmp/err" )
rc=$?
[ "$rc" -eq 1 ] && ok || bad "full disk: exit $rc"
grep -q 'full.db' "$tmp/err" && [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || { bad "full disk message"; cat "$tmp/err"; }
"$brief" stories list --db "$tmp/full.db" -f json >"$tmp/full.json" && ok || bad "full disk: database unreadable"

# eval-stories on the example stream, whose gold is the three stories.
python3 - "$stream" "$tmp/gold.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    r["story"] = r["id"].split("-")[-1] if "-" in r["id"] else r["id"]
    r["story"] = {"1": "fire", "rail": "rail", "algae": "lake", "water": "lake"}.get(r["story"], r["story"])
    open(sys.argv[2], "a").write(json.dumps(r) + "\n")
PY
"$brief" eval-stories -q "$tmp/gold.jsonl" >"$tmp/eval" && ok || bad "eval-stories failed"
grep -q 'pairwise  P 1.000  R 1.000  F1 1.000' "$tmp/eval" && ok || { bad "eval-stories figures"; cat "$tmp/eval"; }
grep -q '^stories   3 (gold 3)' "$tmp/eval" && ok || bad "eval-stories story count"

finish
