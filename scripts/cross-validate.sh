#!/usr/bin/env bash
# cross-validate.sh - are the quality figures in-sample flattery?
#
#   bash scripts/cross-validate.sh [SHARED] [FOLDS]
#
# Splits every development set into FOLDS parts by cluster (places I,
# I + FOLDS, ... in name order, as `train_weights -folds K -holdout I`
# does; 5 unless given), fits the weigh model on all parts but one, builds
# brief with that model, scores the part left out, and prints the
# cluster-weighted mean over the held-out parts per set: ROUGE-1 and
# ROUGE-2, and ROUGE-SU4 for the DUC sets. DUC 2006 is scored twice:
# answering its questions, and generic (--generic). Five folds take
# minutes on two cores. A development tool: it needs the data sets of
# ../shared/data and changes nothing in the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(realpath "${1:-../shared}")
folds=${2:-5}
data=$shared/data
sets=(multinews-dev duc2002 duc2003 duc2006)
for s in "${sets[@]}"; do
  [ -d "$data/$s/clusters" ] || { echo "cross-validate: $data/$s: no clusters/ folder" >&2; exit 1; }
done
[[ $folds =~ ^[0-9]+$ ]] && [ "$folds" -ge 2 ] || { echo "cross-validate: FOLDS must be 2 or more" >&2; exit 1; }
make build >/dev/null
work=build/cv
rm -rf "$work/sets" "$work"/*.txt
mkdir -p "$work/sets"

# Held-out part K of a set: the clusters train_weights -holdout K skips. A
# Multi-News cluster named N is line N + 1 of examples.jsonl, which one awk
# pass picks out.
held_out() { # set K -> dataset path
  local s=$1 k=$2 out=$work/sets/$1.$2
  mkdir -p "$out/clusters" "$out/refs"
  local ids
  ids=$(LC_ALL=C ls "$data/$s/clusters" | awk -v k="$k" -v f="$folds" '(NR - 1) % f == k')
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
  for f in docs.tsv topics.tsv; do
    [ -f "$data/$s/$f" ] && ln -s "$data/$s/$f" "$out/$f"
  done
  echo "$out"
}

for ((k = 0; k < folds; k++)); do
  model=$(realpath -m "$work/model$k.h")
  ./build/release/train_weights -folds "$folds" -holdout "$k" -o "$model" \
    "${sets[@]/#/$data/}" 2>/dev/null
  cmake -S . -B "$work/build$k" -DCMAKE_BUILD_TYPE=Release \
    -DBRIEF_SHARED_DIR="$shared" -DBRIEF_WEIGH_MODEL="$model" >/dev/null
  cmake --build "$work/build$k" -j 2 --target brief_cli >/dev/null
  for s in "${sets[@]}"; do
    path=$(held_out "$s" "$k")
    "$work/build$k/brief" eval "$path" >"$work/$s.$k.txt"
    if [ -f "$path/topics.tsv" ]; then
      "$work/build$k/brief" eval "$path" --generic >"$work/$s-generic.$k.txt"
    fi
  done
done

# Means weighted by the clusters of each part: recall for DUC, F1 for
# Multi-News, as brief eval reports them.
printf '%-20s %8s %8s %8s   (%d-fold, held-out parts, x100)\n' set R1 R2 SU4 "$folds"
for s in "${sets[@]}"; do
  for run in "$s" "$s-generic"; do
    [ -f "$work/$run.0.txt" ] || continue
    awk -v set="$run" '
      /^dataset/ { for (i = 1; i <= NF; i++) if ($i ~ /^clusters/) n = $(i - 1) + 0 }
      /^ROUGE-1 / { r1 += n * (set == "multinews-dev" ? $4 : $3); total += n }
      /^ROUGE-2 / { r2 += n * (set == "multinews-dev" ? $4 : $3) }
      /^ROUGE-SU4 / { su4 += n * $3; has_su4 = 1 }
      END {
        printf "%-20s %8.2f %8.2f", set, r1 / total, r2 / total
        if (has_su4) printf " %8.2f", su4 / total
        printf "\n"
      }
    ' "$work/$run".*.txt
  done
done
