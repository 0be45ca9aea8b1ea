import * as vscode from 'vscode';
import { bundlePage, bundleWebviewOptions } from '../../host/webviewPage';
import type { DecisionGraph } from '../../core/graph';
import { buildGraph, filterGraph, graphClusters, nodeId } from '../../core/graph';
import { gitFactLines } from '../history/lines';
import { toMermaid } from '../../core/graphExport';
import type { IndexedDecision } from '../../core/index';
import type { Logger } from '../../core/ports';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel } from '../../host/paths';
import { openDecision } from '../../host/presentation';
import { requireTrust } from '../../host/trust';
import type { MapHostMessage, MapStrings } from './protocol';
import { MAP_VIEW_TYPE, isMapWebviewMessage } from './protocol';

/** Quiet time after an index change before the map is sent again, ms. */
const UPDATE_DEBOUNCE_MS = 300;

/**
 * The Decision Map: a webview panel that draws every decision of the workspace (graph and
 * timeline, `src/webview/map/`), opens a record on click, focuses a decision (Show in Map),
 * updates when records change, and exports the view as SVG or Mermaid (save dialog; a trusted
 * workspace only). One panel at a time.
 */
export class MapPanel implements vscode.Disposable {
  private static current: MapPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private graph: DecisionGraph = { nodes: [], edges: [], clusters: [], lanes: [], undated: [] };
  private byId = new Map<string, IndexedDecision>();
  /** The webview has said `ready` and has the graph: messages posted now reach it. */
  private ready = false;
  /** A focus asked for while the webview was (re)loading: sent with the graph. */
  private pendingFocus: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** The open panel, if any (tests read it). */
  static get open(): MapPanel | undefined {
    return MapPanel.current;
  }

  /**
   * Opens the map, or reveals the open one.
   * @param focus a decision whose neighbourhood is shown (Show in Map).
   */
  static show(context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger, focus?: IndexedDecision): MapPanel {
    const existing = MapPanel.current;
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Active);
      if (focus) existing.focus(focus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(MAP_VIEW_TYPE, vscode.l10n.t('Decision Map'), vscode.ViewColumn.Active, mapWebviewOptions(context));
    const instance = new MapPanel(panel, context, indexer, logger);
    if (focus) instance.focus(focus);
    return instance;
  }

  /** Restores the panel after a window reload. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger): MapPanel {
    panel.webview.options = mapWebviewOptions(context);
    return new MapPanel(panel, context, indexer, logger);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly indexer: WorkspaceIndexer,
    private readonly logger: Logger,
  ) {
    MapPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'decision-lens.svg');
    panel.webview.html = mapHtml(panel.webview, context.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      // A hidden panel's webview is dropped (no retained context) and loads again when shown,
      // saying `ready` again: what is posted meanwhile would be lost.
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (!webviewPanel.visible) this.ready = false;
      }),
      indexer.onDidChange((change) => {
        if (!change.records && !change.citations) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.sendGraph(), UPDATE_DEBOUNCE_MS);
      }),
    );
  }

  /** Shows a decision's neighbourhood. */
  focus(d: IndexedDecision): void {
    const id = nodeId(relativeLabel(d.path), d.range.start.line);
    if (this.ready) this.post({ type: 'focus', id });
    else this.pendingFocus = id;
  }

