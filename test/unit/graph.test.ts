// The Decision Map's model on the real records of ../shared/corpus: supersede chains in several
// formats, one edge per relation whichever record states it, relations that point nowhere shown
// as missing nodes, the code layer, timeline lanes, filters and neighbourhood focus.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toPosix } from '../../src/cli/nodeWorkspace';
import { scanWorkspace } from '../../src/cli/scan';
import type { DecisionGraph, DecisionNode, GraphEdge } from '../../src/core/graph';
import { buildGraph, filterGraph, neighbourhood, timelineLanes } from '../../src/core/graph';
import type { DecisionIndex } from '../../src/core/index';
import { relative } from '../../src/core/paths';

const CORPUS = toPosix(resolve(__dirname, '../../../shared/corpus'));

async function indexOf(root: string): Promise<DecisionIndex> {
  return (await scanWorkspace({ root, prefixes: [] })).index;
}

function graphOf(index: DecisionIndex, root: string, code = false): DecisionGraph {
  return buildGraph(index, { relativePath: (p) => relative(root, p), code });
}

function node(graph: DecisionGraph, pathStart: string): DecisionNode {
  const found = graph.nodes.filter((n): n is DecisionNode => n.type === 'decision' && n.path.startsWith(pathStart));
  assert.equal(found.length, 1, `one node for ${pathStart}, found ${found.map((n) => n.path).join(', ')}`);
  return found[0];
}

function edgesBetween(graph: DecisionGraph, from: DecisionNode, to: DecisionNode): GraphEdge[] {
  return graph.edges.filter((e) => (e.from === from.id && e.to === to.id) || (e.from === to.id && e.to === from.id));
}

