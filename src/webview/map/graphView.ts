/**
 * What the map draws: the whole graph with the view's filter applied, the code layer only when
 * it is switched on.
 */
import type { DecisionGraph, GraphFilter } from '../../core/graph';
import { STATUS_ORDER, filterGraph, graphTags } from '../../core/graph';

/** The graph to draw: `graph` filtered (see `filterGraph`), without code folders unless `code`. */
export function buildGraphView(graph: DecisionGraph, filter: GraphFilter, code: boolean): DecisionGraph {
  const base = code ? graph : { ...graph, nodes: graph.nodes.filter((n) => n.type !== 'code'), edges: graph.edges.filter((e) => e.kind !== 'cites') };
  return filterGraph(base, filter);
}

export { STATUS_ORDER, graphTags };
