#!/usr/bin/env bash
# End-to-end tests of the desk over Redis Streams (brief feed, brief
# worker, brief stories --redis) on a redis-server of the test's own: the
# examples' stream and a development stream through 2 ingest, 2 assign (one
# standing by) and 2 brief workers, each ending with every article assigned
# once, the assignment of `brief stories` run in one process over the same
# order, and every story's brief current; the workers stopping cleanly on
# SIGTERM; a feed that waits while the backlog is full; and a Redis that is
# unreachable, wants another password, or is too old for streams.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/redis.sh"
ONE_ERROR_LINE=1

redis_start

# run_stream NAME JSONL: the six workers over a stream, then checked.
run_stream() {
  local name=$1 jsonl=$2 want=$3
  rcli flushall >/dev/null
  worker "$name-i1" ingest --batch 8
  worker "$name-i2" ingest --batch 8
  worker "$name-a1" assign --lease 2
  sleep 0.5 # a1 takes the lease; a2 stands by
  worker "$name-a2" assign --lease 2
  worker "$name-b1" brief
  worker "$name-b2" brief
  "$brief" feed -q --redis "$redis_url" --jsonl "$jsonl" && ok || bad "$name: feed"
  wait_done "$want" 180 && ok || bad "$name: not done: $(desk_state) (want $want 0)"
  check_assignment "$name" "$jsonl"
  grep -q "standing by" "$tmp/$name-a2.log" && ok || bad "$name: a2 did not stand by"
  [ "$(rcli xlen brief:dead)" = 0 ] && ok || bad "$name: dead letters"
  stop_all_workers
  [ -z "$(rcli get brief:assign:lease)" ] && ok || bad "$name: the lease was not released"
}

run_stream examples "$src/examples/stream.jsonl" 12
# Every story's brief, as the workers keep it, is the desk's JSON.
"$brief" stories list --redis "$redis_url" -f json >"$tmp/list.json" && ok || bad "stories list --redis"
python3 - "$tmp/list.json" <<'PY' && ok || bad "list json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 3 and sorted(s["articles"] for s in d["stories"]) == [3, 4, 5]
PY
lake=$(awk -F'\t' '$1 == "lakeside-algae" {print $2}' "$tmp/examples.redis.tsv")
"$brief" stories show --redis "$redis_url" "$lake" -f json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["story"]["articles"] == 3 and d["stale"] is False and d["summary"]' && ok || bad "show --redis json"
"$brief" stories show --redis "$redis_url" "$lake" --words 60 | grep -q '^Sources:' && ok || bad "show --redis text"
"$brief" stories articles --redis "$redis_url" "$lake" | grep -c '^\[' | grep -qx 3 && ok || bad "articles --redis"

if [ -f "$shared/data/stories/duc2003.jsonl" ]; then
  run_stream duc2003 "$shared/data/stories/duc2003.jsonl" 89
else
  echo "note: $shared/data/stories absent; the development stream is not run"
fi

# The feed waits (never drops) while the backlog is full.
rcli flushall >/dev/null
"$brief" feed -q --redis "$redis_url" --max-backlog 5 --jsonl "$src/examples/stream.jsonl" &
feed_pid=$!
sleep 1.5
kill -0 $feed_pid 2>/dev/null && ok || bad "feed did not wait for room"
[ "$(rcli xlen brief:articles)" -le 5 ] && ok || bad "feed went over the backlog: $(rcli xlen brief:articles)"
worker waits-i ingest
wait $feed_pid && ok || bad "feed failed"
wait_for '[ "$(rcli xlen brief:features)" = 12 ]' 30 && ok || bad "not every article was fed"
stop_worker waits-i

check_logs

# Bad Redis: a closed port, a wrong or missing password, a bad URL, no
# desk yet, and a Redis too old for XAUTOCLAIM.
closed=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
expect_error "unreachable" 1 "cannot connect.*gave up after" -- \
  "$brief" feed -q --redis "redis://127.0.0.1:$closed" --retry 0.5 --jsonl "$src/examples/stream.jsonl"
expect_error "unreachable worker" 1 "cannot connect.*gave up after" -- \
  "$brief" worker -q --redis "redis://127.0.0.1:$closed" --retry 0.5
expect_error "bad url" 1 "not a redis:// URL" -- "$brief" worker --redis "http://127.0.0.1/"
expect_error "bad port" 1 "the port must be" -- "$brief" stories list --redis "redis://127.0.0.1:99999"
expect_error "no desk" 1 "no desk yet" -- "$brief" stories list --redis "$redis_url/3"
rcli config set requirepass s3cret >/dev/null
expect_error "wrong password" 1 "refused the password" -- \
  "$brief" stories list --redis "redis://:wrong@127.0.0.1:$redis_port"
expect_error "no password" 1 "wants a password" -- "$brief" stories list --redis "$redis_url"
"$brief" stories list --redis "redis://:s3cret@127.0.0.1:$redis_port/3" 2>&1 | grep -q "no desk yet" && ok || bad "password and database in the URL"
redis-cli -p "$redis_port" -a s3cret --no-auth-warning config set requirepass "" >/dev/null
expect_error "adding to redis" 2 "brief feed" -- "$brief" stories --redis "$redis_url" "$src/examples/stream.jsonl"

# A Redis 6.0 (no XAUTOCLAIM), played by a few lines of Python.
old_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 - "$old_port" <<'PY' &
import socket, sys
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(4)
srv.settimeout(20)
info = b"# Server\r\nredis_version:6.0.16\r\n"
for _ in range(2):
    try:
        c, _ = srv.accept()
    except socket.timeout:
        break
    c.recv(65536)
    c.sendall(b"$%d\r\n%s\r\n" % (len(info), info))
    c.close()
PY
old_pid=$!
wait_for "python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", $old_port))' 2>/dev/null" 10
expect_error "old redis" 1 "Redis 6.0 has no XAUTOCLAIM" -- "$brief" feed --redis "redis://127.0.0.1:$old_port" --jsonl "$src/examples/stream.jsonl"
kill $old_pid 2>/dev/null

finish
