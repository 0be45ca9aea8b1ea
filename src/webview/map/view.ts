/**
 * The Decision Map's page: a toolbar (Graph / Timeline, search, status, tag and folder filters,
 * lanes, code layer, focus hops, zoom, exports), the drawing as SVG made here from the layout,
 * and a hover card. Shared by the VS Code webview and the static site of `decision-lens export
 * --html`; the host-specific parts (opening a record, exporting, saving state) come in a
 * {@link MapHost}.
 *
 * Text from records is only ever set as `textContent` or SVG text, never parsed as markup.
 * Colours are the theme's `--vscode-*` variables (with fallbacks for the static site).
 */
import type { ClusterBy, DecisionGraph, DecisionNode, GraphEdge, GraphFilter, GraphNode, LaneBy } from '../../core/graph';
import { STATUS_ORDER, buildGraphView, drawnClusters, graphTags } from './graphView';
import type { Layout, PlacedCluster } from './layout';
import { layoutGraph } from './layout';
import type { MapStringKey } from './strings';
import { DEFAULT_STRINGS, format } from './strings';
import { layoutTimeline } from './timeline';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** What the page needs from the place it runs in. */
export interface MapHost {
  /** A decision node was clicked, or Enter pressed on it. */
  open(node: DecisionNode): void;
  /** Saves the drawing (absent: no Export SVG button). */
  exportSvg?(svg: string): void;
  /** Exports the current view as Mermaid, with the graph mode's clusters (absent: no button). */
  exportMermaid?(filter: GraphFilter, clusterBy: ClusterBy): void;
  /** Keeps the view's state across reloads. */
  saveState?(state: ViewState): void;
}

/** The view's state. */
export interface ViewState {
  mode: 'graph' | 'timeline';
  filter: GraphFilter;
  laneBy: LaneBy;
  /** The graph mode's boxes: by folder or decision log, by first tag, or none. */
  clusterBy: ClusterBy;
  code: boolean;
}

/**
 * Below this zoom the texts are too small to read: nodes are drawn as boxes in their status
 * colours, and a node's texts are only made once it is seen at this zoom or closer.
 */
const DETAIL_SCALE = 0.45;

/** Node box in graph mode, px. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 44;

const STATUS_GLYPH: Record<string, string> = {
  proposed: '?',
  draft: '✎',
  accepted: '✓',
  'on-hold': '‖',
  superseded: '↷',
  deprecated: '⌛',
  rejected: '✗',
  'not-implemented': '✗',
  unknown: '·',
};

/** A rendered drawing: the node ids in reading order and each one's box, for keyboard moves. */
interface Drawn {
  readonly boxes: Map<string, { x: number; y: number; width: number; height: number }>;
  readonly width: number;
  readonly height: number;
}

