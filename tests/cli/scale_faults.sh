#!/usr/bin/env bash
# Fault runs of the desk over Redis Streams, each on its own, on a
# development stream (DUC 2003, 89 articles) through 2 ingest, 2 assign and
# 2 brief workers: kill -9 of an ingest worker holding entries, of the
# active assigner, of a brief worker holding updates, each mid-stream;
# Redis stopped and started again from its append-only file mid-stream;
# poison entries on every stream and entries delivered too often. After
# each: every article assigned exactly once, every story's brief current,
# the assignment equal to `brief stories` run in one process over the same
# order, and the surviving workers stopping cleanly on SIGTERM.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2 shared=$3
. "$(dirname "$0")/../lib/cli.sh"
stream="$shared/data/stories/duc2003.jsonl"
if [ ! -f "$stream" ]; then
  echo "skipped: $stream absent (../shared is not here)"
  exit 77
fi
. "$(dirname "$0")/../lib/redis.sh"
redis_start
articles=$(grep -c . "$stream")
# The stream in two halves: each fault comes while the first is worked on,
# so it lands mid-stream however fast the workers are, and the second half
# comes after it.
head -n 45 "$stream" >"$tmp/first.jsonl"
tail -n +46 "$stream" >"$tmp/second.jsonl"
feed() { "$brief" feed -q --redis "$redis_url" --jsonl "$1" && ok || bad "feed $1"; }

# Small sets, short leases and claim times: faults land mid-stream and
# are recovered from in seconds.
start_workers() {
  local run=$1
  rcli flushall >/dev/null
  worker "$run-i1" ingest --batch 4 --claim 2
  worker "$run-i2" ingest --batch 4 --claim 2
  worker "$run-a1" assign --batch 4 --lease 2
  wait_for "rcli get brief:assign:lease | grep -q '^$run-a1:'" 20
  worker "$run-a2" assign --batch 4 --lease 2
  worker "$run-b1" brief --batch 4 --claim 2
  worker "$run-b2" brief --batch 4 --claim 2
}

finish_run() {
  local run=$1 want=${2:-$articles} jsonl=${3:-$stream}
  wait_done "$want" 180 && ok || bad "$run: not done: $(desk_state) (want $want 0)"
  check_assignment "$run" "$jsonl"
  stop_all_workers
}

desk_articles() { rcli hget brief:desk articles; }
pending_of() { rcli xpending "$1" "$2" - + 100 "$3" | grep -c '^[0-9]*-[0-9]*$'; }

# freeze_when PID CONDITION: stops process PID (SIGSTOP) at a moment the
# condition holds, trying for up to a minute; it stays stopped. The
# condition is looked at once what the process sent has landed.
freeze_when() {
  local pid=$1 tries=0
  while [ $tries -lt 2000 ]; do
    kill -STOP "$pid"
    sleep 0.05
    eval "$2" && return 0
    kill -CONT "$pid"
    sleep 0.01
    tries=$((tries + 1))
  done
  return 1
}
mid_first_half() { local n; n=$(desk_articles); [ "${n:-0}" -gt 0 ] && [ "$n" -lt 45 ]; }

# An ingest worker killed while it holds entries: the other claims them.
start_workers ingest
freeze_when "${worker_pid[ingest-i1]}" '[ "$(pending_of brief:articles ingest ingest-i1)" -gt 0 ]' &
probe=$!
feed "$tmp/first.jsonl"
wait $probe || bad "ingest: i1 never held entries"
kill_worker ingest-i1
held=$(pending_of brief:articles ingest ingest-i1)
echo "ingest: killed i1 holding $held entries, $(desk_articles) articles assigned"
feed "$tmp/second.jsonl"
wait_for '[ "$(pending_of brief:articles ingest ingest-i1)" -eq 0 ]' 30 && ok || bad "ingest: i1's entries still pending"
finish_run ingest
[ "$held" -gt 0 ] && grep -q "claimed" "$tmp/ingest-i2.log" && ok || bad "ingest: i1's entries were not claimed"

