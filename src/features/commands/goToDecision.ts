import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel } from '../../host/paths';
import { openDecision, statusIconId, statusLabel } from '../../host/presentation';
import { compareDecisions } from '../tree/grouping';
import { GO_TO_DECISION } from './ids';

interface DecisionPick extends vscode.QuickPickItem {
  readonly decision: IndexedDecision;
}

/**
 * `decisionLens.goToDecision`: a quick pick of every decision (id, title, status, date, file),
 * matched on id, title and description; opens the one picked.
 */
export function registerGoToDecision(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(GO_TO_DECISION, async () => {
      await indexer.whenRecordsReady();
      const items: DecisionPick[] = [...indexer.index.decisions()].sort(compareDecisions).map((d) => ({
        // The title is shown as text: `$(...)` in a title must not become an icon.
        label: `$(${statusIconId(d.status.kind)}) ${d.display} ${d.title.replace(/\$\(/g, '$\u200b(')}`,
        description: [statusLabel(d), d.date].filter((s) => s).join(' · '),
        detail: relativeLabel(d.path),
        decision: d,
      }));
      if (items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No decision records were found in this workspace.'));
        return;
      }
      const picked = await vscode.window.showQuickPick(items, {
        placeHolder: vscode.l10n.t('Go to decision (type an id, a title or a status)'),
        matchOnDescription: true,
        matchOnDetail: true,
      });
      if (picked) await openDecision(picked.decision);
    }),
  );
}
