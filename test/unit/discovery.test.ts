import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import * as fc from 'fast-check';
import { NodeWorkspace, toPosix } from '../../src/cli/nodeWorkspace';
import type { DecisionFolder } from '../../src/core/config';
import { discoverDecisionFolders, foldersFromConfig, isDecisionFile, isDecisionFileName, isTemplatePath } from '../../src/core/discovery';
import type { Logger } from '../../src/core/ports';
import { basename, dirname, extname, isInside, normalize, relative } from '../../src/core/paths';
import { InMemoryWorkspace } from './inMemoryWorkspace';

const CORPUS = toPosix(resolve(__dirname, '../../../shared/corpus'));

function summary(root: string, folders: readonly DecisionFolder[]): string[] {
  return folders.map((f) => `${relative(root, f.path)} ${f.kind} ${f.source} ${f.prefix}${f.package ? ` ${f.package}` : ''}`);
}

/** Every prefix of each folder with where it was learned: `ADR(heading+file-name)`. */
function learned(root: string, folders: readonly DecisionFolder[]): string[] {
  return folders.map((f) => `${relative(root, f.path)} ${(f.prefixes ?? []).map((p) => `${p.prefix}(${p.sources.join('+')})`).join(' ')}`);
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
        // `rfcs/text/0001-….md` … `0133-….md`, cited as `RFC-0096`.
        'buildpacks/rfcs/text folder default RFC',
        // `adr-100-….md` with `tendermint-core/adr-001-….md` below it; `rfc-100-….md` and `.rst` RFCs.
        'cometbft/docs/references/architecture folder default ADR',
        'cometbft/docs/references/rfc folder default RFC',
        'decision-log/DECISIONS.md log default DL',
        'home-assistant/adr folder adr-dir ADR',
        'ingot/docs/adr folder default ADR',
        // The gap register: `### GAP-009` entries.
        'ingot/docs/gaps.md log default GAP',
        'ingot/rfcs folder default RFC',
        'log4brains/docs/adr folder log4brains ADR',
        'log4brains/packages/core/docs/adr folder log4brains ADR core',
        'log4brains/packages/core/integration-tests/ro-project/docs/adr folder log4brains ADR',
        'log4brains/packages/core/integration-tests/ro-project/packages/package1/adr folder log4brains ADR package1',
        'log4brains/packages/core/integration-tests/ro-project/packages/package2/adr folder log4brains ADR package2',
        'log4brains/packages/web/docs/adr folder log4brains ADR web',
        'madr/docs/decisions folder default ADR',
        'neon/docs/rfcs folder default RFC',
        // `seed/0128.rst` (reStructuredText), cited as `SEED-0128`.
        'pigweed/seed folder default SEED',
        'winery/docs/adr folder adr-dir ADR',
      ]);
    });

    it('learns every folder\'s citation prefixes from its records, and says where from', () => {
      assert.deepEqual(learned(CORPUS, folders), [
        'adr-tools/doc/adr ADR(folder-name)',
        // The folder is `rfcs/text`; records write `[RFC 0045](…)`, `RFC-0022`.
        'buildpacks/rfcs/text RFC(folder-name+cross-reference)',
        // `# ADR 100: …`, `adr-100-….md`, `ADR-101` in the text.
        'cometbft/docs/references/architecture ADR(heading+file-name+cross-reference)',
        'cometbft/docs/references/rfc RFC(heading+file-name+folder-name+cross-reference)',
        // Nothing to learn from: `## Use webhooks …` headings state no id.
        'decision-log/DECISIONS.md DL(default)',
        'home-assistant/adr ADR(folder-name+cross-reference+tool)',
        // Only `ADR`: the `RFC-0002` citations in ADRs belong to ingot/rfcs, which heads its records with it.
        'ingot/docs/adr ADR(heading+folder-name+cross-reference)',
        'ingot/docs/gaps.md GAP(heading+cross-reference)',
        'ingot/rfcs RFC(heading+folder-name+cross-reference)',
        'log4brains/docs/adr ADR(folder-name+tool)',
        'log4brains/packages/core/docs/adr ADR(folder-name+tool)',
        'log4brains/packages/core/integration-tests/ro-project/docs/adr ADR(folder-name+tool)',
        'log4brains/packages/core/integration-tests/ro-project/packages/package1/adr ADR(folder-name+tool)',
        'log4brains/packages/core/integration-tests/ro-project/packages/package2/adr ADR(folder-name+tool)',
        'log4brains/packages/web/docs/adr ADR(folder-name+tool)',
        // `madr/` is the repository's name, not the folder's; `MADR 4.0.0` is a version.
        'madr/docs/decisions ADR(default)',
        // No heading states an id; `PS1`, `SK1`, `PG 14` in the text are no record ids.
        'neon/docs/rfcs RFC(folder-name)',
        'pigweed/seed SEED(folder-name+cross-reference)',
        'winery/docs/adr ADR(folder-name+cross-reference+tool)',
      ]);
      const tool = Object.fromEntries(folders.map((f) => [relative(CORPUS, f.path), f.tool]));
      assert.equal(tool['winery/docs/adr'], 'adr-tools');
      assert.equal(tool['log4brains/docs/adr'], 'log4brains');
      assert.equal(tool['neon/docs/rfcs'], undefined);
    });

    it('gives each folder the project it belongs to', () => {
      const roots = Object.fromEntries(folders.map((f) => [relative(CORPUS, f.path), relative(CORPUS, f.root ?? CORPUS)]));
      assert.equal(roots['adr-tools/doc/adr'], 'adr-tools');
      assert.equal(roots['home-assistant/adr'], 'home-assistant');
      assert.equal(roots['log4brains/packages/web/docs/adr'], 'log4brains');
      assert.equal(roots['log4brains/packages/core/integration-tests/ro-project/docs/adr'], 'log4brains/packages/core/integration-tests/ro-project');
      assert.equal(roots['madr/docs/decisions'], 'madr');
      assert.equal(roots['buildpacks/rfcs/text'], 'buildpacks');
      assert.equal(roots['neon/docs/rfcs'], 'neon');
      assert.equal(roots['cometbft/docs/references/architecture'], 'cometbft');
      assert.equal(roots['pigweed/seed'], 'pigweed');
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
        'neon/docs/rfcs/README.md',
        'neon/docs/rfcs/YYYY-MM-DD-copy-me.md',
        'cometbft/docs/references/architecture/adr-template.md',
        'cometbft/docs/references/rfc/rfc-template.md',
        'buildpacks/rfcs/0000-template.md',
        'ingot/rfcs/0000-template.md',
        'pigweed/seed/BUILD.gn',
        'pigweed/seed/seed_metadata.json',
      ];
      for (const p of not) assert.equal(isDecisionFile(`${CORPUS}/${p}`, folders), undefined, p);
      const yes = [
        'adr-tools/doc/adr/0001-record-architecture-decisions.md',
        'log4brains/packages/core/integration-tests/ro-project/docs/adr/adr_with_a_WeIrd-filename.md',
        'madr/docs/decisions/0000-use-markdown-architectural-decision-records.md',
        'decision-log/DECISIONS.md',
        'pigweed/seed/0128.rst',
        'cometbft/docs/references/rfc/tendermint-core/rfc-000-p2p-roadmap.rst',
        'cometbft/docs/references/architecture/tendermint-core/adr-047-handling-evidence-from-light-client.md',
        'buildpacks/rfcs/text/0057-exec.d-shell-free-profile-d.md',
        'ingot/docs/gaps.md',
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
      const ws = new InMemoryWorkspace({ '/w/.adr-dir': 'doc/arch', '/w/doc/arch/.keep': '' });
      const folders = await discoverDecisionFolders(ws, '/w');
      assert.deepEqual(summary('/w', folders), ['doc/arch folder adr-dir ADR']);
      assert.equal(folders[0].missing, undefined);
    });

    it('marks and logs a folder .adr-dir names that does not exist', async () => {
      const logger = collectingLogger();
      const ws = new InMemoryWorkspace({ '/w/.adr-dir': 'doc/architecture/decisions', '/w/doc/adr/0001-x.md': '# 1. X' });
      const folders = await discoverDecisionFolders(ws, '/w', {}, logger);
      const named = folders.find((f) => f.source === 'adr-dir');
      assert.equal(named?.missing, true);
      assert.equal(named?.configFile, '/w/.adr-dir');
      assert.deepEqual(logger.warnings, ['/w/.adr-dir names /w/doc/architecture/decisions, which does not exist']);
    });

    it('finds design-record folders only when a file in them is named like a numbered record', async () => {
      const ws = new InMemoryWorkspace({
        '/w/docs/rfcs/035-safekeeper-membership.md': '# Safekeeper membership',
        '/w/docs/rfcs/2025-02-14-storage-controller.md': '## Summary',
        '/w/rfcs/text/0096-remove-stacks.md': '# Meta\n- Name: Remove stacks\n',
        '/w/lib/docs/references/architecture/adr-100-data-companion.md': '# ADR 100: Data companion',
        '/w/lib/docs/references/rfc/rfc-000-p2p.rst': '=======\nRFC 000: P2P\n=======\n',
        '/w/pw/seed/0128.rst': '.. seed::\n   :number: 128\n',
        '/w/db/seed/users.md': '# Users to seed the database with',
        '/w/other/rfcs/README.md': '# IETF texts',
        '/w/other/rfcs/http-notes.md': '# Notes on RFC 9110',
      });
      const folders = await discoverDecisionFolders(ws, '/w');
      assert.deepEqual(learned('/w', folders), [
        'docs/rfcs RFC(folder-name)',
        'lib/docs/references/architecture ADR(heading+file-name)',
        'lib/docs/references/rfc RFC(heading+file-name+folder-name)',
        'pw/seed SEED(folder-name)',
        'rfcs/text RFC(folder-name)',
      ]);
      assert.deepEqual(
        folders.map((f) => relative('/w', f.root ?? '/w')),
        ['', 'lib', 'lib', 'pw', ''],
      );
    });

    it('learns prefixes from headings, front matter ids, cross-references and file names; settings add', async () => {
      const ws = new InMemoryWorkspace({
        // Records head themselves `ADR-…`, cite each other `MADR-…`; the folder is `docs/madr`.
        '/w/docs/madr/001-tracing.md': '# ADR-001: Tracing\n\nSuperseded by MADR-002.\n',
        '/w/docs/madr/002-tracing-v2.md': '# ADR-002: Tracing v2\n\nSupersedes MADR-001. See also [MADR-1](001-tracing.md).\n',
        '/w/docs/madr/003-x.md': '---\nid: MADR-003\n---\n# X\n\nNot MADR 4.0.0, not MADR-009 (no such record).\n',
        '/w/DECISIONS.md': '# Decisions\n\n### D12 — Use webhooks\n\nProse.\n\n### D13 — Poll as a fallback\n\nSee (D12).\n',
        '/w/team/decision-log.md': '# Team log\n\n## DEC-004: Title\n\nText.\n\n## DEC-005: Other\n\nText.\n',
        '/w/docs/adr/adr-047-x.md': '# Forty-seven\n',
      });
      const folders = await discoverDecisionFolders(ws, '/w', { prefixes: { 'docs/adr': 'arch', 'docs/madr': 'DOC' } });
      assert.deepEqual(learned('/w', folders), [
        'DECISIONS.md D(heading)',
        // Settings add a prefix and come first; learned ones stay.
        'docs/adr ARCH(settings) ADR(file-name+folder-name)',
        // Headings say `ADR` twice; front matter, the folder's name and three cross-references say `MADR`.
        'docs/madr DOC(settings) MADR(front-matter+folder-name+cross-reference) ADR(heading)',
        'team/decision-log.md DEC(heading)',
      ]);
      // Without settings the folder shows its records with the prefix it uses most, and keeps both.
      const plain = await discoverDecisionFolders(ws, '/w');
      assert.equal(plain.find((f) => f.path === '/w/docs/madr')?.prefix, 'MADR');
      assert.deepEqual(plain.find((f) => f.path === '/w/docs/madr')?.prefixes?.map((p) => p.prefix), ['MADR', 'ADR']);
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
      // A prefix that is no prefix is ignored; the folder keeps what it learned.
      assert.deepEqual(learned('/w', folders)[0], 'docs/adr ADR(folder-name+tool)');
    });

    it('lets one setting name a folder found nowhere else; its records still teach the prefix', async () => {
      const ws = new InMemoryWorkspace({
        '/w/design/proposals/001-x.md': '# PROP-001: X\n',
        '/w/design/proposals/002-y.md': '# PROP-002: Y\n\nBuilds on PROP-001.\n',
      });
      assert.deepEqual(await discoverDecisionFolders(ws, '/w'), []);
      const folders = await discoverDecisionFolders(ws, '/w', { folders: [{ path: 'design/proposals' }] });
      assert.deepEqual(learned('/w', folders), ['design/proposals PROP(heading+cross-reference)']);
      assert.equal(folders[0].prefix, 'PROP');
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

    it('finds the folder its definition does: the deepest one holding the file, by every folder in turn', () => {
      /** The definition, one folder at a time (what the lookup by ancestors must give). */
      const byScan = (path: string, list: readonly DecisionFolder[]): DecisionFolder | undefined => {
        const p = normalize(path);
        for (const f of list) if (f.kind === 'log' && normalize(f.path) === p) return f;
        if (!['.md', '.markdown', '.rst'].includes(extname(p))) return undefined;
        let best: DecisionFolder | undefined;
        for (const f of list) {
          if (f.kind !== 'log' && normalize(f.path) !== p && isInside(p, f.path) && (best === undefined || normalize(f.path).length > normalize(best.path).length)) best = f;
        }
        if (!best || !isDecisionFileName(basename(p))) return undefined;
        const between = relative(best.path, dirname(p)).split('/').filter((s) => s !== '');
        return between.some((s) => ['template', 'templates', 'adr-templates', '.templates'].includes(s.toLowerCase()) || s.startsWith('.')) ? undefined : best;
      };
      const segment = fc.constantFrom('w', 'docs', 'adr', 'sec', 'templates', '.hidden', 'a', '..', '.');
      const dir = fc.array(segment, { minLength: 0, maxLength: 4 }).map((s) => '/' + s.join('/'));
      const name = fc.constantFrom('0001-a.md', '0002-b.markdown', 'x.rst', 'README.md', 'notes.txt', 'DECISIONS.md', '0003-c.MD');
      const folder = fc.record({ path: dir, log: fc.boolean(), prefix: fc.constantFrom('ADR', 'SEC', 'DL') }).map(
        ({ path, log, prefix }): DecisionFolder => (log ? { path: `${path}/DECISIONS.md`.replace('//', '/'), prefix, kind: 'log', source: 'default' } : { path, prefix, kind: 'folder', source: 'default' }),
      );
      fc.assert(
        fc.property(fc.array(folder, { maxLength: 5 }), fc.array(fc.tuple(dir, name), { minLength: 1, maxLength: 8 }), (list, files) => {
          for (const [d, n] of files) {
            const path = `${d}/${n}`.replace('//', '/');
            assert.equal(isDecisionFile(path, list), byScan(path, list), path);
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('keeps records about templates', () => {
      assert.ok(isDecisionFile('/w/docs/adr/0005-use-a-template-engine.md', folders));
      assert.equal(isTemplatePath('/w/docs/adr/0005-use-a-template-engine.md'), false);
      assert.equal(isTemplatePath('/w/madr/template/0000-use-markdown.md'), true);
    });
  });
});
