import * as assert from 'node:assert/strict';
import { doc, one, textAt } from './parseHelpers';

describe('log4brains records', () => {
  const text = doc([
    '# Use Lunr for search',
    '',
    '- Status: superseded by [20210101-use-algolia](20210101-use-algolia.md)',
    '- Deciders: Thomas Vaillant, Jane',
    '- Date: 2020-11-03',
    '- Tags: search frontend, static-site',
    '',
    'Technical Story: <https://github.com/thomvaill/log4brains/issues/1>',
    '',
    '## Context and Problem Statement',
    '',
    'Full-text search.',
    '',
    '## Decision Outcome',
    '',
    'Chosen option: "Lunr", because it runs offline.',
    '',
    '## Links',
    '',
    '- Supersedes [20200901-no-search](20200901-no-search.md)',
    '- Relates to [package1/20201028-other](../../packages/package1/adr/20201028-other.md)',
    '- Inspired by [20200801-x](20200801-x.md)',
    '- [Lunr docs](https://lunrjs.com)',
    '- Classic link: [20200101-first-adr](20200101-first-adr.md)',
    '',
  ]);

  it('reads the slug id, bullets, space and comma separated tags', () => {
    const d = one(text, '/w/docs/adr/20201103-use-lunr-for-search.md');
    assert.equal(d.format, 'log4brains');
    assert.deepEqual(d.identity, { slug: '20201103-use-lunr-for-search' });
    assert.equal(d.title, 'Use Lunr for search');
    assert.equal(d.status.kind, 'superseded');
    assert.deepEqual(d.decisionMakers, ['Thomas Vaillant', 'Jane']);
    assert.equal(d.date, '2020-11-03');
    assert.deepEqual(d.tags, ['search', 'frontend', 'static-site']);
    assert.equal(d.sections.technicalStory, 'https://github.com/thomvaill/log4brains/issues/1');
    assert.equal(d.sections.chosenOption, 'Lunr');
  });

  it('reads relations from the status and the Links section, any verb there, never plain links', () => {
    const d = one(text, '/w/docs/adr/20201103-use-lunr-for-search.md');
    assert.deepEqual(
      d.relations.map((r) => [r.kind, r.verb, r.target.id ?? r.target.title, r.target.path, textAt(text, r.range)]),
      [
        ['superseded-by', 'superseded by', '20210101-use-algolia', '20210101-use-algolia.md', 'superseded by [20210101-use-algolia](20210101-use-algolia.md)'],
        ['supersedes', 'Supersedes', '20200901-no-search', '20200901-no-search.md', 'Supersedes [20200901-no-search](20200901-no-search.md)'],
        [
          'relates-to',
          'Relates to',
          'package1/20201028-other',
          '../../packages/package1/adr/20201028-other.md',
          'Relates to [package1/20201028-other](../../packages/package1/adr/20201028-other.md)',
        ],
        ['relates-to', 'Inspired by', '20200801-x', '20200801-x.md', 'Inspired by [20200801-x](20200801-x.md)'],
      ],
    );
  });

  it('reads a date-named record without any metadata as log4brains', () => {
    const d = one(doc(['# ADR with no metadata', '', '## Context and Problem Statement', '', 'Lorem ipsum.', '']), '/w/docs/adr/20201028-adr-with-no-metadata.md');
    assert.equal(d.format, 'log4brains');
    assert.deepEqual(d.identity, { slug: '20201028-adr-with-no-metadata' });
    assert.equal(d.status.kind, 'unknown');
    assert.equal(d.date, undefined);
  });

  it('reads metadata bullets after an introduction paragraph', () => {
    const d = one(doc(['# ADR with intro', '', 'This is an introduction.', '', '- Status: accepted', '- Date: 2020-01-02', '']), '/w/docs/adr/20200102-adr-with-intro.md');
    assert.equal(d.status.kind, 'accepted');
    assert.equal(d.date, '2020-01-02');
  });

  it('falls back to the file name for a record without a title, with a problem', () => {
    const d = one(doc(['- Deciders: John Doe', '- Date: 2020-01-02', '', '## Context and Problem Statement', '', 'Lorem ipsum.', '']), '/w/docs/adr/20200102-adr-without-title.md');
    assert.equal(d.title, 'Adr without title');
    assert.deepEqual(d.problems.map((p) => [p.code, p.severity]), [['missing-title', 'warning']]);
    assert.deepEqual(d.decisionMakers, ['John Doe']);
    assert.equal(d.sections.context, 'Lorem ipsum.');
  });
});

describe('dotnet-adr records', () => {
  const superseded = doc(['# Use a message bus', '', '## Status', '', 'Superseded by ADR 0002 - Use event sourcing', '', '## Context', '', 'Text.', '']);

  it('reads `Superseded by ADR 0002 - Title` as status and relation', () => {
    const d = one(superseded, '/w/Docs/Adr/0001-use-a-message-bus.md');
    assert.equal(d.format, 'dotnet-adr');
    assert.deepEqual(d.identity, { number: 1, numberText: '0001' });
    assert.equal(d.title, 'Use a message bus');
    assert.equal(d.status.kind, 'superseded');
    assert.equal(d.status.text, 'Superseded by ADR 0002 - Use event sourcing');
    assert.equal(d.relations.length, 1);
    assert.deepEqual(d.relations[0].target, { text: 'ADR 0002 - Use event sourcing', id: 'ADR 0002', title: 'Use event sourcing' });
    assert.equal(d.relations[0].kind, 'superseded-by');
    assert.equal(textAt(superseded, d.relations[0].range), 'Superseded by ADR 0002 - Use event sourcing');
  });

  it('reads an accepted dotnet-adr record as dotnet-adr when its folder says so', () => {
    const text = doc(['# Use event sourcing', '', '## Status', '', 'Accepted', '', '## Context', '', 'Text.', '']);
    assert.equal(one(text, '/w/Docs/Adr/0002-use-event-sourcing.md', { format: 'dotnet-adr' }).format, 'dotnet-adr');
    assert.equal(one(text, '/w/Docs/Adr/0002-use-event-sourcing.md').format, 'nygard');
  });
});
