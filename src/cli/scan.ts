/**
 * Builds a decision index of a folder on disk: discovery, then every text file read once (records
 * to the parser, everything else to the citation finder), reads capped in parallel.
 */
import type { DecisionFolder, DiscoverySettings, FolderSetting } from '../core/config';
import { DEFAULT_EXCLUDES } from '../core/config';
import { discoverDecisionFolders } from '../core/discovery';
import { prefixesOf } from '../core/prefixes';
import { DecisionIndex } from '../core/index';
import { mapLimit } from '../core/limiter';
import type { Logger } from '../core/ports';
import { nullLogger } from '../core/ports';
import { join } from '../core/paths';
import type { WorkerThreads } from '../host/buildWorkers';
import { bundledBuildWorker, readInWorkers } from '../host/buildWorkers';
import type { BuildFileJob, BuildWorkerConfig, BuildWorkerFile, BuildWorkerSession } from '../host/buildProtocol';
import type { SkippedFile, SkipReason } from './nodeWorkspace';
import { MAX_FILE_BYTES, NodeWorkspace } from './nodeWorkspace';
import { findRipgrep, ripgrepScan } from './ripgrepScan';

/** Files read at the same time. */
const READ_PARALLELISM = 16;

/** Options of {@link scanWorkspace}. */
export interface ScanOptions {
  /** Absolute POSIX path of the folder to index. */
  readonly root: string;
  /** Look for citations only in comments (default: the settings' value, else true). */
  readonly commentsOnly?: boolean;
  /** Extra citation prefixes besides each folder's own. */
  readonly prefixes?: readonly string[];
  /** Called now and then while files are read: files done, files in all. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly logger?: Logger;
  /**
   * List candidate files with ripgrep and read only those and the records (default true; see
   * `ripgrepScan.ts`). False, or no ripgrep found, or ripgrep failing: every file is read.
   */
  readonly ripgrep?: boolean;
  /**
   * The build worker script that reads and parses files in worker threads (default: the
   * `buildWorker.js` beside the bundle, see `host/buildWorkers.ts`); `false` reads on this thread.
   */
  readonly buildWorker?: string | false;
  /** How many build worker threads (default: `workerCount` of the files, one per core, at most 4). */
  readonly workers?: number;
}

/** The result of {@link scanWorkspace}. */
export interface ScanResult {
  readonly index: DecisionIndex;
  readonly folders: readonly DecisionFolder[];
  /** Files read (records and sources). */
  readonly filesRead: number;
  /**
   * Files and folders not read, with the reason, sorted by path: sources, records and
   * configuration files (binary file names such as `.png` are not listed).
   */
  readonly skipped: readonly SkippedFile[];
}

/** The Decision Lens settings the CLI honours, read from `<root>/.vscode/settings.json`. */
export interface CliSettings {
  readonly discovery: DiscoverySettings;
  readonly citationPrefixes: readonly string[];
  readonly commentsOnly?: boolean;
}

