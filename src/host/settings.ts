import * as vscode from 'vscode';
import type { DiscoverySettings, FolderSetting } from '../core/config';
import { DEFAULT_EXCLUDES } from '../core/config';

/** The configuration section of every Decision Lens setting. */
export const SECTION = 'decisionLens';

/** A diagnostic severity as written in `decisionLens.diagnostics.severity`, or `off`. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Settings that change what is indexed; a change to any of them rebuilds the index. */
export const INDEX_SETTINGS: readonly string[] = [
  `${SECTION}.folders`,
  `${SECTION}.folderPrefixes`,
  `${SECTION}.citationPrefixes`,
  `${SECTION}.citations.commentsOnly`,
  `${SECTION}.exclude`,
  `${SECTION}.index.maxFiles`,
  'files.exclude',
  'search.exclude',
];

/** All Decision Lens settings for one resource (a file or a workspace folder), typed. */
export interface Settings {
  /** `decisionLens.folders`: extra decision folders and logs, relative to the workspace folder. */
  readonly folders: readonly FolderSetting[];
  /** `decisionLens.folderPrefixes`: citation prefix per discovered folder (relative path → prefix). */
  readonly folderPrefixes: Readonly<Record<string, string>>;
  /** `decisionLens.citationPrefixes`: prefixes recognised in citations besides each folder's own. */
  readonly citationPrefixes: readonly string[];
  /** `decisionLens.citations.commentsOnly`: find citations in comments only (Markdown is read whole). */
  readonly commentsOnly: boolean;
  /** `decisionLens.exclude`: globs never indexed, added to the default excludes. */
  readonly exclude: readonly string[];
  /** `decisionLens.index.maxFiles`: most files indexed per workspace folder. */
  readonly maxFiles: number;
  /** `decisionLens.codeLens.*`: which CodeLens kinds are shown. */
  readonly codeLens: { readonly citations: boolean; readonly governed: boolean; readonly citedIn: boolean };
  /** `decisionLens.diagnostics.enabled`. */
  readonly diagnosticsEnabled: boolean;
  /** `decisionLens.diagnostics.severity`: severity per check code (`unknown-decision`, ...). */
  readonly severity: Readonly<Record<string, SeveritySetting>>;
}

/**
 * Reads the settings that apply to `scope` (a file or workspace folder URI; none = the workspace
 * level). Invalid values fall back to the defaults.
 */
export function readSettings(scope?: vscode.Uri | vscode.WorkspaceFolder): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const folders = c.get<unknown>('folders');
  const prefixes = c.get<unknown>('folderPrefixes');
  const severity = c.get<unknown>('diagnostics.severity');
  return {
    folders: Array.isArray(folders) ? folders.map((f) => (typeof f === 'string' ? { path: f } : f)).filter(isFolderSetting) : [],
    folderPrefixes: isStringRecord(prefixes) ? prefixes : {},
    citationPrefixes: stringArray(c.get<unknown>('citationPrefixes')),
    commentsOnly: c.get<boolean>('citations.commentsOnly') !== false,
    exclude: stringArray(c.get<unknown>('exclude')),
    maxFiles: positiveInt(c.get<unknown>('index.maxFiles'), 50000),
    codeLens: {
      citations: c.get<boolean>('codeLens.citations') !== false,
      governed: c.get<boolean>('codeLens.governedFiles') !== false,
      citedIn: c.get<boolean>('codeLens.citedIn') !== false,
    },
    diagnosticsEnabled: c.get<boolean>('diagnostics.enabled') !== false,
    severity: isStringRecord(severity) ? (severity as Record<string, SeveritySetting>) : {},
  };
}

/** @returns the discovery settings of a workspace folder (see `core/discovery.ts`). */
export function discoverySettings(settings: Settings, scope: vscode.WorkspaceFolder): DiscoverySettings {
  return {
    folders: settings.folders,
    prefixes: settings.folderPrefixes,
    exclude: excludeGlobs(settings, scope),
  };
}

/**
 * The globs (relative to a workspace folder) never indexed: the default excludes
 * (`node_modules`, `.git`, `out`, `dist`, `build`, ...), `files.exclude` and `search.exclude`
 * entries set to `true`, and `decisionLens.exclude`.
 */
export function excludeGlobs(settings: Settings, scope: vscode.WorkspaceFolder): string[] {
  const out = new Set<string>(DEFAULT_EXCLUDES);
  for (const section of ['files.exclude', 'search.exclude']) {
    const value = vscode.workspace.getConfiguration(undefined, scope).get<unknown>(section);
    if (isRecord(value)) {
      for (const [glob, on] of Object.entries(value)) if (on === true) out.add(glob);
    }
  }
  for (const glob of settings.exclude) out.add(glob);
  return [...out];
}

/** Maps a severity setting to `vscode.DiagnosticSeverity`; `undefined` for `off`. */
export function toDiagnosticSeverity(value: SeveritySetting | undefined, fallback: vscode.DiagnosticSeverity): vscode.DiagnosticSeverity | undefined {
  switch (value) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    case 'off':
      return undefined;
    default:
      return fallback;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isFolderSetting(value: unknown): value is FolderSetting {
  return isRecord(value) && typeof value.path === 'string';
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function positiveInt(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}
