import * as vscode from 'vscode';
import type { WorkspaceIndexer } from '../../host/indexer';
import { toRange, uriOf } from '../../host/paths';
import { findDecision } from './findDecision';
import { SHOW_CITATIONS } from './ids';

/**
 * `decisionLens.showCitations(key, path?, line?)`: shows the places that cite a decision in the
 * references peek (`editor.action.showReferences`) at the record's title.
 */
export function registerShowCitations(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_CITATIONS, async (key?: unknown, path?: unknown, line?: unknown) => {
      const d = findDecision(indexer.index, key, path, line);
      if (!d) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Decision {0} was not found.', String(key ?? '')));
        return;
      }
      const locations = indexer.citationsOf(d).map((c) => new vscode.Location(uriOf(c.path), toRange(c.range)));
      if (locations.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not cited anywhere.', d.display));
        return;
      }
      const uri = uriOf(d.path);
      await vscode.window.showTextDocument(uri, { preview: true });
      await vscode.commands.executeCommand('editor.action.showReferences', uri, toRange(d.titleRange).start, locations);
    }),
  );
}
