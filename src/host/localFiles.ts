/**
 * The port through which the indexer reads a workspace on the local disk without one
 * `workspace.fs` round trip per file (each costs a call to the workbench; in code-server that is
 * the browser). `src/host/nodeFs.ts` implements it over Node's fs and ripgrep; a web bundle passes
 * none and every file goes through `workspace.fs`.
 */
import type { CitationPrefilter } from '../core/prefilter';

/** A file read for the index: its text (BOM dropped, as in an editor), size and mtime, or why not. */
export type LocalRead =
  | { readonly text: string; readonly size: number; readonly mtime: number }
  | { readonly skipped: 'too-large' | 'binary' | 'unreadable'; readonly size?: number; readonly mtime?: number };

/** Size (bytes) and modification time (ms since the epoch) of a file. */
export interface LocalStat {
  readonly size: number;
  readonly mtime: number;
}

/** How the ripgrep listings prune and follow. */
export interface LocalListOptions {
  /** Folder names pruned at any depth (the default excludes). */
  readonly excludedDirs: readonly string[];
  /** Follow symbolic links (`search.followSymlinks`). */
  readonly follow: boolean;
  /** `vscode.env.appRoot`, where the bundled ripgrep is. */
  readonly appRoot: string;
  readonly signal?: AbortSignal;
  /** Run at a lower CPU priority (a search that may wait while the records are parsed). */
  readonly background?: boolean;
}

/** Local file access for `file:` workspace folders. Paths are absolute POSIX paths. */
export interface LocalFiles {
  /** @returns true when a ripgrep executable was found under `appRoot`. */
  hasRipgrep(appRoot: string): boolean;
  /**
   * Every file below `root` (pruned by `excludedDirs` only).
   * @throws when ripgrep is missing or fails; the caller falls back to `workspace.findFiles`.
   */
  listFiles(root: string, options: LocalListOptions): Promise<string[]>;
  /**
   * The files below `root` whose text matches `prefilter`, not larger than `maxFileBytes`.
   * @throws when ripgrep is missing or fails.
   */
  filesMatching(root: string, prefilter: CitationPrefilter, maxFileBytes: number, options: LocalListOptions): Promise<string[]>;
  /** Reads a file for the index; never throws. */
  readTextFile(path: string, maxFileBytes: number): LocalRead;
  /** @returns the file's size and mtime, or `undefined` when it cannot be read. */
  stat(path: string): LocalStat | undefined;
  /**
   * @param maxBytes the largest file read (default 2 MiB: config files and sample records).
   * @returns the file's text (BOM kept, for discovery's config files), or `undefined` when it is
   *   missing, not a regular file or over `maxBytes`.
   */
  readText(path: string, maxBytes?: number): string | undefined;
}
