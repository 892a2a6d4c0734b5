#!/usr/bin/env bash
# `brief serve --redis`: two servers in front of one desk kept in Redis (a
# redis-server of the test's own), as behind a load balancer. Before the
# workers made a desk both serve it empty; articles posted to either are
# queued for the workers (202, all or none: a bad article queues nothing);
# once the workers are done both list the same stories, serve each story's
# brief as the brief workers keep it and its articles, and their event
# streams tell of the stories and of the briefs made current. --redis and
# --db are exclusive. Skips (77) without libmicrohttpd or redis-server.
# Arguments: BRIEF_BINARY SOURCE_DIR SHARED_DIR
set -u
brief=$1 src=$2
. "$(dirname "$0")/../lib/cli.sh"
. "$(dirname "$0")/../lib/redis.sh"
ONE_ERROR_LINE=1

if "$brief" serve --help 2>&1 | grep -q "without libmicrohttpd"; then
  echo "skipped: brief was built without libmicrohttpd"
  exit 77
fi

expect_error "db and redis" 2 "exclusive" -- "$brief" serve --db "$tmp/x.db" --redis "redis://127.0.0.1:1"
expect_error "redis needs a url" 2 "needs a URL" -- "$brief" serve --redis ""

redis_start
declare -A serve_port=()

# serve NAME: `brief serve --redis` on a free port, its port in serve_port;
# stopped (and checked to stop cleanly) as the workers are.
serve() {
  local name=$1
  "$brief" serve -q --redis "$redis_url" --port 0 --threads 2 2>"$tmp/$name.log" &
  worker_pid[$name]=$!
  wait_for "grep -q 'listening on' '$tmp/$name.log'" 30 || { bad "$name did not start"; cat "$tmp/$name.log"; return; }
  serve_port[$name]=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$tmp/$name.log" | grep -o '[0-9]*$')
}

