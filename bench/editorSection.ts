/**
 * "In the editor": the same tree opened in code-server with the packaged extension (see
 * `bench/editor.ts`), measured in the same run as VS Code's own ripgrep listing the files that
 * can cite (`--files-with-matches` with the finder's prefilter). Reports the first index
 * (activation -> ready), the records phase, the first hover answer after activation, the reopen
 * with the cache, a record edit until the index and CodeLens have it, extension-host CPU and
 * memory, each index time with its ratio to ripgrep.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EXCLUDED_DIRS } from '../src/core/config';
import type { DecisionIndex } from '../src/core/index';
import { citationPrefilter } from '../src/core/prefilter';
import { ripgrepFiles } from '../src/host/ripgrep';
import type { EditorRun, EditorRunInput } from './editor';
import type { EditorBenchResults } from './editorRunner/protocol';
import { median } from './rng';

/** The section's figures (JSON). Times in ms unless named otherwise. */
export interface EditorResults {
  readonly ripgrep?: { readonly path: string; readonly medianMs: number; readonly samplesMs: readonly number[]; readonly files: number };
  readonly first: Summary;
  readonly reopen: Summary;
  readonly editToIndexMs?: number;
  readonly editToCodeLensMs?: number;
  /** Median time from the edit until the extension host heard of it (the workbench's round trip). */
  readonly editArrivedMs?: number;
  /** Median wait, the record open, for a core to be idle before the edit (at most 8 s). */
  readonly editSettleMs?: number;
  readonly runs: { readonly first: readonly EditorBenchResults[]; readonly reopen: readonly EditorBenchResults[] };
  readonly errors: readonly string[];
  readonly note?: string;
}

interface Summary {
  readonly readyMs?: number;
  readonly recordsMs?: number;
  readonly hoverMs?: number;
  readonly cpuSeconds?: number;
  readonly rssMB?: number;
  readonly heapUsedMB?: number;
  /** When the first hover was asked: the runner asks as soon as its editor is open, then every 50 ms. */
  readonly hoverAskedMs?: number;
}

