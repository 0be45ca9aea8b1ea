// The web extension's composition root (package.json `browser`, bundled by esbuild for a web
// worker: platform browser, format cjs, `vscode` external). It runs in vscode.dev, github.dev and
// any other web worker extension host, where there is no Node: no `node:fs`, no child processes.
//
// What differs from src/extension.ts (the Node composition root):
// - the indexer gets no `local` files and no `appRoot`, so it lists files with
//   `workspace.findFiles` and reads them through `workspace.fs` (src/host/workspaceReader.ts);
//   the ripgrep pre-filter (src/host/ripgrep.ts) and Node's fs (src/host/nodeFs.ts) are never
//   imported, and the web build fails if anything reachable from here imports a Node built-in
//   (esbuild.config.mjs, `noNodeBuiltins`);
// - everything else is the same feature code: the Decisions view, CodeLens, hover, navigation,
//   diagnostics, completion, the commands, the New Decision form and the Decision Map (their
//   webview bundles are browser code already), Renumber and the language model tools;
// - absent: git history (provenance, drift, collisions) and the design review of branch changes,
//   which run git.
// New features register here too when they need no Node.
import * as vscode from 'vscode';
import { registerCodeLens } from '../features/codelens/register';
import { registerOpenDecision } from '../features/commands/openDecision';
import { registerShowCitations } from '../features/commands/showCitations';
import { registerCompletion } from '../features/completion/register';
import { registerDiagnostics } from '../features/diagnostics/register';
import { registerHover } from '../features/hover/register';
import { registerNavigation } from '../features/navigation/register';
import { registerNewDecision } from '../features/newDecision/register';
import { registerDecisionsView } from '../features/tree/register';
import { registerLanguageModelTools } from '../features/lmTools/register';
import { registerMap } from '../features/map/register';
import { registerRenumber } from '../features/renumber/register';
import type { DecisionLensApi } from '../host/api';
import { createApi } from '../host/api';
import { WorkspaceIndexer } from '../host/indexer';
import { createLogger } from '../host/logger';

/**
 * Composes the web extension: the same object graph as the Node entry, without the Node-only
 * parts (local file reads, ripgrep). Every Disposable goes to `context.subscriptions`.
 * @returns the small API described in `host/api.ts` (the same as on Node).
 */
export function activate(context: vscode.ExtensionContext): DecisionLensApi {
  const { logger, channel } = createLogger();
  const indexer = new WorkspaceIndexer(logger, {
    storage: context.storageUri,
    version: String((context.extension.packageJSON as { version?: unknown }).version ?? '0'),
  });
  context.subscriptions.push(channel, indexer);
  logger.info('web extension host: files are listed with workspace.findFiles and read through workspace.fs (no ripgrep, no Node fs)');

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
  registerMap(context, indexer, logger);
  registerRenumber(context, indexer);

  context.subscriptions.push(vscode.commands.registerCommand('decisionLens.stopIndexing', () => indexer.stopIndexing()));
  indexer.start();

  return createApi(indexer, view);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
