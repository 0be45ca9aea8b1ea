import * as assert from 'node:assert/strict';
import { DecisionIndex } from '../../../src/core/index';
import { groupDecisions } from '../../../src/features/tree/grouping';
import { nygard } from '../gitRepo';

// The Decisions view grouped by drift: accepted decisions by commits since acceptance, most first.
describe('Decisions view grouping by drift', () => {
  const index = new DecisionIndex({ folders: [{ path: '/ws/doc/adr', prefix: 'ADR', kind: 'folder', source: 'adr-dir' }] });
  const statuses = ['Accepted', 'Accepted', 'Accepted', 'Superseded by [5. E](0005-e.md)', 'Accepted', 'Proposed'];
  statuses.forEach((status, i) => index.upsert(`/ws/doc/adr/000${i + 1}-${'abcdef'[i]}.md`, nygard(i + 1, 'abcdef'[i].toUpperCase(), status)));
  // Commits since acceptance by number (what git would say); the superseded one has some too but never counts.
  const commits = new Map<number, number>([[1, 3], [2, 60], [3, 0], [4, 99], [5, 12]]);
  const driftOf = (d: { identity: { number?: number } }): number | undefined => commits.get(d.identity.number ?? -1);

  it('orders groups 50+, 10-49, 1-9, 0, then decisions with no drift known', () => {
    const groups = groupDecisions(index.decisions(), 'drift', () => undefined, driftOf);
    assert.deepEqual(
      groups.map((g) => [g.key, g.decisions.map((d) => d.display)]),
      [
        ['50+', ['ADR-0002']],
        ['10-49', ['ADR-0005']],
        ['1-9', ['ADR-0001']],
        ['0', ['ADR-0003']],
        ['', ['ADR-0004', 'ADR-0006']],
      ],
    );
  });

  it('without history every decision is in the no-drift group', () => {
    const groups = groupDecisions(index.decisions(), 'drift');
    assert.deepEqual(groups.map((g) => [g.key, g.decisions.length]), [['', 6]]);
  });
});
