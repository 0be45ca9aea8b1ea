/**
 * The Decision Map's model: a graph built from a {@link DecisionIndex}, shared by the map panel,
 * `decision-lens graph` and `decision-lens export --html`.
 *
 * - A node per decision (key, display id, title, status kind and word as written, dimmed when
 *   superseded, deprecated, rejected or not implemented, or when another record supersedes it;
 *   folder or log, tags, date).
 * - Directed, labelled edges, one per relation whichever record states it: `A supersedes B` and
 *   `B superseded by A` are one edge `A -> B` (`supersedes`); likewise `amends`, `clarifies`,
 *   `relates-to`. A relation whose target resolves to no record is an edge to a `missing` node
 *   named by the reference as written.
 * - Clusters by folder / log or by first tag.
 * - An optional code layer: one node per top-level code folder (`src`, `services`, `.` for the
 *   root's own files) with an edge to each decision it cites, weight = number of citations.
 * - Timeline lanes by folder, tag or status, decisions in date order, undated ones in their own lane.
 *
 * Pure: no `vscode`, no Node built-ins. Paths in the graph are what `relativePath` makes of the
 * index's absolute POSIX paths (default: unchanged).
 */
import type { DecisionIndex, IndexedDecision } from './index';
import type { DecisionRef, RelationKind, StatusKind } from './model';

/** The four edge kinds between records, stated direction (`supersedes`, never `superseded-by`). */
export type RelationEdgeKind = 'supersedes' | 'amends' | 'clarifies' | 'relates-to';

/** Statuses shown dimmed: the decision no longer holds. */
export const DIMMED_STATUSES: ReadonlySet<StatusKind> = new Set<StatusKind>(['superseded', 'deprecated', 'rejected', 'not-implemented']);

/** Every status kind, in the order the map's filter lists them. */
export const STATUS_ORDER: readonly StatusKind[] = ['proposed', 'draft', 'accepted', 'on-hold', 'superseded', 'deprecated', 'rejected', 'not-implemented', 'unknown'];

/** One decision record on the map. */
export interface DecisionNode {
  readonly type: 'decision';
  /** Stable id: the record's relative path and the 0-based line its entry starts on (`docs/adr/0005-x.md#0`). */
  readonly id: string;
  /** Index key without padding: `ADR-5`. */
  readonly key: string;
  /** Shown id: `ADR-0005`. */
  readonly display: string;
  readonly title: string;
  readonly status: StatusKind;
  /** The status as written (`Accepted (by consensus)`), `''` when the record states none. */
  readonly statusText: string;
  /** Superseded, deprecated, rejected or not implemented, or superseded by another record whatever status it states. */
  readonly dimmed: boolean;
  /** Relative path of the folder or decision log it is in (`docs/adr`, `DECISIONS.md`). */
  readonly folder: string;
  readonly folderKind: 'folder' | 'log';
  /** Relative path of the record's file. */
  readonly path: string;
  /** 0-based line the record (or log entry) starts on. */
  readonly line: number;
  readonly tags: readonly string[];
  /** `YYYY-MM-DD` when the record's date reads as one; absent otherwise. */
  readonly date?: string;
  readonly decisionMakers: readonly string[];
  /** The decision (or chosen option, or context) as Markdown text, at most {@link SUMMARY_LENGTH} characters. */
  readonly summary?: string;
  /** Citations of the decision outside decision records. */
  readonly citations: number;
  /** Provenance and drift from git as plain text lines marked "(git)" (the editor adds them); absent without git. */
  readonly history?: readonly string[];
}

/** A relation's target that names no record: shown as missing. */
export interface MissingNode {
  readonly type: 'missing';
  /** `missing:` and the reference as written. */
  readonly id: string;
  /** The target's name: its id (`ADR-42`; a bare number gets the stating record's prefix), path or title. */
  readonly display: string;
  /** The reference as written in the record (`[5. Help comments](0005-help-comments.md)`). */
  readonly text: string;
}

