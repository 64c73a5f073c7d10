#!/usr/bin/env bash
# Whole-run benchmark of `dossier analyze` on the 772 ECB+ texts: wall time (median of N runs), articles per
# second and peak memory (max RSS from /usr/bin/time -v). Usage: bench/analyze.sh [runs=5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="${DOSSIER_SHARED:-$root/../shared}/data/ecbplus/text"
runs=${1:-5}
"$root/dossier" --help >/dev/null  # builds the command first, outside the timing
count=$(find "$corpus" -name '*.txt' | wc -l)
times=(); rss=()
for i in $(seq "$runs"); do
  log=$(mktemp)
  /usr/bin/time -v "$root/dossier" analyze "$corpus" --today 2026-11-22 --quiet -o /dev/null 2>"$log"
  times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")")
  rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")")
  rm -f "$log"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
t=$(median "${times[@]}"); m=$(median "${rss[@]}")
echo "articles: $count  runs: $runs"
echo "wall seconds (median): $t   all: ${times[*]}"
awk -v n="$count" -v t="$t" 'BEGIN {printf "articles per second (median run): %.0f\n", n/t}'
awk -v k="$m" 'BEGIN {printf "peak RSS (median run): %.0f MB\n", k/1024}'
