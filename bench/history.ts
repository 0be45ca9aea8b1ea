/**
 * Benchmark of the history from git: a generated repository with 10,000 commits (2,000 MADR
 * records proposed and later accepted, 5,000 source files in 100 modules that the records
 * govern with `applies-to` and 5% of which cite a record, renames), written with
 * `git fast-import`; then
 * - the history pass: `git log --raw -M` over every commit, parsed into per-file histories
 *   (target < 2 s), and the same pass when HEAD has not moved (cached by HEAD) and after 10 new
 *   commits (incremental);
 * - provenance of the 2,000 records (their versions through one `git cat-file --batch`, each
 *   parsed to find the status change) and drift of every accepted decision.
 *
 * Run alone: `npx tsx bench/history.ts [--commits N] [--keep]`; `npm run bench` runs it too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHistory, repoInfo } from '../src/core/gitHistory';
import { DecisionIndex } from '../src/core/index';
import { logArgs, parseGitLog, buildHistory } from '../src/core/history';
import { nodeGitRunner } from '../src/cli/git';
import { table } from './table';

/** What the history benchmark measured (seconds unless named otherwise). */
export interface HistoryResults {
  readonly commits: number;
  readonly records: number;
  readonly sourceFiles: number;
  readonly generateSeconds: number;
  /** `git log` alone. */
  readonly gitLogSeconds: number;
  readonly logBytes: number;
  /** Parsing the log and building per-file histories. */
  readonly parseSeconds: number;
  /** `GitHistory.history()` from nothing: git log + parse + build. */
  readonly historyPassSeconds: number;
  /** CPU time of the same (this process and git). */
  readonly historyPassCpuSeconds: number;
  /** `history()` again at the same HEAD. */
  readonly cachedSeconds: number;
  /** `history()` after 10 new commits (`<old>..HEAD`). */
  readonly incrementalSeconds: number;
  /** Provenance of every record and drift of every accepted decision (`GitHistory.report`). */
  readonly reportSeconds: number;
  readonly reportCpuSeconds: number;
  /** Drift alone over the history read. */
  readonly driftSeconds: number;
  readonly withProvenance: number;
  readonly withDrift: number;
  readonly medianDriftCommits: number;
}

/** A small deterministic random number generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function record(n: number, status: string): string {
  const mod = n % 100;
  return `---\nstatus: ${status}\ndate: 2025-01-01\napplies-to:\n  - src/mod${mod}/**\n---\n\n# Decision ${n} for module ${mod}\n\n## Context and Problem Statement\n\nModule ${mod} needs decision ${n}.\n\n## Decision Outcome\n\nChosen option: "option ${n}", because it is simple.\n`;
}

function recordPath(n: number): string {
  return `docs/decisions/${String(n).padStart(4, '0')}-decision-${n}.md`;
}

/**
 * Writes the repository with `git fast-import`.
 * @returns the final text of every record and citing source (for the index), by repository path.
 */
