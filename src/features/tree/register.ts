import * as vscode from 'vscode';
import type { WorkspaceIndexer } from '../../host/indexer';
import { pathOf } from '../../host/paths';
import { CLEAR_FILTER, CONFIGURE_FOLDERS, FILTER_DECISIONS, GROUP_BY, REFRESH, REVEAL_ACTIVE } from '../commands/ids';
import type { TreeItemSnapshot } from '../../host/api';
import type { DecisionNode } from './decisionsTree';
import { DecisionsTreeProvider } from './decisionsTree';
import type { GroupMode } from './grouping';
import { GROUP_MODES } from './grouping';
import { gitHistory } from '../../host/git';
import { snapshotTree } from './snapshot';

/** Id of the Decisions view (`contributes.views`). */
export const DECISIONS_VIEW = 'decisionLens.decisions';
/** `workspaceState` key of the chosen grouping. */
const GROUP_MODE_KEY = 'decisionLens.groupBy';
/** Quiet time (ms) before the view redraws after index changes. */
const REFRESH_DEBOUNCE_MS = 150;

/** What the Decisions view exposes to the rest of the extension (and its test API). */
export interface DecisionsView {
  readonly provider: DecisionsTreeProvider;
  /** The view's node type is private to the tree; the API sees `unknown`. */
  readonly treeView: vscode.TreeView<unknown>;
  /** Reveals the decision written at `uri` (`line` picks the entry of a decision log). */
  reveal(uri: vscode.Uri, line?: number): Promise<boolean>;
  /** Refreshes and renders the view's items `depth` levels deep, as plain data. */
  snapshot(depth: number): TreeItemSnapshot[];
}

/**
 * Registers the Decisions view and its commands: group by (persisted per workspace), filter,
 * clear filter, refresh, configure folders, reveal the active record. The view follows the
 * index and, while visible, selects the record open in the active editor.
 */
export function registerDecisionsView(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): DecisionsView {
  const stored = context.workspaceState.get<string>(GROUP_MODE_KEY);
  const initial: GroupMode = GROUP_MODES.includes(stored as GroupMode) ? (stored as GroupMode) : 'status';
  const provider = new DecisionsTreeProvider(indexer, initial);
  const treeView = vscode.window.createTreeView(DECISIONS_VIEW, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });

  const updateChrome = (): void => {
    treeView.description = groupModeLabel(provider.groupMode);
    if (provider.filter) {
      const { shown, total } = provider.counts();
      treeView.message = vscode.l10n.t('Filter "{0}": {1} of {2} decisions', provider.filter, shown, total);
    } else {
      treeView.message = undefined;
    }
    void vscode.commands.executeCommand('setContext', 'decisionLens.filtered', provider.filter !== '');
  };
  updateChrome();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      provider.refresh();
      updateChrome();
    }, REFRESH_DEBOUNCE_MS);
  };

  // Reveals run one after the other, so the last one asked for is the one selected.
  let revealing: Promise<unknown> = Promise.resolve();
  const reveal = (uri: vscode.Uri, line?: number): Promise<boolean> => {
    const run = revealing.then(async () => {
      const node: DecisionNode | undefined = provider.nodesFor(pathOf(uri), line)[0];
      if (!node) return false;
      await treeView.reveal(node, { select: true, focus: false, expand: false });
      return true;
    });
    revealing = run.catch(() => undefined);
    return run;
  };

  const revealActive = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !treeView.visible) return;
    void reveal(editor.document.uri, editor.selection.active.line).catch(() => undefined);
  };

  context.subscriptions.push(
    provider,
    treeView,
    { dispose: () => timer && clearTimeout(timer) },
    indexer.onDidChange((change) => {
      if (change.records || change.citations) scheduleRefresh();
    }),
    // Tooltips and the drift grouping show what git says (host/git.ts).
    gitHistory()?.onDidChange(() => scheduleRefresh()) ?? { dispose: () => undefined },
    vscode.window.onDidChangeActiveTextEditor(() => revealActive()),
    treeView.onDidChangeVisibility((e) => e.visible && revealActive()),
    vscode.commands.registerCommand(GROUP_BY, async (mode?: GroupMode) => {
      let chosen = GROUP_MODES.includes(mode as GroupMode) ? mode : undefined;
      if (!chosen) {
        const picked = await vscode.window.showQuickPick(
          GROUP_MODES.map((m) => ({ label: groupModeChoice(m), description: m === provider.groupMode ? vscode.l10n.t('current') : undefined, mode: m })),
          { placeHolder: vscode.l10n.t('Group decisions by') },
        );
        chosen = picked?.mode;
      }
      if (!chosen) return;
      await context.workspaceState.update(GROUP_MODE_KEY, chosen);
      provider.setGroupMode(chosen);
      updateChrome();
    }),
    vscode.commands.registerCommand(FILTER_DECISIONS, async (text?: string) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              prompt: vscode.l10n.t('Show decisions whose id, title, status, tags, date or decision makers contain'),
              placeHolder: vscode.l10n.t('e.g. proposed webhooks'),
              value: provider.filter,
            });
      if (value === undefined) return;
      provider.setFilter(value);
      updateChrome();
    }),
    vscode.commands.registerCommand(CLEAR_FILTER, () => {
      provider.setFilter('');
      updateChrome();
    }),
    vscode.commands.registerCommand(REFRESH, () => indexer.rebuild('refresh requested')),
    vscode.commands.registerCommand(CONFIGURE_FOLDERS, () => vscode.commands.executeCommand('workbench.action.openSettings', 'decisionLens.folders')),
    vscode.commands.registerCommand(REVEAL_ACTIVE, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return false;
      return reveal(editor.document.uri, editor.selection.active.line);
    }),
  );
  const snapshot = (depth: number): TreeItemSnapshot[] => {
    provider.refresh();
    updateChrome();
    return snapshotTree(provider, depth);
  };
  return { provider, treeView: treeView as vscode.TreeView<unknown>, reveal, snapshot };
}

function groupModeLabel(mode: GroupMode): string {
  switch (mode) {
    case 'status':
      return vscode.l10n.t('by status');
    case 'folder':
      return vscode.l10n.t('by folder');
    case 'tag':
      return vscode.l10n.t('by tag');
    case 'year':
      return vscode.l10n.t('by year');
    case 'drift':
      return vscode.l10n.t('by drift');
  }
}

function groupModeChoice(mode: GroupMode): string {
  switch (mode) {
    case 'status':
      return vscode.l10n.t('Status (proposed first)');
    case 'folder':
      return vscode.l10n.t('Folder or decision log');
    case 'tag':
      return vscode.l10n.t('Tag');
    case 'year':
      return vscode.l10n.t('Year (newest first)');
    case 'drift':
      return vscode.l10n.t('Drift: commits since accepted, from git (most first)');
  }
}
