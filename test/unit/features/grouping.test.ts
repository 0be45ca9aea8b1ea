import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { DecisionIndex } from '../../../src/core/index';
import type { IndexedDecision } from '../../../src/core/index';
import { compareDecisions, groupDecisions, matchesFilter, STATUS_ORDER } from '../../../src/features/tree/grouping';

// Records from the corpus: home-assistant's ADRs (.adr-dir) and the decision log.
const CORPUS = '../shared/corpus';

function corpusDecisions(): IndexedDecision[] {
  const index = new DecisionIndex({
    folders: [
      { path: '/ws/adr', prefix: 'ADR', kind: 'folder', source: 'adr-dir' },
      { path: '/ws/DECISIONS.md', prefix: 'DL', kind: 'log', source: 'default', format: 'decision-log' },
    ],
  });
  for (const name of readdirSync(`${CORPUS}/home-assistant/adr`)) {
    index.upsert(`/ws/adr/${name}`, readFileSync(`${CORPUS}/home-assistant/adr/${name}`, 'utf8'));
  }
  index.upsert('/ws/DECISIONS.md', readFileSync(`${CORPUS}/decision-log/DECISIONS.md`, 'utf8'));
  return index.decisions();
}

describe('Decisions view grouping', () => {
  const decisions = corpusDecisions();

  it('groups by status in the review order, proposed first, every decision once', () => {
    const groups = groupDecisions(decisions, 'status');
    const keys = groups.map((g) => g.key);
    assert.equal(keys[0], 'proposed', `groups: ${keys.join(', ')}`);
    assert.deepEqual(keys, STATUS_ORDER.filter((s) => keys.includes(s)));
    assert.ok(keys.includes('superseded'), 'ADR-0002 is superseded');
    for (const g of groups) assert.ok(g.decisions.every((d) => d.status.kind === g.key));
    assert.equal(groups.reduce((n, g) => n + g.decisions.length, 0), decisions.length);
  });

  it('orders decisions in a group by prefix and number', () => {
    const accepted = groupDecisions(decisions, 'status').find((g) => g.key === 'accepted');
    assert.ok(accepted);
    const sorted = [...accepted.decisions].sort(compareDecisions);
    assert.deepEqual(accepted.decisions.map((d) => d.display), sorted.map((d) => d.display));
    const adr = accepted.decisions.filter((d) => d.prefix === 'ADR').map((d) => d.identity.number ?? 0);
    assert.deepEqual(adr, [...adr].sort((a, b) => a - b));
  });

  it('groups by folder with labels relative to the workspace root', () => {
    const groups = groupDecisions(decisions, 'folder', () => '/ws');
    assert.deepEqual(groups.map((g) => g.name).sort(), ['DECISIONS.md', 'adr']);
  });

  it('groups by year, newest first, undated last', () => {
    const groups = groupDecisions(decisions, 'year');
    const years = groups.map((g) => g.key);
    assert.equal(years[0], '2026', 'the decision log entries are from 2026');
    const dated = years.filter((y) => y !== '');
    assert.deepEqual(dated, [...dated].sort().reverse());
    if (years.includes('')) assert.equal(years[years.length - 1], '');
    assert.ok(groups.find((g) => g.key === '2019')?.decisions.some((d) => d.display === 'ADR-0002'));
  });

  it('puts a decision with several tags in each tag group and untagged ones last', () => {
    const tagged = { ...decisions[0], tags: ['API', 'security', 'api'] } as IndexedDecision;
    const groups = groupDecisions([tagged, decisions[1]], 'tag');
    assert.deepEqual(groups.map((g) => g.key), ['api', 'security', '']);
    assert.equal(groups[0].decisions.length, 1, 'tags differing only in case are one group');
  });

  it('filters on id, title, status and decision makers, every term must match', () => {
    const dl1 = decisions.find((d) => d.display === 'DL-1');
    assert.ok(dl1);
    assert.ok(matchesFilter(dl1, 'webhooks'));
    assert.ok(matchesFilter(dl1, 'WEBHOOKS accepted'));
    assert.ok(matchesFilter(dl1, 'dl-1'));
    assert.ok(matchesFilter(dl1, 'tech lead'));
    assert.ok(!matchesFilter(dl1, 'webhooks proposed'));
    assert.ok(matchesFilter(dl1, '   '));
  });
});
