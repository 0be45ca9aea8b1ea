// The build's worker threads (src/host/buildWorker.ts, bundled here as the build bundles it):
// the index they help build is the one a build on one thread makes, on the real corpus and a
// generated benchmark tree, through the command line's full read and its ripgrep scan; the cache
// check and a failing worker fall back without losing a file.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { SCALES, generateRepo } from '../../bench/generate';
import { findRipgrep, ripgrepScan } from '../../src/cli/ripgrepScan';
import { scanWorkspace } from '../../src/cli/scan';
import type { ScanResult } from '../../src/cli/scan';
import { checkIndex } from '../../src/core/checks';
import { DecisionIndex } from '../../src/core/index';
import type { BuildWorkerFile } from '../../src/host/buildProtocol';
import { WorkerThreads, editorCores, readInWorkers, workerCount } from '../../src/host/buildWorkers';
import type { BuildFileJob } from '../../src/host/buildWorkers';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

/** What a user sees of an index, and what the command line reports as skipped. */
function summary(r: ScanResult): Record<string, string[]> {
  const pos = (p: { line: number; character: number }): string => `${p.line}:${p.character}`;
  return {
    decisions: r.index.decisions().map((d) => `${d.path} ${pos(d.range.start)} ${d.key} ${d.status.kind} ${d.title} ${d.relations.length} ${d.problems.length}`),
    citations: r.index
      .allCitations()
      .map((c) => `${c.path} ${pos(c.range.start)}-${pos(c.range.end)} ${c.form} ${c.text} -> ${c.decision?.key ?? '?'}`)
      .sort(),
    problems: checkIndex(r.index).map((p) => `${p.path} ${pos(p.range.start)} ${p.severity} ${p.code} ${p.message}`).sort(),
    skipped: r.skipped.map((s) => `${s.path} ${s.reason} ${s.detail ?? ''}`),
    read: [String(r.filesRead)],
  };
}

