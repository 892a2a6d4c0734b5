# cli.sh - shared by the end-to-end tests in tests/cli/ (sourced, not run).
#
# Gives a temporary folder $tmp removed on exit, pass/fail counters with
# ok/bad, expect_error for bad-input cases, and finish for the closing line.
# Set ONE_ERROR_LINE=1 before expect_error to also require that a failing
# command prints exactly one line on stderr.

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_error NAME EXIT_CODE PATTERN -- COMMAND...: the command fails with
# that exit code, prints a stderr line matching PATTERN and nothing on
# stdout, and no sanitizer report.
expect_error() {
  local name=$1 code=$2 pattern=$3
  shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -ne "$code" ]; then bad "$name: exit $rc, want $code"; cat "$tmp/err"; return; fi
  if ! grep -q -- "$pattern" "$tmp/err"; then bad "$name: stderr lacks '$pattern'"; cat "$tmp/err"; return; fi
  if [ "${ONE_ERROR_LINE:-0}" = 1 ] && [ "$code" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
    bad "$name: more than one error line"; cat "$tmp/err"; return
  fi
  if [ -s "$tmp/out" ]; then bad "$name: printed on stdout"; return; fi
  if grep -q "AddressSanitizer\|runtime error" "$tmp/err"; then bad "$name: sanitizer report"; return; fi
  ok
}

# Prints the closing line ctest logs show and exits non-zero on failures.
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
