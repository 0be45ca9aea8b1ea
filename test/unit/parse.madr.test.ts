import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { doc, one, rangeInside, textAt } from './parseHelpers';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

function madr4(frontMatter: string[], body: string[] = []): string {
  return doc([
    '---',
    ...frontMatter,
    '---',
    '',
    '# Use PostgreSQL for orders',
    '',
    '## Context and Problem Statement',
    '',
    'We need a database.',
    '',
    '## Considered Options',
    '',
    '* PostgreSQL',
    '* MongoDB',
    '* {title of option 3} <!-- placeholder -->',
    '',
    '## Decision Outcome',
    '',
    'Chosen option: "PostgreSQL", because it fits.',
    '',
    '### Consequences',
    '',
    '* Good, because transactions',
    '* Bad, because migrations',
    '',
    '### Confirmation',
    '',
    'Reviewed in design review.',
    '',
    ...body,
  ]);
}

describe('MADR 3 and 4 records (YAML front matter)', () => {
  it('reads MADR 4 metadata: status, date, decision-makers, consulted, informed, tags', () => {
    const text = madr4([
      'status: accepted',
      'date: 2024-01-15',
      'decision-makers: [Alice Smith, Bob]',
      'consulted: Carol, Dan',
      'informed:',
      '  - everyone',
      'tags: [storage, backend]',
    ]);
    const d = one(text, '/w/docs/decisions/0007-use-postgresql.md');
    assert.equal(d.format, 'madr4');
    assert.deepEqual(d.identity, { number: 7, numberText: '0007' });
    assert.equal(d.title, 'Use PostgreSQL for orders');
    assert.deepEqual(d.status, { kind: 'accepted', text: 'accepted' });
    assert.equal(d.date, '2024-01-15');
    assert.deepEqual(d.decisionMakers, ['Alice Smith', 'Bob']);
    assert.deepEqual(d.consulted, ['Carol', 'Dan']);
    assert.deepEqual(d.informed, ['everyone']);
    assert.deepEqual(d.tags, ['storage', 'backend']);
    assert.deepEqual(d.problems, []);
    assert.equal(d.sections.context, 'We need a database.');
    assert.deepEqual(d.sections.consideredOptions, ['PostgreSQL', 'MongoDB', '{title of option 3}']);
    assert.equal(d.sections.chosenOption, 'PostgreSQL');
    assert.equal(d.sections.decision, 'Chosen option: "PostgreSQL", because it fits.');
    assert.equal(d.sections.consequences, '* Good, because transactions\n* Bad, because migrations');
    assert.equal(textAt(text, d.titleRange), 'Use PostgreSQL for orders');
    assert.equal(d.titleRange.start.line, 10);
  });

  it('tells MADR 3 (`deciders`) from MADR 4 (`decision-makers`)', () => {
    const d = one(madr4(['status: proposed', 'deciders: Alice, Bob']), '/w/docs/decisions/0001-x.md');
    assert.equal(d.format, 'madr3');
    assert.deepEqual(d.decisionMakers, ['Alice', 'Bob']);
    assert.equal(d.status.kind, 'proposed');
  });

  it('reads `status: superseded by ADR-0123` as a relation at the status value', () => {
    const text = madr4(['status: superseded by ADR-0123', 'date: 2024-02-01']);
    const d = one(text, '/w/docs/decisions/0009-x.md');
    assert.equal(d.status.kind, 'superseded');
    assert.equal(d.status.text, 'superseded by ADR-0123');
    assert.equal(d.relations.length, 1);
    assert.equal(d.relations[0].kind, 'superseded-by');
    assert.equal(d.relations[0].target.id, 'ADR-0123');
    assert.equal(textAt(text, d.relations[0].range), 'superseded by ADR-0123');
  });

  it('reads a superseded status with a Markdown link, quoted', () => {
    const text = madr4(['status: "superseded by [ADR-0005](0005-use-x.md)"']);
    const d = one(text, '/w/docs/decisions/0002-x.md');
    assert.equal(d.status.kind, 'superseded');
    assert.equal(d.status.text, 'superseded by ADR-0005');
    assert.deepEqual(
      d.relations.map((r) => [r.kind, r.target.id, r.target.path]),
      [['superseded-by', 'ADR-0005', '0005-use-x.md']],
    );
    assert.equal(textAt(text, d.relations[0].range), '"superseded by [ADR-0005](0005-use-x.md)"');
  });

  it('reads the extra keys: id with its prefix, supersedes, superseded-by, applies-to and affectedPaths', () => {
    const text = madr4([
      'id: MADR-0042',
      'status: accepted',
      'supersedes: [MADR-0012, 0007-old.md]',
      'superseded-by: "[MADR-0050](0050-new.md)"',
      'applies-to:',
      '  - "src/orders/**"',
      '  - src/db/*.ts',
    ]);
    const d = one(text, '/w/docs/decisions/use-postgresql.md');
    assert.deepEqual(d.identity, { number: 42, numberText: '0042', prefix: 'MADR' });
    assert.deepEqual(
      d.relations.map((r) => [r.kind, r.target.id, r.target.path, textAt(text, r.range)]),
      [
        ['supersedes', 'MADR-0012', undefined, 'MADR-0012'],
        ['supersedes', undefined, '0007-old.md', '0007-old.md'],
        ['superseded-by', 'MADR-0050', '0050-new.md', '"[MADR-0050](0050-new.md)"'],
      ],
    );
    assert.deepEqual(d.appliesTo, ['src/orders/**', 'src/db/*.ts']);
    const camel = one(madr4(['affectedPaths: "src/a/**, src/b/**"']), '/w/docs/decisions/0001-x.md');
    assert.deepEqual(camel.appliesTo, ['src/a/**', 'src/b/**']);
  });

  it('reports malformed YAML with its line and still reads the record', () => {
    const text = madr4(['status: accepted', 'date: 2024-01-15', 'decision-makers: [Alice, Bob', 'tags: x']);
    const d = one(text, '/w/docs/decisions/0003-x.md');
    assert.equal(d.title, 'Use PostgreSQL for orders');
    const yaml = d.problems.filter((p) => p.code === 'yaml-invalid');
    assert.ok(yaml.length >= 1, 'a yaml-invalid problem');
    assert.equal(yaml[0].severity, 'error');
    // The error is inside the front matter (lines 1-4), and the readable keys before it are kept.
    for (const p of yaml) assert.ok(p.range.start.line >= 1 && p.range.start.line <= 5, `line ${p.range.start.line}`);
    assert.equal(d.status.kind, 'accepted');
    assert.equal(d.date, '2024-01-15');
  });

  it('reports an unterminated quote on the line where the YAML breaks', () => {
    const text = doc(['---', 'status: "accepted', 'date: 2024-01-15', '---', '# T', '']);
    const d = one(text, '/w/docs/decisions/0003-x.md');
    const p = d.problems.find((q) => q.code === 'yaml-invalid');
    assert.ok(p);
    assert.ok(p.range.start.line >= 1 && p.range.start.line <= 3);
    assert.ok(rangeInside(text, p.range));
  });

  it('reports duplicate keys and keeps the first value', () => {
    const d = one(doc(['---', 'status: accepted', 'status: rejected', '---', '# T', '']), '/w/docs/decisions/0003-x.md');
    assert.equal(d.status.kind, 'accepted');
    assert.deepEqual(d.problems.map((p) => [p.code, p.range.start.line]), [['yaml-invalid', 2]]);
  });

  it('reports front matter that is not a mapping, and front matter left open', () => {
    const list = one(doc(['---', '- a', '- b', '---', '# T', '']), '/w/docs/decisions/0003-x.md');
    assert.deepEqual(list.problems.map((p) => [p.code, p.range.start.line]), [['front-matter-not-mapping', 0]]);
    assert.equal(list.title, 'T');
    const open = one(doc(['---', 'status: accepted', '', '# T', '', 'Text.']), '/w/docs/decisions/0003-x.md');
    assert.deepEqual(open.problems.map((p) => [p.code, p.range.start.line]), [['front-matter-unclosed', 0]]);
    assert.equal(open.title, 'T');
  });

  it('reports template placeholders that YAML reads as mappings and ignores them', () => {
    // The MADR 4 template writes `date: {YYYY-MM-DD when the decision was last updated}`.
    const text = madr4(['status: accepted', 'date: {YYYY-MM-DD when the decision was last updated}']);
    const d = one(text, '/w/docs/decisions/0003-x.md');
    assert.equal(d.date, undefined);
    assert.deepEqual(d.problems.map((p) => [p.code, p.range.start.line]), [['front-matter-value', 2]]);
  });

  it('keeps exact ranges with CRLF line ends and a BOM before the front matter', () => {
    const lf = madr4(['status: superseded by ADR-0123']);
    const text = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    const d = one(text, '/w/docs/decisions/0009-x.md');
    assert.equal(d.format, 'madr4');
    assert.equal(d.status.kind, 'superseded');
    assert.equal(textAt(text, d.relations[0].range), 'superseded by ADR-0123');
    assert.equal(textAt(text, d.titleRange), 'Use PostgreSQL for orders');
    assert.equal(d.sections.consequences, '* Good, because transactions\n* Bad, because migrations');
  });

  it('does not read a status from a code block that shows front matter', () => {
    // madr/docs/decisions/0013 shows `status: accepted` inside a fenced example.
    const file = resolve(CORPUS, 'madr/docs/decisions/0013-use-yaml-front-matter-for-meta-data.md');
    const d = one(readFileSync(file, 'utf8'), file);
    assert.equal(d.status.kind, 'unknown');
    assert.deepEqual(d.sections.consideredOptions, ['Use YAML front matter', 'Use plain Markdown everywhere']);
  });

  it('reads Jekyll-only front matter as MADR when the body is MADR', () => {
    const d = one(doc(['---', 'parent: Decisions', 'nav_order: 3', '---', '# Use X', '', '## Considered Options', '', '* X', '* Y', '']), '/w/docs/decisions/0003-use-x.md');
    assert.equal(d.format, 'madr4');
    assert.deepEqual(d.sections.consideredOptions, ['X', 'Y']);
  });
});

