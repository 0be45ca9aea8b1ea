// `decision-lens review` in-process on the example workspace and the MADR corpus.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { run } from '../../src/cli/main';

const EXAMPLE = resolve(__dirname, '../../examples/workspace');
const CORPUS = resolve(__dirname, '../../../shared/corpus');

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: EXAMPLE });
  return { code, stdout, stderr };
}

describe('decision-lens review', function () {
  this.timeout(120_000);

  it('writes the agenda of the proposed decisions as Markdown by default', async () => {
    const r = await cli(['review', '--quiet', '--today', '2026-12-01']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Design review agenda\n\n2 decisions · 2026-12-01\n/);
    const headings = [...r.stdout.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['ADR-0005 Store idempotency keys in Postgres', 'DL-4 Show order status to partners within five minutes']);
    assert.match(r.stdout, /\*\*Status:\*\* proposed for 911 days · \*\*Date:\*\* 2024-06-03 · cited in \d+ places/);
    assert.match(r.stdout, /^- A Redis set with a time-to-live$/m);
  });

  it('gives JSON with --format json, every status with --status all', async () => {
    const r = await cli(['review', '--quiet', '--format', 'json', '--status', 'all', '--today', '2026-12-01']);
    assert.equal(r.code, 0, r.stderr);
    const agenda = JSON.parse(r.stdout) as { today: string; items: { id: string; status: { kind: string }; path: string; citations: number }[] };
    assert.equal(agenda.today, '2026-12-01');
    assert.ok(agenda.items.length >= 10, `${agenda.items.length} items`);
    assert.equal(agenda.items[0].status.kind, 'proposed', 'proposed first');
    assert.ok(agenda.items.some((i) => i.status.kind === 'accepted'));
    assert.ok(agenda.items.every((i) => !i.path.startsWith('/')), 'paths relative to the root');
    const accepted = await cli(['review', '--quiet', '--json', '--status', 'accepted,rejected']);
    const kinds = new Set((JSON.parse(accepted.stdout) as { items: { status: { kind: string } }[] }).items.map((i) => i.status.kind));
    assert.deepEqual([...kinds].sort(), ['accepted', 'rejected']);
  });

  it('shows pros and cons side by side for the MADR corpus', async () => {
    const r = await cli(['review', '--quiet', '--status', 'all', '--root', resolve(CORPUS, 'madr')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\| Considered options \| Good \| Bad \|$/m);
    assert.match(r.stdout, /^\| Include "Consulted" and "Informed" of RACI \*\*\(chosen\)\*\* \| these two roles of RACI are well understood\. <br> /m);
  });

  it('refuses a bad --status, --format or --today with exit 2', async () => {
    for (const args of [['--status', 'maybe'], ['--format', 'html'], ['--today', 'yesterday'], ['extra']]) {
      const r = await cli(['review', '--quiet', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /decision-lens: /);
    }
  });
});
