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
import type { BuildFileJob, BuildWorkerConfig, BuildWorkerFile, BuildWorkerJob, BuildWorkerPool, BuildWorkerReply, BuildWorkerSession } from './buildProtocol';

export type { BuildFileJob } from './buildProtocol';

/** Files per chunk: small enough to keep every worker busy to the end, large enough that messages are few. */
const CHUNK_FILES = 48;
/** Chunks each thread holds at once: it starts the next while its last reply waits to be read here. */
const CHUNKS_AHEAD = 3;
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
  if (!script) return undefined;
  return {
    read: (config, jobs, apply, signal) => readInWorkers(script, config, jobs, apply, signal, workerCount(jobs.length, editorCores())),
    open: (workers) => new WorkerThreads(script, workers ?? workerCount(Number.MAX_SAFE_INTEGER, editorCores())),
  };
}

/**
 * @param cores the cores the build may use (default: `os.availableParallelism()`).
 * @returns how many workers a build of `files` files starts: up to `cores`, at least one, at most
 *   {@link MAX_WORKERS}, fewer for small builds.
 */
export function workerCount(files: number, cores = machineCores()): number {
  return Math.max(1, Math.min(MAX_WORKERS, cores, Math.ceil(files / (CHUNK_FILES * 2))));
}

/**
 * The cores an editor's build uses: all but one, left to the extension host's own thread and the
 * workbench starting up beside it (at least one). Each thread warms up its own parser (a cold V8
 * parses the records about 2x slower, its optimising compiler busy on V8's own threads), so on 2
 * cores a second worker costs more than it gains: measured with `npm run bench -- --only editor`
 * on the default tree, one worker had the records in 3.15 s and the index ready in 3.52 s
 * (medians of 6 sessions), two 3.60 s and 3.67 s, with more CPU. The command line, with no
 * workbench beside it, uses every core (`check` was 2% slower with one worker).
 */
export function editorCores(cores = machineCores()): number {
  return Math.max(1, cores - 1);
}

function machineCores(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : 2;
}

/**
 * Reads `jobs` in worker threads running `script` and calls `apply` with each file's result, in
 * the order of `jobs`. `apply` runs on this thread between messages (the event loop turns between
 * chunks). The threads are started for this call and stopped after it; a build with several
 * phases keeps one {@link WorkerThreads} instead.
 * @param signal stops handing out chunks and terminates the workers; the promise then resolves
 *   with what was applied so far.
 * @param workers how many threads (default {@link workerCount} of the jobs).
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
  const threads = new WorkerThreads(script, workers, false);
  try {
    return await threads.read(config, jobs, apply, signal);
  } finally {
    threads.dispose();
  }
}

/** One worker thread and the settings it last derived entries with. */
interface Thread {
  readonly worker: Worker;
  config?: BuildWorkerConfig;
  /** Set while a read uses the thread: its message, error and exit handlers. */
  onMessage?: (reply: BuildWorkerReply) => void;
  onFailure?: (error: Error) => void;
}

/**
 * Worker threads kept for the phases of one build (records, then the files that can cite): they
 * are started when made, so the bundle loads while the workspace is listed and discovered, and a
 * later phase finds them warm. Reads run one at a time, or one per group of {@link WorkerThreads.split}.
 */
export class WorkerThreads implements BuildWorkerSession {
  private readonly threads: Thread[] = [];
  private startError: Error | undefined;
  private disposed = false;

  /**
   * @param script the worker script.
   * @param count how many threads (at least 1).
   * @param eager start them now (else at the first read, as many as it needs).
   */
  constructor(
    private readonly script: string,
    private readonly count: number,
    eager = true,
  ) {
    if (eager) this.grow(Math.max(1, count));
  }

  /** {@inheritDoc BuildWorkerSession.read} */
  read(
    config: BuildWorkerConfig,
    jobs: readonly BuildFileJob[],
    apply: (job: BuildFileJob, file: BuildWorkerFile) => void,
    signal?: AbortSignal,
  ): Promise<{ done: number; error?: Error }> {
    return this.readOn(undefined, config, jobs, apply, signal);
  }

