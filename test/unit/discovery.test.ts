import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { NodeWorkspace, toPosix } from '../../src/cli/nodeWorkspace';
import type { DecisionFolder } from '../../src/core/config';
import { discoverDecisionFolders, foldersFromConfig, isDecisionFile, isTemplatePath } from '../../src/core/discovery';
import type { Logger } from '../../src/core/ports';
import { relative } from '../../src/core/paths';
import { InMemoryWorkspace } from './inMemoryWorkspace';

const CORPUS = toPosix(resolve(__dirname, '../../../shared/corpus'));

function summary(root: string, folders: readonly DecisionFolder[]): string[] {
  return folders.map((f) => `${relative(root, f.path)} ${f.kind} ${f.source} ${f.prefix}${f.package ? ` ${f.package}` : ''}`);
}

function collectingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, trace: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
}

describe('discoverDecisionFolders', () => {
  describe('on the corpus', () => {
    let folders: DecisionFolder[];
    before(async () => {
      folders = await discoverDecisionFolders(new NodeWorkspace(), CORPUS);
    });

    it('finds every decision folder and log with the source that names it', () => {
      assert.deepEqual(summary(CORPUS, folders), [
        'adr-tools/doc/adr folder default ADR',
        'decision-log/DECISIONS.md log default DL',
        'home-assistant/adr folder adr-dir ADR',
        'ingot/docs/adr folder default ADR',
        'log4brains/docs/adr folder log4brains ADR',
        'log4brains/packages/core/docs/adr folder log4brains ADR core',
        'log4brains/packages/core/integration-tests/ro-project/docs/adr folder log4brains ADR',
        'log4brains/packages/core/integration-tests/ro-project/packages/package1/adr folder log4brains ADR package1',
        'log4brains/packages/core/integration-tests/ro-project/packages/package2/adr folder log4brains ADR package2',
        'log4brains/packages/web/docs/adr folder log4brains ADR web',
        'madr/docs/decisions folder default ADR',
        'winery/docs/adr folder adr-dir ADR',
      ]);
    });

    it('gives each folder the project it belongs to', () => {
      const roots = Object.fromEntries(folders.map((f) => [relative(CORPUS, f.path), relative(CORPUS, f.root ?? CORPUS)]));
      assert.equal(roots['adr-tools/doc/adr'], 'adr-tools');
      assert.equal(roots['home-assistant/adr'], 'home-assistant');
      assert.equal(roots['log4brains/packages/web/docs/adr'], 'log4brains');
      assert.equal(roots['log4brains/packages/core/integration-tests/ro-project/docs/adr'], 'log4brains/packages/core/integration-tests/ro-project');
      assert.equal(roots['madr/docs/decisions'], 'madr');
    });

    it('does not take templates, READMEs and indexes for decisions', () => {
      const not = [
        'log4brains/docs/adr/template.md',
        'log4brains/docs/adr/README.md',
        'log4brains/docs/adr/index.md',
        'madr/docs/decisions/adr-template.md',
        'madr/docs/decisions/index.md',
        'log4brains/packages/core/integration-tests/ro-project/packages/package1/adr/template.md',
        'madr/template/adr-template-bare-minimal.md',
        'home-assistant/EMPTY-ADR.md',
        'templates/locales/en/templates/decision-record-template-by-michael-nygard/index.md',
      ];
      for (const p of not) assert.equal(isDecisionFile(`${CORPUS}/${p}`, folders), undefined, p);
      const yes = [
        'adr-tools/doc/adr/0001-record-architecture-decisions.md',
        'log4brains/packages/core/integration-tests/ro-project/docs/adr/adr_with_a_WeIrd-filename.md',
        'madr/docs/decisions/0000-use-markdown-architectural-decision-records.md',
        'decision-log/DECISIONS.md',
      ];
      for (const p of yes) assert.ok(isDecisionFile(`${CORPUS}/${p}`, folders), p);
      assert.equal(isDecisionFile(`${CORPUS}/madr/docs/decisions/0013-example.png`, folders), undefined);
    });
  });

  describe('on an in-memory workspace', () => {
    it('reads .adr-dir relative to its own folder, trimming white space and a BOM', async () => {
      const ws = new InMemoryWorkspace({
        '/w/.adr-dir': '\uFEFFarchitecture/records \n',
        '/w/architecture/records/0001-x.md': '# 1. X',
      });
      const folders = await discoverDecisionFolders(ws, '/w');
      assert.deepEqual(summary('/w', folders), ['architecture/records folder adr-dir ADR']);
      assert.equal(folders[0].format, 'nygard');
    });

    it('keeps a folder named by a config file even when it has no records yet', async () => {
      const ws = new InMemoryWorkspace({ '/w/.adr-dir': 'doc/arch' });
      assert.deepEqual(summary('/w', await discoverDecisionFolders(ws, '/w')), ['doc/arch folder adr-dir ADR']);
    });

    it('reads dotnet-adr adr.config.json with its Windows-style path', async () => {
      const ws = new InMemoryWorkspace({ '/w/adr.config.json': '{ "path": "\\\\docs\\\\architecture", "templates": "\\\\docs\\\\adr-templates" }' });
      const folders = await discoverDecisionFolders(ws, '/w');
      assert.deepEqual(summary('/w', folders), ['docs/architecture folder dotnet-adr ADR']);
      assert.equal(folders[0].format, 'dotnet-adr');
    });

    it('falls back to docs/adr for an adr.config.json without a path', () => {
      assert.deepEqual(summary('/w', foldersFromConfig('/w/adr.config.json', '{}')), ['docs/adr folder dotnet-adr ADR']);
    });

    it('warns about and skips broken config files', async () => {
      const logger = collectingLogger();
      const ws = new InMemoryWorkspace({
        '/w/.log4brains.yml': 'project: [unclosed',
        '/w/sub/adr.config.json': '{ nope',
        '/w/x/.adr-dir': '   \n',
        '/w/y/.log4brains.yml': 'name: no project section',
      });
      assert.deepEqual(await discoverDecisionFolders(ws, '/w', {}, logger), []);
      assert.equal(logger.warnings.length, 4, logger.warnings.join('\n'));
    });

    it('finds the usual places at any depth, but only with records in them', async () => {
      const ws = new InMemoryWorkspace({
        '/w/docs/adr/0001-a.md': '# A',
        '/w/services/api/doc/architecture/decisions/0001-b.md': '# B',
        '/w/docs/decisions/README.md': '# Only a readme',
        '/w/docs/adrs/template.md': '# Template',
        '/w/src/notes/0001-not-a-decision-folder.md': '# Not in a usual place',
        '/w/node_modules/pkg/docs/adr/0001-c.md': '# Excluded',
        '/w/dist/docs/adr/0001-d.md': '# Excluded',
      });
      const folders = await discoverDecisionFolders(ws, '/w');
      assert.deepEqual(summary('/w', folders), ['docs/adr folder default ADR', 'services/api/doc/architecture/decisions folder default ADR']);
      assert.equal(folders[1].root, '/w/services/api');
    });

    it('finds decision logs anywhere outside excluded folders', async () => {
      const ws = new InMemoryWorkspace({
        '/w/DECISIONS.md': '# Log',
        '/w/team/a/decision-log.md': '# Log',
        '/w/build/DECISIONS.md': '# Excluded',
        '/w/.git/decision-log.md': '# Excluded',
      });
      assert.deepEqual(summary('/w', await discoverDecisionFolders(ws, '/w')), ['DECISIONS.md log default DL', 'team/a/decision-log.md log default DL']);
    });

    it('puts settings first: their folders, prefixes and kinds win', async () => {
      const ws = new InMemoryWorkspace({
        '/w/.adr-dir': 'docs/adr',
        '/w/docs/adr/0001-a.md': '# A',
        '/w/docs/madr/decisions/0001-b.md': '# B',
        '/w/records/0001-c.md': '# C',
        '/w/notes/log.md': '# Log',
      });
      const folders = await discoverDecisionFolders(ws, '/w', {
        folders: [{ path: 'records', prefix: 'dec' }, { path: 'notes/log.md' }, { path: '   ' }],
        prefixes: { 'docs/madr/decisions': 'MADR', 'docs/adr': 'not a prefix!' },
      });
      assert.deepEqual(summary('/w', folders), [
        'docs/adr folder adr-dir ADR',
        'docs/madr/decisions folder default MADR',
        'notes/log.md log settings DL',
        'records folder settings DEC',
      ]);
    });

    it('honours custom excludes and can skip the usual places and logs', async () => {
      const ws = new InMemoryWorkspace({
        '/w/docs/adr/0001-a.md': '# A',
        '/w/legacy/docs/adr/0001-b.md': '# B',
        '/w/DECISIONS.md': '# Log',
      });
      assert.deepEqual(summary('/w', await discoverDecisionFolders(ws, '/w', { exclude: ['legacy/**'] })), [
        'DECISIONS.md log default DL',
        'docs/adr folder default ADR',
      ]);
      assert.deepEqual(summary('/w', await discoverDecisionFolders(ws, '/w', { conventionalFolders: false, decisionLogs: false })), []);
    });

    it('reads log4brains packages with their names', async () => {
      const ws = new InMemoryWorkspace({
        '/w/.log4brains.yml': 'project:\n  name: x\n  adrFolder: ./docs/adr\n  packages:\n    - name: api\n      path: ./packages/api\n      adrFolder: ./packages/api/adr\n    - name: broken\n    - 42\n',
      });
      const folders = await discoverDecisionFolders(ws, '/w');
      assert.deepEqual(summary('/w', folders), ['docs/adr folder log4brains ADR', 'packages/api/adr folder log4brains ADR api']);
    });
  });

  describe('isDecisionFile', () => {
    const folders: DecisionFolder[] = [
      { path: '/w/docs/adr', prefix: 'ADR', kind: 'folder', source: 'default' },
      { path: '/w/docs/adr/security', prefix: 'SEC', kind: 'folder', source: 'settings' },
      { path: '/w/DECISIONS.md', prefix: 'DL', kind: 'log', source: 'default' },
    ];

    it('picks the deepest folder and matches logs by path', () => {
      assert.equal(isDecisionFile('/w/docs/adr/0001-a.md', folders)?.prefix, 'ADR');
      assert.equal(isDecisionFile('/w/docs/adr/security/0001-b.md', folders)?.prefix, 'SEC');
      assert.equal(isDecisionFile('/w/docs/adr/area/0002-c.markdown', folders)?.prefix, 'ADR');
      assert.equal(isDecisionFile('/w/DECISIONS.md', folders)?.kind, 'log');
    });

    it('rejects templates, READMEs, indexes, other files and paths outside the folders', () => {
      for (const p of [
        '/w/docs/adr/template.md',
        '/w/docs/adr/adr-template-minimal.md',
        '/w/docs/adr/000-template.md',
        '/w/docs/adr/Readme.md',
        '/w/docs/adr/INDEX.md',
        '/w/docs/adr/templates/nygard.md',
        '/w/docs/adr/0001-a.txt',
        '/w/docs/other/0001-a.md',
        '/w/docs/adr',
      ]) {
        assert.equal(isDecisionFile(p, folders), undefined, p);
      }
    });

    it('keeps records about templates', () => {
      assert.ok(isDecisionFile('/w/docs/adr/0005-use-a-template-engine.md', folders));
      assert.equal(isTemplatePath('/w/docs/adr/0005-use-a-template-engine.md'), false);
      assert.equal(isTemplatePath('/w/madr/template/0000-use-markdown.md'), true);
    });
  });
});
