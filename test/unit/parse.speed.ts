/**
 * Parser speed, measured (not asserted): `npx tsx test/unit/parse.speed.ts [count]`.
 *
 * Parses `count` (default 2,000) records made from the real corpus records of 1.5–6 KB (about
 * 3 KB each, every format family), five times in one process, and prints wall and CPU time per
 * run next to the markdown-it block pass alone over the same texts (a yardstick that shows how
 * busy the machine is). Then a 5 MB record and a 5 MB decision log. Not run by mocha.
 */
import MarkdownIt from 'markdown-it';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { corpusRecords } from './parseHelpers';

const count = Number(process.argv[2] ?? 2000);

function corpus(): { path: string; text: string }[] {
  return corpusRecords().filter((f) => f.text.length >= 1500 && f.text.length <= 6000);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

const files = corpus();
const inputs = Array.from({ length: count }, (_, i) => {
  const f = files[i % files.length];
  const name = f.path.slice(f.path.lastIndexOf('/') + 1);
  // Vary text and name so nothing can be cached between records.
  return { path: `${f.path.slice(0, f.path.lastIndexOf('/'))}/${String(i).padStart(5, '0')}-${name}`, text: `${f.text}\n<!-- ${i} -->\n` };
});
const bytes = inputs.reduce((n, x) => n + x.text.length, 0);
console.log(`${count} records from ${files.length} corpus files, ${(bytes / count / 1024).toFixed(2)} KB each on average, ${(bytes / 1e6).toFixed(2)} MB`);

const md = new MarkdownIt('commonmark', { html: true });
md.core.ruler.disable(['inline', 'text_join']);
for (let run = 1; run <= 5; run++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let decisions = 0;
  for (const x of inputs) decisions += parseRecord(x.text, x.path).length;
  const wall = performance.now() - t0;
  const cpu = cpuMs(c0);
  const b0 = process.cpuUsage();
  for (const x of inputs) md.parse(x.text, {});
  console.log(
    `run ${run}: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU for ${decisions} decisions (${((wall / count) * 1000).toFixed(0)} µs per record); markdown-it block pass alone ${cpuMs(b0).toFixed(0)} ms CPU`,
  );
}

let big = '# 9. Big record\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n';
const section = '## Context\n\nLorem ipsum, `code` and [a link](https://example.com).\n\n* Supersedes [1. X](0001-x.md)\n\n```\ncode\n```\n';
while (big.length < 5 * 1024 * 1024) big += section;
let c = process.cpuUsage();
let t = performance.now();
parseRecord(big, '/w/doc/adr/0009-big.md');
console.log(`5 MB record: ${(performance.now() - t).toFixed(0)} ms wall, ${cpuMs(c).toFixed(0)} ms CPU`);

let log = '# Decision log\n\n';
for (let i = 1; log.length < 5 * 1024 * 1024; i++) log += `## Entry ${i}\n\nDate: 2024-01-01\nDecision: Do thing ${i}.\nStatus: Accepted\n\n${'Some prose. '.repeat(20)}\n\n`;
c = process.cpuUsage();
t = performance.now();
const entries = parseRecord(log, '/w/DECISIONS.md').length;
console.log(`5 MB decision log (${entries} entries): ${(performance.now() - t).toFixed(0)} ms wall, ${cpuMs(c).toFixed(0)} ms CPU`);
