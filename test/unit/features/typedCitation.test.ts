import * as assert from 'node:assert/strict';
import { citationBeingTyped } from '../../../src/features/completion/typedCitation';

const PREFIXES = ['ADR', 'MADR', 'DL'];

describe('citationBeingTyped', () => {
  it('recognises an id being typed after a prefix', () => {
    assert.deepEqual(citationBeingTyped('  // see ADR-', PREFIXES), { start: 9, prefix: 'ADR', annotation: false });
    assert.deepEqual(citationBeingTyped('# ADR-00', PREFIXES), { start: 2, prefix: 'ADR', annotation: false });
    assert.deepEqual(citationBeingTyped('// ADR 1', PREFIXES), { start: 3, prefix: 'ADR', annotation: false });
    assert.deepEqual(citationBeingTyped('// MADR-', PREFIXES), { start: 3, prefix: 'MADR', annotation: false }, 'MADR is not ADR');
  });

  it('recognises annotations with and without a prefix', () => {
    assert.deepEqual(citationBeingTyped('@decision(', PREFIXES), { start: 10, prefix: undefined, annotation: true });
    assert.deepEqual(citationBeingTyped('@decision(DL-', PREFIXES), { start: 10, prefix: 'DL', annotation: true });
    assert.deepEqual(citationBeingTyped('@ADR(', PREFIXES), { start: 5, prefix: undefined, annotation: true });
    assert.deepEqual(citationBeingTyped('@Decision("ADR-00', PREFIXES), { start: 11, prefix: 'ADR', annotation: true });
  });

  it('ignores prefixes inside words, other case and finished citations', () => {
    assert.equal(citationBeingTyped('superseded-by-ADR-', PREFIXES), undefined);
    assert.equal(citationBeingTyped('const LADR-', PREFIXES), undefined);
    assert.equal(citationBeingTyped('// adr-', PREFIXES), undefined);
    assert.equal(citationBeingTyped('// ADR-0005 ', PREFIXES), undefined);
    assert.equal(citationBeingTyped('// nothing here', PREFIXES), undefined);
    assert.equal(citationBeingTyped('// ADR-', []), undefined);
  });
});