describe('build worker threads', function () {
  this.timeout(180_000);
  let work = '';
  let script = '';
  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'decision-lens-workers-'));
    script = join(work, 'buildWorker.js');
    await esbuild.build({ entryPoints: [resolve(__dirname, '../../src/host/buildWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, logLevel: 'silent' });
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the command line builds the same index with workers as on one thread, on the corpus (full read)', async () => {
    const one = await scanWorkspace({ root: CORPUS, ripgrep: false, buildWorker: false });
    const many = await scanWorkspace({ root: CORPUS, ripgrep: false, buildWorker: script });
    const a = summary(one);
    assert.ok(a.decisions.length > 500 && a.citations.length > 100, `${a.decisions.length} decisions, ${a.citations.length} citations`);
    assert.deepEqual(summary(many), a);
  });

  it('the ripgrep scan builds the same index with workers as on one thread, on a generated benchmark tree', async function () {
    const rg = findRipgrep();
    if (!rg) this.skip();
    const root = join(work, 'bench');
    generateRepo(root, SCALES.small, 7);
    const one = summary(await ripgrepScan({ root, buildWorker: false }, rg as string));
    assert.ok(one.decisions.length >= 200 && one.problems.length > 0, `${one.decisions.length} decisions, ${one.problems.length} problems`);
    // One worker (the records, then the files that can cite) and two (read at the same time, on split threads).
    for (const workers of [1, 2]) assert.deepEqual(summary(await ripgrepScan({ root, buildWorker: script, workers }, rg as string)), one, `${workers} workers`);
  });

  it('derives per file what the index derives on this thread, and answers "cached" when size and mtime still match', async () => {
    const scan = await scanWorkspace({ root: CORPUS, ripgrep: false, buildWorker: false });
    const index = scan.index;
    const paths = index.decisions().map((d) => d.path).filter((p, i, all) => all.indexOf(p) === i).slice(0, 150);
    const sources = index.allCitations().map((c) => c.path).filter((p, i, all) => all.indexOf(p) === i && !paths.includes(p)).slice(0, 50);
    const jobs: BuildFileJob[] = [...paths, ...sources].map((path, i) => {
      if (i % 3 !== 0) return { path };
      const s = statSync(path);
      return { path, cached: { size: s.size, mtime: s.mtimeMs } };
    });
    const got = new Map<string, BuildWorkerFile>();
    const config = { folders: index.getFolders(), citationPrefixes: index.getCitationPrefixes(), commentsOnly: index.isCommentsOnly(), maxFileBytes: 2 * 1024 * 1024, reader: 'editor' as const };
    const order: string[] = [];
    const result = await readInWorkers(script, config, jobs, (job, file) => {
      got.set(job.path, file);
      order.push(job.path);
    }, undefined, 3);
    assert.equal(result.error, undefined);
    assert.equal(result.done, jobs.length);
    assert.deepEqual(order, jobs.map((j) => j.path), 'applied in the order of the jobs');
    const fresh = new DecisionIndex({ folders: index.getFolders(), citationPrefixes: [...index.getCitationPrefixes()], commentsOnly: index.isCommentsOnly() });
    for (const job of jobs) {
      const file = got.get(job.path);
      if (job.cached) {
        assert.equal(file?.kind, 'cached', job.path);
        continue;
      }
      assert.equal(file?.kind, 'text', job.path);
      // The editor drops a BOM, as the worker's editor reader does.
      fresh.upsert(job.path, readFileSync(job.path, 'utf8').replace(/^\uFEFF/, ''));
      assert.deepEqual(file.kind === 'text' ? file.entry : undefined, JSON.parse(JSON.stringify(fresh.savedEntry(job.path))), job.path);
    }
  });

  it('threads kept for a build serve a second phase with other settings, and stop when disposed', async () => {
    const scan = await scanWorkspace({ root: CORPUS, ripgrep: false, buildWorker: false });
    const index = scan.index;
    const record = index.decisions()[0].path;
    const config = { folders: index.getFolders(), citationPrefixes: index.getCitationPrefixes(), commentsOnly: index.isCommentsOnly(), maxFileBytes: 2 * 1024 * 1024, reader: 'editor' as const };
    const threads = new WorkerThreads(script, 2);
    try {
      const decisionsIn = async (c: typeof config): Promise<number> => {
        let n = -1;
        const r = await threads.read(c, [{ path: record }], (_job, file) => (n = file.kind === 'text' ? (file.entry.decisions?.length ?? 0) : -1));
        assert.equal(r.error, undefined);
        return n;
      };
      assert.ok((await decisionsIn(config)) >= 1, 'a record of a decision folder holds decisions');
      // The same threads, told of no decision folders: the file is no record now.
      assert.equal(await decisionsIn({ ...config, folders: [] }), 0);
      assert.ok((await decisionsIn(config)) >= 1);
    } finally {
      threads.dispose();
    }
    const after = await threads.read(config, [{ path: record }], () => assert.fail('nothing is applied'));
    assert.equal(after.done, 0);
    assert.match(String(after.error?.message), /stopped/);
  });

  it('a split session reads records and sources at the same time on separate threads, each in order; stopping it ends both reads', async () => {
    const scan = await scanWorkspace({ root: CORPUS, ripgrep: false, buildWorker: false });
    const index = scan.index;
    const records = [...new Set(index.decisions().map((d) => d.path))];
    const sources = [...new Set(index.allCitations().map((c) => c.path))].filter((p) => !records.includes(p));
    assert.ok(records.length > 100 && sources.length > 20, `${records.length} records, ${sources.length} sources`);
    const config = { folders: index.getFolders(), citationPrefixes: index.getCitationPrefixes(), commentsOnly: index.isCommentsOnly(), maxFileBytes: 2 * 1024 * 1024, reader: 'editor' as const };
    const one = new WorkerThreads(script, 1);
    assert.equal(one.split(), undefined, 'one thread cannot be split');
    one.dispose();
    const threads = new WorkerThreads(script, 2);
    try {
      const lanes = threads.split();
      assert.ok(lanes);
      const read = (lane: (typeof lanes)[0], paths: string[]): Promise<{ order: string[]; entries: Map<string, unknown>; done: number; error?: Error }> => {
        const order: string[] = [];
        const entries = new Map<string, unknown>();
        return lane
          .read(config, paths.map((path) => ({ path })), (job, file) => {
            order.push(job.path);
            entries.set(job.path, file.kind === 'text' ? file.entry : file.kind);
          })
          .then((r) => ({ order, entries, ...r }));
      };
      const [a, b] = await Promise.all([read(lanes[0], records), read(lanes[1], sources)]);
      assert.deepEqual([a.error, b.error], [undefined, undefined]);
      assert.deepEqual(a.order, records);
      assert.deepEqual(b.order, sources);
      // What this thread derives from the same texts.
      for (const [path, entry] of [...a.entries, ...b.entries]) {
        const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
        assert.deepEqual(json(entry), json(index.derive(path, readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))), path);
      }
      // Stopped while both read: each read ends, with an error, and no file is applied twice.
      const again = [read(lanes[0], records), read(lanes[1], sources)];
      setTimeout(() => threads.dispose(), 5);
      const [c, d] = await Promise.all(again);
      assert.ok(c.done < records.length || d.done < sources.length, 'stopped before the end');
      for (const r of [c, d]) if (r.error) assert.match(r.error.message, /stopped/);
      assert.equal(new Set(c.order).size, c.order.length);
    } finally {
      threads.dispose();
    }
  });

  it('a worker that fails leaves the rest to this thread: the index is complete', async () => {
    const broken = join(work, 'broken.js');
    writeFileSync(broken, 'throw new Error("no worker here");\n');
    const config = { folders: [], citationPrefixes: ['ADR'], commentsOnly: true, maxFileBytes: 1024, reader: 'editor' as const };
    const result = await readInWorkers(broken, config, [{ path: '/nowhere/a.ts' }], () => assert.fail('nothing is applied'));
    assert.equal(result.done, 0);
    assert.match(String(result.error?.message), /no worker here/);
    const one = summary(await scanWorkspace({ root: CORPUS, ripgrep: false, buildWorker: false }));
    const fallback = summary(await scanWorkspace({ root: CORPUS, ripgrep: false, buildWorker: broken }));
    assert.deepEqual(fallback, one);
    // The ripgrep scan, whose records and candidates are read ahead on split threads, too.
    const rg = findRipgrep();
    if (rg) assert.deepEqual(summary(await ripgrepScan({ root: CORPUS, buildWorker: broken, workers: 2 }, rg)), summary(await ripgrepScan({ root: CORPUS, buildWorker: false }, rg)));
  });

  it('starts a worker per core, at most 4, fewer for small builds; the editor leaves one core to the extension host', () => {
    const many = 1_000_000;
    assert.deepEqual([1, 2, 3, 4, 5, 8, 64].map((cores) => workerCount(many, cores)), [1, 2, 3, 4, 4, 4, 4]);
    assert.deepEqual([1, 2, 3, 4, 5, 8, 64].map((cores) => workerCount(many, editorCores(cores))), [1, 1, 2, 3, 4, 4, 4]);
    // A chunk is 48 files: a thread for each two chunks.
    assert.deepEqual([1, 96, 97, 192, 193].map((files) => workerCount(files, 8)), [1, 1, 2, 2, 3]);
  });
});
