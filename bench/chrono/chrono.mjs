// chrono-node (2.10.3), the most used natural-language date parser in JavaScript, as a peer of our time tagger.
//   speed DIR [--passes N]          the texts of bench/Dossier.Bench.Annotate's corpus (DIR/files.txt), timed with its
//                                   protocol: one warm-up pass, N timed passes of chrono.parse over every text, medians
//   timex DIR --out FILE.jsonl      the MEANTIME texts eval/run timex writes (--write-texts DIR: DIR/<doc>.txt and
//                                   DIR/dcts.json), each parsed with its creation date as the reference date; writes one
//                                   line per document for eval/run timex --system FILE.jsonl
// chrono finds dates and times only (no durations, sets or figures). Each result becomes a TIMEX3 by the components
// chrono says it knows (isCertain), the others taken from chrono's own implied values:
//   hour known                  -> TIME  YYYY-MM-DDThh:mm
//   day or weekday known        -> DATE  YYYY-MM-DD   ("March 3" with an implied year uses that year)
//   month known                 -> DATE  YYYY-MM
//   year known                  -> DATE  YYYY
//   nothing known               -> DATE  YYYY-MM-DD   (chrono's implied date)
// A range ("May 1 to May 5") is one expression valued by its start. Offsets are UTF-16, as in the C# strings.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { timedPasses } from '../passes.mjs';

// chrono reads a reference date through local-time getters; UTC keeps "the 15th at noon" the same on every machine.
process.env.TZ = 'UTC';

const pad = (n, width = 2) => String(n).padStart(width, '0');

export function timexOf(result) {
  const s = result.start;
  const date = `${pad(s.get('year'), 4)}-${pad(s.get('month'))}-${pad(s.get('day'))}`;
  let type = 'DATE';
  let value;
  if (s.isCertain('hour')) {
    type = 'TIME';
    value = `${date}T${pad(s.get('hour'))}:${pad(s.get('minute') ?? 0)}`;
  } else if (s.isCertain('day') || s.isCertain('weekday')) value = date;
  else if (s.isCertain('month')) value = date.slice(0, 7);
  else if (s.isCertain('year')) value = date.slice(0, 4);
  else value = date;
  return { start: result.index, end: result.index + result.text.length, type, value };
}

// Noon on the given day, so no time zone arithmetic moves it to another day.
const noon = (isoDay) => {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(y, m - 1, d, 12, 0, 0);
};

function speed(folder, passes) {
  // The same fixed anchor as the C# harness.
  const anchor = noon('2012-06-15');
  timedPasses(folder, passes, 'chrono', (t) => chrono.parse(t, anchor).length);
}

function timex(folder, out) {
  const dcts = JSON.parse(readFileSync(join(folder, 'dcts.json'), 'utf8'));
  const lines = [];
  for (const doc of Object.keys(dcts).sort()) {
    const text = readFileSync(join(folder, `${doc}.txt`), 'utf8');
    // A document without a creation date is parsed against today, as chrono does by default.
    const results = chrono.parse(text, dcts[doc] ? noon(dcts[doc]) : new Date());
    lines.push(JSON.stringify({ doc, timexes: results.map(timexOf) }));
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} documents written to ${out}`);
}

const [verb, folder, ...rest] = process.argv.slice(2);
const option = (name) => {
  const at = rest.indexOf(name);
  return at >= 0 ? rest[at + 1] : undefined;
};
if (verb === 'speed' && folder) speed(folder, Number(option('--passes') ?? 7));
else if (verb === 'timex' && folder && option('--out')) timex(folder, option('--out'));
else {
  console.error('usage: node chrono.mjs speed DIR [--passes N] | timex DIR --out FILE.jsonl');
  process.exit(2);
}