describe('MADR 2 records (bullets)', () => {
  const text = doc([
    '# Use Markdown Architectural Decision Records',
    '',
    '* Status: superseded by [ADR-0005](0005-example.md)',
    '* Deciders: Oliver Kopp, Anna',
    '* Date: 2018-09-02',
    '',
    'Technical Story: [#12](https://github.com/adr/madr/issues/12)',
    '',
    '## Context and Problem Statement',
    '',
    'Which format?',
    '',
    '## Considered Options',
    '',
    '* [MADR](https://adr.github.io/madr/) 2.1.2',
    '* Formless',
    '',
    '## Decision Outcome',
    '',
    'Chosen option: "MADR 2.1.2", because it is lean.',
    '',
    '### Positive Consequences <!-- optional -->',
    '',
    '* Lean',
    '',
    '### Negative Consequences <!-- optional -->',
    '',
    '* New',
    '',
    '## Links',
    '',
    '* Refined by [ADR-0006](0006-refine.md)',
    '* [Unrelated page](https://example.com)',
    '',
  ]);

  it('reads the bullets, technical story, options, chosen option and links', () => {
    const d = one(text, '/w/docs/adr/0001-use-madr.md');
    assert.equal(d.format, 'madr2');
    assert.equal(d.status.kind, 'superseded');
    assert.deepEqual(d.decisionMakers, ['Oliver Kopp', 'Anna']);
    assert.equal(d.date, '2018-09-02');
    assert.equal(d.sections.technicalStory, '#12');
    assert.deepEqual(d.sections.consideredOptions, ['MADR 2.1.2', 'Formless']);
    assert.equal(d.sections.chosenOption, 'MADR 2.1.2');
    assert.equal(d.sections.decision, 'Chosen option: "MADR 2.1.2", because it is lean.');
    assert.equal(d.sections.consequences, '### Positive Consequences <!-- optional -->\n\n* Lean\n\n### Negative Consequences <!-- optional -->\n\n* New');
    assert.deepEqual(
      d.relations.map((r) => [r.kind, r.verb, r.target.id, r.target.path, textAt(text, r.range)]),
      [
        ['superseded-by', 'superseded by', 'ADR-0005', '0005-example.md', 'superseded by [ADR-0005](0005-example.md)'],
        ['relates-to', 'Refined by', 'ADR-0006', '0006-refine.md', 'Refined by [ADR-0006](0006-refine.md)'],
      ],
    );
  });

  it('reads the MADR 2 template of the templates collection as MADR 2 with a placeholder status', () => {
    const file = resolve(CORPUS, 'templates/locales/en/templates/decision-record-template-of-the-madr-project/index.md');
    const d = one(readFileSync(file, 'utf8'), '/w/docs/adr/0001-template-copy.md');
    assert.equal(d.format, 'madr2');
    assert.equal(d.title, '[short title of solved problem and solution]');
    assert.equal(d.status.kind, 'unknown', 'a list of statuses is a placeholder, not a status');
    assert.equal(d.sections.chosenOption, '[option 1]');
    assert.deepEqual(d.sections.consideredOptions, ['[option 1]', '[option 2]', '[option 3]']);
  });

  it('is not confused with a decision log by its many Key: value lines', () => {
    assert.equal(parseRecord(text, '/w/docs/adr/0001-use-madr.md').length, 1);
  });
});
