#!/usr/bin/env bash
# Builds the extractor's libFuzzer target with AddressSanitizer and UBSan
# (clang) from the library's core and extract sources, and runs it for
# SECONDS (default 60) on one core, starting from tests/fuzz/corpus.
# Inputs that crash are written to tests/fuzz/regressions/, which
# test_extract replays on every `make test`; the run then fails.
#
#   usage: tests/fuzz/run.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${BRIEF_FUZZ_BUILD:-$root/build/fuzz}
mkdir -p "$out" "$here/regressions"

if ! command -v clang >/dev/null; then
  echo "fuzz: clang not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi

cflags=(-std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer -I"$root/include" -I"$root/src"
        $(pkg-config --cflags libxml-2.0 jansson libutf8proc))
libs=($(pkg-config --libs libxml-2.0 jansson libutf8proc) -lstemmer -lpthread -lm)
# The whole library: a page is rendered by src/render, beside the summary.
clang "${cflags[@]}" -o "$out/extract_fuzz" "$here/extract_fuzz.c" \
  "$root"/src/*/*.c "${libs[@]}"

# The corpus grows in the build folder; the checked-in seeds stay small.
mkdir -p "$out/corpus"
cp -n "$here"/corpus/* "$out/corpus/" 2>/dev/null || true
echo "fuzz: running extract_fuzz for ${seconds}s"
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
UBSAN_OPTIONS=print_stacktrace=1 \
  "$out/extract_fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$here/regressions/" "$out/corpus" 2>"$out/fuzz.log" || {
  tail -40 "$out/fuzz.log" >&2
  echo "fuzz: crash found; the input is in tests/fuzz/regressions/" >&2
  exit 1
}
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$out/fuzz.log" || true
echo "fuzz: no crash in ${seconds}s"
