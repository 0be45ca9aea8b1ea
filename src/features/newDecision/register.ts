import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { WorkspaceIndexer } from '../../host/indexer';
import { configureCoreL10n } from '../../host/l10n';
import { isWorkspaceFile, pathOf } from '../../host/paths';
import { registerChangeStatus } from '../commands/changeStatus';
import { registerCiteHere } from '../commands/citeHere';
import { CREATE_DECISION, NEW_DECISION, NEW_DECISION_TARGETS, PREVIEW_DECISION, REVEAL_ACTIVE } from '../commands/ids';
import { registerSupersede } from '../commands/supersede';
import { captureCiteSpot } from './citeSpot';
import { requireTrust } from './decisionArgs';
import type { OpenOptions, PanelServices } from './panel';
import { NewDecisionPanel } from './panel';
import type { FormValues } from './protocol';
import { NEW_DECISION_VIEW_TYPE, isFormValues } from './protocol';
import type { CreateResult } from './writer';
import { CreateError, DecisionWriter } from './writer';

/**
 * Registers the New Decision form and the commands that write records: New Decision (palette,
 * Decisions view toolbar, welcome content), Change Status, Supersede Decision, Cite Decision
 * Here, the form's panel serializer, and two internal commands the form's logic is reachable by
 * (`decisionLens.createDecision`, `decisionLens.previewDecision`).
 */
export function registerNewDecision(context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger): void {
  // The form shows the core's field messages and format reasons: in the display language too.
  configureCoreL10n();
  const writer = new DecisionWriter(indexer);
  context.subscriptions.push(writer);
  const services: PanelServices = {
    context,
    indexer,
    writer,
    logger,
    openCreated: (result) => openCreated(indexer, result),
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_DECISION, async (arg?: unknown): Promise<void> => {
      if (!requireTrust()) return;
      await indexer.whenReady();
      const editor = vscode.window.activeTextEditor;
      const active = editor && isWorkspaceFile(editor.document.uri) ? editor.document.uri : undefined;
      const values = typeof arg === 'object' && arg !== null ? (arg as { values?: Partial<FormValues> }).values : undefined;
      const options: OpenOptions = {
        values,
        cite: captureCiteSpot(indexer),
        activePath: active ? pathOf(active) : undefined,
        activeRelativePath: active && indexer.index.recordsIn(pathOf(active)).length === 0 ? vscode.workspace.asRelativePath(active, false) : undefined,
      };
      await NewDecisionPanel.show(services, options);
    }),
    vscode.commands.registerCommand(CREATE_DECISION, async (values: unknown): Promise<{ uri: string; display: string; relativePath: string; note?: string } | { error: string; messages: unknown[] }> => {
      if (!isFormValues(values)) return { error: 'Not New Decision form values.', messages: [] };
      if (!requireTrust()) return { error: 'The workspace is not trusted.', messages: [] };
      try {
        const result = await writer.create(values);
        await openCreated(indexer, result);
        return { uri: result.uri.toString(), display: result.display, relativePath: result.relativePath, note: result.note };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error), messages: error instanceof CreateError ? [...error.messages] : [] };
      }
    }),
    vscode.commands.registerCommand(PREVIEW_DECISION, async (values: unknown) => {
      if (!isFormValues(values)) return undefined;
      return writer.preview(values, 0);
    }),
    vscode.commands.registerCommand(NEW_DECISION_TARGETS, async () => {
      await indexer.whenReady();
      return (await writer.targets()).map((t) => t.option);
    }),
    vscode.window.registerWebviewPanelSerializer(NEW_DECISION_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown): Promise<void> => {
        NewDecisionPanel.revive(panel, services, state);
      },
    }),
  );
  registerChangeStatus(context, indexer);
  registerSupersede(context, indexer);
  registerCiteHere(context, indexer);
}

/** Opens a created record at its title and reveals it in the Decisions view. */
async function openCreated(indexer: WorkspaceIndexer, result: CreateResult): Promise<void> {
  const document = await vscode.workspace.openTextDocument(result.uri);
  const position = new vscode.Position(Math.min(result.line, document.lineCount - 1), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
  indexer.syncDocument(document);
  if (result.related) {
    const related = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.related?.uri.toString());
    if (related) indexer.syncDocument(related);
  }
  // Show it in the Decisions view without waiting: a reveal can take as long as the view needs to
  // load, and the record is open either way.
  void Promise.resolve(vscode.commands.executeCommand(REVEAL_ACTIVE)).catch(() => undefined);
}
