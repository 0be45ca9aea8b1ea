import * as assert from 'node:assert/strict';
import { doc, one, textAt } from './parseHelpers';

/** A record as `adr new` writes it (adr-tools' template), with extra lines in the Status section. */
function adrTools(n: number, title: string, statusLines: string[], date = '1992-01-12'): string {
  return doc([`# ${n}. ${title}`, '', `Date: ${date}`, '', '## Status', '', ...statusLines, '', '## Context', '', 'The issue motivating this decision.', '', '## Decision', '', 'The change that we are proposing.', '', '## Consequences', '', 'What becomes easier.', '']);
}

describe('Nygard / adr-tools records', () => {
  it('reads a superseded record in adr-tools spelling ("Superceded by")', () => {
    // adr-tools' own test: `adr new -s 1 Second Record` rewrites record 1 like this.
    const text = adrTools(1, 'First Record', ['Superceded by [2. Second Record](0002-second-record.md)']);
    const d = one(text, '/w/doc/adr/0001-first-record.md');
    assert.equal(d.format, 'nygard');
    assert.deepEqual(d.identity, { number: 1, numberText: '0001' });
    assert.equal(d.title, 'First Record');
    assert.equal(d.status.kind, 'superseded');
    assert.equal(d.status.text, 'Superceded by 2. Second Record');
    assert.equal(d.date, '1992-01-12');
    assert.equal(d.relations.length, 1);
    const r = d.relations[0];
    assert.equal(r.kind, 'superseded-by');
    assert.equal(r.verb, 'Superceded by');
    assert.deepEqual(r.target, { text: '[2. Second Record](0002-second-record.md)', id: '2', title: 'Second Record', path: '0002-second-record.md' });
    assert.equal(textAt(text, r.range), 'Superceded by [2. Second Record](0002-second-record.md)');
  });

  it('reads the superseding record ("Supercedes", adr-tools spelling) and keeps its status', () => {
    const text = adrTools(2, 'Second Record', ['Accepted', '', 'Supercedes [1. First Record](0001-first-record.md)']);
    const d = one(text, '/w/doc/adr/0002-second-record.md');
    assert.equal(d.status.kind, 'accepted');
    assert.equal(d.status.text, 'Accepted');
    assert.deepEqual(
      d.relations.map((r) => [r.kind, r.verb, r.target.path]),
      [['supersedes', 'Supercedes', '0001-first-record.md']],
    );
  });

  it('reads the standard spellings and every adr-tools link verb', () => {
    const text = adrTools(3, 'Third', [
      'Accepted',
      '',
      'Supersedes [1. First](0001-first.md)',
      '',
      'Superseded by [5. Fifth](0005-fifth.md)',
      '',
      'Amends [2. Second](0002-second.md)',
      '',
      'Amended by [6. Sixth](0006-sixth.md)',
      '',
      'Clarifies [2. Second](0002-second.md)',
      '',
      'Clarified by [7. Seventh](0007-seventh.md)',
      '',
      'Extends [4. Fourth](0004-fourth.md)',
      '',
      'Refined by [8. Eighth](0008-eighth.md#details)',
    ]);
    const d = one(text, '/w/doc/adr/0003-third.md');
    assert.deepEqual(
      d.relations.map((r) => [r.kind, r.verb, r.target.id, r.target.path]),
      [
        ['supersedes', 'Supersedes', '1', '0001-first.md'],
        ['superseded-by', 'Superseded by', '5', '0005-fifth.md'],
        ['amends', 'Amends', '2', '0002-second.md'],
        ['amended-by', 'Amended by', '6', '0006-sixth.md'],
        ['clarifies', 'Clarifies', '2', '0002-second.md'],
        ['clarified-by', 'Clarified by', '7', '0007-seventh.md'],
        ['relates-to', 'Extends', '4', '0004-fourth.md'],
        ['relates-to', 'Refined by', '8', '0008-eighth.md'],
      ],
    );
  });

  it('reads any "<verb> [N. Title](file.md)" line that `adr new -l` writes in the Status section', () => {
    const text = adrTools(4, 'Fourth', ['Accepted', '', 'Is implemented by [9. Ninth](0009-ninth.md)']);
    const d = one(text, '/w/doc/adr/0004-fourth.md');
    assert.deepEqual(
      d.relations.map((r) => [r.kind, r.verb, r.target.path]),
      [['relates-to', 'Is implemented by', '0009-ninth.md']],
    );
  });

  it('does not take prose links or external links for relations', () => {
    const text = adrTools(5, 'Fifth', ['Accepted'], '2020-01-01').replace(
      'The issue motivating this decision.',
      'See [ADR 2](0002-x.md) for more.\n\nWe use [Markdown](https://commonmark.org).\n\nUse [the helper](../tools/helper.md)',
    );
    const d = one(text, '/w/doc/adr/0005-fifth.md');
    assert.deepEqual(d.relations, []);
  });

  it('reads CRLF files with exact ranges', () => {
    const lf = adrTools(1, 'First Record', ['Superceded by [2. Second Record](0002-second-record.md)']);
    const text = lf.replace(/\n/g, '\r\n');
    const d = one(text, '/w/doc/adr/0001-first-record.md');
    const lfd = one(lf, '/w/doc/adr/0001-first-record.md');
    assert.equal(d.title, 'First Record');
    assert.deepEqual(d.titleRange, lfd.titleRange);
    assert.deepEqual(d.relations.map((r) => r.range), lfd.relations.map((r) => r.range));
    assert.equal(textAt(text, d.relations[0].range), 'Superceded by [2. Second Record](0002-second-record.md)');
    assert.equal(d.sections.context, 'The issue motivating this decision.');
    assert.ok(!d.sections.consequences?.includes('\r'));
  });

  it('counts a BOM as a column on the first line', () => {
    const text = '\uFEFF' + adrTools(12, 'With BOM', ['Accepted']);
    const d = one(text, '/w/doc/adr/0012-with-bom.md');
    assert.equal(d.title, 'With BOM');
    assert.equal(d.status.kind, 'accepted');
    // BOM, '# 12. ' → the title starts at column 7.
    assert.deepEqual(d.titleRange, { start: { line: 0, character: 7 }, end: { line: 0, character: 15 } });
    assert.equal(textAt(text, d.titleRange), 'With BOM');
  });

  it('reads dates in the old adr-tools dd/mm/yyyy form and in words', () => {
    assert.equal(one(adrTools(1, 'A', ['Accepted'], '12/02/2016'), '/a/0001-a.md').date, '2016-02-12');
    assert.equal(one(adrTools(1, 'A', ['Accepted'], '02/13/2016'), '/a/0001-a.md').date, '2016-02-13');
    assert.equal(one(adrTools(1, 'A', ['Accepted'], '12 February 2016'), '/a/0001-a.md').date, '2016-02-12');
    assert.equal(one(adrTools(1, 'A', ['Accepted'], 'Feb 3, 2016'), '/a/0001-a.md').date, '2016-02-03');
    assert.equal(one(adrTools(1, 'A', ['Accepted'], '2019-05-13, updated 2023-02-05'), '/a/0001-a.md').date, '2019-05-13');
    const bad = one(adrTools(1, 'A', ['Accepted'], 'sometime in spring'), '/a/0001-a.md');
    assert.equal(bad.date, 'sometime in spring');
    assert.deepEqual(bad.problems.map((p) => [p.code, p.range.start.line]), [['date-unrecognised', 2]]);
  });

  it('normalises the statuses teams write', () => {
    const kinds = ['Accepted', 'accepted ✅', '**Proposed**', 'Draft', 'Rejected', 'Deprecated', 'Superseded', 'Not accepted', 'Approved on 2020-01-01'].map(
      (s) => one(adrTools(1, 'A', [s]), '/a/0001-a.md').status.kind,
    );
    assert.deepEqual(kinds, ['accepted', 'accepted', 'proposed', 'draft', 'rejected', 'deprecated', 'superseded', 'rejected', 'accepted']);
    assert.equal(one(adrTools(1, 'A', ['**Proposed**']), '/a/0001-a.md').status.text, 'Proposed');
    assert.equal(one(adrTools(1, 'A', ['~~Proposed~~ Accepted']), '/a/0001-a.md').status.kind, 'accepted');
    assert.equal(one(adrTools(1, 'A', ['~~Accepted~~ Deprecated']), '/a/0001-a.md').status.kind, 'deprecated');
  });

  it('takes the number from the file name and warns when the heading disagrees', () => {
    const d = one(adrTools(7, 'Seven', ['Accepted']), '/w/doc/adr/0008-seven.md');
    assert.deepEqual(d.identity, { number: 8, numberText: '0008' });
    assert.deepEqual(d.problems.map((p) => [p.code, p.range.start.line]), [['number-mismatch', 0]]);
  });

  it('takes the number from the heading when the file name has none, in the forms teams write', () => {
    const cases: [string, object, string][] = [
      ['# 5. Use X', { number: 5, numberText: '5' }, 'Use X'],
      ['# 0009. Translations 2.0', { number: 9, numberText: '0009' }, 'Translations 2.0'],
      ['# ADR-0005: Use X', { number: 5, numberText: '0005', prefix: 'ADR' }, 'Use X'],
      ['# ADR 12 - Use X', { number: 12, numberText: '12', prefix: 'ADR' }, 'Use X'],
      ['# [ADR-7] Use X', { number: 7, numberText: '7', prefix: 'ADR' }, 'Use X'],
      ['# 001 Use X', { number: 1, numberText: '001' }, 'Use X'],
      ['# Python 3 support', { slug: 'use-x' }, 'Python 3 support'],
      ['# 2020 roadmap', { slug: 'use-x' }, '2020 roadmap'],
    ];
    for (const [heading, identity, title] of cases) {
      const d = one(doc([heading, '', '## Status', '', 'Accepted', '']), '/w/doc/adr/use-x.md');
      assert.deepEqual(d.identity, identity, heading);
      assert.equal(d.title, title, heading);
    }
  });

  it('writes titles without Markdown and finds them exactly', () => {
    const text = doc(['# 3. Use `adr-log` and **not** [adr-tools](https://x.y) <!-- draft -->', '', 'Date: 2020-01-01', '']);
    const d = one(text, '/w/doc/adr/0003-x.md');
    assert.equal(d.title, 'Use adr-log and not adr-tools');
    assert.equal(textAt(text, d.titleRange), 'Use `adr-log` and **not** [adr-tools](https://x.y) <!-- draft -->');
  });

  it('reads a `Status:` line under the title like a Status section', () => {
    const d = one(doc(['# 4. Use Y', '', 'Date: 2021-03-04', 'Status: Proposed', '', '## Context', '', 'Text.', '']), '/w/doc/adr/0004-use-y.md');
    assert.equal(d.format, 'nygard');
    assert.equal(d.status.kind, 'proposed');
    assert.equal(d.date, '2021-03-04');
  });

  it('reads a status written in its heading (`## Status: Accepted`)', () => {
    const text = doc(['# 4. Use Y', '', '## Status: **Rejected**', '', '## Context', '', 'Text.', '']);
    const d = one(text, '/w/doc/adr/0004-use-y.md');
    assert.deepEqual(d.status, { kind: 'rejected', text: 'Rejected' });
    assert.equal(d.sections.context, 'Text.');
  });

  it('reads the sections without their headings', () => {
    const d = one(adrTools(1, 'A', ['Accepted']), '/a/0001-a.md');
    assert.deepEqual(d.sections, {
      context: 'The issue motivating this decision.',
      decision: 'The change that we are proposing.',
      consequences: 'What becomes easier.',
    });
  });

  it('ignores metadata and relation lines inside code blocks', () => {
    const text = doc(['# 6. Code', '', '```', 'Date: 1999-01-01', 'Superseded by [1. X](0001-x.md)', '```', '', '## Status', '', 'Accepted', '']);
    const d = one(text, '/a/0006-code.md');
    assert.equal(d.date, undefined);
    assert.deepEqual(d.relations, []);
    assert.equal(d.status.kind, 'accepted');
  });
});
