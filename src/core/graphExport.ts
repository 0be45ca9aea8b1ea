/**
 * The Decision Map as text: a Mermaid flowchart (to paste into a README or a pull request, which
 * GitHub and GitLab render), a Graphviz DOT digraph (`dot -Tsvg`), and JSON that follows
 * `docs/graph.schema.json`.
 *
 * Record text never becomes markup: Mermaid labels are quoted strings with every character that
 * Mermaid or its HTML labels read specially written as a numeric entity code (`#34;`, `#60;`, `#35;`);
 * DOT labels are quoted strings with `"` and `\` escaped and line breaks removed.
 *
 * Sources of the formats: Mermaid flowchart syntax, https://mermaid.js.org/syntax/flowchart.html
 * ("Entity codes to escape characters", "Subgraphs", "classDef"); DOT language,
 * https://graphviz.org/doc/info/lang.html (quoted IDs: only `\"` is an escape; `\` before other
 * characters is kept, but in labels `\n`, `\l`, `\N`... are escString sequences, so `\` is doubled).
 */
import type { DecisionGraph, DecisionNode, GraphNode } from './graph';

/** Version of the JSON export's shape (`docs/graph.schema.json`). */
export const GRAPH_JSON_VERSION = 1;

/** The label of a node: `ADR-0005: Title`, `ADR-0042 (missing)`, `src (code)`. */
export function nodeLabel(n: GraphNode): string {
  if (n.type === 'decision') return n.title !== '' ? `${n.display}: ${n.title}` : n.display;
  if (n.type === 'missing') return `${n.display} (missing)`;
  return `${n.folder} (code)`;
}

/**
 * Mermaid entity codes for a quoted label: `"`, `#` (an entity's start), `<`, `>`, `&` (HTML labels),
 * `` ` `` (Markdown strings), `\` (`\n` would break the line), `%` (`%%` starts a comment or directive)
 * and `:` (mermaid drops the last `;` of a line matching `classDef.*:\S*#.*;` or `style.*:\S*#.*;`
 * before it parses, so a title `classDef x fill:#f00` would lose a character).
 */
function mermaidText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const oneLine = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  return oneLine.replace(/[#"<>&`\\%:]/g, (c) => `#${c.codePointAt(0)};`);
}

/**
 * The graph as a Mermaid flowchart (`flowchart LR`): one subgraph per cluster, dimmed decisions in
 * class `dimmed`, missing targets in class `missing` (dashed), code folders in class `code`;
 * `A -->|supersedes| B`, `code -.->|3 citations| decision`.
 * @returns the text, ending with a line break.
 */
export function toMermaid(graph: DecisionGraph): string {
  const short = new Map<string, string>();
  graph.nodes.forEach((n, i) => short.set(n.id, `n${i}`));
  const lines = ['flowchart LR'];
  const shape = (n: GraphNode): string => {
    const label = `"${mermaidText(nodeLabel(n))}"`;
    if (n.type === 'missing') return `${short.get(n.id)}[/${label}/]`;
    if (n.type === 'code') return `${short.get(n.id)}[(${label})]`;
    return `${short.get(n.id)}[${label}]`;
  };
  const clustered = new Set<string>();
  graph.clusters.forEach((c, i) => {
    lines.push(`  subgraph c${i}["${mermaidText(c.label)}"]`);
    for (const id of c.nodes) {
      const n = graph.nodes.find((x) => x.id === id);
      if (!n) continue;
      clustered.add(id);
      lines.push(`    ${shape(n)}`);
    }
    lines.push('  end');
  });
  for (const n of graph.nodes) if (!clustered.has(n.id)) lines.push(`  ${shape(n)}`);
  for (const e of graph.edges) {
    const from = short.get(e.from);
    const to = short.get(e.to);
    if (from === undefined || to === undefined) continue;
    const arrow = e.kind === 'cites' ? '-.->' : e.kind === 'relates-to' ? '---' : '-->';
    lines.push(`  ${from} ${arrow}|"${mermaidText(e.label)}"| ${to}`);
  }
  const dimmed = graph.nodes.filter((n): n is DecisionNode => n.type === 'decision' && n.dimmed).map((n) => short.get(n.id));
  const missing = graph.nodes.filter((n) => n.type === 'missing').map((n) => short.get(n.id));
  const code = graph.nodes.filter((n) => n.type === 'code').map((n) => short.get(n.id));
  lines.push('  classDef dimmed opacity:0.55,stroke-dasharray:2 2');
  lines.push('  classDef missing stroke-dasharray:5 5,fill:none');
  lines.push('  classDef code fill:none');
  if (dimmed.length > 0) lines.push(`  class ${dimmed.join(',')} dimmed`);
  if (missing.length > 0) lines.push(`  class ${missing.join(',')} missing`);
  if (code.length > 0) lines.push(`  class ${code.join(',')} code`);
  return lines.join('\n') + '\n';
}

/** A DOT quoted string. */
function dotString(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const oneLine = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${oneLine.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The graph as a Graphviz digraph (`rankdir=LR`): `subgraph cluster_N` per cluster, dimmed
 * decisions grey and dashed, missing targets as dashed notes, code folders as folders, edge
 * `penwidth` growing with the citation count.
 * @returns the text, ending with a line break.
 */
export function toDot(graph: DecisionGraph): string {
  const lines = ['digraph decisions {', '  rankdir=LR;', '  node [shape=box, style="rounded", fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  const attrs = (n: GraphNode): string => {
    const base = `label=${dotString(nodeLabel(n))}`;
    if (n.type === 'missing') return `${base}, shape=note, style=dashed`;
    if (n.type === 'code') return `${base}, shape=folder`;
    const tooltip = `tooltip=${dotString(`${n.display} · ${n.statusText || n.status}`)}`;
    return n.dimmed ? `${base}, ${tooltip}, style="rounded,dashed", fontcolor=gray40, color=gray50` : `${base}, ${tooltip}`;
  };
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const clustered = new Set<string>();
  graph.clusters.forEach((c, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${dotString(c.label)};`);
    for (const id of c.nodes) {
      const n = byId.get(id);
      if (!n) continue;
      clustered.add(id);
      lines.push(`    ${dotString(n.id)} [${attrs(n)}];`);
    }
    lines.push('  }');
  });
  for (const n of graph.nodes) if (!clustered.has(n.id)) lines.push(`  ${dotString(n.id)} [${attrs(n)}];`);
  for (const e of graph.edges) {
    if (!byId.has(e.from) || !byId.has(e.to)) continue;
    const extra = e.kind === 'cites' ? `, style=dotted, penwidth=${Math.min(6, 1 + Math.log2(e.weight)).toFixed(2)}` : e.kind === 'relates-to' ? ', dir=none' : '';
    lines.push(`  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(e.label)}${extra}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** The JSON export (see `docs/graph.schema.json`). */
export interface GraphJson extends DecisionGraph {
  readonly version: typeof GRAPH_JSON_VERSION;
}

/** The graph as the JSON object `docs/graph.schema.json` describes. */
export function toGraphJson(graph: DecisionGraph): GraphJson {
  return { version: GRAPH_JSON_VERSION, nodes: graph.nodes, edges: graph.edges, clusters: graph.clusters, lanes: graph.lanes, undated: graph.undated };
}
