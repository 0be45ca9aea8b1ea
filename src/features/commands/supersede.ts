import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import { dirname } from '../../core/paths';
import { verifiedEdits } from '../../core/templates/verify';
import { relatedRecord } from '../../core/templates/plan';
import type { WorkspaceIndexer } from '../../host/indexer';
import { decisionName } from '../../host/presentation';
import { applyTextEdits, decisionFromArg, pickDecision, readDecision, requireTrust } from '../newDecision/decisionArgs';
import { decisionId } from '../newDecision/targets';
import { NEW_DECISION, SUPERSEDE } from './ids';

/** Argument value that asks for a new decision instead of an existing one. */
const NEW = 'new';

/**
 * Marks `old` superseded by `by`, both existing records, in one `WorkspaceEdit` (one undo): `old`
 * gets its format's "superseded by" status or link, `by` its "supersedes" link.
 * @returns true when both records were edited.
 */
export async function supersedeWith(old: IndexedDecision, by: IndexedDecision): Promise<boolean> {
  const [oldNow, byNow] = await Promise.all([readDecision(old), readDecision(by)]);
  if (!oldNow || !byNow) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read.', decisionName(oldNow ? by : old)));
    return false;
  }
  const sameFile = old.path === by.path;
  // Each edit is applied in memory and read back first (in one decision log each leaves the other entry as it was).
  const oldEdit = verifiedEdits(oldNow.text, oldNow.decision, { kind: 'link', link: 'superseded-by', other: relatedRecord(linkable(by), dirname(old.path), sameFile) });
  const byEdit = verifiedEdits(byNow.text, byNow.decision, { kind: 'link', link: 'supersedes', other: relatedRecord(linkable(old), dirname(by.path), sameFile) });
  for (const result of [oldEdit, byEdit]) {
    if (!result.ok) {
      void vscode.window.showErrorMessage(result.message);
      return false;
    }
  }
  if (!oldEdit.ok || !byEdit.ok) return false;
  const applied = await applyTextEdits([
    { path: old.path, edits: oldEdit.edits },
    { path: by.path, edits: byEdit.edits },
  ]);
  if (!applied) void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be marked as superseded.', decisionName(old)));
  return applied;
}

/** A decision as a link target: its path, title, number and id. */
function linkable(d: IndexedDecision): { path: string; title: string; number?: number; display: string } {
  return { path: d.path, title: d.title, number: d.identity.number, display: d.display };
}

/**
 * Registers "Supersede Decision...": asks for the decision to supersede (unless given, e.g. from
 * the Decisions view) and for its successor: a new decision (opens the New Decision form with
 * the relation filled in) or an existing one (edits both records).
 */
export function registerSupersede(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SUPERSEDE, async (arg?: unknown, byArg?: unknown): Promise<boolean> => {
      if (!requireTrust()) return false;
      let old = decisionFromArg(indexer, arg);
      if (!old) old = (await pickDecision(indexer, vscode.l10n.t('Which decision is superseded?')))?.decision;
      if (!old) return false;
      let by: IndexedDecision | typeof NEW | undefined = byArg === NEW ? NEW : decisionFromArg(indexer, byArg);
      if (!by) {
        const picked = await pickDecision(indexer, vscode.l10n.t('{0} is superseded by…', decisionName(old)), {
          exclude: [old],
          extra: [{ label: `$(add) ${vscode.l10n.t('New decision…')}`, special: NEW, alwaysShow: true }],
          supersededLast: true,
        });
        by = picked?.special === NEW ? NEW : picked?.decision;
      }
      if (!by) return false;
      if (by === NEW) {
        await vscode.commands.executeCommand(NEW_DECISION, {
          values: { relationKind: 'supersedes', relationTarget: decisionId(old), target: old.folder.path },
        });
        return true;
      }
      return supersedeWith(old, by);
    }),
  );
}
