#!/usr/bin/env bash
# compromise 14.17.0 scored on CoNLL-2003 valid.txt by our own scorer, beside our tagger (docs/RESULTS.md):
# bench/compromise/compromise.mjs ner joins each document's tokens with spaces and its sentences with newlines (as
# eval/run ner rebuilds them), runs nlp(text) with .people(), .places() and .organizations() (PER, LOC, ORG; compromise
# has no MISC), maps each entity's character span back onto the tokens it overlaps and writes `token<TAB>IOB2 tag`
# lines; eval/run ner --system scores them with the same code as ours (per type, overall, and overall without MISC).
# usage: bench/compromise-ner.sh     (outputs stay in .build/bench-compromise-ner/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
js="$root/bench/compromise"
out="$root/.build/bench-compromise-ner"
if [ ! -f "$js/node_modules/.package-lock.json" ] || [ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
rm -rf "$out" && mkdir -p "$out"
"$root/eval/run" ner --write "$out/dossier.conll" >"$out/dossier.txt"
shared=${DOSSIER_SHARED:-}
if [ -z "$shared" ]; then
  for dir in "$root" "$root/.." "$root/../.." "$root/../../.."; do
    [ -d "$dir/../shared/data" ] && { shared=$(cd "$dir/../shared" && pwd); break; }
  done
fi
node "$js/compromise.mjs" ner "$shared/data/conll2003/valid.txt" --out "$out/compromise.conll" >&2
echo "== Dossier averaged perceptron (the pipeline's entity layer)"; cat "$out/dossier.txt"
echo "== compromise 14.17.0 (people + places + organizations)"; dotnet "$root/.build/eval/dossier-eval.dll" ner --system "$out/compromise.conll"
