import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import { verifiedEdits } from '../../core/templates/verify';
import { CHANGE_STATUSES } from '../../core/templates/recordData';
import type { WorkspaceIndexer } from '../../host/indexer';
import { decisionName } from '../../host/presentation';
import { applyTextEdits, decisionFromArg, pickDecision, readDecision, requireTrust } from '../newDecision/decisionArgs';
import { CHANGE_STATUS, SUPERSEDE } from './ids';

/** The quick pick entry that hands over to the Supersede command. */
const SUPERSEDED = 'superseded';

/**
 * Changes a decision's status in its own format (the `## Status` section, the `Status:` bullet,
 * the front matter `status`, or the entry's `Status:` line), saving the record when it had no
 * unsaved changes.
 * @returns true when the status was changed.
 */
export async function changeStatus(indexer: WorkspaceIndexer, d: IndexedDecision, status: string): Promise<boolean> {
  const current = await readDecision(d);
  if (!current) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read; its status was not changed.', decisionName(d)));
    return false;
  }
  // Applied in memory and read back first: only the status value changes, or nothing does.
  const result = verifiedEdits(current.text, current.decision, { kind: 'status', status });
  if (!result.ok) {
    void vscode.window.showErrorMessage(result.message);
    return false;
  }
  const applied = await applyTextEdits([{ path: d.path, edits: result.edits }]);
  if (!applied) void vscode.window.showErrorMessage(vscode.l10n.t('The status of {0} could not be changed.', decisionName(d)));
  return applied;
}

/**
 * Registers "Change Status...": from the palette (asks for the decision) or a Decisions view item,
 * then asks for the new status. Choosing "superseded" runs "Supersede Decision...".
 */
export function registerChangeStatus(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CHANGE_STATUS, async (arg?: unknown, statusArg?: unknown): Promise<boolean> => {
      if (!requireTrust()) return false;
      let d = decisionFromArg(indexer, arg);
      if (!d) {
        const picked = await pickDecision(indexer, vscode.l10n.t('Change the status of which decision?'));
        d = picked?.decision;
      }
      if (!d) return false;
      let status = typeof statusArg === 'string' ? statusArg.toLowerCase() : undefined;
      if (!status) {
        const items: (vscode.QuickPickItem & { status: string })[] = [...CHANGE_STATUSES, SUPERSEDED].map((s) => ({
          label: s === SUPERSEDED ? vscode.l10n.t('superseded by…') : s,
          description: s === d?.status.kind ? vscode.l10n.t('current') : undefined,
          status: s,
        }));
        const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('New status of {0}', decisionName(d)) });
        status = picked?.status;
      }
      if (!status) return false;
      if (status === SUPERSEDED) return (await vscode.commands.executeCommand<boolean>(SUPERSEDE, d)) === true;
      return changeStatus(indexer, d, status);
    }),
  );
}
