/**
 * `npm run bench`: how fast and how large Decision Lens is, measured against ripgrep on the same
 * tree. Generates a synthetic monorepo (or takes `--real DIR`), then measures in one run: full
 * index, the same citation scan by ripgrep (cold and warm page cache), records parsed per second,
 * incremental updates, per-request latency on a 10,000-line file, index memory and activation
 * cost. Prints a table and writes the same figures as JSON.
 *
 * Started by `scripts/bench.mjs` (which installs ripgrep when missing and runs this bundle with
 * `--expose-gc`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isDecisionFile } from '../src/core/discovery';
import type { DecisionIndex, IndexChange } from '../src/core/index';
import { parseRecord } from '../src/core/parse/parseRecord';
import type { AdversarialResults } from './adversarial';
import { measureAdversarial, printAdversarial } from './adversarial';
import type { ActivationResult } from './activation';
import { measureActivation } from './activation';
import type { BenchOptions } from './args';
import { USAGE, parseArgs } from './args';
import type { GeneratedRepo } from './generate';
import { GENERATOR_VERSION, SCALES, generateRepo } from './generate';
import type { IndexBuild } from './indexRun';
import type { CoreTime } from './indexRun';
import { buildIndexFromDisk, indexInMemory, readAll } from './indexRun';
import { walk } from './nodeWorkspace';
import { printReport } from './report';
import { measureHistory, printHistory } from './history';
import type { EditorResults } from './editorSection';
import { editorTargets, measureEditor, printEditor } from './editorSection';
import type { MapResults } from './map';
import { mapTargets, measureMap } from './map';
import type { RequestResults } from './requests';
import { measureRequests } from './requests';
import type { RipgrepRun } from './ripgrep';
import { citationPattern, ripgrepVersion, runRipgrep } from './ripgrep';
import { median, percentile } from './rng';
import type { MachineInfo } from './system';
import { dropPageCache, machineInfo } from './system';

declare const gc: (() => void) | undefined;

/** Everything one run measured; written as JSON. */
export interface BenchResults {
  readonly version: 1;
  readonly date: string;
  readonly machine: MachineInfo;
  /** 1-minute load average when the measurements ended. */
  readonly loadAfter: number;
  readonly options: Omit<BenchOptions, 'help'>;
  readonly workspace: {
    readonly root: string;
    readonly kind: 'synthetic' | 'real';
    readonly generated?: GeneratedRepo;
    readonly files: number;
    readonly bytes: number;
    readonly recordFiles: number;
    readonly decisions: number;
    readonly citations: number;
    readonly folders: readonly { path: string; prefix: string; source: string }[];
  };
  readonly fullIndex: {
    readonly warm: PhaseStats;
    /** CPU seconds of the warm builds (user + system, all threads of the process). */
    readonly warmCpu: PhaseStats;
    readonly cold?: PhaseStats;
    readonly coldNote?: string;
    /** Listing and reading the same files without indexing (Node I/O floor), warm cache, seconds. */
    readonly readOnlySeconds: number;
    /** CPU time of the core alone (every file's text already in memory), median of the runs. */
    readonly core: CoreTime;
    readonly samples: readonly Omit<IndexBuild, 'index' | 'folders'>[];
  };
  readonly ripgrep: {
    readonly version?: string;
    readonly pattern: string;
    readonly warm?: PhaseStats;
    /** CPU seconds of the warm runs (user + system, all threads), when GNU time is installed. */
    readonly warmCpu?: PhaseStats;
    readonly warmSingleThread?: PhaseStats;
    readonly cold?: PhaseStats;
    readonly matches?: number;
    readonly note?: string;
  };
  /**
   * ours / ripgrep, from the medians (ripgrep with its default threads); `warmCpu` compares CPU
   * seconds, which other load on the machine disturbs less than wall-clock time.
   */
  readonly ratio: { readonly warm?: number; readonly cold?: number; readonly warmVsSingleThread?: number; readonly warmCpu?: number };
  readonly parse: {
    readonly recordFiles: number;
    readonly decisions: number;
    /** Median seconds to parse every record file once (texts already in memory). */
    readonly seconds: number;
    /** CPU seconds of the same parse (user + system), median. */
    readonly cpuSeconds: number;
    readonly firstSeconds: number;
    readonly recordsPerSecond: number;
  };
  readonly incremental: {
    record?: UpdateStats & { readonly path: string };
    source?: UpdateStats & { readonly path: string };
  };
  readonly requests?: RequestResults;
  readonly memory: {
    /** Heap held by the index after a forced GC (heap used with the index minus before it), MB. */
    readonly indexHeapMB?: number;
    readonly heapUsedMB: number;
    readonly rssMB: number;
    readonly maxRssMB: number;
    readonly note?: string;
  };
  readonly activation?: ActivationResult;
  /** Parser, citation finder and glob matcher on 0.1-2 MB adversarial inputs (bench/adversarial.ts). */
  readonly adversarial?: AdversarialResults;
  /** In the editor (code-server), when measured (`--editor`, the default). */
  readonly editor?: EditorResults;
  /** The Decision Map in Chromium (first render, pan/zoom frames), when Chromium is installed. */
  readonly map?: MapResults;
  readonly targets: readonly { readonly name: string; readonly target: string; readonly value: string; readonly met: boolean | undefined }[];
}

