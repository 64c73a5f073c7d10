#!/usr/bin/env bash
# Side-by-side HTML extraction benchmark on the 111 AEB pages (../shared/data/aeb), all in one session:
#   dossier               our HtmlExtractor (decode, metadata, main content), bench/Dossier.Bench.Extract
#   smartreader           SmartReader 0.11.1 (NuGet; C# port of Readability.js on AngleSharp), same harness
#   readability-jsdom     @mozilla/readability 0.6.0 on jsdom 29.1.1 (npm), bench/readability/extract.mjs
#   readability-linkedom  @mozilla/readability 0.6.0 on linkedom 0.18.15, a lighter DOM (same script)
# Each loads all pages into memory, warms up (3 s, at least one pass), then times PASSES passes over all pages and
# reports the median pages/s of wall time and the median pages per CPU-second of the process (all its threads: GC,
# JIT; steadier than wall time when other work shares the cores). Peak memory is the process's max RSS from
# /usr/bin/time -v (it includes the runtime and the pages). Every extractor's last-pass bodies are scored by the same
# C# ShingleMetric (the benchmark's metric). The machine is shared and noisy: read the ratios, not the absolute figures.
#
# usage: bench/extract.sh [PASSES=3] [EXTRACTOR...]      e.g. bench/extract.sh 5 dossier readability-linkedom
# Prints progress on stderr and a Markdown table on stdout; outputs and logs stay in .build/bench-extract-runs/.
# Needs dotnet, node >= 20.19 and npm (npm ci installs the pinned packages from bench/readability/package-lock.json).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
passes=${1:-3}
shift || true
extractors=("$@")
[ ${#extractors[@]} -gt 0 ] || extractors=(dossier smartreader readability-jsdom readability-linkedom)
case "$passes" in '' | *[!0-9]* | 0) echo "bench/extract.sh: PASSES must be a positive number, got '$passes'" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "bench/extract.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

bin="$root/.build/bench-extract"
runs="$root/.build/bench-extract-runs"
js="$root/bench/readability"
mkdir -p "$runs"
say() { echo "$@" >&2; }

# Set-up, outside any timing.
needs_node=false
for e in "${extractors[@]}"; do [[ $e == readability-* ]] && needs_node=true; done
if $needs_node; then
  command -v node >/dev/null && command -v npm >/dev/null || { say "bench/extract.sh: node and npm are needed for Readability.js"; exit 1; }
  # npm ci only when the lock file changed since the last install (it deletes node_modules first).
  if [ ! -f "$js/node_modules/.package-lock.json" ] || [ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
    say "installing Readability.js and its DOMs (npm ci in bench/readability)..."
    (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
fi
say "building bench/Dossier.Bench.Extract (Release)..."
dotnet build "$root/bench/Dossier.Bench.Extract" -c Release -o "$bin" -nologo -v q >&2
harness=(dotnet "$bin/dossier-bench-extract.dll")

command_for() {
  case "$1" in
    dossier | smartreader) echo "${harness[*]} $1" ;;
    readability-jsdom) echo "node $js/extract.mjs jsdom" ;;
    readability-linkedom) echo "node $js/extract.mjs linkedom" ;;
    *) say "bench/extract.sh: unknown extractor $1 (dossier, smartreader, readability-jsdom, readability-linkedom)"; exit 2 ;;
  esac
}

declare -A pps cps rss quality
for e in "${extractors[@]}"; do
  cmd=$(command_for "$e")
  say "== $e: $cmd --passes $passes"
  # shellcheck disable=SC2086  # the command is a word list on purpose
  if ! /usr/bin/time -v $cmd --passes "$passes" --out "$runs/$e.json" >"$runs/$e.log" 2>"$runs/$e.time"; then
    cat "$runs/$e.log" "$runs/$e.time" >&2
    say "bench/extract.sh: $e failed; its row is left out"
    continue
  fi
  cat "$runs/$e.log" >&2
  pps[$e]=$(sed -n 's/.*median pages\/s: \([0-9.]*\).*/\1/p' "$runs/$e.log")
  cps[$e]=$(sed -n 's/.*per CPU-second: \([0-9.]*\).*/\1/p' "$runs/$e.log")
  rss[$e]=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$runs/$e.time")
  quality[$e]=$("${harness[@]}" score "$runs/$e.json")
  say "   $e: ${pps[$e]} pages/s, ${cps[$e]} pages per CPU-s, ${rss[$e]} MB peak, ${quality[$e]}"
done

# Ratios are against each Readability.js set-up measured in this same session.
# ratio VALUE EXTRACTOR TABLE: VALUE over that extractor's entry in the named table (pps or cps).
ratio() {
  local -n table=$3
  [ -n "${table[$2]:-}" ] && awk -v a="$1" -v b="${table[$2]}" 'BEGIN {printf "%.1f×", a/b}' || echo "–"
}
field() { awk -v k="$2" '{for (i = 1; i < NF; i++) if ($i == k) print $(i+1)}' <<<"$1"; }
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); ${passes} timed passes each; bench/extract.sh $passes"
echo
echo "| extractor | pages/s (median) | × Readability.js jsdom | × Readability.js linkedom | pages per CPU-s | × jsdom | × linkedom | peak MB | F1 | P | R |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for e in "${extractors[@]}"; do
  [ -n "${pps[$e]:-}" ] || continue
  q=${quality[$e]}
  echo "| $e | ${pps[$e]} | $(ratio "${pps[$e]}" readability-jsdom pps) | $(ratio "${pps[$e]}" readability-linkedom pps) | ${cps[$e]} | $(ratio "${cps[$e]}" readability-jsdom cps) | $(ratio "${cps[$e]}" readability-linkedom cps) | ${rss[$e]} | $(field "$q" F1) | $(field "$q" P) | $(field "$q" R) |"
done
# Pages an extractor threw on are scored as empty; say which, so a low F1 is read for what it is.
for e in "${extractors[@]}"; do
  [ -n "${pps[$e]:-}" ] || continue
  failed=$(grep -c ' failed on ' "$runs/$e.log" || true)
  [ "$failed" -eq 0 ] || echo "- $e threw on $failed page(s), scored as empty: $(sed -n 's/.* failed on //p' "$runs/$e.log" | paste -sd ';')"
done
