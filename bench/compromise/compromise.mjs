// compromise (14.17.0), the most used general NLP library in JavaScript, as a peer of our figure recogniser through its
// built-in number parsing: nlp(text) then .numbers(), .money() and .percentages(); and of our entity recogniser through
// .people(), .places() and .organizations() (PER, LOC, ORG; compromise has no MISC).
//   speed DIR [--passes N]          the texts of bench/Dossier.Bench.Annotate's corpus (DIR/files.txt), timed with its
//                                   protocol: one warm-up pass, N timed passes of figuresOf over every text, medians
//   entities-speed DIR [--passes N] the same protocol for entitiesOf (bench/ner.sh: the ECB+ texts)
//   ner FILE.conll --out OUT        CoNLL-2003 (valid.txt): each document's tokens joined with spaces and its sentences
//                                   with newlines (as eval/run ner rebuilds them), entitiesOf on that text, and the
//                                   entities mapped back onto the tokens: OUT has one `token<TAB>IOB2 tag` line per
//                                   token, blank lines between sentences, for eval/run ner --system OUT
//   figures DIR --out FILE.jsonl [--with-dates]
//                                   the MEANTIME texts eval/run figures writes (--write-texts DIR: DIR/<doc>.txt); writes
//                                   one line per document for eval/run figures --system FILE.jsonl
// The mapping from compromise's matches to figures {start, end, kind, low, high}:
//   matches      the cardinal numbers of .numbers() (ordinals such as "first" are not figures, and numbers compromise
//                tags as part of a date or time, "2013" in "October 10, 2013", are not either: --with-dates keeps them),
//                .money() and .percentages(); matches that overlap or touch an empty one are one figure (money "5,000
//                euros" inside numbers "5.5 billion and 5,000" is one; compromise writes a range "60-80" as "60-80"
//                plus empty "to" and "80" terms after it), spanning all of them
//   span         from the first term's start to the last term's end (a match's own offset takes the punctuation after
//                it); when compromise read a unit word written right after the number ("3.5 percent", unit "percent"),
//                the figure spans it too
//   kind         money when a .money() match is in it, else percent when a .percentages() match is, else count
//   low, high    the first .numbers() value in it (it carries the multiplier: "$1.2 billion" is 1.2e9, where .money()
//                says 1.2) as both, or for a range (terms tagged NumberRange) its lowest and highest; else the money
//                or percentage value
// Offsets are compromise's term offsets, which count JavaScript string units: UTF-16, as in the C# strings.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { timedPasses } from '../passes.mjs';

// Start and end of a match from its terms, checked against the text so an offset in other units cannot pass unseen.
function spanOf(text, match) {
  const first = match.terms[0].offset;
  const last = match.terms.at(-1).offset;
  const start = first.start;
  const end = last.start + last.length;
  for (const t of match.terms) {
    if (text.slice(t.offset.start, t.offset.start + t.offset.length) !== t.text)
      throw new Error(`compromise's offset ${t.offset.start} does not hold "${t.text}"`);
  }
  return { start, end };
}

// compromise's own parsed unit, when it is the word written right after the span.
function withUnit(text, span, unit) {
  if (!unit) return span;
  const after = /^\s+(\S+)/u.exec(text.slice(span.end, span.end + 40));
  return after && after[1].toLowerCase() === unit.toLowerCase() ? { start: span.start, end: span.end + after[0].length } : span;
}

const isDate = (m) => m.terms.some((t) => t.tags.includes('Date') || t.tags.includes('Time'));