/** The Decision Map page. */
export class MapView {
  private graph: DecisionGraph = { nodes: [], edges: [], clusters: [], lanes: [], undated: [] };
  private strings: Record<string, string> = { ...DEFAULT_STRINGS };
  private state: ViewState;
  private drawn: Drawn = { boxes: new Map(), width: 0, height: 0 };
  private scale = 1;
  private tx = 0;
  private ty = 0;
  private readonly toolbar: HTMLElement;
  private readonly svg: SVGSVGElement;
  /** The drawing's frame: the SVG inside is moved and scaled with a CSS transform (a compositor layer). */
  private readonly stage: HTMLElement;
  private readonly viewport: SVGGElement;
  private readonly card: HTMLElement;
  private readonly status: HTMLElement;
  private nodeElements = new Map<string, SVGGElement>();
  private decisionNodes = new Map<string, DecisionNode>();
  private active: string | undefined;
  private frameRequested = false;
  /** The stage's size, px, read once per render (reading it after drawing forces a layout of the whole drawing). */
  private stageSize: { width: number; height: number } | undefined;
  /** Nodes drawn without their texts yet (see {@link DETAIL_SCALE}), with what the texts need. */
  private textless = new Map<string, { n: GraphNode; g: SVGGElement; width: number; height: number }>();
  /** The cluster boxes' labels, sized for the zoom they were last drawn at (`labelZoom`). */
  private clusterLabels: { el: SVGElement; label: string; width: number }[] = [];
  private labelZoom = 0;
  /** Milliseconds the last full render took (layout and DOM), for the benchmark. */
  lastRenderMs = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: MapHost,
    state?: Partial<ViewState>,
  ) {
    this.state = { mode: state?.mode ?? 'graph', filter: state?.filter ?? {}, laneBy: state?.laneBy ?? 'folder', clusterBy: state?.clusterBy ?? 'folder', code: state?.code ?? false };
    root.classList.add('map');
    this.toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
    this.status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'drawing');
    this.svg.setAttribute('role', 'group');
    this.stage = el('div', { class: 'stage' });
    this.stage.append(this.svg);
    this.svg.setAttribute('xmlns', SVG_NS);
    this.viewport = document.createElementNS(SVG_NS, 'g');
    this.viewport.setAttribute('class', 'viewport');
    this.svg.append(defs(), this.viewport);
    this.card = el('div', { class: 'card', role: 'tooltip', id: 'map-card', hidden: '' });
    const help = el('p', { class: 'help', id: 'map-help' });
    root.append(this.toolbar, this.status, this.stage, this.card, help);
    this.svg.setAttribute('aria-describedby', 'map-help');
    this.bindPanZoom();
    this.bindNodeEvents();
  }

  /** Click, hover, focus and keys of the decision boxes, delegated from the SVG. */
  private bindNodeEvents(): void {
    const target = (event: Event): { n: DecisionNode; g: SVGGElement } | undefined => {
      const g = (event.target as Element | null)?.closest?.('.node.decision') as SVGGElement | null;
      const n = g ? this.decisionNodes.get(g.dataset.id ?? '') : undefined;
      return g && n ? { n, g } : undefined;
    };
    this.svg.addEventListener('click', (event) => {
      const hit = target(event);
      if (hit) this.host.open(hit.n);
    });
    this.svg.addEventListener('pointerover', (event) => {
      const hit = target(event);
      if (hit) this.showCard(hit.n, hit.g);
    });
    this.svg.addEventListener('pointerout', (event) => {
      const hit = target(event);
      if (hit && !hit.g.contains(event.relatedTarget as Node | null)) this.hideCard();
    });
    this.svg.addEventListener('focusin', (event) => {
      const hit = target(event);
      if (!hit) return;
      this.active = hit.n.id;
      this.showCard(hit.n, hit.g);
    });
    this.svg.addEventListener('focusout', () => this.hideCard());
    this.svg.addEventListener('keydown', (event) => {
      const hit = target(event);
      if (hit) this.onNodeKey(event, hit.n);
    });
  }

  /** Sets the graph (the whole map; filters are applied here) and the words, and redraws. */
  setGraph(graph: DecisionGraph, strings?: Record<string, string>): void {
    this.graph = graph;
    if (strings) this.strings = { ...DEFAULT_STRINGS, ...strings };
    const focus = this.state.filter.focus;
    if (focus !== undefined && !graph.nodes.some((n) => n.id === focus)) this.state.filter = { ...this.state.filter, focus: undefined };
    this.renderToolbar();
    this.render(true);
  }

  /** Focuses a decision's neighbourhood (Show in Map). */
  focus(id: string): void {
    if (!this.graph.nodes.some((n) => n.id === id)) return;
    this.state.filter = { ...this.state.filter, focus: id, hops: this.state.filter.hops ?? 1 };
    this.renderToolbar();
    this.render(true);
    this.nodeElements.get(id)?.focus();
  }

  /** The drawing as standalone SVG text (theme colours resolved to their current values). */
  svgText(): string {
    for (const id of [...this.textless.keys()]) this.addTexts(id);
    // The drawing at 1:1: cluster labels at their own size, whatever the zoom on screen.
    this.sizeClusterLabels(1);
    const copy = this.svg.cloneNode(true) as SVGSVGElement;
    this.sizeClusterLabels(this.scale);
    const style = getComputedStyle(this.root);
    const vars = ['--map-fg', '--map-bg', '--map-muted', '--map-border', '--map-accepted', '--map-proposed', '--map-rejected', '--map-superseded', '--map-other', '--map-focus', '--map-edge', '--map-cluster-bg', '--map-cluster-border'];
    const resolved = vars.map((v) => `${v}: ${style.getPropertyValue(v).trim() || 'currentColor'};`).join(' ');
    copy.setAttribute('width', String(Math.ceil(this.drawn.width + 40)));
    copy.setAttribute('height', String(Math.ceil(this.drawn.height + 40)));
    copy.setAttribute('viewBox', `-20 -20 ${Math.ceil(this.drawn.width + 40)} ${Math.ceil(this.drawn.height + 40)}`);
    copy.removeAttribute('style');
    copy.classList.remove('far');
    const sheet = document.createElementNS(SVG_NS, 'style');
    sheet.textContent = `svg { ${resolved} font-family: sans-serif; font-size: 12px; } ${SVG_EXPORT_CSS}`;
    copy.insertBefore(sheet, copy.firstChild);
    return new XMLSerializer().serializeToString(copy);
  }

  /** The current filter (focus included). */
  get filter(): GraphFilter {
    return this.state.filter;
  }

  private t(key: MapStringKey): string {
    return this.strings[key] ?? DEFAULT_STRINGS[key];
  }

  private setState(patch: Partial<ViewState>, relayout = true): void {
    this.state = { ...this.state, ...patch };
    this.host.saveState?.(this.state);
    this.renderToolbar();
    this.render(relayout);
  }

  private setFilter(patch: Partial<GraphFilter>): void {
    this.setState({ filter: { ...this.state.filter, ...patch } });
  }

  private renderToolbar(): void {
    const s = this.state;
    const bar = this.toolbar;
    const focused = document.activeElement instanceof HTMLElement && bar.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
    bar.replaceChildren();
    const modes = el('div', { class: 'segmented', role: 'radiogroup', 'aria-label': this.t('map') });
    for (const mode of ['graph', 'timeline'] as const) {
      const b = button(this.t(mode), () => this.setState({ mode }), mode);
      b.setAttribute('role', 'radio');
      b.setAttribute('aria-checked', String(s.mode === mode));
      modes.append(b);
    }
    const search = el('input', { type: 'search', placeholder: this.t('search'), 'aria-label': this.t('search'), 'data-key': 'search' }) as HTMLInputElement;
    search.value = s.filter.text ?? '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    search.addEventListener('input', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => this.setFilter({ text: search.value }), 150);
    });
    const kinds = STATUS_ORDER.filter((k) => this.graph.nodes.some((n) => n.type === 'decision' && n.status === k));
    const statusSelect = select(this.t('status'), 'status', [['', this.t('allStatuses')], ...kinds.map((k): [string, string] => [k, k])], s.filter.statuses?.[0] ?? '', (v) =>
      this.setFilter({ statuses: v === '' ? [] : [v as DecisionNode['status']] }),
    );
    const tags = graphTags(this.graph);
    const tagSelect = select(this.t('byTag'), 'tag', [['', this.t('allTags')], ...tags.map((t): [string, string] => [t, t])], s.filter.tags?.[0] ?? '', (v) => this.setFilter({ tags: v === '' ? [] : [v] }));
    const folders = [...new Set(this.graph.nodes.filter((n): n is DecisionNode => n.type === 'decision').map((n) => n.folder))].sort();
    const folderSelect = select(this.t('byFolder'), 'folder', [['', this.t('allFolders')], ...folders.map((f): [string, string] => [f, f])], s.filter.folders?.[0] ?? '', (v) =>
      this.setFilter({ folders: v === '' ? [] : [v] }),
    );
    bar.append(modes, search, statusSelect, tagSelect, folderSelect);
    if (folders.length < 2) folderSelect.hidden = true;
    if (tags.length === 0) tagSelect.hidden = true;
    if (s.mode === 'timeline') {
      bar.append(
        select(this.t('lanesBy'), 'lanes', [['folder', this.t('byFolder')], ['tag', this.t('byTag')], ['status', this.t('byStatus')]], s.laneBy, (v) => this.setState({ laneBy: v as LaneBy })),
      );
    } else {
      bar.append(
        select(this.t('clustersBy'), 'clusters', [['folder', this.t('byFolder')], ['tag', this.t('byTag')], ['none', this.t('noClusters')]], s.clusterBy, (v) => this.setState({ clusterBy: v as ClusterBy })),
      );
    }
    if (s.mode === 'graph' && (this.graph.nodes.some((n) => n.type === 'code') || s.code)) {
      const label = el('label', { class: 'check', title: this.t('codeTitle') });
      const box = el('input', { type: 'checkbox', 'data-key': 'code' }) as HTMLInputElement;
      box.checked = s.code;
      box.addEventListener('change', () => this.setState({ code: box.checked }));
      label.append(box, document.createTextNode(this.t('code')));
      bar.append(label);
    }
    if (s.filter.focus !== undefined) {
      const node = this.graph.nodes.find((n) => n.id === s.filter.focus);
      const hops = select(this.t('hops'), 'hops', [['1', '1'], ['2', '2'], ['3', '3']], String(s.filter.hops ?? 1), (v) => this.setFilter({ hops: Number(v) }));
      const label = el('span', { class: 'focus-label' });
      label.textContent = `${this.t('focus')}: ${node && node.type === 'decision' ? node.display : ''}`;
      bar.append(label, hops, button(this.t('clearFocus'), () => this.setFilter({ focus: undefined }), 'clear-focus'));
    }
    const zoom = el('div', { class: 'segmented' });
    zoom.append(button('−', () => this.zoomBy(1 / 1.25), 'zoom-out', this.t('zoomOut')), button(this.t('fit'), () => this.fit(), 'fit'), button('+', () => this.zoomBy(1.25), 'zoom-in', this.t('zoomIn')));
    bar.append(zoom);
    if (this.host.exportSvg) bar.append(button(this.t('exportSvg'), () => this.host.exportSvg?.(this.svgText()), 'export-svg'));
    if (this.host.exportMermaid) bar.append(button(this.t('exportMermaid'), () => this.host.exportMermaid?.(this.state.filter, this.state.mode === 'graph' ? this.state.clusterBy : 'folder'), 'export-mermaid'));
    const help = this.root.querySelector('#map-help');
    if (help) help.textContent = this.t('help');
    if (focused !== undefined) (bar.querySelector(`[data-key="${focused}"]`) as HTMLElement | null)?.focus();
  }

  /** Draws the filtered graph in the current mode. */
  private render(relayout: boolean): void {
    const started = performance.now();
    const view = buildGraphView(this.graph, this.state.filter, this.state.code);
    const decisions = view.nodes.filter((n): n is DecisionNode => n.type === 'decision');
    const total = this.graph.nodes.filter((n) => n.type === 'decision').length;
    this.status.textContent = decisions.length === 0 ? this.t('empty') : format(this.t('shown'), decisions.length, total);
    this.viewport.replaceChildren();
    this.nodeElements.clear();
    this.decisionNodes.clear();
    this.textless.clear();
    this.clusterLabels = [];
    this.labelZoom = 0;
    // Read while the drawing is empty: cheap now, a layout of every node once it is drawn.
    this.stageSize = { width: this.stage.clientWidth || 1200, height: this.stage.clientHeight || 800 };
    this.svg.setAttribute('aria-label', `${this.t('map')}: ${this.status.textContent}`);
    if (this.state.mode === 'graph') {
      const layout = layoutGraph(
        view.nodes.map((n) => ({ id: n.id, width: n.type === 'decision' ? NODE_WIDTH : 150, height: NODE_HEIGHT })),
        view.edges.map((e) => ({ id: e.id, from: e.from, to: e.to })),
        Math.max(800, this.stageSize.width),
        drawnClusters(view, this.state.clusterBy),
      );
      this.drawGraph(view, layout);
    } else {
      const timeline = layoutTimeline(view, this.state.laneBy, this.t('undated'));
      this.drawTimeline(view, timeline);
    }
    if (relayout) this.fit();
    // The texts of the nodes in sight, now, when they can be read at this zoom.
    this.addVisibleTexts();
    this.sizeClusterLabels(this.scale);
    this.lastRenderMs = performance.now() - started;
  }

  private drawGraph(view: DecisionGraph, layout: Layout): void {
    const byId = new Map(view.nodes.map((n) => [n.id, n]));
    // The boxes under everything; their members are grouped (and named) in the nodes' layer, so a
    // screen reader hears "Folder docs/adr, 12 decisions" before the decisions in it.
    // The labels over everything: zoomed out they lie over the decisions at the top of the box.
    const boxes = svgEl('g', { class: 'clusters', 'aria-hidden': 'true' });
    const labels = svgEl('g', { class: 'cluster-labels', 'aria-hidden': 'true' });
    for (const c of layout.clusters) {
      const g = svgEl('g', { class: 'cluster', transform: `translate(${c.x},${c.y})`, 'data-id': c.id });
      g.append(svgEl('rect', { width: c.width, height: c.height, rx: 6 }));
      boxes.append(g);
      const label = svgEl('text', { x: 10, y: 16, class: 'cluster-label', transform: `translate(${c.x},${c.y})`, 'data-cluster': c.id });
      label.textContent = clip(c.label, Math.floor((c.width - 20) / 7));
      labels.append(label);
      this.clusterLabels.push({ el: label, label: c.label, width: c.width });
    }
    const edges = svgEl('g', { class: 'edges' });
    for (const e of view.edges) {
      const points = layout.edges.get(e.id);
      if (!points || points.length < 2) continue;
      edges.append(edgePath(e, points.map((p) => [p.x, p.y])));
    }
    const nodes = svgEl('g', { class: 'nodes' });
    const drawnIds = new Set<string>();
    const draw = (parent: SVGElement, id: string): void => {
      const n = byId.get(id);
      const box = layout.nodes.get(id);
      if (!n || !box || drawnIds.has(id)) return;
      drawnIds.add(id);
      parent.append(this.nodeElement(n, box.x, box.y, box.width, box.height));
    };
    for (const c of layout.clusters) {
      const group = svgEl('g', { class: 'cluster-members', role: 'group', 'aria-label': this.clusterLabel(c, byId), 'data-cluster': c.id });
      for (const id of c.nodes) draw(group, id);
      nodes.append(group);
    }
    for (const n of view.nodes) draw(nodes, n.id);
    this.viewport.append(boxes, edges, nodes, labels);
    this.drawn = { boxes: new Map(layout.nodes), width: layout.width, height: layout.height };
    this.sizeSvg();
  }

  /** "Folder docs/adr, 12 decisions", "Decision log DECISIONS.md, 3 decisions", "Tag security, 4 decisions". */
  private clusterLabel(c: PlacedCluster, byId: ReadonlyMap<string, GraphNode>): string {
    const decisions = c.nodes.map((id) => byId.get(id)).filter((n): n is DecisionNode => n?.type === 'decision');
    const key: MapStringKey = c.id.startsWith('tag:') ? 'clusterTag' : decisions[0]?.folderKind === 'log' ? 'clusterLog' : 'clusterFolder';
    return format(this.t(key), c.label, decisions.length);
  }

  private drawTimeline(view: DecisionGraph, timeline: ReturnType<typeof layoutTimeline>): void {
    const axis = svgEl('g', { class: 'axis' });
    for (const tick of timeline.ticks) {
      axis.append(svgEl('line', { x1: tick.x, y1: 0, x2: tick.x, y2: timeline.height, class: 'tick' }));
      const label = svgEl('text', { x: tick.x + 4, y: 12, class: 'tick-label' });
      label.textContent = tick.label;
      axis.append(label);
    }
    const lanes = svgEl('g', { class: 'lanes' });
    for (const lane of timeline.lanes) {
      lanes.append(svgEl('rect', { x: 0, y: lane.y, width: timeline.width, height: lane.height, class: 'lane' }));
      const label = svgEl('text', { x: 4, y: lane.y + 14, class: 'lane-label' });
      label.textContent = lane.label;
      lanes.append(label);
    }
    const edges = svgEl('g', { class: 'edges' });
    for (const e of view.edges) {
      const a = timeline.boxes.get(e.from);
      const b = timeline.boxes.get(e.to);
      if (!a || !b) continue;
      const from: [number, number] = [a.x + a.width / 2, a.y + a.height / 2];
      const to: [number, number] = [b.x + b.width / 2, b.y + b.height / 2];
      edges.append(edgePath(e, [from, [(from[0] + to[0]) / 2, Math.min(from[1], to[1]) - 20], to], true));
    }
    const nodes = svgEl('g', { class: 'nodes' });
    for (const n of view.nodes) {
      const box = timeline.boxes.get(n.id);
      if (box) nodes.append(this.nodeElement(n, box.x, box.y, box.width, box.height));
    }
    this.viewport.append(lanes, axis, edges, nodes);
    this.drawn = { boxes: timeline.boxes, width: timeline.width, height: timeline.height };
    this.sizeSvg();
  }

  /** The SVG is as large as the drawing (plus room for edge labels); the stage clips it. */
  private sizeSvg(): void {
    const width = Math.ceil(this.drawn.width + 40);
    const height = Math.ceil(this.drawn.height + 40);
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
    this.svg.setAttribute('viewBox', `-20 -20 ${width} ${height}`);
  }

  /**
   * A node's group and box; its texts come with it when they can be read at the current zoom,
   * otherwise the first time it is in sight at a readable zoom ({@link addVisibleTexts}).
   */
  private nodeElement(n: GraphNode, x: number, y: number, width: number, height: number): SVGGElement {
    const g = svgEl('g', { class: `node ${n.type}`, transform: `translate(${x},${y})`, tabindex: '-1', 'data-id': n.id }) as SVGGElement;
    g.append(svgEl('rect', { width, height, rx: 4 }));
    if (n.type === 'decision') {
      g.classList.add(`status-${n.status}`);
      if (n.dimmed) g.classList.add('dimmed');
      if (n.id === this.state.filter.focus) g.classList.add('focused');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', `${n.display}: ${n.title}, ${n.status}${n.date ? `, ${n.date}` : ''}`);
      // Events are delegated from the SVG (see bindNodeEvents): no listener per node.
      this.nodeElements.set(n.id, g);
      this.decisionNodes.set(n.id, n);
    } else if (n.type === 'missing') {
      g.setAttribute('role', 'img');
      g.setAttribute('aria-label', `${n.display} (${this.t('missing')})`);
    } else {
      g.setAttribute('role', 'img');
      g.setAttribute('aria-label', `${n.folder} (${this.t('code')})`);
    }
    // No <title> per node: the hover card shows the same, and 2,000 fewer elements paint faster.
    this.textless.set(n.id, { n, g, width, height });
    if (this.nodeElements.size === 1 && n.type === 'decision') g.setAttribute('tabindex', '0');
    return g;
  }

  /** Adds a node's texts (id and status, glyph, title), once. */
  private addTexts(id: string): void {
    const entry = this.textless.get(id);
    if (!entry) return;
    this.textless.delete(id);
    const { n, g, width, height } = entry;
    const line1 = svgEl('text', { x: 8, y: 17, class: 'id' });
    const line2 = svgEl('text', { x: 8, y: height - 10, class: 'title' });
    if (n.type === 'decision') {
      const glyph = svgEl('text', { x: width - 8, y: 17, class: 'glyph', 'text-anchor': 'end', 'aria-hidden': 'true' });
      glyph.textContent = STATUS_GLYPH[n.status] ?? '·';
      line1.textContent = `${n.display} · ${n.status}`;
      line2.textContent = clip(n.title, Math.floor((width - 16) / 6.6));
      g.append(glyph);
    } else if (n.type === 'missing') {
      line1.textContent = n.display;
      line2.textContent = `(${this.t('missing')})`;
    } else {
      line1.textContent = n.folder;
      line2.textContent = this.t('code');
    }
    g.append(line1, line2);
  }

  /**
   * Adds the texts of the nodes in sight (and half a screen around) when the zoom lets them be
   * read; far out, nothing (they would be hidden).
   */
  private addVisibleTexts(): void {
    if (this.textless.size === 0 || this.scale < DETAIL_SCALE) return;
    const { width, height } = this.size();
    // Screen x = tx + (drawing x + 20) * scale (the SVG's viewBox starts at -20).
    const left = (-width / 2 - this.tx) / this.scale - 20;
    const right = ((3 * width) / 2 - this.tx) / this.scale - 20;
    const top = (-height / 2 - this.ty) / this.scale - 20;
    const bottom = ((3 * height) / 2 - this.ty) / this.scale - 20;
    for (const id of [...this.textless.keys()]) {
      const b = this.drawn.boxes.get(id);
      if (!b || (b.x <= right && b.x + b.width >= left && b.y <= bottom && b.y + b.height >= top)) this.addTexts(id);
    }
  }

  /** The stage's size, px (cached; see {@link stageSize}). */
  private size(): { width: number; height: number } {
    this.stageSize ??= { width: this.stage.clientWidth || 1200, height: this.stage.clientHeight || 800 };
    return this.stageSize;
  }

  private onNodeKey(event: KeyboardEvent, n: DecisionNode): void {
    const keys: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.host.open(n);
    } else if (event.key === 'f' || event.key === 'F') {
      event.preventDefault();
      this.focus(n.id);
    } else if (event.key === 'Escape') {
      if (this.state.filter.focus !== undefined) this.setFilter({ focus: undefined });
    } else if (event.key === '+' || event.key === '=') {
      this.zoomBy(1.25);
    } else if (event.key === '-') {
      this.zoomBy(1 / 1.25);
    } else if (keys[event.key]) {
      event.preventDefault();
      const next = nearest(this.drawn.boxes, n.id, keys[event.key], (id) => this.nodeElements.has(id));
      if (next !== undefined) this.moveTo(next);
    }
  }

  private moveTo(id: string): void {
    const from = this.active !== undefined ? this.nodeElements.get(this.active) : undefined;
    from?.setAttribute('tabindex', '-1');
    const to = this.nodeElements.get(id);
    if (!to) return;
    to.setAttribute('tabindex', '0');
    to.focus();
    this.active = id;
    const box = this.drawn.boxes.get(id);
    if (box) {
      const { width: w, height: h } = this.size();
      const sx = box.x * this.scale + this.tx;
      const sy = box.y * this.scale + this.ty;
      if (sx < 0 || sy < 0 || sx + box.width * this.scale > w || sy + box.height * this.scale > h) {
        this.tx = w / 2 - (box.x + box.width / 2) * this.scale;
        this.ty = h / 2 - (box.y + box.height / 2) * this.scale;
        this.applyTransform();
      }
    }
  }

  private showCard(n: DecisionNode, g: SVGGElement): void {
    const card = this.card;
    card.replaceChildren();
    const head = el('div', { class: 'card-head' });
    head.textContent = `${n.display}: ${n.title}`;
    const rows = el('dl', {});
    const row = (label: string, value: string | undefined): void => {
      if (value === undefined || value === '') return;
      const dt = el('dt', {});
      dt.textContent = label;
      const dd = el('dd', {});
      dd.textContent = value;
      rows.append(dt, dd);
    };
    row(this.t('status'), n.statusText && n.statusText.toLowerCase() !== n.status ? `${n.status} (${n.statusText})` : n.status);
    row(this.t('date'), n.date);
    row(this.t('decisionMakers'), n.decisionMakers.join(', '));
    card.append(head, rows);
    if (n.summary) {
      const p = el('p', { class: 'summary' });
      p.textContent = n.summary;
      card.append(p);
    }
    for (const line of n.history ?? []) {
      const p = el('p', { class: 'history' });
      p.textContent = line;
      card.append(p);
    }
    card.hidden = false;
    const rect = g.getBoundingClientRect();
    const host = this.root.getBoundingClientRect();
    card.style.left = `${Math.max(4, Math.min(rect.left - host.left, host.width - 340))}px`;
    card.style.top = `${rect.bottom - host.top + 6}px`;
    g.setAttribute('aria-describedby', 'map-card');
  }

  private hideCard(): void {
    this.card.hidden = true;
  }

  /** Fits the drawing into the viewport (never enlarging past 1:1). */
  fit(): void {
    const { width: w, height: h } = this.size();
    const width = Math.max(1, this.drawn.width);
    const height = Math.max(1, this.drawn.height);
    this.scale = Math.min(1, (w - 32) / width, (h - 32) / height);
    this.scale = Math.max(this.scale, 0.05);
    this.tx = (w - width * this.scale) / 2;
    this.ty = Math.max(16, (h - height * this.scale) / 2);
    this.applyTransform();
  }

  private zoomBy(factor: number, cx?: number, cy?: number): void {
    const x = cx ?? this.size().width / 2;
    const y = cy ?? this.size().height / 2;
    const next = Math.min(4, Math.max(0.05, this.scale * factor));
    this.tx = x - ((x - this.tx) * next) / this.scale;
    this.ty = y - ((y - this.ty) * next) / this.scale;
    this.scale = next;
    this.applyTransform();
  }

  /** Pans by a screen offset, px (the benchmark drives this). */
  panBy(dx: number, dy: number): void {
    this.tx += dx;
    this.ty += dy;
    this.applyTransform();
  }

  private applyTransform(): void {
    // One CSS transform on the SVG element per animation frame: Chromium moves its layer and
    // re-rasters at most once per frame; the nodes are never touched. Below 45 % the texts (too
    // small to read) are hidden, which keeps a frame of 2,000 decisions cheap to paint.
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.svg.style.transform = `translate(${this.tx.toFixed(1)}px,${this.ty.toFixed(1)}px) scale(${this.scale.toFixed(4)})`;
      const far = this.scale < DETAIL_SCALE;
      if (far !== this.svg.classList.contains('far')) this.svg.classList.toggle('far', far);
      this.addVisibleTexts();
      this.sizeClusterLabels(this.scale);
    });
  }

  /**
   * Zoomed out, a cluster's label keeps its size on screen (12 px, with a halo in the box's
   * colour over the decisions under it) and is cut to the box's width; at 100 % and closer it is
   * 12 px of the drawing.
   */
  private sizeClusterLabels(scale: number): void {
    const k = 1 / Math.min(1, Math.max(scale, 0.01));
    if (Math.abs(k - this.labelZoom) < 0.01 * k || this.clusterLabels.length === 0) return;
    this.labelZoom = k;
    for (const { el, label, width } of this.clusterLabels) {
      el.style.fontSize = `${(12 * k).toFixed(1)}px`;
      el.style.strokeWidth = `${(4 * k).toFixed(1)}px`;
      el.setAttribute('x', (10 * Math.min(k, 1.5)).toFixed(1));
      el.setAttribute('y', (16 * k).toFixed(1));
      el.textContent = clip(label, Math.max(1, Math.floor((width - 20) / (8 * k))));
    }
  }

  private bindPanZoom(): void {
    let dragging: { x: number; y: number; id: number } | undefined;
    this.stage.addEventListener('pointerdown', (event) => {
      if ((event.target as Element).closest('.node.decision')) return;
      dragging = { x: event.clientX, y: event.clientY, id: event.pointerId };
      this.stage.setPointerCapture(event.pointerId);
      this.stage.classList.add('panning');
    });
    this.stage.addEventListener('pointermove', (event) => {
      if (!dragging || dragging.id !== event.pointerId) return;
      this.panBy(event.clientX - dragging.x, event.clientY - dragging.y);
      dragging = { ...dragging, x: event.clientX, y: event.clientY };
    });
    const end = (): void => {
      dragging = undefined;
      this.stage.classList.remove('panning');
    };
    this.stage.addEventListener('pointerup', end);
    this.stage.addEventListener('pointercancel', end);
    this.stage.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const rect = this.stage.getBoundingClientRect();
        if (event.ctrlKey || event.metaKey || Math.abs(event.deltaY) > Math.abs(event.deltaX)) {
          this.zoomBy(Math.exp(-event.deltaY / 500), event.clientX - rect.left, event.clientY - rect.top);
        } else {
          this.panBy(-event.deltaX, -event.deltaY);
        }
      },
      { passive: false },
    );
    window.addEventListener('resize', () => {
      this.stageSize = undefined;
      this.fit();
    });
  }
}