/** Milliseconds from a changed text to the index's change event, and to the answers of the queries after it. */
export interface UpdateStats {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly withQueryMedianMs: number;
  readonly withQueryP95Ms: number;
}

/** Median, p95 and samples of a timed phase, in seconds. */
export interface PhaseStats {
  readonly median: number;
  readonly p95: number;
  readonly samples: readonly number[];
}

function phase(samples: number[]): PhaseStats {
  return { median: median(samples), p95: percentile(samples, 95), samples };
}

function forceGc(): void {
  if (typeof gc === 'function') {
    gc();
    gc();
  }
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const repoRoot = resolve(process.env.DECISION_LENS_REPO ?? process.cwd());
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2), repoRoot);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
  const machine = machineInfo();
  log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverage}`);

  if (options.only === 'adversarial') {
    const adversarial = measureAdversarial(log);
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, JSON.stringify({ version: 1, date: new Date().toISOString(), machine, loadAfter: machineInfo().loadAverage, adversarial }, null, 2) + '\n');
    process.stdout.write(`\nDecision Lens benchmark, adversarial inputs only — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage} at start and ${machineInfo().loadAverage} at end\n`);
    printAdversarial(adversarial, (line) => process.stdout.write(line + '\n'));
    process.stdout.write(`\nJSON: ${options.out}\n`);
    return;
  }

  // ---- the workspace -------------------------------------------------------------------------
  let root: string;
  let generated: GeneratedRepo | undefined;
  let cleanup: string | undefined;
  if (options.real) {
    root = resolve(repoRoot, options.real);
    if (!existsSync(root)) throw new Error(`--real ${options.real}: no such folder`);
    log(`measuring ${root}`);
  } else {
    const scale = SCALES[options.scale];
    root = options.dir ? resolve(options.dir) : mkdtempSync(join(tmpdir(), `decision-lens-bench-${scale.name}-`));
    if (!options.dir && !options.keep) cleanup = root;
    const manifest = join(root, '.bench-manifest.json');
    const wanted = { generator: GENERATOR_VERSION, seed: options.seed, scale: scale.name };
    let reuse: GeneratedRepo | undefined;
    if (existsSync(manifest)) {
      try {
        const m = JSON.parse(readFileSync(manifest, 'utf8')) as { wanted: typeof wanted; repo: GeneratedRepo };
        if (JSON.stringify(m.wanted) === JSON.stringify(wanted)) reuse = m.repo;
      } catch {
        reuse = undefined;
      }
    }
    if (reuse) {
      generated = reuse;
      log(`reusing ${root} (seed ${options.seed}, scale ${scale.name})`);
    } else {
      if (options.dir) rmSync(root, { recursive: true, force: true });
      mkdirSync(root, { recursive: true });
      log(`generating ${scale.records} records and ${scale.files} source files into ${root} (seed ${options.seed})`);
      generated = generateRepo(root, scale, options.seed);
      writeFileSync(manifest, JSON.stringify({ wanted, repo: generated }, null, 2));
      log(`generated ${(generated.bytes / MB).toFixed(0)} MB in ${generated.seconds.toFixed(1)} s`);
    }
  }

  if (options.only === 'map' || options.only === 'editor') {
    const only = options.only;
    try {
      const build = await buildIndexFromDisk(root);
      log(`index: ${build.index.decisions().length} decisions in ${build.seconds.toFixed(2)} s`);
      const profileDir = options.profile ? join(repoRoot, 'bench', 'profiles') : undefined;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      const map = only === 'map' ? measureMap(build.index, root, repoRoot, log, profileDir) : undefined;
      const editor = only === 'editor' ? await measureEditor(root, build.index, options.editorRuns, repoRoot, log, profileDir) : undefined;
      build.index.dispose();
      mkdirSync(dirname(options.out), { recursive: true });
      writeFileSync(options.out, JSON.stringify({ version: 1, date: new Date().toISOString(), machine, loadAfter: machineInfo().loadAverage, map, editor }, null, 2) + '\n');
      const what = only === 'map' ? 'Decision Map' : 'in the editor';
      process.stdout.write(`\nDecision Lens benchmark, ${what} only — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage} at start and ${machineInfo().loadAverage} at end\n`);
      if (editor) printEditor(editor, (line) => process.stdout.write(line + '\n'));
      if (map) {
        for (const t of mapTargets(map)) process.stdout.write(`${t.name}: ${t.value} (target ${t.target}${t.met ? ', met' : ', NOT met'})\n`);
        if (Number.isFinite(map.dataToFrameMs)) process.stdout.write(`Data there (data.js run) to the first frame: ${map.dataToFrameMs.toFixed(0)} ms\n`);
        process.stdout.write(`First frame: ${map.visibleDecisions} of ${map.decisions} decision boxes in the window, ${map.clusters} cluster boxes; first render samples ${map.firstRenderSamples.map((v) => v.toFixed(0)).join(', ')} ms\n`);
        process.stdout.write(`Graph layout + SVG: ${map.renderMs.toFixed(0)} ms; timeline: ${map.timelineRenderMs.toFixed(0)} ms\n`);
      }
      if (profileDir) process.stdout.write(`CPU profiles: ${profileDir}/${only === 'map' ? 'map-*.cpuprofile' : 'editor-*.cpuprofile'}\n`);
      process.stdout.write(`\nJSON: ${options.out}\n`);
    } finally {
      if (cleanup) rmSync(cleanup, { recursive: true, force: true });
    }
    return;
  }

  try {
    const results = await measure(root, generated, options, repoRoot, log, machine);
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, JSON.stringify(results, null, 2) + '\n');
    printReport(results, (line) => process.stdout.write(line + '\n'));
    // History from git (bench/history.ts): its own generated repository of 10,000 commits.
    printHistory(await measureHistory(log), (line) => process.stdout.write(line + '\n'));
    if (results.editor) printEditor(results.editor, (line) => process.stdout.write(line + '\n'));
    process.stdout.write(`\nJSON: ${options.out}\n`);
  } finally {
    if (cleanup) {
      log(`removing ${cleanup}`);
      rmSync(cleanup, { recursive: true, force: true });
    }
  }
}

async function measure(
  root: string,
  generated: GeneratedRepo | undefined,
  options: BenchOptions,
  repoRoot: string,
  log: (m: string) => void,
  machine: MachineInfo,
): Promise<BenchResults> {
  // A first build (JIT warm-up, and the folders and prefixes for ripgrep's pattern).
  log('first index build (warm-up)');
  // Kept in a function scope so the index can be collected before the memory measurement.
  const first = await (async () => {
    const b = await buildIndexFromDisk(root);
    const summary = {
      folders: b.folders,
      prefixes: [...b.index.getCitationPrefixes()],
      decisions: b.index.decisions().length,
      recordFiles: new Set(b.index.decisions().map((d) => d.path)).size,
      citations: b.index.allCitations().length,
      files: b.files,
      seconds: b.seconds,
    };
    b.index.dispose();
    return summary;
  })();
  const { folders, prefixes, recordFiles } = first;
  const decisionsCount = first.decisions;
  const citationsCount = first.citations;
  const fileCount = first.files;
  // The I/O floor and the core's CPU time, with every text in memory once.
  const coreTimes: CoreTime[] = [];
  const floor = await (async () => {
    const loaded = await readAll(root, true);
    const like = await buildIndexFromDisk(root);
    for (let i = 0; i < options.runs; i++) coreTimes.push(indexInMemory(loaded, like.index));
    like.index.dispose();
    return { seconds: loaded.seconds, bytes: loaded.bytes };
  })();
  let readOnlySeconds = floor.seconds;
  const bytes = floor.bytes;
  forceGc();
  const core = [...coreTimes].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(coreTimes.length / 2)];
  log(`core CPU ${core.totalMs.toFixed(0)} ms (records ${core.recordsMs.toFixed(0)} ms), read floor ${readOnlySeconds.toFixed(2)} s`);
  log(`${fileCount} files, ${(bytes / MB).toFixed(0)} MB, ${folders.length} decision folders, ${decisionsCount} decisions, ${citationsCount} citations; first build ${first.seconds.toFixed(2)} s`);

  const pattern = citationPattern([...prefixes]);
  const rgVersion = ripgrepVersion();
  let rgNote: string | undefined = rgVersion ? undefined : 'ripgrep (rg) is not installed; scripts/bench.mjs installs it with apt-get when run as root';

  // ---- cold cache ------------------------------------------------------------------------------
  const coldOurs: number[] = [];
  const coldRg: number[] = [];
  let coldNote: string | undefined;
  if (!options.cold) coldNote = 'skipped (--no-cold)';
  else {
    const probe = dropPageCache();
    if (!probe.ok) coldNote = `not measured: cannot drop the page cache (${probe.reason})`;
    else {
      for (let i = 0; i < options.runs; i++) {
        // Alternate which goes first so neither profits from the other's read-ahead pattern.
        const order = i % 2 === 0 ? ['rg', 'ours'] : ['ours', 'rg'];
        for (const who of order) {
          dropPageCache();
          if (who === 'rg') {
            if (rgVersion) coldRg.push((await runRipgrep(root, pattern)).seconds);
          } else {
            const b = await buildIndexFromDisk(root);
            coldOurs.push(b.seconds);
            b.index.dispose();
            forceGc();
          }
        }
        log(`cold run ${i + 1}/${options.runs}: ours ${coldOurs.at(-1)?.toFixed(2)} s, rg ${coldRg.at(-1)?.toFixed(2) ?? '-'} s`);
      }
    }
  }

  // ---- warm cache ------------------------------------------------------------------------------
  const warmRg: RipgrepRun[] = [];
  const warmRg1: RipgrepRun[] = [];
  const warmOurs: number[] = [];
  const warmOursCpu: number[] = [];
  const samples: Omit<IndexBuild, 'index' | 'folders'>[] = [];
  if (rgVersion) {
    try {
      await runRipgrep(root, pattern); // warm the cache
    } catch (error) {
      rgNote = `ripgrep failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  {
    // The floor again, now that the cache is warm for certain.
    const again = await readAll(root, false);
    readOnlySeconds = Math.min(readOnlySeconds, again.seconds);
  }
  for (let i = 0; i < options.runs; i++) {
    if (rgVersion && !rgNote) {
      warmRg.push(await runRipgrep(root, pattern));
      warmRg1.push(await runRipgrep(root, pattern, 1));
    }
    forceGc();
    const b = await buildIndexFromDisk(root);
    warmOurs.push(b.seconds);
    warmOursCpu.push(b.cpuSeconds);
    const { index: idx, folders: _f, ...rest } = b;
    samples.push(rest);
    idx.dispose();
    log(
      `warm run ${i + 1}/${options.runs}: ours ${b.seconds.toFixed(2)} s (CPU ${b.cpuSeconds.toFixed(2)} s), ` +
        `rg ${warmRg.at(-1)?.seconds.toFixed(2) ?? '-'} s (CPU ${warmRg.at(-1)?.cpuSeconds?.toFixed(2) ?? '?'} s), rg -j1 ${warmRg1.at(-1)?.seconds.toFixed(2) ?? '-'} s`,
    );
  }

  // ---- parse rate ------------------------------------------------------------------------------
  const allFiles = await walk(root);
  const recordTexts: { path: string; text: string; log: boolean }[] = [];
  for (const path of allFiles) {
    const folder = isDecisionFile(path, folders);
    if (folder) recordTexts.push({ path, text: readFileSync(path, 'utf8'), log: folder.kind === 'log' });
  }
  const parseTimes: number[] = [];
  const parseCpu: number[] = [];
  let parsedDecisions = 0;
  // At least 5 passes and 2 s, so a small workspace is not measured on cold code only.
  const parseStarted = performance.now();
  for (let i = 0; i < Math.max(5, options.runs) || performance.now() - parseStarted < 2000; i++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let n = 0;
    for (const r of recordTexts) n += parseRecord(r.text, r.path, r.log ? { kind: 'log' } : {}).length;
    parseTimes.push((performance.now() - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    parseCpu.push((cpu.user + cpu.system) / 1e6);
    parsedDecisions = n;
  }
  const parseSeconds = median(parseTimes.slice(1));
  const parseCpuSeconds = median(parseCpu.slice(1));
  log(`parsed ${recordTexts.length} record files (${parsedDecisions} decisions) in ${(parseSeconds * 1000).toFixed(0)} ms`);

  // ---- memory: one index kept alive ------------------------------------------------------------
  forceGc();
  const heapBefore = process.memoryUsage().heapUsed;
  const kept = await buildIndexFromDisk(root);
  forceGc();
  const mem = process.memoryUsage();
  const indexHeapMB = typeof gc === 'function' ? (mem.heapUsed - heapBefore) / MB : undefined;
  const memory = {
    indexHeapMB,
    heapUsedMB: mem.heapUsed / MB,
    rssMB: mem.rss / MB,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    ...(typeof gc === 'function' ? {} : { note: 'run without --expose-gc: index heap not measured' }),
  };
  log(`index heap ${indexHeapMB?.toFixed(1) ?? '?'} MB, RSS ${memory.rssMB.toFixed(0)} MB`);

  // ---- incremental updates ---------------------------------------------------------------------
  const index = kept.index;
  const incremental: BenchResults['incremental'] = {};
  const recordPath = generated?.sampleRecord ?? recordTexts[Math.floor(recordTexts.length / 2)]?.path;
  if (recordPath) {
    const text = readFileSync(recordPath, 'utf8');
    const changed = text.replace(/(## Status\s+)(\w+)/, '$1Deprecated').replace(/^(# .*)$/m, '$1 (revised)');
    incremental.record = { ...timeUpdates(index, recordPath, [text, changed === text ? text + '\nEdited.\n' : changed], options.requestRuns, (i) => {
      const d = i.recordsIn(recordPath)[0];
      if (d) {
        i.citationsOf(d);
        i.relationsOf(d);
        i.decisions();
      }
    }), path: recordPath };
  }
  const sourcePath = generated?.sampleSource ?? index.sourcePaths().find((p) => index.citationsIn(p).length > 0);
  if (sourcePath) {
    const text = readFileSync(sourcePath, 'utf8');
    const d = index.decisions()[0];
    const changed = text.replace(/\n/, `\n// see ${d?.display ?? 'ADR-1'} for the reason\n`);
    incremental.source = { ...timeUpdates(index, sourcePath, [text, changed], options.requestRuns, (i) => {
      i.citationsIn(sourcePath);
      if (d) i.citationsOf(d);
    }), path: sourcePath };
  }
  log(`incremental: record ${incremental.record?.medianMs.toFixed(2)} ms, source ${incremental.source?.medianMs.toFixed(2)} ms`);

  // ---- per-request latency ---------------------------------------------------------------------
  let requests: RequestResults | undefined;
  const bigFile = generated?.bigFile ?? largestSource(index);
  if (bigFile) {
    const text = readFileSync(bigFile, 'utf8');
    requests = measureRequests(index, bigFile, text, root, options.requestRuns);
    log(`requests on ${requests.lines} lines: citations ${requests.citations.medianMs.toFixed(2)} ms, CodeLens ${requests.codeLens.medianMs.toFixed(2)} ms, hover ${requests.hover.medianMs.toFixed(3)} ms`);
  }
  // ---- the Decision Map in Chromium (bench/map.ts) ---------------------------------------------
  let map: MapResults | undefined;
  try {
    map = measureMap(index, root, repoRoot, log);
  } catch (error) {
    log(`map: not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  // ---- in the editor (code-server) -------------------------------------------------------------
  let editor: EditorResults | undefined;
  if (options.editor) {
    try {
      const profileDir = options.profile ? join(repoRoot, 'bench', 'profiles') : undefined;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      editor = await measureEditor(root, index, options.editorRuns, repoRoot, log, profileDir);
    } catch (error) {
      editor = { first: {}, reopen: {}, runs: { first: [], reopen: [] }, errors: [error instanceof Error ? error.message : String(error)] };
    }
    log(`editor: first ready ${editor.first.readyMs?.toFixed(0) ?? '?'} ms, hover ${editor.first.hoverMs?.toFixed(0) ?? '?'} ms, reopen ${editor.reopen.readyMs?.toFixed(0) ?? '?'} ms`);
  }
  index.dispose();

  // ---- activation ------------------------------------------------------------------------------
  let activation: ActivationResult | undefined;
  if (options.activation) {
    log('production build, bundle load and VSIX');
    const staging = mkdtempSync(join(tmpdir(), 'decision-lens-bench-vsix-'));
    try {
      activation = measureActivation(repoRoot, staging, 9, { vsix: options.vsix });
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  // ---- adversarial inputs ----------------------------------------------------------------------
  let adversarial: AdversarialResults | undefined;
  if (options.adversarial) {
    log('adversarial inputs: parser, citation finder, glob matcher on 0.1, 1 and 2 MB');
    adversarial = measureAdversarial(log);
  }

  // ---- results ---------------------------------------------------------------------------------
  const warmStats = phase(warmOurs);
  const coldStats = coldOurs.length ? phase(coldOurs) : undefined;
  const rgWarm = warmRg.length ? phase(warmRg.map((r) => r.seconds)) : undefined;
  const rgWarm1 = warmRg1.length ? phase(warmRg1.map((r) => r.seconds)) : undefined;
  const rgCpuSamples = warmRg.flatMap((r) => (r.cpuSeconds !== undefined ? [r.cpuSeconds] : []));
  const rgWarmCpu = rgCpuSamples.length ? phase(rgCpuSamples) : undefined;
  const oursWarmCpu = phase(warmOursCpu);
  const rgCold = coldRg.length ? phase(coldRg) : undefined;
  const ratio = {
    warm: rgWarm ? warmStats.median / rgWarm.median : undefined,
    cold: rgCold && coldStats ? coldStats.median / rgCold.median : undefined,
    warmVsSingleThread: rgWarm1 ? warmStats.median / rgWarm1.median : undefined,
    warmCpu: rgWarmCpu ? oursWarmCpu.median / rgWarmCpu.median : undefined,
  };
  const recordsPerSecond = parsedDecisions / parseSeconds;
  const fmt = (n: number | undefined, unit: string, digits = 1): string => (n === undefined || Number.isNaN(n) ? 'not measured' : `${n.toFixed(digits)} ${unit}`);
  const scaleNote = generated?.scale === 'default' ? '' : ' (target is for the default scale)';
  const targets = [
    { name: 'full index vs ripgrep (warm)', target: '≤ 2×', value: ratio.warm !== undefined ? `${ratio.warm.toFixed(2)}×` : 'not measured', met: ratio.warm !== undefined ? ratio.warm <= 2 : undefined },
    { name: 'full index vs ripgrep (warm, CPU time)', target: '≤ 2×', value: ratio.warmCpu !== undefined ? `${ratio.warmCpu.toFixed(2)}×` : 'not measured', met: ratio.warmCpu !== undefined ? ratio.warmCpu <= 2 : undefined },
    { name: 'full index vs ripgrep (cold)', target: '≤ 2×', value: ratio.cold !== undefined ? `${ratio.cold.toFixed(2)}×` : 'not measured', met: ratio.cold !== undefined ? ratio.cold <= 2 : undefined },
    {
      name: `parse ${parsedDecisions} decisions${scaleNote}`,
      target: '< 1 s for 2,000',
      value: fmt(parseSeconds * 1000, 'ms', 0),
      met: parseSeconds * (2000 / Math.max(1, parsedDecisions)) < 1,
    },
    {
      name: 'incremental update (record / source)',
      target: '< 20 ms',
      value: `${fmt(incremental.record?.withQueryMedianMs, 'ms', 2)} / ${fmt(incremental.source?.withQueryMedianMs, 'ms', 2)}`,
      met: incremental.record && incremental.source ? incremental.record.withQueryMedianMs < 20 && incremental.source.withQueryMedianMs < 20 : undefined,
    },
    {
      name: `per-request latency, ${requests?.lines ?? '?'} lines (median)`,
      target: '< 10 ms',
      value: requests ? `${requests.citations.medianMs.toFixed(2)} / ${requests.codeLens.medianMs.toFixed(2)} / ${requests.hover.medianMs.toFixed(3)} ms` : 'not measured',
      met: requests ? Math.max(requests.citations.medianMs, requests.codeLens.medianMs, requests.hover.medianMs) < 10 : undefined,
    },
    ...(editor ? editorTargets(editor) : []),
    ...(map ? mapTargets(map) : []),
    { name: 'index memory (heap after GC)', target: '< 150 MB', value: fmt(indexHeapMB, 'MB'), met: indexHeapMB !== undefined ? indexHeapMB < 150 : undefined },
  ];
  const { help: _h, ...opts } = options;
  return {
    version: 1,
    date: new Date().toISOString(),
    machine,
    loadAfter: machineInfo().loadAverage,
    options: opts,
    workspace: {
      root,
      kind: generated ? 'synthetic' : 'real',
      generated,
      files: fileCount,
      bytes,
      recordFiles,
      decisions: decisionsCount,
      citations: citationsCount,
      folders: folders.map((f) => ({ path: f.path, prefix: f.prefix, source: f.source })),
    },
    fullIndex: { warm: warmStats, warmCpu: oursWarmCpu, cold: coldStats, coldNote, readOnlySeconds, core, samples },
    ripgrep: { version: rgVersion, pattern, warm: rgWarm, warmCpu: rgWarmCpu, warmSingleThread: rgWarm1, cold: rgCold, matches: warmRg[0]?.matches, note: rgNote },
    ratio,
    parse: { recordFiles: recordTexts.length, decisions: parsedDecisions, seconds: parseSeconds, cpuSeconds: parseCpuSeconds, firstSeconds: parseTimes[0], recordsPerSecond },
    incremental,
    requests,
    memory,
    activation,
    ...(adversarial ? { adversarial } : {}),
    ...(editor ? { editor } : {}),
    ...(map ? { map } : {}),
    targets,
  };
}

/**
 * Times `upsert` of a changed text until the index's change event, alternating two texts, and
 * the same followed by the queries the editor makes after the event.
 */
function timeUpdates(index: DecisionIndex, path: string, texts: [string, string], runs: number, query: (i: DecisionIndex) => void): UpdateStats {
  const plain: number[] = [];
  const withQuery: number[] = [];
  let fired = 0;
  const sub = index.onDidChange((_c: IndexChange) => void fired++);
  const warm = Math.max(2, Math.floor(runs / 10));
  for (let i = 0; i < runs + warm; i++) {
    const before = fired;
    const t0 = performance.now();
    index.upsert(path, texts[i % 2]);
    const t1 = performance.now();
    if (fired === before) throw new Error(`no change event after upsert(${path})`);
    query(index);
    const t2 = performance.now();
    if (i >= warm) {
      plain.push(t1 - t0);
      withQuery.push(t2 - t0);
    }
  }
  sub.dispose();
  index.upsert(path, texts[0]);
  return { medianMs: median(plain), p95Ms: percentile(plain, 95), withQueryMedianMs: median(withQuery), withQueryP95Ms: percentile(withQuery, 95) };
}

/** @returns the source file with the most citations (the largest among equals), for per-request latency. */
function largestSource(index: DecisionIndex): string | undefined {
  let best: string | undefined;
  let bestScore: [number, number] = [-1, -1];
  for (const p of index.sourcePaths()) {
    try {
      const size = readFileSync(p).length;
      const score: [number, number] = [index.citationsIn(p).length, size];
      if (size < 2 * MB && (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1]))) {
        best = p;
        bestScore = score;
      }
    } catch {
      // skip
    }
  }
  return best;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
