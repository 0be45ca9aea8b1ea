// The first build answers from its records phase: a hover asked while the citations of the rest
// of the workspace are still being read answers with the decision. A second indexer runs here on
// the same workspace through the fast path (VS Code's ripgrep, Node's fs), its reads of source
// files slowed down so the citations phase lasts; and the full index it builds equals the one the
// editor's `workspace.fs` path builds.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { nullLogger } from '../../../../src/core/ports';
import { DecisionHoverProvider } from '../../../../src/features/hover/register';
import { CitationDefinitionProvider } from '../../../../src/features/navigation/register';
import { WorkspaceIndexer } from '../../../../src/host/indexer';
import type { BuildStats } from '../../../../src/host/indexer';
import type { LocalFiles } from '../../../../src/host/localFiles';
import { editorCores, workerCount, workerPool } from '../../../../src/host/buildWorkers';
import { createNodeFiles } from '../../../../src/host/nodeFs';
import { api, open, positionOf } from './helpers';

/** Blocks the thread for `ms` (a slow disk), without timers. */
function block(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function slowSources(local: LocalFiles, ms: number): LocalFiles & { sourceReads: number } {
  const wrapped = {
    ...local,
    sourceReads: 0,
    readTextFile(path: string, max: number) {
      if (!/\.(md|markdown)$/.test(path)) {
        wrapped.sourceReads++;
        block(ms);
      }
      return local.readTextFile(path, max);
    },
  };
  return wrapped;
}

function hoverText(hover: vscode.Hover | null | undefined): string {
  const markdown = (hover?.contents ?? []).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
  // The hover escapes Markdown and keeps titles on one line with non-breaking spaces.
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\/g, '');
}

function snapshot(indexer: WorkspaceIndexer): { decisions: string[]; citations: string[] } {
  return {
    decisions: indexer.index.decisions().map((d) => `${d.path} ${d.key} ${d.status.kind} ${d.title}`),
    citations: indexer.index.allCitations().map((c) => `${c.path} ${c.range.start.line}:${c.range.start.character} ${c.text} -> ${c.decision?.key ?? '?'}`).sort(),
  };
}

