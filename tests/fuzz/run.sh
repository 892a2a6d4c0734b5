#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and UBSan (clang,
# CMake's BRIEF_FUZZ) and runs each for SECONDS (default 60) on one core,
# one after the other, starting from its seed corpus:
#
#   extract  the HTML extractor                tests/fuzz/corpus, regressions
#   jsonl    JSONL ingest, summary and facts   tests/fuzz/jsonl/corpus, ...
#   serve    a request, from bytes to reply    tests/fuzz/serve/corpus, ...
#   rouge    brief rouge's reader and scorer   tests/fuzz/rouge/corpus, ...
#   stories  the story desk's JSONL input      tests/fuzz/stories/corpus, ...
#   entries  stream entries read from Redis    tests/fuzz/entries/corpus, ...
#
# An input that crashes is written to the target's regressions folder,
# which `make test` replays (test_extract, fuzz_jsonl, fuzz_serve,
# fuzz_rouge, fuzz_stories, fuzz_entries); the run then fails. Prints each
# target's executions. All six take 6 x SECONDS.
#
#   usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (default: all six)
set -euo pipefail
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract jsonl serve rouge stories entries)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${BRIEF_FUZZ_BUILD:-$root/build/fuzz}

if ! command -v clang >/dev/null; then
  echo "fuzz: clang not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi
cmake -S "$root" -B "$out" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
  -DBRIEF_FUZZ=ON >/dev/null
cmake --build "$out" -j 2 --target "${targets[@]/%/_fuzz}" >/dev/null

# Seeds and findings of one target: the extractor's live at the top.
dirs() {
  if [ "$1" = extract ]; then
    echo "$here/corpus $here/regressions"
  else
    echo "$here/$1/corpus $here/$1/regressions"
  fi
}

for t in "${targets[@]}"; do
  read -r seeds findings < <(dirs "$t")
  mkdir -p "$findings"
  # The corpus grows in the build folder; the checked-in seeds stay small.
  corpus="$out/corpus/$t"
  mkdir -p "$corpus"
  cp -n "$seeds"/* "$corpus/" 2>/dev/null || true
  log="$out/$t.log"
  echo "fuzz: running ${t}_fuzz for ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=print_stacktrace=1 \
    "$out/${t}_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$corpus" "$findings" 2>"$log" || {
    tail -40 "$log" >&2
    echo "fuzz: ${t}_fuzz crashed; the input is in $findings/" >&2
    exit 1
  }
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$log" |
    sed "s/^/fuzz: $t: /" || true
done
echo "fuzz: no crash in ${seconds}s per target (${targets[*]})"
