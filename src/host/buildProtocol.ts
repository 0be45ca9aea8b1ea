/**
 * What the index builder's worker threads (`buildWorker.ts`) and the thread that owns the index
 * (`buildWorkers.ts`) exchange. Plain structured-clone data; no `vscode`, no Node built-ins.
 */
import type { DecisionFolder } from '../core/config';
import type { SavedEntry } from '../core/index';

/** How a worker derives entries: the same settings as the index they are restored into. */
export interface BuildWorkerConfig {
  readonly folders: readonly DecisionFolder[];
  readonly citationPrefixes: readonly string[];
  readonly commentsOnly: boolean;
  /** Files larger than this (bytes) are skipped. */
  readonly maxFileBytes: number;
  /**
   * How files are read: `editor` as the extension host's local reads (`nodeFs.readTextFile`),
   * `cli` as the command line's guarded reads (`nodeWorkspace.readIndexFile`: regular files
   * only, no link followed but the checked targets the job names, UTF-16 BOMs decoded).
   */
  readonly reader: 'editor' | 'cli';
}

/** A chunk of files to read: absolute POSIX paths, each with the size and mtime of its cache entry (or `null`). */
export interface BuildWorkerJob {
  readonly id: number;
  readonly paths: readonly string[];
  readonly cached: readonly ([size: number, mtime: number] | null)[];
  /** `cli` reader: the checked target of each path listed through a symbolic link (or `null`). */
  readonly targets?: readonly (string | null)[];
}

/** One file of a chunk, as the worker found it. */
export type BuildWorkerFile =
  /** Read and indexed: what the index derived (see `DecisionIndex.savedEntry`). */
  | { readonly kind: 'text'; readonly size: number; readonly mtime: number; readonly entry: SavedEntry }
  /** Same size and mtime as its cache entry: not read; the cached entry holds. */
  | { readonly kind: 'cached' }
  /** Not indexed: a binary name or content, over the size limit, or not readable. */
  | {
      readonly kind: 'skipped';
      /** `binary-name`, `binary`, `too-large`, `unreadable`, and with the `cli` reader its other skip reasons (`not-regular`). */
      readonly reason: string;
      readonly size?: number;
      /** A short detail for the report (`FIFO`, `EACCES`, `2 MB`). */
      readonly detail?: string;
    };

/** The worker's answer to a {@link BuildWorkerJob}: one file per path, in the job's order. */
export type BuildWorkerReply = { readonly id: number; readonly files: readonly BuildWorkerFile[] } | { readonly id: number; readonly error: string };

/** Sets the settings a worker derives the entries of the next jobs with (sent before its first job and whenever they change). */
export interface BuildWorkerConfigure {
  readonly config: BuildWorkerConfig;
}

/** A message to a worker. */
export type BuildWorkerMessage = BuildWorkerConfigure | BuildWorkerJob;

/** One file to read: its path and, when the cache has it, the size and mtime the entry was made at. */
export interface BuildFileJob {
  readonly path: string;
  readonly cached?: { readonly size: number; readonly mtime: number };
  /** `cli` reader: the checked target of a path listed through a symbolic link. */
  readonly target?: string;
}

/**
 * Reads `jobs` in worker threads and calls `apply` with each file's result, in the order of `jobs`.
 * @param signal stops the read; it then resolves with what was applied so far.
 * @returns how many files (a prefix of `jobs`) were applied, and the error that stopped the
 *   workers, if any: the caller reads the rest itself. Never rejects.
 */
export type BuildRead = (
  config: BuildWorkerConfig,
  jobs: readonly BuildFileJob[],
  apply: (job: BuildFileJob, file: BuildWorkerFile) => void,
  signal?: AbortSignal,
) => Promise<{ done: number; error?: Error }>;

/** Worker threads kept for the phases of one build; {@link BuildWorkerPool.open} starts them. */
export interface BuildWorkerSession {
  /** One read at a time; after an error the session is stopped. */
  readonly read: BuildRead;
  /**
   * The threads in two groups that read at the same time (the records on one, the files that can
   * cite on the other: each thread then warms up one parser), or `undefined` with fewer than two
   * threads. The groups stop with this session.
   */
  split?(): readonly [BuildWorkerSession, BuildWorkerSession] | undefined;
  /** Stops the threads. */
  dispose(): void;
}

/**
 * Build worker threads as the indexer sees them (`buildWorkers.ts` makes one over Node's
 * `worker_threads`; a web extension host has none).
 */
export interface BuildWorkerPool {
  /** Starts threads for this read alone. */
  readonly read: BuildRead;
  /**
   * Starts `workers` threads (default: one per core but one, at least one, at most 4) now, for the phases of one build:
   * they load while the workspace is listed. The caller disposes the session.
   */
  open?(workers?: number): BuildWorkerSession;
}
