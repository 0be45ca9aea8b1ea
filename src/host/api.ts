import type * as vscode from 'vscode';
import type { StatusKind } from '../core/model';
import type { WorkspaceIndexer } from './indexer';
import { uriOf } from './paths';

/** A decision as the API reports it: plain data, safe to compare in tests. */
export interface DecisionSummary {
  /** Lookup key: `ADR-5`. */
  readonly key: string;
  /** The id as displayed: `ADR-0005`. */
  readonly display: string;
  readonly title: string;
  readonly status: StatusKind;
  readonly date?: string;
  /** URI of the file the record is in. */
  readonly uri: string;
  /** 0-based line of its title. */
  readonly line: number;
}

/** One item of the Decisions view as VS Code renders it. */
export interface TreeItemSnapshot {
  readonly label: string;
  readonly description?: string;
  /** The tooltip's text (Markdown source for a Markdown tooltip). */
  readonly tooltip?: string;
  readonly contextValue?: string;
  /** Codicon id of the icon (`pass`, `folder`, ...), when it is a theme icon. */
  readonly icon?: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: { readonly command: string; readonly arguments?: readonly unknown[] };
  /** Children, when the snapshot was taken deep enough. */
  readonly children?: readonly TreeItemSnapshot[];
}

/**
 * What `activate` returns (`vscode.extensions.getExtension('decision-lens.decision-lens').exports`).
 * Kept small on purpose: it lets integration tests and other extensions wait for the index and
 * read what the Decisions view shows.
 */
export interface DecisionLensApi {
  /**
   * Resolves once the first index build finished and every pending file change, edit and
   * rebuild has been applied to the index.
   */
  whenIdle(): Promise<void>;
  /** The decisions in the index, in path order. */
  decisions(): DecisionSummary[];
  /**
   * The Decisions view's items (after any pending refresh), `depth` levels deep (default 2:
   * groups and their decisions). Filter and grouping are the view's current ones.
   */
  treeItems(depth?: number): Promise<TreeItemSnapshot[]>;
  /** The Decisions view itself (for `reveal` and selection checks). */
  readonly treeView: vscode.TreeView<unknown>;
  /**
   * The indexer behind every feature, for integration tests and benchmarks that drive the
   * providers directly. Not a stable interface for other extensions.
   */
  readonly indexer: WorkspaceIndexer;
}

/**
 * Builds the API over the indexer and the Decisions view.
 * @param snapshot renders the view's items `depth` levels deep after a refresh.
 */
export function createApi(
  indexer: WorkspaceIndexer,
  view: { readonly treeView: vscode.TreeView<unknown>; snapshot(depth: number): TreeItemSnapshot[] },
): DecisionLensApi {
  return {
    whenIdle: () => indexer.whenIdle(),
    decisions: () =>
      indexer.index.decisions().map((d) => ({
        key: d.key,
        display: d.display,
        title: d.title,
        status: d.status.kind,
        date: d.date,
        uri: uriOf(d.path).toString(),
        line: d.titleRange.start.line,
      })),
    treeItems: async (depth = 2) => {
      await indexer.whenIdle();
      return view.snapshot(depth);
    },
    treeView: view.treeView,
    indexer,
  };
}