# The active assigner killed: the standby takes over from the cursor.
start_workers assign
feed "$tmp/first.jsonl"
freeze_when "${worker_pid[assign-a1]}" mid_first_half || bad "assign: a1 was never mid-stream"
kill_worker assign-a1
echo "assign: killed the active assigner at $(desk_articles) articles"
feed "$tmp/second.jsonl"
finish_run assign
grep -q "active: [1-9][0-9]* articles" "$tmp/assign-a2.log" && ok || bad "assign: a2 did not take over mid-stream"

# A brief worker killed while it holds updates: the other claims them.
start_workers brief
freeze_when "${worker_pid[brief-b1]}" '[ "$(pending_of brief:story-updates brief brief-b1)" -gt 0 ]' &
probe=$!
feed "$tmp/first.jsonl"
wait $probe || bad "brief: b1 never held updates"
kill_worker brief-b1
held=$(pending_of brief:story-updates brief brief-b1)
echo "brief: killed b1 holding $held updates, $(desk_articles) articles assigned"
feed "$tmp/second.jsonl"
wait_for '[ "$(pending_of brief:story-updates brief brief-b1)" -eq 0 ]' 30 && ok || bad "brief: b1's updates still pending"
finish_run brief
[ "$held" -gt 0 ] && grep -q "claimed" "$tmp/brief-b2.log" && ok || bad "brief: b1's updates were not claimed"

# Redis stopped mid-stream and started again from its append-only file.
start_workers restart
feed "$tmp/first.jsonl"
# The assigner is held mid-stream while Redis goes down and comes back.
freeze_when "${worker_pid[restart-a1]}" mid_first_half || bad "restart: never mid-stream"
echo "restart: Redis stopped at $(desk_articles) articles"
redis_stop
sleep 1
redis_start
kill -CONT "${worker_pid[restart-a1]}"
feed "$tmp/second.jsonl"
finish_run restart
grep -q "connected again" "$tmp/restart-a1.log" "$tmp/restart-a2.log" && ok || bad "restart: the assigners did not reconnect"

# Poison: an article that is not UTF-8, one without id or text, a features
# entry that is not one, a story update that is not one, and two articles
# a dead consumer held through seven deliveries. Each goes to the dead
# letters with its error; the stream goes on around them.
rcli flushall >/dev/null
rcli xgroup create brief:articles ingest 0 mkstream >/dev/null
rcli xadd brief:articles '*' id poison-utf8 text $'caf\xe9 \xff' >/dev/null
rcli xadd brief:articles '*' title "neither id nor text" >/dev/null
rcli xadd brief:features '*' v 1 id poison-features source s url u title t \
  date "" day "" text "Some text." features garbage >/dev/null
rcli xadd brief:story-updates '*' story banana version 1 >/dev/null
ghost1=$(rcli xadd brief:articles '*' id ghost-1 text "A ghost held this article.")
ghost2=$(rcli xadd brief:articles '*' id ghost-2 text "And this one too.")
rcli xreadgroup group ingest ghost count 4 streams brief:articles '>' >/dev/null
for _ in 1 2 3 4 5 6; do rcli xclaim brief:articles ingest ghost 0 "$ghost1" "$ghost2" >/dev/null; done
worker poison-i1 ingest --batch 4 --claim 2
worker poison-i2 ingest --batch 4 --claim 2
worker poison-a1 assign --batch 4 --lease 2
worker poison-b1 brief --batch 4 --claim 2
feed "$stream"
wait_for '[ "$(rcli xlen brief:dead)" -ge 6 ]' 60 || bad "poison: dead letters: $(rcli xlen brief:dead)"
finish_run poison
rcli xrange brief:dead - + >"$tmp/dead"
for want in "poison-utf8.*UTF-8" "invalid article entry: no \"id\" field" \
  "invalid features entry: features: not brief's features" \
  "invalid story update: \"story\" is not a story id" \
  "delivered [0-9]* times and never acknowledged"; do
  tr '\n' ' ' <"$tmp/dead" | grep -q -- "$want" && ok || bad "poison: no dead letter saying '$want'"
done
[ "$(rcli xlen brief:dead)" -eq 6 ] && ok || bad "poison: $(rcli xlen brief:dead) dead letters, want 6"

check_logs
finish
