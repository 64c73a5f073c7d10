#!/usr/bin/env python3
"""Writes data/event-nouns.tsv from WordNet 3.0 (Debian wordnet-base): the single-word nouns with a sense in the
lexicographer files noun.act (04), noun.event (11) or noun.communication (10) among their first three senses."""
import re
import sys

wordnet = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
lexfile = {}
for line in open(f"{wordnet}/data.noun", encoding="latin-1"):
    if line.startswith(" "):
        continue
    parts = line.split()
    lexfile[parts[0]] = parts[1]
nouns = set()
for line in open(f"{wordnet}/index.noun", encoding="latin-1"):
    if line.startswith(" "):
        continue
    parts = line.split()
    if not re.match(r"^[a-z]+$", parts[0]):
        continue
    offsets = parts[-int(parts[2]):]
    if any(lexfile[o] in ("04", "10", "11") for o in offsets[:3]):
        nouns.add(parts[0])
print("# single-word nouns of WordNet 3.0 with an act, event or communication sense among their first three (Debian wordnet-base; see README.md)")
print("\n".join(sorted(nouns)))
