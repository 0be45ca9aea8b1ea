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
 * dagre places disconnected parts side by side in one long column, so each component with edges
 * is laid out by dagre on its own and the finished drawings are packed into rows with the decisions
 * that have no relation (shelf packing of finished layouts; no node is placed by hand inside a
 * component). Components of the same shape (most are the same few supersede chains) share one
 * dagre run: the benchmark's 2,000 decisions have 270 components with edges of 2 to 5 nodes, and
 * their layout takes 24 ms instead of 322 ms in one dagre run, with the same drawing (7,328×4,900
 * px, 0 crossings; `npx tsx bench/mapLayouts.ts`, each run with the cache emptied, at a load
 * average of 9 on the 2 cores).
 *
 * Clusters (folder / decision log, or first tag): each cluster is laid out on its own in the same
 * way (dagre per connected component inside it, shelf-packed) and its box is the bounding box of
 * its placed nodes plus a margin and a header for the label; the boxes are then shelf-packed, so
 * boxes never overlap and every node lies inside its cluster's box. Edges between clusters are
 * drawn straight from the side of one box to the facing side of the other.
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

/** A group of nodes drawn in one labelled box (a folder or decision log, or a tag). */
export interface LayoutCluster {
  readonly id: string;
  readonly label: string;
  /** Ids of the member nodes; ids not among the layout's nodes are ignored. */
  readonly nodes: readonly string[];
}

/** A placed node: top-left corner and size in px. */
export interface PlacedNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A placed cluster box: top-left corner and size in px, holding its member nodes. */
export interface PlacedCluster extends PlacedNode {
  readonly id: string;
  readonly label: string;
  /** Ids of the nodes inside the box. */
  readonly nodes: readonly string[];
}

/** The layout: node and cluster boxes, edge polylines (px, in drawing order) and the drawing's size. */
export interface Layout {
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  readonly edges: ReadonlyMap<string, readonly { x: number; y: number }[]>;
  /** Cluster boxes in drawing order (empty without clusters). */
  readonly clusters: readonly PlacedCluster[];
  readonly width: number;
  readonly height: number;
}

/** Gap between nodes and between packed components and clusters, px. */
const GAP = 24;
/** Space between a cluster's box and its nodes, px. */
export const CLUSTER_PADDING = 12;
/** Height of a cluster box's header (its label), px. */
export const CLUSTER_HEADER = 22;

/** A finished part of the drawing, moved as a whole when packed. */
interface Piece {
  readonly width: number;
  readonly height: number;
  place(dx: number, dy: number): void;
}

