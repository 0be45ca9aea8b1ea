// `decision-lens renumber`, run in-process over temporary copies of corpus folders.
import { strict as assert } from 'node:assert';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run([...args, '--quiet'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

function snapshot(dir: string, base = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) snapshot(p, base, out);
    else out.set(p.slice(base.length + 1), readFileSync(p));
  }
  return out;
}

describe('decision-lens renumber', function () {
  this.timeout(120_000);
  let work = '';
  let ingot = '';

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'decision-lens-renumber-cli-'));
    ingot = join(work, 'ingot');
    cpSync(join(CORPUS, 'ingot'), ingot, { recursive: true });
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('renumber ADR-0002 moves the ingot record to the next free number and rewrites its 18 citations in 5 files', async () => {
    const before = snapshot(ingot);
    const r = await cli(['renumber', 'ADR-0002', '--root', ingot]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ADR-0002 -> ADR-0008: docs/adr/0002-compiler-not-runtime.md -> docs/adr/0008-compiler-not-runtime.md; 18 citations rewritten in 5 files\n');
    const after = snapshot(ingot);
    assert.ok(!after.has('docs/adr/0002-compiler-not-runtime.md'));
    const changed = [...after.keys()].filter((k) => !before.get(k)?.equals(after.get(k) ?? Buffer.alloc(0))).sort();
    assert.deepEqual(changed, [
      'docs/adr/0006-a-policy-enforcing-runner.md',
      'docs/adr/0007-containing-the-run-is-not-blocked-on-a-second-backend.md',
      'docs/adr/0008-compiler-not-runtime.md',
      'rfcs/0002-runtime-execution-model.md',
      'rfcs/0012-the-ingot-package.md',
    ]);
    // The moved record: only its heading's number changed.
    const old = before.get('docs/adr/0002-compiler-not-runtime.md')!.toString('utf8');
    assert.equal(after.get('docs/adr/0008-compiler-not-runtime.md')!.toString('utf8'), old.replace('# ADR-0002:', '# ADR-0008:'));
    // A citing file: each ADR-0002 and its links, nothing else.
    const f = 'rfcs/0002-runtime-execution-model.md';
    assert.equal(after.get(f)!.toString('utf8'), before.get(f)!.toString('utf8').replaceAll('ADR-0002', 'ADR-0008').replaceAll('0002-compiler-not-runtime.md', '0008-compiler-not-runtime.md'));
    // The moved record is found by its new id; re-running with the same number is refused.
    const show = await cli(['show', 'ADR-8', '--json', '--root', ingot]);
    assert.equal(show.code, 0, show.stderr);
    assert.deepEqual((JSON.parse(show.stdout) as { path: string }[]).map((x) => x.path), ['docs/adr/0008-compiler-not-runtime.md']);
    const again = await cli(['renumber', 'ADR-0008', '8', '--root', ingot]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /ADR-0008 already has number 8/);
  });

  it('--dry-run prints the diff, the record as a rename, and writes nothing', async () => {
    const before = snapshot(ingot);
    const r = await cli(['renumber', 'ADR-0002', '0042', '--dry-run', '--root', ingot]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^--- a\/docs\/adr\/0002-compiler-not-runtime\.md\n\+\+\+ b\/docs\/adr\/0042-compiler-not-runtime\.md\n/m);
    assert.match(r.stdout, /^-# ADR-0002: Build a compiler/m);
    assert.match(r.stdout, /^\+# ADR-0042: Build a compiler/m);
    assert.match(r.stdout, /^\+- Amends: \[ADR-0042\]\(0042-compiler-not-runtime\.md\)/m);
    assert.equal((r.stdout.match(/^\+\+\+ /gm) ?? []).length, 5);
    const after = snapshot(ingot);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [k, v] of before) assert.ok(v.equals(after.get(k)!), k);
  });

  it('refuses a taken number, a bad number and an unknown decision, and writes nothing', async () => {
    const before = snapshot(ingot);
    const taken = await cli(['renumber', 'ADR-0002', '3', '--root', ingot]);
    assert.equal(taken.code, 1);
    assert.equal(taken.stderr, 'decision-lens: Number 3 is taken: ADR-0003 (0003-default-deny-capabilities.md) already has number 3.\n');
    const bad = await cli(['renumber', 'ADR-0002', '1.5', '--root', ingot]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /the new number must be a positive whole number/);
    const unknown = await cli(['renumber', 'ADR-0099', '--root', ingot]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no decision "ADR-0099"/);
    const after = snapshot(ingot);
    for (const [k, v] of before) assert.ok(v.equals(after.get(k)!), k);
  });

  it('never overwrites a file that takes the new name meanwhile, and keeps the record file mode', async () => {
    const record = join(ingot, 'docs/adr/0002-compiler-not-runtime.md');
    chmodSync(record, 0o640);
    const r = await cli(['renumber', 'ADR-0002', '30', '--root', ingot]);
    assert.equal(r.code, 0, r.stderr);
    const moved = join(ingot, 'docs/adr/0030-compiler-not-runtime.md');
    assert.equal(statSync(moved).mode & 0o777, 0o640);
    // A name already there (not a record: a stray file named like one) is a taken number.
    writeFileSync(join(ingot, 'docs/adr/0031-draft.txt'), 'x');
    const clash = await cli(['renumber', 'ADR-0030', '31', '--root', ingot]);
    assert.equal(clash.code, 1);
    assert.match(clash.stderr, /0031-draft\.txt already uses number 31/);
    assert.ok(existsSync(moved));
  });

  it('winery: @ADR(n) annotations do not exist in the corpus copy, but its adr-log index.md links are rewritten', async () => {
    const winery = join(work, 'winery');
    cpSync(join(CORPUS, 'winery'), winery, { recursive: true });
    const index = readFileSync(join(winery, 'docs/adr/index.md'), 'utf8');
    const line = index.split('\n').find((l) => l.includes('(0011-'));
    assert.ok(line, 'index.md links 0011');
    const r = await cli(['renumber', 'docs/adr/' + readdirSync(join(winery, 'docs/adr')).find((n) => n.startsWith('0011-')), '99', '--root', winery]);
    assert.equal(r.code, 0, r.stderr);
    const after = readFileSync(join(winery, 'docs/adr/index.md'), 'utf8');
    const now = after.split('\n').find((l) => l.includes('(0099-'));
    assert.ok(now, after);
    assert.equal(now, line.replace('(0011-', '(0099-').replace(/\b0011\b/g, (m, at: number) => (line.slice(at - 1, at) === '(' ? m : '0099')));
  });
});
