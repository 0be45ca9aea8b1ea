import * as vscode from 'vscode';
import { registerCodeLens } from './features/codelens/register';
import { registerOpenDecision } from './features/commands/openDecision';
import { registerShowCitations } from './features/commands/showCitations';
import { registerCompletion } from './features/completion/register';
import { registerDiagnostics } from './features/diagnostics/register';
import { registerHover } from './features/hover/register';
import { registerLanguageModelTools } from './features/lmTools/register';
import { registerNavigation } from './features/navigation/register';
import { registerNewDecision } from './features/newDecision/register';
import { registerRenumber } from './features/renumber/register';
import { registerDecisionsView } from './features/tree/register';
import { registerReview } from './features/review/register';
import { registerMap } from './features/map/register';
import type { DecisionLensApi } from './host/api';
import { createApi } from './host/api';
import { nodeGitRunner } from './cli/git';
import { registerGitHistory } from './host/git';
import { WorkspaceIndexer } from './host/indexer';
import { createLogger } from './host/logger';
import { bundledBuildWorker, workerPool } from './host/buildWorkers';
import { createNodeFiles } from './host/nodeFs';

/**
 * Composes the extension: builds the object graph and pushes every Disposable to
 * `context.subscriptions`. No logic lives here.
 * @returns the small API described in `host/api.ts`.
 */
export function activate(context: vscode.ExtensionContext): DecisionLensApi {
  const { logger, channel } = createLogger();
  const indexer = new WorkspaceIndexer(logger, {
    local: createNodeFiles(),
    appRoot: vscode.env.appRoot,
    storage: context.storageUri,
    version: String((context.extension.packageJSON as { version?: unknown }).version ?? '0'),
    buildWorkers: workerPool(bundledBuildWorker()),
  });
  context.subscriptions.push(channel, indexer);

  registerGitHistory(context, indexer, logger, nodeGitRunner);
  const view = registerDecisionsView(context, indexer);
  registerCodeLens(context, indexer);
  registerHover(context, indexer);
  registerNavigation(context, indexer);
  registerDiagnostics(context, indexer);
  registerCompletion(context, indexer);
  registerOpenDecision(context, indexer);
  registerShowCitations(context, indexer);
  registerNewDecision(context, indexer, logger);
  registerLanguageModelTools(context, indexer);
  registerReview(context, indexer, logger);
  registerMap(context, indexer, logger);
  registerRenumber(context, indexer);

  context.subscriptions.push(vscode.commands.registerCommand('decisionLens.stopIndexing', () => indexer.stopIndexing()));
  indexer.start();

  return createApi(indexer, view);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