/**
 * Indexes a folder.
 * Nothing outside `options.root` is read (it must be a real path: links resolved), and only
 * regular files are (see {@link NodeWorkspace}).
 * @returns the filled index, the folders found and what was skipped. Rejects only on
 *   programming errors; unreadable files are skipped and reported in `skipped`.
 */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const logger = options.logger ?? nullLogger;
  const rg = options.ripgrep === false ? undefined : findRipgrep();
  if (rg) {
    try {
      return await ripgrepScan(options, rg);
    } catch (error) {
      logger.warn(`ripgrep failed, reading every file: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const reader = new NodeWorkspace(options.root, logger);
  const settings = await readCliSettings(reader, options.root, logger);
  // One walk: discovery's own listings are answered from it.
  const files = (await reader.findFiles(options.root, ['**/*'], settings.discovery.exclude ?? DEFAULT_EXCLUDES)).sort();
  const { folders, index } = await discoverAndIndex(reader, options, settings, logger);
  const read = await readIntoIndex(index, reader, files, options, logger);
  return { index, folders, filesRead: read, skipped: reader.skipped };
}

/** Fewer files than this are read on this thread: starting workers costs more than they save. */
export const MIN_WORKER_FILES = 200;

/** @returns the build worker script `options` ask for, or `undefined` to read on this thread. */
export function workerScript(options: ScanOptions): string | undefined {
  return options.buildWorker === false ? undefined : (options.buildWorker ?? bundledBuildWorker());
}

/** The settings build workers derive the command line's entries with. */
function cliWorkerConfig(index: DecisionIndex): BuildWorkerConfig {
  return { folders: index.getFolders(), citationPrefixes: index.getCitationPrefixes(), commentsOnly: index.isCommentsOnly(), maxFileBytes: MAX_FILE_BYTES, reader: 'cli' };
}

/** Worker jobs for `files`, with the checked target of a path listed through a symbolic link. */
function cliJobs(reader: NodeWorkspace, files: readonly string[]): BuildFileJob[] {
  return files.map((path) => {
    const target = reader.linkTarget(path);
    return target !== undefined ? { path, target } : { path };
  });
}

/** What worker threads derived from files read ahead of their turn (see {@link readAhead}), by path. */
export type ReadAhead = Promise<ReadonlyMap<string, BuildWorkerFile>>;

/**
 * Starts reading `files` on `lane` (a group of a split {@link WorkerThreads}) before the index
 * takes them: {@link readIntoIndex} applies each in its own place. A file the workers did not
 * get to (they failed) is missing from the result and read by `readIntoIndex` itself.
 * @param onFile called as each file is derived (progress).
 */
export function readAhead(index: DecisionIndex, reader: NodeWorkspace, files: readonly string[], lane: BuildWorkerSession, onFile?: () => void): ReadAhead {
  const out = new Map<string, BuildWorkerFile>();
  return lane
    .read(cliWorkerConfig(index), cliJobs(reader, files), (job, file) => {
      out.set(job.path, file);
      onFile?.();
    })
    .then(() => out);
}

/**
 * Reads `files` into `index`, in this order: from what was read ahead (`ahead`), else in build
 * worker threads when there are many and a worker script is there (`options.buildWorker`), else
 * on this thread. Skipped files go to `reader.skip`, as the reader's own reads report them.
 * @param ahead reads started earlier ({@link readAhead}); the files they lack are read here.
 * @returns the number of files read and indexed.
 */
export async function readIntoIndex(
  index: DecisionIndex,
  reader: NodeWorkspace,
  files: readonly string[],
  options: ScanOptions,
  logger: Logger,
  threads?: WorkerThreads,
  ahead?: readonly ReadAhead[],
): Promise<number> {
  let done = 0;
  let read = 0;
  // Reads ahead report their own progress.
  if (!ahead) options.onProgress?.(0, files.length);
  const progress = (): void => {
    done++;
    if (done % 200 === 0) options.onProgress?.(done, files.length);
  };
  const applyFile = (path: string, file: BuildWorkerFile): void => {
    if (file.kind === 'text') {
      index.restore(path, file.entry);
      read++;
    } else if (file.kind === 'skipped') {
      reader.skip(path, file.reason as SkipReason, file.detail);
    }
  };
  const script = workerScript(options);
  let rest = files;
  if (ahead) {
    const derived = await Promise.all(ahead);
    const missing: string[] = [];
    for (const path of files) {
      const file = derived.find((m) => m.has(path))?.get(path);
      if (file) applyFile(path, file);
      else missing.push(path);
    }
    if (missing.length > 0) logger.warn(`index workers did not read ${missing.length} files; reading them on this thread`);
    done = files.length - missing.length;
    rest = missing;
  } else if (script && files.length >= MIN_WORKER_FILES) {
    const config = cliWorkerConfig(index);
    const jobs = cliJobs(reader, files);
    const onFile = (job: BuildFileJob, file: BuildWorkerFile): void => {
      applyFile(job.path, file);
      progress();
    };
    const result = threads ? await threads.read(config, jobs, onFile) : await readInWorkers(script, config, jobs, onFile, undefined, options.workers);
    if (result.error) logger.warn(`index workers failed, reading the rest on this thread: ${result.error.message}`);
    rest = files.slice(result.done);
  }
  await mapLimit(rest, READ_PARALLELISM, async (path) => {
    const file = await reader.readTextFile(path);
    if ('text' in file) {
      index.upsert(path, file.text);
      read++;
    } else {
      reader.skip(path, file.skipped, file.detail);
    }
    progress();
  });
  options.onProgress?.(files.length, files.length);
  return read;
}

/**
 * Discovers the decision folders below `options.root` and makes the empty index for them, with
 * every prefix the folders learned plus those of the settings and `options.prefixes` (`ADR`
 * when there are none). Shared by the full read and the ripgrep scan.
 * @returns the folders and the index, with the prefixes it finds citations with.
 */
export async function discoverAndIndex(
  reader: NodeWorkspace,
  options: ScanOptions,
  settings: CliSettings,
  logger: Logger,
): Promise<{ folders: DecisionFolder[]; index: DecisionIndex; prefixes: string[] }> {
  const folders = await discoverDecisionFolders(reader, options.root, settings.discovery, logger);
  const prefixes = new Set<string>([...folders.flatMap((f) => prefixesOf(f)), ...settings.citationPrefixes, ...(options.prefixes ?? [])]);
  if (prefixes.size === 0) prefixes.add('ADR');
  const index = new DecisionIndex({
    folders,
    citationPrefixes: [...prefixes],
    commentsOnly: options.commentsOnly ?? settings.commentsOnly ?? true,
    logger,
  });
  return { folders, index, prefixes: [...prefixes] };
}

/**
 * Reads the `decisionLens.*` settings from `<root>/.vscode/settings.json` (JSON with comments),
 * so `decision-lens check` in CI sees the same folders and prefixes as the editor:
 * `decisionLens.folders`, `decisionLens.folderPrefixes`, `decisionLens.citationPrefixes`,
 * `decisionLens.citations.commentsOnly`, `decisionLens.exclude` (added to the default excludes).
 * @returns the settings; defaults when the file is missing or cannot be parsed (with a warning).
 */
export async function readCliSettings(reader: NodeWorkspace, root: string, logger: Logger = nullLogger): Promise<CliSettings> {
  const path = join(root, '.vscode/settings.json');
  const text = await reader.readText(path);
  const empty: CliSettings = { discovery: { exclude: DEFAULT_EXCLUDES }, citationPrefixes: [] };
  if (text === undefined) return empty;
  let doc: unknown;
  try {
    doc = JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, '')));
  } catch (error) {
    logger.warn(`${path}: cannot read settings (${error instanceof Error ? error.message : String(error)})`);
    return empty;
  }
  if (typeof doc !== 'object' || doc === null) return empty;
  const s = doc as Record<string, unknown>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const folders: FolderSetting[] = Array.isArray(s['decisionLens.folders'])
    ? (s['decisionLens.folders'] as unknown[])
        .map((f) => (typeof f === 'string' ? { path: f } : f))
        .filter((f): f is FolderSetting => typeof f === 'object' && f !== null && typeof (f as { path?: unknown }).path === 'string')
    : [];
  const rawPrefixes = s['decisionLens.folderPrefixes'];
  const prefixes: Record<string, string> = {};
  if (typeof rawPrefixes === 'object' && rawPrefixes !== null) {
    for (const [k, v] of Object.entries(rawPrefixes)) if (typeof v === 'string') prefixes[k] = v;
  }
  const commentsOnly = s['decisionLens.citations.commentsOnly'];
  return {
    discovery: { folders, prefixes, exclude: [...DEFAULT_EXCLUDES, ...strings(s['decisionLens.exclude'])] },
    citationPrefixes: strings(s['decisionLens.citationPrefixes']),
    ...(typeof commentsOnly === 'boolean' ? { commentsOnly } : {}),
  };
}

/** Removes `//` and `/* *\/` comments and trailing commas from JSON-with-comments, strings kept. */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
