import * as assert from 'node:assert/strict';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { doc, textAt } from './parseHelpers';

describe('decision logs', () => {
  it('reads `**Key**: value` fields, ids stated in headings, and relations by id', () => {
    const text = doc([
      '# Platform decisions',
      '',
      '## DL-1: Use GitHub Actions',
      '',
      '**Date**: 2025-01-10',
      '**Decision**: Move CI to GitHub Actions.',
      '**Decision maker(s)**: Ana, Ben',
      '**Status**: Superseded by DL-3',
      '',
      '## DL-3: Use Buildkite',
      '',
      '- **Date:** 10 March 2025',
      '- **Decision:** Move CI to Buildkite',
      '  for the self-hosted runners.',
      '- **Supersedes:** DL-1',
      '- **Status:** Accepted',
      '',
    ]);
    const [a, b] = parseRecord(text, '/w/docs/decision-log.md');
    assert.equal(a.format, 'decision-log');
    assert.deepEqual(a.identity, { number: 1, numberText: '1', prefix: 'DL' });
    assert.equal(a.title, 'Use GitHub Actions');
    assert.equal(textAt(text, a.titleRange), 'Use GitHub Actions');
    assert.equal(a.date, '2025-01-10');
    assert.deepEqual(a.decisionMakers, ['Ana', 'Ben']);
    assert.equal(a.status.kind, 'superseded');
    assert.deepEqual(
      a.relations.map((r) => [r.kind, r.target.id]),
      [['superseded-by', 'DL-3']],
    );
    assert.deepEqual(b.identity, { number: 3, numberText: '3', prefix: 'DL' });
    assert.equal(b.date, '2025-03-10');
    assert.equal(b.sections.decision, 'Move CI to Buildkite\n  for the self-hosted runners.');
    assert.equal(b.status.kind, 'accepted');
    assert.deepEqual(
      b.relations.map((r) => [r.kind, r.verb, r.target.id, textAt(text, r.range)]),
      [['supersedes', 'Supersedes', 'DL-1', '**Supersedes:** DL-1']],
    );
    assert.deepEqual(a.range, { start: { line: 2, character: 0 }, end: { line: 7, character: 30 } });
  });

  it('numbers entries by their place in the log unless the heading states a number', () => {
    const text = doc(['## First', 'Date: 2024-01-01', 'Decision: A', '', '## 7. Seventh', 'Date: 2024-01-02', 'Decision: B', '', '## Third', 'Decision: C', '']);
    const ds = parseRecord(text, '/w/DECISIONS.md');
    assert.deepEqual(
      ds.map((d) => [d.identity.number, d.title]),
      [
        [1, 'First'],
        [7, 'Seventh'],
        [3, 'Third'],
      ],
    );
  });

  it('reads list values, multi-line values and date headings', () => {
    const text = doc([
      '# Log',
      '',
      '## 2024-05-01 — Adopt feature flags',
      '',
      'Context: Releases are risky.',
      'Big releases broke checkout twice.',
      '',
      'Alternatives considered:',
      '',
      '- Release trains',
      '- Canary deploys only',
      '',
      'Trade-offs: More code paths.',
      'Decision makers: Eng manager; PM',
      'Tags: release, process',
      'Applies to: `src/flags/**`, `config/flags.yml`',
      '',
    ]);
    const [d] = parseRecord(text, '/w/DECISIONS.md');
    assert.equal(d.title, 'Adopt feature flags');
    assert.equal(d.date, '2024-05-01');
    assert.equal(d.sections.context, 'Releases are risky.\nBig releases broke checkout twice.');
    assert.deepEqual(d.sections.consideredOptions, ['Release trains', 'Canary deploys only']);
    assert.equal(d.sections.tradeOffs, 'More code paths.');
    assert.deepEqual(d.decisionMakers, ['Eng manager', 'PM']);
    assert.deepEqual(d.tags, ['release', 'process']);
    assert.deepEqual(d.appliesTo, ['src/flags/**', 'config/flags.yml']);
    assert.equal(d.status.kind, 'unknown');
  });

  it('detects a log by its content when the file has another name, and forced by kind', () => {
    const text = doc(['## A', 'Date: 2024-01-01', 'Decision: A', '', '## B', 'Date: 2024-01-02', 'Status: Proposed', '']);
    assert.equal(parseRecord(text, '/w/notes/choices.md').length, 2);
    assert.equal(parseRecord(text, '/w/notes/choices.md', { kind: 'record' }).length, 1);
    const single = doc(['## Only entry', 'Date: 2024-01-01', 'Decision: A', '']);
    assert.equal(parseRecord(single, '/w/notes/choices.md', { kind: 'log' })[0].format, 'decision-log');
  });

  it('reads CRLF logs with exact ranges and a BOM on the first heading', () => {
    const lf = doc(['## Use webhooks', '', 'Date: 2026-02-15', 'Status: Accepted', '', '## Poll as fallback', '', 'Date: 2026-04-11', 'Status: Proposed', 'Amends: Use webhooks', '']);
    const text = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    const ds = parseRecord(text, '/w/decision-log.md');
    assert.equal(ds.length, 2);
    assert.equal(textAt(text, ds[0].titleRange), 'Use webhooks');
    assert.equal(ds[0].titleRange.start.character, 4, 'BOM + "## "');
    assert.equal(textAt(text, ds[1].relations[0].range), 'Amends: Use webhooks');
    assert.deepEqual(ds[1].relations[0].target, { text: 'Use webhooks', title: 'Use webhooks' });
    assert.deepEqual(ds[1].range, { start: { line: 5, character: 0 }, end: { line: 9, character: 20 } });
  });

  it('puts problems of the whole file on the first entry and reads on', () => {
    const text = doc(['---', 'owner: [a', '---', '## One', 'Date: 2024-13-45', 'Decision: A', '', '## Two', 'Decision: B', '']);
    const ds = parseRecord(text, '/w/DECISIONS.md');
    assert.equal(ds.length, 2);
    assert.deepEqual(
      ds[0].problems.map((p) => [p.code, p.range.start.line]).sort(),
      [
        ['date-unrecognised', 4],
        ['yaml-invalid', 1],
      ].sort(),
    );
    assert.deepEqual(ds[1].problems, []);
  });

  it('reads links to other entries of the same log by their title', () => {
    const text = doc(['## Use webhooks', 'Decision: A', '', '## Poll as fallback', 'Decision: B', 'Amends: [Use webhooks](#use-webhooks)', '']);
    const [, b] = parseRecord(text, '/w/DECISIONS.md');
    assert.deepEqual(
      b.relations.map((r) => [r.kind, r.target]),
      [['amends', { text: '[Use webhooks](#use-webhooks)', title: 'Use webhooks' }]],
    );
  });

  it('returns no decisions for a log without headings', () => {
    assert.deepEqual(parseRecord('Just some notes.\n', '/w/DECISIONS.md'), []);
    assert.deepEqual(parseRecord('', '/w/DECISIONS.md'), []);
  });

  it('skips headings without fields among entries, and reads sub-headed entries', () => {
    const text = doc([
      '# Decisions',
      '',
      '## How to add an entry',
      '',
      'Copy the last one.',
      '',
      '## Use Rust for the parser',
      '',
      'Date: 2024-02-02',
      'Status: Accepted',
      '',
      '### Context',
      '',
      'Speed matters.',
      '',
      '### Decision',
      '',
      'Rewrite in Rust.',
      '',
    ]);
    const ds = parseRecord(text, '/w/DECISIONS.md');
    assert.deepEqual(
      ds.map((d) => [d.identity.number, d.title, d.sections.context, d.sections.decision]),
      [[1, 'Use Rust for the parser', 'Speed matters.', 'Rewrite in Rust.']],
    );
  });
});
