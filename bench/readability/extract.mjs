// Readability.js on the 111 AEB pages, timed with the protocol of bench/Dossier.Bench.Extract (SpeedRun.cs):
// all pages in memory first (decompressed bytes), warm-up passes until WARMUP_SECONDS have gone by (at least one),
// then N timed passes; prints pages/s (wall, and per CPU-second of the process) per pass and the medians, and writes
// the last pass's bodies as {id: {articleBody}}.
// usage: node extract.mjs jsdom|linkedom [--passes N] [--out FILE.json]   (DOSSIER_SHARED overrides ../shared)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';

const WARMUP_SECONDS = 3;

function locateShared() {
  const env = process.env.DOSSIER_SHARED;
  if (env && existsSync(join(env, 'data'))) return resolve(env);
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared');
    if (existsSync(join(candidate, 'data'))) return resolve(candidate);
    if (dirname(dir) === dir) throw new Error('../shared not found; set DOSSIER_SHARED');
  }
}

function loadPages(shared) {
  const folder = join(shared, 'data', 'aeb');
  const truth = JSON.parse(readFileSync(join(folder, 'ground-truth.json'), 'utf8'));
  return Object.keys(truth).sort().map((id) => ({
    id,
    url: truth[id].url ?? '',
    html: gunzipSync(readFileSync(join(folder, 'html', `${id}.html.gz`))),
  }));
}

// Each DOM turns a page's bytes into a document Readability can read; decoding and parsing are part of the cost measured.
// The bytes are decoded as UTF-8 (all 111 pages are valid UTF-8): jsdom's own sniffing, given bytes without the HTTP
// header, falls back to windows-1252 on pages whose meta charset comes late, and garbles them.
async function domFor(name) {
  const utf8 = new TextDecoder('utf-8');
  if (name === 'jsdom') {
    const { JSDOM, VirtualConsole } = await import('jsdom');
    // A console that drops jsdom's messages ("Could not parse CSS stylesheet"), as a pipeline would.
    const virtualConsole = new VirtualConsole();
    return (page) => {
      const dom = new JSDOM(utf8.decode(page.html), { url: page.url || undefined, virtualConsole });
      return { document: dom.window.document, close: () => dom.window.close() };
    };
  }
  if (name === 'linkedom') {
    const { parseHTML } = await import('linkedom');
    return (page) => ({ document: parseHTML(utf8.decode(page.html)).document, close: () => {} });
  }
  throw new Error(`unknown DOM ${name} (jsdom or linkedom)`);
}

function parseArgs(argv) {
  const options = { dom: argv[0], passes: 5, out: null };
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '--passes' && Number(argv[i + 1]) > 0) options.passes = Number(argv[++i]);
    else if (argv[i] === '--out' && argv[i + 1]) options.out = argv[++i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

// A page the DOM or Readability throws on (jsdom 29 does on one AEB page's stylesheet) scores as empty and is counted.
function pass(pages, parse) {
  const bodies = {};
  const failed = [];
  for (const page of pages) {
    let text = '';
    try {
      const { document, close } = parse(page);
      try {
        text = new Readability(document).parse()?.textContent ?? '';
      } finally {
        close();
      }
    } catch (error) {
      failed.push(`${page.id.slice(0, 12)}: ${String(error?.message ?? error).split('\n')[0].slice(0, 80)}`);
    }
    bodies[page.id] = { articleBody: text };
  }
  return { bodies, failed };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const options = parseArgs(process.argv.slice(2));
const name = `readability-${options.dom}`;
const parse = await domFor(options.dom);
const pages = loadPages(locateShared());

let result;
for (const start = performance.now(); ;) {
  result = pass(pages, parse);
  if (performance.now() - start >= WARMUP_SECONDS * 1000) break;
}
const rates = [];
const cpuRates = [];
for (let i = 1; i <= options.passes; i++) {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  result = pass(pages, parse);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  rates.push(pages.length / (ms / 1000));
  cpuRates.push(pages.length / (cpuMs / 1000));
  console.log(`${name} pass ${i}: ${(pages.length / (ms / 1000)).toFixed(1)} pages/s (${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU)`);
}
console.log(`${name} median pages/s: ${median(rates).toFixed(1)} per CPU-second: ${median(cpuRates).toFixed(1)} (${pages.length} pages, ${options.passes} passes)`);
for (const failure of result.failed) console.log(`${name} failed on ${failure}`);
if (options.out) writeFileSync(options.out, JSON.stringify(result.bodies));
