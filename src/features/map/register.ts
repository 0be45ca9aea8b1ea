import * as vscode from 'vscode';
import type { Logger } from '../../core/ports';
import type { WorkspaceIndexer } from '../../host/indexer';
import { OPEN_MAP, SHOW_IN_MAP } from '../commands/ids';
import { decisionFromArg, pickDecision } from '../newDecision/decisionArgs';
import { MapPanel } from './panel';
import { MAP_VIEW_TYPE } from './protocol';

/**
 * Registers the Decision Map: **Open Decision Map** (palette and the Decisions view's toolbar),
 * **Show in Map** (a decision's context menu in the Decisions view, or the palette, which asks
 * for a decision) and the panel's serializer (the map comes back after a window reload).
 */
export function registerMap(context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_MAP, () => {
      MapPanel.show(context, indexer, logger);
    }),
    vscode.commands.registerCommand(SHOW_IN_MAP, async (arg?: unknown) => {
      const d = decisionFromArg(indexer, arg) ?? (await pickDecision(indexer, vscode.l10n.t('Decision to show in the map')))?.decision;
      if (!d) return;
      MapPanel.show(context, indexer, logger, d);
    }),
    vscode.window.registerWebviewPanelSerializer(MAP_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel): Promise<void> => {
        MapPanel.revive(panel, context, indexer, logger);
      },
    }),
    { dispose: () => MapPanel.open?.dispose() },
  );
}
