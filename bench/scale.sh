#!/usr/bin/env bash
# Dedup + online clustering at scale on a generated stream (see bench/Dossier.Bench.Scale): one process per size
# under /usr/bin/time -v, then a Markdown table of articles per second, peak RSS and growth between sizes.
# Usage: bench/scale.sh [sizes...]   (default 10000 100000 1000000)
#        SCALE_ARGS="--window none" bench/scale.sh   (options passed to every run: here the stream as a store grows it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
dotnet build "$root/bench/Dossier.Bench.Scale" -c Release -nologo -v q >/dev/null
bin="$root/bench/Dossier.Bench.Scale/bin/Release/net10.0/dossier-bench-scale"
rows=()
for n in "${sizes[@]}"; do
  log=$(mktemp)
  # shellcheck disable=SC2086 # SCALE_ARGS is a list of options
  /usr/bin/time -v "$bin" "$n" ${SCALE_ARGS:-} >"$log" 2>&1
  grep -E '^(articles|setup|dedup|copies|assignments|B-cubed)' "$log" >&2
  result=$(grep '^RESULT' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
  rows+=("$result rss_kb=$rss wall_s=$wall")
  rm -f "$log"
done
echo "| articles | stories | dedup s | clustering s | articles/s (dedup+clustering) | generation s | peak RSS MB | time ratio | RSS ratio | B-cubed F1 |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}" | awk '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    t = v["dedup_s"] + v["cluster_s"]; m = v["rss_kb"] / 1024
    tr = (NR > 1 && pt > 0) ? sprintf("%.1fx for %.0fx articles", t / pt, v["n"] / pn) : "";
    mr = (NR > 1) ? sprintf("%.2fx", m / pm) : "";
    printf "| %d | %d | %.1f | %.1f | %d | %.1f | %.0f | %s | %s | %s |\n", v["n"], v["stories"], v["dedup_s"], v["cluster_s"], v["rate"], v["gen_s"], m, tr, mr, v["f1"]
    pt = t; pm = m; pn = v["n"] }'