/** A top-level code folder of the optional code layer. */
export interface CodeNode {
  readonly type: 'code';
  /** `code:` and the folder (`code:src`, `code:.`). */
  readonly id: string;
  /** The folder relative to the root, `.` for files at the root. */
  readonly folder: string;
}

export type GraphNode = DecisionNode | MissingNode | CodeNode;

/** A directed edge. */
export interface GraphEdge {
  /** `from`, kind and `to`, unique in a graph. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** Relation kinds in their stated direction, or `cites` (code folder -> decision). */
  readonly kind: RelationEdgeKind | 'cites';
  /** Label shown on the edge: `supersedes`, `amends`, `clarifies`, the verb of other links (`Refined by`), `3 citations`. */
  readonly label: string;
  /** For `cites`: number of citations from the folder. 1 for relations. */
  readonly weight: number;
}

/** A group of decision nodes drawn together. */
export interface Cluster {
  /** `folder:<path>` or `tag:<tag>`, `tag:` for untagged ones. */
  readonly id: string;
  readonly label: string;
  readonly nodes: readonly string[];
}

/** One lane of the timeline. */
export interface Lane {
  readonly id: string;
  readonly label: string;
  /** Dated decisions of the lane, oldest first (ties by display id). */
  readonly nodes: readonly string[];
}

/** How the timeline's lanes are formed. */
export type LaneBy = 'folder' | 'tag' | 'status';
/** How the graph's clusters are formed. */
export type ClusterBy = 'folder' | 'tag' | 'none';

/** The map: nodes, edges, clusters and timeline lanes. */
export interface DecisionGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly clusters: readonly Cluster[];
  /** Timeline lanes of the dated decisions, in label order. */
  readonly lanes: readonly Lane[];
  /** Decisions without a readable date (the timeline's last lane), in display order. */
  readonly undated: readonly string[];
}

/** Options of {@link buildGraph}. */
export interface GraphOptions {
  /** Makes an index path relative for display (default: unchanged). */
  readonly relativePath?: (path: string) => string;
  readonly clusterBy?: ClusterBy;
  readonly laneBy?: LaneBy;
  /** Adds the code layer (default false). */
  readonly code?: boolean;
}

/** Longest summary kept on a node, in UTF-16 code units (the hover card's length). */
export const SUMMARY_LENGTH = 400;

const FORWARD: Readonly<Record<RelationKind, { kind: RelationEdgeKind; reverse: boolean }>> = {
  supersedes: { kind: 'supersedes', reverse: false },
  'superseded-by': { kind: 'supersedes', reverse: true },
  amends: { kind: 'amends', reverse: false },
  'amended-by': { kind: 'amends', reverse: true },
  clarifies: { kind: 'clarifies', reverse: false },
  'clarified-by': { kind: 'clarifies', reverse: true },
  'relates-to': { kind: 'relates-to', reverse: false },
};

/** The stable id of a decision's node for a relative path: `path#line`. */
export function nodeId(relativePath: string, line: number): string {
  return `${relativePath}#${line}`;
}

/**
 * Builds the map of every decision in an index.
 * @returns nodes in index order (decisions by path, then missing targets, then code folders),
 *   edges deduplicated, clusters and lanes sorted by label.
 */
