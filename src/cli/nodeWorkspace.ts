/**
 * The core's {@link WorkspaceReader} over Node's file system, for the command line.
 */
import { closeSync, openSync, promises as fs, readSync } from 'node:fs';
import picomatch from 'picomatch';
import type { WorkspaceReader } from '../core/ports';
import { join, normalize, relative } from '../core/paths';

/** Files larger than this (bytes) are not read for citations. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Extensions of files that are never text; skipped without reading. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd avif heic svgz pdf zip gz tgz bz2 xz 7z rar jar war ear class ' +
    'exe dll so dylib o a lib obj bin dat wasm woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac avi mov mkv webm ' +
    'sqlite db pyc pyo pdb nupkg vsix iso dmg deb rpm pack idx'
  ).split(' '),
);

/** @returns true for a path whose extension is never text (the file is skipped unread). */
export function hasBinaryExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

/** Reused by {@link NodeWorkspace.readTextFile} for every file that fits (most source files). */
const SCRATCH = Buffer.allocUnsafe(256 * 1024);

/** Why a file was not read as text. */
export type SkipReason = 'too-large' | 'binary' | 'unreadable';

/** A file read for indexing: its text, or why it was skipped. */
export type TextFile = { readonly path: string; readonly text: string } | { readonly path: string; readonly skipped: SkipReason };

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
 */
export class NodeWorkspace implements WorkspaceReader {
  async readText(path: string): Promise<string | undefined> {
    try {
      return await fs.readFile(toNative(path), 'utf8');
    } catch {
      return undefined;
    }
  }

  async exists(path: string): Promise<boolean> {
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
    const included = picomatch([...include], { dot: true });
    const excluded = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(toNative(dir), { withFileTypes: true });
      } catch {
        return;
      }
      const subdirs: string[] = [];
      for (const entry of entries) {
        const path = join(dir, entry.name);
        // Below `base` by construction: the relative path is the rest of the string.
        const rel = path.startsWith(prefix) ? path.slice(prefix.length) : relative(base, path);
        if (entry.isDirectory()) {
          // Prune a folder when everything in it would be excluded.
          if (!excluded(rel + '/\u0000') && !excluded(rel)) subdirs.push(path);
        } else if (entry.isFile() || entry.isSymbolicLink()) {
          if (entry.isSymbolicLink()) {
            try {
              if (!(await fs.stat(toNative(path))).isFile()) continue;
            } catch {
              continue;
            }
          }
          if (included(rel) && !excluded(rel)) out.push(path);
        }
      }
      await Promise.all(subdirs.map(walk));
    };
    await walk(base);
    return out;
  }

  /**
   * Reads a file for the citation scan: files over {@link MAX_FILE_BYTES}, files with a binary
   * extension and files with a NUL byte in their first 8 KiB are skipped.
   */
  async readTextFile(path: string): Promise<TextFile> {
    const dot = path.lastIndexOf('.');
    if (dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase())) return { path, skipped: 'binary' };
    // Synchronous calls on one descriptor (open, read until end of file, close): a command-line
    // scan has no UI to keep responsive, and each asynchronous call costs a thread-pool round trip
    // and a promise per file, which made reading several times slower than the reads themselves.
    // Most files fit the shared scratch buffer, so no buffer is allocated and no fstat is needed;
    // the body has no `await`, so concurrent calls never share the scratch buffer.
    let fd: number | undefined;
    try {
      fd = openSync(toNative(path), 'r');
      let buffer = SCRATCH;
      let length = 0;
      for (;;) {
        if (length === buffer.length) {
          const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 4, MAX_FILE_BYTES + 1));
          buffer.copy(bigger, 0, 0, length);
          buffer = bigger;
        }
        const n = readSync(fd, buffer, length, buffer.length - length, length);
        if (n === 0) break;
        length += n;
        if (length > MAX_FILE_BYTES) return { path, skipped: 'too-large' };
      }
      const head = buffer.subarray(0, Math.min(length, 8192));
      if (head.includes(0)) return { path, skipped: 'binary' };
      return { path, text: buffer.toString('utf8', 0, length) };
    } catch {
      return { path, skipped: 'unreadable' };
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
}
