import * as vscode from 'vscode';
import type { IndexedDecision, ResolvedCitation } from '../../core/index';
import type { StatusKind } from '../../core/model';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel, toRange, uriOf } from '../../host/paths';
import { appendFileText, decisionName, statusGroupLabel, statusIcon, statusLabel, trimText } from '../../host/presentation';
import type { DecisionGroup, GroupMode } from './grouping';
import { groupDecisions, matchesFilter } from './grouping';
import { gitFactLines, gitFactsOf } from '../history/lines';

/** `contextValue` of each kind of item in the Decisions view (one per kind, used by menus). */
export const CONTEXT_VALUES = {
  group: 'decisionLens.group',
  decision: 'decisionLens.decision',
  relation: 'decisionLens.relation',
  citations: 'decisionLens.citations',
  citation: 'decisionLens.citation',
} as const;

/** A group of decisions (a status, folder, tag or year). */
export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly group: DecisionGroup;
  children?: DecisionNode[];
}

/** A decision record. */
export interface DecisionNode {
  readonly kind: 'decision';
  readonly id: string;
  readonly decision: IndexedDecision;
  readonly parent: GroupNode;
  children?: (RelationNode | CitationsNode)[];
}

/** A relation of a decision to another one (supersedes, amended by, ...). */
export interface RelationNode {
  readonly kind: 'relation';
  readonly id: string;
  readonly label: string;
  readonly target?: IndexedDecision;
  readonly parent: DecisionNode;
}

/** "Cited in N places" under a decision. */
export interface CitationsNode {
  readonly kind: 'citations';
  readonly id: string;
  readonly citations: readonly ResolvedCitation[];
  readonly parent: DecisionNode;
}

/** One place in a file that cites a decision. */
export interface CitationNode {
  readonly kind: 'citation';
  readonly id: string;
  readonly citation: ResolvedCitation;
  readonly parent: CitationsNode;
}

/** Any item of the Decisions view. */
export type DecisionTreeNode = GroupNode | DecisionNode | RelationNode | CitationsNode | CitationNode;

/**
 * The Decisions view's data: decisions grouped by status, folder, tag or year, each with its
 * relations and the places that cite it. Nodes are rebuilt after every index change; their ids
 * are stable, so expansion state survives refreshes.
 */
