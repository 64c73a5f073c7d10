#!/usr/bin/env bash
# Store benchmarks, one run on this machine, medians of RUNS passes (default 3):
#   1. ingest rate (read, extract, store; --no-update) into SQLite and into PostgreSQL of a JSON Lines corpus of
#      ARTICLES articles (default 5000) generated from the real texts in ../shared (bench/Dossier.Bench.Scale --jsonl);
#   2. workers on PostgreSQL: the same queue annotated and grouped by 1 worker, then by 2 workers at once;
#   3. the HTTP API under wrk: GET /api/stories on a served store, requests per second and p99 latency.
# A throwaway PostgreSQL server is started on 127.0.0.1 (as user postgres when run as root) and removed at the end;
# wrk is installed with apt-get when missing (bench/wrk-install.sh).
# Usage: bench/store.sh [RUNS] [ARTICLES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
articles=${2:-5000}
dotnet build "$root/src/Dossier.Cli" -c Release -nologo -v q >/dev/null
dotnet build "$root/bench/Dossier.Bench.Scale" -c Release -nologo -v q >/dev/null
cli=("$root/src/Dossier.Cli/bin/Release/net10.0/Dossier.Cli")
"$root/bench/wrk-install.sh" >/dev/null

work=$(mktemp -d)
corpus="$work/generated.jsonl"
"$root/bench/Dossier.Bench.Scale/bin/Release/net10.0/dossier-bench-scale" "$articles" --jsonl "$corpus" 2>/dev/null
source "$root/bench/throwaway-pg.sh"
pg_start
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
psql() { pg_sql "$@"; }
fresh_pg() { psql -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench"; echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"; }

# seconds of wall clock and peak RSS (MB) of one command
timed() {
  local log; log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$log"; rm -f "$log"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
count_sqlite() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$1"; }

echo "corpus: $articles generated articles ($(du -m "$corpus" | cut -f1) MB of JSON Lines), $runs runs, load $(cut -d' ' -f1 /proc/loadavg)" >&2
declare -a sq_t pg_t w1_t w2_t
for r in $(seq "$runs"); do
  rm -f "$work/s.db"*
  read -r t m < <(timed "${cli[@]}" ingest "$corpus" --store "$work/s.db" --no-update -q); sq_t+=("$t"); sq_m=$m
  n=$(count_sqlite "$work/s.db")
  store=$(fresh_pg)
  read -r t m < <(timed "${cli[@]}" ingest "$corpus" --store "$store" --no-update -q); pg_t+=("$t"); pg_m=$m
  # one worker process annotating one article at a time
  read -r t m < <(timed "${cli[@]}" worker --store "$store" --until-idle --threads 1 -q); w1_t+=("$t"); w1_m=$m
  grouped1=$(psql -d bench -c "select count(*) from articles where state='grouped'")
  stories1=$(psql -d bench -c "select string_agg(ids, '|' order by ids) from (select string_agg(id, ',' order by id) ids from articles group by story) s" | md5sum)
  # two workers at once on a fresh copy of the queue
  store=$(fresh_pg)
  "${cli[@]}" ingest "$corpus" --store "$store" --no-update -q
  start=$(date +%s.%N)
  "${cli[@]}" worker --store "$store" --until-idle --threads 1 -q & a=$!
  "${cli[@]}" worker --store "$store" --until-idle --threads 1 -q & b=$!
  wait $a $b
  w2_t+=("$(echo "$(date +%s.%N) - $start" | bc)")
  grouped2=$(psql -d bench -c "select count(*) from articles where state='grouped'")
  stories2=$(psql -d bench -c "select string_agg(ids, '|' order by ids) from (select string_agg(id, ',' order by id) ids from articles group by story) s" | md5sum)
  same=$([ "$stories1" = "$stories2" ] && echo yes || echo NO)
  echo "run $r: sqlite ingest ${sq_t[-1]} s, postgres ingest ${pg_t[-1]} s, 1 worker ${w1_t[-1]} s ($grouped1 grouped), 2 workers ${w2_t[-1]} s ($grouped2 grouped), same stories: $same" >&2
done
sq=$(printf '%s\n' "${sq_t[@]}" | median); pg=$(printf '%s\n' "${pg_t[@]}" | median)
w1=$(printf '%s\n' "${w1_t[@]}" | median); w2=$(printf '%s\n' "${w2_t[@]}" | median)

# The API: a SQLite store with the corpus annotated and grouped, served, then wrk on the story list.
rm -f "$work/s.db"*
"${cli[@]}" ingest "$corpus" --store "$work/s.db" -q
api_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${cli[@]}" serve --store "$work/s.db" --urls "http://127.0.0.1:$api_port" >/dev/null 2>&1 & server_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$api_port/api/status" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$api_port/api/stories?limit=50" >/dev/null
wrk -t2 -c64 -d20s --latency "http://127.0.0.1:$api_port/api/stories?limit=50" > "$work/wrk.txt"
rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
errors=$(grep -E 'Non-2xx|Socket errors' "$work/wrk.txt" || echo "none")
server_rss=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server_pid/status")

echo "| what | median | rate | peak RSS |"
echo "|---|---:|---:|---:|"
printf '| ingest into SQLite, %d articles | %.1f s | %.0f articles/s | %s MB |\n' "$n" "$sq" "$(echo "$n / $sq" | bc -l)" "$sq_m"
printf '| ingest into PostgreSQL, %d articles | %.1f s | %.0f articles/s | %s MB |\n' "$n" "$pg" "$(echo "$n / $pg" | bc -l)" "$pg_m"
printf '| 1 worker process on PostgreSQL (annotate + group, --threads 1) | %.1f s | %.0f articles/s | %s MB |\n' "$w1" "$(echo "$n / $w1" | bc -l)" "$w1_m"
printf '| 2 worker processes on PostgreSQL at once (--threads 1 each) | %.1f s | %.0f articles/s (%.2fx one worker) | |\n' "$w2" "$(echo "$n / $w2" | bc -l)" "$(echo "$w1 / $w2" | bc -l)"
printf '| GET /api/stories?limit=50 under wrk (2 threads, 64 connections, 20 s) | p99 %s | %s requests/s | %s MB |\n' "$p99" "$rps" "$server_rss"
echo "wrk errors: $errors" >&2