  /** {@inheritDoc BuildWorkerSession.split} */
  split(): readonly [BuildWorkerSession, BuildWorkerSession] | undefined {
    this.grow(this.count);
    if (this.startError || this.threads.length < 2) return undefined;
    const half = Math.ceil(this.threads.length / 2);
    const lane = (threads: readonly Thread[]): BuildWorkerSession => ({
      read: (config, jobs, apply, signal) => this.readOn(threads, config, jobs, apply, signal),
      dispose: () => undefined, // the threads stop with this session
    });
    return [lane(this.threads.slice(0, half)), lane(this.threads.slice(half))];
  }

  /** Reads on `lane` (a group of {@link split}) or, when `undefined`, on as many threads as the read needs. */
  private async readOn(
    lane: readonly Thread[] | undefined,
    config: BuildWorkerConfig,
    jobs: readonly BuildFileJob[],
    apply: (job: BuildFileJob, file: BuildWorkerFile) => void,
    signal?: AbortSignal,
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
    if (this.disposed) return { done: 0, error: new Error('index workers were stopped') };
    if (!lane) this.grow(Math.min(this.count, chunks.length));
    if (this.startError) return { done: 0, error: this.startError };
    const threads = lane ?? this.threads;
    const used = threads.slice(0, Math.min(threads.length, chunks.length));
    const results = new Map<number, readonly BuildWorkerFile[]>();
    let nextChunk = 0;
    let nextApply = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const finish = (error?: unknown): void => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          if (error === undefined) resolve();
          else reject(error instanceof Error ? error : new Error(String(error)));
        };
        const onAbort = (): void => finish();
        if (signal?.aborted) return finish();
        signal?.addEventListener('abort', onAbort, { once: true });
        const handOut = (thread: Thread): void => {
          if (nextChunk >= chunks.length || signal?.aborted) return;
          if (thread.config !== config) {
            thread.worker.postMessage({ config });
            thread.config = config;
          }
          thread.worker.postMessage(chunks[nextChunk++]);
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
          if (nextApply === chunks.length) finish();
        };
        for (const thread of used) {
          thread.onMessage = (reply) => {
            if (settled) return;
            if ('error' in reply) return finish(new Error(`index worker: ${reply.error}`));
            results.set(reply.id, reply.files);
            handOut(thread);
            try {
              applyReady();
            } catch (error) {
              finish(error);
            }
          };
          thread.onFailure = (error) => finish(error);
          // Chunks queued ahead: a thread goes on while this thread is busy with other work.
          for (let i = 0; i < CHUNKS_AHEAD; i++) handOut(thread);
        }
      });
    } catch (error) {
      state.error = error instanceof Error ? error : new Error(String(error));
      // A thread may still be working on a chunk of this read: none is reused.
      this.dispose();
    } finally {
      for (const thread of used) {
        thread.onMessage = undefined;
        thread.onFailure = undefined;
      }
    }
    if (signal?.aborted) this.dispose();
    return state;
  }

  /** Stops every thread. Reads under way and later reads end with an error (the caller reads the rest on its own thread). */
  dispose(): void {
    this.disposed = true;
    for (const t of this.threads.splice(0)) {
      // A read of the other group of a split is told: its thread will not answer.
      t.onFailure?.(new Error('index workers were stopped'));
      void t.worker.terminate();
    }
  }

  /** Starts threads up to `n` (at most `count`). */
  private grow(n: number): void {
    while (!this.disposed && !this.startError && this.threads.length < Math.min(n, this.count)) {
      let worker: Worker;
      try {
        worker = new Worker(this.script);
      } catch (error) {
        this.startError = error instanceof Error ? error : new Error(String(error));
        return;
      }
      const thread: Thread = { worker };
      worker.on('message', (reply: BuildWorkerReply) => thread.onMessage?.(reply));
      worker.on('error', (error) => {
        this.startError ??= error;
        thread.onFailure?.(error);
      });
      worker.on('exit', (code) => {
        if (code !== 0 && !this.disposed) {
          const error = new Error(`index worker exited with code ${code}`);
          this.startError ??= error;
          thread.onFailure?.(error);
        }
      });
      this.threads.push(thread);
    }
  }
}
