#!/usr/bin/env bash
# Speed of the time tagger and the figure recogniser on one core, beside chrono-node and compromise (issue 5: "at least 1 MB of text
# per second per core for both recognisers together"). The corpus is fixed real text: every ECB+ text
# (../shared/data/ecbplus/text) and the MEANTIME English articles as eval/run timex rebuilds them, written once by
# bench/Dossier.Bench.Annotate to .build/bench-annotate-runs/corpus so both harnesses read the same bytes.
#   ours     bench/Dossier.Bench.Annotate: sentences and tokens split once outside the timing, then per stage one warm-up
#            pass and PASSES timed passes over every text: split (SentenceSplitter + Tokenizer), time (TimeTagger.Tag),
#            figures (FigureRecognizer.Recognize), both (Tag + Recognize)
#   chrono   chrono-node 2.10.3 (npm), bench/chrono/chrono.mjs speed: the same texts, warm-up and passes, chrono.parse
#   compromise  compromise 14.17.0 (npm), bench/compromise/compromise.mjs speed: the same texts, warm-up and passes,
#            nlp(text) with .numbers(), .money() and .percentages() mapped to figures (what eval/run figures --system scores)
# Each of our stages is set beside its peer: time beside chrono, figures beside compromise, both beside the two peers
# one after the other (derived, as the whole row is).
# Each process runs pinned to core 0 (taskset -c 0) under /usr/bin/time -v (peak RSS). MB are UTF-8 bytes of text
# (10^6). Wall-time medians are the headline; MB per CPU-second of the process is steadier when the core is shared.
# The machine is shared: read the ratios within one run, not the absolute figures.
#
# usage: bench/annotate.sh [PASSES=7]
# Prints progress on stderr and a Markdown table on stdout; logs stay in .build/bench-annotate-runs/.
# Needs dotnet, node >= 20.19, npm (npm ci installs the pinned chrono-node and compromise from bench/chrono and
# bench/compromise package-lock.json),
# taskset and /usr/bin/time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
passes=${1:-7}
case "$passes" in '' | *[!0-9]* | 0) echo "bench/annotate.sh: PASSES must be a positive number, got '$passes'" >&2; exit 2 ;; esac
[ -x /usr/bin/time ] || { echo "bench/annotate.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "bench/annotate.sh: taskset is missing (util-linux)" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "bench/annotate.sh: node and npm are needed for chrono-node and compromise" >&2; exit 1; }

bin="$root/.build/bench-annotate"
runs="$root/.build/bench-annotate-runs"
js="$root/bench/chrono"
nlp="$root/bench/compromise"
corpus="$runs/corpus"
mkdir -p "$runs"
say() { echo "$@" >&2; }

# Set-up, outside any timing. npm ci only when the lock file changed since the last install (it deletes node_modules).
for dir in "$js" "$nlp"; do
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing $(basename "$dir") (npm ci in ${dir#"$root"/})..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
done
say "building bench/Dossier.Bench.Annotate (Release)..."
dotnet build "$root/bench/Dossier.Bench.Annotate" -c Release -o "$bin" -nologo -v q >&2
rm -rf "$corpus"
dotnet "$bin/dossier-bench-annotate.dll" corpus "$corpus" >&2

load=$(uptime | sed 's/.*load average: //')
declare -A mbps mchars cpu found spread rss
run() {
  local name=$1; shift
  say "== $name: taskset -c 0 $* --passes $passes"
  if ! taskset -c 0 /usr/bin/time -v "$@" --passes "$passes" >"$runs/$name.log" 2>"$runs/$name.time"; then
    cat "$runs/$name.log" "$runs/$name.time" >&2
    say "bench/annotate.sh: $name failed"; exit 1
  fi
  grep -v '^RESULT' "$runs/$name.log" >&2
  grep ' pass ' "$runs/$name.time" >&2 || true
  local peak; peak=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$runs/$name.time")
  while read -r _ stage rest; do
    local s=${stage#stage=}
    for kv in $rest; do
      case ${kv%%=*} in
        mbps) mbps[$s]=${kv#*=} ;; mchars) mchars[$s]=${kv#*=} ;; cpu_mbps) cpu[$s]=${kv#*=} ;; found) found[$s]=${kv#*=} ;;
        min_ms) spread[$s]=${kv#*=} ;; max_ms) spread[$s]="${spread[$s]}-${kv#*=}" ;;
      esac
    done
    rss[$s]=$peak
  done < <(grep '^RESULT' "$runs/$name.log")
}
run dossier dotnet "$bin/dossier-bench-annotate.dll" speed "$corpus"
run chrono node "$js/chrono.mjs" speed "$corpus"
run compromise node "$nlp/compromise.mjs" speed "$corpus"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f×", a/b}'; }
# Two stages one after the other: their rates add as times do.
serial() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN {printf "%.*f", d, 1/(1/a + 1/b)}'; }
# The whole annotation cost of these two layers: splitting and both recognisers, one after the other.
whole=$(serial "${mbps[split]}" "${mbps[both]}")
whole_cpu=$(serial "${cpu[split]}" "${cpu[both]}")
whole_chars=$(serial "${mchars[split]}" "${mchars[both]}")
# The peers of both recognisers, one after the other (chrono for times, compromise for figures).
peers=$(serial "${mbps[chrono]}" "${mbps[compromise]}" 3)
peers_cpu=$(serial "${cpu[chrono]}" "${cpu[compromise]}" 3)
peers_chars=$(serial "${mchars[chrono]}" "${mchars[compromise]}" 3)
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores (runs pinned to core 0), load average $load; $(sed -n 's/^corpus //p' "$runs/dossier.log" | cut -d';' -f1); $passes timed passes after one warm-up; bench/annotate.sh $passes"
echo
echo "| stage | finds | MB/s (median) | M chars/s | MB per CPU-s | × peer (wall) | × peer (CPU) | pass ms (min-max) | found | peak MB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
row() { # stage label finds peer-wall peer-cpu (empty: no peer)
  local w="" c=""
  [ -n "${4:-}" ] && w=$(ratio "${mbps[$1]}" "$4") && c=$(ratio "${cpu[$1]}" "$5")
  echo "| $2 | $3 | ${mbps[$1]} | ${mchars[$1]} | ${cpu[$1]} | $w | $c | ${spread[$1]} | ${found[$1]} | ${rss[$1]} |"
}
row time "Dossier time tagger" "DATE, TIME, DURATION, SET, normalised (peer: chrono)" "${mbps[chrono]}" "${cpu[chrono]}"
row chrono "chrono-node 2.10.3" "dates and times only (no durations, sets or figures)" "${mbps[chrono]}" "${cpu[chrono]}"
row figures "Dossier figure recogniser" "figures (peer: compromise)" "${mbps[compromise]}" "${cpu[compromise]}"
row compromise "compromise 14.17.0" "numbers + money + percentages, mapped to figures" "${mbps[compromise]}" "${cpu[compromise]}"
row both "Dossier time + figures" "both recognisers, one after the other (peer: chrono + compromise)" "$peers" "$peers_cpu"
echo "| chrono + compromise | the two peers one after the other (derived: 1/(1/chrono + 1/compromise)) | $peers | $peers_chars | $peers_cpu | 1.0× | 1.0× | | | |"
row split "Dossier sentences + tokens" "split once before the recognisers (tokens)"
echo "| Dossier split + time + figures | the whole cost of these layers (derived: 1/(1/split + 1/both)) | $whole | $whole_chars | $whole_cpu | $(ratio "$whole" "$peers") | $(ratio "$whole_cpu" "$peers_cpu") | | | ${rss[both]} |"
