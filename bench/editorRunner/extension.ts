// The bench runner: inside the extension host, waits for Decision Lens, asks a hover as early as
// it can, records when the records and the whole index were ready, CPU and memory, and (first
// session, once the editor settled after the build) times a record edit until the index and
// CodeLens show it. Without DECISION_LENS_BENCH_CONFIG it does nothing.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { cpus } from 'node:os';
import * as vscode from 'vscode';
import type { EditorBenchConfig, EditorBenchResults } from './protocol';
import { BENCH_CONFIG_ENV } from './protocol';

interface IndexerLike {
  readonly timings: { createdAt: number; recordsAt?: number; readyAt?: number };
  readonly buildStats?: unknown;
  readonly cacheState?: unknown;
  whenReady(): Promise<void>;
  whenRecordsReady(): Promise<void>;
  whenCacheWritten(): Promise<void>;
  readonly index: { recordsIn(path: string): readonly { readonly title: string }[] };
}
interface ApiLike {
  readonly indexer: IndexerLike;
  decisions(): { title: string; uri: string }[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/**
 * Waits until the machine has settled: at least one core idle (all cores' busy time, from
 * `os.cpus()`, under (cores - 1) / cores of the window) in two windows of 250 ms running, or 8 s.
 * @returns the milliseconds waited.
 */
async function settle(): Promise<number> {
  const started = Date.now();
  const busy = (): { busy: number; all: number } => {
    let b = 0;
    let a = 0;
    for (const c of cpus()) {
      const t = c.times;
      b += t.user + t.nice + t.sys + t.irq;
      a += t.user + t.nice + t.sys + t.irq + t.idle;
    }
    return { busy: b, all: a };
  };
  const cores = cpus().length;
  let quiet = 0;
  while (quiet < 2 && Date.now() - started < 8000) {
    const before = busy();
    await sleep(250);
    const after = busy();
    const share = (after.busy - before.busy) / Math.max(1, after.all - before.all);
    quiet = share <= (cores - 1) / cores ? quiet + 1 : 0;
  }
  return Date.now() - started;
}

/** A CPU profile of this extension host (Chrome DevTools format), started now. */
function startProfile(): { stop(file: string): Promise<void> } {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
  const started = post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 500 })).then(() => post('Profiler.start'));
  return {
    async stop(file) {
      await started;
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function measure(config: EditorBenchConfig, profiler?: { stop(file: string): Promise<void> }): Promise<EditorBenchResults> {
  const runnerStarted = Date.now();
  let extension = vscode.extensions.getExtension<ApiLike>('decision-lens.decision-lens');
  for (let i = 0; !extension && i < 100; i++) {
    await sleep(50);
    extension = vscode.extensions.getExtension<ApiLike>('decision-lens.decision-lens');
  }
  if (!extension) throw new Error('Decision Lens is not installed');
  const api = extension.isActive ? extension.exports : await extension.activate();
  const indexer = api.indexer;
  const t0 = indexer.timings.createdAt;
  const since = (t: number | undefined): number | undefined => (t === undefined ? undefined : t - t0);

  // The first hover, asked as soon as the citing document is open.
  const uri = vscode.Uri.file(config.hover.file);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  let hoverAskedMs: number | undefined;
  let hoverAnsweredMs: number | undefined;
  let text = '';
  for (let i = 0; i < 600 && !text.includes(config.hover.title); i++) {
    const asked = Date.now();
    hoverAskedMs ??= asked - t0;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(config.hover.line, config.hover.character));
    text = hoverText(hovers).replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    if (text.includes(config.hover.title)) {
      hoverAnsweredMs = Date.now() - t0;
    } else await sleep(50);
  }
  await indexer.whenReady();
  if (profiler && config.profileFile) await profiler.stop(config.profileFile);
  const cpu = process.cpuUsage();
  const mem = process.memoryUsage();
  const base: EditorBenchResults = {
    session: config.session,
    vscodeVersion: vscode.version,
    runnerStartMs: runnerStarted - t0,
    hoverAskedMs,
    hoverAnsweredMs,
    hoverText: text.slice(0, 200),
    recordsMs: since(indexer.timings.recordsAt),
    readyMs: since(indexer.timings.readyAt),
    buildStats: indexer.buildStats,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMB: mem.rss / 1024 / 1024,
    heapUsedMB: mem.heapUsed / 1024 / 1024,
  };
  if (!config.record) {
    await indexer.whenCacheWritten();
    return { ...base, cache: indexer.cacheState };
  }

  // A record edit in a settled editor (the first build's follow-up work done: diagnostics of the
  // whole workspace, the cache written): a new title, typed into the open record; until the index
  // and CodeLens have it.
  await indexer.whenCacheWritten();
  const recordUri = vscode.Uri.file(config.record.file);
  const record = await vscode.workspace.openTextDocument(recordUri);
  await vscode.window.showTextDocument(record, { preview: false, preserveFocus: true });
  // Opening a Markdown file starts VS Code's own Markdown extension and its language server,
  // which reads every Markdown file of the workspace: the edit waits until that settles.
  const editSettleMs = await settle();
  const newTitle = `Bench edit ${Date.now()}`;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(recordUri, new vscode.Range(config.record.line, config.record.start, config.record.line, config.record.end), newTitle);
  // When the extension host hears of the edit (what a keystroke in the editor costs to get here):
  // the rest of the time is ours.
  let editArrivedMs: number | undefined;
  const arrived = vscode.workspace.onDidChangeTextDocument((e) => {
    if (editArrivedMs === undefined && e.document.uri.toString() === recordUri.toString() && e.contentChanges.length > 0) editArrivedMs = Date.now() - editedAt;
  });
  const editedAt = Date.now();
  await vscode.workspace.applyEdit(edit);
  let editToIndexMs: number | undefined;
  let editToCodeLensMs: number | undefined;
  const deadline = editedAt + 10_000;
  // The index is watched on its own (a CodeLens round trip takes longer than the index update).
  const watch = setInterval(() => {
    // The edited record alone (listing all 2,000 decisions every 5 ms would load the host itself).
    if (editToIndexMs === undefined && indexer.index.recordsIn(config.record?.file ?? '').some((d) => d.title === newTitle)) editToIndexMs = Date.now() - editedAt;
  }, 5);
  while (Date.now() < deadline && (editToIndexMs === undefined || editToCodeLensMs === undefined)) {
    if (editToCodeLensMs === undefined) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      if ((lenses ?? []).some((l) => l.command?.title.includes(newTitle))) editToCodeLensMs = Date.now() - editedAt;
    }
    await sleep(10);
  }
  clearInterval(watch);
  arrived.dispose();
  // Revert the record (the command reverts the active editor: focus it first), so the reopen does
  // not restore the edited title from hot exit and measures the record as it is on disk.
  await vscode.window.showTextDocument(record, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (record.isDirty) throw new Error(`the edited record ${record.uri.fsPath} could not be reverted`);
  // Closed, and a moment for the workbench to drop the edit's hot-exit backup: otherwise the
  // reopen may restore the edited text from it and hover the edited title.
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await sleep(1500);
  // The reopen session reads the cache this session writes.
  await indexer.whenCacheWritten();
  return { ...base, editToIndexMs, editToCodeLensMs, editArrivedMs, editSettleMs, cache: indexer.cacheState };
}

export function activate(): void {
  const configPath = process.env[BENCH_CONFIG_ENV];
  if (!configPath) return;
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as EditorBenchConfig;
  // Started before the runner looks for Decision Lens (activated on workspace start-up or by it).
  const profiler = config.profileFile ? startProfile() : undefined;
  const write = (value: EditorBenchResults): void => {
    writeFileSync(`${config.resultsFile}.partial`, JSON.stringify(value, null, 2));
    renameSync(`${config.resultsFile}.partial`, config.resultsFile);
  };
  measure(config, profiler).then(write, (error: unknown) =>
    write({ session: config.session, vscodeVersion: vscode.version, runnerStartMs: 0, cpuSeconds: 0, rssMB: 0, heapUsedMB: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
}

export function deactivate(): void {
  // nothing to release
}