describe('Decision Map graph on ../shared/corpus', function () {
  this.timeout(120_000);
  let graph: DecisionGraph;
  let index: DecisionIndex;

  before(async () => {
    index = await indexOf(CORPUS);
    graph = graphOf(index, CORPUS);
  });

  it('has a node per decision, with display id, title, status, folder and date', () => {
    const decisions = graph.nodes.filter((n) => n.type === 'decision');
    assert.equal(decisions.length, index.decisions().length);
    assert.equal(new Set(decisions.map((n) => n.id)).size, decisions.length, 'node ids are unique');
    const help = node(graph, 'adr-tools/doc/adr/0005-help-comments.md');
    assert.deepEqual(
      { display: help.display, title: help.title, status: help.status, folder: help.folder, date: help.date, dimmed: help.dimmed },
      { display: 'ADR-0005', title: 'Help comments', status: 'accepted', folder: 'adr-tools/doc/adr', date: '2016-02-13', dimmed: false },
    );
    const entry = graph.nodes.find((n): n is DecisionNode => n.type === 'decision' && n.path === 'decision-log/DECISIONS.md' && n.line === 4);
    assert.ok(entry, 'the decision log entry at line 5 is a node');
    assert.equal(entry.folderKind, 'log');
  });

  it('follows a supersede chain of buildpacks # Meta records (RFC 0066 -> 0049 -> 0011), stated by URL in one record only', () => {
    const r66 = node(graph, 'buildpacks/rfcs/text/0066-');
    const r49 = node(graph, 'buildpacks/rfcs/text/0049-');
    const r11 = node(graph, 'buildpacks/rfcs/text/0011-');
    assert.deepEqual(edgesBetween(graph, r66, r49).map((e) => [e.from, e.kind, e.to]), [[r66.id, 'supersedes', r49.id]]);
    assert.deepEqual(edgesBetween(graph, r49, r11).map((e) => [e.from, e.kind, e.to]), [[r49.id, 'supersedes', r11.id]]);
    assert.equal(r49.dimmed, true, 'a superseded record is dimmed');
    assert.equal(r11.dimmed, true);
    assert.equal(r66.dimmed, false);
    // Focus on the middle of the chain: 1 hop reaches both ends, nothing else.
    const focused = filterGraph(graph, { focus: r49.id, hops: 1 });
    assert.deepEqual(new Set(focused.nodes.map((n) => n.id)), new Set([r66.id, r49.id, r11.id]));
  });

  it('draws a supersede stated by both records (log4brains: "superseded by" and "Supersedes") as one edge', () => {
    const newer = node(graph, 'log4brains/docs/adr/20201016-');
    const older = node(graph, 'log4brains/docs/adr/20200926-');
    assert.deepEqual(edgesBetween(graph, newer, older).map((e) => [e.from, e.kind, e.to, e.label]), [[newer.id, 'supersedes', older.id, 'supersedes']]);
    assert.equal(older.status, 'superseded');
  });

  it('reads supersedes and amends in Nygard records (home-assistant, adr-tools) and a decision log', () => {
    const ha20 = node(graph, 'home-assistant/adr/0020-');
    const ha02 = node(graph, 'home-assistant/adr/0002-');
    assert.deepEqual(edgesBetween(graph, ha20, ha02).map((e) => [e.from, e.kind]), [[ha20.id, 'supersedes']]);
    const a9 = node(graph, 'adr-tools/doc/adr/0009-');
    const a5 = node(graph, 'adr-tools/doc/adr/0005-');
    // 0009 says "Amends 5", 0005 says "Amended by 9": one edge, from the amending record.
    assert.deepEqual(edgesBetween(graph, a9, a5).map((e) => [e.from, e.kind, e.to]), [[a9.id, 'amends', a5.id]]);
    const log = graph.edges.filter((e) => e.from.startsWith('decision-log/DECISIONS.md#') && e.to.startsWith('decision-log/DECISIONS.md#'));
    assert.deepEqual(log.map((e) => e.kind), ['amends']);
  });

  it('keeps other links with their verb (ingot gap register "depends on" an RFC)', () => {
    const gap = graph.edges.find((e) => e.from.startsWith('ingot/docs/gaps.md#'));
    assert.ok(gap);
    assert.equal(gap.kind, 'relates-to');
    assert.equal(gap.label, 'depends on');
    assert.ok(gap.to.startsWith('ingot/rfcs/0023-'));
  });

  it('has no missing nodes when every relation resolves, and puts undated records in the undated lane', () => {
    assert.equal(graph.nodes.filter((n) => n.type === 'missing').length, 0);
    const dated = graph.nodes.filter((n): n is DecisionNode => n.type === 'decision' && n.date !== undefined);
    assert.equal(graph.lanes.reduce((sum, l) => sum + l.nodes.length, 0), dated.length);
    assert.equal(graph.undated.length, index.decisions().length - dated.length);
    const lane = graph.lanes.find((l) => l.label === 'adr-tools/doc/adr');
    assert.ok(lane);
    const dates = lane.nodes.map((id) => (graph.nodes.find((n) => n.id === id) as DecisionNode).date as string);
    assert.deepEqual(dates, [...dates].sort(), 'a lane is in date order');
    const byStatus = timelineLanes(graph, 'status');
    assert.deepEqual(byStatus.lanes.slice(0, 2).map((l) => l.label), ['proposed', 'draft']);
  });

  it('filters by status, tag, folder and text, keeping only edges among what is left', () => {
    const superseded = filterGraph(graph, { statuses: ['superseded'] });
    assert.ok(superseded.nodes.length > 5);
    assert.ok(superseded.nodes.every((n) => n.type === 'decision' && n.status === 'superseded'));
    assert.ok(superseded.edges.every((e) => superseded.nodes.some((n) => n.id === e.from) && superseded.nodes.some((n) => n.id === e.to)));
    const folder = filterGraph(graph, { folders: ['adr-tools/doc/adr'] });
    assert.equal(folder.nodes.length, 9);
    assert.equal(folder.edges.length, 1);
    assert.deepEqual(folder.clusters.map((c) => c.label), ['adr-tools/doc/adr']);
    const text = filterGraph(graph, { text: 'help' , folders: ['adr-tools/doc/adr'] });
    assert.deepEqual(text.nodes.map((n) => (n as DecisionNode).display), ['ADR-0005', 'ADR-0009']);
    const tagged = graph.nodes.find((n): n is DecisionNode => n.type === 'decision' && n.tags.length > 0);
    assert.ok(tagged, 'some corpus record has tags');
    const byTag = filterGraph(graph, { tags: [tagged.tags[0].toUpperCase()] });
    assert.ok(byTag.nodes.every((n) => n.type === 'decision' && n.tags.some((t) => t.toLowerCase() === tagged.tags[0].toLowerCase())));
  });

  it('widens the focus with hops (buildpacks RFC 0105: 1 hop reaches what it supersedes, 2 hops what else superseded that)', () => {
    const r105 = node(graph, 'buildpacks/rfcs/text/0105-');
    const one = neighbourhood(r105.id, graph.edges, 1);
    const two = neighbourhood(r105.id, graph.edges, 2);
    const three = neighbourhood(r105.id, graph.edges, 3);
    // 0105 supersedes 0069 and relates to 0127; 0096 also supersedes 0069.
    assert.ok(one.has(node(graph, 'buildpacks/rfcs/text/0069-').id));
    assert.ok(one.has(node(graph, 'buildpacks/rfcs/text/0127-').id));
    assert.ok(!one.has(node(graph, 'buildpacks/rfcs/text/0096-').id));
    assert.ok(two.has(node(graph, 'buildpacks/rfcs/text/0096-').id));
    assert.ok(three.size >= two.size && two.size > one.size);
    assert.equal(filterGraph(graph, { focus: r105.id, hops: 9 }).nodes.length, three.size, 'hops are clamped to 3');
  });
});

