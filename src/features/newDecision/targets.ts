import * as vscode from 'vscode';
import type { DecisionFolder } from '../../core/config';
import { DEFAULT_FOLDER_PREFIX } from '../../core/config';
import type { DecisionIndex, IndexedDecision } from '../../core/index';
import { dirname, isInside, join } from '../../core/paths';
import type { SampleRecord } from '../../core/templates/plan';
import { detectTemplateFormat } from '../../core/templates/plan';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel, uriOf } from '../../host/paths';
import { decisionName, statusLabel } from '../../host/presentation';
import type { DecisionOption, TargetOption } from './protocol';

/** Records read per folder to tell MADR 4 full from minimal (the newest ones). */
const MAX_SAMPLES_READ = 8;

/** Where new records go when a workspace folder has no decision folder yet. */
export const DEFAULT_NEW_FOLDER = 'docs/adr';

/** A target with the folder it stands for. */
export interface Target {
  readonly option: TargetOption;
  readonly folder: DecisionFolder;
  /** How many records it holds now. */
  readonly records: number;
}

/**
 * The folders and decision logs a record can be written to, each with the format detected from
 * its records. A workspace folder without any gets `docs/adr` (created on first use).
 */
export async function listTargets(indexer: WorkspaceIndexer): Promise<Target[]> {
  const index = indexer.index;
  let folders = [...indexer.folders];
  if (folders.length === 0) {
    folders = (vscode.workspace.workspaceFolders ?? []).map((f) => ({
      path: join(f.uri.path, DEFAULT_NEW_FOLDER),
      prefix: DEFAULT_FOLDER_PREFIX,
      kind: 'folder' as const,
      source: 'default' as const,
    }));
  }
  const seen = new Set<string>();
  const targets: Target[] = [];
  for (const folder of folders) {
    if (seen.has(folder.path)) continue;
    seen.add(folder.path);
    const records = index.decisions().filter((d) => d.folder.path === folder.path);
    const samples = await samplesOf(records);
    const detected = detectTemplateFormat(samples, folder);
    targets.push({
      folder,
      records: records.length,
      option: {
        id: folder.path,
        label: relativeLabel(folder.path),
        kind: folder.kind,
        prefix: folder.prefix,
        format: detected.format,
        formatReason: detected.reason,
      },
    });
  }
  return targets;
}

async function samplesOf(records: readonly IndexedDecision[]): Promise<SampleRecord[]> {
  const sorted = [...records].sort((a, b) => b.path.localeCompare(a.path));
  const out: SampleRecord[] = [];
  let read = 0;
  for (const d of sorted) {
    let text = '';
    if (d.format === 'madr4' && read < MAX_SAMPLES_READ) {
      read++;
      text = (await readText(uriOf(d.path))) ?? '';
    }
    out.push({ format: d.format, path: d.path, text });
  }
  return out;
}

/** Reads a file's text: the open document's when there is one, else the file through `workspace.fs`. */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Sources of decision folders, most conventional first (tie-breaker of {@link nearestTarget}). */
const SOURCE_RANK: readonly string[] = ['adr-dir', 'log4brains', 'dotnet-adr', 'default', 'settings'];

/**
 * The target nearest to a file: the one that contains it, else the one sharing the longest
 * leading part of its path (so a package's own decision folder wins in a monorepo). Ties go to
 * folders over logs, then to folders named by a tool's configuration (`.adr-dir`,
 * `.log4brains.yml`) over conventional and configured ones, then to the one with more records.
 * @param activePath the active file's path; without one the same tie-breakers pick.
 */
export function nearestTarget<T extends Target>(targets: readonly T[], activePath: string | undefined): T | undefined {
  const score = (t: T): number[] => {
    const base = t.option.kind === 'log' ? dirname(t.option.id) : t.option.id;
    const inside = activePath !== undefined && t.option.kind === 'folder' && isInside(activePath, base) ? 1 : 0;
    const shared = activePath !== undefined ? commonSegments(base, activePath) : 0;
    const rank = SOURCE_RANK.indexOf(t.folder.source);
    return [inside, shared, t.option.kind === 'folder' ? 1 : 0, -(rank < 0 ? SOURCE_RANK.length : rank), t.records];
  };
  let best: T | undefined;
  let bestScore: number[] = [];
  for (const t of targets) {
    const s = score(t);
    if (!best || compare(s, bestScore) > 0) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function commonSegments(a: string, b: string): number {
  const x = a.split('/').filter((s) => s !== '');
  const y = b.split('/').filter((s) => s !== '');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/** A decision's stable id in the form: its file and the line its entry starts on. */
export function decisionId(d: IndexedDecision): string {
  return `${d.path}#${d.range.start.line}`;
}

/** @returns the decision with the given {@link decisionId}, or the first decision with that key (`ADR-5`). */
export function findDecision(index: DecisionIndex, id: string): IndexedDecision | undefined {
  const hash = id.lastIndexOf('#');
  if (hash > 0) {
    const path = id.slice(0, hash);
    const line = Number(id.slice(hash + 1));
    const inFile = index.recordsIn(path);
    return inFile.find((d) => d.range.start.line === line) ?? (inFile.length === 1 ? inFile[0] : undefined);
  }
  return index.get(id)[0] ?? index.decisions().find((d) => d.display === id);
}

/** Every decision as an option of the "supersedes or amends" pick, newest folders first. */
export function decisionOptions(index: DecisionIndex): DecisionOption[] {
  return index
    .decisions()
    .sort((a, b) => a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line)
    .map((d) => ({
      id: decisionId(d),
      label: decisionName(d),
      description: `${statusLabel(d)} · ${relativeLabel(d.folder.path)}`,
    }));
}
