import * as assert from 'node:assert/strict';
import { checkIndex } from '../../src/core/checks';
import type { DecisionFolder } from '../../src/core/config';
import { DecisionIndex } from '../../src/core/index';
import type { Problem } from '../../src/core/model';

const ADR: DecisionFolder = { path: '/w/doc/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w' };

function nygard(n: number, title: string, status: string, extra: string[] = []): string {
  return [`# ${n}. ${title}`, '', 'Date: 2024-03-01', '', '## Status', '', status, '', ...extra, '', '## Context', '', 'Why.', '', '## Decision', '', 'What.', '', '## Consequences', '', 'So.', ''].join('\n');
}

function rec(n: number, slug: string): string {
  return `/w/doc/adr/${String(n).padStart(4, '0')}-${slug}.md`;
}

function brief(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.path.replace('/w/', '')}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.code}`);
}

describe('checkIndex', () => {
  it('reports nothing for a consistent workspace', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert(rec(1, 'old'), nygard(1, 'Old', 'Superseded', ['Superceded by [2. New](0002-new.md)']));
    index.upsert(rec(2, 'new'), nygard(2, 'New', 'Accepted', ['Supersedes [1. Old](0001-old.md)']));
    index.upsert('/w/src/a.ts', '// ADR-2, doc/adr/0002-new.md\n');
    index.upsert('/w/docs/guide.md', 'See [the guide](other.md) and [ADR 2](../doc/adr/0002-new.md).');
    assert.deepEqual(checkIndex(index), []);
  });

  it('reports citations of unknown decisions with their exact place', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert(rec(1, 'a'), nygard(1, 'A', 'Accepted'));
    index.upsert('/w/src/a.py', 'x = 1\n    # see ADR-7 and doc/adr/0009-gone.md\n# and docs/notes/x.md\n');
    const problems = checkIndex(index);
    assert.deepEqual(brief(problems), ['src/a.py:2:11 error unknown-decision', 'src/a.py:2:21 error unknown-decision']);
    assert.match(problems[0].message, /ADR-7/);
  });

  it('warns about citations of superseded, deprecated and rejected decisions and names the successor', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert(rec(1, 'old'), nygard(1, 'Old', 'Superseded by [3. Newest](0003-newest.md)'));
    index.upsert(rec(2, 'dep'), nygard(2, 'Dep', 'Deprecated'));
    index.upsert(rec(3, 'newest'), nygard(3, 'Newest', 'Accepted', ['Supersedes [1. Old](0001-old.md)']));
    index.upsert(rec(4, 'no'), nygard(4, 'No', 'Rejected'));
    index.upsert('/w/src/a.ts', '// ADR-1\n// ADR-2\n// ADR-3\n// ADR-4\n');
    const problems = checkIndex(index);
    assert.deepEqual(brief(problems), [
      'src/a.ts:1:4 warning cites-superseded',
      'src/a.ts:2:4 warning cites-deprecated',
      'src/a.ts:4:4 warning cites-rejected',
    ]);
    assert.match(problems[0].message, /ADR-0003/);
  });

  it('reports duplicate ids within a project, on every record that has the id', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert(rec(3, 'a'), nygard(3, 'A', 'Accepted'));
    index.upsert(rec(3, 'b'), nygard(3, 'B', 'Accepted'));
    index.upsert(rec(4, 'c'), nygard(4, 'C', 'Accepted'));
    const problems = checkIndex(index);
    assert.deepEqual(brief(problems), ['doc/adr/0003-a.md:1:6 error duplicate-id', 'doc/adr/0003-b.md:1:6 error duplicate-id']);
    assert.match(problems[0].message, /0003-b\.md/);
  });

  it('does not report the same number in two projects as a duplicate', () => {
    const a: DecisionFolder = { path: '/w/a/doc/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w/a' };
    const b: DecisionFolder = { path: '/w/b/doc/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w/b' };
    const index = new DecisionIndex({ folders: [a, b] });
    index.upsert('/w/a/doc/adr/0001-x.md', nygard(1, 'X', 'Accepted'));
    index.upsert('/w/b/doc/adr/0001-y.md', nygard(1, 'Y', 'Accepted'));
    assert.deepEqual(checkIndex(index), []);
  });

  it('reports relations that point nowhere', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert(rec(2, 'b'), nygard(2, 'B', 'Accepted', ['Supersedes [9. Gone](0009-gone.md)']));
    const problems = checkIndex(index);
    assert.deepEqual(brief(problems), ['doc/adr/0002-b.md:9:1 error broken-relation']);
    assert.match(problems[0].message, /0009-gone\.md/);
  });

  it('warns about relations the other record does not state back', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert(rec(1, 'a'), nygard(1, 'A', 'Accepted'));
    index.upsert(rec(2, 'b'), nygard(2, 'B', 'Accepted', ['Amends [1. A](0001-a.md)']));
    index.upsert(rec(3, 'c'), nygard(3, 'C', 'Accepted'));
    index.upsert(rec(4, 'd'), nygard(4, 'D', 'Accepted', ['Supersedes [3. C](0003-c.md)']));
    assert.deepEqual(brief(checkIndex(index)), ['doc/adr/0002-b.md:9:1 warning one-way-relation', 'doc/adr/0004-d.md:9:1 warning one-way-relation']);
    // Once C says it is superseded, the supersede link is consistent.
    index.upsert(rec(3, 'c'), nygard(3, 'C', 'Superseded'));
    assert.deepEqual(brief(checkIndex(index)), ['doc/adr/0002-b.md:9:1 warning one-way-relation']);
  });

  it('passes on the problems the parser found in unreadable records', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert('/w/doc/adr/0001-broken.md', '---\nstatus: [accepted\ndate: x\n---\n# Broken\n');
    const problems = checkIndex(index);
    assert.ok(problems.length > 0, 'a record with broken front matter has a problem');
    assert.ok(problems.every((p) => p.path === '/w/doc/adr/0001-broken.md'));
  });

  it('restricts problems to the files asked for', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert('/w/src/a.ts', '// ADR-1\n');
    index.upsert('/w/src/b.ts', '// ADR-2\n');
    assert.deepEqual(brief(checkIndex(index, { paths: new Set(['/w/src/b.ts']) })), ['src/b.ts:1:4 error unknown-decision']);
  });
});
