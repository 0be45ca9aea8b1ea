// The Decision Map's graph layout (src/webview/map/layout.ts, dagre) with cluster boxes, on the
// real records of ../shared/corpus read as one workspace (a cluster per decision folder or log,
// or per first tag): every node lies inside its cluster's box, boxes never overlap, no node lies
// inside a box it does not belong to, and a relation's missing target sits in its folder's box.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toPosix } from '../../src/cli/nodeWorkspace';
import { scanWorkspace } from '../../src/cli/scan';
import type { ClusterBy, DecisionGraph } from '../../src/core/graph';
import { buildGraph } from '../../src/core/graph';
import { relative } from '../../src/core/paths';
import type { Layout, PlacedNode } from '../../src/webview/map/layout';
import { drawnClusters } from '../../src/webview/map/graphView';
import { CLUSTER_HEADER, layoutGraph } from '../../src/webview/map/layout';

const CORPUS = toPosix(resolve(__dirname, '../../../shared/corpus'));

function inside(n: PlacedNode, box: PlacedNode): boolean {
  return n.x >= box.x && n.y >= box.y + CLUSTER_HEADER && n.x + n.width <= box.x + box.width && n.y + n.height <= box.y + box.height;
}

function overlap(a: PlacedNode, b: PlacedNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function layoutOf(graph: DecisionGraph, by: ClusterBy): { layout: Layout; clusters: ReturnType<typeof drawnClusters> } {
  const clusters = drawnClusters(graph, by);
  const layout = layoutGraph(
    graph.nodes.map((n) => ({ id: n.id, width: n.type === 'decision' ? 220 : 150, height: 44 })),
    graph.edges.map((e) => ({ id: e.id, from: e.from, to: e.to })),
    1600,
    clusters,
  );
  return { layout, clusters };
}

describe('Decision Map layout: cluster boxes', function () {
  this.timeout(120_000);
  let graph: DecisionGraph;

  before(async () => {
    const index = (await scanWorkspace({ root: CORPUS, prefixes: [] })).index;
    graph = buildGraph(index, { relativePath: (p) => relative(CORPUS, p), code: true });
  });

  for (const by of ['folder', 'tag'] as const) {
    it(`by ${by}: every node inside its own box, boxes apart, no stranger inside a box`, () => {
      const { layout, clusters } = layoutOf(graph, by);
      assert.ok(clusters.length >= (by === 'folder' ? 10 : 3), `${clusters.length} clusters by ${by}`);
      assert.equal(layout.clusters.length, clusters.length, 'one box per cluster');
      assert.equal(layout.nodes.size, graph.nodes.length, 'every node placed');
      const boxOf = new Map(layout.clusters.map((c) => [c.id, c]));
      for (const c of clusters) {
        const box = boxOf.get(c.id);
        assert.ok(box, `a box for ${c.id}`);
        assert.equal(box.label, c.label);
        for (const id of c.nodes) {
          const n = layout.nodes.get(id);
          assert.ok(n && inside(n, box), `${id} inside ${c.id}: node ${JSON.stringify(n)}, box ${JSON.stringify({ x: box.x, y: box.y, w: box.width, h: box.height })}`);
        }
      }
      for (let i = 0; i < layout.clusters.length; i++) {
        for (let j = i + 1; j < layout.clusters.length; j++) {
          assert.ok(!overlap(layout.clusters[i], layout.clusters[j]), `${layout.clusters[i].id} and ${layout.clusters[j].id} overlap`);
        }
      }
      for (const [id, n] of layout.nodes) {
        for (const box of layout.clusters) {
          if (box.nodes.includes(id)) continue;
          assert.ok(!overlap(n, box), `${id} lies in ${box.id}, which it is not in`);
        }
      }
      const all = [...layout.nodes.values()];
      for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) assert.ok(!overlap(all[i], all[j]), 'two nodes overlap');
      for (const box of layout.clusters) assert.ok(box.x + box.width <= layout.width + 0.5 && box.y + box.height <= layout.height + 0.5, `${box.id} within the drawing`);
    });
  }

  it('a missing target whose every neighbour is in one folder is drawn in that folder; edges between clusters are routed', async () => {
    // adr-tools' own records with 0005 removed: 0009 still "Amends [5. Help comments](0005-help-comments.md)".
    const dir = toPosix(mkdtempSync(join(tmpdir(), 'dl-layout-')));
    try {
      cpSync(join(CORPUS, 'adr-tools'), join(dir, 'adr-tools'), { recursive: true });
      cpSync(join(CORPUS, 'log4brains'), join(dir, 'log4brains'), { recursive: true });
      rmSync(join(dir, 'adr-tools/doc/adr/0005-help-comments.md'));
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src/main.ts'), '// ADR-0002: shell scripts\nexport const a = 1;\n');
      const index = (await scanWorkspace({ root: dir, prefixes: [] })).index;
      const g = buildGraph(index, { relativePath: (p) => relative(dir, p), code: true });
      const { layout } = layoutOf(g, 'folder');
      const missing = g.nodes.filter((n) => n.type === 'missing');
      assert.equal(missing.length, 1);
      const box = layout.clusters.find((c) => c.nodes.includes(missing[0].id));
      assert.equal(box?.label, 'adr-tools/doc/adr');
      assert.ok(inside(layout.nodes.get(missing[0].id) as PlacedNode, box));
      const code = g.nodes.find((n) => n.type === 'code');
      assert.ok(code && g.edges.some((e) => e.kind === 'cites'), 'the code layer has a folder and edges');
      assert.ok(!layout.clusters.some((c) => c.nodes.includes(code.id)), 'a code folder is in no box');
      for (const e of g.edges) assert.ok((layout.edges.get(e.id)?.length ?? 0) >= 2, `edge ${e.id} has a route`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without clusters: no boxes, the same nodes placed', () => {
    const layout = layoutGraph(graph.nodes.map((n) => ({ id: n.id, width: 220, height: 44 })), graph.edges.map((e) => ({ id: e.id, from: e.from, to: e.to })));
    assert.equal(layout.clusters.length, 0);
    assert.equal(layout.nodes.size, graph.nodes.length);
  });
});
