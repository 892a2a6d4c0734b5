#!/usr/bin/env bash
# cross-validate.sh - are the quality figures in-sample flattery?
#
#   bash scripts/cross-validate.sh [SHARED]
#
# Splits every development set in two by cluster (alternate clusters in
# name order, as `train_weights -holdout` does), fits the weigh model on
# one half, builds brief with that model, scores the other half, and
# prints the cluster-weighted mean of the two held-out halves per set.
# Takes about 20 s on two cores (two fits, two builds). A development tool: it
# needs the data sets of ../shared/data and changes nothing in the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(realpath "${1:-../shared}")
data=$shared/data
sets=(multinews-dev duc2002 duc2003)
for s in "${sets[@]}"; do
  [ -d "$data/$s/clusters" ] || { echo "cross-validate: $data/$s: no clusters/ folder" >&2; exit 1; }
done
make build >/dev/null
work=build/cv
rm -rf "$work/sets"
mkdir -p "$work/sets"

# The held-out half K of a set: the clusters train_weights -holdout K
# skips, those at places K, K+2, ... in name order. A Multi-News cluster
# named N is line N + 1 of examples.jsonl, which one awk pass picks out.
held_out() { # set K -> dataset path
  local s=$1 k=$2 out=$work/sets/$1.$2
  mkdir -p "$out/clusters" "$out/refs"
  local ids
  ids=$(LC_ALL=C ls "$data/$s/clusters" | awk -v k="$k" '(NR - 1) % 2 == k')
  if [ "$s" = multinews-dev ]; then
    awk 'NR == FNR { keep[$1 + 1] = 1; next } FNR in keep' \
      <(printf '%s\n' "$ids") "$data/$s/examples.jsonl" >"$out/examples.jsonl"
    echo "$out/examples.jsonl"
    return
  fi
  for id in $ids; do
    ln -s "$data/$s/clusters/$id" "$out/clusters/$id"
    for r in "$data/$s/refs/$id".*; do ln -s "$r" "$out/refs/"; done
  done
  [ -f "$data/$s/docs.tsv" ] && ln -s "$data/$s/docs.tsv" "$out/docs.tsv"
  echo "$out"
}

for k in 0 1; do
  model=$(realpath -m "$work/model$k.h")
  ./build/release/train_weights -holdout "$k" -o "$model" \
    "$data/multinews-dev" "$data/duc2002" "$data/duc2003" 2>/dev/null
  cmake -S . -B "$work/build$k" -DCMAKE_BUILD_TYPE=Release \
    -DBRIEF_SHARED_DIR="$shared" -DBRIEF_WEIGH_MODEL="$model" >/dev/null
  cmake --build "$work/build$k" -j 2 --target brief_cli >/dev/null
  for s in "${sets[@]}"; do
    path=$(held_out "$s" "$k")
    "$work/build$k/brief" eval "$path" >"$work/$s.$k.txt"
  done
done

# Means weighted by the clusters of each half: recall for DUC, F1 for
# Multi-News, as brief eval reports them.
printf '%-14s %8s %8s   (2-fold, held-out halves, x100)\n' set R1 R2
for s in "${sets[@]}"; do
  awk -v set="$s" '
    /^dataset/ { for (i = 1; i <= NF; i++) if ($i ~ /^clusters/) n = $(i - 1) + 0 }
    /^ROUGE-1 / { r1 += n * (set == "multinews-dev" ? $4 : $3); total += n }
    /^ROUGE-2 / { r2 += n * (set == "multinews-dev" ? $4 : $3) }
    END { printf "%-14s %8.2f %8.2f\n", set, r1 / total, r2 / total }
  ' "$work/$s.0.txt" "$work/$s.1.txt"
done
