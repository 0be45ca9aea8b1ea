import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build, stop } from 'esbuild';

const REPO = resolve(__dirname, '../..');
const CORPUS = resolve(REPO, '../shared/corpus');
const FIXTURES = resolve(REPO, 'test/fixtures/cli');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let cli = '';
let work = '';

/** Runs the bundled CLI as a child process. */
function run(args: readonly string[], cwd = REPO): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Record files of the corpus, found with plain `fs` (independently of discovery). */
function corpusRecordFiles(): string[] {
  // Folders whose sub-folders hold records too (cometbft's `tendermint-core/`).
  const deep = ['cometbft/docs/references/architecture', 'cometbft/docs/references/rfc'];
  const folders = [
    'adr-tools/doc/adr',
    'home-assistant/adr',
    'madr/docs/decisions',
    'log4brains/docs/adr',
    'log4brains/packages/core/docs/adr',
    'log4brains/packages/web/docs/adr',
    'log4brains/packages/core/integration-tests/ro-project/docs/adr',
    'log4brains/packages/core/integration-tests/ro-project/packages/package1/adr',
    'log4brains/packages/core/integration-tests/ro-project/packages/package2/adr',
    'winery/docs/adr',
    'ingot/docs/adr',
    'ingot/rfcs',
    'neon/docs/rfcs',
    'buildpacks/rfcs/text',
    'pigweed/seed',
    ...deep,
    ...deep.map((d) => `${d}/tendermint-core`),
  ];
  const out: string[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(join(CORPUS, folder))) {
      if (!/\.(md|rst)$/.test(name) || /^(readme|index|template|(adr|rfc)-template.*|0000-template|yyyy-mm-dd-copy-me)\.md$/i.test(name)) continue;
      // pigweed's `seed/0000.rst` is the SEED index page (no `.. seed::` directive).
      if (folder === 'pigweed/seed' && name === '0000.rst') continue;
      out.push(`${folder}/${name}`);
    }
  }
  return out;
}

