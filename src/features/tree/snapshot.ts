import * as vscode from 'vscode';
import type { TreeItemSnapshot } from '../../host/api';
import type { DecisionsTreeProvider, DecisionTreeNode } from './decisionsTree';

/**
 * Renders the Decisions view's items to plain data, `depth` levels deep, through the same
 * `getChildren` / `getTreeItem` calls VS Code makes.
 */
export function snapshotTree(provider: DecisionsTreeProvider, depth: number, parent?: DecisionTreeNode): TreeItemSnapshot[] {
  if (depth <= 0) return [];
  return provider.getChildren(parent).map((node) => {
    const item = provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
    const collapsible =
      item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded
        ? 'expanded'
        : item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed
          ? 'collapsed'
          : 'none';
    const children = collapsible !== 'none' && depth > 1 ? snapshotTree(provider, depth - 1, node) : undefined;
    return {
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      tooltip,
      contextValue: item.contextValue,
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
      collapsible,
      command: item.command ? { command: item.command.command, arguments: item.command.arguments } : undefined,
      children,
    };
  });
}
