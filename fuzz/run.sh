#!/usr/bin/env bash
# Coverage-guided fuzzing of one Dossier reader with SharpFuzz + AFL++ for a set time.
# usage: fuzz/run.sh TARGET SECONDS [OUTDIR]    TARGET: html | feed | warc | annotate
# Crash and hang inputs are copied to OUTDIR (default fuzz/findings/TARGET); AFL's own state is in $FUZZ_WORK/TARGET.
# INSTRUMENT_ANGLESHARP=1 also instruments AngleSharp.dll (html; off by default: it halves execs/s). FUZZ_DICTIONARIES=1 adds AFL++ dictionaries (-x).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
target="${1:-}"; seconds="${2:-}"
case "$target" in html|feed|warc|annotate) ;; *) echo "usage: $0 html|feed|warc|annotate SECONDS [OUTDIR]" >&2; exit 2;; esac
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "SECONDS must be a whole number" >&2; exit 2; }
outdir="${3:-$here/findings/$target}"
work="${FUZZ_WORK:-/tmp/dossier-fuzz}/$target"
shared="${SHARED_DIR:-$repo/../shared}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PATH="$PATH:$HOME/.dotnet/tools"

# Tools, installed only when missing.
if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq && apt-get install -y -qq afl++ >/dev/null
fi
if ! command -v sharpfuzz >/dev/null; then
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# A fresh publish each run: sharpfuzz rewrites the assembly in place and cannot instrument it twice.
build="$work/build"
rm -rf "$build"
# Own artifacts path: a build of the tests in the same tree meanwhile cannot race this one in obj/.
dotnet publish "$here/Dossier.Fuzz/Dossier.Fuzz.csproj" -c Release -o "$build" --artifacts-path "$work/artifacts" -nologo -v q >/dev/null
sharpfuzz "$build/Dossier.dll" >/dev/null
if [ "${INSTRUMENT_ANGLESHARP:-0}" = 1 ]; then sharpfuzz "$build/AngleSharp.dll" >/dev/null; fi

