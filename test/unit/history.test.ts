// History from git on temporary repositories built with the git CLI: number collisions across
// branches, provenance, drift, shallow clones, no git at all.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { buildHistory, logArgs, parseGitLog } from '../../src/core/history';
import { TempRepo, madr, nygard } from './gitRepo';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[], cwd: string): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run([...args, '--quiet'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

interface Json {
  id: string;
  path: string;
  provenance?: {
    source: string;
    created: { author: string; date: string; commit: string };
    lastChanged: { author: string; date: string; commit: string };
    statusChanged?: { author: string; date: string; commit: string; from?: string; to: string };
    commits: number;
    shallow?: boolean;
  };
  drift?: { source: string; commits: number; files: number; since: string; paths: string[] };
}

describe('history from git', function () {
  this.timeout(60_000);
  const repos: TempRepo[] = [];
  const repo = (): TempRepo => {
    const r = new TempRepo();
    repos.push(r);
    return r;
  };
  after(() => repos.forEach((r) => r.dispose()));

  describe('number collisions across branches', () => {
    let r: TempRepo;
    before(() => {
      r = repo();
      r.commit('Start the log', 'Alice', '2025-01-01', {
        '.adr-dir': 'doc/adr\n',
        'doc/adr/0001-record-architecture-decisions.md': nygard(1, 'Record architecture decisions', 'Accepted'),
        'doc/adr/0002-use-postgres.md': nygard(2, 'Use Postgres', 'Accepted'),
      });
      r.git('checkout', '-q', '-b', 'feature');
      r.commit('Propose Kafka', 'Bob', '2025-01-05', { 'doc/adr/0003-use-kafka.md': nygard(3, 'Use Kafka', 'Proposed') });
      r.git('checkout', '-q', 'main');
      r.commit('Accept NATS', 'Carol', '2025-01-06', { 'doc/adr/0003-use-nats.md': nygard(3, 'Use NATS', 'Accepted') });
      r.commit('Propose gRPC', 'Carol', '2025-01-07', { 'doc/adr/0004-use-grpc.md': nygard(4, 'Use gRPC', 'Proposed') });
      r.git('checkout', '-q', 'feature');
    });

    it('check --against main reports the record whose number main uses for another record', async () => {
      const res = await cli(['check', '--against', 'main'], r.dir);
      assert.equal(res.code, 1, res.stdout + res.stderr);
      const lines = res.stdout.split('\n').filter((l) => l.includes('[number-collision]'));
      assert.equal(lines.length, 1, res.stdout);
      assert.match(lines[0], /^doc\/adr\/0003-use-kafka\.md:1:\d+: error: ADR-0003 is numbered 3, and doc\/adr\/0003-use-nats\.md on main uses the same number/);
      // Without --against the branch alone is clean.
      assert.equal((await cli(['check'], r.dir)).code, 0);
    });

    it('--against without a ref compares with main when there is no upstream, --all-branches with every branch', async () => {
      const byDefault = await cli(['check', '--against', '--json'], r.dir);
      const problems = JSON.parse(byDefault.stdout) as { code: string; path: string; message: string }[];
      assert.deepEqual(
        problems.filter((p) => p.code === 'number-collision').map((p) => p.path),
        ['doc/adr/0003-use-kafka.md'],
      );
      const all = await cli(['check', '--all-branches'], r.dir);
      assert.match(all.stdout, /0003-use-nats\.md on main/);
      const missing = await cli(['check', '--against', 'no-such-branch'], r.dir);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /no ref "no-such-branch"/);
    });

    it('new picks a number free on this branch and on main', async () => {
      const res = await cli(['new', '--title', 'Use Redis', '--dry-run'], r.dir);
      assert.equal(res.code, 0, res.stderr);
      // This branch's next number is 4; main uses 4 for another record.
      assert.match(res.stdout, /0005-use-redis\.md/);
      const mainOnly = await cli(['new', '--title', 'Use Redis', '--dry-run', '--against', 'feature'], r.dir);
      assert.match(mainOnly.stdout, /0004-use-redis\.md/);
    });

    it('renumber moves a record to a number free on this branch and on main', async () => {
      const res = await cli(['renumber', 'ADR-0002', '--dry-run'], r.dir);
      assert.equal(res.code, 0, res.stderr);
      // This branch's next free number is 4; main uses 4 for another record.
      assert.match(res.stdout, /0005-use-postgres\.md/);
      const taken = await cli(['renumber', 'ADR-0002', '4', '--dry-run'], r.dir);
      assert.notEqual(taken.code, 0, taken.stdout);
      assert.match(taken.stderr + taken.stdout, /0004-use-grpc\.md uses it on the default branch/);
    });

    it('the same number on both branches for the same file is no collision', async () => {
      const res = await cli(['check', '--against', 'main', '--json'], r.dir);
      const problems = JSON.parse(res.stdout) as { code: string; path: string }[];
      assert.ok(!problems.some((p) => p.code === 'number-collision' && p.path.startsWith('doc/adr/0001')));
    });
  });

  describe('a record renamed on this branch', () => {
    it('is no collision with its old name on the other ref', async () => {
      const r = repo();
      r.commit('Start', 'Alice', '2025-01-01', { 'doc/adr/0001-use-postgres.md': nygard(1, 'Use Postgres', 'Accepted') });
      r.git('checkout', '-q', '-b', 'rename');
      r.git('mv', 'doc/adr/0001-use-postgres.md', 'doc/adr/0001-use-postgresql.md');
      r.commit('Rename', 'Bob', '2025-01-02');
      const renamed = JSON.parse((await cli(['check', '--against', 'main', '--json'], r.dir)).stdout) as { code: string }[];
      assert.deepEqual(renamed.filter((p) => p.code === 'number-collision'), []);
      // A different record with the same number on main is one.
      r.git('checkout', '-q', 'main');
      r.commit('Another 1', 'Carol', '2025-01-03', { 'doc/adr/0001-use-mysql.md': nygard(1, 'Use MySQL', 'Proposed') });
      r.git('checkout', '-q', 'rename');
      const other = JSON.parse((await cli(['check', '--against', 'main', '--json'], r.dir)).stdout) as { code: string; message: string }[];
      assert.deepEqual(other.filter((p) => p.code === 'number-collision').map((p) => /\S+ on main/.exec(p.message)?.[0]), ['doc/adr/0001-use-mysql.md on main']);
    });
  });

  describe('provenance', () => {
    let r: TempRepo;
    let accepted = '';
    let created = '';
    before(() => {
      r = repo();
      created = r.commit('Propose webhooks', 'Alice Adams', '2025-01-10', {
        'doc/adr/0001-receive-orders-through-webhooks.md': nygard(1, 'Receive orders through webhooks', 'Proposed'),
        'doc/adr/0002-use-json.md': nygard(2, 'Use JSON', 'Accepted'),
      });
      r.commit('Context from the partner call', 'Bob Brown', '2025-02-01', {
        'doc/adr/0001-receive-orders-through-webhooks.md': nygard(1, 'Receive orders through webhooks', 'Proposed', ' Partners asked.'),
      });
      accepted = r.commit('Accept webhooks', 'Carol Chen', '2025-03-02', {
        'doc/adr/0001-receive-orders-through-webhooks.md': nygard(1, 'Receive orders through webhooks', 'Accepted', ' Partners asked.'),
      });
      // A rename and a typo fix later: the history follows the rename, the status did not change.
      r.git('mv', 'doc/adr/0001-receive-orders-through-webhooks.md', 'doc/adr/0001-receive-partner-orders-through-webhooks.md');
      r.commit('Rename', 'Dan Diaz', '2025-04-01', {
        'doc/adr/0001-receive-partner-orders-through-webhooks.md': nygard(1, 'Receive orders through webhooks', 'Accepted', ' Partners asked for it.'),
      });
    });

    it('show --json gives who created it, who accepted it and who changed it last, from git', async () => {
      const res = await cli(['show', 'ADR-1', '--json'], r.dir);
      assert.equal(res.code, 0, res.stderr);
      const [d] = JSON.parse(res.stdout) as Json[];
      const p = d.provenance;
      assert.ok(p, res.stdout);
      assert.equal(p.source, 'git');
      assert.deepEqual([p.created.author, p.created.date, p.created.commit], ['Alice Adams', '2025-01-10', created]);
      assert.deepEqual([p.lastChanged.author, p.lastChanged.date], ['Dan Diaz', '2025-04-01']);
      assert.ok(p.statusChanged);
      assert.deepEqual([p.statusChanged.author, p.statusChanged.date, p.statusChanged.commit, p.statusChanged.from, p.statusChanged.to], ['Carol Chen', '2025-03-02', accepted, 'proposed', 'accepted']);
      assert.equal(p.commits, 4);
      assert.equal(p.shallow, undefined);
    });

    it('list --json: a record accepted from its first commit was accepted by its author; an uncommitted record has none', async () => {
      r.write({ 'doc/adr/0003-draft.md': nygard(3, 'Draft', 'Proposed') });
      const res = await cli(['list', '--json'], r.dir);
      const list = JSON.parse(res.stdout) as Json[];
      const json = list.find((d) => d.id === 'ADR-0002');
      assert.equal(json?.provenance?.statusChanged?.author, 'Alice Adams');
      assert.equal(json?.provenance?.statusChanged?.from, undefined);
      assert.equal(list.find((d) => d.id === 'ADR-0003')?.provenance, undefined);
      r.write({ 'doc/adr/0003-draft.md': null });
    });

    it('an uncommitted status change has no status commit yet', async () => {
      r.write({ 'doc/adr/0002-use-json.md': nygard(2, 'Use JSON', 'Deprecated') });
      const [d] = JSON.parse((await cli(['show', 'ADR-2', '--json'], r.dir)).stdout) as Json[];
      assert.equal(d.provenance?.created.author, 'Alice Adams');
      assert.equal(d.provenance?.statusChanged, undefined);
      r.git('checkout', '--', 'doc/adr/0002-use-json.md');
    });
  });

  describe('a decision log', () => {
    it('an entry added in a later commit was created by that commit, not by the first commit of the log', async () => {
      const r = repo();
      const entry = (n: number, title: string, status: string): string => `## DL-${n}: ${title}\n\nDate: 2025-01-0${n}\nStatus: ${status}\nDecision: ${title}.\n\n`;
      r.commit('Start the log', 'Alice', '2025-01-01', { 'DECISIONS.md': `# Decisions\n\n${entry(1, 'Ship weekly', 'Accepted')}` });
      r.commit('Add DL-2', 'Bob', '2025-01-02', { 'DECISIONS.md': `# Decisions\n\n${entry(1, 'Ship weekly', 'Accepted')}${entry(2, 'Keep a changelog', 'Proposed')}` });
      r.commit('Accept DL-2', 'Carol', '2025-01-03', { 'DECISIONS.md': `# Decisions\n\n${entry(1, 'Ship weekly', 'Accepted')}${entry(2, 'Keep a changelog', 'Accepted')}` });
      const list = JSON.parse((await cli(['list', '--json'], r.dir)).stdout) as Json[];
      const dl1 = list.find((d) => d.id === 'DL-1');
      const dl2 = list.find((d) => d.id === 'DL-2');
      assert.equal(dl1?.provenance?.created.author, 'Alice');
      assert.equal(dl1?.provenance?.statusChanged?.author, 'Alice');
      assert.equal(dl2?.provenance?.created.author, 'Bob');
      assert.deepEqual([dl2?.provenance?.statusChanged?.author, dl2?.provenance?.statusChanged?.from], ['Carol', 'proposed']);
    });
  });

  describe('drift', () => {
    let r: TempRepo;
    before(() => {
      r = repo();
      r.commit('Start', 'Alice', '2025-01-01', {
        'docs/decisions/0001-hmac-webhooks.md': madr('Verify webhooks with HMAC', 'proposed', ['src/payments/**', 'lib/nowhere/**']),
        'docs/decisions/0002-old-way.md': madr('The old way', 'superseded by ADR-0001', ['src/payments/**']),
        // Still `Accepted` in its status section, but superseded by ADR-0001: it never counts either.
        'docs/decisions/0003-older-way.md': nygard(3, 'Older way', 'Accepted\n\nSuperseded by [1. Verify webhooks with HMAC](0001-hmac-webhooks.md)'),
        'src/payments/a.ts': 'export const a = 1;\n',
        'src/payments/b.ts': 'export const b = 1;\n',
        'src/other.ts': 'export const o = 1;\n',
        'src/cite.ts': '// ADR-0001: signatures\nexport const c = 1;\n',
      });
      r.commit('Before acceptance', 'Bob', '2025-02-01', { 'src/payments/a.ts': 'export const a = 2;\n' });
      r.commit('Accept', 'Carol', '2025-03-02', { 'docs/decisions/0001-hmac-webhooks.md': madr('Verify webhooks with HMAC', 'accepted', ['src/payments/**', 'lib/nowhere/**']) });
      r.commit('Change a', 'Dan', '2025-03-10', { 'src/payments/a.ts': 'export const a = 3;\n' });
      r.commit('Change b and other', 'Dan', '2025-03-11', { 'src/payments/b.ts': 'export const b = 2;\n', 'src/other.ts': 'export const o = 2;\n' });
      r.commit('Change only other', 'Eve', '2025-03-12', { 'src/other.ts': 'export const o = 3;\n' });
      r.commit('Change the citing file', 'Eve', '2025-03-13', { 'src/cite.ts': '// ADR-0001: signatures\nexport const c = 2;\n' });
      r.commit('Add c', 'Eve', '2025-03-14', { 'src/payments/c.ts': 'export const c = 1;\n' });
    });

    it('counts the commits and files changed since acceptance in governed and citing files', async () => {
      const res = await cli(['drift', '--json'], r.dir);
      assert.equal(res.code, 0, res.stderr);
      const rows = JSON.parse(res.stdout) as { id: string; commits: number; files: number; acceptedOn: string; paths: string[] }[];
      // Only the accepted decision: the superseded one never counts.
      assert.deepEqual(rows.map((x) => x.id), ['ADR-0001']);
      assert.equal(rows[0].acceptedOn, '2025-03-02');
      assert.equal(rows[0].commits, 4);
      assert.equal(rows[0].files, 4);
      assert.deepEqual(rows[0].paths, ['src/cite.ts', 'src/payments/a.ts', 'src/payments/b.ts', 'src/payments/c.ts']);
      const text = await cli(['drift'], r.dir);
      assert.match(text.stdout, /ADR-0001 {2}Verify webhooks with HMAC: 4 commits in 4 files since accepted on 2025-03-02/);
    });

    it('check --drift=N reports decisions over N commits as info, and applies-to globs that match nothing', async () => {
      const over = await cli(['check', '--drift=3'], r.dir);
      assert.match(over.stdout, /0001-hmac-webhooks\.md:\d+:\d+: info: ADR-0001 was accepted on 2025-03-02; since then 4 commits changed 4 files it governs or that cite it \(git\) \[decision-drift\]/);
      assert.match(over.stdout, /warning: applies-to glob "lib\/nowhere\/\*\*" of ADR-0001 matches no file in the repository \[applies-to-no-match\]/);
      assert.doesNotMatch(over.stdout, /ADR-0002 was accepted/);
      const under = await cli(['check', '--drift', '4'], r.dir);
      assert.doesNotMatch(under.stdout, /\[decision-drift\]/);
      assert.equal((await cli(['check', '--drift=x'], r.dir)).code, 2);
    });

    it('an incremental update reads the same history as a full read', () => {
      const full = buildHistory(parseGitLog(r.git(...logArgs('HEAD'))), 'HEAD');
      const old = r.git('rev-parse', 'HEAD~3').trim();
      const base = buildHistory(parseGitLog(r.git(...logArgs(old))), old);
      const inc = buildHistory(parseGitLog(r.git(...logArgs(`${old}..HEAD`))), 'HEAD', base);
      assert.deepEqual(inc.commits.map((c) => c.hash), full.commits.map((c) => c.hash));
      const files = (h: typeof full): Record<string, string[]> => Object.fromEntries([...h.files].sort().map(([p, f]) => [p, f.changes.map((c) => `${h.commits[c.seq].hash}:${c.kind}`)]));
      assert.deepEqual(files(inc), files(full));
    });
  });

  describe('the log pass', () => {
    it('reads any file name exactly and follows renames back to the commit that added the file', () => {
      const r = repo();
      const first = r.commit('Add', 'Zoë Ångström', '2025-01-01', { 'src/a b\tc «ü».ts': 'export const x = 1;\n'.repeat(20), 'src/other.ts': 'x\n' });
      r.git('mv', 'src/a b\tc «ü».ts', 'src/renamed name.ts');
      const moved = r.commit('Move', 'Bob', '2025-01-02');
      const changed = r.commit('Change', 'Carol', '2025-01-03', { 'src/renamed name.ts': 'export const x = 1;\n'.repeat(20) + 'export const y = 2;\n', 'src/other.ts': null });
      const h = buildHistory(parseGitLog(r.git(...logArgs('HEAD'))), changed);
      assert.deepEqual([...h.files.keys()], ['src/renamed name.ts']);
      const file = h.files.get('src/renamed name.ts');
      assert.deepEqual(file?.changes.map((c) => [h.commits[c.seq].hash, c.kind, c.path, c.from]), [
        [changed, 'M', 'src/renamed name.ts', undefined],
        [moved, 'R', 'src/renamed name.ts', 'src/a b\tc «ü».ts'],
        [first, 'A', 'src/a b\tc «ü».ts', undefined],
      ]);
      assert.equal(h.commits[0].author, 'Zoë Ångström');
    });

    it('reads nothing from a truncated or foreign output without throwing', () => {
      assert.deepEqual(parseGitLog(''), []);
      assert.deepEqual(parseGitLog('garbage\0\x1e\x1eDLC\x1fnot-a-hash\x1f'), []);
      const full = parseGitLog(`\x1e\x1eDLC\x1f${'a'.repeat(40)}\x1f\x1fA\x1fa@x\x1f2025-01-01T00:00:00Z\x1f1\x1fs\0\n:000000 100644 ${'0'.repeat(40)} ${'b'.repeat(40)} A\0x.md\0:1`);
      assert.equal(full.length, 1);
      assert.deepEqual(full[0].changes, [{ kind: 'A', path: 'x.md', blob: 'b'.repeat(40) }]);
    });
  });

  describe('a shallow clone', () => {
    let clone = '';
    before(() => {
      const r = repo();
      r.commit('Propose', 'Alice', '2025-01-10', { 'doc/adr/0001-use-x.md': nygard(1, 'Use X', 'Proposed'), 'src/x.ts': '// ADR-0001\n' });
      r.commit('Accept', 'Bob', '2025-02-10', { 'doc/adr/0001-use-x.md': nygard(1, 'Use X', 'Accepted') });
      r.commit('Change x', 'Carol', '2025-03-10', { 'src/x.ts': '// ADR-0001\nexport {};\n' });
      clone = realpathSync(mkdtempSync(join(tmpdir(), 'dl-shallow-')));
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone]);
    });
    after(() => rmSync(clone, { recursive: true, force: true }));

    it('is said, and provenance is marked as cut off, without a crash', async () => {
      const res = await cli(['show', 'ADR-1', '--json'], clone);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stderr, /shallow clone/);
      const [d] = JSON.parse(res.stdout) as Json[];
      assert.equal(d.provenance?.shallow, true);
      assert.equal(d.provenance?.created.author, 'Carol');
      const drift = await cli(['drift'], clone);
      assert.equal(drift.code, 0, drift.stderr);
      assert.match(drift.stderr, /shallow clone/);
    });
  });

  describe('without git', () => {
    let dir = '';
    let savedPath: string | undefined;
    before(() => {
      const r = repo();
      r.commit('Start', 'Alice', '2025-01-10', { 'doc/adr/0001-use-x.md': nygard(1, 'Use X', 'Accepted') });
      dir = r.dir;
    });
    afterEach(() => {
      if (savedPath !== undefined) process.env.PATH = savedPath;
      savedPath = undefined;
    });

    it('with no git on PATH: list and show print what they always print, the git options say why they cannot run', async () => {
      const empty = realpathSync(mkdtempSync(join(tmpdir(), 'dl-nogit-')));
      savedPath = process.env.PATH;
      process.env.PATH = empty;
      try {
        const list = await cli(['list', '--json'], dir);
        assert.equal(list.code, 0);
        assert.equal(list.stderr, '');
        const [d] = JSON.parse(list.stdout) as Json[];
        assert.equal(d.id, 'ADR-0001');
        assert.equal(d.provenance, undefined);
        assert.equal((await cli(['check'], dir)).code, 0);
        const against = await cli(['check', '--against', 'main'], dir);
        assert.equal(against.code, 2);
        assert.match(against.stderr, /need git and a repository/);
        const drift = await cli(['drift'], dir);
        assert.equal(drift.code, 2);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });

    it('outside a repository: no provenance, no error', async () => {
      const plain = realpathSync(mkdtempSync(join(tmpdir(), 'dl-plain-')));
      try {
        execFileSync('cp', ['-r', join(dir, 'doc'), plain]);
        assert.deepEqual(readdirSync(join(plain, 'doc/adr')), ['0001-use-x.md']);
        const list = await cli(['list', '--json'], plain);
        assert.equal(list.code, 0);
        assert.equal(list.stderr, '');
        assert.equal((JSON.parse(list.stdout) as Json[])[0].provenance, undefined);
      } finally {
        rmSync(plain, { recursive: true, force: true });
      }
    });
  });
});