/** The nearest node in a direction (screen axes), by distance with a penalty off the axis. */
function nearest(boxes: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>, from: string, [dx, dy]: [number, number], ok: (id: string) => boolean): string | undefined {
  const a = boxes.get(from);
  if (!a) return undefined;
  const ax = a.x + a.width / 2;
  const ay = a.y + a.height / 2;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [id, b] of boxes) {
    if (id === from || !ok(id)) continue;
    const vx = b.x + b.width / 2 - ax;
    const vy = b.y + b.height / 2 - ay;
    const along = vx * dx + vy * dy;
    if (along <= 0) continue;
    const across = Math.abs(vx * dy - vy * dx);
    const score = along + across * 3;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(1, max - 1)) + '…';
}

function edgePath(e: GraphEdge, points: [number, number][], curved = false): SVGGElement {
  const g = svgEl('g', { class: `edge ${e.kind}` }) as SVGGElement;
  const d = curved && points.length === 3
    ? `M${points[0][0]},${points[0][1]} Q${points[1][0]},${points[1][1]} ${points[2][0]},${points[2][1]}`
    : `M${points.map((p) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`).join(' L')}`;
  const path = svgEl('path', { d, 'marker-end': e.kind === 'relates-to' ? '' : 'url(#arrow)' });
  if (e.kind === 'cites') path.setAttribute('stroke-width', String(Math.min(6, 1 + Math.log2(e.weight))));
  g.append(path);
  const mid = points[Math.floor(points.length / 2)];
  const label = svgEl('text', { x: mid[0], y: mid[1] - 4, class: 'edge-label', 'text-anchor': 'middle' });
  label.textContent = e.label;
  g.append(label);
  return g;
}

function defs(): SVGDefsElement {
  const d = document.createElementNS(SVG_NS, 'defs');
  const marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(svgEl('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
  d.append(marker);
  return d;
}

function svgEl(name: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) if (v !== '') e.setAttribute(k, String(v));
  return e;
}

function el(name: string, attrs: Record<string, string>): HTMLElement {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function button(text: string, onClick: () => void, key: string, label?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', 'data-key': key }) as HTMLButtonElement;
  b.textContent = text;
  if (label) {
    b.setAttribute('aria-label', label);
    b.title = label;
  }
  b.addEventListener('click', onClick);
  return b;
}

function select(label: string, key: string, options: [string, string][], value: string, onChange: (v: string) => void): HTMLElement {
  const wrap = el('label', { class: 'select' });
  const s = el('select', { 'aria-label': label, 'data-key': key }) as HTMLSelectElement;
  for (const [v, text] of options) {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = text;
    s.append(o);
  }
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  wrap.append(s);
  return wrap;
}

/** The drawing's style in an exported SVG (the page's style sheet is not there). */
const SVG_EXPORT_CSS = `
.node rect { fill: var(--map-bg); stroke: var(--map-border); }
.node text { fill: var(--map-fg); }
.node .id { font-weight: 600; }
.node.status-accepted rect { stroke: var(--map-accepted); stroke-width: 2px; }
.node.status-proposed rect, .node.status-draft rect { stroke: var(--map-proposed); stroke-width: 2px; }
.node.status-rejected rect, .node.status-not-implemented rect { stroke: var(--map-rejected); }
.node.dimmed { opacity: 0.55; }
.node.missing rect { stroke-dasharray: 4 3; fill: none; }
.cluster rect { fill: var(--map-cluster-bg); stroke: var(--map-cluster-border); }
.cluster-label { fill: var(--map-fg); font-size: 12px; font-weight: 600; pointer-events: none; paint-order: stroke; stroke: var(--map-cluster-bg); stroke-width: 3px; stroke-linejoin: round; }
.node.code rect { fill: none; stroke: var(--map-muted); }
.edge path { fill: none; stroke: var(--map-edge); }
.edge.relates-to path { stroke-dasharray: 3 3; }
.edge.cites path { stroke-dasharray: 1 3; }
.edge-label, .tick-label, .lane-label { fill: var(--map-muted); font-size: 10px; }
.arrow-head { fill: var(--map-edge); }
.lane { fill: none; stroke: var(--map-border); }
.tick { stroke: var(--map-border); stroke-dasharray: 2 4; }
`;

export { STATUS_ORDER };