describe('records phase of the first build', () => {
  const made: WorkspaceIndexer[] = [];
  after(() => {
    for (const i of made) i.dispose();
  });
  /** A first build of the workspace with its cache in `dir`, once the cache is written. */
  const cachedBuild = async (dir: string): Promise<WorkspaceIndexer> => {
    const indexer = new WorkspaceIndexer(nullLogger, { local: createNodeFiles(), appRoot: vscode.env.appRoot, storage: vscode.Uri.file(dir), version: 'test' });
    made.push(indexer);
    indexer.start();
    await indexer.whenReady();
    await indexer.whenCacheWritten();
    return indexer;
  };

  it('answers a hover asked during the first build from the records phase, before the citations are all read', async () => {
    const main = await api();
    const decision = main.decisions().find((d) => d.display === 'ADR-0004');
    assert.ok(decision, 'ADR-0004 is in the workspace');
    const local = slowSources(createNodeFiles(), 150);
    const indexer = new WorkspaceIndexer(nullLogger, { local, appRoot: vscode.env.appRoot });
    made.push(indexer);
    const editor = await open('src/scraper.go');
    indexer.start();
    await indexer.whenRecordsReady();
    const hover = await new DecisionHoverProvider(indexer).provideHover(editor.document, positionOf(editor.document, 'ADR-0004'), new vscode.CancellationTokenSource().token);
    const stats = (): BuildStats | undefined => indexer.buildStats;
    const stillBuilding = indexer.isBuilding && stats() === undefined;
    const readsSoFar = local.sourceReads;
    assert.ok(hoverText(hover).includes(decision.title), `hover: ${hoverText(hover)}`);
    assert.ok(stillBuilding, 'the hover was answered while the first build still read citations');
    await indexer.whenReady();
    assert.ok(local.sourceReads > readsSoFar, `source files were read after the hover (${readsSoFar} before, ${local.sourceReads} in all)`);
    assert.equal(stats()?.paths, 'ripgrep');
  });

  it('answers a hover asked while the records are still being read, from the cited record alone', async () => {
    const main = await api();
    const decision = main.decisions().find((d) => d.display === 'ADR-0004');
    assert.ok(decision, 'ADR-0004 is in the workspace');
    const base = createNodeFiles();
    let recordReads = 0;
    let recordsStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (recordsStarted = resolve));
    // Every record read takes 80 ms: the records phase outlasts the hover by far.
    const local: LocalFiles = {
      ...base,
      readTextFile(path: string, max: number) {
        if (/\.(md|markdown)$/.test(path)) {
          recordReads++;
          recordsStarted();
          block(80);
        }
        return base.readTextFile(path, max);
      },
    };
    const indexer = new WorkspaceIndexer(nullLogger, { local, appRoot: vscode.env.appRoot });
    made.push(indexer);
    const editor = await open('src/scraper.go');
    indexer.start();
    // Asked at once, before the build has found its decision folders: answered once it has.
    const hoverAsked = new DecisionHoverProvider(indexer).provideHover(editor.document, positionOf(editor.document, 'ADR-0004'), new vscode.CancellationTokenSource().token);
    const definitionsAsked = new CitationDefinitionProvider(indexer).provideDefinition(editor.document, positionOf(editor.document, 'ADR-0004'));
    const hover = await hoverAsked;
    const definitions = await definitionsAsked;
    const recordsWereIn = indexer.timings.recordsAt !== undefined;
    await started;
    const readsForHover = recordReads;
    const text = hoverText(hover);
    assert.ok(!recordsWereIn, 'the hover was answered before the records were in');
    assert.ok(text.includes(decision.title), `hover: ${text}`);
    assert.match(text, /citations are counted once the workspace is indexed/);
    const early = (definitions ?? []).map((l) => `${l.uri.toString()}:${l.range.start.line}`);
    assert.ok(early.some((l) => l.startsWith(decision.uri + ':')), `Go to Definition opens the record: ${early.join(', ')}`);
    await indexer.whenRecordsReady();
    assert.ok(recordReads > readsForHover, `records were read after the hover (${readsForHover} before, ${recordReads} in all)`);
    // Once the records are in, the hover is the whole index's again (with the count).
    const later = hoverText(await new DecisionHoverProvider(indexer).provideHover(editor.document, positionOf(editor.document, 'ADR-0004'), new vscode.CancellationTokenSource().token));
    assert.match(later, /\d+ citations?/);
    const whole = await new CitationDefinitionProvider(indexer).provideDefinition(editor.document, positionOf(editor.document, 'ADR-0004'));
    assert.deepEqual(early, (whole ?? []).map((l) => `${l.uri.toString()}:${l.range.start.line}`), 'the same records as from the whole index (ADR-0004 is a duplicate id here)');
    await indexer.whenReady();
  });

  it('builds the same index through ripgrep and Node fs as through workspace.fs', async () => {
    const fast = new WorkspaceIndexer(nullLogger, { local: createNodeFiles(), appRoot: vscode.env.appRoot });
    const slow = new WorkspaceIndexer(nullLogger, {});
    made.push(fast, slow);
    fast.start();
    slow.start();
    await Promise.all([fast.whenReady(), slow.whenReady()]);
    assert.equal(fast.buildStats?.paths, 'ripgrep');
    assert.equal(slow.buildStats?.paths, 'editor');
    const a = snapshot(slow);
    const b = snapshot(fast);
    assert.ok(a.decisions.length > 3 && a.citations.length > 3, `${a.decisions.length} decisions, ${a.citations.length} citations`);
    assert.deepEqual(b, a);
    assert.ok((fast.buildStats?.filesRead ?? 0) < (slow.buildStats?.filesRead ?? 0), `fast read ${fast.buildStats?.filesRead}, slow ${slow.buildStats?.filesRead}`);
  });

  for (const workers of [undefined, 1, 2]) {
    it(`builds the same index with ${workers ?? 'the default number of'} build worker thread(s) (the bundled dist/buildWorker.js) as through workspace.fs`, async () => {
      const extension = vscode.extensions.getExtension('decision-lens.decision-lens');
      assert.ok(extension, 'the extension is installed');
      const script = join(extension.extensionPath, 'dist', 'buildWorker.js');
      const pool = workerPool(script);
      assert.ok(pool?.open);
      const open = pool.open.bind(pool);
      const buildWorkers = { read: pool.read, open: () => open(workers) };
      const threaded = new WorkspaceIndexer(nullLogger, { local: createNodeFiles(), appRoot: vscode.env.appRoot, buildWorkers, minWorkerFiles: 1 });
      const slow = new WorkspaceIndexer(nullLogger, {});
      made.push(threaded, slow);
      threaded.start();
      slow.start();
      await Promise.all([threaded.whenReady(), slow.whenReady()]);
      assert.equal(threaded.buildStats?.paths, 'ripgrep');
      assert.ok((threaded.buildStats?.filesRead ?? 0) > 0 && (threaded.buildStats?.viaWorkers ?? 0) >= (threaded.buildStats?.filesRead ?? 0), `files by workers: ${JSON.stringify(threaded.buildStats)}`);
      // Two worker threads or more (by default 3 cores: one is left to the extension host): the
      // records and the files that can cite were read at the same time.
      if ((workers ?? workerCount(Number.MAX_SAFE_INTEGER, editorCores())) >= 2) assert.equal(threaded.buildStats?.phases.search, undefined, `no wait for the search after the records: ${JSON.stringify(threaded.buildStats?.phases)}`);
      const a = snapshot(slow);
      assert.ok(a.decisions.length > 3 && a.citations.length > 3, `${a.decisions.length} decisions, ${a.citations.length} citations`);
      assert.deepEqual(snapshot(threaded), a);
    });
  }

  it('a reopen whose cache lacks a file (open in the last session) reads just that file, and caches it for the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decision-lens-cache-'));
    try {
      const first = await cachedBuild(dir);
      const expected = snapshot(first);
      // The cache as a session leaves it that had a citing file open: that file is not in it.
      const name = readdirSync(dir).find((n) => n.endsWith('.json')) as string;
      const doc = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { files: Record<string, [number, number, { decisions?: unknown[]; citations: unknown[] }]> };
      const dropped = Object.keys(doc.files).find((p) => doc.files[p][2].decisions === undefined && doc.files[p][2].citations.length > 0) as string;
      assert.ok(dropped, 'a citing file is cached');
      delete doc.files[dropped];
      writeFileSync(join(dir, name), JSON.stringify(doc));

      const again = new WorkspaceIndexer(nullLogger, { local: createNodeFiles(), appRoot: vscode.env.appRoot, storage: vscode.Uri.file(dir), version: 'test' });
      made.push(again);
      again.start();
      await again.whenReady();
      await again.whenIdle();
      const phases = again.buildStats?.phases ?? {};
      assert.ok(phases.verify !== undefined && phases.records === undefined, `verified in place, no second read of the workspace: ${JSON.stringify(again.buildStats)}`);
      assert.deepEqual(snapshot(again), expected);
      await again.whenCacheWritten();
      const rewritten = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { files: Record<string, unknown> };
      assert.ok(rewritten.files[dropped] !== undefined, `${dropped} is cached again`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reopens from its cache: only changed files are read again, a corrupt cache is ignored, the index is the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decision-lens-cache-'));
    try {
      const storage = vscode.Uri.file(dir);
      const first = await cachedBuild(dir);
      assert.ok((first.cacheState.written ?? 0) > 0, `cache written: ${JSON.stringify(first.cacheState)}`);
      const read = first.buildStats?.filesRead ?? 0;
      const expected = snapshot(first);

      // A cache the size of a monorepo's (over 2 MiB, the limit for config files): entries of
      // files that are gone are padding the reopen leaves out.
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
        const doc = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { files: Record<string, unknown> };
        for (let i = 0; i < 40_000; i++) doc.files[`/nowhere/padding/file-${i}.ts`] = [100, 1, { citations: [] }];
        writeFileSync(join(dir, name), JSON.stringify(doc));
        assert.ok(statSync(join(dir, name)).size > 2 * 1024 * 1024, 'the padded cache is over 2 MiB');
      }
      const again = new WorkspaceIndexer(nullLogger, { local: createNodeFiles(), appRoot: vscode.env.appRoot, storage, version: 'test' });
      made.push(again);
      again.start();
      await again.whenReady();
      assert.equal(again.buildStats?.fromCache, read, 'every file read before comes from the cache');
      assert.equal(again.buildStats?.filesRead, 0);
      assert.deepEqual(snapshot(again), expected);

      // Another extension version: the cache does not apply.
      const upgraded = new WorkspaceIndexer(nullLogger, { local: createNodeFiles(), appRoot: vscode.env.appRoot, storage, version: 'test-2' });
      made.push(upgraded);
      upgraded.start();
      await upgraded.whenReady();
      assert.equal(upgraded.buildStats?.fromCache, 0);
      assert.deepEqual(snapshot(upgraded), expected);
      await upgraded.whenCacheWritten();

      for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '{"format":1,"key":"test|');
      const corrupt = new WorkspaceIndexer(nullLogger, { local: createNodeFiles(), appRoot: vscode.env.appRoot, storage, version: 'test-2' });
      made.push(corrupt);
      corrupt.start();
      await corrupt.whenReady();
      assert.equal(corrupt.buildStats?.fromCache, 0);
      assert.equal(corrupt.buildStats?.filesRead, read);
      assert.deepEqual(snapshot(corrupt), expected);
      await corrupt.whenCacheWritten();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