# http NAME METHOD PATH [BODY]: prints "STATUS" then the body in $tmp/body.
http() {
  local port=${serve_port[$1]} method=$2 path=$3
  if [ $# -ge 4 ]; then
    curl -s -o "$tmp/body" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' \
      --data-binary "$4" "http://127.0.0.1:$port$path"
  else
    curl -s -o "$tmp/body" -w '%{http_code}' "http://127.0.0.1:$port$path"
  fi
}

# The articles of the examples' stream from line $1 to $2, as a post body.
post_body() {
  python3 - "$src/examples/stream.jsonl" "$1" "$2" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
arts = [json.loads(l) for l in lines[int(sys.argv[2]) - 1:int(sys.argv[3])]]
print(json.dumps({"articles": arts}))
PY
}

serve s1
serve s2

# No desk yet: served empty.
[ "$(http s1 GET /v1/stories)" = 200 ] && grep -q '"total": *0' "$tmp/body" && ok || bad "empty list before the desk: $(cat "$tmp/body")"
[ "$(http s2 GET /v1/stories/1)" = 404 ] && ok || bad "a story before the desk"

# Each server's event stream, read in the background.
for s in s1 s2; do
  curl -s -N --max-time 120 "http://127.0.0.1:${serve_port[$s]}/v1/events" >"$tmp/$s.events" &
done

# A bad article queues nothing: all or none.
[ "$(http s1 POST /v1/articles '{"articles": [{"id": "ok", "text": "Some text."}, {"id": "no-text"}]}')" = 400 ] && ok || bad "bad article: $(cat "$tmp/body")"
long=$(python3 -c 'print("x" * 5000)')
[ "$(http s1 POST /v1/articles "{\"articles\": [{\"id\": \"ok\", \"text\": \"Some text.\"}, {\"id\": \"long\", \"source\": \"$long\", \"text\": \"t\"}]}")" = 413 ] && ok || bad "long field: $(cat "$tmp/body")"
[ "$(rcli xlen brief:articles)" = 0 ] && ok || bad "a refused post queued articles"

# Articles posted to either server are queued for the workers.
[ "$(http s1 POST /v1/articles "$(post_body 1 6)")" = 202 ] && ok || bad "post to s1: $(cat "$tmp/body")"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["queued"] == 6 and len(d["articles"]) == 6
assert all(a["queued"] is True and a["id"] for a in d["articles"])' "$tmp/body" && ok || bad "post answer: $(cat "$tmp/body")"
[ "$(http s2 POST /v1/articles "$(post_body 7 12)")" = 202 ] && ok || bad "post to s2: $(cat "$tmp/body")"
[ "$(rcli xlen brief:articles)" = 12 ] && ok || bad "not every article queued: $(rcli xlen brief:articles)"

worker w-ingest ingest
worker w-assign assign
worker w-brief brief
wait_done 12 120 && ok || bad "not done: $(desk_state)"
check_assignment serve "$src/examples/stream.jsonl"

# Both servers see the same desk: its stories, each story's kept brief and
# its articles.
for s in s2 s1; do
  wait_for "[ \"\$(http $s GET /v1/stories)\" = 200 ] && grep -q '\"total\": 3' '$tmp/body'" 10 && ok || bad "$s does not list 3 stories: $(cat "$tmp/body")"
done
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 3 and sorted(s["articles"] for s in d["stories"]) == [3, 4, 5]
print("\n".join(str(s["id"]) for s in d["stories"]))' "$tmp/body" >"$tmp/ids" && ok || bad "s1 list: $(cat "$tmp/body")"
while read -r id; do
  [ "$(http s2 GET "/v1/stories/$id")" = 200 ] || { bad "story $id: $(cat "$tmp/body")"; continue; }
  redis-cli -p "$redis_port" hget "brief:brief:$id" json >"$tmp/kept"
  python3 -c '
import json, sys
got, kept = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert got["stale"] is False and got["summary"] == kept["summary"] and got["story"]["id"] == kept["story"]["id"]
' "$tmp/body" "$tmp/kept" && ok || bad "story $id is not the kept brief"
  [ "$(http s1 GET "/v1/stories/$id/articles")" = 200 ] && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == len(d["articles"]) >= 3' "$tmp/body" && ok || bad "articles of $id: $(cat "$tmp/body")"
  [ "$(http s1 GET "/v1/stories/$id?words=40")" = 200 ] && ok || bad "a brief of 40 words of $id"
done <"$tmp/ids"
[ "$(http s1 GET /v1/stories/999)" = 404 ] && ok || bad "an unknown story"

# The event streams told of the three stories and of their briefs.
for s in s1 s2; do
  wait_for "[ \$(grep -c '^event: brief' '$tmp/$s.events') -ge 3 ]" 10 && ok || bad "$s: no brief events: $(grep -c '^event' "$tmp/$s.events")"
  python3 - "$tmp/$s.events" "$tmp/ids" <<'PY' && ok || bad "$s: the events do not name the stories"
import json, sys
want = {int(l) for l in open(sys.argv[2]) if l.strip()}
kind, seen = None, {"story": set(), "brief": set()}
for line in open(sys.argv[1]):
    if line.startswith("event: "):
        kind = line[7:].strip()
    elif line.startswith("data: ") and kind in seen:
        seen[kind].add(json.loads(line[6:])["id"])
assert want <= seen["story"] and want <= seen["brief"], seen
PY
done

# Later articles reach the clients as the followed desk sees them, and the
# brief is served marked stale until the brief workers make it current.
# again ID: a post body of the first article of the stream under a new id.
again() {
  python3 - "$src/examples/stream.jsonl" "$1" <<'PY'
import json, sys
a = json.loads(open(sys.argv[1]).readline())
a["id"] = sys.argv[2]
print(json.dumps({"articles": [a]}))
PY
}
first=$(head -1 "$src/examples/stream.jsonl" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
story=$(awk -F'\t' -v id="$first" '$1 == id {print $2}' "$tmp/serve.redis.tsv")
now=$(($(awk -F'\t' -v s="$story" '$2 == s' "$tmp/serve.redis.tsv" | wc -l) + 1))
stop_worker w-brief
[ "$(http s2 POST /v1/articles "$(again again-1)")" = 202 ] && ok || bad "post again-1: $(cat "$tmp/body")"
wait_for "[ \"\$(desk_state)\" = '13 1' ]" 60 && ok || bad "again-1 not assigned: $(desk_state)"
wait_for "[ \"\$(http s1 GET /v1/stories/$story)\" = 200 ] && grep -q '\"stale\": true' '$tmp/body'" 10 && ok || bad "story $story is not served stale"
worker w-brief2 brief
wait_done 13 60 && ok || bad "again-1 not briefed: $(desk_state)"
for s in s1 s2; do
  wait_for "python3 - '$tmp/$s.events' $story $now <<'PY'
import json, sys
kind, n = None, {'story': 0, 'brief': 0}
for line in open(sys.argv[1]):
    if line.startswith('event: '):
        kind = line[7:].strip()
    elif line.startswith('data: ') and kind in n:
        d = json.loads(line[6:])
        if d['id'] == int(sys.argv[2]) and d['articles'] == int(sys.argv[3]):
            n[kind] += 1
assert n['story'] == 1 and n['brief'] == 1, n
PY" 10 && ok || bad "$s: no story and brief event for story $story's new article"
done
[ "$(http s1 GET "/v1/stories/$story")" = 200 ] && grep -q '"stale": false' "$tmp/body" && ok || bad "story $story is not current"

stop_all_workers
check_logs
finish