export function buildGraph(index: DecisionIndex, options: GraphOptions = {}): DecisionGraph {
  const rel = options.relativePath ?? ((p: string) => p);
  const decisions = index.decisions();
  const ids = new Map<IndexedDecision, string>();
  const nodes: GraphNode[] = [];
  for (const d of decisions) {
    const node = decisionNode(index, d, rel);
    ids.set(d, node.id);
    nodes.push(node);
  }
  const edges = new Map<string, GraphEdge>();
  const missing = new Map<string, MissingNode>();
  for (const d of decisions) {
    const self = ids.get(d) as string;
    for (const relation of d.relations) {
      const forward = FORWARD[relation.kind];
      const target = index.resolveRef(relation.target, d);
      let other: string;
      if (target) {
        if (target === d) continue;
        other = ids.get(target) as string;
      } else {
        const name = refName(relation.target, d.prefix);
        other = `missing:${name}`;
        if (!missing.has(other)) missing.set(other, { type: 'missing', id: other, display: name, text: relation.target.text.trim() });
      }
      let from = forward.reverse ? other : self;
      let to = forward.reverse ? self : other;
      if (forward.kind === 'relates-to' && from > to && !to.startsWith('missing:')) [from, to] = [to, from];
      const id = `${from} ${forward.kind} ${to}`;
      if (edges.has(id)) continue;
      const label = forward.kind === 'relates-to' ? relation.verb.trim().toLowerCase() || 'relates to' : forward.kind;
      edges.set(id, { id, from, to, kind: forward.kind, label, weight: 1 });
    }
  }
  nodes.push(...[...missing.values()].sort((a, b) => compare(a.id, b.id)));
  if (options.code === true) {
    const code = new Map<string, CodeNode>();
    for (const d of decisions) {
      const counts = new Map<string, number>();
      for (const c of index.citationsOf(d)) {
        const path = rel(c.path);
        const slash = path.indexOf('/');
        const folder = slash <= 0 ? '.' : path.slice(0, slash);
        counts.set(folder, (counts.get(folder) ?? 0) + 1);
      }
      for (const [folder, count] of counts) {
        const id = `code:${folder}`;
        if (!code.has(id)) code.set(id, { type: 'code', id, folder });
        const edge = `${id} cites ${ids.get(d) as string}`;
        edges.set(edge, { id: edge, from: id, to: ids.get(d) as string, kind: 'cites', label: count === 1 ? '1 citation' : `${count} citations`, weight: count });
      }
    }
    nodes.push(...[...code.values()].sort((a, b) => compare(a.id, b.id)));
  }
  const decisionNodes = nodes.filter((n): n is DecisionNode => n.type === 'decision');
  return {
    nodes,
    edges: [...edges.values()],
    clusters: clustersOf(decisionNodes, options.clusterBy ?? 'folder'),
    ...lanesOf(decisionNodes, options.laneBy ?? 'folder'),
  };
}

function decisionNode(index: DecisionIndex, d: IndexedDecision, rel: (path: string) => string): DecisionNode {
  const summary = d.sections.decision ?? d.sections.chosenOption ?? d.sections.context;
  const date = d.date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d.date) ? d.date : undefined;
  return {
    type: 'decision',
    id: nodeId(rel(d.path), d.range.start.line),
    key: d.key,
    display: d.display,
    title: d.title,
    status: d.status.kind,
    statusText: d.status.text,
    // A record another one supersedes no longer holds, whatever status it still states.
    dimmed: DIMMED_STATUSES.has(d.status.kind) || index.successorOf(d) !== undefined,
    folder: rel(d.folder.path) || '.',
    folderKind: d.folder.kind,
    path: rel(d.path),
    line: d.range.start.line,
    tags: [...d.tags],
    ...(date !== undefined ? { date } : {}),
    decisionMakers: [...d.decisionMakers],
    ...(summary !== undefined && summary.trim() !== '' ? { summary: cut(summary.trim(), SUMMARY_LENGTH) } : {}),
    citations: index.citationsOf(d).length,
  };
}

/**
 * A missing target's name: its id (a bare number with the stating record's prefix: `5` in an ADR
 * folder is `ADR-5`), else its path, else its title, else the text as written.
 */
