/**
 * Record shapes of the second corpus batch, written as small records of our own in those
 * shapes: status words, relations with emphasis and URLs, long MADR 2 records that are not logs,
 * `# Meta` titles, logs of id headings followed by prose, reStructuredText SEEDs.
 */
import * as assert from 'node:assert/strict';
import type { StatusKind } from '../../src/core/model';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { statusKind } from '../../src/core/parse/status';
import { doc, one, textAt } from './parseHelpers';

describe('record shapes of real repositories', () => {
  describe('status vocabulary', () => {
    const table: readonly [string, StatusKind][] = [
      ['Not-Implemented', 'not-implemented'],
      ['Not implemented', 'not-implemented'],
      ['Proposal', 'proposed'],
      ['Adopted', 'accepted'],
      ['Implemented', 'accepted'],
      ['Accepted (by consensus), implemented', 'accepted'],
      ['[accepted ]', 'accepted'],
      ['pending', 'proposed'],
      ['Intent Approved', 'proposed'],
      ['Accepted', 'accepted'],
      ['Rejected in favour of ADR 111', 'rejected'],
      ['Open For Comments', 'proposed'],
      ['open_for_comments', 'proposed'],
      ['Draft.', 'draft'],
      ['In review', 'proposed'],
      ['Declined', 'rejected'],
      ['Reverted', 'deprecated'],
      ['On Hold', 'on-hold'],
      ['Partially Accepted', 'accepted'],
      ['Approved.', 'accepted'],
      ['Implemented (moved to cosmos-sdk)', 'accepted'],
      ['Accepted; decision 1 superseded 2026-08-12 by', 'accepted'],
      ['Meta', 'unknown'],
    ];
    for (const [word, kind] of table) {
      it(`"${word}" is ${kind}`, () => assert.equal(statusKind(word), kind));
    }

    it('keeps the word as written beside the kind, emphasis removed', () => {
      const d = one(doc(['# ADR-0006: A second backend', '', '- Status: **Accepted**, implemented 2026-08-16', '- Date: 2026-08-08', '']), '/w/rfcs/0006-x.md');
      assert.deepEqual(d.status, { kind: 'accepted', text: 'Accepted, implemented 2026-08-16' });
      const n = one(doc(['# X', '', '## Status', '', 'Not-Implemented', '']), '/w/docs/adr/0001-x.md');
      assert.deepEqual(n.status, { kind: 'not-implemented', text: 'Not-Implemented' });
      assert.deepEqual(n.problems, []);
    });
  });

  describe('relations written with emphasis or URLs', () => {
    it('reads a status that says superseded by a link inside bold', () => {
      const text = doc(['# Tracing', '', '* status: **superseded by [MADR-042](./042-x.md)**', '* date: 2024-01-02', '']);
      const d = one(text, '/w/docs/madr/017-tracing.md');
      assert.equal(d.status.kind, 'superseded');
      assert.deepEqual(
        d.relations.map((r) => [r.kind, r.target.id, r.target.path]),
        [['superseded-by', 'MADR-042', './042-x.md']],
      );
      assert.match(textAt(text, d.relations[0].range), /^superseded by \[MADR-042\]\(\.\/042-x\.md\)/);
    });

    it('reads `Supersedes:` with a bare URL to a record, with a link to a record URL, and not with a pull request', () => {
      const text = doc([
        '# Meta',
        '[meta]: #meta',
        '- Name: Registry v2',
        '- Status: Implemented',
        '- Supersedes: https://github.com/org/rfcs/blob/main/text/0031-registry.md',
        '',
        '# Summary',
        '',
        '- Supersedes: [RFC0069](https://github.com/org/rfcs/blob/0a1b2c3/text/0069-stacks.md?plain=1#L97), [RFC#167](https://github.com/org/rfcs/pull/167), many others',
        '- Supersedes: https://github.com/org/rfcs/pull/24',
        '',
      ]);
      const d = one(text, '/w/rfcs/text/0044-registry-v2.md');
      assert.equal(d.title, 'Registry v2');
      assert.deepEqual(
        d.relations.map((r) => [r.kind, r.target.path, r.target.id]),
        [
          ['supersedes', 'text/0031-registry.md', undefined],
          ['supersedes', 'text/0069-stacks.md', 'RFC0069'],
        ],
      );
    });
  });

  describe('one record, however long', () => {
    // A MADR 2 record with many `####` option headings and API field bullets whose key is
    // `status`: one record whose status is its own, never a log of phantom decisions.
    const long = doc([
      '# Expose resource states in the API',
      '',
      '* Status: accepted',
      '* Deciders: Ana, Ben',
      '* Date: 2021-03-04',
      '',
      '## Considered Options',
      '',
      '#### Option 1: a state field',
      '',
      '* **status**: the state of the resource',
      '* **date**: when the state last changed',
      '* **decision**: who changed it',
      '',
      '#### Option 2: a state history',
      '',
      '* **status**: the latest state',
      '* **date**: the time of the latest state',
      '* **context**: the request that changed it',
      '',
      '## Decision Outcome',
      '',
      'Chosen option: "Option 1: a state field", because it is simple.',
      '',
    ]);

    it('is one record with the status of its header', () => {
      const ds = parseRecord(long, '/w/docs/adr/0012-resource-states.md');
      assert.equal(ds.length, 1);
      assert.deepEqual([ds[0].title, ds[0].status.text, ds[0].date, ds[0].identity.number], ['Expose resource states in the API', 'accepted', '2021-03-04', 12]);
    });

    it('is one record with several H1s when read as a record (buildpacks: `# Meta`, `# Summary`, ...)', () => {
      const text = doc([
        '# Meta',
        '- Name: 2023H2 Roadmap',
        '- Status: Approved',
        '',
        '# Summary',
        '',
        '#### Release Base Image Extension',
        '- Owner: @jane',
        '- Status: In progress',
        '- Date: 2023-09-01',
        '',
        '#### Remove Stacks',
        '- Owner: @joe',
        '- Status: Done',
        '- Date: 2023-10-01',
        '',
      ]);
      const ds = parseRecord(text, '/w/rfcs/text/0122-2023H2-roadmap.md', { kind: 'record' });
      assert.equal(ds.length, 1);
      assert.deepEqual([ds[0].title, ds[0].status.text], ['2023H2 Roadmap', 'Approved']);
    });
  });

  describe('decision logs of id headings followed by prose', () => {
    it('reads `### D12 — Title` entries, their prefix and number', () => {
      const text = doc(['# Decisions', '', '### D12 — Use webhooks', '', 'We receive webhooks.', '', '### D13 — Poll as a fallback', '', 'When webhooks stop (D12).', '']);
      const ds = parseRecord(text, '/w/DECISIONS.md');
      assert.deepEqual(
        ds.map((d) => [d.identity.prefix, d.identity.number, d.title]),
        [
          ['D', 12, 'Use webhooks'],
          ['D', 13, 'Poll as a fallback'],
        ],
      );
    });

    it('reads `## DEC-004: Title` and `## 2024-03-01: Title` entries', () => {
      const dec = parseRecord(doc(['## DEC-004: Cache in Redis', '', 'Prose.', '', '## DEC-005: Evict hourly', '', 'Prose.', '']), '/w/decision-log.md');
      assert.deepEqual(dec.map((d) => [d.identity.prefix, d.identity.number, d.title]), [['DEC', 4, 'Cache in Redis'], ['DEC', 5, 'Evict hourly']]);
      const dated = parseRecord(doc(['## 2024-03-01: Cache in Redis', '', 'Prose.', '', '## 2024-04-02: Evict hourly', '', 'Prose.', '']), '/w/decision-log.md');
      assert.deepEqual(dated.map((d) => [d.date, d.title]), [['2024-03-01', 'Cache in Redis'], ['2024-04-02', 'Evict hourly']]);
    });

    it('takes the bold summary under an id-only heading as the title (a gap register)', () => {
      const text = doc([
        '# Gap register',
        '',
        '## Index',
        '',
        '| ID | Gap |',
        '|----|-----|',
        '| [GAP-009](#gap-009) | Prompts |',
        '',
        '## Refused',
        '',
        '### GAP-009',
        '',
        '**MCP prompts are',
        'unsupported.**',
        '',
        '*Why not yet.* Prose, with Closes: nothing.',
        '',
        '## Closed',
        '',
        '### GAP-021',
        '',
        '**One model vendor.** *Closed in 0.3.0.*',
        '',
      ]);
      const ds = parseRecord(text, '/w/docs/gaps.md', { kind: 'log' });
      assert.deepEqual(
        ds.map((d) => [d.identity.prefix, d.identity.numberText, d.title, d.problems.length]),
        [
          ['GAP', '009', 'MCP prompts are unsupported', 0],
          ['GAP', '021', 'One model vendor', 0],
        ],
      );
      assert.equal(textAt(text, ds[1].titleRange), 'One model vendor');
    });
  });

  describe('reStructuredText records', () => {
    it('reads a SEED: number, title, status, date and authors from the `.. seed::` directive', () => {
      const text = doc([
        '.. _seed-0128:',
        '',
        '=================================',
        '0128: Abstracting Thread Creation',
        '=================================',
        '.. seed::',
        '   :number: 128',
        '   :name: Abstracting Thread Creation',
        '   :status: Intent Approved',
        '   :proposal_date: 2024-04-25',
        '   :authors: Wyatt Hepler, Taylor Cramer',
        '',
        '-------',
        'Summary',
        '-------',
        'This SEED proposes SEED-0101 be amended.',
        '',
      ]);
      const d = one(text, '/w/seed/0128.rst');
      assert.deepEqual(
        [d.identity.number, d.identity.numberText, d.title, d.status.kind, d.status.text, d.date, d.decisionMakers],
        [128, '0128', 'Abstracting Thread Creation', 'proposed', 'Intent Approved', '2024-04-25', ['Wyatt Hepler', 'Taylor Cramer']],
      );
      assert.equal(textAt(text, d.titleRange), 'Abstracting Thread Creation');
    });

    it('reads the status of an RFC from its `Status` section', () => {
      const text = doc(['RFC 013: ABCI++', '===============', '', 'Status', '------', '', 'Accepted (by consensus), implemented', '', 'Context', '-------', '', 'Text.', '']);
      const d = one(text, '/w/docs/references/rfc/rfc-013-abci.rst');
      assert.deepEqual([d.title, d.status.kind, d.status.text, d.sections.context], ['ABCI++', 'accepted', 'Accepted (by consensus), implemented', 'Text.']);
    });

    it('reads an RFC title between `====` lines, and no SEED index page', () => {
      const d = one(doc(['====================', 'RFC 000: P2P Roadmap', '====================', '', 'Changelog', '---------', '', '- 2021-08-20: draft', '']), '/w/docs/references/rfc/rfc-000-p2p-roadmap.rst');
      assert.deepEqual([d.identity.number, d.title, d.status.kind], [0, 'P2P Roadmap', 'unknown']);
      assert.deepEqual(parseRecord(doc(['.. _seed-0000:', '', '==========', 'SEED index', '==========', 'All SEEDs.', '']), '/w/seed/0000.rst'), []);
    });
  });

  it('keeps the title\'s inline Markdown for hovers and plain text for lists', () => {
    const d = one(doc(['# Use same `logback-test.xml` for *every* sub project', '', '## Context and Problem Statement', '', 'Text.', '']), '/w/docs/adr/0025-x.md');
    assert.equal(d.title, 'Use same logback-test.xml for every sub project');
    assert.equal(d.titleMarkdown, 'Use same `logback-test.xml` for *every* sub project');
    const plain = one(doc(['# Plain title', '']), '/w/docs/adr/0026-x.md');
    assert.equal(plain.titleMarkdown, undefined);
  });

  it("applies log4brains' default status only in a folder log4brains owns, and says so", () => {
    const text = doc(['# No status here', '', '- Date: 2020-01-02', '']);
    assert.deepEqual(one(text, '/w/docs/adr/20200102-x.md', { tool: 'log4brains' }).status, { kind: 'accepted', text: '', defaultOf: 'log4brains' });
    assert.deepEqual(one(text, '/w/docs/adr/20200102-x.md').status, { kind: 'unknown', text: '' });
    assert.deepEqual(one(doc(['# X', '', '- Status: proposed', '']), '/w/docs/adr/20200102-y.md', { tool: 'log4brains' }).status, { kind: 'proposed', text: 'proposed' });
  });
});
