#!/usr/bin/env bash
# The server under load while articles keep arriving: `dossier serve` on a SQLite store, wrk on the story list and on a
# few story pages for DURATION seconds at 64 connections, while `dossier ingest` stores and groups a generated corpus into
# the same store. Prints requests per second, p99 latency, error responses and the server's memory every 5 s.
# Usage: [NICE=N] [BOUND_MB=512] bench/load.sh [DURATION] [ARTICLES]   (default 60 s, 6000 articles: 1000 served first,
# the rest arriving; NICE lowers the ingest's CPU priority, as a deployment would to keep pages quick; the run fails
# when the server's peak RSS goes over BOUND_MB, any response is an error, or any request fails or takes over 2 s)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-60}
articles=${2:-6000}
dotnet build "$root/src/Dossier.Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/bench/Dossier.Bench.Scale" -c Release -nologo -v q >/dev/null
"$root/bench/wrk-install.sh" >/dev/null
cli="$root/src/Dossier.Cli/bin/Release/net10.0/Dossier.Cli"
work=$(mktemp -d)
server=""
# Every background job (server, ingest loop, sampler, wrk) goes with the script, however it ends.
cleanup() { jobs -p | xargs -r kill 2>/dev/null || true; [ -n "$server" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/bench/Dossier.Bench.Scale/bin/Release/net10.0/dossier-bench-scale" "$articles" --jsonl "$work/all.jsonl" 2>/dev/null
head -n 1000 "$work/all.jsonl" > "$work/first.jsonl"
tail -n +1001 "$work/all.jsonl" > "$work/rest.jsonl"
"$cli" ingest "$work/first.jsonl" --store "$work/s.db" -q
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$cli" serve --store "$work/s.db" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 & server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/status" >/dev/null && break; sleep 0.2; done
# The story pages: the most recently updated stories at the start (STORIES of them, 8 by default), read in turn; the
# stream goes on with their events, so some of them grow while they are read.
stories=$(curl -fs "http://127.0.0.1:$port/api/stories?limit=${STORIES:-8}" | python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(sys.stdin)["stories"]))')
[ -n "$stories" ] || { echo "no stories to read" >&2; exit 1; }
# A reader opens each story once before the load: its first report is built cold (a big story takes seconds on a busy
# machine, and wrk counts a request over 2 s as a timeout); from then on a changed story is answered with its last
# report while the new one is built.
for story in $stories; do
  curl -fs -o /dev/null -w "story $story built cold in %{time_total} s\n" "http://127.0.0.1:$port/stories/$story" >&2
done
python3 - "$work/pages.lua" $stories <<'LUA'
import sys
paths = ", ".join('"/stories/%s"' % s for s in sys.argv[2:])
open(sys.argv[1], "w").write("paths = {%s}\ni = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(\"GET\", paths[(i %% #paths) + 1])\nend\n" % paths)
LUA
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$server/status"; }
kept() { curl -fs -m 5 "http://127.0.0.1:$port/api/status" | python3 -c 'import json,sys; m=json.load(sys.stdin)["server"]; print("heap %d MB, %d reports kept (%.1f of %d MB), %d building" % (m["managedHeapBytes"]>>20, m["reportsKept"], m["reportBytes"]/1048576.0, m["reportMaxBytes"]>>20, m["reportsBuilding"]))' || echo "status unavailable"; }
versions() { curl -fs "http://127.0.0.1:$port/api/stories?limit=200" | python3 -c 'import json,sys; d={s["id"]:s for s in json.load(sys.stdin)["stories"]}; print("; ".join("%s v%s %s articles" % (i, d[i]["version"], d[i]["articles"]) if i in d else i + " not in the first 200" for i in sys.argv[1:]))' $stories; }
echo "server RSS before load: $(rss) MB; the stories read, at the start: $(versions)" >&2

# In batches of 250, each stored then grouped, so stories grow all through the load as they do under a live feed.
split -l 250 "$work/rest.jsonl" "$work/batch-"
# Exit code 3 (some lines skipped) is a finished batch; anything else is reported.
( for batch in "$work"/batch-*; do nice -n "${NICE:-0}" "$cli" ingest "$batch" --store "$work/s.db" -q || [ $? -eq 3 ] || echo "ingest of $batch failed" >&2; done; echo "ingest finished at $(date +%T)" >&2 ) &
ingest=$!
( for _ in $(seq $((duration / 5))); do sleep 5; echo "$(date +%T) server RSS $(rss) MB; $(kept); $(versions | sed 's/ [0-9]* articles//g')" >&2; done ) &
sampler=$!
wrk -t1 -c48 -d"${duration}s" --latency "http://127.0.0.1:$port/api/stories?limit=50" > "$work/list.txt" &
a=$!
wrk -t1 -c16 -d"${duration}s" --latency -s "$work/pages.lua" "http://127.0.0.1:$port" > "$work/page.txt" &
b=$!
wait $a $b
wait $sampler || true
peak=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server/status")
wait $ingest || true
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$work/s.db")

report() {
  local name=$1 file=$2
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$file")
  p99=$(awk '$1=="99%" {print $2}' "$file")
  errors=$(grep -E 'Non-2xx|Socket errors' "$file" | tr -s ' ' | paste -sd';' - || true)
  printf '| %s | %s | %s | %s |\n' "$name" "$rps" "$p99" "${errors:-none}"
}
echo "| target (${duration} s, wrk, while ingest runs) | requests/s | p99 | errors |"
echo "|---|---:|---:|---|"
report "GET /api/stories?limit=50 (48 connections)" "$work/list.txt"
report "GET /stories/ID, $(echo $stories | wc -w) stories in turn (16 connections)" "$work/page.txt"
echo "the stories read, at the end: $(versions)"
bound=${BOUND_MB:-512}
echo "articles in the store at the end: $stored; server peak RSS $peak MB (bound $bound MB)"
failed=0
if [ "$peak" -gt "$bound" ]; then echo "FAIL: server peak RSS $peak MB is over the bound of $bound MB"; failed=1; fi
if grep -qE 'Non-2xx' "$work/list.txt" "$work/page.txt"; then echo "FAIL: error responses"; failed=1; fi
if grep -qE 'Socket errors' "$work/list.txt" "$work/page.txt"; then echo "FAIL: connections failed or timed out (over 2 s)"; failed=1; fi
exit $failed
