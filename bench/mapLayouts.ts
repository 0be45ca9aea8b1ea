/**
 * `npx tsx bench/mapLayouts.ts [DIR...]`: the Decision Map's layout candidates on real graphs:
 * @dagrejs/dagre (per connected component, shelf-packed: `src/webview/map/layout.ts`) against
 * elkjs `layered` on the whole graph (ELK packs the components itself). Prints, per tree, the
 * decisions and edges, the median wall time of 3 runs and the drawing's size and edge crossings.
 * Default trees: the benchmark's generated tree in /tmp/map-bench-repo (2,000 decisions) and
 * every project of ../shared/corpus.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { buildGraph } from '../src/core/graph';
import { relative } from '../src/core/paths';
import { scanWorkspace } from '../src/cli/scan';
import type { Layout, LayoutEdge, LayoutNode } from '../src/webview/map/layout';
import { clearLayoutCache, layoutGraph } from '../src/webview/map/layout';
import { toPosix } from '../src/cli/nodeWorkspace';

function crossings(layout: Layout): number {
  const segs: [number, number, number, number][] = [];
  for (const pts of layout.edges.values()) for (let i = 1; i < pts.length; i++) segs.push([pts[i - 1].x, pts[i - 1].y, pts[i].x, pts[i].y]);
  let n = 0;
  const ccw = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number => (cy - ay) * (bx - ax) - (by - ay) * (cx - ax);
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const [a, b, c, d] = segs[i];
      const [e, f, g, h] = segs[j];
      const d1 = ccw(a, b, c, d, e, f);
      const d2 = ccw(a, b, c, d, g, h);
      const d3 = ccw(e, f, g, h, a, b);
      const d4 = ccw(e, f, g, h, c, d);
      if (d1 * d2 < 0 && d3 * d4 < 0) n++;
    }
  }
  return n;
}

async function elkLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Promise<Layout> {
  const elk = new ELK();
  const input: ElkNode = {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.separateConnectedComponents': 'true', 'elk.aspectRatio': '1.6', 'elk.spacing.nodeNode': '16' },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const out: ElkNode = await elk.layout(input);
  const placed = new Map((out.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 }]));
  const routed = new Map(
    ((out.edges ?? []) as ElkExtendedEdge[]).map((e) => {
      const s = e.sections?.[0];
      return [e.id, s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : []];
    }),
  );
  return { nodes: placed, edges: routed, clusters: [], width: out.width ?? 0, height: out.height ?? 0 };
}

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[1], result };
}

async function main(): Promise<void> {
  let dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    const corpus = resolve(__dirname, '../../shared/corpus');
    dirs = [...(existsSync('/tmp/map-bench-repo') ? ['/tmp/map-bench-repo'] : []), ...readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(corpus, d.name))];
  }
  console.log('| tree | decisions | edges | dagre ms | dagre size | dagre crossings | elk ms | elk size | elk crossings |');
  console.log('|---|---:|---:|---:|---|---:|---:|---|---:|');
  for (const dir of dirs) {
    const root = toPosix(resolve(dir));
    const scan = await scanWorkspace({ root, prefixes: [] });
    const graph = buildGraph(scan.index, { relativePath: (p) => relative(root, p) });
    const nodes = graph.nodes.map((n) => ({ id: n.id, width: 220, height: 44 }));
    const edges = graph.edges.map((e) => ({ id: e.id, from: e.from, to: e.to }));
    // Each run as a first render: no component layout cached from the run before.
    const dagre = await time(() => {
      clearLayoutCache();
      return layoutGraph(nodes, edges, 1600);
    });
    const elk = await time(() => elkLayout(nodes, edges));
    const size = (l: Layout): string => `${Math.round(l.width)}×${Math.round(l.height)}`;
    console.log(`| ${dir.split('/').pop()} | ${nodes.length} | ${edges.length} | ${dagre.ms.toFixed(0)} | ${size(dagre.result)} | ${crossings(dagre.result)} | ${elk.ms.toFixed(0)} | ${size(elk.result)} | ${crossings(elk.result)} |`);
  }
}

void main();
