#!/usr/bin/env bash
# Speed of the entity layer on one core, beside compromise (issue 4: "at least 50,000 tokens per second on one core").
#   ours     bench/Dossier.Bench.Annotate (EntitySpeed), one process, per stage one warm-up pass and PASSES timed passes:
#            conll-tagger  the trained tagger alone (PerceptronEntityModel.TagDocument, as `dossier ner` runs it) over
#                          CoNLL-2003 valid.txt as token sequences, document by document
#            split         sentences and tokens of every ECB+ text (../shared/data/ecbplus/text, written once to
#                          .build/bench-ner-runs/corpus so both harnesses read the same bytes)
#            entities      EntityRecognizer.Trained().Recognize on the split texts: the pipeline's entity layer (tagger,
#                          document steps, the rules' titles), split once outside the timing as ArticleAnnotator does
#            tagger        PerceptronEntityModel.Recognize on the same split: the tagger without the rules' titles
#   load     LOADS fresh processes (ner-load): the first PerceptronEntityModel.Default of each (gazetteer + model +
#            compiling the loading code), median over the processes; and the median of 5 reloads within each
#   compromise  compromise 14.17.0 (npm), bench/compromise/compromise.mjs entities-speed: the same ECB+ texts, warm-up and
#            passes, nlp(text) with .people(), .places() and .organizations(); its tokens/s counts our tokenizer's tokens
# Whatever model the library embeds is measured (models/ner.bin at build time); nothing here depends on its features.
# Each process runs pinned to core 0 (taskset -c 0) under /usr/bin/time -v (peak RSS). MB are UTF-8 bytes (10^6).
# Wall-time medians are the headline; per CPU-second of the process is steadier when the core is shared.
#
# usage: bench/ner.sh [PASSES=7] [LOADS=5]
# Prints progress on stderr and a Markdown table on stdout; logs stay in .build/bench-ner-runs/.
# Needs dotnet, node >= 20.19, npm (npm ci installs the pinned compromise from bench/compromise/package-lock.json),
# taskset, /usr/bin/time and ../shared (or DOSSIER_SHARED) for ECB+ and CoNLL-2003.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
passes=${1:-7}
loads=${2:-5}
for n in "$passes" "$loads"; do
  case "$n" in '' | *[!0-9]* | 0) echo "bench/ner.sh: PASSES and LOADS must be positive numbers, got '$n'" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "bench/ner.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
command -v taskset >/dev/null || { echo "bench/ner.sh: taskset is missing (util-linux)" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "bench/ner.sh: node and npm are needed for compromise" >&2; exit 1; }
shared=${DOSSIER_SHARED:-}
if [ -z "$shared" ]; then
  for dir in "$root" "$root/.." "$root/../.." "$root/../../.."; do
    [ -d "$dir/../shared/data" ] && { shared=$(cd "$dir/../shared" && pwd); break; }
  done
fi
conll="$shared/data/conll2003/valid.txt"
[ -f "$conll" ] || { echo "bench/ner.sh: CoNLL-2003 valid.txt not found under ../shared (set DOSSIER_SHARED)" >&2; exit 1; }

bin="$root/.build/bench-annotate"
runs="$root/.build/bench-ner-runs"
nlp="$root/bench/compromise"
corpus="$runs/corpus"
mkdir -p "$runs"
say() { echo "$@" >&2; }

