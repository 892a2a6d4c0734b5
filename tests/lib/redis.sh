# redis.sh - a Redis of the test's own for tests/cli/scale*.sh (sourced
# after cli.sh, with $brief set): redis-server on a free loopback port, its
# data in a folder under $tmp with the append-only file on; the workers a
# test starts; and the checks the tests share. Everything started is
# stopped on exit. Skips (exit 77) only when redis-server is not installed.

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  echo "skipped: redis-server is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi

redis_dir="$tmp/redis"
mkdir -p "$redis_dir"
redis_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis_url="redis://127.0.0.1:$redis_port"
redis_pid=
declare -A worker_pid=()

rcli() { redis-cli -p "$redis_port" "$@"; }

# Waits up to $2 seconds (default 60) for the command $1 to succeed.
wait_for() {
  local cond=$1 limit=${2:-60} waited=0
  until eval "$cond"; do
    sleep 0.2
    waited=$((waited + 1))
    [ $waited -ge $((limit * 5)) ] && return 1
  done
  return 0
}

redis_start() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" \
    --appendonly yes --appendfsync everysec --save '' \
    --logfile "$redis_dir/redis.log" >/dev/null 2>&1 &
  redis_pid=$!
  wait_for 'rcli ping 2>/dev/null | grep -q PONG' 20 || { echo "redis-server did not start"; cat "$redis_dir/redis.log"; exit 1; }
}

# A clean stop: the append-only file is flushed.
redis_stop() {
  [ -n "$redis_pid" ] || return 0
  kill -TERM "$redis_pid" 2>/dev/null
  wait "$redis_pid" 2>/dev/null
  redis_pid=
}

# worker NAME ROLE [OPTIONS...]: starts `brief worker`, its log in $tmp/NAME.log.
worker() {
  local name=$1 role=$2
  shift 2
  "$brief" worker --redis "$redis_url" --name "$name" --role "$role" "$@" \
    2>>"$tmp/$name.log" &
  worker_pid[$name]=$!
}

# Stops a worker with SIGTERM and checks it exits 0 within 30 s.
stop_worker() {
  local name=$1 pid=${worker_pid[$1]}
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 150 ]; do sleep 0.2; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    bad "$name did not stop on SIGTERM"; kill -KILL "$pid"
  fi
  wait "$pid"
  local rc=$?
  unset "worker_pid[$name]"
  [ $rc -eq 0 ] && ok || { bad "$name exited $rc on SIGTERM"; tail -5 "$tmp/$name.log"; }
}

kill_worker() {
  local name=$1
  kill -KILL "${worker_pid[$name]}" 2>/dev/null
  wait "${worker_pid[$name]}" 2>/dev/null
  unset "worker_pid[$name]"
}

stop_all_workers() {
  local name
  for name in "${!worker_pid[@]}"; do stop_worker "$name"; done
}

cleanup() {
  local pid
  for pid in "${worker_pid[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  [ -n "$redis_pid" ] && kill -KILL "$redis_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# The desk's articles, and the stories whose kept brief is missing or
# older than the story, in one look: "ARTICLES STALE".
desk_state() {
  rcli eval "
    local n = redis.call('HGET', 'brief:desk', 'articles') or '0'
    local stories = tonumber(redis.call('HGET', 'brief:desk', 'stories') or '0')
    local stale = 0
    for id = 1, stories do
      local s = redis.call('HMGET', 'brief:story:' .. id, 'merged_into', 'articles', 'version')
      if s[1] == '0' and s[2] ~= '0' then
        local b = redis.call('HGET', 'brief:brief:' .. id, 'version')
        if b ~= s[3] then stale = stale + 1 end
      end
    end
    return n .. ' ' .. stale" 0 | tr -d '"'
}

# Waits until the desk holds $1 articles and every story's brief is current.
wait_done() {
  wait_for "[ \"\$(desk_state)\" = \"$1 0\" ]" "${2:-120}"
}

# The ids of a JSONL file, in order.
ids_of() {
  python3 -c 'import json, sys
for line in open(sys.argv[1]):
    if line.strip(): print(json.loads(line)["id"])' "$1"
}

# check_assignment NAME JSONL: the desk in Redis holds every article of the
# JSONL once, and its assignment equals `brief stories --in-order` run in
# one process over the articles in the desk's arrival order.
check_assignment() {
  local name=$1 jsonl=$2
  "$brief" stories tsv --redis "$redis_url" >"$tmp/$name.redis.tsv" || { bad "$name: stories tsv --redis"; return; }
  cut -f1 "$tmp/$name.redis.tsv" | sort >"$tmp/$name.got-ids"
  ids_of "$jsonl" | sort >"$tmp/$name.want-ids"
  cmp -s "$tmp/$name.got-ids" "$tmp/$name.want-ids" && ok ||
    { bad "$name: not every article assigned exactly once"; diff "$tmp/$name.want-ids" "$tmp/$name.got-ids" | head; }
  python3 - "$jsonl" "$tmp/$name.redis.tsv" >"$tmp/$name.ordered.jsonl" <<'PY'
import json, sys
lines = {json.loads(l)["id"]: l for l in open(sys.argv[1]) if l.strip()}
for row in open(sys.argv[2]):
    sys.stdout.write(lines[row.split("\t")[0]])
PY
  rm -f "$tmp/$name.db"
  "$brief" stories -q --in-order --db "$tmp/$name.db" --jsonl "$tmp/$name.ordered.jsonl" >/dev/null &&
    "$brief" stories tsv --db "$tmp/$name.db" >"$tmp/$name.one.tsv" || { bad "$name: one-process run"; return; }
  cmp -s "$tmp/$name.one.tsv" "$tmp/$name.redis.tsv" && ok ||
    { bad "$name: assignment differs from the one-process run"; diff "$tmp/$name.one.tsv" "$tmp/$name.redis.tsv" | head; }
}

# No worker log holds a sanitizer report.
check_logs() {
  if grep -l "AddressSanitizer\|LeakSanitizer\|runtime error" "$tmp"/*.log 2>/dev/null; then
    bad "sanitizer report in a worker's log"; grep -h -A5 "Sanitizer\|runtime error" "$tmp"/*.log | head -40
  else
    ok
  fi
}
