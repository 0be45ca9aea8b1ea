import * as vscode from 'vscode';
import { REVIEW_STATUSES, selectForReview, sortForAgenda } from '../../core/agenda';
import type { IndexedDecision } from '../../core/index';
import type { Logger } from '../../core/ports';
import type { WorkspaceIndexer } from '../../host/indexer';
import { decisionFromArg } from '../newDecision/decisionArgs';
import { START_BRANCH_REVIEW, START_REVIEW } from '../commands/ids';
import { changedOnBranch } from './gitChanges';
import type { ReviewSet } from './panel';
import { ReviewPanel } from './panel';
import { REVIEW_VIEW_TYPE } from './protocol';

/** The decisions of a review as the panel keeps them. */
function setOf(scope: string, decisions: readonly IndexedDecision[]): ReviewSet {
  return { scope, decisions: sortForAgenda(decisions).map((d) => ({ path: d.path, key: d.key })) };
}

/**
 * The decisions a Start Design Review command was given: the Decisions view's selection (VS Code
 * passes the clicked item and every selected item), a list of keys or form ids, or one of them.
 * @returns undefined when the arguments name no decision.
 */
export function decisionsFromArgs(indexer: WorkspaceIndexer, arg: unknown, selected: unknown): IndexedDecision[] | undefined {
  const args = Array.isArray(selected) && selected.length > 0 ? selected : Array.isArray(arg) ? arg : arg !== undefined ? [arg] : [];
  const out: IndexedDecision[] = [];
  for (const a of args.slice(0, 10_000)) {
    const d = decisionFromArg(indexer, a);
    if (d && !out.includes(d)) out.push(d);
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The decisions in the files added or changed on the current branch, whatever their status (see
 * `gitChanges.ts`); every decision of a changed decision log counts.
 * @returns undefined when git cannot tell.
 */
async function changedDecisions(indexer: WorkspaceIndexer): Promise<IndexedDecision[] | undefined> {
  let any = false;
  const paths = new Set<string>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const changed = await changedOnBranch(folder);
    if (!changed) continue;
    any = true;
    for (const p of changed) paths.add(p);
  }
  if (!any) return undefined;
  return indexer.index.decisions().filter((d) => paths.has(d.path));
}

/**
 * Registers "Start Design Review" (`decisionLens.startReview`: the proposed decisions, or those
 * selected in the Decisions view, or the keys given) and "Start Design Review of Branch Changes"
 * (`decisionLens.startBranchReview`: the decisions in files added or changed on the current
 * branch against its upstream or main, from `git diff --name-only`).
 */
export function registerReview(context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(START_REVIEW, async (arg?: unknown, selected?: unknown): Promise<boolean> => {
      await indexer.whenRecordsReady();
      const given = decisionsFromArgs(indexer, arg, selected);
      const set = given
        ? setOf(vscode.l10n.t('Selected decisions'), given)
        : setOf(vscode.l10n.t('Proposed decisions'), selectForReview(indexer.index.decisions(), REVIEW_STATUSES));
      if (set.decisions.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('There are no proposed decisions to review.'));
      ReviewPanel.show(context, indexer, logger, set);
      return true;
    }),
    vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown): Promise<void> => {
        await indexer.whenRecordsReady();
        ReviewPanel.revive(panel, context, indexer, logger, state);
      },
    }),
    vscode.commands.registerCommand(START_BRANCH_REVIEW, async (): Promise<boolean> => {
      await indexer.whenRecordsReady();
      const changed = await changedDecisions(indexer);
      if (!changed) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Git cannot tell which files changed on this branch (no git, no repository, or no upstream or main branch).'));
        return false;
      }
      if (changed.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No decision record was added or changed on this branch.'));
        return false;
      }
      ReviewPanel.show(context, indexer, logger, setOf(vscode.l10n.t('Changed on this branch'), changed));
      return true;
    }),
  );
}