# Seeds: a few small real files where ../shared has them, else small generated ones.
in="$work/in"
rm -rf "$in" "$work/out"
mkdir -p "$in" "$outdir"
seed() { printf '%b' "$2" > "$in/$1"; }
case "$target" in
  html)
    n=0
    if [ -d "$shared/data/aeb/html" ]; then
      for f in "$shared"/data/aeb/html/*.html.gz; do
        size=$(gzip -dc "$f" | wc -c)
        echo "$size $f"
      done | sort -n | head -3 | while read -r size f; do
        if [ "$size" -lt 51200 ]; then gzip -dc "$f" > "$in/page-$(basename "$f" .html.gz | cut -c1-8).html"; fi
      done
    fi
    seed tiny.html '<!DOCTYPE html><html lang="en"><head><meta charset="windows-1252"><title>Council votes</title><link rel="canonical" href="https://news.example/a/1"><meta property="article:published_time" content="2024-03-02T10:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Council votes on budget</h1><p class="byline">By Ann Lee</p><p>The council voted 7-2 on Tuesday to approve a \xa312 million budget, the mayor said.</p><p>&ldquo;It is a fair plan,&rdquo; she said.</p><ul><li>One</li></ul></article><footer>&copy; 2024</footer></body></html>\n'
    ;;
  feed)
    seed rss.xml '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Daily</title><language>en-gb</language><item><title>Flood warning</title><link>https://news.example/flood</link><guid>f1</guid><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator><description>Rivers rise.</description><content:encoded><![CDATA[<p>Rivers rose <b>2 metres</b> on Monday, officials said.</p>]]></content:encoded></item><item><title>Short</title><description>Teaser &amp; more</description></item></channel></rss>\n'
    seed atom.xml '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Journal</title><entry><id>tag:x,2024:1</id><title type="html">Gr&#232;ve</title><link rel="alternate" href="https://x.example/1"/><updated>2024-03-05T09:30:00+01:00</updated><author><name>Jean</name></author><summary>Court.</summary><content type="html">&lt;p&gt;Le texte, 3 000 euros.&lt;/p&gt;</content></entry></feed>\n'
    seed rdf.xml '<?xml version="1.0" encoding="windows-1251"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://r.example/"><title>R</title></channel><item rdf:about="https://r.example/1"><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title><link>https://r.example/1</link><description>Text.</description></item></rdf:RDF>\n'
    ;;
  warc)
    # One WARC record with a correct Content-Length around an HTTP message (optionally chunked) or a bare block.
    record() { # name type uri block-file
      local length; length=$(wc -c < "$4")
      printf 'WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: %s\r\nContent-Length: %s\r\n\r\n' \
        "$2" "$3" "$(cat /proc/sys/kernel/random/uuid)" "${5:-application/http; msgtype=response}" "$length"
      cat "$4"; printf '\r\n\r\n'
    }
    tmp="$work/blocks"; rm -rf "$tmp"; mkdir -p "$tmp"
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1><p>The port reopened on Monday after 3 days, the authority said.</p></article></body></html>' > "$tmp/plain"
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n<html><body><p>Chunked \r\n10\r\npage text.</p>\n\r\n0\r\n\r\n' > "$tmp/chunked"
    printf 'GET / HTTP/1.1\r\nHost: a.example\r\n\r\n' > "$tmp/request"
    printf 'HTTP/1.1 301 Moved\r\nLocation: https://a.example/b\r\n\r\n' > "$tmp/redirect"
    printf '<html><body><p>A resource record.</p></body></html>' > "$tmp/resource"
    { printf 'WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n'
      record a request https://a.example/ "$tmp/request" 'application/http; msgtype=request'
      record a response https://a.example/ "$tmp/plain"; } > "$in/pages.warc"
    { record a response https://b.example/c "$tmp/chunked"
      record a response https://b.example/ "$tmp/redirect"
      record a resource https://b.example/r "$tmp/resource" 'text/html; charset=utf-8'; } > "$in/mixed.warc"
    gzip -c "$tmp/plain" > "$tmp/plain.gz"
    { printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n'; cat "$tmp/plain.gz"; } > "$tmp/gzipped"
    record a response https://c.example/ "$tmp/gzipped" > "$in/encoded.warc"
    ;;
  annotate)
    if [ -d "$shared/corpus/seeds" ]; then
      for f in $(ls "$shared"/corpus/seeds/*.txt 2>/dev/null | head -2); do
        [ "$(wc -c < "$f")" -lt 51200 ] && head -c 3000 "$f" > "$in/$(basename "$f")"
      done
    fi
    seed short.txt 'Flood defences fail in York\n\nBy Ann Lee, 5 March 2024\n\nThe River Ouse rose 2.3 metres on Monday, and about 1,200 homes were evacuated, the Environment Agency said. "We have never seen it this high," said Mayor John Smith of York City Council. Damage could cost \xc2\xa340m to \xc2\xa350m, up 12%% from 2019.\n\nLast Tuesday the council met. It will meet again next week, on 12 March.\n'
    ;;
esac

# AFL++'s own dictionaries (Debian package afl++-doc), when present: tokens the mutations would rarely spell out.
dicts=/usr/share/doc/afl++-doc/afl/dictionaries
extras=()
case "$target" in
  html) names="html_tags.dict" ;;
  feed) names="xml.dict rss.dict atom.dict" ;;
  warc) names="http.dict" ;;
  *) names="" ;;
esac
for name in $names; do [ -f "$dicts/$name" ] && extras+=(-x "$dicts/$name"); done
[ "${FUZZ_DICTIONARIES:-0}" = 1 ] || extras=() # off by default: a 2-minute feed run found no more edges with them

# AFL in a container: no CPU governor, no core_pattern, no pinning (the cores are shared); dotnet itself is not
# instrumented, SharpFuzz's code in the assembly reports coverage, so the binary check is skipped.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1
timeout -s INT $((seconds + 120)) afl-fuzz -V "$seconds" "${extras[@]}" -i "$in" -o "$work/out" -t 5000 -m none -- \
  dotnet "$build/Dossier.Fuzz.dll" "$target" > "$work/afl.log" 2>&1 || true

stats="$work/out/default/fuzzer_stats"
if [ ! -f "$stats" ]; then echo "$target: no fuzzer_stats (see $work/afl.log)"; tail -20 "$work/afl.log"; exit 1; fi
get() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$stats"; }
found=0
for kind in crashes hangs; do
  for f in "$work/out/default/$kind"/id:*; do
    [ -e "$f" ] || continue
    found=$((found + 1))
    cp "$f" "$outdir/${kind%es}-$(basename "$f" | cut -d, -f1 | tr -d 'id:')"
  done
done
runtime=$(( $(get last_update) - $(get start_time) ))
echo "$target: ${runtime}s execs_done=$(get execs_done) execs_per_sec=$(get execs_per_sec) corpus_count=$(get corpus_count) saved_crashes=$(get saved_crashes) saved_hangs=$(get saved_hangs) bitmap_cvg=$(get bitmap_cvg) copied=$found -> $outdir"
