/**
 * The core's {@link WorkspaceReader} over Node's file system, for the command line.
 */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, promises as fs, readSync, realpathSync, statSync } from 'node:fs';
import { compileGlobs } from '../core/glob';
import type { Logger, WorkspaceReader } from '../core/ports';
import { isInside, join, normalize, relative } from '../core/paths';
import { BINARY_EXTENSIONS } from '../host/fileRules';

/** Files larger than this (bytes) are not read for citations. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** @returns true for a path whose extension is never text (the file is skipped unread). */
export function hasBinaryExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

/** Reused by {@link NodeWorkspace.readTextFile} for every file that fits (most source files). */
const SCRATCH = Buffer.allocUnsafe(256 * 1024);

/**
 * Why a file was not read as text:
 * - `too-large`: over {@link MAX_FILE_BYTES} (a source or record) or {@link MAX_CONFIG_BYTES} (a
 *   configuration file: `.vscode/settings.json`, `.adr-dir`, `.log4brains.yml`, `adr.config.json`);
 * - `binary`: a NUL byte in the first 8 KiB (UTF-16 without a BOM looks like this too);
 * - `binary-name`: a binary file extension (`.png`, `.zip`, ...): never text, not reported;
 * - `unreadable`: the file could not be opened or read (permissions, a broken or looping link);
 * - `not-regular`: a FIFO, socket or device (reading one could block or never end);
 * - `outside-root`: a symbolic link that leads out of the folder being read;
 * - `too-deep`: a folder nested more than {@link MAX_FOLDER_DEPTH} levels below the root;
 * - `unsupported-name`: a `\` in a file name (the core reads `\` as a path separator).
 */
export type SkipReason = 'too-large' | 'binary' | 'binary-name' | 'unreadable' | 'not-regular' | 'outside-root' | 'too-deep' | 'unsupported-name';

/** A file or folder that was not read, with the reason and a short detail (`FIFO`, `EACCES`, `1 MB`). */
export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
  readonly detail?: string;
}

/** A file read for indexing: its text, or why it was skipped. */
export type TextFile = { readonly path: string; readonly text: string } | { readonly path: string; readonly skipped: SkipReason; readonly detail?: string };

/** Configuration files larger than this (bytes) are not read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Folders nested deeper than this below the root are not walked (and reported). */
export const MAX_FOLDER_DEPTH = 128;

/** `open` flags: read only, never block on a FIFO (POSIX), never follow a final symbolic link. */
const O_NONBLOCK = fsConstants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fsConstants.O_NOFOLLOW ?? 0;
const READ_FLAGS = fsConstants.O_RDONLY | O_NONBLOCK;

/** What kind of non-regular file a `Stats` or `Dirent` is, for the skip detail. */
function kindOf(s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean }): string {
  if (s.isFIFO()) return 'FIFO';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice()) return 'character device';
  if (s.isBlockDevice()) return 'block device';
  if (s.isDirectory()) return 'folder';
  return 'special file';
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * Decodes file bytes as text: UTF-8 (a UTF-8 BOM is kept, parsers strip it), or UTF-16 LE / BE
 * when the file starts with that BOM (the BOM is dropped).
 * @returns the text, or `undefined` when the first 8 KiB hold a NUL byte and there is no UTF-16 BOM.
 */
