/**
 * Lists files with ripgrep: every file of a folder (`rg --files`) or the files whose text matches
 * the citation prefilter (`rg --files-with-matches`, see `core/prefilter.ts`). Used by the
 * extension host for `file:` workspaces (with the ripgrep VS Code ships) and by the CLI (`rg` on
 * the PATH, or a VS Code install's). Node only, no `vscode`: a web bundle leaves it out.
 */
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CitationPrefilter } from '../core/prefilter';

/** Options of {@link ripgrepFiles}. */
export interface RipgrepFilesOptions {
  /** The ripgrep executable (from {@link findRipgrep}). */
  readonly rgPath: string;
  /** Native absolute paths to search (a workspace folder, or a few decision folders). */
  readonly paths: readonly string[];
  /** When given, only files whose text matches it are listed; else every file. */
  readonly prefilter?: CitationPrefilter;
  /**
   * Folder names pruned at any depth (`node_modules`, `.git`): the default excludes. Other
   * excludes are applied by the caller with core/glob.ts, which is the source of truth.
   */
  readonly excludedDirs: readonly string[];
  /** Follow symbolic links (VS Code's `search.followSymlinks`, default true there). */
  readonly follow: boolean;
  /** Files larger than this many bytes are not searched (their text is never indexed either). */
  readonly maxFileBytes?: number;
  /** Stops ripgrep; the promise then rejects. */
  readonly signal?: AbortSignal;
  /** The process's niceness (`os.setPriority`: 0 normal, up to 19 lowest); left as it is when setting it fails. */
  readonly niceness?: number;
}

/** What {@link ripgrepFiles} returns. */
export interface RipgrepFiles {
  /** Absolute POSIX paths, in ripgrep's order. */
  readonly files: string[];
  /** The first lines ripgrep printed on stderr for files or folders it could not read, if any. */
  readonly warnings: string;
}

/**
 * Runs ripgrep once and collects the file names it prints (NUL-separated, so any file name works).
 *
 * ripgrep reads every file (`--no-ignore --hidden`: the index does not honour `.gitignore`
 * either), searches raw bytes (`--text --encoding none`: a NUL after the first 8 KiB or a stray
 * BOM never hides a match), and skips files over `maxFileBytes`.
 * @returns the files; exit code 1 (nothing matched) is an empty list; exit code 2 with output
 *   (some files unreadable) keeps the output and the warnings.
 * @throws when ripgrep cannot start, is stopped through `signal`, or fails without output.
 */
export function ripgrepFiles(options: RipgrepFilesOptions): Promise<RipgrepFiles> {
  const args = ['--no-config', '--no-ignore', '--hidden', '--null', '--color', 'never'];
  if (options.follow) args.push('--follow');
  if (options.maxFileBytes !== undefined) args.push('--max-filesize', String(options.maxFileBytes));
  for (const d of options.excludedDirs) args.push('--glob', `!${d}/`);
  if (options.prefilter) {
    args.push('--files-with-matches', '--text', '--encoding', 'none');
    if (options.prefilter.ignoreCase) args.push('--ignore-case');
    else args.push('--case-sensitive');
    args.push('--regexp', options.prefilter.source);
  } else {
    args.push('--files');
  }
  args.push('--', ...options.paths);
  return new Promise((resolve, reject) => {
    const child = spawn(options.rgPath, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal, windowsHide: true });
    if (options.niceness !== undefined && child.pid !== undefined) {
      try {
        setPriority(child.pid, options.niceness);
      } catch {
        // not allowed here: ripgrep runs at the normal priority
      }
    }
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      // One decode for the whole output (NUL is one byte in UTF-8, so splitting the text there
      // gives the names a decode of each would); what follows the last NUL is not a whole name.
      const names = Buffer.concat(chunks).toString('utf8').split('\u0000');
      names.pop();
      const files = process.platform === 'win32' ? names.map(toPosixPath) : names;
      if (code === 0 || code === 1 || (code === 2 && files.length > 0)) {
        resolve({ files, warnings: stderr.split('\n').slice(0, 3).join('\n').trim() });
      } else {
        reject(new Error(`ripgrep exited with ${String(code)}: ${stderr.trim().split('\n')[0] ?? ''}`));
      }
    });
  });
}

/**
 * Finds a ripgrep executable.
 * @param appRoot `vscode.env.appRoot` of a VS Code (desktop or server); its bundled ripgrep is
 *   `node_modules/@vscode/ripgrep/bin/rg` or, in desktop builds, under `node_modules.asar.unpacked`.
 * @returns the path, or `undefined` when none of the candidates exists.
 */
export function bundledRipgrep(appRoot: string | undefined): string | undefined {
  if (!appRoot) return undefined;
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  for (const modules of ['node_modules', 'node_modules.asar.unpacked']) {
    const path = join(appRoot, modules, '@vscode', 'ripgrep', 'bin', exe);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Converts a native path as ripgrep prints it to the core's POSIX form (`C:\x` -> `/C:/x`). */
function toPosixPath(native: string): string {
  if (process.platform !== 'win32') return native;
  const p = native.replace(/\\/g, '/');
  return /^[A-Za-z]:\//.test(p) ? '/' + p : p;
}

