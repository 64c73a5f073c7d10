#!/usr/bin/env bash
# Crash test: `dossier ingest` (and `dossier worker`) killed with SIGKILL at random points, then run again to the end;
# after each trial the store is checked with SQL against one uninterrupted run into a fresh store:
#   - every article the killed run reported as committed (ingest --report) is there;
#   - nothing stored twice: ids, content hashes and addresses unique, the same count and the same ids as the clean run;
#   - consistent: nothing 'grouped' without a story, every story's article_count equals its articles, group ranks
#     exactly 1..count(grouped), nothing left 'queued' or 'annotated', the same partition into stories as the clean run.
# For a SQLite file and for PostgreSQL (a throwaway server on 127.0.0.1, as user postgres when run as root, removed at
# the end). Every 4th trial stores with --no-update and leaves the queue to `dossier worker --until-idle`; the kill then
# lands in the ingest or in the worker, and the killed command is run again, then the rest.
# The kill time is uniform over the run time of the clean run (measured first, the shorter of two), so kills land at start-up, in storing,
# in annotation and grouping alike; the phase is read from the store after the kill.
# Usage: bench/crash.sh [TRIALS] [ARTICLES|CORPUS_PATH] [SEED]   (defaults: 20, 2000 generated articles, the time)
# Exit status: 0 when every check of every trial holds, 1 otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
trials=${1:-20}
source_arg=${2:-2000}
seed=${3:-$(date +%s)}
today=2026-11-22
dotnet build "$root/src/Dossier.Cli" -c Release -nologo -v q >/dev/null
cli="$root/src/Dossier.Cli/bin/Release/net10.0/Dossier.Cli"

work=$(mktemp -d)
if [[ "$source_arg" =~ ^[0-9]+$ ]]; then
  dotnet build "$root/bench/Dossier.Bench.Scale" -c Release -nologo -v q >/dev/null
  corpus="$work/generated.jsonl"
  "$root/bench/Dossier.Bench.Scale/bin/Release/net10.0/dossier-bench-scale" "$source_arg" --jsonl "$corpus" 2>/dev/null
else
  corpus=$(cd "$source_arg" && pwd)
fi

source "$root/bench/throwaway-pg.sh"
pg_start
running=""
cleanup() {
  [ -n "$running" ] && kill -9 "$running" 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
psql() { pg_sql -F $'\t' "$@"; }

# The store of one kind under one name: a fresh, empty one; and SQL on it (tab-separated rows).
fresh() {
  case $1 in
    sqlite) rm -f "$work/$2.db"*; echo "$work/$2.db" ;;
    postgres) psql -d postgres -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2"; echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$2" ;;
  esac
}
sql() {
  case $1 in
    sqlite) if command -v sqlite3 >/dev/null; then sqlite3 -batch -noheader -separator $'\t' "$work/$2.db" "$3"
            else python3 -c 'import sqlite3,sys; [print("\t".join("" if v is None else str(v) for v in r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])]' "$work/$2.db" "$3"; fi ;;
    postgres) psql -d "$2" -c "$3" ;;
  esac
}
has_store() { case $1 in sqlite) [ -f "$work/$2.db" ] ;; postgres) [ "$(sql "$1" "$2" "SELECT to_regclass('articles') IS NOT NULL")" = t ] ;; esac; }

# What the checks compare with the clean run: the ids, and the partition into stories (each story's sorted ids, sorted).
ids_digest() { sql "$1" "$2" "SELECT id FROM articles ORDER BY id" | md5sum | cut -c1-12; }
partition_digest() {
  sql "$1" "$2" "SELECT story, id FROM articles WHERE story IS NOT NULL" |
    sort | awk -F'\t' '$1 != s { if (NR > 1) print line; s = $1; line = $2; next } { line = line "," $2 } END { if (NR) print line }' |
    sort | md5sum | cut -c1-12
}
labels_digest() { sql "$1" "$2" "SELECT story, id FROM articles WHERE story IS NOT NULL ORDER BY story, id" | md5sum | cut -c1-12; }
count() { sql "$1" "$2" "SELECT COUNT(*) FROM articles${3:+ WHERE $3}"; }

