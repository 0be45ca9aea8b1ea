/**
 * The index side of the benchmark. A full build is the product's own Node path, `scanWorkspace`
 * of the CLI (`decision-lens check`): settings from `.vscode/settings.json`, discovery, every text
 * file read from disk and handed to `DecisionIndex.upsert`. The I/O floor and the core's CPU time
 * are measured apart, with the same reader, so the report can say where the time goes.
 */
import { scanWorkspace } from '../src/cli/scan';
import { NodeWorkspace } from '../src/cli/nodeWorkspace';
import type { DecisionFolder } from '../src/core/config';
import { DEFAULT_EXCLUDES } from '../src/core/config';
import { isDecisionFile } from '../src/core/discovery';
import { DecisionIndex } from '../src/core/index';
import { forEachLimit } from './nodeWorkspace';

/** Files read at the same time by the floor measurement (the CLI reads 16 at a time). */
const READ_PARALLELISM = 16;

/** One full build of the index. */
export interface IndexBuild {
  readonly index: DecisionIndex;
  readonly folders: readonly DecisionFolder[];
  /** Wall-clock seconds from the start of the scan (settings, discovery) to the last file indexed. */
  readonly seconds: number;
  /** CPU seconds of this process meanwhile (user + system, all its threads). */
  readonly cpuSeconds: number;
  /** Files read and indexed. */
  readonly files: number;
  /** Files listed but not read (binary, too large, unreadable). */
  readonly skipped: number;
}

/**
 * Builds the index of the workspace at `root` from disk, as `decision-lens check` does.
 * @returns the index and its wall-clock time; rejects only when the file system fails.
 */
export async function buildIndexFromDisk(root: string): Promise<IndexBuild> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await scanWorkspace({ root });
  const cpu = process.cpuUsage(cpu0);
  return {
    index: r.index,
    folders: r.folders,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    files: r.filesRead,
    skipped: r.skipped.length,
  };
}

/** The text files of a workspace, in memory. */
export interface LoadedFiles {
  readonly files: { readonly path: string; readonly text: string }[];
  /** Seconds to list and read them (the I/O floor of a build). */
  readonly seconds: number;
  /** UTF-8 bytes read. */
  readonly bytes: number;
}

/**
 * Lists and reads every file a build reads, with the CLI's reader and parallelism, without
 * indexing: the I/O floor of a build in Node.
 * @param keep keep the texts (for {@link indexInMemory}); otherwise they are dropped as read.
 */
export async function readAll(root: string, keep: boolean): Promise<LoadedFiles> {
  const started = performance.now();
  const reader = new NodeWorkspace();
  const paths = (await reader.findFiles(root, ['**/*'], DEFAULT_EXCLUDES)).sort();
  const files: { path: string; text: string }[] = [];
  let bytes = 0;
  await forEachLimit(paths, READ_PARALLELISM, async (path) => {
    const file = await reader.readTextFile(path);
    if ('text' in file) {
      bytes += Buffer.byteLength(file.text);
      if (keep) files.push({ path, text: file.text });
    }
  });
  return { files, seconds: (performance.now() - started) / 1000, bytes };
}

/** CPU time of the core for a whole workspace whose files are already in memory. */
export interface CoreTime {
  /** Milliseconds for every `upsert` (records and sources). */
  readonly totalMs: number;
  /** CPU milliseconds of the same (user + system). */
  readonly cpuMs: number;
  /** Of those, milliseconds spent on record files (parsing). */
  readonly recordsMs: number;
  readonly recordFiles: number;
  readonly sourceFiles: number;
}

/**
 * Upserts every file into a fresh index configured like `like`.
 * @returns the time spent in the core, split into records and sources.
 */
export function indexInMemory(loaded: LoadedFiles, like: DecisionIndex): CoreTime {
  const folders = like.getFolders();
  const index = new DecisionIndex({ folders, citationPrefixes: like.getCitationPrefixes(), commentsOnly: true });
  let recordsMs = 0;
  let recordFiles = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  for (const f of loaded.files) {
    const record = isDecisionFile(f.path, folders) !== undefined;
    const t0 = performance.now();
    index.upsert(f.path, f.text);
    if (record) {
      recordsMs += performance.now() - t0;
      recordFiles++;
    }
  }
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  index.dispose();
  return { totalMs, cpuMs: (cpu.user + cpu.system) / 1000, recordsMs, recordFiles, sourceFiles: loaded.files.length - recordFiles };
}
