#!/usr/bin/env bash
# chrono-node 2.10.3 scored on MEANTIME English TIMEX3 by our own scorer, beside our tagger (docs/RESULTS.md):
# eval/run timex writes the texts it scores and their creation dates, bench/chrono/chrono.mjs parses each text with its
# creation date as chrono's reference date and maps every result to a TIMEX3 (the mapping is at the top of chrono.mjs),
# and eval/run timex --system scores that output with the same measures as ours.
# usage: bench/chrono-timex.sh     (outputs stay in .build/bench-chrono-timex/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
js="$root/bench/chrono"
out="$root/.build/bench-chrono-timex"
if [ ! -f "$js/node_modules/.package-lock.json" ] || [ "$js/package-lock.json" -nt "$js/node_modules/.package-lock.json" ]; then
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
rm -rf "$out" && mkdir -p "$out"
"$root/eval/run" timex --write-texts "$out/texts" >"$out/dossier.txt"
node "$js/chrono.mjs" timex "$out/texts" --out "$out/chrono.jsonl" >&2
echo "== Dossier rule tagger"; cat "$out/dossier.txt"
echo "== chrono-node 2.10.3"; dotnet "$root/.build/eval/dossier-eval.dll" timex --system "$out/chrono.jsonl"
