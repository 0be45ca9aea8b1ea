/**
 * {@link LocalFiles} over Node's fs and ripgrep, for `file:` workspaces in a Node extension host.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { CitationPrefilter } from '../core/prefilter';
import type { LocalFiles, LocalListOptions, LocalRead, LocalStat } from './localFiles';
import { bundledRipgrep, ripgrepFiles } from './ripgrep';

/** Reused by every read that fits (most source files): no buffer is allocated per file. */
const SCRATCH = Buffer.allocUnsafe(256 * 1024);

/** Opened non-blocking, so a FIFO put where a file was listed can never block the extension host. */
const READ_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Config files and sample records read by {@link LocalFiles.readText} are at most this many bytes (2 MiB). */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;

/** Niceness of a background search (0 normal, 19 lowest; Windows maps it to a priority class). */
const BACKGROUND_NICENESS = 10;

/** Converts a core POSIX path to a native one (`/C:/x` -> `C:/x` on Windows). */
function native(path: string): string {
  return process.platform === 'win32' && /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/**
 * @param rgPath a ripgrep to use instead of VS Code's bundled one (tests, the CLI).
 * @returns local file access; reads are synchronous (one descriptor, no thread-pool round trip),
 *   callers read in batches and yield between them.
 */
export function createNodeFiles(rgPath?: string): LocalFiles {
  const rgOf = (appRoot: string): string => {
    const rg = rgPath ?? bundledRipgrep(appRoot);
    if (!rg) throw new Error(`no ripgrep under ${appRoot}`);
    return rg;
  };
  return {
    hasRipgrep: (appRoot) => (rgPath ?? bundledRipgrep(appRoot)) !== undefined,
    async listFiles(root: string, options: LocalListOptions): Promise<string[]> {
      const r = await ripgrepFiles({ rgPath: rgOf(options.appRoot), paths: [native(root)], excludedDirs: options.excludedDirs, follow: options.follow, signal: options.signal });
      return r.files;
    },
    async filesMatching(root: string, prefilter: CitationPrefilter, maxFileBytes: number, options: LocalListOptions): Promise<string[]> {
      const r = await ripgrepFiles({
        rgPath: rgOf(options.appRoot),
        paths: [native(root)],
        prefilter,
        maxFileBytes,
        excludedDirs: options.excludedDirs,
        follow: options.follow,
        signal: options.signal,
        ...(options.background ? { niceness: BACKGROUND_NICENESS } : {}),
      });
      return r.files;
    },
    readTextFile: (path, maxFileBytes) => readTextFile(path, maxFileBytes),
    stat(path: string): LocalStat | undefined {
      try {
        const s = statSync(native(path));
        return s.isFile() ? { size: s.size, mtime: s.mtimeMs } : undefined;
      } catch {
        return undefined;
      }
    },
    readText(path: string, maxBytes = MAX_TEXT_BYTES): string | undefined {
      let fd: number | undefined;
      try {
        fd = openSync(native(path), READ_FLAGS);
        const stat = fstatSync(fd);
        return stat.isFile() && stat.size <= maxBytes ? readFileSync(fd, 'utf8') : undefined;
      } catch {
        return undefined;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
  };
}

/**
 * Reads a file the way the indexer's `workspace.fs` path does: files over `maxFileBytes` and files
 * with a NUL byte in their first 8 KiB are skipped; the text is UTF-8 with a BOM dropped.
 */
export function readTextFile(path: string, maxFileBytes: number): LocalRead {
  let fd: number | undefined;
  try {
    fd = openSync(native(path), READ_FLAGS);
    const stat = fstatSync(fd);
    const meta = { size: stat.size, mtime: stat.mtimeMs };
    if (!stat.isFile()) return { skipped: 'unreadable', ...meta };
    if (stat.size > maxFileBytes) return { skipped: 'too-large', ...meta };
    let buffer = stat.size < SCRATCH.length ? SCRATCH : Buffer.allocUnsafe(Math.min(stat.size + 1, maxFileBytes + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxFileBytes) return { skipped: 'too-large', ...meta };
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxFileBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    if (length > maxFileBytes) return { skipped: 'too-large', ...meta };
    if (buffer.subarray(0, Math.min(length, 8192)).includes(0)) return { skipped: 'binary', ...meta };
    const bom = length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    return { text: buffer.toString('utf8', bom, length), ...meta };
  } catch {
    return { skipped: 'unreadable' };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // nothing left to release
      }
    }
  }
}
