/**
 * What the map draws: the whole graph with the view's filter applied, the code layer only when
 * it is switched on.
 */
import type { Cluster, ClusterBy, DecisionGraph, GraphFilter } from '../../core/graph';
import { STATUS_ORDER, filterGraph, graphClusters, graphTags } from '../../core/graph';

/** The graph to draw: `graph` filtered (see `filterGraph`), without code folders unless `code`. */
export function buildGraphView(graph: DecisionGraph, filter: GraphFilter, code: boolean): DecisionGraph {
  const base = code ? graph : { ...graph, nodes: graph.nodes.filter((n) => n.type !== 'code'), edges: graph.edges.filter((e) => e.kind !== 'cites') };
  return filterGraph(base, filter);
}

/**
 * The boxes the graph mode draws: {@link graphClusters} of the drawn decisions (by folder or log,
 * or by first tag; none for `none`), and each missing node (a relation's target that names no
 * record) in the cluster of the decisions that point to it when they are all in one. Code folders
 * stay outside every box.
 */
export function drawnClusters(view: DecisionGraph, by: ClusterBy): Cluster[] {
  const clusters = graphClusters(view, by);
  if (clusters.length === 0) return clusters;
  const clusterOf = new Map<string, number>();
  clusters.forEach((c, i) => c.nodes.forEach((id) => clusterOf.set(id, i)));
  const missing = new Set(view.nodes.filter((n) => n.type === 'missing').map((n) => n.id));
  const from = new Map<string, Set<number | undefined>>();
  for (const e of view.edges) {
    for (const [m, other] of [[e.to, e.from], [e.from, e.to]]) {
      if (!missing.has(m)) continue;
      let set = from.get(m);
      if (!set) from.set(m, (set = new Set()));
      set.add(clusterOf.get(other));
    }
  }
  const extra = clusters.map((): string[] => []);
  for (const [m, set] of from) {
    const [only] = [...set];
    if (set.size === 1 && only !== undefined) extra[only].push(m);
  }
  return clusters.map((c, i) => (extra[i].length > 0 ? { ...c, nodes: [...c.nodes, ...extra[i]] } : c));
}

export { STATUS_ORDER, graphTags };
