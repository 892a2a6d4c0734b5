#!/usr/bin/env bash
# The desk's grouping quality on the development streams stays where the
# README reports it: pairwise F1 may not drop more than 0.02 below the
# figure reported for each stream and window. Skips when ../shared is
# absent.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"

dev="$shared/data/stories"
if [ ! -d "$dev" ]; then
  echo "skipped: $dev is absent"
  exit 77
fi

# stream window reported-F1 (README, Quality: story grouping)
while read -r stream window want; do
  if ! "$brief" eval-stories -q --window "$window" "$dev/$stream.jsonl" >"$tmp/out" 2>"$tmp/err"; then
    bad "$stream w$window: eval-stories failed"; cat "$tmp/err"; continue
  fi
  got=$(awk '/^pairwise/ {print $7}' "$tmp/out")
  if awk -v g="$got" -v w="$want" 'BEGIN {exit !(g + 0.02 >= w)}'; then
    ok
  else
    bad "$stream window $window: pairwise F1 $got, reported $want"
  fi
done <<'LIST'
duc2002 0 0.903
duc2006 0 0.743
multinews-dev 7 0.672
duc2003 0 0.900
duc2003 7 0.737
LIST

finish
