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
  ];
  const out: string[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(join(CORPUS, folder))) {
      if (!name.endsWith('.md') || /^(readme|index|template|adr-template.*)\.md$/i.test(name)) continue;
      out.push(`${folder}/${name}`);
    }
  }
  return out;
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
      for (const file of corpusRecordFiles()) assert.ok(r.stdout.includes(file), `${file} is listed`);
      const log = readFileSync(join(CORPUS, 'decision-log/DECISIONS.md'), 'utf8');
      const entries = log.split('\n').filter((l) => l.startsWith('## ')).length;
      const logLines = r.stdout.split('\n').filter((l) => l.includes('decision-log/DECISIONS.md:'));
      assert.equal(logLines.length, entries);
      const total = corpusRecordFiles().length + entries;
      assert.match(r.stdout, new RegExp(`^${total} decisions in \\d+ folders and 1 decision log$`, 'm'));
      assert.ok(!r.stdout.includes('template.md'), 'templates are not listed');
    });

    it('prints JSON with ids, titles, statuses and relative paths', async () => {
      const r = await run(['list', '--json', '--root', CORPUS]);
      assert.equal(r.code, 0, r.stderr);
      const list = JSON.parse(r.stdout) as { id: string; title: string; status: string; path: string; supersededBy?: string; package?: string }[];
      assert.equal(list.length, corpusRecordFiles().length + 4);
      const byPath = new Map(list.map((d) => [d.path, d]));
      const first = byPath.get('adr-tools/doc/adr/0001-record-architecture-decisions.md');
      assert.deepEqual([first?.id, first?.title, first?.status], ['ADR-0001', 'Record architecture decisions', 'accepted']);
      const old = byPath.get('home-assistant/adr/0002-minimum-supported-python-version.md');
      assert.equal(old?.supersededBy, 'ADR-0020');
      const pkg = byPath.get('log4brains/packages/web/docs/adr/20200927-use-react-hooks.md');
      assert.equal(pkg?.package, 'web');
      const draft = byPath.get('log4brains/packages/core/integration-tests/ro-project/docs/adr/20201030-draft-adr.md');
      assert.equal(draft?.status, 'draft');
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
      // Asserted exactly for the first batch of folders (SOURCES.md, first table).
      const firstBatch = ['adr-tools/', 'decision-log/', 'home-assistant/', 'log4brains/', 'madr/', 'templates/'];
      const found = all.filter((p) => firstBatch.some((f) => p.startsWith(f)));
      const ro = 'log4brains/packages/core/integration-tests/ro-project';
      assert.deepEqual(found, [
        // The deliberately broken records of log4brains' test project.
        `${ro}/docs/adr/20200102-adr-without-title.md:1 warning missing-title`,
        `${ro}/docs/adr/20201028-adr-with-no-metadata-no-title.md:1 warning missing-title`,
        `${ro}/docs/adr/20201028-links.md:11 error unknown-decision`,
        // `../../docs/adr/` from packages/package1/adr leads to packages/docs/adr, which does not exist.
        `${ro}/packages/package1/adr/20201028-links-to-global.md:7 warning link-path`,
        `${ro}/packages/package1/adr/20201028-links-to-global.md:11 warning link-path`,
        // MADR's own "on hold" status is no standard status.
        'madr/docs/decisions/0003-provide-own-madr-tools.md:4 info status-unrecognised',
      ]);
      assert.match(summary, /^\d+ errors?, \d+ warnings?, \d+ infos? \(\d+ decisions, \d+ files read\)$/);
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
