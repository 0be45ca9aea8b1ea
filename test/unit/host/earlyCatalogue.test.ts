import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { DecisionFolder } from '../../../src/core/config';
import { earlyCatalogue } from '../../../src/host/earlyCatalogue';

const folders: DecisionFolder[] = [
  { path: '/w/docs/adr', prefix: 'ADR', kind: 'folder', source: 'default' },
  { path: '/w/DECISIONS.md', prefix: 'DEC', kind: 'log', source: 'default' },
];

/** The test an early answer applies to a record's lower-case file name for a cited number. */
const names = (n: number): RegExp => new RegExp(`(?:^|\\D)0*${n}(?:\\D|$)`);

// File names over digits, zeros and separators, so that runs with leading zeros and numbers in
// the middle of a name are frequent.
const fileName = fc
  .array(fc.constantFrom('0', '00', '1', '2', '42', '7', '-', '_', 'a', 'x', '.'), { minLength: 1, maxLength: 8 })
  .map((parts) => `${parts.join('')}.md`);

describe('the early catalogue of the records', () => {
  it('lists under a number exactly the records whose name the early test matches for it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fileName, { maxLength: 12 }), fc.nat(500), (files, n) => {
        const records = files.map((f) => `/w/docs/adr/${f}`);
        const catalogue = earlyCatalogue(records, folders);
        const listed = (catalogue.byNumber.get(String(n)) ?? []).map((r) => r.path);
        assert.deepEqual(listed, records.filter((p) => names(n).test(p.slice(p.lastIndexOf('/') + 1).toLowerCase())));
      }),
      { numRuns: 3000 },
    );
  });

  it("gives each record its folder's prefixes, none to a README, and the log its own", () => {
    const catalogue = earlyCatalogue(['/w/docs/adr/0042-use-webhooks.md', '/w/docs/adr/README.md', '/w/DECISIONS.md'], folders);
    assert.deepEqual(
      catalogue.all.map((r) => [r.name, r.prefixes]),
      [
        ['0042-use-webhooks.md', ['ADR']],
        ['readme.md', []],
        ['decisions.md', ['DEC']],
      ],
    );
    assert.deepEqual(
      catalogue.byNumber.get('42')?.map((r) => r.name),
      ['0042-use-webhooks.md'],
    );
  });
});
