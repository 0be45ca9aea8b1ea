/**
 * The index side of the benchmark: builds the real {@link DecisionIndex} over files read from disk
 * the way the editor's indexer does (discovery, list, records first, 8 reads in flight, binary and
 * size checks, UTF-8 decoding, `upsert`), and times each part.
 */
import { readFile } from 'node:fs/promises';
import type { DecisionFolder, DiscoverySettings } from '../src/core/config';
import { discoverDecisionFolders, isDecisionFile } from '../src/core/discovery';
import { DecisionIndex } from '../src/core/index';
import { isInside } from '../src/core/paths';
import { createNodeReader, forEachLimit, walk } from './nodeWorkspace';

/** Same limits as the editor's indexer (`src/host/indexer.ts`). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const READ_PARALLELISM = 8;

const utf8 = new TextDecoder('utf-8');

/** One full build of the index, with where the time went. */
export interface IndexBuild {
  readonly index: DecisionIndex;
  readonly folders: readonly DecisionFolder[];
  /** Wall-clock seconds from the start of discovery to the last file indexed. */
  readonly seconds: number;
  readonly discoverMs: number;
  readonly listMs: number;
  /** Milliseconds spent inside `DecisionIndex.upsert` (CPU time of the core, summed). */
  readonly upsertMs: number;
  /** Of {@link upsertMs}, the part spent on record files. */
  readonly recordUpsertMs: number;
  readonly files: number;
  readonly recordFiles: number;
  readonly bytes: number;
  readonly skipped: number;
}

/** @returns true when `path` is a record file of `folders` (the indexer's ordering check). */
function isDecisionPath(path: string, folders: readonly DecisionFolder[]): boolean {
  return folders.some((f) => (f.kind === 'log' ? f.path === path : isInside(path, f.path)));
}

function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.byteLength, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Builds the index of the workspace at `root` from disk.
 * @param settings discovery settings (citation prefixes per folder, as a user would set them).
 * @returns the index and timings; rejects only when the file system fails.
 */
export async function buildIndexFromDisk(root: string, settings: DiscoverySettings): Promise<IndexBuild> {
  const started = performance.now();
  const reader = createNodeReader();
  const folders = await discoverDecisionFolders(reader, root, settings);
  const discovered = performance.now();
  const files = await walk(root);
  const listed = performance.now();
  const index = new DecisionIndex({ folders, commentsOnly: true });
  files.sort((a, b) => Number(!isDecisionPath(b, folders)) - Number(!isDecisionPath(a, folders)));
  let upsertMs = 0;
  let recordUpsertMs = 0;
  let bytes = 0;
  let skipped = 0;
  let recordFiles = 0;
  await forEachLimit(files, READ_PARALLELISM, async (path) => {
    let buf: Buffer;
    try {
      buf = await readFile(path);
    } catch {
      skipped++;
      return;
    }
    if (buf.byteLength > MAX_FILE_BYTES || looksBinary(buf)) {
      skipped++;
      return;
    }
    bytes += buf.byteLength;
    const text = utf8.decode(buf);
    const t0 = performance.now();
    index.upsert(path, text);
    const dt = performance.now() - t0;
    upsertMs += dt;
    if (isDecisionFile(path, folders)) {
      recordFiles++;
      recordUpsertMs += dt;
    }
  });
  const done = performance.now();
  return {
    index,
    folders,
    seconds: (done - started) / 1000,
    discoverMs: discovered - started,
    listMs: listed - discovered,
    upsertMs,
    recordUpsertMs,
    files: files.length,
    recordFiles,
    bytes,
    skipped,
  };
}

/**
 * Reads every file the index would read, the same way, without indexing: the I/O floor of a
 * build in Node.
 * @returns seconds and bytes read.
 */
export async function readOnly(root: string): Promise<{ seconds: number; bytes: number; files: number }> {
  const started = performance.now();
  const files = await walk(root);
  let bytes = 0;
  await forEachLimit(files, READ_PARALLELISM, async (path) => {
    try {
      const buf = await readFile(path);
      if (buf.byteLength > MAX_FILE_BYTES || looksBinary(buf)) return;
      bytes += utf8.decode(buf).length;
    } catch {
      // unreadable files are skipped, as by the index
    }
  });
  return { seconds: (performance.now() - started) / 1000, bytes, files: files.length };
}
