/**
 * The "adversarial inputs" measurement of `npm run bench` (issue 9): the parser, the citation
 * finder and the glob matcher on inputs of 0.1, 1 and 2 MB in the shapes a fuzzing session found
 * slow (bracket and link runs, huge headings, deep YAML, digit and blank runs, exponential
 * globs). Linear code shows the same time per MB at every size; superlinear code shows it
 * growing. A measurement whose time, extrapolated from the growth between the two sizes before
 * (0.05 MB is measured for that), would exceed {@link BUDGET_MS} is not run and says so, so a
 * quadratic path cannot stall the bench.
 *
 * Runs in the default bench and alone: `npm run bench -- --only adversarial`.
 */
import { findCitations } from '../src/core/citations';
import { compileGlobs } from '../src/core/glob';
import { parseRecord } from '../src/core/parse/parseRecord';
import { table } from './table';

/** Input sizes, MB. */
export const SIZES_MB: readonly number[] = [0.1, 1, 2];
/** Longest single measurement the bench will start (ms), judged by extrapolating the growth. */
export const BUDGET_MS = 20_000;

const MB = 1024 * 1024;

/** One measurement: a component on one shape at one size. */
export interface AdversarialRow {
  readonly component: 'parser' | 'citations' | 'glob';
  readonly shape: string;
  readonly sizeMB: number;
  /** Wall-clock milliseconds of one run (the faster of two below 1 MB), absent when not run. */
  readonly ms?: number;
  readonly msPerMB?: number;
  /** Why it was not run. */
  readonly skipped?: string;
}

/** The worst shape of a component at one size. */
export interface AdversarialWorst {
  readonly component: AdversarialRow['component'];
  readonly sizeMB: number;
  readonly shape: string;
  /** Worst time per MB over the shapes that ran; `Infinity` written as absent when one was skipped. */
  readonly msPerMB?: number;
  readonly skipped?: string;
}

/** Everything the adversarial measurement found. */
export interface AdversarialResults {
  readonly sizesMB: readonly number[];
  readonly rows: readonly AdversarialRow[];
  readonly worst: readonly AdversarialWorst[];
}

/** Repeats `unit` to `bytes` characters (ASCII units, so characters are bytes). */
function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

const frontMatter = (yaml: string, body: string): string => `---\n${yaml}\n---\n${body}`;

/** Record shapes: each builds a record of about `n` characters. */
const RECORD_SHAPES: Record<string, (n: number) => string> = {
  'bracket run': (n) => '# 1. T\n\n' + fill('[', n),
  'link run [a](': (n) => '# 1. T\n\n' + fill('[a](', n),
  'huge heading': (n) => '# ' + fill('x', n),
  'deep YAML + body': (n) => frontMatter('tags: ' + '["a€", '.repeat(4000), '# 1. T\n\n' + fill('Text. ', n)),
  'large YAML + body': (n) => frontMatter(fill('k: v\n', 30_000), '# 1. T\n\n' + fill('Text. ', n)),
  'digit run': (n) => '# ADR-' + fill('1', n),
  'blank run': (n) => '# 1. T\n' + fill('\n', n),
  'key line run': (n) => '# 1. T\n\n' + fill('Status: x\n', n),
  'decision log entries': (n) => '# Decisions\n\n' + fill('## D\n\nDecision: x\n\n', n),
};

/** Source shapes for the citation finder (run as TypeScript, Python and Markdown). */
const SOURCE_SHAPES: Record<string, (n: number) => string> = {
  'bracket run': (n) => '// ' + fill('[', n),
  'link run [ADR-1](': (n) => '// ' + fill('[ADR-1](', n),
  'citation run': (n) => '// ' + fill('ADR-1 ', n),
  'annotation run @ADR(': (n) => fill('@ADR(', n),
  'digit run': (n) => '// ADR-' + fill('1', n),
  'path run docs/adr/': (n) => '// ' + fill('docs/adr/', n),
  'blank run': (n) => fill('\n', n),
  'comment run': (n) => fill('/* ADR 5 */', n),
};

/** Globs matched against one long path (the path is the input that grows). */
const GLOB_SHAPES: Record<string, { globs: readonly string[]; path: (n: number) => string }> = {
  '*a*a*a*a*a*a*a*a*ab': { globs: ['*a*a*a*a*a*a*a*a*ab'], path: (n) => fill('a', n) },
  '**/a/**/a/**/a/**/b': { globs: ['**/a/**/a/**/a/**/a/**/b'], path: (n) => fill('a/', n) + 'a' },
  '[a-z]*[a-z]*...x': { globs: ['[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*x'], path: (n) => fill('ab', n) },
  '{a,b,c,d}*a*a*b': { globs: ['{a,b,c,d}*a*a*a*b'], path: (n) => fill('a', n) },
  'exclude list (12 globs)': {
    globs: ['**/node_modules/**', '**/.git/**', '**/out/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/*.min.js', '**/.vscode-test/**', 'tmp/**', '**/*.log', '*a*a*a*a*a*b', '**/x*y*z*'],
    path: (n) => fill('src/', n) + 'a.ts',
  },
};

function time(run: () => void, repeat: number): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * Runs every shape at every size.
 * @param log progress lines.
 * @returns the rows (ms and ms per MB) and the worst shape per component and size.
 */
