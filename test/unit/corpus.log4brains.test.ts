/**
 * log4brains' own expectations for its read-only test project, as our table: the 20 records of
 * `log4brains/packages/core/integration-tests/ro-project` with the status, `supersededBy` and
 * publication date log4brains' integration test expects (thomvaill/log4brains,
 * `packages/core/integration-tests/ro.test.ts` and its snapshot
 * `__snapshots__/ro.test.ts.snap`, "searchAdrs() all"). log4brains reads a record without a
 * status as accepted; in a folder log4brains owns we follow that default and say so.
 */
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { toPosix } from '../../src/cli/nodeWorkspace';
import { scanWorkspace } from '../../src/cli/scan';
import type { IndexedDecision } from '../../src/core/index';

const RO = toPosix(resolve(__dirname, '../../../shared/corpus/log4brains/packages/core/integration-tests/ro-project'));

interface Log4brainsExpectation {
  /** log4brains' slug: `<package>/<file name without .md>` for package records. */
  readonly slug: string;
  readonly status: 'accepted' | 'proposed' | 'rejected' | 'superseded' | 'draft';
  readonly supersededBy: string | null;
  /** The day of log4brains' `publicationDate` (it stores the end of that day in local time). */
  readonly date: string | null;
}

// From the snapshot, in log4brains' own order.
const EXPECTED: readonly Log4brainsExpectation[] = [
  { slug: '20200101-first-adr', status: 'accepted', supersededBy: null, date: '2020-01-01' },
  { slug: 'package1/20200101-first-adr', status: 'accepted', supersededBy: null, date: '2020-01-01' },
  { slug: '20200102-adr-only-with-date', status: 'accepted', supersededBy: null, date: '2020-01-02' },
  { slug: '20200102-adr-with-intro', status: 'accepted', supersededBy: null, date: '2020-01-02' },
  { slug: '20200102-adr-without-status', status: 'accepted', supersededBy: null, date: '2020-01-02' },
  { slug: '20200102-adr-without-title', status: 'accepted', supersededBy: null, date: '2020-01-02' },
  { slug: 'adr_with_a_WeIrd-filename', status: 'accepted', supersededBy: null, date: '2020-01-02' },
  { slug: '20201028-adr-with-no-metadata-no-title', status: 'accepted', supersededBy: null, date: null },
  { slug: '20201028-adr-with-no-metadata', status: 'accepted', supersededBy: null, date: null },
  { slug: '20201028-adr-without-date', status: 'accepted', supersededBy: null, date: null },
  { slug: 'package1/20201028-adr-without-date', status: 'accepted', supersededBy: null, date: null },
  { slug: '20201028-links', status: 'accepted', supersededBy: null, date: '2020-10-28' },
  { slug: 'package1/20201028-links-in-package', status: 'accepted', supersededBy: null, date: '2020-10-28' },
  { slug: 'package2/20201028-links-to-another-package', status: 'accepted', supersededBy: null, date: '2020-10-28' },
  { slug: 'package1/20201028-links-to-global', status: 'accepted', supersededBy: null, date: '2020-10-28' },
  { slug: '20201028-superseded-adr', status: 'superseded', supersededBy: '20201029-superseder', date: '2020-10-28' },
  { slug: '20201029-proposed-adr', status: 'proposed', supersededBy: null, date: '2020-10-29' },
  { slug: '20201029-rejected-adr', status: 'rejected', supersededBy: null, date: '2020-10-29' },
  { slug: '20201029-superseder', status: 'accepted', supersededBy: null, date: '2020-10-29' },
  { slug: '20201030-draft-adr', status: 'draft', supersededBy: null, date: '2020-10-30' },
];

function slugOf(d: IndexedDecision): string {
  const name = d.path.slice(d.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
  return d.folder.package !== undefined ? `${d.folder.package}/${name}` : name;
}

describe("log4brains' read-only test project, read as log4brains reads it", () => {
  let decisions: IndexedDecision[] = [];
  const successor = new Map<IndexedDecision, IndexedDecision | undefined>();
  before(async () => {
    const { index } = await scanWorkspace({ root: RO });
    decisions = index.decisions();
    for (const d of decisions) successor.set(d, index.successorOf(d));
  });

  it('has the 20 records log4brains lists, and no others', () => {
    assert.deepEqual(decisions.map(slugOf).sort(), EXPECTED.map((e) => e.slug).sort());
  });

  for (const e of EXPECTED) {
    it(`${e.slug}: ${e.status}${e.supersededBy ? ` by ${e.supersededBy}` : ''}, ${e.date ?? 'no date'}`, () => {
      const d = decisions.find((x) => slugOf(x) === e.slug);
      assert.ok(d, `${e.slug} is indexed`);
      assert.equal(d.status.kind, e.status, `status (written "${d.status.text}")`);
      const next = successor.get(d);
      assert.equal(next ? slugOf(next) : null, e.supersededBy, 'superseded by');
      assert.equal(d.date ?? null, e.date, 'date');
      // A status the record does not state is log4brains' default, and says so.
      if (d.status.text === '') assert.equal(d.status.defaultOf, 'log4brains');
      else assert.equal(d.status.defaultOf, undefined);
    });
  }

  it("takes the status of the 9 records that state none from log4brains' default", () => {
    // By reading the files: 20200102-adr-only-with-date, -without-status, -without-title,
    // 20201028-adr-with-no-metadata(-no-title), 20201028-links and the three package link records.
    assert.deepEqual(
      decisions.filter((d) => d.status.defaultOf === 'log4brains').map(slugOf).sort(),
      [
        '20200102-adr-only-with-date',
        '20200102-adr-without-status',
        '20200102-adr-without-title',
        '20201028-adr-with-no-metadata',
        '20201028-adr-with-no-metadata-no-title',
        '20201028-links',
        'package1/20201028-links-in-package',
        'package1/20201028-links-to-global',
        'package2/20201028-links-to-another-package',
      ],
    );
  });
});