# Set-up, outside any timing. npm ci only when the lock file changed since the last install (it deletes node_modules).
if [ ! -f "$nlp/node_modules/.package-lock.json" ] || [ "$nlp/package-lock.json" -nt "$nlp/node_modules/.package-lock.json" ]; then
  say "installing compromise (npm ci in bench/compromise)..."
  (cd "$nlp" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
say "building bench/Dossier.Bench.Annotate (Release)..."
dotnet build "$root/bench/Dossier.Bench.Annotate" -c Release -o "$bin" -nologo -v q >&2
rm -rf "$corpus"
DOSSIER_SHARED=$shared dotnet "$bin/dossier-bench-annotate.dll" ner-corpus "$corpus" >&2

load=$(uptime | sed 's/.*load average: //')
declare -A tokps cputok mbps cpu spread found rss ms cpums
timed() { # name log-name command...: one pinned process under /usr/bin/time -v
  local name=$1; shift
  if ! taskset -c 0 /usr/bin/time -v "$@" >"$runs/$name.log" 2>"$runs/$name.time"; then
    cat "$runs/$name.log" "$runs/$name.time" >&2
    say "bench/ner.sh: $name failed"; exit 1
  fi
  awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$runs/$name.time"
}
run() {
  local name=$1; shift
  say "== $name: taskset -c 0 $* --passes $passes"
  local peak; peak=$(timed "$name" "$@" --passes "$passes")
  grep -v '^RESULT' "$runs/$name.log" >&2
  grep ' pass ' "$runs/$name.time" >&2 || true
  while read -r _ stage rest; do
    local s=${stage#stage=}
    for kv in $rest; do
      case ${kv%%=*} in
        tokps) tokps[$s]=${kv#*=} ;; cpu_tokps) cputok[$s]=${kv#*=} ;; mbps) mbps[$s]=${kv#*=} ;; cpu_mbps) cpu[$s]=${kv#*=} ;;
        found) found[$s]=${kv#*=} ;; median_ms) ms[$s]=${kv#*=} ;; cpu_ms) cpums[$s]=${kv#*=} ;;
        min_ms) spread[$s]=${kv#*=} ;; max_ms) spread[$s]="${spread[$s]}-${kv#*=}" ;;
      esac
    done
    rss[$s]=$peak
  done < <(grep '^RESULT' "$runs/$name.log")
}

median() { sort -g | awk '{v[NR] = $1} END {printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
firsts=() reloads=() peaks=()
for i in $(seq "$loads"); do
  say "== load $i/$loads: taskset -c 0 dotnet dossier-bench-annotate.dll ner-load"
  peaks+=("$(timed "load-$i" dotnet "$bin/dossier-bench-annotate.dll" ner-load --loads 5)")
  cat "$runs/load-$i.log" >&2
  firsts+=("$(sed -n 's/.* first_ms=\([0-9.]*\).*/\1/p' "$runs/load-$i.log")")
  reloads+=("$(sed -n 's/.* reload_ms=\([0-9.]*\).*/\1/p' "$runs/load-$i.log")")
done
model_bytes=$(sed -n 's/.* bytes=\([0-9]*\).*/\1/p' "$runs/load-1.log")

run dossier dotnet "$bin/dossier-bench-annotate.dll" ner "$corpus" "$conll"
run compromise node "$nlp/compromise.mjs" entities-speed "$corpus"
s=compromise-entities
tokens=$(sed -n 's/^corpus .* sentences, \([0-9]*\) tokens; conll.*/\1/p' "$runs/dossier.log")
# compromise's rate in our tokens: the same texts, the same count for both.
tokps[$s]=$(awk -v t="$tokens" -v m="${ms[$s]}" 'BEGIN {printf "%.0f", t / m * 1000}')
cputok[$s]=$(awk -v t="$tokens" -v m="${cpums[$s]}" 'BEGIN {printf "%.0f", t / m * 1000}')

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f×", a/b}'; }
# Two stages one after the other: their rates add as times do.
serial() { awk -v a="$1" -v b="$2" -v d="${3:-0}" 'BEGIN {printf "%.*f", d, 1/(1/a + 1/b)}'; }
whole_tok=$(serial "${tokps[split]}" "${tokps[entities]}")
whole_cputok=$(serial "${cputok[split]}" "${cputok[entities]}")
whole_mb=$(serial "${mbps[split]}" "${mbps[entities]}" 2)
whole_cpu=$(serial "${cpu[split]}" "${cpu[entities]}" 2)
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores (runs pinned to core 0), load average $load; $(sed -n 's/^corpus //p' "$runs/dossier.log" | cut -d';' -f1-2); $passes timed passes after one warm-up; bench/ner.sh $passes $loads"
echo
echo "| stage | over | tokens/s (median) | tokens per CPU-s | MB/s | MB per CPU-s | × compromise (wall) | × compromise (CPU) | pass ms (min-max) | found | peak MB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
row() { # stage label over with-peer
  local w="" c=""
  [ -n "${4:-}" ] && w=$(ratio "${tokps[$1]}" "${tokps[$s]}") && c=$(ratio "${cputok[$1]}" "${cputok[$s]}")
  echo "| $2 | $3 | ${tokps[$1]} | ${cputok[$1]} | ${mbps[$1]} | ${cpu[$1]} | $w | $c | ${spread[$1]} | ${found[$1]} | ${rss[$1]} |"
}
row conll-tagger "Dossier tagger alone (\`dossier ner\` path)" "CoNLL-2003 valid, token sequences" ""
row entities "Dossier entity layer (tagger + rules' titles)" "ECB+ texts, split once before" yes
row tagger "Dossier tagger alone" "ECB+ texts, split once before" yes
row split "Dossier sentences + tokens" "ECB+ texts (found: tokens)" ""
echo "| Dossier split + entity layer | ECB+ texts (derived: 1/(1/split + 1/entities)) | $whole_tok | $whole_cputok | $whole_mb | $whole_cpu | $(ratio "$whole_tok" "${tokps[$s]}") | $(ratio "$whole_cputok" "${cputok[$s]}") | | | ${rss[entities]} |"
row $s "compromise 14.17.0: people + places + organizations" "ECB+ texts (our token count)" yes
echo
first=$(printf '%s\n' "${firsts[@]}" | median)
echo "Model load ($(awk -v b="$model_bytes" 'BEGIN {printf "%.1f", b/1e6}') MB embedded), $loads fresh processes: first PerceptronEntityModel.Default (gazetteer + model, code compiled on first use) median $first ms ($(printf '%s\n' "${firsts[@]}" | sort -g | head -1 | cut -d. -f1)-$(printf '%s\n' "${firsts[@]}" | sort -g | tail -1 | cut -d. -f1)); a reload of both within a process median $(printf '%s\n' "${reloads[@]}" | median) ms; peak of a process that only loads $(printf '%s\n' "${peaks[@]}" | median) MB."