export function figuresOf(text, withDates = false) {
  const doc = nlp(text);
  const found = [];
  const add = (source) => (m) => {
    if (source === 'number' && !withDates && isDate(m)) return;
    const span = withUnit(text, spanOf(text, m), m.number?.unit);
    const value = m.number?.num ?? m.money?.num;
    found.push({
      ...span, source, value: typeof value === 'number' && Number.isFinite(value) ? value : null,
      implicit: m.terms[0].offset.length === 0, range: m.terms.some((t) => t.tags.includes('NumberRange')),
    });
  };
  doc.numbers().isCardinal().json({ offset: true }).forEach(add('number'));
  doc.money().json({ offset: true }).forEach(add('money'));
  doc.percentages().json({ offset: true }).forEach(add('percent'));
  // Overlapping matches become one figure: sweep them by start.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const figures = [];
  let group = [];
  const close = () => {
    if (group.length === 0) return;
    const kind = group.some((m) => m.source === 'money') ? 'money' : group.some((m) => m.source === 'percent') ? 'percent' : 'count';
    const numbers = group.filter((m) => m.source === 'number' && m.value !== null).map((m) => m.value);
    const values = numbers.length > 0 ? numbers : group.filter((m) => m.value !== null).map((m) => m.value);
    const range = numbers.length > 1 && group.some((m) => m.range);
    const [low, high] = range ? [Math.min(...numbers), Math.max(...numbers)] : [values[0] ?? null, values[0] ?? null];
    const start = group[0].start;
    const end = Math.max(...group.map((m) => m.end));
    // An empty figure is the implicit end of a range whose start was a date.
    if (end > start) figures.push({ start, end, kind, low, high });
    group = [];
  };
  for (const m of found) {
    const end = group.length > 0 ? Math.max(...group.map((g) => g.end)) : -1;
    if (group.length > 0 && (m.start > end || (m.start === end && !m.implicit))) close();
    group.push(m);
  }
  close();
  return figures;
}

// People, places and organisations as {start, end, type} in UTF-16 offsets, ordered by start (longest first).
export function entitiesOf(text) {
  const doc = nlp(text);
  const found = [];
  for (const [type, view] of [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]]) {
    for (const m of view.json({ offset: true })) {
      if (m.terms.length > 0) found.push({ ...spanOf(text, m), type });
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

function speed(folder, passes, stage = 'compromise', found = (t) => figuresOf(t).length) {
  timedPasses(folder, passes, stage, found, 3, true);
}

function figures(folder, out, withDates) {
  const docs = readdirSync(folder).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  const lines = docs.map((doc) => JSON.stringify({ doc, figures: figuresOf(readFileSync(join(folder, `${doc}.txt`), 'utf8'), withDates) }));
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} documents written to ${out}`);
}

// CoNLL documents as sentences of tokens: the token is the first column; -DOCSTART- lines start a document.
function readConll(file) {
  const documents = [];
  let sentences = [];
  let sentence = [];
  const endSentence = () => { if (sentence.length > 0) sentences.push(sentence); sentence = []; };
  const endDocument = () => { endSentence(); if (sentences.length > 0) documents.push(sentences); sentences = []; };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) endDocument();
    else if (line.trim() === '') endSentence();
    else sentence.push(line.trim().split(/[ \t]+/u)[0]);
  }
  endDocument();
  return documents;
}

// Each token takes the type of the first entity (by start, longest first) that overlaps it; B- on an entity's first token.
function ner(file, out) {
  const output = [];
  let entities = 0;
  for (const sentences of readConll(file)) {
    let text = '';
    const tokens = [];
    for (const words of sentences) {
      if (text.length > 0) text += '\n';
      for (let k = 0; k < words.length; k++) {
        if (k > 0) text += ' ';
        tokens.push({ word: words[k], start: text.length, end: text.length + words[k].length, tag: 'O' });
        text += words[k];
      }
    }
    for (const e of entitiesOf(text)) {
      let first = true;
      for (const t of tokens) {
        if (t.end <= e.start || t.start >= e.end || t.tag !== 'O') continue;
        t.tag = `${first ? 'B' : 'I'}-${e.type}`;
        first = false;
      }
      if (!first) entities++;
    }
    output.push('-DOCSTART-\tO', '');
    let at = 0;
    for (const words of sentences) {
      for (let k = 0; k < words.length; k++, at++) output.push(`${tokens[at].word}\t${tokens[at].tag}`);
      output.push('');
    }
  }
  writeFileSync(out, output.join('\n') + '\n');
  console.log(`${entities} entities written to ${out}`);
}

const [verb, folder, ...rest] = process.argv.slice(2);
const option = (name) => {
  const at = rest.indexOf(name);
  return at >= 0 ? rest[at + 1] : undefined;
};
if (verb === 'speed' && folder) speed(folder, Number(option('--passes') ?? 7));
else if (verb === 'entities-speed' && folder) speed(folder, Number(option('--passes') ?? 7), 'compromise-entities', (t) => entitiesOf(t).length);
else if (verb === 'ner' && folder && option('--out')) ner(folder, option('--out'));
else if (verb === 'figures' && folder && option('--out')) figures(folder, option('--out'), rest.includes('--with-dates'));
else {
  console.error('usage: node compromise.mjs speed DIR [--passes N] | figures DIR --out FILE.jsonl [--with-dates] | entities-speed DIR [--passes N] | ner FILE.conll --out OUT');
  process.exit(2);
}