  private post(message: MapHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private sendGraph(): void {
    const index = this.indexer.index;
    const graph = buildGraph(index, { relativePath: relativeLabel, code: true });
    this.byId = new Map(index.decisions().map((d) => [nodeId(relativeLabel(d.path), d.range.start.line), d]));
    // Provenance and drift from git on the hover cards, when the history service has them.
    const nodes = graph.nodes.map((n) => {
      const d = this.byId.get(n.id);
      const history = d ? gitFactLines(d) : [];
      return history.length > 0 ? { ...n, history } : n;
    });
    this.graph = { ...graph, nodes };
    this.post({ type: 'graph', graph: this.graph, strings: mapStrings() });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isMapWebviewMessage(message)) {
      this.logger.warn('Decision Map: ignored a malformed message.');
      return;
    }
    try {
      switch (message.type) {
        case 'ready':
          this.ready = false;
          await this.indexer.whenReady();
          this.sendGraph();
          // A focus asked for while the index was building waited here: after the graph it names.
          this.ready = true;
          if (this.pendingFocus !== undefined) this.post({ type: 'focus', id: this.pendingFocus });
          this.pendingFocus = undefined;
          return;
        case 'open': {
          const d = this.byId.get(message.id);
          if (d) await openDecision(d, { preview: false });
          return;
        }
        case 'exportSvg':
          await this.save(message.svg, 'decision-map.svg', { [vscode.l10n.t('SVG image')]: ['svg'] });
          return;
        case 'exportMermaid': {
          // The clusters the map draws (folder, first tag or none), as subgraphs.
          const shown = filterGraph(this.graph, message.filter);
          const clusters = message.clusterBy === undefined ? shown.clusters : graphClusters(shown, message.clusterBy);
          await this.save(toMermaid({ ...shown, clusters }), 'decision-map.mmd', { [vscode.l10n.t('Mermaid diagram')]: ['mmd', 'md'] });
          return;
        }
      }
    } catch (error) {
      this.logger.error(`Decision Map: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Asks where to save, then writes (trust checked before asking and again before writing). */
  private async save(text: string, name: string, filters: Record<string, string[]>): Promise<void> {
    if (!requireTrust()) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters, title: vscode.l10n.t('Export Decision Map') });
    if (!uri || !requireTrust()) return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    this.logger.info(`Decision Map exported to ${uri.toString(true)}.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Decision Map exported to {0}.', vscode.workspace.asRelativePath(uri)));
  }

  dispose(): void {
    if (MapPanel.current === this) MapPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** Webview options: scripts on, no command links, local resources from `dist/` only. */
export function mapWebviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return bundleWebviewOptions(context);
}

/** The map's page: CSP `default-src 'none'`, the script by nonce, style from `dist/` only. */
export function mapHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return bundlePage(webview, extensionUri, { script: 'map.js', style: 'map.css', dataImages: true, title: vscode.l10n.t('Decision Map'), label: vscode.l10n.t('Decision Map') });
}

/** The map's words, translated (keys of `src/webview/map/strings.ts`). */
function mapStrings(): MapStrings {
  return {
    graph: vscode.l10n.t('Graph'),
    timeline: vscode.l10n.t('Timeline'),
    search: vscode.l10n.t('Search decisions'),
    allStatuses: vscode.l10n.t('All statuses'),
    allTags: vscode.l10n.t('All tags'),
    allFolders: vscode.l10n.t('All folders'),
    lanesBy: vscode.l10n.t('Lanes by'),
    clustersBy: vscode.l10n.t('Clusters by'),
    noClusters: vscode.l10n.t('None'),
    clusterFolder: vscode.l10n.t('Folder {0}, {1} decisions', '{0}', '{1}'),
    clusterLog: vscode.l10n.t('Decision log {0}, {1} decisions', '{0}', '{1}'),
    clusterTag: vscode.l10n.t('Tag {0}, {1} decisions', '{0}', '{1}'),
    byFolder: vscode.l10n.t('Folder'),
    byTag: vscode.l10n.t('Tag'),
    byStatus: vscode.l10n.t('Status'),
    code: vscode.l10n.t('Code'),
    codeTitle: vscode.l10n.t('Show the code folders that cite each decision'),
    hops: vscode.l10n.t('Hops'),
    clearFocus: vscode.l10n.t('Clear Focus'),
    focus: vscode.l10n.t('Focus'),
    zoomIn: vscode.l10n.t('Zoom In'),
    zoomOut: vscode.l10n.t('Zoom Out'),
    fit: vscode.l10n.t('Fit'),
    exportSvg: vscode.l10n.t('Export SVG'),
    exportMermaid: vscode.l10n.t('Export Mermaid'),
    undated: vscode.l10n.t('Undated'),
    missing: vscode.l10n.t('missing'),
    map: vscode.l10n.t('Decision map'),
    shown: vscode.l10n.t('{0} of {1} decisions', '{0}', '{1}'),
    empty: vscode.l10n.t('No decisions match.'),
    decisionMakers: vscode.l10n.t('Decision makers'),
    date: vscode.l10n.t('Date'),
    status: vscode.l10n.t('Status'),
    help: vscode.l10n.t('Arrow keys move between decisions, Enter opens one, F focuses its neighbourhood, Escape clears the focus, + and - zoom.'),
  };
}
