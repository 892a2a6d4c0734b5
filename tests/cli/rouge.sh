#!/usr/bin/env bash
# rouge.sh - end-to-end checks of `brief rouge`: both flavours, stemming,
# the word cut, JSON output, stdin, and the exit codes of bad input (1) and
# bad usage (2). Arguments: brief binary, source dir, shared dir.
set -u
BRIEF=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Runs brief, keeping stdout, stderr and the exit code.
run() {
  "$BRIEF" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

expect_rc() {
  [ "$rc" -eq "$1" ] || fail "expected exit $1, got $rc: $(cat "$tmp/err")"
}

expect_line() {
  grep -qx -- "$1" "$tmp/out" || fail "no line '$1' in: $(cat "$tmp/out")"
}

printf 'the cats sat on the mat\n' >"$tmp/cand.txt"
printf 'the cat sat on a mat\n' >"$tmp/ref.txt"
printf 'a dog barked\n' >"$tmp/other.txt"

# rouge_score: cats -> cat, so 5 of 6 words, 3 of 5 bigrams, LCS 5.
run rouge "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 0
expect_line 'ROUGE-1     0.833333  0.833333  0.833333'
expect_line 'ROUGE-2     0.600000  0.600000  0.600000'
expect_line 'ROUGE-L     0.833333  0.833333  0.833333'
expect_line 'ROUGE-Lsum  0.833333  0.833333  0.833333'

# Several references: each metric from the best one.
run rouge "$tmp/cand.txt" "$tmp/other.txt" "$tmp/ref.txt"
expect_rc 0
expect_line 'ROUGE-1     0.833333  0.833333  0.833333'

# Without stemming cats and cat differ.
run rouge --no-stem "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 0
expect_line 'ROUGE-1     0.666667  0.666667  0.666667'
expect_line 'ROUGE-2     0.200000  0.200000  0.200000'

# The word cut keeps "the cats sat" and "the cat sat".
run rouge --words 3 "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 0
expect_line 'ROUGE-1     1.000000  1.000000  1.000000'

# ROUGE-1.5.5: 5 decimals, n-grams only; two references are averaged
# (-f A): 5 hits of 6 + 3 reference words, 5 of 2 x 6 candidate words.
run rouge --flavour 155 "$tmp/cand.txt" "$tmp/ref.txt" "$tmp/other.txt"
expect_rc 0
expect_line 'ROUGE-1     0.41667  0.55556  0.47619'
grep -q 'ROUGE-L' "$tmp/out" && fail "ROUGE-L printed for flavour 155"

# ROUGE-SU4: each token but the last as a unigram plus every pair at most
# 4 tokens apart: 5 + 15 = 20 units a side. Shared: the, cat, sat, on and
# the pairs (the cat) (the sat) (the on) (the mat) (cat sat) (cat on)
# (cat mat) (sat on) (sat mat) (on mat): 14 of 20.
run rouge --flavour 155 "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 0
expect_line 'ROUGE-SU4   0.70000  0.70000  0.70000'
"$BRIEF" rouge --flavour 155 --format json "$tmp/cand.txt" "$tmp/ref.txt" \
  >"$tmp/out" || fail "json 155 run failed"
grep -q '"rougeSU4"' "$tmp/out" || fail "json: no rougeSU4"

# JSON, and the candidate from standard input.
"$BRIEF" rouge --format json - "$tmp/ref.txt" <"$tmp/cand.txt" >"$tmp/out" ||
  fail "json run failed"
grep -q '"flavour": "score"' "$tmp/out" || fail "json: no flavour"
grep -q '"rougeLsum"' "$tmp/out" || fail "json: no rougeLsum"
grep -q '"f": 0.8333333333' "$tmp/out" || fail "json: F not found"

# Texts with no words (two empty files, dashes against themselves): every
# score is 0, in both flavours, with nothing on stderr (no sanitizer report).
: >"$tmp/empty1.txt"
: >"$tmp/empty2.txt"
printf -- '--- ---\n' >"$tmp/dashes.txt"
for flavour in score 155; do
  for pair in "empty1.txt empty2.txt" "dashes.txt dashes.txt"; do
    set -- $pair
    run rouge --flavour $flavour "$tmp/$1" "$tmp/$2"
    expect_rc 0
    [ -s "$tmp/err" ] && fail "no-word texts ($flavour $pair): $(cat "$tmp/err")"
    grep -q '^ROUGE-1  *0\.0*  *0\.0*  *0\.0*$' "$tmp/out" ||
      fail "no-word texts ($flavour $pair) do not score 0: $(cat "$tmp/out")"
  done
done

# Bad input: exit 1 and one line naming the file.
run rouge "$tmp/missing.txt" "$tmp/ref.txt"
expect_rc 1
grep -q "missing.txt: No such file" "$tmp/err" || fail "missing file message"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "error is not one line"
printf 'caf\xe9\n' >"$tmp/latin1.txt"
run rouge "$tmp/cand.txt" "$tmp/latin1.txt"
expect_rc 1
grep -q "latin1.txt: invalid UTF-8" "$tmp/err" || fail "UTF-8 message"
printf 'a\0b\n' >"$tmp/nul.txt"
run rouge "$tmp/nul.txt" "$tmp/ref.txt"
expect_rc 1
grep -q "nul.txt: binary" "$tmp/err" || fail "binary message"

# A FIFO is refused at once, not waited on.
mkfifo "$tmp/fifo.txt"
timeout 20 "$BRIEF" rouge "$tmp/fifo.txt" "$tmp/ref.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
expect_rc 1
grep -q "fifo.txt: is a FIFO, not a regular file" "$tmp/err" || fail "FIFO message: $(cat "$tmp/err")"

# Bad usage: exit 2.
run rouge
expect_rc 2
run rouge "$tmp/cand.txt"
expect_rc 2
run rouge --flavour 1.4 "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 2
run rouge --words -1 "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 2
run rouge --format markdown "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 2
run rouge --bogus "$tmp/cand.txt" "$tmp/ref.txt"
expect_rc 2
run rouge - -
expect_rc 2
run rouge --help
expect_rc 0
grep -q '^usage: brief rouge' "$tmp/out" || fail "help text"
echo "ok"