ingest_args() { echo ingest "$corpus" --store "$1" --today "$today" -q; }
worker_args() { echo worker --store "$1" --until-idle --today "$today" -q; }

# Runs a command in the background and kills it with SIGKILL after $1 seconds; sets killed=yes|no (no: it had ended)
# and ran (seconds it ran).
run_and_kill() {
  local after=$1; shift
  local begun; begun=$(now)
  "$@" >/dev/null 2>>"$work/err" & running=$!
  local deadline; deadline=$(awk -v n="$(date +%s.%N)" -v a="$after" 'BEGIN { printf "%.3f", n + a }')
  while kill -0 "$running" 2>/dev/null && awk -v n="$(date +%s.%N)" -v d="$deadline" 'BEGIN { exit !(n < d) }'; do sleep 0.02; done
  ran=$(elapsed "$begun")
  if kill -9 "$running" 2>/dev/null; then killed=yes; else killed=no; fi
  wait "$running" 2>/dev/null || true
  running=""
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
uniform() { awk -v s="$seed" -v k="$1" -v t="$2" 'BEGIN { srand(s + k); printf "%.2f", rand() * t }'; }

started=$(now)
failures=0
summary=()
echo "corpus: $corpus, $trials trials per store, seed $seed, load $(cut -d' ' -f1 /proc/loadavg)" >&2
for kind in sqlite postgres; do
  # The clean runs: ingest with the update; ingest --no-update then one worker. Both give the reference and the times.
  store=$(fresh $kind clean)
  t0=$(now); "$cli" $(ingest_args "$store") >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; t_full=$(elapsed "$t0")
  clean_count=$(count $kind clean); clean_ids=$(ids_digest $kind clean); clean_partition=$(partition_digest $kind clean)
  clean_labels=$(labels_digest $kind clean); clean_failed=$(count $kind clean "state = 'failed'")
  clean_stories=$(sql $kind clean "SELECT COUNT(*) FROM stories WHERE merged_into IS NULL")
  # A second clean run (warm caches): the shorter time is the one the kills are spread over.
  store=$(fresh $kind clean1)
  t0=$(now); "$cli" $(ingest_args "$store") >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; t_again=$(elapsed "$t0")
  [ "$(partition_digest $kind clean1)" = "$clean_partition" ] || { echo "$kind: two clean runs gave two partitions" >&2; failures=$((failures + 1)); }
  t_full=$(awk -v a="$t_full" -v b="$t_again" 'BEGIN { print (a < b ? a : b) }')
  store=$(fresh $kind clean2)
  t0=$(now); "$cli" $(ingest_args "$store") --no-update >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; t_store=$(elapsed "$t0")
  t0=$(now); "$cli" $(worker_args "$store") >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; t_worker=$(elapsed "$t0")
  [ "$(partition_digest $kind clean2)" = "$clean_partition" ] || { echo "$kind: ingest --no-update + worker gave another partition than ingest" >&2; failures=$((failures + 1)); }
  echo "$kind clean run: $clean_count articles, $clean_stories stories, $clean_failed failed annotation; ingest with update ${t_full} s; --no-update ${t_store} s + worker ${t_worker} s" >&2

  declare -A phases=()
  kind_failures=0; reported_total=0; redrawn=0
  for trial in $(seq "$trials"); do
    name=t$trial
    # A run that ended before its kill point (the machine ran faster than when measured) is done again with the
    # measured time cut to what that run took, up to 3 times, so that the trials are kills.
    for attempt in 1 2 3; do
      store=$(fresh $kind "$name")
      report="$work/$kind-$name.stored"; : > "$report"
      : > "$work/err"
      problems=()
      if (( trial % 4 == 0 )); then
        variant=worker
        at=$(uniform $((trial * 2)) "$(awk -v a="$t_store" -v b="$t_worker" 'BEGIN { print a + b }')")
        if awk -v a="$at" -v b="$t_store" 'BEGIN { exit !(a < b) }'; then
          run_and_kill "$at" "$cli" $(ingest_args "$store") --no-update --report "$report"; where=ingest
        else
          "$cli" $(ingest_args "$store") --no-update --report "$report" >/dev/null 2>>"$work/err" || problems+=("ingest --no-update failed")
          run_and_kill "$(awk -v a="$at" -v b="$t_store" 'BEGIN { printf "%.2f", a - b }')" "$cli" $(worker_args "$store"); where=worker
        fi
      else
        variant=ingest; where=ingest
        at=$(uniform $((trial * 2)) "$t_full")
        run_and_kill "$at" "$cli" $(ingest_args "$store") --report "$report"
      fi
      [ "$killed" = yes ] && break
      redrawn=$((redrawn + 1))
      case $variant/$where in
        ingest/*) t_full=$ran ;;
        worker/ingest) t_store=$ran ;;
        worker/worker) t_worker=$ran ;;
      esac
    done

    # Where the kill landed, read from the store (storing before updating; annotation and grouping alternate by batch).
    reported=$(wc -l < "$report"); reported_total=$((reported_total + reported))
    if ! has_store $kind "$name"; then phase=start; stored=0; left=0
    else
      stored=$(count $kind "$name"); left=$(count $kind "$name" "state IN ('queued', 'annotated')")
      if [ "$where" = worker ]; then phase=worker
      elif [ "$reported" = 0 ] && [ "$stored" = 0 ]; then phase=start
      elif [ "$stored" -lt "$clean_count" ]; then phase=store
      elif [ "$variant" = ingest ] && [ "$left" -gt 0 ]; then phase=update
      else phase=end; fi
      # Every article the killed run reported as committed is there, right after the kill.
      if [ "$reported" -gt 0 ]; then
        missing=$(comm -23 <(cut -d' ' -f2 "$report" | sort -u) <(sql $kind "$name" "SELECT id FROM articles" | sort -u) | wc -l)
        [ "$missing" = 0 ] || problems+=("$missing reported articles missing after the kill")
        [ "$(sort "$report" | uniq -d | wc -l)" = 0 ] || problems+=("an article reported twice")
      fi
    fi
    [ "$killed" = yes ] || phase=exited
    phases[$phase]=$(( ${phases[$phase]:-0} + 1 ))

    # Run again to the end: the killed command, then (worker trials) the rest.
    if [ "$variant" = worker ] && [ "$where" = ingest ]; then
      "$cli" $(ingest_args "$store") --no-update --report "$report" >/dev/null 2>>"$work/err" || problems+=("the ingest run again failed")
    fi
    if [ "$variant" = worker ]; then "$cli" $(worker_args "$store") >/dev/null 2>>"$work/err" || problems+=("the worker run again failed")
    else "$cli" $(ingest_args "$store") --report "$report" >/dev/null 2>>"$work/err" || problems+=("the ingest run again failed"); fi

    # The checks on the finished store.
    n=$(count $kind "$name")
    [ "$n" = "$clean_count" ] || problems+=("$n articles, the clean run $clean_count")
    read -r ids hashes urls url_rows < <(sql $kind "$name" "SELECT COUNT(DISTINCT id), COUNT(DISTINCT content_hash), COUNT(DISTINCT url_key), COUNT(url_key) FROM articles" | tr '\t' ' ')
    [ "$ids" = "$n" ] && [ "$hashes" = "$n" ] && [ "$urls" = "$url_rows" ] || problems+=("stored twice: $n rows, $ids ids, $hashes hashes, $urls of $url_rows addresses")
    [ "$(ids_digest $kind "$name")" = "$clean_ids" ] || problems+=("not the clean run's ids")
    missing=$(comm -23 <(cut -d' ' -f2 "$report" | sort -u) <(sql $kind "$name" "SELECT id FROM articles" | sort -u) | wc -l)
    [ "$missing" = 0 ] || problems+=("$missing reported articles missing at the end")
    [ "$(wc -l < "$report")" = "$(sort -u "$report" | wc -l)" ] || problems+=("an article reported as stored by both runs")
    [ "$(count $kind "$name" "state IN ('queued', 'annotated')")" = 0 ] || problems+=("articles left queued or annotated")
    [ "$(count $kind "$name" "state = 'grouped' AND story IS NULL")" = 0 ] || problems+=("grouped without a story")
    [ "$(count $kind "$name" "state <> 'grouped' AND (story IS NOT NULL OR group_rank IS NOT NULL)")" = 0 ] || problems+=("a story or rank on an article not grouped")
    [ "$(count $kind "$name" "story IS NOT NULL AND story NOT IN (SELECT id FROM stories WHERE merged_into IS NULL)")" = 0 ] || problems+=("articles in a missing or merged story")
    read -r grouped ranked low high < <(sql $kind "$name" "SELECT COUNT(*), COUNT(group_rank), COALESCE(MIN(group_rank), 0), COALESCE(MAX(group_rank), 0) FROM articles WHERE state = 'grouped'" | tr '\t' ' ')
    [ "$ranked" = "$grouped" ] && { [ "$grouped" = 0 ] || [ "$low" = 1 ]; } && [ "$high" = "$grouped" ] || problems+=("group ranks $low..$high for $ranked ranked of $grouped grouped")
    bad_counts=$(sql $kind "$name" "SELECT COUNT(*) FROM stories s WHERE s.article_count <> (SELECT COUNT(*) FROM articles a WHERE a.story = s.id)")
    [ "$bad_counts" = 0 ] || problems+=("$bad_counts stories whose article_count is not their articles")
    [ "$(count $kind "$name" "state = 'failed'")" = "$clean_failed" ] || problems+=("not the clean run's failed annotations")
    [ "$(partition_digest $kind "$name")" = "$clean_partition" ] || problems+=("not the clean run's partition into stories")
    [ "$(labels_digest $kind "$name")" = "$clean_labels" ] || problems+=("not the clean run's story ids")

    verdict=ok
    if [ ${#problems[@]} -gt 0 ]; then verdict="FAILED: $(IFS=';'; echo "${problems[*]}")"; kind_failures=$((kind_failures + 1)); fi
    printf '%-8s trial %2d  %-6s kill at %6.2f s  phase %-7s reported %5d  stored %5d  left %5d  -> %s\n' \
      "$kind" "$trial" "$variant" "$at" "$phase" "$reported" "${stored:-0}" "${left:-0}" "$verdict"
    [ ${#problems[@]} -eq 0 ] || sed 's/^/    stderr: /' "$work/err" | tail -5
    case $kind in sqlite) rm -f "$work/$name.db"* ;; postgres) psql -d postgres -c "DROP DATABASE $name" ;; esac
  done
  phase_text=$(for p in start store update worker end exited; do [ -n "${phases[$p]:-}" ] && printf '%s %s, ' "$p" "${phases[$p]}"; done; true)
  summary+=("| $kind | $trials | ${phase_text%, } | $redrawn | $reported_total | $kind_failures |")
  failures=$((failures + kind_failures))
  unset phases
done

echo
echo "| store | trials | kill points by phase | runs redone (ended before the kill) | articles reported by killed runs | failed trials |"
echo "|---|---:|---|---:|---:|---:|"
printf '%s\n' "${summary[@]}"
echo "wall time $(elapsed "$started") s, seed $seed, load $(cut -d' ' -f1 /proc/loadavg)" >&2
[ "$failures" = 0 ]
