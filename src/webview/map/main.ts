/**
 * The Decision Map's browser bundle (`dist/map.js`), in two places:
 * - the VS Code webview (`src/features/map/panel.ts`): talks to the host only through the
 *   messages of `src/features/map/protocol.ts`;
 * - the static site of `decision-lens export --html`: reads the map from the global
 *   `DECISION_LENS_SITE` that `data.js` sets (a separate script file, so the page's CSP allows
 *   no inline script), opens a record by following its link, and filters the page's list of
 *   records with the map's search.
 */
import './map.css';
import type { DecisionGraph } from '../../core/graph';
import type { MapHostMessage, MapViewState, MapWebviewMessage } from '../../features/map/protocol';
import type { ViewState } from './view';
import { MapView } from './view';

interface VsCodeApi {
  postMessage(message: MapWebviewMessage): void;
  getState(): MapViewState | undefined;
  setState(state: MapViewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What `data.js` of the static site sets. */
export interface SiteData {
  readonly graph: DecisionGraph;
  /** Node id -> relative link of the record's page. */
  readonly records: Readonly<Record<string, string>>;
}

declare global {
  interface Window {
    DECISION_LENS_SITE?: SiteData;
    /** The open map, for tests and the benchmark. */
    decisionLensMap?: MapView;
  }
}

const app = document.getElementById('app') as HTMLElement;

if (typeof acquireVsCodeApi === 'function') {
  const vscode = acquireVsCodeApi();
  const view = new MapView(
    app,
    {
      open: (node) => vscode.postMessage({ type: 'open', id: node.id }),
      exportSvg: (svg) => vscode.postMessage({ type: 'exportSvg', svg }),
      exportMermaid: (filter, clusterBy) => vscode.postMessage({ type: 'exportMermaid', filter, clusterBy }),
      saveState: (state: ViewState) => vscode.setState(state),
    },
    vscode.getState(),
  );
  window.decisionLensMap = view;
  window.addEventListener('message', (event: MessageEvent<MapHostMessage>) => {
    const m = event.data;
    if (m.type === 'graph') {
      const first = performance.getEntriesByName('decision-lens-map-data').length === 0;
      if (first) performance.mark('decision-lens-map-data');
      view.setGraph(m.graph, m.strings);
      app.setAttribute('aria-busy', 'false');
      // The first graph's first frame (data posted to drawn: test/e2e/map.e2e.ts prints it).
      if (first) requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('decision-lens-map-painted')));
    } else if (m.type === 'focus') {
      view.focus(m.id);
    }
  });
  vscode.postMessage({ type: 'ready' });
} else {
  const site = window.DECISION_LENS_SITE;
  const list = document.getElementById('records');
  const filterList = (text: string): void => {
    const needle = text.trim().toLowerCase();
    for (const item of Array.from(list?.querySelectorAll<HTMLElement>('li[data-text]') ?? [])) item.hidden = needle !== '' && !(item.dataset.text ?? '').includes(needle);
  };
  const view = new MapView(app, {
    open: (node) => {
      const href = site?.records[node.id];
      if (href !== undefined) window.location.href = href;
    },
    exportSvg: (svg) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      a.download = 'decision-map.svg';
      a.click();
    },
    saveState: (state) => filterList(state.filter.text ?? ''),
  });
  window.decisionLensMap = view;
  // The data is here (data.js ran): from this mark to the next, the map's own first render.
  performance.mark('decision-lens-map-data');
  if (site) view.setGraph(site.graph);
  app.setAttribute('aria-busy', 'false');
  // The first frame with the map drawn (`npm run bench` reads this mark).
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('decision-lens-map-painted')));
}