describe('Decision Map graph: relations that point nowhere, and the code layer', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    dir = toPosix(mkdtempSync(join(tmpdir(), 'dl-graph-')));
    // adr-tools' own records with 0005 removed: 0009 still "Amends [5. Help comments](0005-help-comments.md)".
    cpSync(join(CORPUS, 'adr-tools'), dir, { recursive: true });
    rmSync(join(dir, 'doc/adr/0005-help-comments.md'));
    mkdirSync(join(dir, 'src/cli'), { recursive: true });
    mkdirSync(join(dir, 'lib'), { recursive: true });
    writeFileSync(join(dir, 'src/cli/main.ts'), '// ADR-0002: shell scripts\nexport const a = 1;\n// See ADR-0002 and ADR-0004.\n');
    writeFileSync(join(dir, 'src/util.ts'), '// ADR-0004\n');
    writeFileSync(join(dir, 'lib/x.sh'), '# ADR-0002\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows a relation whose target is gone as an edge to a missing node named as written', async () => {
    const index = await indexOf(dir);
    const graph = graphOf(index, dir);
    const missing = graph.nodes.filter((n) => n.type === 'missing');
    assert.equal(missing.length, 1);
    const a9 = node(graph, 'doc/adr/0009-');
    const edge = graph.edges.find((e) => e.to === missing[0].id);
    assert.ok(edge);
    assert.deepEqual([edge.from, edge.kind], [a9.id, 'amends']);
    assert.equal(missing[0].type === 'missing' && missing[0].display, 'ADR-5');
    assert.equal(missing[0].type === 'missing' && missing[0].text, '[5. Help comments](0005-help-comments.md)');
    // A filter that drops 0009 drops the missing node with it; one that keeps it keeps both.
    assert.equal(filterGraph(graph, { text: 'markdown' }).nodes.some((n) => n.type === 'missing'), false);
    assert.equal(filterGraph(graph, { text: 'help scripts' }).nodes.some((n) => n.type === 'missing'), true);
  });

  it('adds the top-level code folders citing each decision, weighted by citation count', async () => {
    const index = await indexOf(dir);
    const graph = graphOf(index, dir, true);
    const code = graph.edges.filter((e) => e.kind === 'cites').map((e) => [e.from, (graph.nodes.find((n) => n.id === e.to) as DecisionNode).display, e.weight]);
    assert.deepEqual(
      code.sort((a, b) => String(a).localeCompare(String(b))),
      [
        ['code:lib', 'ADR-0002', 1],
        ['code:src', 'ADR-0002', 2],
        ['code:src', 'ADR-0004', 2],
      ],
    );
    assert.equal(graphOf(index, dir).nodes.some((n) => n.type === 'code'), false, 'no code layer unless asked');
  });
});