/** The ripgrep of the code-server the integration tests use (`vscode.env.appRoot` there). */
function codeServerRipgrep(): string | undefined {
  const path = join(homedir(), '.cache', 'decision-lens', 'code-server-4.100.3', 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  return existsSync(path) ? path : undefined;
}

function summarize(list: readonly EditorBenchResults[]): Summary {
  const m = (pick: (r: EditorBenchResults) => number | undefined): number | undefined => {
    const v = list.map(pick).filter((x): x is number => x !== undefined);
    return v.length ? median(v) : undefined;
  };
  return {
    readyMs: m((r) => r.readyMs),
    recordsMs: m((r) => r.recordsMs),
    hoverMs: m((r) => r.hoverAnsweredMs),
    hoverAskedMs: m((r) => r.hoverAskedMs),
    cpuSeconds: m((r) => r.cpuSeconds),
    rssMB: m((r) => r.rssMB),
    heapUsedMB: m((r) => r.heapUsedMB),
  };
}

/**
 * Measures the editor on `root`.
 * @param index an index of the same tree (for a citation to hover and a record to edit).
 * @param runs first-index sessions (each followed by a reopen).
 */
export async function measureEditor(root: string, index: DecisionIndex, runs: number, repoRoot: string, log: (m: string) => void, profileDir?: string): Promise<EditorResults> {
  const empty = { first: {}, reopen: {}, runs: { first: [], reopen: [] }, errors: [] };
  const rg = codeServerRipgrep();
  if (!rg) return { ...empty, note: 'code-server is not installed (node scripts/install-test-deps.mjs)' };
  // A citation in a source file that resolves, and the record it cites (titled on one line).
  const citation = index.allCitations().find((c) => !c.inRecord && c.decision && c.form === 'id' && c.decision.titleRange.start.line === c.decision.titleRange.end.line && c.decision.format === 'nygard');
  if (!citation?.decision) return { ...empty, note: 'no resolved citation to hover' };
  const d = citation.decision;
  const input: EditorRunInput = {
    root,
    hover: { file: citation.path, line: citation.range.start.line, character: citation.range.start.character + 1, title: d.title },
    record: { file: d.path, line: d.titleRange.start.line, start: d.titleRange.start.character, end: d.titleRange.end.character },
    runs,
    ...(profileDir ? { profileDir } : {}),
  };
  const prefilter = citationPrefilter([...index.getCitationPrefixes()]);
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < Math.max(3, runs); i++) {
    const t0 = performance.now();
    files = (await ripgrepFiles({ rgPath: rg, paths: [root], prefilter, maxFileBytes: 2 * 1024 * 1024, excludedDirs: DEFAULT_EXCLUDED_DIRS, follow: true })).files.length;
    samples.push(performance.now() - t0);
  }
  const ripgrep = { path: rg, medianMs: median(samples), samplesMs: samples, files };
  log(`editor: VS Code's ripgrep lists ${files} candidate files in ${ripgrep.medianMs.toFixed(0)} ms`);

  const scratch = mkdtempSync(join(tmpdir(), 'decision-lens-bench-editor-'));
  try {
    const inputFile = join(scratch, 'input.json');
    writeFileSync(inputFile, JSON.stringify(input));
    log(`editor: ${runs} code-server session(s) on ${root}, each followed by a reopen`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench', 'editor.ts'), inputFile], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 30 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = (child.stdout ?? '').trim().split('\n').pop() ?? '';
    let run: EditorRun;
    try {
      run = JSON.parse(line) as EditorRun;
    } catch {
      return { ...empty, ripgrep, errors: [`bench/editor.ts printed no results (exit ${child.status ?? child.signal}): ${line.slice(0, 400)}`] };
    }
    const errors = [...run.errors, ...run.first.concat(run.reopen).flatMap((r) => (r.error ? [r.error] : []))];
    const editIndex = run.first.map((r) => r.editToIndexMs).filter((x): x is number => x !== undefined);
    const editLens = run.first.map((r) => r.editToCodeLensMs).filter((x): x is number => x !== undefined);
    const editArrived = run.first.map((r) => r.editArrivedMs).filter((x): x is number => x !== undefined);
    const editSettle = run.first.map((r) => r.editSettleMs).filter((x): x is number => x !== undefined);
    return {
      ripgrep,
      first: summarize(run.first.filter((r) => !r.error)),
      reopen: summarize(run.reopen.filter((r) => !r.error)),
      ...(editIndex.length ? { editToIndexMs: median(editIndex) } : {}),
      ...(editLens.length ? { editToCodeLensMs: median(editLens) } : {}),
      ...(editArrived.length ? { editArrivedMs: median(editArrived) } : {}),
      ...(editSettle.length ? { editSettleMs: median(editSettle) } : {}),
      runs: { first: run.first, reopen: run.reopen },
      errors,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The section's table rows and targets. */
export function editorTargets(e: EditorResults): { name: string; target: string; value: string; met: boolean | undefined }[] {
  const rg = e.ripgrep?.medianMs;
  const ratio = (v: number | undefined): string => (v !== undefined && rg ? ` (${(v / rg).toFixed(1)}× rg)` : '');
  const ms = (v: number | undefined): string => (v === undefined ? 'not measured' : `${(v / 1000).toFixed(2)} s`);
  return [
    { name: 'editor: first index, activation -> ready', target: '≤ 3× ripgrep', value: ms(e.first.readyMs) + ratio(e.first.readyMs), met: e.first.readyMs !== undefined && rg ? e.first.readyMs <= 3 * rg : undefined },
    { name: 'editor: first hover answer after activation', target: '≤ 1 s', value: ms(e.first.hoverMs), met: e.first.hoverMs !== undefined ? e.first.hoverMs <= 1000 : undefined },
    { name: 'editor: reopen with the cache, activation -> ready', target: '≤ 1 s', value: ms(e.reopen.readyMs) + ratio(e.reopen.readyMs), met: e.reopen.readyMs !== undefined ? e.reopen.readyMs <= 1000 : undefined },
    {
      name: 'editor: record edit -> index / CodeLens',
      target: '≤ 0.5 s',
      value: `${ms(e.editToIndexMs)} / ${ms(e.editToCodeLensMs)}`,
      met: e.editToIndexMs !== undefined && e.editToCodeLensMs !== undefined ? Math.max(e.editToIndexMs, e.editToCodeLensMs) <= 500 : undefined,
    },
  ];
}

/** Prints the section as a Markdown table. */
export function printEditor(e: EditorResults, print: (line: string) => void): void {
  print('');
  print('In the editor (code-server 4.100.3, packaged extension; times after Decision Lens activation, medians):');
  if (e.note) print(`  not measured: ${e.note}`);
  const rg = e.ripgrep?.medianMs;
  const row = (name: string, v: number | undefined, unit = 's'): string =>
    `| ${name} | ${v === undefined ? 'not measured' : unit === 's' ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(unit === 'MB' ? 0 : 2)} ${unit}`} | ${v !== undefined && rg && unit === 's' ? `${(v / rg).toFixed(1)}×` : '-'} |`;
  print('| measurement | value | / VS Code ripgrep |');
  print('|---|---|---|');
  print(`| VS Code's ripgrep, files that can cite (${e.ripgrep?.files ?? '?'} files) | ${rg !== undefined ? `${(rg / 1000).toFixed(2)} s` : 'not measured'} | 1× |`);
  print(row('first index: records in (tree, hover, Go to Decision)', e.first.recordsMs));
  print(row('first index: activation -> ready', e.first.readyMs));
  print(row('first hover answer after activation', e.first.hoverMs));
  print(row('  asked at (the runner\'s editor open)', e.first.hoverAskedMs));
  print(row('reopen with the cache: activation -> ready', e.reopen.readyMs));
  print(row('reopen: first hover answer', e.reopen.hoverMs));
  print(row('  asked at', e.reopen.hoverAskedMs));
  print(row('record edit -> index (tree)', e.editToIndexMs));
  print(row('record edit -> CodeLens', e.editToCodeLensMs));
  print(row('  of which the edit reaching the extension host', e.editArrivedMs));
  print(`| before the edit: the record open, waiting for a core to be idle | ${e.editSettleMs !== undefined ? `${(e.editSettleMs / 1000).toFixed(2)} s` : 'not measured'} | - |`);
  print(`| extension host CPU at ready, first / reopen | ${e.first.cpuSeconds?.toFixed(2) ?? '?'} s / ${e.reopen.cpuSeconds?.toFixed(2) ?? '?'} s | - |`);
  print(`| extension host memory at ready (RSS / heap), first | ${e.first.rssMB?.toFixed(0) ?? '?'} MB / ${e.first.heapUsedMB?.toFixed(0) ?? '?'} MB | - |`);
  for (const err of e.errors) print(`  error: ${err.split('\n')[0]}`);
}