export class DecisionsTreeProvider implements vscode.TreeDataProvider<DecisionTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<DecisionTreeNode | undefined>();
  readonly onDidChangeTreeData: vscode.Event<DecisionTreeNode | undefined> = this.changeEmitter.event;
  private roots: GroupNode[] | undefined;
  private mode: GroupMode;
  private filterText = '';

  constructor(
    private readonly indexer: WorkspaceIndexer,
    initialMode: GroupMode,
  ) {
    this.mode = initialMode;
  }

  /** The current grouping. */
  get groupMode(): GroupMode {
    return this.mode;
  }

  /** The current filter text (`''` when none). */
  get filter(): string {
    return this.filterText;
  }

  setGroupMode(mode: GroupMode): void {
    this.mode = mode;
    this.refresh();
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.refresh();
  }

  /** Drops the cached nodes and tells the view to ask again. */
  refresh(): void {
    this.roots = undefined;
    this.changeEmitter.fire(undefined);
  }

  /** @returns how many decisions the filter lets through, and how many there are. */
  counts(): { shown: number; total: number } {
    const all = this.indexer.index.decisions();
    return { shown: all.filter((d) => matchesFilter(d, this.filterText)).length, total: all.length };
  }

  getChildren(element?: DecisionTreeNode): DecisionTreeNode[] {
    if (!element) return this.rootNodes();
    switch (element.kind) {
      case 'group':
        return (element.children ??= element.group.decisions.map((decision) => ({
          kind: 'decision' as const,
          id: `${element.id}/${decisionKey(decision)}`,
          decision,
          parent: element,
        })));
      case 'decision':
        return (element.children ??= this.decisionChildren(element));
      case 'citations':
        return element.citations.map((citation) => ({
          kind: 'citation' as const,
          id: `${element.id}/${citation.path}:${citation.range.start.line}:${citation.range.start.character}`,
          citation,
          parent: element,
        }));
      default:
        return [];
    }
  }

  getParent(element: DecisionTreeNode): DecisionTreeNode | undefined {
    return element.kind === 'group' ? undefined : element.parent;
  }

  getTreeItem(element: DecisionTreeNode): vscode.TreeItem {
    switch (element.kind) {
      case 'group':
        return this.groupItem(element);
      case 'decision':
        return this.decisionItem(element);
      case 'relation': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.contextValue = CONTEXT_VALUES.relation;
        if (element.target) {
          item.iconPath = statusIcon(element.target.status.kind);
          item.description = statusLabel(element.target);
          item.command = openCommand(element.target.path, toRange(element.target.titleRange), decisionName(element.target));
        } else {
          item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
          item.description = vscode.l10n.t('not found');
        }
        return item;
      }
      case 'citations': {
        const n = element.citations.length;
        const item = new vscode.TreeItem(
          n === 1 ? vscode.l10n.t('Cited in 1 place') : vscode.l10n.t('Cited in {0} places', n),
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = element.id;
        item.contextValue = CONTEXT_VALUES.citations;
        item.iconPath = new vscode.ThemeIcon('references');
        return item;
      }
      case 'citation': {
        const c = element.citation;
        const item = new vscode.TreeItem(`${relativeLabel(c.path)}:${c.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.contextValue = CONTEXT_VALUES.citation;
        item.description = c.text;
        item.resourceUri = uriOf(c.path);
        item.iconPath = vscode.ThemeIcon.File;
        item.command = openCommand(c.path, toRange(c.range), c.text);
        return item;
      }
    }
  }

  /**
   * Finds the view's nodes for the decisions written in `path` (for a decision log: the entry
   * that contains `line`, when given).
   */
  nodesFor(path: string, line?: number): DecisionNode[] {
    const out: DecisionNode[] = [];
    for (const group of this.rootNodes()) {
      for (const node of this.getChildren(group) as DecisionNode[]) {
        const d = node.decision;
        if (d.path !== path) continue;
        if (line !== undefined && (line < d.range.start.line || line > d.range.end.line)) continue;
        out.push(node);
      }
    }
    return out;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private rootNodes(): GroupNode[] {
    if (this.roots) return this.roots;
    const decisions = this.indexer.index.decisions().filter((d) => matchesFilter(d, this.filterText));
    const groups = groupDecisions(decisions, this.mode, (p) => this.indexer.rootOf(p), (d) => gitFactsOf(d).drift?.commits);
    this.roots = groups.map((group) => ({ kind: 'group', id: `${this.mode}:${group.key}`, group }));
    return this.roots;
  }

  private decisionChildren(node: DecisionNode): (RelationNode | CitationsNode)[] {
    const index = this.indexer.index;
    const out: (RelationNode | CitationsNode)[] = [];
    let i = 0;
    for (const { relation, target } of index.relationsOf(node.decision)) {
      const label = `${relationVerb(relation.kind, relation.verb)} ${target ? decisionName(target) : relation.target.text}`;
      out.push({ kind: 'relation', id: `${node.id}/rel${i++}`, label, target, parent: node });
    }
    const citations = this.indexer.citationsOf(node.decision);
    if (citations.length > 0) out.push({ kind: 'citations', id: `${node.id}/citations`, citations: sortCitations(citations), parent: node });
    return out;
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    const g = node.group;
    let label: string;
    let icon: vscode.ThemeIcon;
    switch (g.mode) {
      case 'status':
        label = statusGroupLabel(g.key as StatusKind);
        icon = statusIcon(g.key as StatusKind);
        break;
      case 'folder':
        label = g.name;
        icon = new vscode.ThemeIcon(g.name.toLowerCase().endsWith('.md') ? 'book' : 'folder');
        break;
      case 'tag':
        label = g.key === '' ? vscode.l10n.t('No tags') : g.name;
        icon = new vscode.ThemeIcon('tag');
        break;
      case 'year':
        label = g.key === '' ? vscode.l10n.t('No date') : g.name;
        icon = new vscode.ThemeIcon('calendar');
        break;
      case 'drift':
        label = g.key === '' ? vscode.l10n.t('No drift known (not accepted, or no git history)') : vscode.l10n.t('{0} commits since accepted (git)', g.name);
        icon = new vscode.ThemeIcon('git-commit');
        break;
    }
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.description = String(g.decisions.length);
    item.iconPath = icon;
    item.contextValue = CONTEXT_VALUES.group;
    return item;
  }

  private decisionItem(node: DecisionNode): vscode.TreeItem {
    const d = node.decision;
    const index = this.indexer.index;
    const hasChildren = index.relationsOf(d).length > 0 || this.indexer.citationsOf(d).length > 0;
    const item = new vscode.TreeItem(
      decisionName(d),
      hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = d.date ?? '';
    item.iconPath = statusIcon(d.status.kind);
    item.contextValue = CONTEXT_VALUES.decision;
    item.tooltip = decisionTooltip(d);
    item.command = openCommand(d.path, toRange(d.titleRange), decisionName(d));
    return item;
  }
}

/** A stable key for a decision node: its file and the line its entry starts on. */
function decisionKey(d: IndexedDecision): string {
  return `${d.path}#${d.range.start.line}`;
}

/** @returns the relation as users read it: `Supersedes`, `Superseded by`, or the verb as written. */
export function relationVerb(kind: string, verb: string | undefined): string {
  switch (kind) {
    case 'supersedes':
      return vscode.l10n.t('Supersedes');
    case 'superseded-by':
      return vscode.l10n.t('Superseded by');
    case 'amends':
      return vscode.l10n.t('Amends');
    case 'amended-by':
      return vscode.l10n.t('Amended by');
    case 'clarifies':
      return vscode.l10n.t('Clarifies');
    case 'clarified-by':
      return vscode.l10n.t('Clarified by');
    default:
      return verb && verb.trim() !== '' ? verb.trim() : vscode.l10n.t('Relates to');
  }
}

/**
 * The decision's tooltip: id, title, status, date, decision makers and the decision itself,
 * every piece of record text escaped (no HTML, no links, no command links).
 */
export function decisionTooltip(d: IndexedDecision): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.supportHtml = false;
  md.appendMarkdown('**');
  appendFileText(md, decisionName(d));
  md.appendMarkdown('**\n\n');
  const facts = [statusLabel(d), d.date, d.decisionMakers.length > 0 ? d.decisionMakers.join(', ') : undefined].filter(
    (s): s is string => s !== undefined && s !== '',
  );
  appendFileText(md, facts.join(' · '));
  for (const line of gitFactLines(d)) {
    md.appendMarkdown('  \n');
    appendFileText(md, line);
  }
  const summary = d.sections.decision ?? d.sections.chosenOption ?? d.sections.context;
  if (summary) {
    md.appendMarkdown('\n\n');
    appendFileText(md, trimText(summary, 300));
  }
  return md;
}

function sortCitations(citations: readonly ResolvedCitation[]): ResolvedCitation[] {
  return [...citations].sort((a, b) =>
    a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** A `vscode.open` command that opens `path` with `range` selected. */
function openCommand(path: string, range: vscode.Range, title: string): vscode.Command {
  return {
    command: 'vscode.open',
    title,
    arguments: [uriOf(path), { selection: new vscode.Range(range.start, range.start) } satisfies vscode.TextDocumentShowOptions],
  };
}
