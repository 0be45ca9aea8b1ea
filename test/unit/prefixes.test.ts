/**
 * Learned citation prefixes through the index and the checks: every prefix a folder learned
 * finds its records and is looked for in citations; settings add and never take away; a
 * proposed record another one supersedes is a status conflict.
 */
import * as assert from 'node:assert/strict';
import { checkIndex } from '../../src/core/checks';
import { discoverDecisionFolders } from '../../src/core/discovery';
import { DecisionIndex } from '../../src/core/index';
import { describePrefixes, learnPrefixes, prefixFromFileName, prefixFromFolderName } from '../../src/core/prefixes';
import { InMemoryWorkspace } from './inMemoryWorkspace';

const FILES: Record<string, string> = {
  '/w/docs/madr/001-tracing.md': '# ADR-001: Tracing\n\n* Status: superseded by [MADR-002](002-tracing-v2.md)\n',
  '/w/docs/madr/002-tracing-v2.md': '# ADR-002: Tracing v2\n\n* Status: accepted\n\n## Links\n\n* Supersedes [MADR-001](001-tracing.md)\n',
  '/w/docs/madr/003-sampling.md': '# ADR-003: Sampling\n\n* Status: proposed\n',
  '/w/docs/adr/0004-ship-it.md': '# 4. Ship it\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n',
  '/w/docs/adr/0005-ship-it-better.md': '# 5. Ship it better\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\nSupersedes [4. Ship it](0004-ship-it.md)\n',
  '/w/src/app.ts': '// MADR-002 and ADR-2 are the same record\n// MADR-3\n',
};

async function build(settings: { prefixes?: Record<string, string> } = {}): Promise<DecisionIndex> {
  const ws = new InMemoryWorkspace(FILES);
  const folders = await discoverDecisionFolders(ws, '/w', settings);
  const index = new DecisionIndex({ folders });
  for (const [path, text] of Object.entries(FILES)) index.upsert(path, text);
  return index;
}

describe('learned citation prefixes', () => {
  it('names prefixes by folder and file names', () => {
    assert.deepEqual(prefixFromFolderName('/w/docs/madr/decisions'), { prefix: 'MADR', segment: 'madr' });
    assert.deepEqual(prefixFromFolderName('/w/neon/docs/rfcs'), { prefix: 'RFC', segment: 'rfcs' });
    assert.equal(prefixFromFolderName('/w/madr/docs/decisions'), undefined);
    assert.equal(prefixFromFileName('adr-047-x.md'), 'ADR');
    assert.equal(prefixFromFileName('rfc-100-x.rst'), 'RFC');
    assert.equal(prefixFromFileName('0047-x.md'), undefined);
  });

  it('finds a record by every prefix its folder learned, and shows it with the one the folder uses most', async () => {
    const index = await build();
    const [d] = index.get('MADR-2');
    assert.equal(d?.display, 'ADR-002');
    assert.deepEqual(index.get('ADR-002'), [d]);
    assert.deepEqual(d.keys, ['ADR-2', 'MADR-2']);
    assert.ok(index.getCitationPrefixes().includes('MADR'));
    const cited = index.citationsIn('/w/src/app.ts').map((c) => [c.text, c.decision?.path]);
    assert.deepEqual(cited, [
      ['MADR-002', '/w/docs/madr/002-tracing-v2.md'],
      ['ADR-2', '/w/docs/madr/002-tracing-v2.md'],
      ['MADR-3', '/w/docs/madr/003-sampling.md'],
    ]);
    assert.equal(index.citationsOf(d).length, 2);
  });

  it('keeps every learned prefix when the settings add one', async () => {
    const index = await build({ prefixes: { 'docs/madr': 'TRC' } });
    const [d] = index.get('TRC-2');
    assert.equal(d?.display, 'TRC-002');
    assert.deepEqual(index.get('MADR-2'), [d]);
    assert.deepEqual(index.get('ADR-2'), [d]);
    const folder = index.getFolders().find((f) => f.path === '/w/docs/madr');
    assert.match(folder ? describePrefixes(folder) : '', /^TRC \(settings\); ADR \(heading: 001-tracing\.md: ADR-001, ×3\); MADR \(folder-name, cross-reference: madr, ×2\)$/);
  });

  it('gives folders without evidence the default prefix', () => {
    const [folder, log] = learnPrefixes(
      [
        { path: '/w/records', prefix: 'ADR', kind: 'folder', source: 'default' },
        { path: '/w/notes/DECISIONS.md', prefix: 'DL', kind: 'log', source: 'default' },
      ],
      new Map([['/w/notes/DECISIONS.md', [{ path: '/w/notes/DECISIONS.md', text: '## Use webhooks\n\nDate: 2024-01-01\n' }]]]),
    );
    assert.deepEqual(folder.prefixes, [{ prefix: 'ADR', sources: ['default'], count: 0 }]);
    assert.deepEqual(log.prefixes, [{ prefix: 'DL', sources: ['default'], count: 0 }]);
  });
});

describe('checks of statuses and folders', () => {
  it('reports a record that says proposed while another says it supersedes it', async () => {
    const index = await build();
    const conflicts = checkIndex(index).filter((p) => p.code === 'status-conflict');
    assert.deepEqual(
      conflicts.map((p) => [p.path, p.message]),
      [['/w/docs/adr/0004-ship-it.md', 'ADR-0004 is proposed ("Proposed") but ADR-0005 (Ship it better) supersedes it']],
    );
  });

  it('reports a folder .adr-dir names that does not exist, on the .adr-dir file', async () => {
    const ws = new InMemoryWorkspace({ '/w/.adr-dir': 'doc/architecture/decisions\n' });
    const index = new DecisionIndex({ folders: await discoverDecisionFolders(ws, '/w') });
    assert.deepEqual(
      checkIndex(index).map((p) => [p.code, p.severity, p.path, p.range.start.line, p.message]),
      [['folder-missing', 'error', '/w/.adr-dir', 0, '.adr-dir names the decision folder doc/architecture/decisions, which does not exist']],
    );
  });
});
