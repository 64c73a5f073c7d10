#!/usr/bin/env bash
# compromise 14.17.0 scored on MEANTIME English VALUE mentions by our own scorer, beside our figure recogniser
# (docs/RESULTS.md): eval/run figures writes the texts it scores, bench/compromise/compromise.mjs runs compromise's
# .numbers(), .money() and .percentages() on each and maps them to figures (the mapping is at the top of compromise.mjs),
# and eval/run figures --system scores that output with the same measures as ours; a second score keeps the numbers
# compromise itself tags as dates (--with-dates).
# usage: bench/compromise-figures.sh     (outputs stay in .build/bench-compromise-figures/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
js="$root/bench/compromise"
out="$root/.build/bench-compromise-figures"
if [ ! -f "$js/node_modules/.package-lock.json" ] || [ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
rm -rf "$out" && mkdir -p "$out"
"$root/eval/run" figures --write-texts "$out/texts" >"$out/dossier.txt"
node "$js/compromise.mjs" figures "$out/texts" --out "$out/compromise.jsonl" >&2
node "$js/compromise.mjs" figures "$out/texts" --out "$out/compromise-with-dates.jsonl" --with-dates >&2
echo "== Dossier figure recogniser"; cat "$out/dossier.txt"
echo "== compromise 14.17.0 (numbers + money + percentages)"; dotnet "$root/.build/eval/dossier-eval.dll" figures --system "$out/compromise.jsonl"
echo "== compromise 14.17.0, with the numbers it tags as dates"; dotnet "$root/.build/eval/dossier-eval.dll" figures --system "$out/compromise-with-dates.jsonl"
