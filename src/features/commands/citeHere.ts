import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import type { WorkspaceIndexer } from '../../host/indexer';
import { uriOf } from '../../host/paths';
import { insertCitation } from '../newDecision/citeSpot';
import { decisionFromArg, pickDecision } from '../newDecision/decisionArgs';
import { requireTrust } from '../../host/trust';
import { CITE_HERE } from './ids';

/** @returns true for a decision whose id is a slug (log4brains' `YYYYMMDD-slug`), cited by path. */
export function isSlugId(d: IndexedDecision): boolean {
  return d.identity.number === undefined && d.format !== 'decision-log';
}

/**
 * Registers "Cite Decision Here...": asks for a decision (active ones first) and inserts a
 * citation comment at the cursor of the active editor, in the file's comment syntax.
 */
export function registerCiteHere(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CITE_HERE, async (arg?: unknown): Promise<boolean> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a file and place the cursor where the citation should go.'));
        return false;
      }
      if (!requireTrust()) return false;
      let d = decisionFromArg(indexer, arg);
      if (!d) d = (await pickDecision(indexer, vscode.l10n.t('Cite which decision here?'), { supersededLast: true }))?.decision;
      if (!d) return false;
      if (d.status.kind === 'superseded') {
        const successor = indexer.index.latestSuccessorOf(d);
        if (successor) {
          const citeSuccessor = vscode.l10n.t('Cite {0}', successor.display);
          const citeAnyway = vscode.l10n.t('Cite {0} Anyway', d.display);
          const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t('{0} is superseded by {1}.', d.display, successor.display),
            citeSuccessor,
            citeAnyway,
          );
          if (answer === undefined) return false;
          if (answer === citeSuccessor) d = successor;
        }
      }
      const target = editor;
      return insertCitation(target.document.uri, target.selection.isEmpty ? target.selection.active : new vscode.Position(target.selection.start.line, 0), {
        display: d.display,
        title: d.title,
        uri: uriOf(d.path),
        slugId: isSlugId(d),
      });
    }),
  );
}
