/**
 * Positions for the Decision Map's graph mode, computed by @dagrejs/dagre (a layered, Sugiyama
 * style layout), never by hand.
 *
 * Why dagre and not elkjs (measured with `npx tsx bench/mapLayouts.ts`, 2 cores shared with other
 * work, median of 3 runs; nodes 220×44 px):
 * - Speed: the benchmark's 2,000 decisions with 324 relation edges: dagre 322 ms, elkjs
 *   `layered` (its bundled build, no worker; it packs components itself) 2,773 ms, far above the
 *   map's 1 s budget for a first render. On ../shared/corpus/buildpacks (133 decisions, 15 edges)
 *   67 ms against 88 ms, log4brains (37, 4) 5 ms against 40 ms.
 * - Quality: the same picture: layered supersede chains (the newer decision left of the one it
 *   replaces), 0 edge crossings on every tree measured, drawings of about the same area
 *   (7,328×4,900 px against 6,964×4,604 px for the 2,000 decisions).
 * - Size: dagre adds ~50 KB minified to the bundle (which also ships in the static site);
 *   elkjs 1.6 MB.
 * dagre places disconnected parts side by side in one long column, so the components with edges
 * are laid out in one dagre run and then cut out by their bounding boxes and packed into rows with
 * the decisions that have no relation (shelf packing of finished layouts; no node is placed by hand
 * inside a component).
 */
import dagre from '@dagrejs/dagre';

/** A node to place: id and size in px. */
export interface LayoutNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

/** An edge to route. */
export interface LayoutEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

/** A placed node: top-left corner and size in px. */
export interface PlacedNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The layout: node boxes, edge polylines (px, in drawing order) and the drawing's size. */
export interface Layout {
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly edges: ReadonlyMap<string, readonly { x: number; y: number }[]>;
  readonly width: number;
  readonly height: number;
}

/** Gap between nodes and between packed components, px. */
const GAP = 24;

/**
 * Lays out a graph: each connected component with dagre (`rankdir` LR: an edge points right),
 * components of one node packed in a grid, larger ones stacked in rows of about
 * `targetWidth` px.
 * @param targetWidth width the rows of components are packed to (e.g. the viewport's width).
 */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], targetWidth = 1600): Layout {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const components = componentsOf(nodes, edges.filter((e) => byId.has(e.from) && byId.has(e.to) && e.from !== e.to));
  const placedNodes = new Map<string, PlacedNode>();
  const placedEdges = new Map<string, { x: number; y: number }[]>();
  const boxes: { width: number; height: number; place: (dx: number, dy: number) => void }[] = [];
  // One dagre run for every component with edges (dagre lays disconnected parts out side by
  // side); each component is then cut out by its bounding box and packed with the others.
  const linked = components.filter((c) => c.edges.length > 0);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 56, edgesep: 8, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of linked) {
    for (const n of c.nodes) g.setNode(n.id, { width: n.width, height: n.height });
    for (const e of c.edges) g.setEdge(e.from, e.to, { width: 0, height: 0 }, e.id);
  }
  if (linked.length > 0) dagre.layout(g);
  for (const component of components) {
    if (component.edges.length === 0) {
      for (const n of component.nodes) boxes.push({ width: n.width, height: n.height, place: (dx, dy) => placedNodes.set(n.id, { x: dx, y: dy, width: n.width, height: n.height }) });
      continue;
    }
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const n of component.nodes) {
      const p = g.node(n.id);
      minX = Math.min(minX, p.x - n.width / 2);
      minY = Math.min(minY, p.y - n.height / 2);
      maxX = Math.max(maxX, p.x + n.width / 2);
      maxY = Math.max(maxY, p.y + n.height / 2);
    }
    boxes.push({
      width: maxX - minX,
      height: maxY - minY,
      place: (dx, dy) => {
        for (const n of component.nodes) {
          const p = g.node(n.id);
          placedNodes.set(n.id, { x: dx + p.x - n.width / 2 - minX, y: dy + p.y - n.height / 2 - minY, width: n.width, height: n.height });
        }
        for (const e of component.edges) {
          const points = (g.edge({ v: e.from, w: e.to, name: e.id }).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x + dx - minX, y: p.y + dy - minY }));
          placedEdges.set(e.id, points);
        }
      },
    });
  }
  // Largest components first, then the single decisions, in rows (shelves) about as wide as
  // the target, or wider for a drawing of aspect ratio 16:10 when that is larger.
  const area = boxes.reduce((sum, b) => sum + (b.width + GAP) * (b.height + GAP), 0);
  const size = shelfPack(boxes, Math.max(targetWidth, Math.sqrt(area * 1.6), ...boxes.map((b) => b.width)));
  return { nodes: placedNodes, edges: placedEdges, width: size.width, height: size.height };
}

function shelfPack(boxes: { width: number; height: number; place: (dx: number, dy: number) => void }[], width: number): { width: number; height: number } {
  let x = 0;
  let y = 0;
  let row = 0;
  let widest = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.width > width) {
      y += row + GAP;
      x = 0;
      row = 0;
    }
    b.place(x, y);
    x += b.width + GAP;
    row = Math.max(row, b.height);
    widest = Math.max(widest, x - GAP);
  }
  return { width: widest, height: y + row };
}

/** Connected components (edges in either direction), larger first, in the nodes' order otherwise. */
function componentsOf(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): { nodes: LayoutNode[]; edges: LayoutEdge[] }[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let cur = id;
    while (cur !== root) {
      const next = parent.get(cur) as string;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  for (const n of nodes) parent.set(n.id, n.id);
  for (const e of edges) {
    const a = find(e.from);
    const b = find(e.to);
    if (a !== b) parent.set(a, b);
  }
  const groups = new Map<string, { nodes: LayoutNode[]; edges: LayoutEdge[]; order: number }>();
  nodes.forEach((n, order) => {
    const root = find(n.id);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { nodes: [], edges: [], order }));
    g.nodes.push(n);
  });
  for (const e of edges) groups.get(find(e.from))?.edges.push(e);
  return [...groups.values()].sort((a, b) => b.nodes.length - a.nodes.length || a.order - b.order);
}
