import * as assert from 'node:assert/strict';
import type { DecisionFolder } from '../../src/core/config';
import { DecisionIndex, normalizeKey } from '../../src/core/index';
import type { IndexChange, IndexedDecision } from '../../src/core/index';

const ADR: DecisionFolder = { path: '/w/doc/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w' };
const LOG: DecisionFolder = { path: '/w/DECISIONS.md', prefix: 'DL', kind: 'log', source: 'default', root: '/w' };

/** An adr-tools record, as `adr new` writes it. */
function nygard(n: number, title: string, status: string, extra: string[] = []): string {
  return [`# ${n}. ${title}`, '', 'Date: 2024-01-0' + (n % 9 || 1), '', '## Status', '', status, '', ...extra, '', '## Context', '', 'Context.', '', '## Decision', '', 'We do it.', '', '## Consequences', '', 'Some.', ''].join('\n');
}

function file(n: number, slug: string): string {
  return `/w/doc/adr/${String(n).padStart(4, '0')}-${slug}.md`;
}

function displays(list: readonly IndexedDecision[]): string[] {
  return list.map((d) => d.display);
}

describe('DecisionIndex', () => {
  describe('keys', () => {
    it('normalizeKey drops padding and reads the forms users type', () => {
      assert.equal(normalizeKey('ADR-0005'), 'ADR-5');
      assert.equal(normalizeKey('adr 5'), 'ADR-5');
      assert.equal(normalizeKey('ADR5'), 'ADR-5');
      assert.equal(normalizeKey('MADR-009-tracing-policy'), 'MADR-9');
      assert.equal(normalizeKey('ADR-20201016-Use-Markdown'), 'ADR-20201016-use-markdown');
      assert.equal(normalizeKey('DL-1'), 'DL-1');
      assert.equal(normalizeKey('no key here'), undefined);
    });

    it('finds a record by any padding of its number', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(file(5, 'use-webhooks'), nygard(5, 'Use webhooks', 'Accepted'));
      for (const key of ['ADR-0005', 'ADR-005', 'ADR-5', 'adr 5', 'ADR5', '5', '0005']) {
        assert.deepEqual(displays(index.get(key)), ['ADR-0005'], key);
      }
      const [d] = index.get('ADR-5');
      assert.equal(d.key, 'ADR-5');
      assert.equal(d.title, 'Use webhooks');
      assert.equal(d.status.kind, 'accepted');
      assert.equal(d.folder, ADR);
      assert.deepEqual(index.get('ADR-6'), []);
    });

    it('takes the prefix from front matter id', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert('/w/doc/adr/0005-tracing.md', '---\nid: MADR-0005\nstatus: accepted\n---\n# Tracing policy\n\nText.\n');
      const [d] = index.decisions();
      assert.equal(d.prefix, 'MADR');
      assert.equal(d.key, 'MADR-5');
      assert.deepEqual(displays(index.get('MADR-0005')), ['MADR-0005']);
      assert.deepEqual(index.get('ADR-5'), []);
    });

    it('uses the folder prefix and date slugs for log4brains records, with package names', () => {
      const pkg: DecisionFolder = { path: '/w/packages/api/adr', prefix: 'ADR', kind: 'folder', source: 'log4brains', package: 'api', root: '/w' };
      const index = new DecisionIndex({ folders: [ADR, pkg] });
      const text = '# Use Markdown\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Context and Problem Statement\n\nX.\n';
      index.upsert('/w/doc/adr/20201016-use-markdown.md', text);
      index.upsert('/w/packages/api/adr/20201016-use-markdown.md', text);
      assert.deepEqual(
        index.decisions().map((d) => [d.key, d.display]),
        [
          ['ADR-20201016-use-markdown', 'ADR-20201016-use-markdown'],
          ['ADR-api/20201016-use-markdown', 'ADR-api/20201016-use-markdown'],
        ],
      );
      assert.deepEqual(displays(index.get('20201016-Use-Markdown')), ['ADR-20201016-use-markdown']);
      assert.deepEqual(displays(index.get('api/20201016-use-markdown')), ['ADR-api/20201016-use-markdown']);
      assert.deepEqual(index.get('20201016-other'), []);
    });

    it('keeps duplicate ids and returns all of them', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(file(3, 'a'), nygard(3, 'A', 'Accepted'));
      index.upsert(file(3, 'b'), nygard(3, 'B', 'Proposed'));
      assert.deepEqual(
        index.get('ADR-3').map((d) => d.title),
        ['A', 'B'],
      );
      assert.equal(index.decisions().length, 2);
    });
  });

  describe('updates', () => {
    it('upsert replaces one file, remove drops it, and events say what changed', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      const events: IndexChange[] = [];
      index.onDidChange((e) => events.push(e));
      index.upsert(file(1, 'a'), nygard(1, 'First', 'Accepted'));
      index.upsert('/w/src/app.ts', '// see ADR-1\n');
      index.upsert(file(1, 'a'), nygard(1, 'First, renamed', 'Accepted'));
      assert.deepEqual(
        index.decisions().map((d) => d.title),
        ['First, renamed'],
      );
      index.remove(file(1, 'a'));
      assert.deepEqual(index.decisions(), []);
      index.remove('/w/never-indexed.ts');
      assert.deepEqual(events, [
        { paths: [file(1, 'a')], records: true, citations: false },
        { paths: ['/w/src/app.ts'], records: false, citations: true },
        { paths: [file(1, 'a')], records: true, citations: false },
        { paths: [file(1, 'a')], records: true, citations: false },
      ]);
    });

    it('citationsOnLine gives the resolved citations of one line, the same as citationsIn', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(file(2, 'b'), nygard(2, 'B', 'Accepted'));
      index.upsert('/w/src/app.ts', '// ADR-0002\nf();\ng(); // ADR-0009 and @ADR(2)\n');
      const line = (n: number): unknown => index.citationsOnLine('/w/src/app.ts', n).map((c) => [c.text, c.decision?.display]);
      // Before citationsIn resolved the whole file, and after (from its cache): the same answer.
      assert.deepEqual(line(2), [['ADR-0009', undefined], ['@ADR(2)', 'ADR-0002']]);
      assert.deepEqual(line(1), []);
      const whole = index.citationsIn('/w/src/app.ts').filter((c) => c.range.start.line === 2);
      assert.deepEqual(line(2), whole.map((c) => [c.text, c.decision?.display]));
      assert.deepEqual(line(0), [['ADR-0002', 'ADR-0002']]);
      assert.deepEqual(index.citationsOnLine('/w/src/missing.ts', 0), []);
    });

    it('a citation resolves again when its record comes back', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert('/w/src/app.ts', 'f(); // ADR-0002 and @ADR(2)\n');
      assert.deepEqual(
        index.citationsIn('/w/src/app.ts').map((c) => c.decision),
        [undefined, undefined],
      );
      index.upsert(file(2, 'b'), nygard(2, 'B', 'Accepted'));
      assert.deepEqual(
        index.citationsIn('/w/src/app.ts').map((c) => c.decision?.display),
        ['ADR-0002', 'ADR-0002'],
      );
      const [d] = index.get('ADR-2');
      assert.deepEqual(
        index.citationsOf(d).map((c) => [c.path, c.text]),
        [
          ['/w/src/app.ts', 'ADR-0002'],
          ['/w/src/app.ts', '@ADR(2)'],
        ],
      );
      index.remove(file(2, 'b'));
      assert.equal(index.citationsIn('/w/src/app.ts')[0].decision, undefined);
      index.remove('/w/src/app.ts');
      assert.deepEqual(index.citationsIn('/w/src/app.ts'), []);
    });

    it('a source file that changes drops its old citations', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(file(1, 'a'), nygard(1, 'A', 'Accepted'));
      index.upsert('/w/a.py', '# ADR-1\n');
      const [d] = index.get('ADR-1');
      assert.equal(index.citationsOf(d).length, 1);
      index.upsert('/w/a.py', 'x = 1\n');
      assert.equal(index.citationsOf(d).length, 0);
    });

    it('setFolders re-routes files it already holds', () => {
      const index = new DecisionIndex({ folders: [] });
      index.upsert('/w/records/0001-a.md', nygard(1, 'A', 'Accepted'));
      assert.deepEqual(index.decisions(), []);
      index.upsert('/w/src/x.ts', '// DEC-1\n');
      const records: DecisionFolder = { path: '/w/records', prefix: 'DEC', kind: 'folder', source: 'settings' };
      // The prefixes changed from ADR to DEC: code keeps no text, so the caller reads it again.
      assert.deepEqual(index.setFolders([records]), ['/w/src/x.ts']);
      assert.deepEqual(displays(index.decisions()), ['DEC-0001']);
      index.upsert('/w/src/x.ts', '// DEC-1\n');
      assert.equal(index.citationsIn('/w/src/x.ts')[0].decision?.display, 'DEC-0001');
      assert.deepEqual(index.setFolders([{ ...records, path: '/w/other' }]), [], 'same prefixes: nothing to read again');
      assert.deepEqual(index.decisions(), []);
    });
  });

  describe('citations', () => {
    it('resolves ids, paths, links and annotations, and leaves unknown ones unresolved', () => {
      const index = new DecisionIndex({ folders: [ADR, LOG] });
      index.upsert(file(8, 'global-trusted-request-service'), nygard(8, 'Global trusted request service', 'Accepted'));
      index.upsert('/w/DECISIONS.md', '# Decision log\n\n## DL-1: Use Stripe\n\nDate: 2024-01-01\nDecision: Stripe.\n\n## DL-2: Use Adyen\n\nDate: 2024-02-01\nDecision: Adyen.\n');
      const source = [
        '// ADR-8, ADR 0008, doc/adr/0008-global-trusted-request-service.md#decision',
        '// @decision(DL-2) ADR-99 doc/adr/0099-missing.md',
      ].join('\n');
      index.upsert('/w/src/service.ts', source);
      index.upsert('/w/README.md', 'See [the ADR](doc/adr/0008-global-trusted-request-service.md) and [guide](docs/guide.md).');
      assert.deepEqual(
        index.citationsIn('/w/src/service.ts').map((c) => [c.text, c.decision?.display]),
        [
          ['ADR-8', 'ADR-0008'],
          ['ADR 0008', 'ADR-0008'],
          ['doc/adr/0008-global-trusted-request-service.md#decision', 'ADR-0008'],
          ['@decision(DL-2)', 'DL-2'],
          ['ADR-99', undefined],
          ['doc/adr/0099-missing.md', undefined],
        ],
      );
      assert.deepEqual(
        index.citationsIn('/w/README.md').map((c) => [c.form, c.decision?.display]),
        [
          ['link', 'ADR-0008'],
          ['link', undefined],
        ],
      );
      const [d] = index.get('ADR-8');
      assert.deepEqual(
        index.citationsOf(d).map((c) => `${c.path}:${c.range.start.line}:${c.range.start.character}`),
        ['/w/README.md:0:4', '/w/src/service.ts:0:3', '/w/src/service.ts:0:10', '/w/src/service.ts:0:20'],
      );
    });

    it('prefers the record of the project that contains the citing file', () => {
      const a: DecisionFolder = { path: '/w/a/docs/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w/a' };
      const b: DecisionFolder = { path: '/w/b/docs/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w/b' };
      const index = new DecisionIndex({ folders: [a, b] });
      index.upsert('/w/a/docs/adr/0001-x.md', nygard(1, 'A one', 'Accepted'));
      index.upsert('/w/b/docs/adr/0001-y.md', nygard(1, 'B one', 'Accepted'));
      index.upsert('/w/b/src/main.go', '// ADR-1\n');
      index.upsert('/w/a/src/main.go', '// ADR-1\n');
      index.upsert('/w/tools/x.go', '// ADR-1\n');
      assert.equal(index.citationsIn('/w/b/src/main.go')[0].decision?.title, 'B one');
      assert.equal(index.citationsIn('/w/a/src/main.go')[0].decision?.title, 'A one');
      assert.equal(index.citationsIn('/w/tools/x.go')[0].decision?.title, 'A one', 'outside both: the first by path');
    });

    it('finds citations in comments only unless told otherwise', () => {
      const comments = new DecisionIndex({ folders: [ADR] });
      const anywhere = new DecisionIndex({ folders: [ADR], commentsOnly: false });
      for (const index of [comments, anywhere]) index.upsert('/w/x.ts', 'const s = "ADR-1"; // ADR-2\n');
      assert.deepEqual(
        comments.citationsIn('/w/x.ts').map((c) => c.text),
        ['ADR-2'],
      );
      assert.deepEqual(
        anywhere.citationsIn('/w/x.ts').map((c) => c.text),
        ['ADR-1', 'ADR-2'],
      );
    });

    it('looks for the prefixes of every folder, or the ones it is given', () => {
      const madr: DecisionFolder = { path: '/w/docs/madr/decisions', prefix: 'MADR', kind: 'folder', source: 'settings' };
      const byFolders = new DecisionIndex({ folders: [ADR, madr, LOG] });
      assert.deepEqual([...byFolders.getCitationPrefixes()].sort(), ['ADR', 'DL', 'MADR']);
      const given = new DecisionIndex({ folders: [ADR], citationPrefixes: ['DEC'] });
      given.upsert('/w/x.ts', '// ADR-1 DEC-2');
      assert.deepEqual(
        given.citationsIn('/w/x.ts').map((c) => c.text),
        ['DEC-2'],
      );
    });

    it('does not read templates for citations', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert('/w/doc/adr/template.md', 'status: superseded by ADR-0123');
      index.upsert('/w/templates/record.md', 'See ADR-0123');
      assert.deepEqual(index.allCitations(), []);
      assert.deepEqual(index.decisions(), []);
    });
  });

  describe('relations', () => {
    function supersedePair(): DecisionIndex {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(file(1, 'old'), nygard(1, 'Old', 'Superseded'));
      index.upsert(file(2, 'new'), nygard(2, 'New', 'Accepted', ['Supersedes [1. Old](0001-old.md)']));
      return index;
    }

    it('derives superseded-by from supersedes', () => {
      const index = supersedePair();
      const [oldD] = index.get('ADR-1');
      const [newD] = index.get('ADR-2');
      assert.deepEqual(
        index.relationsOf(newD).map((r) => [r.relation.kind, r.target?.display, 'derived' in r.relation]),
        [['supersedes', 'ADR-0001', false]],
      );
      assert.deepEqual(
        index.relationsOf(oldD).map((r) => [r.relation.kind, r.target?.display, 'derived' in r.relation]),
        [['superseded-by', 'ADR-0002', true]],
      );
      assert.equal(index.successorOf(oldD), newD);
      assert.equal(index.successorOf(newD), undefined);
    });

    it('derives supersedes from superseded-by, and does not repeat a link both records state', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(file(1, 'old'), nygard(1, 'Old', 'Accepted', ['Superceded by [2. New](0002-new.md)']));
      index.upsert(file(2, 'new'), nygard(2, 'New', 'Accepted', ['Supersedes [1. Old](0001-old.md)']));
      index.upsert(file(3, 'other'), nygard(3, 'Other', 'Accepted', ['Superceded by [4. Newer](0004-newer.md)']));
      index.upsert(file(4, 'newer'), nygard(4, 'Newer', 'Accepted'));
      const [one] = index.get('ADR-1');
      const [two] = index.get('ADR-2');
      const [four] = index.get('ADR-4');
      assert.equal(index.relationsOf(one).length, 1);
      assert.equal(index.relationsOf(two).length, 1);
      assert.deepEqual(
        index.relationsOf(four).map((r) => [r.relation.kind, r.target?.display, 'derived' in r.relation]),
        [['supersedes', 'ADR-0003', true]],
      );
    });

    it('follows supersede chains and survives cycles', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(file(1, 'a'), nygard(1, 'A', 'Superseded', ['Superceded by [2. B](0002-b.md)']));
      index.upsert(file(2, 'b'), nygard(2, 'B', 'Superseded', ['Superceded by [3. C](0003-c.md)']));
      index.upsert(file(3, 'c'), nygard(3, 'C', 'Accepted'));
      const [a] = index.get('ADR-1');
      assert.equal(index.latestSuccessorOf(a)?.display, 'ADR-0003');
      index.upsert(file(3, 'c'), nygard(3, 'C', 'Superseded', ['Superceded by [1. A](0001-a.md)']));
      const [a2] = index.get('ADR-1');
      const last = index.latestSuccessorOf(a2);
      assert.ok(last, 'a cycle still has a successor');
      for (const d of index.decisions()) assert.ok(index.relationsOf(d).length >= 1);
    });

    it('resolves relation targets by id and by title in a decision log', () => {
      const index = new DecisionIndex({ folders: [LOG] });
      index.upsert(
        '/w/DECISIONS.md',
        [
          '# Decision log',
          '',
          '## DL-1: Use Stripe',
          '',
          'Date: 2024-01-01',
          'Decision: Stripe for payments.',
          'Status: superseded',
          '',
          '## DL-2: Use Adyen',
          '',
          'Date: 2024-02-01',
          'Decision: Adyen.',
          'Supersedes: DL-1',
          '',
          '## DL-3: Refund policy',
          '',
          'Date: 2024-03-01',
          'Decision: Refunds within 30 days.',
          'Amends: Use Adyen',
          '',
        ].join('\n'),
      );
      const [one] = index.get('DL-1');
      const [two] = index.get('DL-2');
      const [three] = index.get('DL-3');
      assert.ok(one && two && three, displays(index.decisions()).join(','));
      assert.equal(index.successorOf(one), two);
      assert.deepEqual(
        index.relationsOf(three).map((r) => [r.relation.kind, r.target?.display]),
        [['amends', 'DL-2']],
      );
      assert.deepEqual(
        index.relationsOf(two).map((r) => [r.relation.kind, r.target?.display]),
        [
          ['supersedes', 'DL-1'],
          ['amended-by', 'DL-3'],
        ],
      );
    });
  });

  describe('governing', () => {
    it('matches applies-to globs relative to the workspace folder', () => {
      const index = new DecisionIndex({ folders: [ADR] });
      index.upsert(
        '/w/doc/adr/0004-payments.md',
        '---\nstatus: accepted\napplies-to:\n  - "src/payments/**"\n  - "**/*.sql"\n---\n# Payments\n\nText.\n',
      );
      index.upsert(file(5, 'other'), nygard(5, 'Other', 'Accepted'));
      assert.deepEqual(displays(index.governing('/w/src/payments/api/charge.ts', '/w')), ['ADR-0004']);
      assert.deepEqual(displays(index.governing('/w/db/schema.sql', '/w')), ['ADR-0004']);
      assert.deepEqual(index.governing('/w/src/web/app.ts', '/w'), []);
      assert.deepEqual(index.governing('/elsewhere/src/payments/x.ts', '/w'), []);
    });
  });
});
