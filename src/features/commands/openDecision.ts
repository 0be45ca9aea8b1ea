import * as vscode from 'vscode';
import type { WorkspaceIndexer } from '../../host/indexer';
import { openDecision } from '../../host/presentation';
import { findDecision } from './findDecision';
import { OPEN_DECISION } from './ids';

/**
 * `decisionLens.openDecision(key, path?, line?)`: opens a decision record at its title. Used by
 * CodeLens, hovers and the tree. Shows a message when the decision is no longer in the index.
 */
export function registerOpenDecision(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_DECISION, async (key?: unknown, path?: unknown, line?: unknown) => {
      const d = findDecision(indexer.index, key, path, line);
      if (!d) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Decision {0} was not found.', String(key ?? '')));
        return;
      }
      await openDecision(d);
    }),
  );
}
