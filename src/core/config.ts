/**
 * Where decisions live and how they are cited: the folder model shared by discovery, the index,
 * the CLI and the editor's settings.
 */
import type { FormatFamily } from './model';

/**
 * A decision folder (a directory of one-record-per-file decisions) or a decision log (a single
 * file with many entries).
 */
export interface DecisionFolder {
  /** Absolute POSIX path of the folder (`kind: 'folder'`) or of the log file (`kind: 'log'`). */
  readonly path: string;
  /** Citation prefix for the decisions in it, upper case: `ADR` (default for folders), `DL` (default for logs), `MADR`, `DEC`. */
  readonly prefix: string;
  readonly kind: 'folder' | 'log';
  /** What told us about this folder. */
  readonly source: 'adr-dir' | 'log4brains' | 'dotnet-adr' | 'settings' | 'default';
  /** Format family new records in this folder are written in, when the source implies one. */
  readonly format?: FormatFamily;
  /** log4brains package name (`.log4brains.yml` `project.packages[].name`). */
  readonly package?: string;
  /**
   * Absolute POSIX path of the project the folder belongs to: the folder holding `.adr-dir`,
   * `.log4brains.yml` or `adr.config.json`, the folder above a usual place (`/repo` for
   * `/repo/docs/adr`), the log's folder. When two folders share a citation prefix (a monorepo, a
   * folder of several projects), a citation resolves to the folder whose project contains the
   * citing file. Absent means the workspace root.
   */
  readonly root?: string;
}

/** A folder named in the user's settings. */
export interface FolderSetting {
  /** Folder or log file path, relative to the workspace root (or absolute). */
  readonly path: string;
  /** Citation prefix for it; defaults to `ADR` (folders) or `DL` (logs). */
  readonly prefix?: string;
  /** `log` for a single-file decision log; default: a log when the path ends in `.md`. */
  readonly kind?: 'folder' | 'log';
}

/** Settings that steer discovery; every field is optional. */
export interface DiscoverySettings {
  /** Extra folders or logs from the user's settings; they come first and win over other sources. */
  readonly folders?: readonly FolderSetting[];
  /**
   * Citation prefixes by folder path (relative to the root): `{ "docs/madr/decisions": "MADR" }`.
   * Applied to discovered folders whose path matches.
   */
  readonly prefixes?: Readonly<Record<string, string>>;
  /** Globs (relative to the root) never scanned; replaces {@link DEFAULT_EXCLUDES} when given. */
  readonly exclude?: readonly string[];
  /** Whether to look in the usual places (`docs/adr`, ...); default true. */
  readonly conventionalFolders?: boolean;
  /** Whether to look for decision logs (`DECISIONS.md`, `decision-log.md`) anywhere; default true. */
  readonly decisionLogs?: boolean;
}

/** Default citation prefix of a decision folder. */
export const DEFAULT_FOLDER_PREFIX = 'ADR';
/** Default citation prefix of a decision log. */
export const DEFAULT_LOG_PREFIX = 'DL';

/** Folder names never scanned for records or citations (matched as whole path segments). */
export const DEFAULT_EXCLUDED_DIRS: readonly string[] = ['node_modules', '.git', 'out', 'dist', 'build', 'coverage', '.vscode-test'];

/** {@link DEFAULT_EXCLUDED_DIRS} as globs (`glob.ts`) relative to a root. */
export const DEFAULT_EXCLUDES: readonly string[] = DEFAULT_EXCLUDED_DIRS.map((d) => `**/${d}/**`);

/** The usual places for decision folders, relative to a workspace root, in order of preference. */
export const CONVENTIONAL_FOLDERS: readonly string[] = [
  'doc/adr',
  'docs/adr',
  'docs/adrs',
  'docs/decisions',
  'doc/architecture/decisions',
  'docs/architecture/decisions',
  'docs/madr/decisions',
  'adr',
];

/** File names (lower case) of single-file decision logs. */
export const DECISION_LOG_NAMES: readonly string[] = ['decisions.md', 'decision-log.md'];

/**
 * Normalises a citation prefix: trimmed, upper case, trailing `-`/space dropped.
 * @returns the prefix, or `undefined` when nothing usable is left (letters, digits and `_` only,
 * starting with a letter).
 */
export function normalizePrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  const p = prefix.trim().replace(/[-\s]+$/, '').toUpperCase();
  return /^[A-Z][A-Z0-9_]*$/.test(p) ? p : undefined;
}
