/**
 * Citation finder speed, measured (not asserted): `npx tsx test/unit/citations.speed.ts`.
 *
 * 1. A 10,000-line TypeScript file (the benchmark's shape: code lines, a comment citing a decision
 *    every 50 lines, some URLs and paths), `findCitations` in the default comments-only mode,
 *    median of 30 runs.
 * 2. Inputs that made earlier finders superlinear: for each, the CPU time at 100 KB and 800 KB and
 *    the ratio (about 8 when linear, about 64 when quadratic). Not run by mocha.
 */
import { findCitations } from '../../src/core/citations';
import { commentRegions, commentSyntaxFor } from '../../src/core/commentSyntax';
import type { CommentSyntax } from '../../src/core/commentSyntax';

const PREFIXES = ['ADR', 'MADR', 'RFC', 'D'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function bigSource(lines: number): string {
  const code = [
    'export function handle(input: string): number {',
    '  const value = input.trim().split(",").map((x) => Number.parseInt(x, 10));',
    "  if (value.length === 0) throw new Error('empty input: ' + input);",
    '  return value.reduce((a, b) => a + b, 0); // sum',
    '}',
    '/** Returns the order state after `event`, see the state table. */',
    'const url = "https://example.com/api/v1/orders?page=2";',
    '  for (let i = 0; i < n; i++) total += weights[i] * values[i];',
  ];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % 50 === 25) out.push(`  // see ADR-${String(i % 97).padStart(4, '0')} for why this transition exists`);
    else if (i % 500 === 100) out.push('  // https://github.com/org/repo/blob/main/docs/adr/0018-version-identifier.md');
    else if (i % 500 === 300) out.push('  // docs/decisions/0042-use-postgres.md#consequences');
    else out.push(code[i % code.length]);
  }
  return out.join('\n') + '\n';
}

const big = bigSource(10_000);
const bigMs = time(() => findCitations(big, { prefixes: PREFIXES, fileName: 'orderStateMachine.ts', commentsOnly: true }), 30);
const found = findCitations(big, { prefixes: PREFIXES, fileName: 'orderStateMachine.ts', commentsOnly: true }).length;
console.log(`10,000-line .ts file (${(big.length / 1024).toFixed(0)} KB): ${bigMs.toFixed(2)} ms median, ${found} citations`);
const anyMs = time(() => findCitations(big, { prefixes: PREFIXES, fileName: 'orderStateMachine.ts', commentsOnly: false }), 30);
console.log(`same file, --anywhere: ${anyMs.toFixed(2)} ms median`);

/** Inputs that made earlier finders superlinear: a name, a file name and a builder of about `n` characters. */
const cases: [string, string, (n: number) => string][] = [
  ['README of repeated link brackets `[a](`', 'README.md', (n) => '[a]('.repeat(n / 4)],
  ['README of nested brackets `[[[`', 'README.md', (n) => '['.repeat(n)],
  ['README of link definitions `[a]: `', 'README.md', (n) => '[a]: '.repeat(n / 5)],
  ['README of `x` code spans', 'README.md', (n) => '`x` '.repeat(n / 4)],
  ['README of unclosed code spans', 'README.md', (n) => '`` a '.repeat(n / 5)],
  ['README of one long path without .md', 'README.md', (n) => 'docs/adr/' + 'x-'.repeat(n / 2)],
  ['README of a URL-like run', 'README.md', (n) => 'https://github.com/o/r/blob/main/' + 'x/'.repeat(n / 2)],
  ['README of ADR-1-ADR-1-', 'README.md', (n) => 'ADR-1-'.repeat(n / 6)],
  ['.ts comment of words', 'x.ts', (n) => '// ' + 'word '.repeat(n / 5)],
  ['.ts comment of dotted words `a.a.`', 'x.ts', (n) => '// ' + 'a.'.repeat(n / 2)],
  ['.ts comment of `ADR ADR`', 'x.ts', (n) => '// ' + 'ADR '.repeat(n / 4)],
  ['.ts comment of `@ADR( `', 'x.ts', (n) => '// ' + '@ADR( '.repeat(n / 6)],
  ['.ts comment of `http://`', 'x.ts', (n) => '// ' + 'http://'.repeat(n / 7)],
  ['.ts code of unclosed strings', 'x.ts', (n) => '"a\n'.repeat(n / 3)],
  ['.ts code of block comment openers', 'x.ts', (n) => '/* '.repeat(n / 3)],
];

function cpuMs(fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 1000);
  }
  return median(samples);
}

// CPU time (less disturbed than wall-clock time by other work on the machine), at 100 KB and 800 KB:
// a linear finder takes about 8 times as long on the larger input, a quadratic one about 64 times.
console.log('\ninput | 100 KB ms CPU | 800 KB ms CPU | ratio');
for (const [name, file, build] of cases) {
  if (process.argv[2] !== undefined && !name.includes(process.argv[2])) continue;
  // Every input also holds a citation, so the cheap pre-check passes and the full scan runs.
  const small = build(100_000) + ' ADR-1 x.md';
  const large = build(800_000) + ' ADR-1 x.md';
  const a = cpuMs(() => findCitations(small, { prefixes: PREFIXES, fileName: file }));
  const b = cpuMs(() => findCitations(large, { prefixes: PREFIXES, fileName: file }));
  console.log(`${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / Math.max(a, 0.05)).toFixed(1)}`);
}

const syntaxes: [string, CommentSyntax][] = [];
for (const f of ['x.ts', 'x.py', 'x.sh', 'x.rb']) {
  const s = commentSyntaxFor(undefined, f);
  if (typeof s !== 'string') syntaxes.push([f, s]);
}
console.log('\ncommentRegions input | 100 KB ms CPU | 800 KB ms CPU | ratio');
for (const [f, s] of syntaxes) {
  for (const [name, build] of [
    ['backslashes', (n: number) => '\\'.repeat(n)],
    ['quotes', (n: number) => '"'.repeat(n)],
    ['spaces then #', (n: number) => ' '.repeat(n) + '#'],
    ['=begin lines', (n: number) => ' =begin\n'.repeat(n / 8)],
  ] as [string, (n: number) => string][]) {
    const small = build(100_000);
    const large = build(800_000);
    const a = cpuMs(() => commentRegions(small, s));
    const b = cpuMs(() => commentRegions(large, s));
    console.log(`${f} ${name} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / Math.max(a, 0.05)).toFixed(1)}`);
  }
}