/** Entries of the two decision logs: `## ` headings of DECISIONS.md, `### GAP-` headings of ingot's gap register. */
function logEntries(): { decisions: number; gaps: number } {
  const log = readFileSync(join(CORPUS, 'decision-log/DECISIONS.md'), 'utf8');
  const gaps = readFileSync(join(CORPUS, 'ingot/docs/gaps.md'), 'utf8');
  return { decisions: log.split('\n').filter((l) => l.startsWith('## ')).length, gaps: gaps.split('\n').filter((l) => /^### GAP-\d+$/.test(l)).length };
}

describe('decision-lens CLI', function () {
  this.timeout(60000);

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'decision-lens-cli-'));
    cli = join(work, 'cli.js');
    // The same bundle options as esbuild.config.mjs, built from the current sources.
    await build({
      entryPoints: [join(REPO, 'src/cli/main.ts')],
      outfile: cli,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'silent',
    });
  });

  after(async () => {
    if (work) rmSync(work, { recursive: true, force: true });
    await stop();
  });

  describe('list', () => {
    it('prints every record of the corpus and every entry of its decision log', async () => {
      const r = await run(['list', '--root', CORPUS]);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      for (const file of corpusRecordFiles()) assert.equal(lines.filter((l) => l.endsWith(`  ${file}`)).length, 1, `${file} is listed once`);
      const entries = logEntries();
      assert.equal(entries.gaps, 47);
      assert.equal(lines.filter((l) => l.includes('decision-log/DECISIONS.md:')).length, entries.decisions);
      assert.equal(lines.filter((l) => l.includes('ingot/docs/gaps.md:')).length, entries.gaps);
      const total = corpusRecordFiles().length + entries.decisions + entries.gaps;
      assert.equal(total, 544);
      assert.match(r.stdout, new RegExp(`^${total} decisions in 17 folders and 2 decision logs$`, 'm'));
      assert.ok(!r.stdout.includes('template.md'), 'templates are not listed');
      assert.ok(!r.stdout.includes('copy-me'), "neon's template is not listed");
    });

    it('prints JSON with ids, titles, statuses and relative paths', async () => {
      const r = await run(['list', '--json', '--root', CORPUS]);
      assert.equal(r.code, 0, r.stderr);
      const list = JSON.parse(r.stdout) as {
        id: string;
        title: string;
        status: string;
        statusText: string;
        statusDefaultOf?: string;
        path: string;
        line: number;
        supersededBy?: string;
        package?: string;
      }[];
      const entries = logEntries();
      assert.equal(list.length, corpusRecordFiles().length + entries.decisions + entries.gaps);
      const byPath = new Map(list.map((d) => [d.path, d]));
      const first = byPath.get('adr-tools/doc/adr/0001-record-architecture-decisions.md');
      assert.deepEqual([first?.id, first?.title, first?.status], ['ADR-0001', 'Record architecture decisions', 'accepted']);
      const old = byPath.get('home-assistant/adr/0002-minimum-supported-python-version.md');
      assert.equal(old?.supersededBy, 'ADR-0020');
      const pkg = byPath.get('log4brains/packages/web/docs/adr/20200927-use-react-hooks.md');
      assert.equal(pkg?.package, 'web');
      const draft = byPath.get('log4brains/packages/core/integration-tests/ro-project/docs/adr/20201030-draft-adr.md');
      assert.equal(draft?.status, 'draft');
      // A record without a status in a log4brains folder: accepted, log4brains' default.
      const bare = byPath.get('log4brains/packages/core/integration-tests/ro-project/docs/adr/20201028-adr-with-no-metadata.md');
      assert.deepEqual([bare?.status, bare?.statusText, bare?.statusDefaultOf], ['accepted', '', 'log4brains']);

      // Each folder shows its records with the prefix it learned; the word as written is kept.
      const row = (path: string): unknown[] => {
        const d = byPath.get(path);
        return [d?.id, d?.title, d?.status, d?.statusText, d?.supersededBy];
      };
      assert.deepEqual(row('buildpacks/rfcs/text/0096-remove-stacks-mixins.md'), ['RFC-0096', 'Remove Stacks & Mixins', 'accepted', 'Approved', undefined]);
      assert.deepEqual(row('buildpacks/rfcs/text/0022-client-side-buildpack-registry.md'), [
        'RFC-0022',
        'Client-Side Buildpack Registry',
        'superseded',
        'Superseded',
        // 0032 says `- Supersedes: [RFC-0022](https://github.com/…/text/0022-….md)`.
        'RFC-0032',
      ]);
      assert.deepEqual(row('neon/docs/rfcs/035-safekeeper-dynamic-membership-change.md'), ['RFC-035', 'Safekeeper dynamic membership change', 'unknown', '', undefined]);
      assert.deepEqual(row('pigweed/seed/0128.rst'), ['SEED-0128', 'Abstracting Thread Creation', 'accepted', 'Accepted', undefined]);
      assert.deepEqual(row('ingot/rfcs/0006-a-second-backend.md'), ['RFC-0006', 'A second backend, and the portability report', 'accepted', 'Accepted', undefined]);
      assert.deepEqual(row('ingot/docs/adr/0002-compiler-not-runtime.md'), ['ADR-0002', 'Build a compiler, not a runtime', 'accepted', 'Accepted', undefined]);
      assert.deepEqual(row('cometbft/docs/references/architecture/adr-110-remote-mempool.md'), [
        'ADR-110',
        'Remote mempool',
        'rejected',
        'Rejected in favour of ADR 111',
        undefined,
      ]);
      assert.deepEqual(row('winery/docs/adr/0030-multiple-repositories.md'), ['ADR-0030', 'Support of multiple repositories', 'proposed', 'pending', undefined]);
      const gap = list.find((d) => d.path === 'ingot/docs/gaps.md' && d.id === 'GAP-018');
      assert.equal(gap?.title, 'The IR had one consumer, so the portability claim was undemonstrated');
      assert.equal(gap?.line, readFileSync(join(CORPUS, 'ingot/docs/gaps.md'), 'utf8').split('\n').indexOf('### GAP-018') + 1);
    });

    it('groups by status with proposed decisions first', async () => {
      const r = await run(['list', '--group-by', 'status', '--root', CORPUS]);
      assert.equal(r.code, 0, r.stderr);
      const headings = r.stdout.split('\n').filter((l) => /^\S.* \(\d+\)$/.test(l)).map((l) => l.replace(/ \(\d+\)$/, ''));
      assert.equal(headings[0], 'proposed');
      assert.ok(headings.indexOf('accepted') < headings.indexOf('superseded'));
      assert.ok(headings.includes('rejected') && headings.includes('draft'));
    });

    it('groups by folder and by tag', async () => {
      const byFolder = await run(['list', '--group-by', 'folder', '--root', CORPUS]);
      assert.match(byFolder.stdout, /^log4brains\/packages\/web\/docs\/adr \(package web\) \(5\)$/m);
      assert.match(byFolder.stdout, /^adr-tools\/doc\/adr \(9\)$/m);
      const byTag = await run(['list', '--group-by', 'tag', '--json', '--root', join(CORPUS, 'log4brains/packages/core/integration-tests/ro-project')]);
      const groups = JSON.parse(byTag.stdout) as { group: string; decisions: { path: string }[] }[];
      const foo = groups.find((g) => g.group === 'foo');
      assert.ok(foo?.decisions.some((d) => d.path === 'docs/adr/20200102-adr-without-title.md'));
      assert.equal(groups[groups.length - 1].group, '(no tags)');
    });

    it('reads folders and prefixes from .vscode/settings.json', async () => {
      const r = await run(['list', '--json', '--root', join(FIXTURES, 'clean')]);
      const list = JSON.parse(r.stdout) as { id: string; folder: string }[];
      assert.deepEqual(list.map((d) => d.id).sort(), ['ADR-0001', 'ADR-0002', 'ADR-0003', 'DEC-0001']);
    });

    it('defaults --root to the current folder', async () => {
      const r = await run(['list', '--json'], join(FIXTURES, 'clean'));
      assert.equal(r.code, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as unknown[]).length, 4);
    });
  });

  describe('show', () => {
    it('shows a decision by any spelling of its id, with relations and citations', async () => {
      const root = join(FIXTURES, 'clean');
      for (const id of ['ADR-0003', 'ADR-3', 'adr 3']) {
        const r = await run(['show', id, '--root', root]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^ADR-0003 {2}Use NATS for events$/m);
        assert.match(r.stdout, /^Status: +accepted$/m);
        assert.match(r.stdout, /Supersedes ADR-0002 Use Kafka for events/);
        assert.match(r.stdout, /src\/db\.ts:6:\d+ {2}@ADR\(3\)/);
        assert.match(r.stdout, /README\.md:\d+:\d+ {2}\[ADR 3\]/);
        assert.match(r.stdout, /Decision:\n {2}We use NATS JetStream\./);
      }
    });

    it('shows a decision by path, and the derived inverse relation', async () => {
      // The Kafka record only says "Superseded"; the NATS record says it supersedes it.
      const r = await run(['show', 'docs/adr/0002-use-kafka-for-events.md'], join(FIXTURES, 'broken'));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ {2}Superseded by ADR-0003 Use NATS for events {2}\(stated by the other record\)$/m);
    });

    it('shows every record that shares an id', async () => {
      const r = await run(['show', 'ADR-4', '--json', '--root', join(FIXTURES, 'broken')]);
      const found = JSON.parse(r.stdout) as { path: string }[];
      assert.deepEqual(
        found.map((d) => d.path),
        ['docs/adr/0004-cache-with-redis.md', 'docs/adr/0004-rate-limits.md'],
      );
    });

    it('exits 1 for an unknown decision', async () => {
      const r = await run(['show', 'ADR-77', '--root', join(FIXTURES, 'clean')]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /no decision "ADR-77"/);
    });
  });

  describe('check', () => {
    it('reports the real problems of the corpus and exits 1', async () => {
      const r = await run(['check', '--root', CORPUS]);
      assert.equal(r.code, 1, r.stderr);
      const lines = r.stdout.trim().split('\n');
      const summary = lines.pop() ?? '';
      const all = lines.map((l) => {
        const m = /^(.+?):(\d+):(\d+): (error|warning|info): .+ \[([a-z-]+)\]$/.exec(l);
        assert.ok(m, `a problem line: ${l}`);
        return `${m[1]}:${m[2]} ${m[4]} ${m[5]}`;
      });
      // Asserted exactly for every project folder of the corpus. SOURCES.md, the corpus' own
      // description, quotes citations from files that were not copied, with paths relative to them.
      const found = all.filter((p) => !p.startsWith('SOURCES.md:'));
      const ro = 'log4brains/packages/core/integration-tests/ro-project';
      const neonDuplicates = [
        ['006-laptop-cli-v2-CLI.md', 3],
        ['006-laptop-cli-v2-repository-structure.md', 1],
        ['009-snapshot-first-storage-cli.md', 1],
        ['009-snapshot-first-storage-pitr.md', 1],
        ['009-snapshot-first-storage.md', 1],
        ['014-safekeepers-gossip.md', 1],
        ['014-storage-lsm.md', 1],
        ['017-console-split.md', 1],
        ['017-timeline-data-management.md', 1],
        ['024-extension-loading.md', 1],
        ['024-user-mgmt.md', 1],
        ['029-getpage-throttling.md', 1],
        ['029-pageserver-wal-disaster-recovery.md', 1],
        ['035-safekeeper-dynamic-membership-change.md', 1],
        ['035-timeline-archive.md', 1],
        ['038-aux-file-v2.md', 1],
        ['038-independent-compute-release.md', 1],
        ['040-Endpoint-Persistent-Unlogged-Files-Storage.md', 1],
        ['040-profiling.md', 1],
        ['041-rel-sparse-keyspace.md', 1],
        ['041-sharded-ingest.md', 1],
      ].map(([name, line]) => `neon/docs/rfcs/${name}:${line} error duplicate-id`);
      const expected = [
        // The README cites RFC 0004 (the RFC process, superseded by 0060 and 0106) and RFC 0060 (superseded).
        'buildpacks/rfcs/README.md:6 warning cites-superseded',
        'buildpacks/rfcs/README.md:10 warning cites-superseded',
        // `- Start Date: 2020-28-07` and `2022-09-39` are no calendar dates.
        'buildpacks/rfcs/text/0054-project-descriptor-schema.md:4 warning date-unrecognised',
        'buildpacks/rfcs/text/0108-governance-component-maintainer-role.md:4 warning date-unrecognised',
        // 0122 says it supersedes RFC 0118; 0118 is `Approved` and says nothing of it.
        'buildpacks/rfcs/text/0122-2023H2-roadmap.md:10 warning one-way-relation',
        // ADR 083 was proposed in tendermint and never copied here (tendermint-core stops at 081).
        'cometbft/docs/references/architecture/adr-104-out-of-band-state-sync.md:101 error unknown-decision',
        'cometbft/docs/references/architecture/adr-104-out-of-band-state-sync.md:123 error unknown-decision',
        'cometbft/docs/references/architecture/adr-104-out-of-band-state-sync.md:127 error unknown-decision',
        'cometbft/docs/references/architecture/adr-104-out-of-band-state-sync.md:456 error unknown-decision',
        // `# ADR 012: ABCI Events` in adr-021-abci-events.md.
        'cometbft/docs/references/architecture/tendermint-core/adr-021-abci-events.md:1 warning number-mismatch',
        // `[rfc]: ../rfc/rfc-000-p2p-roadmap.rst`, written for the old layout: the RFC is in docs/references/rfc/tendermint-core/.
        'cometbft/docs/references/architecture/tendermint-core/adr-073-libp2p.md:235 warning link-path',
        // `cometbft/docs/architecture/adr-006-trust-metric.md`: the record moved to docs/references/architecture/tendermint-core/.
        'cometbft/spec/p2p/implementation/types.md:231 info record-moved',
        // ADR-0006 amends ADR-0002, which does not say it was amended.
        'ingot/docs/adr/0006-a-policy-enforcing-runner.md:5 warning one-way-relation',
        // The deliberately broken records of log4brains' test project.
        `${ro}/docs/adr/20200102-adr-without-title.md:1 warning missing-title`,
        `${ro}/docs/adr/20201028-adr-with-no-metadata-no-title.md:1 warning missing-title`,
        `${ro}/docs/adr/20201028-links.md:11 error unknown-decision`,
        // `../../docs/adr/` from packages/package1/adr leads to packages/docs/adr, which does not exist.
        `${ro}/packages/package1/adr/20201028-links-to-global.md:7 warning link-path`,
        `${ro}/packages/package1/adr/20201028-links-to-global.md:11 warning link-path`,
        // neon reused numbers; every record that shares one is told which others do.
        ...neonDuplicates.slice(0, 2),
        // Starts with a Setext H2; starts with prose; an empty `# `; starts with `## Summary`.
        'neon/docs/rfcs/007-serverless-on-laptop.md:1 warning missing-title',
        neonDuplicates[2],
        'neon/docs/rfcs/009-snapshot-first-storage-cli.md:1 warning missing-title',
        ...neonDuplicates.slice(3, 20),
        neonDuplicates[20],
        'neon/docs/rfcs/041-sharded-ingest.md:1 warning missing-title',
        'neon/docs/rfcs/2025-02-14-storage-controller.md:1 warning missing-title',
        // SEED-5309 is the process document's example inside a `.. code-block::` (the finder
        // reads reStructuredText whole; see the report); SEED-0116 and SEED-0106 exist only as
        // seed_metadata.json entries, with no record file in the repository.
        'pigweed/seed/0001.rst:115 error unknown-decision',
        'pigweed/seed/0001.rst:117 error unknown-decision',
        'pigweed/seed/0001.rst:120 error unknown-decision',
        'pigweed/seed/0107.rst:284 error unknown-decision',
        'pigweed/seed/0107.rst:611 error unknown-decision',
        'pigweed/seed/0122.rst:85 error unknown-decision',
        'pigweed/seed/0122.rst:210 error unknown-decision',
        // Two records numbered 0028 and two numbered 0030; 0030-deployable-docker-components has no H1.
        'winery/docs/adr/0028-semantics-in-the-model.md:1 error duplicate-id',
        'winery/docs/adr/0028-use-hardcoded-namespaces-for-threat-modeling.md:1 error duplicate-id',
        'winery/docs/adr/0030-deployable-docker-components.md:1 error duplicate-id',
        'winery/docs/adr/0030-deployable-docker-components.md:1 warning missing-title',
        'winery/docs/adr/0030-multiple-repositories.md:1 error duplicate-id',
      ];
      assert.deepEqual(found, expected);
      // No duplicate-id from long records read as logs, no broken relation from records' bodies.
      assert.equal(found.filter((p) => p.endsWith('duplicate-id')).length, 25);
      assert.ok(!found.some((p) => p.endsWith('broken-relation')));
      assert.match(summary, /^\d+ errors?, \d+ warnings?(, \d+ infos?)? \(544 decisions, \d+ files read\)$/);
    });

    it('keeps every learned prefix when --prefix adds one: no known record becomes unknown', async () => {
      const plain = await run(['check', '--root', CORPUS]);
      const added = await run(['check', '--prefix', 'MADR', '--root', CORPUS]);
      // SOURCES.md, the corpus' own description, is left out as in the test above.
      const lines = (r: Run): string[] => r.stdout.trim().split('\n').slice(0, -1).filter((l) => !l.startsWith('SOURCES.md:'));
      const before = new Set(lines(plain));
      const after = lines(added);
      for (const l of before) assert.ok(after.includes(l), `still reported: ${l}`);
      // What --prefix adds are citations with that prefix (here `MADR 1`, `MADR 2`: MADR versions in prose).
      const extra = after.filter((l) => !before.has(l));
      assert.ok(extra.length > 0 && extra.every((l) => / MADR \d+ is not a known decision /.test(l)), extra.join('\n'));
      const list = JSON.parse((await run(['list', '--json', '--prefix', 'MADR', '--root', CORPUS])).stdout) as unknown[];
      assert.equal(list.length, 544);
    });

    it('prints file:line:col: severity: message lines for a broken workspace', async () => {
      const r = await run(['check', '--root', join(FIXTURES, 'broken')]);
      assert.equal(r.code, 1);
      assert.equal(
        r.stdout,
        [
          'docs/adr/0003-use-nats-for-events.md:11:1: warning: ADR-0003 says "Amends ADR-0001" but ADR-0001 does not link back [one-way-relation]',
          'docs/adr/0004-cache-with-redis.md:1:6: error: ADR-0004 is also the id of 0004-rate-limits.md [duplicate-id]',
          'docs/adr/0004-cache-with-redis.md:9:1: error: Supersedes [9. Cache in memory](0009-cache-in-memory.md): no such decision [broken-relation]',
          'docs/adr/0004-rate-limits.md:1:6: error: ADR-0004 is also the id of 0004-cache-with-redis.md [duplicate-id]',
          'src/events.go:3:37: warning: ADR-0002 (Use Kafka for events) is superseded; cite ADR-0003 (Use NATS for events) instead [cites-superseded]',
          // Two records share the number 4: a citation of ADR-4 is ambiguous and says so.
          'src/events.go:4:31: warning: ADR-4 may mean ADR-0004 (docs/adr/0004-cache-with-redis.md) or ADR-0004 (docs/adr/0004-rate-limits.md); cite one by path [ambiguous-citation]',
          'src/events.go:5:19: error: ADR-0042 is not a known decision [unknown-decision]',
          '4 errors, 3 warnings (5 decisions, 6 files read)',
          '',
        ].join('\n'),
      );
    });

    it('exits 0 for a clean workspace, skipping excluded folders, and naming the large and binary files it skipped', async () => {
      const root = join(work, 'clean');
      cpSync(join(FIXTURES, 'clean'), root, { recursive: true });
      for (const dir of ['node_modules/lib', 'dist', 'build', 'coverage', '.git', 'out', '.vscode-test']) {
        mkdirSync(join(root, dir), { recursive: true });
        writeFileSync(join(root, dir, 'x.js'), '// ADR-404\n');
      }
      writeFileSync(join(root, 'src/big.ts'), '// ADR-404\n' + 'x'.repeat(2 * 1024 * 1024));
      writeFileSync(join(root, 'src/blob.ts'), Buffer.from([0x2f, 0x2f, 0x20, 0x41, 0x44, 0x52, 0x2d, 0x34, 0x0a, 0x00, 0x01]));
      writeFileSync(join(root, 'src/logo.png'), '// ADR-404\n');
      assert.ok(statSync(join(root, 'src/big.ts')).size > 2 * 1024 * 1024);
      const r = await run(['check', '--root', root]);
      assert.equal(
        r.stdout,
        [
          'src/big.ts:1:1: warning: skipped: over 2 MB [skipped-file]',
          'src/blob.ts:1:1: warning: skipped: binary (NUL bytes) [skipped-file]',
          '0 errors, 2 warnings (4 decisions, 9 files read, 2 skipped)',
          '',
        ].join('\n'),
      );
      assert.equal(r.code, 0);
      // The same files with a small file that cites a missing decision fail the check.
      writeFileSync(join(root, 'src/small.ts'), '// ADR-404\n');
      const failing = await run(['check', '--root', root]);
      assert.equal(failing.code, 1);
      assert.match(failing.stdout, /^src\/small\.ts:1:4: error: ADR-404 is not a known decision \[unknown-decision\]$/m);
    });

    it('finds citations outside comments with --anywhere', async () => {
      const r = await run(['check', '--anywhere', '--json', '--root', join(FIXTURES, 'broken')]);
      const problems = JSON.parse(r.stdout) as { path: string; line: number; code: string; message: string }[];
      assert.ok(problems.some((p) => p.path === 'src/events.go' && p.line === 7 && /ADR-7/.test(p.message)));
    });
  });

  describe('folders', () => {
    it('prints every folder and log of the corpus with its prefixes and where each was learned', async () => {
      const r = await run(['folders', '--root', CORPUS]);
      assert.equal(r.code, 0, r.stderr);
      const blocks = new Map<string, string[]>();
      let current: string[] = [];
      for (const line of r.stdout.split('\n')) {
        if (/^\S/.test(line) && line.includes('  ')) blocks.set(line.split('  ')[0], (current = [line]));
        else if (line.startsWith('  ')) current.push(line.trim().replace(/\s+/g, ' '));
      }
      assert.deepEqual(blocks.get('ingot/rfcs'), [
        'ingot/rfcs  folder  usual place  23 records',
        'RFC headings, folder name, records cite each other (0001-language-v0.1.md: RFC-0001, ×79)',
      ]);
      assert.deepEqual(blocks.get('ingot/docs/gaps.md'), [
        'ingot/docs/gaps.md  decision log  usual place  47 entries',
        'GAP headings, records cite each other (gaps.md: GAP-009, ×24)',
      ]);
      assert.deepEqual(blocks.get('pigweed/seed'), ['pigweed/seed  folder  usual place  23 records', 'SEED folder name, records cite each other (seed, ×12)']);
      assert.deepEqual(blocks.get('winery/docs/adr'), [
        'winery/docs/adr  folder  from .adr-dir (adr-tools)  34 records',
        'ADR folder name, records cite each other, tool (adr, ×4)',
      ]);
      assert.deepEqual(blocks.get('madr/docs/decisions'), ['madr/docs/decisions  folder  usual place  19 records', 'ADR default']);
      assert.equal(blocks.size, 19);
      assert.match(r.stdout, /^17 folders and 2 decision logs$/m);
    });

    it('prints JSON rows with every learned prefix, and marks a folder .adr-dir names that does not exist', async () => {
      const root = join(work, 'missing-folder');
      mkdirSync(join(root, 'docs/madr'), { recursive: true });
      writeFileSync(join(root, '.adr-dir'), 'doc/architecture/decisions\n');
      writeFileSync(join(root, 'docs/madr/001-tracing.md'), '# ADR-001: Tracing\n\nSuperseded by MADR-002.\n');
      writeFileSync(join(root, 'docs/madr/002-tracing-v2.md'), '# ADR-002: Tracing v2\n\nSupersedes [MADR-001](001-tracing.md).\n\nMADR-003 does not exist.\n');
      writeFileSync(join(root, 'src.ts'), '// MADR-002 and ADR-2 cite the same record; MADR-007 is no record\n');
      const r = await run(['folders', '--json', '--root', root]);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as { path: string; prefix: string; prefixes: { prefix: string; sources: string[] }[]; records: number; missing?: boolean }[];
      assert.deepEqual(
        rows.map((f) => [f.path, f.prefix, f.prefixes.map((p) => `${p.prefix}:${p.sources.join('+')}`), f.records, f.missing ?? false]),
        [
          ['doc/architecture/decisions', 'ADR', ['ADR:tool'], 0, true],
          // The records head themselves `ADR-001`; the folder's name and their cross-references add `MADR`.
          ['docs/madr', 'ADR', ['ADR:heading', 'MADR:folder-name+cross-reference'], 2, false],
        ],
      );
      const check = await run(['check', '--root', root]);
      assert.equal(
        check.stdout,
        [
          '.adr-dir:1:1: error: .adr-dir names the decision folder doc/architecture/decisions, which does not exist [folder-missing]',
          'docs/madr/002-tracing-v2.md:5:1: error: MADR-003 is not a known decision [unknown-decision]',
          'src.ts:1:45: error: MADR-007 is not a known decision [unknown-decision]',
          '3 errors, 0 warnings (2 decisions, 4 files read)',
          '',
        ].join('\n'),
      );
    });
  });

  describe('usage', () => {
    it('prints help and the version', async () => {
      const help = await run(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /decision-lens list/);
      assert.match(help.stdout, /decision-lens check/);
      const version = await run(['--version']);
      const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
      assert.equal(version.stdout.trim(), pkg.version);
    });

    const bad: [string, string[], RegExp][] = [
      ['no command', [], /missing command/],
      ['an unknown command', ['lint'], /unknown command "lint"/],
      ['an unknown option', ['list', '--colour'], /--colour/],
      ['a bad --group-by', ['list', '--group-by', 'year'], /--group-by must be status, folder or tag/],
      ['show without an id', ['show'], /show takes one decision id/],
      ['a missing root', ['check', '--root', '/no/such/folder'], /no such folder/],
    ];
    for (const [what, args, message] of bad) {
      it(`exits 2 on ${what}`, async () => {
        const r = await run(args);
        assert.equal(r.code, 2, r.stdout);
        assert.match(r.stderr, message);
        assert.equal(r.stdout, '');
      });
    }
  });

  it('keeps paths relative to the root in every output', async () => {
    const r = await run(['list', '--json', '--root', CORPUS]);
    for (const d of JSON.parse(r.stdout) as { path: string }[]) {
      assert.ok(!d.path.startsWith('/') && !d.path.startsWith('..'), d.path);
      assert.equal(relative(CORPUS, join(CORPUS, d.path)), d.path);
    }
  });
});
