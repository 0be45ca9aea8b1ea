/**
 * Worker threads that read and parse the files of a build (see `buildWorker.ts`), for the
 * extension host's fast path and the command line. The owning thread hands out chunks of paths,
 * receives each file's derived entry and applies the chunks strictly in order, so the index is
 * the same as one built file by file on one thread, whichever worker finished first.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BuildFileJob, BuildWorkerConfig, BuildWorkerFile, BuildWorkerInit, BuildWorkerJob, BuildWorkerPool, BuildWorkerReply } from './buildProtocol';

export type { BuildFileJob } from './buildProtocol';

/** Files per chunk: small enough to keep every worker busy to the end, large enough that messages are few. */
const CHUNK_FILES = 48;
/** Most worker threads one build starts. */
const MAX_WORKERS = 4;

/**
 * The bundled worker next to this bundle (`dist/buildWorker.js` beside `dist/extension.js` and
 * `dist/cli.js`).
 * @returns its path, or `undefined` when it is not there (running from sources: tests pass their own).
 */
export function bundledBuildWorker(): string | undefined {
  const path = join(__dirname, 'buildWorker.js');
  return existsSync(path) ? path : undefined;
}

/**
 * @param script the worker script (see {@link bundledBuildWorker}); `undefined` gives no pool.
 * @returns the pool the indexer reads local files with.
 */
export function workerPool(script: string | undefined): BuildWorkerPool | undefined {
  return script ? { read: (config, jobs, apply, signal) => readInWorkers(script, config, jobs, apply, signal) } : undefined;
}

/** @returns how many workers a build of `files` files starts: up to the cores, at least one, fewer for small builds. */
export function workerCount(files: number): number {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : 2;
  return Math.max(1, Math.min(MAX_WORKERS, cores, Math.ceil(files / (CHUNK_FILES * 2))));
}

/**
 * Reads `jobs` in worker threads running `script` and calls `apply` with each file's result, in
 * the order of `jobs`. `apply` runs on this thread between messages (the event loop turns between
 * chunks).
 * @param signal stops handing out chunks and terminates the workers; the promise then resolves
 *   with what was applied so far.
 * @returns `done`: how many files of `jobs` (a prefix, in order) were applied; `error` when a
 *   worker could not start or failed: the caller reads `jobs.slice(done)` itself. Never rejects.
 */
export async function readInWorkers(
  script: string,
  config: BuildWorkerConfig,
  jobs: readonly BuildFileJob[],
  apply: (job: BuildFileJob, file: BuildWorkerFile) => void,
  signal?: AbortSignal,
  workers = workerCount(jobs.length),
): Promise<{ done: number; error?: Error }> {
  const chunks: BuildWorkerJob[] = [];
  for (let i = 0, id = 0; i < jobs.length; i += CHUNK_FILES, id++) {
    const slice = jobs.slice(i, i + CHUNK_FILES);
    chunks.push({
      id,
      paths: slice.map((j) => j.path),
      cached: slice.map((j) => (j.cached ? [j.cached.size, j.cached.mtime] : null)),
      ...(slice.some((j) => j.target !== undefined) ? { targets: slice.map((j) => j.target ?? null) } : {}),
    });
  }
  const state: { done: number; error?: Error } = { done: 0 };
  if (chunks.length === 0) return state;
  const init: BuildWorkerInit = { config };
  const started: Worker[] = [];
  const results = new Map<number, readonly BuildWorkerFile[]>();
  let nextChunk = 0;
  let nextApply = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const onAbort = (): void => finish();
      if (signal?.aborted) return finish();
      signal?.addEventListener('abort', onAbort, { once: true });
      const handOut = (worker: Worker): void => {
        if (nextChunk < chunks.length && !signal?.aborted) worker.postMessage(chunks[nextChunk++]);
      };
      const applyReady = (): void => {
        for (let files = results.get(nextApply); files && !settled; files = results.get(nextApply)) {
          results.delete(nextApply);
          const offset = nextApply * CHUNK_FILES;
          for (let i = 0; i < files.length; i++) {
            if (signal?.aborted) return finish();
            apply(jobs[offset + i], files[i]);
            state.done++;
          }
          nextApply++;
        }
        if (nextApply === chunks.length) {
          signal?.removeEventListener('abort', onAbort);
          finish();
        }
      };
      for (let w = 0; w < Math.min(workers, chunks.length) && !settled; w++) {
        let worker: Worker;
        try {
          worker = new Worker(script, { workerData: init });
        } catch (error) {
          return finish(error);
        }
        started.push(worker);
        worker.on('message', (reply: BuildWorkerReply) => {
          if ('error' in reply) return finish(new Error(`index worker: ${reply.error}`));
          results.set(reply.id, reply.files);
          handOut(worker);
          try {
            applyReady();
          } catch (error) {
            finish(error);
          }
        });
        worker.on('error', (error) => finish(error));
        worker.on('exit', (code) => {
          if (code !== 0 && !settled) finish(new Error(`index worker exited with code ${code}`));
        });
        handOut(worker);
      }
    });
  } catch (error) {
    state.error = error instanceof Error ? error : new Error(String(error));
  } finally {
    for (const w of started) void w.terminate();
  }
  return state;
}