export function decodeText(buffer: Buffer, length: number): string | undefined {
  if (length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString('utf16le', 2, length - ((length - 2) % 2));
  if (length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    const even = length - ((length - 2) % 2);
    const swapped = Buffer.from(buffer.subarray(2, even));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (buffer.subarray(0, Math.min(length, 8192)).includes(0)) return undefined;
  return buffer.toString('utf8', 0, length);
}

/**
 * Converts a native path to the core's POSIX form (`C:\x\y` → `/C:/x/y`).
 * @returns an absolute POSIX path.
 */
export function toPosix(nativePath: string): string {
  const p = nativePath.replace(/\\/g, '/');
  return normalize(/^[A-Za-z]:\//.test(p) ? '/' + p : p);
}

/** Converts a core POSIX path back to a native path for Node's `fs`. */
export function toNative(posixPath: string): string {
  return process.platform === 'win32' && /^\/[A-Za-z]:\//.test(posixPath) ? posixPath.slice(1) : posixPath;
}

/**
 * A {@link WorkspaceReader} over the local disk. `findFiles` walks the tree itself (no symbolic
 * links to folders are followed, so link cycles cannot loop) and prunes excluded folders.
 *
 * Given a root (an absolute POSIX path with symbolic links resolved, as `realpath` gives it),
 * nothing outside it is read: a symbolic link is resolved and read only when its target is a
 * regular file inside the root. Only regular files are ever opened (no FIFO, socket or device),
 * with `O_NONBLOCK` so a file swapped for a FIFO meanwhile cannot block either. Every file or
 * folder that was not read, other than binary file names, is kept in {@link skipped}.
 */
export class NodeWorkspace implements WorkspaceReader {
  private readonly skips = new Map<string, SkippedFile>();
  /** Symbolic links found by `findFiles` that lead to a regular file inside the root: their target. */
  private readonly linkTargets = new Map<string, string>();
  /** Walks of every file, by root and excludes (see {@link findFiles}). */
  private readonly walks = new Map<string, string[]>();

  /**
   * @param root the folder reads are confined to (absolute POSIX, links resolved); none: no confinement.
   * @param logger told about globs `findFiles` ignores because they cannot be matched safely.
   */
  constructor(
    readonly root?: string,
    private readonly logger?: Logger,
  ) {}

  /** Files and folders skipped so far (walks and reads), sorted by path. */
  get skipped(): SkippedFile[] {
    return [...this.skips.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Records a skipped file (once per path). */
  skip(path: string, reason: SkipReason, detail?: string): void {
    if (reason === 'binary-name' || this.skips.has(path)) return;
    this.skips.set(path, detail !== undefined ? { path, reason, detail } : { path, reason });
  }

  /**
   * Reads a configuration file (or a record discovery samples) through the guarded reader: a
   * regular file inside the root, at most {@link MAX_CONFIG_BYTES} ({@link MAX_FILE_BYTES} for a
   * Markdown or reStructuredText record). A file that exists but is not read is added to {@link skipped}.
   * @returns the text, or `undefined` when it is missing or was skipped.
   */
  async readText(path: string): Promise<string | undefined> {
    // Discovery also reads sample records through this port: they get the cap of every record read.
    const file = this.readGuarded(path, /\.(md|markdown|rst)$/i.test(path) ? MAX_FILE_BYTES : MAX_CONFIG_BYTES);
    if ('text' in file) return file.text;
    if (file.skipped !== undefined) this.skip(path, file.skipped, file.detail);
    return undefined;
  }

  /**
   * Reads one file by path, checking everything (for paths not found by {@link findFiles}):
   * inside the root after resolving links, a regular file, at most `maxBytes`.
   * @returns the text, the skip reason, or `{ skipped: undefined }` when the file does not exist.
   */
  readGuarded(path: string, maxBytes: number): { text: string } | { skipped: SkipReason | undefined; detail?: string } {
    const native = toNative(path);
    if (this.root !== undefined && !isInside(path, this.root)) return { skipped: 'outside-root' };
    let stat;
    try {
      stat = lstatSync(native, { throwIfNoEntry: false });
    } catch (error) {
      return { skipped: 'unreadable', detail: errorCode(error) };
    }
    if (stat === undefined) return { skipped: undefined };
    let target = native;
    // A link, or a folder on the way that is one (`.vscode` -> elsewhere): the real path decides.
    const link = stat.isSymbolicLink();
    if (link || this.root !== undefined) {
      try {
        target = realpathSync(native);
        if (link) stat = statSync(target);
      } catch (error) {
        return { skipped: 'unreadable', detail: errorCode(error) };
      }
      if (this.root !== undefined && !isInside(toPosix(target), this.root)) return { skipped: 'outside-root', ...(link ? {} : { detail: 'folder' }) };
    }
    if (!stat.isFile()) return { skipped: 'not-regular', detail: kindOf(stat) };
    if (stat.size > maxBytes) return { skipped: 'too-large', detail: megabytes(maxBytes) };
    const file = readRegular(target, maxBytes, O_NOFOLLOW, true);
    return 'text' in file ? { text: file.text } : { skipped: file.skipped, ...(file.detail !== undefined ? { detail: file.detail } : {}) };
  }

  async exists(path: string): Promise<boolean> {
    if (this.root !== undefined && !isInside(path, this.root)) return false;
    try {
      await fs.stat(toNative(path));
      return true;
    } catch {
      return false;
    }
  }

  async findFiles(root: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
    const base = normalize(root);
    const prefix = base === '/' ? '/' : base + '/';
    // A walk of every file (`**\/*`) with the same excludes answers narrower listings too: the
    // command line lists everything first, so discovery does not walk the tree a second time.
    const walkKey = `${base}\u0000${exclude.join('\u0000')}`;
    const everything = this.walks.get(walkKey);
    if (everything) {
      const includeSet = compileGlobs(include);
      return everything.filter((p) => includeSet.matches(p.slice(prefix.length)));
    }
    // Linear-time globs (src/core/glob.ts); a glob that cannot be matched safely is ignored and said so.
    const includeSet = compileGlobs(include);
    const excludeSet = compileGlobs(exclude);
    for (const r of [...includeSet.rejected, ...excludeSet.rejected]) this.logger?.warn(`glob "${r.source.slice(0, 80)}" is ignored: ${r.reason}`);
    const included = (p: string): boolean => includeSet.matches(p);
    const excluded = (p: string): boolean => excludeSet.matches(p);
    const confine = this.root;
    const out: string[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > MAX_FOLDER_DEPTH) {
        this.skip(dir, 'too-deep', String(MAX_FOLDER_DEPTH));
        return;
      }
      let entries;
      try {
        entries = await fs.readdir(toNative(dir), { withFileTypes: true });
      } catch (error) {
        if (errorCode(error) !== 'ENOENT' && dir !== base) this.skip(dir, 'unreadable', errorCode(error));
        return;
      }
      const subdirs: string[] = [];
      for (const entry of entries) {
        // A `\` is a separator to the core's paths: such a name would be read under another path.
        if (entry.name.includes('\\') && process.platform !== 'win32') {
          const shown = (dir === '/' ? '' : dir) + '/' + entry.name;
          const relShown = shown.startsWith(prefix) ? shown.slice(prefix.length) : shown;
          if (!excluded(relShown)) this.skip(shown, 'unsupported-name', 'backslash');
          continue;
        }
        const path = join(dir, entry.name);
        // Below `base` by construction: the relative path is the rest of the string.
        const rel = path.startsWith(prefix) ? path.slice(prefix.length) : relative(base, path);
        if (entry.isDirectory()) {
          // Prune a folder when everything in it would be excluded.
          if (!excluded(rel + '/\u0000') && !excluded(rel)) subdirs.push(path);
        } else if (entry.isFile()) {
          if (included(rel) && !excluded(rel)) out.push(path);
        } else if (entry.isSymbolicLink()) {
          if (excluded(rel) || excluded(rel + '/\u0000')) continue;
          let real: string;
          let stat;
          try {
            real = realpathSync(toNative(path));
            stat = statSync(real);
          } catch (error) {
            if (included(rel)) this.skip(path, 'unreadable', `symbolic link: ${errorCode(error)}`);
            continue;
          }
          const inside = confine === undefined || isInside(toPosix(real), confine);
          if (stat.isDirectory()) {
            // Folder links are never followed; one that leads out of the root is worth saying.
            if (!inside) this.skip(path, 'outside-root', 'folder');
            continue;
          }
          if (!included(rel)) continue;
          if (!inside) this.skip(path, 'outside-root');
          else if (!stat.isFile()) this.skip(path, 'not-regular', kindOf(stat));
          else {
            this.linkTargets.set(path, real);
            out.push(path);
          }
        } else if (included(rel) && !excluded(rel)) {
          this.skip(path, 'not-regular', kindOf(entry));
        }
      }
      await Promise.all(subdirs.map((d) => walk(d, depth + 1)));
    };
    await walk(base, 0);
    if (include.length === 1 && include[0] === '**/*') this.walks.set(walkKey, out);
    return [...out];
  }

  /**
   * Reads a file found by {@link findFiles} for the citation scan: files over
   * {@link MAX_FILE_BYTES}, files with a binary extension and files with a NUL byte in their
   * first 8 KiB (and no UTF-16 BOM) are skipped. A link is read through the target `findFiles`
   * checked; any other path is opened with `O_NOFOLLOW`, so a file swapped for a link meanwhile
   * is not followed.
   */
  /** @returns true for a file {@link findFiles} listed through a symbolic link (to a file inside the root). */
  isLink(path: string): boolean {
    return this.linkTargets.has(path);
  }

  async readTextFile(path: string): Promise<TextFile> {
    return readIndexFile(path, this.linkTargets.get(path));
  }

  /** The target of a file {@link findFiles} listed through a symbolic link, for {@link readIndexFile} elsewhere (a build worker). */
  linkTarget(path: string): string | undefined {
    return this.linkTargets.get(path);
  }
}

/**
 * {@link NodeWorkspace.readTextFile} without the walk's state, for a build worker: `target` is the
 * checked target of a listed symbolic link (`NodeWorkspace.linkTarget`); any other path is
 * opened with `O_NOFOLLOW`.
 */
export function readIndexFile(path: string, target: string | undefined): TextFile {
  const dot = path.lastIndexOf('.');
  if (dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase())) return { path, skipped: 'binary-name' };
  const file = readRegular(target ?? toNative(path), MAX_FILE_BYTES, target === undefined ? O_NOFOLLOW : 0, false);
  return 'text' in file ? { path, text: file.text } : { path, ...file };
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * Reads a file that should be regular, at most `maxBytes`, never blocking.
 * Synchronous calls on one descriptor (open, read until end of file, close): a command-line
 * scan has no UI to keep responsive, and each asynchronous call costs a thread-pool round trip
 * and a promise per file, which made reading several times slower than the reads themselves.
 * Most files fit the shared scratch buffer, so no buffer is allocated; the body has no `await`,
 * so concurrent calls never share the scratch buffer.
 * @param checkType fstat the open file and refuse anything but a regular file (the caller did
 *   not see its type); otherwise a FIFO fails the first read (`EAGAIN`) and a device stops at the cap.
 */
function readRegular(native: string, maxBytes: number, extraFlags: number, checkType: boolean): { text: string } | { skipped: SkipReason; detail?: string } {
  let fd: number | undefined;
  try {
    fd = openSync(native, READ_FLAGS | extraFlags);
    if (checkType) {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { skipped: 'not-regular', detail: kindOf(stat) };
    }
    let buffer = SCRATCH;
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 4, maxBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return { skipped: 'too-large', detail: megabytes(maxBytes) };
    }
    const text = decodeText(buffer, length);
    return text === undefined ? { skipped: 'binary', detail: 'NUL bytes' } : { text };
  } catch (error) {
    const code = errorCode(error);
    // A FIFO opened without blocking has nothing to read: EAGAIN.
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return { skipped: 'not-regular', detail: 'FIFO' };
    if (code === 'ELOOP' && extraFlags === O_NOFOLLOW && O_NOFOLLOW !== 0) return { skipped: 'unreadable', detail: 'replaced by a symbolic link' };
    return { skipped: 'unreadable', detail: code };
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
