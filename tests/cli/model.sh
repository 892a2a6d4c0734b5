#!/usr/bin/env bash
# model.sh - end-to-end checks of tools/train_weights, the tool that fits
# the weigh stage's model: it fits a small data set written here, refuses
# bad arguments, and, where ../shared is present, reproduces the checked-in
# src/pipeline/weigh_model.h from the development sets.
# Arguments: brief binary (the tool sits beside it), source dir, shared dir.
set -u
TRAIN=$(dirname "$1")/train_weights
SRC=$2
SHARED=$3
. "$SRC/tests/lib/cli.sh"

# A tiny data set: two clusters of two articles, one summary each.
mk() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" >"$1"; }
d=$tmp/set
mk "$d/clusters/a/1.txt" "The river flooded the old town on Monday. Schools were closed. A bakery sold bread as usual."
mk "$d/clusters/a/2.txt" "Floods hit the old town after the river rose on Monday. Officials closed schools."
mk "$d/refs/a.txt" "The river flooded the old town and schools were closed."
mk "$d/clusters/b/1.txt" "The council approved a new budget on Friday. Taxes will rise by two percent. The mayor was away."
mk "$d/clusters/b/2.txt" "A new budget passed the council on Friday, raising taxes. Parks get more money."
mk "$d/refs/b.txt" "The council approved a new budget that raises taxes."

if "$TRAIN" "$d" >"$tmp/model.h" 2>"$tmp/err"; then
  arrays=$(grep -c '^static const double bf_model_' "$tmp/model.h")
  if [ "$arrays" -eq 3 ]; then ok; else bad "model has $arrays arrays, want 3"; fi
  focused=$(grep -c '^static const double bf_focused_model_' "$tmp/model.h")
  if [ "$focused" -eq 3 ]; then ok; else bad "focused model has $focused arrays, want 3"; fi
  if grep -qi 'nan\|inf' "$tmp/model.h"; then bad "model has non-finite coefficients"; else ok; fi
  if grep -q '2 clusters' "$tmp/err"; then ok; else bad "tool did not report 2 clusters"; cat "$tmp/err"; fi
else
  bad "training on the small set failed"; cat "$tmp/err"
fi

# With a question for cluster a, a fits the focused model and b the generic
# one: each model sees one cluster.
printf 'cluster\ttitle\tquestion\na\tfloods\tWhat did the river do?\n' \
  >"$d/topics.tsv"
if "$TRAIN" "$d" >"$tmp/model.h" 2>"$tmp/err"; then
  if [ "$(grep -c '1 clusters' "$tmp/err")" -eq 4 ]; then ok; else
    bad "each model should see 1 cluster"; cat "$tmp/err"
  fi
  if sed -n '/bf_focused_model_unigram/,/};/p' "$tmp/model.h" | grep -q '[1-9]'; then ok; else
    bad "focused model not fitted"
  fi
else
  bad "training with a question failed"; cat "$tmp/err"
fi
rm "$d/topics.tsv"

expect_error "no data set" 2 "usage" -- "$TRAIN"
expect_error "missing folder" 1 "cannot open folder" -- "$TRAIN" "$tmp/nowhere"

# The shipped model is what the tool fits on the development sets.
data=$SHARED/data
sets=("$data/multinews-dev" "$data/duc2002" "$data/duc2003" "$data/duc2006")
if [ -d "${sets[0]}" ] && [ -d "${sets[1]}" ] && [ -d "${sets[2]}" ] && [ -d "${sets[3]}" ]; then
  if "$TRAIN" "${sets[@]}" >"$tmp/dev.h" 2>"$tmp/err"; then
    nums() { grep -o -- '-\?[0-9]\+\.[0-9]\+' "$1"; }
    if paste <(nums "$tmp/dev.h") <(nums "$SRC/src/pipeline/weigh_model.h") |
      awk -F'\t' 'NF != 2 || ($1 - $2 > 1e-3 || $2 - $1 > 1e-3) { bad = 1 } END { exit bad }'; then
      ok
    else
      bad "src/pipeline/weigh_model.h differs from a fit on the development sets"
    fi
  else
    bad "training on the development sets failed"; cat "$tmp/err"
  fi
else
  echo "SKIP: $data not present; the shipped model is not re-fitted"
fi
finish
