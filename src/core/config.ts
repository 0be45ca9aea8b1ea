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
  /**
   * The citation prefix its records are shown with, upper case: the one the folder mostly uses
   * (see {@link DecisionFolder.prefixes}); `ADR` for folders and `DL` for logs when nothing is known.
   */
  readonly prefix: string;
  /**
   * Every citation prefix of the folder, each with where it was learned (`prefixes.ts`): the
   * records' headings and front-matter ids, how they cite each other, the folder's and files'
   * names, the owning tool, the settings. {@link DecisionFolder.prefix} comes first. Absent on
   * folders built by hand (tests, callers that know one prefix): then `[prefix]` applies.
   */
  readonly prefixes?: readonly LearnedPrefix[];
  /**
   * The tool whose defaults apply to records in this folder (`log4brains` reads a record
   * without a status as accepted). Absent when no tool owns the folder.
   */
  readonly tool?: 'log4brains' | 'adr-tools' | 'dotnet-adr';
  /** The config file that named the folder (`.adr-dir`, `.log4brains.yml`, `adr.config.json`). */
  readonly configFile?: string;
  /** True when the folder a config file or setting names does not exist (checks report it). */
  readonly missing?: boolean;
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

/**
 * Where a folder's citation prefix was learned from:
 * - `heading`: record headings state it (`# ADR-0003: ...`, `# RFC 100: ...`, `### GAP-009`);
 * - `front-matter`: front matter `id: MADR-0005`;
 * - `cross-reference`: the records cite each other with it (`see MADR-042`), for ids that exist;
 * - `folder-name`: the folder's name (`docs/madr` → `MADR`, `rfcs` → `RFC`, `seed` → `SEED`);
 * - `file-name`: the records' file names (`adr-047-x.md` → `ADR`, `rfc-100-x.md` → `RFC`);
 * - `tool`: the tool that owns the folder (adr-tools, log4brains, dotnet-adr all cite `ADR`);
 * - `settings`: `decisionLens.folders` / `decisionLens.folderPrefixes`;
 * - `default`: nothing else was known (`ADR` for folders, `DL` for logs).
 */
export type PrefixSource = 'heading' | 'front-matter' | 'cross-reference' | 'folder-name' | 'file-name' | 'tool' | 'settings' | 'default';

/** One citation prefix of a folder and the evidence for it. */
export interface LearnedPrefix {
  /** Upper case: `ADR`, `MADR`, `RFC`, `SEED`, `GAP`, `D`. */
  readonly prefix: string;
  /** Every source that gave it, strongest first. */
  readonly sources: readonly PrefixSource[];
  /** How many records (or citations between records) showed it; 0 for names, tools, settings and the default. */
  readonly count: number;
  /** One place it was seen, for the log and `decision-lens folders`: `0003-x.md`, `docs/madr`. */
  readonly example?: string;
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

/**
 * Folders teams keep design records in under other names. They count only when at least one
 * file in them is named like a numbered record (`035-x.md`, `adr-100-x.md`, `0128.rst`,
 * `2025-02-14-x.md`), so a `seed/` folder of database seeds or an `rfcs/` folder of IETF texts
 * is not taken for one.
 */
export const DESIGN_RECORD_FOLDERS: readonly string[] = [
  'docs/rfcs',
  'docs/rfc',
  'rfcs',
  'rfcs/text',
  'docs/references/architecture',
  'docs/references/rfc',
  'docs/architecture',
  'docs/madr',
  'seed',
];

/** File names (lower case) of single-file decision logs. */
export const DECISION_LOG_NAMES: readonly string[] = ['decisions.md', 'decision-log.md', 'gaps.md'];

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
