import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findCitations } from '../../../src/core/citations';
import { DecisionIndex } from '../../../src/core/index';
import type { IndexedDecision, ResolvedCitation } from '../../../src/core/index';
import { successorCitationText } from '../../../src/features/diagnostics/successorCitation';

// home-assistant's ADR-0002 is superseded by ADR-0020 (both records read from the corpus).
const CORPUS = '../shared/corpus/home-assistant/adr';
const ROOT = '/ws';

function indexWith(source: string, sourcePath = `${ROOT}/src/app.ts`): { index: DecisionIndex; citations: ResolvedCitation[]; successor: IndexedDecision } {
  const index = new DecisionIndex({ folders: [{ path: `${ROOT}/adr`, prefix: 'ADR', kind: 'folder', source: 'adr-dir' }] });
  for (const name of ['0002-minimum-supported-python-version.md', '0020-minimum-supported-python-version.md']) {
    index.upsert(`${ROOT}/adr/${name}`, readFileSync(`${CORPUS}/${name}`, 'utf8'));
  }
  index.upsert(sourcePath, source);
  const [successor] = index.get('ADR-20');
  assert.ok(successor);
  return { index, citations: index.citationsIn(sourcePath), successor };
}

function rewrite(source: string, sourcePath?: string): (string | undefined)[] {
  const { citations, successor } = indexWith(source, sourcePath);
  return citations.map((c) => successorCitationText(c, successor));
}

describe('successorCitationText', () => {
  it('keeps the separator and zero padding of an id', () => {
    assert.deepEqual(rewrite('// ADR-0002 and ADR 2 and ADR-02\n'), ['ADR-0020', 'ADR 20', 'ADR-20']);
  });

  it('drops a section of the old decision', () => {
    assert.deepEqual(rewrite('// ADR-0002 §3b\n'), ['ADR-0020']);
  });

  it('rewrites annotations inside their parentheses', () => {
    assert.deepEqual(rewrite('// @ADR(2)\n// @decision(ADR-0002)\n'), ['@ADR(20)', '@decision(ADR-0020)']);
  });

  it('swaps the file name of a path or link in the same folder and drops the anchor', () => {
    const { index, successor } = indexWith('');
    const [old] = index.get('ADR-2');
    const from = `${ROOT}/docs/notes.md`;
    const text = 'See [policy](../adr/0002-minimum-supported-python-version.md#decision) and adr/0002-minimum-supported-python-version.md.\n';
    const found = findCitations(text, { prefixes: ['ADR'], fileName: from });
    const link = found.find((c) => c.form === 'link');
    const path = found.find((c) => c.form === 'path');
    assert.ok(link && path, `citations found: ${found.map((c) => c.text).join(', ')}`);
    // As the index resolves them: the file the citation is in, and the record it cites.
    assert.equal(successorCitationText({ ...link, path: from, decision: old }, successor), '[policy](../adr/0020-minimum-supported-python-version.md)');
    assert.equal(successorCitationText({ ...path, path: from, decision: old }, successor), 'adr/0020-minimum-supported-python-version.md');
  });

  it('cites a successor in another folder by a path relative to the citing file', () => {
    const { index, successor } = indexWith('');
    const [old] = index.get('ADR-2');
    const moved = { ...successor, path: `${ROOT}/records/0020-minimum-supported-python-version.md` };
    const from = `${ROOT}/docs/notes.md`;
    const [link] = findCitations('[p](../adr/0002-minimum-supported-python-version.md)\n', { prefixes: ['ADR'], fileName: from });
    assert.equal(successorCitationText({ ...link, path: from, decision: old }, moved), '[p](../records/0020-minimum-supported-python-version.md)');
  });
});