export function generateHistoryRepo(dir: string, commits: number, records: number, sources: number, seed = 1): Map<string, string> {
  const random = rng(seed);
  const files = new Map<string, string>();
  const out: string[] = [];
  let time = Date.UTC(2020, 0, 1) / 1000;
  const authors = ['Alice Adams', 'Bob Brown', 'Carol Chen', 'Dan Diaz', 'Eve Evans', 'Femi Falade'];
  const sourcePaths: string[] = [];
  for (let i = 0; i < sources; i++) sourcePaths.push(`src/mod${i % 100}/file${i}.ts`);
  const sourceText = (i: number, version: number): string => `${i % 20 === 0 ? `// ADR-${String((i * 7) % records + 1).padStart(4, '0')}: why\n` : ''}export const v${i} = ${version};\n`;
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const modify = (path: string, text: string): void => {
    files.set(path, text);
    out.push(`M 100644 inline ${path}\n${data(text)}`);
  };
  // Records are created one every (commits * 0.8 / records) commits and most are accepted later.
  const createEvery = Math.max(1, Math.floor((commits * 0.8) / records));
  const acceptAt = new Map<number, number[]>();
  const version = new Map<number, number>();
  let renamed = 0;
  for (let c = 0; c < commits; c++) {
    time += 600 + Math.floor(random() * 3600);
    const author = authors[Math.floor(random() * authors.length)];
    out.push(`commit refs/heads/main\nmark :${c + 1}\nauthor ${author} <${author.split(' ')[0].toLowerCase()}@example.com> ${time} +0000\ncommitter ${author} <${author.split(' ')[0].toLowerCase()}@example.com> ${time} +0000\n${data(`Commit ${c}`)}`);
    if (c > 0) out.push(`from :${c}\n`);
    if (c === 0) {
      for (let i = 0; i < sources; i++) modify(sourcePaths[i], sourceText(i, 0));
    } else {
      if (c % createEvery === 0 && c / createEvery <= records) {
        const n = c / createEvery;
        modify(recordPath(n), record(n, 'proposed'));
        if (random() < 0.7) {
          const at = c + 1 + Math.floor(random() * 400);
          acceptAt.set(at, [...(acceptAt.get(at) ?? []), n]);
        }
      }
      for (const n of acceptAt.get(c) ?? []) modify(recordPath(n), record(n, 'accepted'));
      const touched = 1 + Math.floor(random() * 4);
      for (let k = 0; k < touched; k++) {
        const i = Math.floor(random() * sourcePaths.length);
        const v = (version.get(i) ?? 0) + 1;
        version.set(i, v);
        modify(sourcePaths[i], sourceText(i, v));
      }
      if (c % 500 === 0) {
        const i = Math.floor(random() * sourcePaths.length);
        const from = sourcePaths[i];
        const to = from.replace(/file(\d+)\.ts$/, `renamed${renamed++}-file$1.ts`);
        out.push(`R ${from} ${to}\n`);
        files.set(to, files.get(from) as string);
        files.delete(from);
        sourcePaths[i] = to;
      }
    }
    out.push('\n');
  }
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: out.join(''), maxBuffer: 1024 * 1024 * 1024 });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: dir });
  return files;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** CPU seconds of this process and of its finished children (git), from `/proc/self/stat` where there is one. */
function cpuNow(): number {
  const own = process.cpuUsage();
  let children: number;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 (cutime, cstime) are the 14th and 15th after the command name, in clock ticks.
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    children = 0;
  }
  return (own.user + own.system) / 1e6 + children;
}

/**
 * Generates the repository and measures.
 * @param commits commits to generate (default 10,000).
 */