/**
 * Lays out a graph: each connected component with dagre (`rankdir` LR: an edge points right),
 * components of one node packed in a grid, larger ones stacked in rows of about
 * `targetWidth` px. With `clusters`, each cluster is laid out that way inside its own box and
 * the boxes are packed in rows; nodes in no cluster are packed beside them.
 * @param targetWidth width the rows are packed to (e.g. the viewport's width), px.
 * @param clusters disjoint groups of node ids (a node listed twice stays in the first).
 */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], targetWidth = 1600, clusters: readonly LayoutCluster[] = []): Layout {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const valid = edges.filter((e) => byId.has(e.from) && byId.has(e.to) && e.from !== e.to);
  const placedNodes = new Map<string, PlacedNode>();
  const placedEdges = new Map<string, { x: number; y: number }[]>();
  if (clusters.length === 0) {
    const pieces = componentPieces(nodes, valid, placedNodes, placedEdges);
    const size = shelfPack(pieces, packWidth(pieces, targetWidth));
    return { nodes: placedNodes, edges: placedEdges, clusters: [], width: size.width, height: size.height };
  }
  // Which group each node is drawn in: its cluster, or none (`''`).
  const groupOf = new Map<string, string>();
  for (const c of clusters) for (const id of c.nodes) if (byId.has(id) && !groupOf.has(id)) groupOf.set(id, c.id);
  const members = new Map<string, LayoutNode[]>();
  for (const n of nodes) {
    const g = groupOf.get(n.id) ?? '';
    let list = members.get(g);
    if (!list) members.set(g, (list = []));
    list.push(n);
  }
  const inner = new Map<string, LayoutEdge[]>();
  const across: LayoutEdge[] = [];
  for (const e of valid) {
    const g = groupOf.get(e.from) ?? '';
    if (g === (groupOf.get(e.to) ?? '')) {
      let list = inner.get(g);
      if (!list) inner.set(g, (list = []));
      list.push(e);
    } else across.push(e);
  }
  const placedClusters: PlacedCluster[] = [];
  const pieces: Piece[] = [];
  for (const c of clusters) {
    const list = members.get(c.id);
    if (!list || list.length === 0) continue;
    members.delete(c.id);
    const localNodes = new Map<string, PlacedNode>();
    const localEdges = new Map<string, { x: number; y: number }[]>();
    const parts = componentPieces(list, inner.get(c.id) ?? [], localNodes, localEdges);
    const size = shelfPack(parts, packWidth(parts, 0));
    const width = Math.max(size.width, 120) + 2 * CLUSTER_PADDING;
    const height = size.height + CLUSTER_HEADER + 2 * CLUSTER_PADDING;
    const ox = CLUSTER_PADDING;
    const oy = CLUSTER_HEADER + CLUSTER_PADDING;
    pieces.push({
      width,
      height,
      place: (dx, dy) => {
        for (const [id, p] of localNodes) placedNodes.set(id, { ...p, x: p.x + dx + ox, y: p.y + dy + oy });
        for (const [id, pts] of localEdges) placedEdges.set(id, pts.map((p) => ({ x: p.x + dx + ox, y: p.y + dy + oy })));
        placedClusters.push({ id: c.id, label: c.label, nodes: list.map((n) => n.id), x: dx, y: dy, width, height });
      },
    });
  }
  // Nodes in no cluster: packed beside the boxes.
  pieces.push(...componentPieces(members.get('') ?? [], inner.get('') ?? [], placedNodes, placedEdges));
  const size = shelfPack(pieces.sort((a, b) => b.height - a.height), packWidth(pieces, targetWidth));
  for (const e of across) {
    const a = placedNodes.get(e.from);
    const b = placedNodes.get(e.to);
    if (a && b) placedEdges.set(e.id, straightEdge(a, b));
  }
  return { nodes: placedNodes, edges: placedEdges, clusters: placedClusters, width: size.width, height: size.height };
}

/** Rows as wide as the target, or wider for a drawing of aspect ratio 16:10 when that is larger. */
function packWidth(pieces: readonly Piece[], targetWidth: number): number {
  const area = pieces.reduce((sum, b) => sum + (b.width + GAP) * (b.height + GAP), 0);
  return Math.max(targetWidth, Math.sqrt(area * 1.6), ...pieces.map((b) => b.width));
}

/** From the middle of the side of `a` that faces `b` to the facing side of `b`. */
function straightEdge(a: PlacedNode, b: PlacedNode): { x: number; y: number }[] {
  if (b.x >= a.x + a.width) return [{ x: a.x + a.width, y: a.y + a.height / 2 }, { x: b.x, y: b.y + b.height / 2 }];
  if (b.x + b.width <= a.x) return [{ x: a.x, y: a.y + a.height / 2 }, { x: b.x + b.width, y: b.y + b.height / 2 }];
  if (b.y >= a.y) return [{ x: a.x + a.width / 2, y: a.y + a.height }, { x: b.x + b.width / 2, y: b.y }];
  return [{ x: a.x + a.width / 2, y: a.y }, { x: b.x + b.width / 2, y: b.y + b.height }];
}

