import * as vscode from 'vscode';
import type { WorkspaceIndexer } from '../../host/indexer';
import { folderOfPath, isWorkspaceFile, pathOf, relativeLabel } from '../../host/paths';
import type { DecisionQuery } from './answers';
import { decisionsForFile, fileAnswer, findAnswer, findDecisions, plain, token } from './answers';

/** Tool names, as `contributes.languageModelTools` declares them. */
export const DECISIONS_FOR_FILE = 'decisions_for_file';
export const FIND_DECISIONS = 'find_decisions';

/** Input of `decisions_for_file`: a workspace-relative or absolute path; the active editor's file when omitted. */
interface FileInput {
  readonly path?: string;
}

/**
 * Registers the language model tools agent mode calls (`vscode.lm.registerTool`):
 * - `decisions_for_file` ({@link FileInput}) → the decisions that govern a file (`applies-to`),
 *   that it cites, or whose record it is, each with status, summary, decision makers, successor
 *   and record path;
 * - `find_decisions` ({@link DecisionQuery}) → the decisions matching text, status and tag.
 * Answers are plain text (see `answers.ts`: record text quoted as data). Both tools only read the
 * index, so they need no confirmation and work in Restricted Mode. Hosts without the `lm` API
 * (older VS Code) get no tools and no error.
 */
export function registerLanguageModelTools(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  if (typeof vscode.lm?.registerTool !== 'function') return;
  context.subscriptions.push(
    vscode.lm.registerTool<FileInput>(DECISIONS_FOR_FILE, {
      prepareInvocation: (options) => {
        const target = fileTarget(options.input);
        return {
          invocationMessage: target.uri
            ? vscode.l10n.t('Looking up the decisions for {0}', relativeLabel(pathOf(target.uri)))
            : vscode.l10n.t('Looking up the decisions for a file'),
        };
      },
      invoke: async (options, token) => {
        const target = fileTarget(options.input);
        if (!target.uri) return text(target.error);
        await ready(indexer, token);
        const path = pathOf(target.uri);
        const root = indexer.rootOf(path) ?? folderOfPath(path)?.uri.path;
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
        const citations = open ? indexer.citationsFor(open) : indexer.index.citationsIn(path);
        const links = decisionsForFile(indexer.index, path, root, citations);
        return text(fileAnswer(indexer.index, relativeLabel(path), root, links));
      },
    }),
    vscode.lm.registerTool<DecisionQuery>(FIND_DECISIONS, {
      prepareInvocation: (options) => {
        const q = options.input ?? {};
        const what = [q.text, q.status, q.tag].filter((x): x is string => typeof x === 'string' && x.trim() !== '').join(', ');
        return {
          invocationMessage: what ? vscode.l10n.t('Searching the decision records for {0}', what.slice(0, 80)) : vscode.l10n.t('Listing the decision records'),
        };
      },
      invoke: async (options, token) => {
        const input = options.input ?? {};
        const query: DecisionQuery = {
          ...(typeof input.text === 'string' ? { text: input.text } : {}),
          ...(typeof input.status === 'string' ? { status: input.status } : {}),
          ...(typeof input.tag === 'string' ? { tag: input.tag } : {}),
          ...(typeof input.limit === 'number' && Number.isFinite(input.limit) ? { limit: input.limit } : {}),
        };
        await ready(indexer, token);
        const found = findDecisions(indexer.index, query);
        return text(findAnswer(indexer.index, query, found, (p) => indexer.rootOf(p) ?? folderOfPath(p)?.uri.path));
      },
    }),
  );
}

/** Waits for the index (records and citations), or until the call is cancelled. */
async function ready(indexer: WorkspaceIndexer, token: vscode.CancellationToken): Promise<void> {
  await Promise.race([
    indexer.whenReady(),
    new Promise<void>((resolve) => {
      if (token.isCancellationRequested) resolve();
      token.onCancellationRequested(() => resolve());
    }),
  ]);
}

/** The file a `decisions_for_file` call means, or why there is none. */
function fileTarget(input: FileInput | undefined): { uri: vscode.Uri; error?: undefined } | { uri?: undefined; error: string } {
  const given = typeof input?.path === 'string' ? input.path.trim() : '';
  if (given === '') {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (!active) return { error: 'No file was given and no editor is active: pass "path", a file path relative to the workspace folder.' };
    if (!isWorkspaceFile(active)) return { error: `The active editor shows ${plain(active.toString())}, which is not a file of the open workspace.` };
    return { uri: active };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  const posix = given.replace(/\\/g, '/');
  if (posix.startsWith('/') || /^[A-Za-z]:\//.test(posix)) {
    const abs = posix.startsWith('/') ? posix : '/' + posix;
    const folder = folderOfPath(abs);
    if (!folder) return { error: `${token(given)} is not inside the open workspace.` };
    return { uri: folder.uri.with({ path: abs }) };
  }
  // Relative: to the workspace folder (`src/x.ts`), or to a named folder of a multi-root workspace (`api/src/x.ts`).
  const clean = posix.replace(/^\.\//, '');
  if (clean.split('/').includes('..')) return { error: `${token(given)} leads out of the workspace folder; give a path inside it.` };
  const named = folders.find((f) => clean.startsWith(f.name + '/'));
  const folder = named ?? folders[0];
  if (!folder) return { error: 'No folder is open in the workspace.' };
  const rest = named && folders.length > 1 ? clean.slice(named.name.length + 1) : clean;
  return { uri: vscode.Uri.joinPath(folder.uri, rest) };
}

function text(value: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);
}
