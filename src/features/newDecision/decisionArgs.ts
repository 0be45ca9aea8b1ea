import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import type { Decision } from '../../core/model';
import type { TextEdit } from '../../core/templates/edits';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel, toRange, uriOf } from '../../host/paths';
import { decisionName, statusIcon, statusLabel } from '../../host/presentation';
import { decisionId, findDecision, readText } from './targets';
import { currentDecision } from './writer';
import { requireTrust } from '../../host/trust';

/**
 * Resolves a command argument to a decision: a Decisions view item (`{ decision }`), a decision
 * object, a form id (`/path/0005-x.md#0`) or a key (`ADR-5`).
 * @returns the decision, or `undefined` when the argument names none (then ask the user).
 */
export function decisionFromArg(indexer: WorkspaceIndexer, arg: unknown): IndexedDecision | undefined {
  if (typeof arg === 'string') return findDecision(indexer.index, arg);
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { decision?: { path?: unknown; range?: { start?: { line?: unknown } } } };
  const d = node.decision ?? (arg as { path?: unknown; range?: { start?: { line?: unknown } } });
  if (typeof d.path === 'string' && typeof d.range?.start?.line === 'number') {
    return findDecision(indexer.index, `${d.path}#${d.range.start.line}`);
  }
  return undefined;
}

/** A quick pick item for a decision. */
export interface DecisionPickItem extends vscode.QuickPickItem {
  readonly decision?: IndexedDecision;
  readonly special?: string;
}

/** The quick pick item of a decision: id and title, status and folder. */
export function decisionItem(d: IndexedDecision): DecisionPickItem {
  return {
    label: decisionName(d),
    description: statusLabel(d),
    detail: relativeLabel(d.path),
    iconPath: statusIcon(d.status.kind),
    decision: d,
  };
}

/**
 * Asks for a decision with a searchable quick pick.
 * @param exclude decisions not to offer (e.g. the one being superseded).
 * @param extra items shown first (e.g. "New decision…").
 * @returns the picked item, or `undefined` when the user cancelled.
 */
export async function pickDecision(
  indexer: WorkspaceIndexer,
  placeHolder: string,
  options: { exclude?: readonly IndexedDecision[]; extra?: readonly DecisionPickItem[]; supersededLast?: boolean } = {},
): Promise<DecisionPickItem | undefined> {
  await indexer.whenReady();
  const excluded = new Set((options.exclude ?? []).map(decisionId));
  let decisions = indexer.index.decisions().filter((d) => !excluded.has(decisionId(d)));
  decisions.sort((a, b) => a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line);
  if (options.supersededLast) {
    const inactive = (d: IndexedDecision): boolean => ['superseded', 'deprecated', 'rejected'].includes(d.status.kind);
    decisions = [...decisions.filter((d) => !inactive(d)), ...decisions.filter(inactive)];
  }
  const items: DecisionPickItem[] = [...(options.extra ?? []), ...decisions.map(decisionItem)];
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no decision records in this workspace yet.'));
    return undefined;
  }
  return vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
}

/**
 * The current text and decision of a record as the index knows it (the open document's text
 * when it is open).
 * @returns `undefined` when the file cannot be read or the entry is gone.
 */
export async function readDecision(d: IndexedDecision): Promise<{ text: string; decision: Decision } | undefined> {
  const text = await readText(uriOf(d.path));
  if (text === undefined) return undefined;
  const decision = currentDecision(text, d);
  return decision ? { text, decision } : undefined;
}

/**
 * Applies text edits to several files in one `WorkspaceEdit` (one undo) and saves the files
 * that had no unsaved changes before.
 * @returns true when the edit was applied.
 */
export async function applyTextEdits(files: ReadonlyArray<{ readonly path: string; readonly edits: readonly TextEdit[] }>): Promise<boolean> {
  // Checked again right before the write: trust can change while a quick pick is open.
  if (!requireTrust()) return false;
  const edit = new vscode.WorkspaceEdit();
  const uris: vscode.Uri[] = [];
  for (const file of files) {
    const uri = uriOf(file.path);
    for (const e of file.edits) edit.replace(uri, toRange(e.range), e.newText);
    if (!uris.some((u) => u.toString() === uri.toString())) uris.push(uri);
  }
  const clean = new Set(uris.filter((u) => !vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString())?.isDirty).map((u) => u.toString()));
  const applied = await vscode.workspace.applyEdit(edit);
  if (!applied) return false;
  for (const uri of uris) {
    if (!clean.has(uri.toString())) continue;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
  }
  return true;
}

/** Shows a warning and returns false in Restricted Mode, where records are not edited (see `host/trust.ts`). */
export { requireTrust } from '../../host/trust';
