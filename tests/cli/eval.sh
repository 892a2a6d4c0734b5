#!/usr/bin/env bash
# eval.sh - end-to-end checks of `brief eval` on small data sets written
# here (a JSONL file and a DUC-style folder), then on a few clusters of the
# shared DUC 2002 and Multi-News sets when they are present. Checks the
# report, the per-cluster CSV, that --jobs does not change scores, and the
# exit codes. Arguments: brief binary, source dir, shared dir.
set -u
BRIEF=$1
SHARED=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

run() {
  "$BRIEF" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

expect_rc() {
  [ "$rc" -eq "$1" ] || fail "expected exit $1, got $rc: $(cat "$tmp/err")"
}

expect_grep() {
  grep -q -- "$1" "$tmp/out" || fail "no '$1' in: $(cat "$tmp/out")"
}

# Scores without the time line, to compare runs.
scores() {
  grep -v '^time' "$tmp/out"
}

# --- A Multi-News-style JSONL set ------------------------------------------
a1='The harbour fire started late on Monday in a warehouse near the docks.'
a2='Firefighters fought the blaze for six hours before it was under control.'
a3='No one was hurt, but three boats moored nearby were badly damaged.'
b1='The city council voted on Tuesday to build a new bridge over the river.'
b2='The bridge will cost twelve million euros and open in three years.'
b3='Residents have asked for a second crossing for more than a decade.'
cat >"$tmp/set.jsonl" <<JSON
{"id": "fire", "documents": ["$a1 $a2", "$a2 $a3"], "summary": "A warehouse fire near the docks burned for six hours. Three boats were damaged."}
{"id": "bridge", "documents": ["$b1 $b2", "$b3 $b1"], "summary": "The council approved a new bridge costing twelve million euros."}

{"id": "both", "documents": ["$a1 $b1", "$a3 $b2"], "summary": "A fire hit the docks and the council approved a bridge."}
JSON

run eval "$tmp/set.jsonl" --jobs 1 --per-cluster "$tmp/mn.csv"
expect_rc 0
expect_grep 'Multi-News JSONL, 3 clusters'
expect_grep 'rouge_score, stemmed, no cut'
expect_grep '^ROUGE-Lsum '
expect_grep '95% CI of F'
scores >"$tmp/jobs1"
[ "$(wc -l <"$tmp/mn.csv")" -eq 4 ] || fail "CSV rows: $(cat "$tmp/mn.csv")"
head -1 "$tmp/mn.csv" | grep -q '^cluster,articles,words,ms,r1_p,' ||
  fail "CSV header"
grep -q '^bridge,2,' "$tmp/mn.csv" || fail "CSV cluster row"

run eval "$tmp/set.jsonl" --jobs 3
expect_rc 0
scores | diff - "$tmp/jobs1" >/dev/null || fail "--jobs changed the scores"

run eval "$tmp/set.jsonl" --limit 1 --system lead --flavour 155
expect_rc 0
expect_grep '1 clusters'
expect_grep 'ROUGE-1.5.5'
grep -q '^ROUGE-L ' "$tmp/out" && fail "ROUGE-L printed for flavour 155"

# Bad input: exit 1, the file and line named.
printf '{"documents": ["%s"], "summary": "x"}\n{"documents": 3}\n' "$a1" \
  >"$tmp/bad.jsonl"
run eval "$tmp/bad.jsonl"
expect_rc 1
grep -q 'bad.jsonl:2: ' "$tmp/err" || fail "JSONL error: $(cat "$tmp/err")"
run eval "$tmp/none.jsonl"
expect_rc 1
# A FIFO is refused at once, not waited on.
mkfifo "$tmp/set.fifo"
timeout 20 "$BRIEF" eval "$tmp/set.fifo" >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 1
grep -q 'set.fifo: is a FIFO, not a regular file' "$tmp/err" ||
  fail "FIFO error: $(cat "$tmp/err")"

# --- A DUC-style folder ----------------------------------------------------
mkdir -p "$tmp/duc/clusters/d01a" "$tmp/duc/refs"
printf '%s\n%s\n' "$a1" "$a2" >"$tmp/duc/clusters/d01a/AP900101-0001.txt"
printf '%s\n%s\n' "$a2" "$a3" >"$tmp/duc/clusters/d01a/AP900102-0002.txt"
printf 'A fire at the docks burned six hours and damaged boats.\n' \
  >"$tmp/duc/refs/d01a.A.100.txt"
run eval "$tmp/duc" --per-cluster "$tmp/duc.csv"
expect_rc 0
expect_grep 'DUC, 1 clusters, references \*.100.txt'
expect_grep 'ROUGE-1.5.5 -n 2 -m -2 4 -u -f A -l 100'
expect_grep '95% CI of R'
expect_grep '^ROUGE-SU4 '
grep -q 'questions' "$tmp/out" && fail "questions line without topics.tsv"
grep -q '^d01a,2,' "$tmp/duc.csv" || fail "DUC CSV: $(cat "$tmp/duc.csv")"
head -1 "$tmp/duc.csv" | grep -q ',su4_p,su4_r,su4_f$' || fail "CSV SU4 columns"
run eval "$tmp/duc" --compare
expect_rc 0
ci='[0-9.]* ([0-9. -]*)'
for system in brief lead rr-oldest rr-newest; do
  expect_grep "^$system  *$ci  *$ci  *$ci  *[0-9.]*$"
done

# DUC 2006's layout: 250-word references, the budget they set, and a
# question per cluster in topics.tsv that --generic leaves out.
mkdir -p "$tmp/qa/clusters/D01A" "$tmp/qa/refs"
cp "$tmp/duc/clusters/d01a/"*.txt "$tmp/qa/clusters/D01A/"
printf 'Boats were damaged when a fire hit the docks.\n' \
  >"$tmp/qa/refs/D01A.A.250.txt"
printf 'cluster\ttitle\tquestion\nD01A\tharbour fire\tWhat was damaged?\n' \
  >"$tmp/qa/topics.tsv"
run eval "$tmp/qa"
expect_rc 0
expect_grep 'references \*.250.txt'
expect_grep 'system    brief, 250 words'
expect_grep '\-l 250'
expect_grep '^questions 1 of 1 clusters (topics.tsv)$'
run eval "$tmp/qa" --generic
expect_rc 0
expect_grep '^questions 1 of 1 clusters (topics.tsv), ignored (--generic)$'
printf 'Caf\xe9 owners said the fire spread to the roof quickly.\n' \
  >"$tmp/duc/clusters/d01a/AP900103-0003.txt"
run eval "$tmp/duc"
expect_rc 1
grep -q 'AP900103-0003.txt: invalid UTF-8' "$tmp/err" ||
  fail "UTF-8 error: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "error is not one line"
rm "$tmp/duc/clusters/d01a/AP900103-0003.txt"
mkdir -p "$tmp/duc/clusters/d02b"
cp "$tmp/duc/clusters/d01a/AP900101-0001.txt" "$tmp/duc/clusters/d02b/"
run eval "$tmp/duc"
expect_rc 1
grep -q 'no reference d02b.<writer>.100.txt' "$tmp/err" ||
  fail "missing reference message: $(cat "$tmp/err")"

# --- Bad usage: exit 2 -----------------------------------------------------
for args in "" "--system best $tmp/set.jsonl" "--jobs 0 $tmp/set.jsonl" \
  "--words -5 $tmp/set.jsonl" "--flavour x $tmp/set.jsonl" \
  "$tmp/set.jsonl $tmp/set.jsonl" "--bogus $tmp/set.jsonl" \
  "--compare --per-cluster x.csv $tmp/set.jsonl"; do
  # shellcheck disable=SC2086
  run eval $args
  expect_rc 2
done

# --- The shared sets, a few clusters each ----------------------------------
if [ -d "$SHARED/data/duc2002/clusters" ]; then
  run eval "$SHARED/data/duc2002" --limit 3 --system rr-oldest
  expect_rc 0
  expect_grep 'DUC, 3 clusters, references \*.100.txt'
  run eval "$SHARED/data/duc2002" --limit 2 --words 200
  expect_rc 0
  expect_grep 'references \*.200.txt'
  expect_grep '\-l 200'
fi
if [ -f "$SHARED/data/duc2006/topics.tsv" ]; then
  run eval "$SHARED/data/duc2006" --limit 2
  expect_rc 0
  expect_grep 'DUC, 2 clusters, references \*.250.txt'
  expect_grep '^questions 2 of 2 clusters'
  expect_grep '^ROUGE-SU4 '
fi
if [ -f "$SHARED/data/multinews-dev/examples.jsonl" ]; then
  run eval "$SHARED/data/multinews-dev" --limit 3
  expect_rc 0
  expect_grep 'Multi-News JSONL, 3 clusters'
fi
echo "ok"