function refName(ref: DecisionRef, prefix: string): string {
  if (ref.id !== undefined && /^\d+$/.test(ref.id.trim())) return `${prefix}-${Number(ref.id.trim())}`;
  const name = ref.id ?? ref.path ?? ref.title ?? ref.text;
  return name.trim() === '' ? ref.text.trim() || '?' : name.trim();
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + '…';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byDisplay(a: DecisionNode, b: DecisionNode): number {
  return a.display.localeCompare(b.display, 'en', { numeric: true }) || compare(a.id, b.id);
}

/**
 * The clusters of a graph's decisions: one per folder or decision log (`folder`), one per first
 * tag, compared without case, untagged decisions in `tag:` labelled `(no tag)` (`tag`), or none;
 * sorted by label. Missing and code nodes are in no cluster.
 */
export function graphClusters(graph: Pick<DecisionGraph, 'nodes'>, by: ClusterBy): Cluster[] {
  return clustersOf(graph.nodes.filter((n): n is DecisionNode => n.type === 'decision'), by);
}

function clustersOf(nodes: readonly DecisionNode[], by: ClusterBy): Cluster[] {
  if (by === 'none') return [];
  const groups = new Map<string, { label: string; nodes: string[] }>();
  for (const n of nodes) {
    const tag = n.tags[0]?.toLowerCase() ?? '';
    const id = by === 'folder' ? `folder:${n.folder}` : `tag:${tag}`;
    const label = by === 'folder' ? n.folder : (n.tags[0] ?? '(no tag)');
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { label, nodes: [] }));
    group.nodes.push(n.id);
  }
  return [...groups.entries()].map(([id, g]) => ({ id, label: g.label, nodes: g.nodes })).sort((a, b) => compare(a.label, b.label));
}

/**
 * The timeline's lanes of a graph's decisions: one per folder, first tag or status (statuses in
 * {@link STATUS_ORDER}, others by label), each oldest first; undated decisions in display order.
 */
export function timelineLanes(graph: Pick<DecisionGraph, 'nodes'>, by: LaneBy): { lanes: Lane[]; undated: string[] } {
  return lanesOf(graph.nodes.filter((n): n is DecisionNode => n.type === 'decision'), by);
}

function lanesOf(nodes: readonly DecisionNode[], by: LaneBy): { lanes: Lane[]; undated: string[] } {
  const lanes = new Map<string, { label: string; nodes: DecisionNode[] }>();
  const undated: DecisionNode[] = [];
  for (const n of nodes) {
    if (n.date === undefined) {
      undated.push(n);
      continue;
    }
    const label = by === 'folder' ? n.folder : by === 'status' ? n.status : (n.tags[0] ?? '(no tag)');
    const id = `${by}:${label.toLowerCase()}`;
    let lane = lanes.get(id);
    if (!lane) lanes.set(id, (lane = { label, nodes: [] }));
    lane.nodes.push(n);
  }
  const order = (l: string): number => (by === 'status' ? STATUS_ORDER.indexOf(l as StatusKind) : 0);
  return {
    lanes: [...lanes.entries()]
      .map(([id, l]) => ({ id, label: l.label, nodes: l.nodes.sort((a, b) => compare(a.date ?? '', b.date ?? '') || byDisplay(a, b)).map((n) => n.id) }))
      .sort((a, b) => order(a.label) - order(b.label) || compare(a.label, b.label)),
    undated: undated.sort(byDisplay).map((n) => n.id),
  };
}

/** What {@link filterGraph} keeps. Empty or absent lists keep everything. */
export interface GraphFilter {
  readonly statuses?: readonly StatusKind[];
  /** Tags (any of them, case-insensitive). */
  readonly tags?: readonly string[];
  /** Folder or log paths as in {@link DecisionNode.folder}. */
  readonly folders?: readonly string[];
  /** Case-insensitive text in the display id, key, title, tags or decision makers. */
  readonly text?: string;
  /** Keep only the neighbourhood of this node id, `hops` edges away in either direction. */
  readonly focus?: string;
  /** 1 to 3 (clamped); default 1. */
  readonly hops?: number;
}