export function measureAdversarial(log: (m: string) => void = () => undefined): AdversarialResults {
  const rows: AdversarialRow[] = [];
  const series = (component: AdversarialRow['component'], shape: string, run: (bytes: number) => () => void): void => {
    run(10_000)(); // warm-up (JIT)
    // Measured points (size, ms); the first, at half the smallest size, only gives the growth.
    const points: { sizeMB: number; ms: number }[] = [{ sizeMB: SIZES_MB[0] / 2, ms: time(run((SIZES_MB[0] / 2) * MB), 2) }];
    for (const sizeMB of SIZES_MB) {
      if (points.length >= 2) {
        const [a, b] = points.slice(-2);
        // Growth exponent from the last two sizes (1 = linear), at least 1, at most 3.
        const k = Math.min(3, Math.max(1, Math.log(Math.max(b.ms, 0.01) / Math.max(a.ms, 0.01)) / Math.log(b.sizeMB / a.sizeMB)));
        const predicted = b.ms * (sizeMB / b.sizeMB) ** k;
        if (predicted > BUDGET_MS) {
          rows.push({ component, shape, sizeMB, skipped: `not run: ~${(predicted / 1000).toFixed(0)} s at growth n^${k.toFixed(1)} (${b.ms.toFixed(0)} ms at ${b.sizeMB} MB)` });
          continue;
        }
      }
      const ms = time(run(sizeMB * MB), sizeMB < 1 ? 2 : 1);
      rows.push({ component, shape, sizeMB, ms, msPerMB: ms / sizeMB });
      points.push({ sizeMB, ms });
    }
    log(`adversarial ${component} / ${shape}: ${rows.filter((r) => r.component === component && r.shape === shape).map((r) => (r.ms !== undefined ? `${r.ms.toFixed(0)} ms` : 'skipped')).join(', ')}`);
  };
  for (const [shape, make] of Object.entries(RECORD_SHAPES)) {
    series('parser', shape, (bytes) => {
      const text = make(bytes);
      const path = shape.startsWith('decision log') ? 'docs/DECISIONS.md' : 'docs/adr/0001-x.md';
      return () => void parseRecord(text, path);
    });
  }
  for (const [shape, make] of Object.entries(SOURCE_SHAPES)) {
    series('citations', shape, (bytes) => {
      const text = make(bytes);
      return () => {
        for (const fileName of ['a.ts', 'a.py', 'a.md']) findCitations(text, { prefixes: ['ADR', 'MADR', 'DL'], fileName });
      };
    });
  }
  for (const [shape, { globs, path }] of Object.entries(GLOB_SHAPES)) {
    const set = compileGlobs(globs);
    if (set.rejected.length > 0) throw new Error(`bench glob rejected: ${set.rejected.map((r) => r.source).join(', ')}`);
    series('glob', shape, (bytes) => {
      const p = path(bytes);
      return () => void set.matches(p);
    });
  }
  const worst: AdversarialWorst[] = [];
  for (const component of ['parser', 'citations', 'glob'] as const) {
    for (const sizeMB of SIZES_MB) {
      const at = rows.filter((r) => r.component === component && r.sizeMB === sizeMB);
      const skipped = at.find((r) => r.skipped);
      const ran = at.filter((r) => r.msPerMB !== undefined).sort((a, b) => (b.msPerMB ?? 0) - (a.msPerMB ?? 0));
      if (skipped) worst.push({ component, sizeMB, shape: skipped.shape, skipped: skipped.skipped });
      else if (ran[0]) worst.push({ component, sizeMB, shape: ran[0].shape, msPerMB: ran[0].msPerMB });
    }
  }
  return { sizesMB: SIZES_MB, rows, worst };
}

/**
 * Prints the adversarial tables: worst time per MB per component and size, then every shape.
 * @param print receives one line at a time (Markdown).
 */
export function printAdversarial(a: AdversarialResults, print: (line: string) => void): void {
  print('');
  print('Adversarial inputs: worst time per MB (linear code keeps it flat as the input grows)');
  print('');
  const head = ['component', ...a.sizesMB.map((s) => `${s} MB`), 'worst shape (largest size)'];
  const body = (['parser', 'citations', 'glob'] as const).map((component) => {
    const cells = a.sizesMB.map((sizeMB) => {
      const w = a.worst.find((x) => x.component === component && x.sizeMB === sizeMB);
      return w?.msPerMB !== undefined ? `${w.msPerMB.toFixed(0)} ms/MB` : w?.skipped ? 'not run (superlinear)' : '-';
    });
    const last = a.worst.filter((x) => x.component === component).at(-1);
    return [component === 'citations' ? 'citation finder' : component === 'glob' ? 'glob matcher' : 'parser', ...cells, last?.shape ?? '-'];
  });
  table([head, ...body], print);
  print('');
  const detail = [['component', 'shape', ...a.sizesMB.map((s) => `${s} MB`)]];
  const keys = [...new Set(a.rows.map((r) => `${r.component}\u0000${r.shape}`))];
  for (const k of keys) {
    const [component, shape] = k.split('\u0000');
    const cells = a.sizesMB.map((sizeMB) => {
      const r = a.rows.find((x) => x.component === component && x.shape === shape && x.sizeMB === sizeMB);
      if (!r) return '-';
      if (r.ms === undefined) return r.skipped ?? 'not run';
      return `${r.ms.toFixed(r.ms < 10 ? 1 : 0)} ms (${(r.msPerMB ?? 0).toFixed(0)}/MB)`;
    });
    detail.push([component, shape, ...cells]);
  }
  table(detail, print);
}