export async function measureHistory(log: (message: string) => void, commits = 10_000, keep = false): Promise<HistoryResults> {
  const records = 2000;
  const sources = 5000;
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'decision-lens-bench-history-')));
  try {
    log(`history: generating ${commits} commits, ${records} records, ${sources} source files into ${dir}`);
    let t = process.hrtime.bigint();
    const files = generateHistoryRepo(dir, commits, records, sources);
    const generateSeconds = seconds(t);
    const git = nodeGitRunner(dir, { timeoutMs: 300_000 });
    const info = await repoInfo(git);
    if (!info) throw new Error('the generated repository is not a repository');

    t = process.hrtime.bigint();
    const logBytes = await git.run(logArgs(info.head), { maxBytes: 1024 * 1024 * 1024 });
    const gitLogSeconds = seconds(t);
    t = process.hrtime.bigint();
    buildHistory(parseGitLog(new TextDecoder().decode(logBytes)), info.head);
    const parseSeconds = seconds(t);

    const history = new GitHistory(git, info);
    let cpu = cpuNow();
    t = process.hrtime.bigint();
    await history.history();
    const historyPassSeconds = seconds(t);
    const historyPassCpuSeconds = cpuNow() - cpu;
    t = process.hrtime.bigint();
    await history.history();
    const cachedSeconds = seconds(t);

    const index = new DecisionIndex({ folders: [{ path: `${dir}/docs/decisions`, prefix: 'ADR', kind: 'folder', source: 'default' }] });
    for (const [path, text] of files) if (path.startsWith('docs/') || text.startsWith('// ADR-')) index.upsert(`${dir}/${path}`, text);
    cpu = cpuNow();
    t = process.hrtime.bigint();
    const report = await history.report(index, dir);
    const reportSeconds = seconds(t);
    const reportCpuSeconds = cpuNow() - cpu;
    const read = await history.history();
    t = process.hrtime.bigint();
    history.driftOf(index, dir, read, report.provenance);
    const driftSeconds = seconds(t);

    // Ten more commits: the next read is `<old>..HEAD`.
    const env = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@example.com' };
    for (let i = 0; i < 10; i++) execFileSync('git', ['commit', '-q', '--allow-empty', '-m', `more ${i}`], { cwd: dir, env });
    t = process.hrtime.bigint();
    await history.history();
    const incrementalSeconds = seconds(t);

    const driftCommits = [...report.drift.values()].map((d) => d.commits).sort((a, b) => a - b);
    return {
      commits,
      records,
      sourceFiles: sources,
      generateSeconds,
      gitLogSeconds,
      logBytes: logBytes.length,
      parseSeconds,
      historyPassSeconds,
      historyPassCpuSeconds,
      cachedSeconds,
      incrementalSeconds,
      reportSeconds,
      reportCpuSeconds,
      driftSeconds,
      withProvenance: report.provenance.size,
      withDrift: report.drift.size,
      medianDriftCommits: driftCommits[Math.floor(driftCommits.length / 2)] ?? 0,
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the results as a Markdown table. */
export function printHistory(r: HistoryResults, print: (line: string) => void): void {
  const s = (n: number): string => `${n.toFixed(3)} s`;
  print('');
  print(`History from git: ${r.commits.toLocaleString('en-US')} commits, ${r.records.toLocaleString('en-US')} records, ${r.sourceFiles.toLocaleString('en-US')} source files (generated in ${r.generateSeconds.toFixed(1)} s)`);
  print('');
  table(
    [
      ['measurement', 'time', 'note'],
      ['history pass (git log + parse + per-file histories)', s(r.historyPassSeconds), `CPU ${s(r.historyPassCpuSeconds)} (ours and git's); target < 2 s: ${r.historyPassSeconds < 2 ? 'met' : r.historyPassCpuSeconds < 2 ? 'met in CPU time, not in wall-clock time' : 'not met'}`],
      ['  git log --raw -M alone', s(r.gitLogSeconds), `${(r.logBytes / 1024 / 1024).toFixed(1)} MB of output`],
      ['  parse + per-file histories alone', s(r.parseSeconds), ''],
      ['history again at the same HEAD', s(r.cachedSeconds), 'cached by HEAD'],
      ['history after 10 new commits', s(r.incrementalSeconds), '<old HEAD>..HEAD'],
      ['provenance of every record + drift', s(r.reportSeconds), `CPU ${s(r.reportCpuSeconds)}; ${r.withProvenance} with provenance, ${r.withDrift} accepted with drift (median ${r.medianDriftCommits} commits)`],
      ['  drift alone', s(r.driftSeconds), `${r.withDrift} decisions`],
    ],
    print,
  );
}

if (process.argv[1] && /bench[/\\]history\.ts$/.test(process.argv[1])) {
  const at = process.argv.indexOf('--commits');
  const commits = at > 0 ? Number(process.argv[at + 1]) : 10_000;
  void measureHistory((m) => process.stderr.write(`[bench] ${m}\n`), commits, process.argv.includes('--keep')).then((r) => printHistory(r, (l) => process.stdout.write(l + '\n')));
}
