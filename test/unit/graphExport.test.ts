// The map's exports read by real parsers: DOT by Graphviz (@hpcc-js/wasm-graphviz), Mermaid by
// mermaid's own parser and renderer in Chromium, JSON validated with ajv against
// docs/graph.schema.json. On ../shared/corpus and on records whose titles hold every character
// these languages read specially (quotes, brackets, `-->`, `end`, `#`, backticks, HTML, `\`).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { toPosix } from '../../src/cli/nodeWorkspace';
import { scanWorkspace } from '../../src/cli/scan';
import type { DecisionGraph, DecisionNode } from '../../src/core/graph';
import { buildGraph } from '../../src/core/graph';
import { nodeLabel, toDot, toGraphJson, toMermaid } from '../../src/core/graphExport';
import { relative } from '../../src/core/paths';
import { CHROMIUM_ARGS } from '../harness/codeServer';

const CORPUS = toPosix(resolve(__dirname, '../../../shared/corpus'));
const REPO = resolve(__dirname, '../..');

const HOSTILE_TITLES = [
  'Use "quotes" and <script>alert(1)</script>',
  'A --> B; end',
  'subgraph x',
  'Back\\slash \\n and \\" escapes',
  '#35; entity #quot; codes & ampersands',
  'Markdown `code` **bold** _em_',
  '[brackets] {braces} (parens) |pipes| ((circle)) >flag]',
  'classDef x fill:#f00',
  '%%{init: {"theme":"dark"}}%% directive',
];

async function graphOf(root: string, code = false): Promise<DecisionGraph> {
  const { index } = await scanWorkspace({ root, prefixes: [] });
  return buildGraph(index, { relativePath: (p) => relative(root, p), code });
}

describe('Decision Map exports, read by real parsers', function () {
  this.timeout(180_000);
  let dir: string;
  let corpus: DecisionGraph;
  let hostile: DecisionGraph;
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    dir = toPosix(mkdtempSync(join(tmpdir(), 'dl-export-')));
    mkdirSync(join(dir, 'doc/adr'), { recursive: true });
    writeFileSync(join(dir, '.adr-dir'), 'doc/adr\n');
    HOSTILE_TITLES.forEach((title, i) => {
      const n = String(i + 1).padStart(4, '0');
      const status = i === 1 ? 'Superseded by [1. x](0001-x.md)' : i === 0 ? 'Accepted\n\nSupersedes [2. x](0002-x.md)\n\nAmends [42. Gone](0042-gone.md)' : 'Proposed';
      writeFileSync(join(dir, `doc/adr/${n}-x.md`), `# ${i + 1}. ${title}\n\nDate: 2024-01-0${(i % 9) + 1}\n\n## Status\n\n${status}\n\n## Context\n\nx\n`);
    });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/a.ts'), '// ADR-0001\n// ADR-0003\n');
    corpus = await graphOf(CORPUS, true);
    hostile = await graphOf(dir, true);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body></body></html>');
    await page.addScriptTag({ path: join(REPO, 'node_modules/mermaid/dist/mermaid.min.js') });
    await page.evaluate(() => (window as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the hostile fixture has every title, a supersede, a missing target and a code folder', () => {
    const titles = hostile.nodes.filter((n): n is DecisionNode => n.type === 'decision').map((n) => n.title);
    assert.equal(titles.length, HOSTILE_TITLES.length);
    assert.ok(titles.includes('Use "quotes" and <script>alert(1)</script>'));
    assert.ok(hostile.edges.some((e) => e.kind === 'supersedes'));
    assert.ok(hostile.nodes.some((n) => n.type === 'missing'));
    assert.ok(hostile.nodes.some((n) => n.type === 'code'));
  });

  /** Parses and renders Mermaid text in Chromium; returns the SVG's text and whether it has a script or foreign HTML element. */
  async function mermaid(text: string): Promise<{ ok: true; labels: string; script: boolean; nodes: number } | { ok: false; error: string }> {
    return page.evaluate(async (source) => {
      const m = (window as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      try {
        await m.parse(source);
        const { svg } = await m.render(`g${Math.random().toString(36).slice(2)}`, source);
        const doc = new DOMParser().parseFromString(svg, 'text/html');
        return { ok: true as const, labels: doc.body.textContent ?? '', script: doc.querySelector('script, iframe, img') !== null, nodes: doc.querySelectorAll('g.node').length };
      } catch (error) {
        return { ok: false as const, error: String(error) };
      }
    }, text);
  }

  it('Mermaid: mermaid parses and renders the corpus map, one shape per node', async () => {
    const text = toMermaid(corpus);
    const result = await mermaid(text);
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.nodes, corpus.nodes.length);
  });

  it('Mermaid: each hostile title alone renders its node', async () => {
    for (const n of hostile.nodes) {
      const one: DecisionGraph = { nodes: [n], edges: [], clusters: [], lanes: [], undated: [] };
      const result = await mermaid(toMermaid(one));
      assert.ok(result.ok && result.nodes === 1 && result.labels.includes(nodeLabel(n)), `${nodeLabel(n)}: ${JSON.stringify(result)}\n${toMermaid(one)}`);
    }
  });

  it('Mermaid: hostile titles stay text (no script, every title shown as written)', async () => {
    const result = await mermaid(toMermaid(hostile));
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.script, false);
    assert.equal(result.nodes, hostile.nodes.length);
    for (const n of hostile.nodes) assert.ok(result.labels.includes(nodeLabel(n)), `label "${nodeLabel(n)}" in ${result.labels.slice(0, 400)}`);
  });

  it('DOT: Graphviz lays out the corpus map and the hostile one, with every label as written', async () => {
    const graphviz = await Graphviz.load();
    for (const graph of [corpus, hostile]) {
      const svg = graphviz.dot(toDot(graph));
      assert.match(svg, /<svg/);
      const nodes = [...svg.matchAll(/<g id="node\d+" class="node">/g)].length;
      assert.equal(nodes, graph.nodes.length);
      const edges = [...svg.matchAll(/<g id="edge\d+" class="edge">/g)].length;
      assert.equal(edges, graph.edges.length);
      const clusters = [...svg.matchAll(/<g id="clust\d+" class="cluster">/g)].length;
      assert.equal(clusters, graph.clusters.length);
    }
    const svg = graphviz.dot(toDot(hostile));
    const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#45;/g, '-').replace(/&amp;/g, '&');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
    for (const n of hostile.nodes) assert.ok(texts.includes(nodeLabel(n)), `"${nodeLabel(n)}" among ${JSON.stringify(texts.slice(0, 12))}`);
  });

  it('JSON: validates against docs/graph.schema.json (corpus and hostile); a wrong shape does not', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO, 'docs/graph.schema.json'), 'utf8')) as object);
    for (const graph of [corpus, hostile]) {
      const json = JSON.parse(JSON.stringify(toGraphJson(graph))) as unknown;
      assert.ok(validate(json), ajv.errorsText(validate.errors));
    }
    const wrong = JSON.parse(JSON.stringify(toGraphJson(hostile))) as { edges: { kind: string }[] };
    wrong.edges[0].kind = 'superseded-by';
    assert.equal(validate(wrong), false, 'edges are stated forwards only');
  });
});