/**
 * The connected components of `nodes` as pieces to pack: each one with edges laid out by dagre on
 * its own and cut out by its nodes' bounding box, largest first, then the single nodes. Placing a
 * piece writes its nodes and edges.
 */
function componentPieces(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  placedNodes: Map<string, PlacedNode>,
  placedEdges: Map<string, { x: number; y: number }[]>,
): Piece[] {
  const boxes: Piece[] = [];
  for (const component of componentsOf(nodes, edges)) {
    if (component.edges.length === 0) {
      for (const n of component.nodes) boxes.push({ width: n.width, height: n.height, place: (dx, dy) => placedNodes.set(n.id, { x: dx, y: dy, width: n.width, height: n.height }) });
      continue;
    }
    const shape = componentLayout(component.nodes, component.edges);
    boxes.push({
      width: shape.width,
      height: shape.height,
      place: (dx, dy) => {
        component.nodes.forEach((n, i) => placedNodes.set(n.id, { x: dx + shape.nodes[i].x, y: dy + shape.nodes[i].y, width: n.width, height: n.height }));
        component.edges.forEach((e, i) => placedEdges.set(e.id, shape.edges[i].map((p) => ({ x: p.x + dx, y: p.y + dy }))));
      },
    });
  }
  return boxes;
}

/** A component's dagre layout in its own frame: node corners and edge points in input order, px. */
interface ComponentLayout {
  readonly nodes: readonly { x: number; y: number }[];
  readonly edges: readonly (readonly { x: number; y: number }[])[];
  readonly width: number;
  readonly height: number;
}

/**
 * Layouts of components by their shape: node sizes in order and edges as pairs of positions in
 * that order. dagre is deterministic and reads nothing but this shape (the ids it sees are the
 * positions), so two components with the same shape get the same drawing, and most components of
 * a decision graph are the same few supersede chains. Kept across renders (a filter or a search
 * lays out the same components again); at most {@link SHAPE_CACHE_SIZE} shapes.
 */
const shapeCache = new Map<string, ComponentLayout>();
const SHAPE_CACHE_SIZE = 2000;

/** Forgets every cached component layout (measurements of a first render: `bench/mapLayouts.ts`). */
export function clearLayoutCache(): void {
  shapeCache.clear();
}

function componentLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): ComponentLayout {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const pairs = edges.map((e) => [index.get(e.from) as number, index.get(e.to) as number]);
  const key = `${nodes.map((n) => `${n.width}x${n.height}`).join(',')}|${pairs.map(([a, b]) => `${a}>${b}`).join(',')}`;
  const cached = shapeCache.get(key);
  if (cached) return cached;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 56, edgesep: 8, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  nodes.forEach((n, i) => g.setNode(`n${i}`, { width: n.width, height: n.height }));
  pairs.forEach(([a, b], i) => g.setEdge(`n${a}`, `n${b}`, { width: 0, height: 0 }, `e${i}`));
  dagre.layout(g);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  nodes.forEach((n, i) => {
    const p = g.node(`n${i}`);
    minX = Math.min(minX, p.x - n.width / 2);
    minY = Math.min(minY, p.y - n.height / 2);
    maxX = Math.max(maxX, p.x + n.width / 2);
    maxY = Math.max(maxY, p.y + n.height / 2);
  });
  const layout: ComponentLayout = {
    nodes: nodes.map((n, i) => {
      const p = g.node(`n${i}`);
      return { x: p.x - n.width / 2 - minX, y: p.y - n.height / 2 - minY };
    }),
    edges: pairs.map(([a, b], i) => (g.edge({ v: `n${a}`, w: `n${b}`, name: `e${i}` }).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x - minX, y: p.y - minY }))),
    width: maxX - minX,
    height: maxY - minY,
  };
  if (shapeCache.size >= SHAPE_CACHE_SIZE) shapeCache.clear();
  shapeCache.set(key, layout);
  return layout;
}

function shelfPack(boxes: readonly Piece[], width: number): { width: number; height: number } {
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
