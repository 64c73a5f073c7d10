// The timed-passes loop both JavaScript peers run (bench/chrono, bench/compromise), as the C# harness's PassTimes does:
// one warm-up pass, then N timed passes over the corpus in DIR (files.txt lists its texts), each checked against the
// warm-up's count; prints each pass on stderr and one RESULT line of medians on stdout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** found(text) returns how many things the system found in one text; digits sets the MB/s precision printed. */
export function timedPasses(folder, passes, stage, found, digits = 2, withMedians = false) {
  const texts = readFileSync(join(folder, 'files.txt'), 'utf8').split('\n').filter(Boolean)
    .map((name) => readFileSync(join(folder, name), 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const pass = () => texts.reduce((n, t) => n + found(t), 0);
  console.log(`corpus ${texts.length} texts, ${bytes} UTF-8 bytes, ${chars} chars; ${passes} timed passes after one warm-up`);
  const checksum = pass();
  const wall = [];
  const cpu = [];
  for (let p = 1; p <= passes; p++) {
    globalThis.gc?.();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const again = pass();
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpuBefore);
    wall.push(seconds);
    cpu.push((used.user + used.system) / 1e6);
    if (again !== checksum) throw new Error(`pass ${p} found ${again}, the warm-up ${checksum}`);
    console.error(`${stage} pass ${p}: ${(bytes / seconds / 1e6).toFixed(digits)} MB/s (${(seconds * 1000).toFixed(0)} ms wall, ${(cpu.at(-1) * 1000).toFixed(0)} ms CPU)`);
  }
  const w = median(wall);
  const c = median(cpu);
  const medians = withMedians ? ` median_ms=${(w * 1000).toFixed(1)} cpu_ms=${(c * 1000).toFixed(1)}` : '';
  console.log(`RESULT stage=${stage} mbps=${(bytes / w / 1e6).toFixed(digits)} mchars=${(chars / w / 1e6).toFixed(digits)} cpu_mbps=${(bytes / c / 1e6).toFixed(digits)} min_ms=${(Math.min(...wall) * 1000).toFixed(0)} max_ms=${(Math.max(...wall) * 1000).toFixed(0)} found=${checksum}${medians}`);
}
