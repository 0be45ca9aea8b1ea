// The editing verbs of the command line, run in-process over temporary copies of corpus folders.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { run } from '../../src/cli/main';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: readonly string[], cwd = process.cwd()): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await run([...args, '--quiet'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

/** Every file of a folder with its bytes, by relative path. */
function snapshot(dir: string, base = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) snapshot(p, base, out);
    else out.set(p.slice(base.length + 1), readFileSync(p));
  }
  return out;
}

/** The files that differ between two snapshots. */
function changed(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => !a.get(n)?.equals(b.get(n) ?? Buffer.alloc(0)) || !b.has(n)).sort();
}

/** Line-by-line differences: [line number, old, new] for each changed line of two same-length texts. */
function lineChanges(before: string, after: string): [number, string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'same number of lines');
  return a.flatMap((l, i) => (l === b[i] ? [] : [[i + 1, l, b[i]] as [number, string, string]]));
}

describe('decision-lens status / supersede / amend / new', function () {
  this.timeout(60_000);
  let work = '';
  let ha = '';
  const record14 = 'adr/0014-home-assistant-supervised.md';

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'decision-lens-edit-'));
    ha = join(work, 'home-assistant');
    cpSync(join(CORPUS, 'home-assistant'), ha, { recursive: true });
  });

  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('status ADR-0014 accepted changes only the status line of the home-assistant record', async () => {
    const before = snapshot(ha);
    const r = await cli(['status', 'ADR-0014', 'accepted', '--root', ha]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ADR-0014: status accepted/);
    const after = snapshot(ha);
    assert.deepEqual(changed(before, after), [record14]);
    const diff = lineChanges(before.get(record14)!.toString('utf8'), after.get(record14)!.toString('utf8'));
    assert.deepEqual(diff, [[7, 'Reverted by [discussion #1198](https://github.com/home-assistant/architecture/discussions/1198).', 'Accepted']]);
    const [d] = parseRecord(after.get(record14)!.toString('utf8'), join(ha, record14));
    assert.equal(d.status.kind, 'accepted');
  });

  it('--dry-run prints a unified diff and writes nothing', async () => {
    const before = snapshot(ha);
    const r = await cli(['status', 'ADR-0014', 'deprecated', '--dry-run', '--root', ha]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(changed(before, snapshot(ha)), []);
    assert.equal(
      r.stdout,
      [
        `--- a/${record14}`,
        `+++ b/${record14}`,
        '@@ -4,7 +4,7 @@',
        ' ',
        ' ## Status',
        ' ',
        '-Reverted by [discussion #1198](https://github.com/home-assistant/architecture/discussions/1198).',
        '+Deprecated',
        ' ',
        ' Home Assistant Supervised is no longer an officially supported installation method.',
        ' Users are encouraged to migrate to Home Assistant OS or Home Assistant Container.',
        '',
      ].join('\n'),
    );
  });

  it('supersede edits both records, keeps the prose, and is a no-op the second time', async () => {
    const before = snapshot(ha);
    const r = await cli(['supersede', 'ADR-0014', 'ADR-0015', '--root', ha]);
    assert.equal(r.code, 0, r.stderr);
    const after = snapshot(ha);
    assert.deepEqual(changed(before, after), [record14, 'adr/0015-home-assistant-os.md']);
    const old = after.get(record14)!.toString('utf8');
    assert.match(old, /## Status\n\nSuperseded by \[15\. Installation method: Home Assistant OS\]\(0015-home-assistant-os\.md\)\n\nHome Assistant Supervised is no longer/);
    const newer = after.get('adr/0015-home-assistant-os.md')!.toString('utf8');
    assert.match(newer, /\nAccepted\n\nSupersedes \[14\. Installation method: Home Assistant Supervised\]\(0014-home-assistant-supervised\.md\)\n\n## Context/);
    const again = await cli(['supersede', 'ADR-0014', 'ADR-0015', '--root', ha]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already superseded by ADR-0015/);
    assert.deepEqual(changed(after, snapshot(ha)), []);
  });

  it('refuses a second successor and leaves both files as they were', async () => {
    assert.equal((await cli(['supersede', 'ADR-0014', 'ADR-0015', '--root', ha])).code, 0);
    const before = snapshot(ha);
    const r = await cli(['supersede', 'ADR-0014', 'ADR-0016', '--root', ha]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /already superseded by/);
    assert.deepEqual(changed(before, snapshot(ha)), []);
  });

  it('amend links both records in a MADR front matter folder and keeps the YAML as written', async () => {
    const madr = join(work, 'madr');
    cpSync(join(CORPUS, 'madr'), madr, { recursive: true });
    const before = snapshot(madr);
    const r = await cli(['amend', 'ADR-0013', 'ADR-0017', '--root', madr]);
    assert.equal(r.code, 0, r.stderr);
    const after = snapshot(madr);
    const files = changed(before, after);
    assert.equal(files.length, 2, files.join(', '));
    for (const f of files) {
      const a = before.get(f)!.toString('utf8');
      const b = after.get(f)!.toString('utf8');
      // Only lines were added, inside the front matter.
      const added = b.split('\n').filter((l) => !a.split('\n').includes(l));
      assert.ok(added.length === 1 && /^(amends|amended-by): ADR-00(13|17)$/.test(added[0]), `${f}: ${added.join(' | ')}`);
      assert.equal(b.split('\n').filter((l) => a.split('\n').includes(l)).join('\n'), a);
    }
  });

  it('new writes the next number in the folder\'s format and never overwrites a file', async () => {
    const dry = await cli(['new', '--title', 'Use webhooks for partners', '--date', '2026-05-01', '--dry-run', '--root', ha]);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^--- \/dev\/null\n\+\+\+ b\/adr\/0023-use-webhooks-for-partners\.md\n@@ -0,0 \+1,\d+ @@\n\+# 23\. Use webhooks for partners\n\+\n\+Date: 2026-05-01\n/);
    assert.ok(!readdirSync(join(ha, 'adr')).includes('0023-use-webhooks-for-partners.md'));
    // Someone else takes 0023 first: the record becomes 0024 and their file stays.
    writeFileSync(join(ha, 'adr/0023-use-webhooks-for-partners.md'), 'theirs\n');
    const r = await cli(['new', '--title', 'Use webhooks for partners', '--date', '2026-05-01', '--status', 'accepted', '--root', ha]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Created ADR-0024 adr\/0024-use-webhooks-for-partners\.md/);
    assert.equal(readFileSync(join(ha, 'adr/0023-use-webhooks-for-partners.md'), 'utf8'), 'theirs\n');
    const text = readFileSync(join(ha, 'adr/0024-use-webhooks-for-partners.md'), 'utf8');
    const [d] = parseRecord(text, join(ha, 'adr/0024-use-webhooks-for-partners.md'));
    assert.deepEqual([d.title, d.status.kind, d.date, d.format], ['Use webhooks for partners', 'accepted', '2026-05-01', 'nygard']);
  });

  it('new appends an entry to a decision log', async () => {
    const log = join(work, 'decision-log');
    cpSync(join(CORPUS, 'decision-log'), log, { recursive: true });
    const before = readFileSync(join(log, 'DECISIONS.md'), 'utf8');
    const r = await cli(['new', '--title', 'Move refunds to the payment service', '--folder', 'DECISIONS.md', '--date', '2026-05-01', '--root', log]);
    assert.equal(r.code, 0, r.stderr);
    const after = readFileSync(join(log, 'DECISIONS.md'), 'utf8');
    assert.ok(after.startsWith(before));
    const entries = parseRecord(after, join(log, 'DECISIONS.md'));
    assert.equal(entries[entries.length - 1].title, 'Move refunds to the payment service');
  });

  it('refuses targets outside --root and bad arguments', async () => {
    const outside = join(work, 'outside');
    mkdirSync(outside);
    const r = await cli(['new', '--title', 'Escape', '--folder', outside, '--root', ha]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /outside --root/);
    assert.deepEqual(readdirSync(outside), []);
    // A decision folder that is a symbolic link to a folder outside the root.
    symlinkSync(outside, join(ha, 'linked'));
    const linked = await cli(['new', '--title', 'Escape', '--folder', 'linked', '--root', ha]);
    assert.equal(linked.code, 2, linked.stdout);
    assert.deepEqual(readdirSync(outside), []);
    assert.equal((await cli(['status', 'ADR-0014', 'superseded', '--root', ha])).code, 2);
    assert.equal((await cli(['status', 'ADR-0014', 'maybe', '--root', ha])).code, 2);
    assert.equal((await cli(['status', 'ADR-9999', 'accepted', '--root', ha])).code, 1);
    assert.equal((await cli(['new', '--root', ha])).code, 2);
  });

  it('refuses a record with no place for a status and leaves it untouched', async () => {
    const dir = join(work, 'plain');
    mkdirSync(join(dir, 'docs/adr'), { recursive: true });
    const text = '# A note\n\nSome text.\n';
    writeFileSync(join(dir, 'docs/adr/0001-a-note.md'), text);
    const r = await cli(['status', 'ADR-0001', 'accepted', '--root', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no status section, status line or front matter/);
    assert.equal(readFileSync(join(dir, 'docs/adr/0001-a-note.md'), 'utf8'), text);
  });
});