/**
 * Keeps the decisions a filter selects, the edges among them, and the missing and code nodes
 * that still have an edge. Clusters and lanes keep only the nodes left (empty ones are dropped).
 * With `focus`, the neighbourhood is taken in the filtered graph (the focused node always stays).
 * Runs in O(nodes + edges).
 */
export function filterGraph(graph: DecisionGraph, filter: GraphFilter): DecisionGraph {
  const statuses = filter.statuses && filter.statuses.length > 0 ? new Set(filter.statuses) : undefined;
  const tags = filter.tags && filter.tags.length > 0 ? new Set(filter.tags.map((t) => t.toLowerCase())) : undefined;
  const folders = filter.folders && filter.folders.length > 0 ? new Set(filter.folders) : undefined;
  const text = filter.text?.trim().toLowerCase() ?? '';
  const keep = new Set<string>();
  for (const n of graph.nodes) {
    if (n.type !== 'decision') continue;
    if (n.id === filter.focus) {
      keep.add(n.id);
      continue;
    }
    if (statuses && !statuses.has(n.status)) continue;
    if (tags && !n.tags.some((t) => tags.has(t.toLowerCase()))) continue;
    if (folders && !folders.has(n.folder)) continue;
    if (text !== '' && ![n.display, n.key, n.title, ...n.tags, ...n.decisionMakers].some((s) => s.toLowerCase().includes(text))) continue;
    keep.add(n.id);
  }
  // Missing and code nodes stay when an edge joins them to a kept decision.
  let edges = graph.edges.filter((e) => (keep.has(e.from) || isSatellite(e.from)) && (keep.has(e.to) || isSatellite(e.to)) && (keep.has(e.from) || keep.has(e.to)));
  if (filter.focus !== undefined && keep.has(filter.focus)) {
    const hops = Math.min(3, Math.max(1, Math.floor(filter.hops ?? 1)));
    const near = neighbourhood(filter.focus, edges, hops);
    edges = edges.filter((e) => near.has(e.from) && near.has(e.to));
    for (const id of [...keep]) if (!near.has(id)) keep.delete(id);
  }
  const linked = new Set<string>();
  for (const e of edges) {
    linked.add(e.from);
    linked.add(e.to);
  }
  const nodes = graph.nodes.filter((n) => (n.type === 'decision' ? keep.has(n.id) : linked.has(n.id)));
  return {
    nodes,
    edges,
    clusters: graph.clusters.map((c) => ({ ...c, nodes: c.nodes.filter((id) => keep.has(id)) })).filter((c) => c.nodes.length > 0),
    lanes: graph.lanes.map((l) => ({ ...l, nodes: l.nodes.filter((id) => keep.has(id)) })).filter((l) => l.nodes.length > 0),
    undated: graph.undated.filter((id) => keep.has(id)),
  };
}

function isSatellite(id: string): boolean {
  return id.startsWith('missing:') || id.startsWith('code:');
}

/** Node ids at most `hops` edges from `start`, edges taken in either direction. */
export function neighbourhood(start: string, edges: readonly GraphEdge[], hops: number): Set<string> {
  const adjacent = new Map<string, string[]>();
  for (const e of edges) {
    (adjacent.get(e.from) ?? adjacent.set(e.from, []).get(e.from))?.push(e.to);
    (adjacent.get(e.to) ?? adjacent.set(e.to, []).get(e.to))?.push(e.from);
  }
  const seen = new Set<string>([start]);
  let frontier = [start];
  for (let i = 0; i < hops && frontier.length > 0; i++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of adjacent.get(id) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  return seen;
}

/** Every tag of the graph's decisions (first spelling seen), sorted case-insensitively. */
export function graphTags(graph: DecisionGraph): string[] {
  const tags = new Map<string, string>();
  for (const n of graph.nodes) if (n.type === 'decision') for (const t of n.tags) if (!tags.has(t.toLowerCase())) tags.set(t.toLowerCase(), t);
  return [...tags.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}
