// `decision-lens graph` and `export` on the command line: formats, filters, focus, usage errors.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { run } from '../../src/cli/main';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run([...args, '--quiet'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: CORPUS });
  return { code, stdout, stderr };
}

describe('decision-lens graph', function () {
  this.timeout(60_000);

  it('prints a Mermaid flowchart by default, with the amends edge of adr-tools', async () => {
    const r = await cli(['graph', '--root', 'adr-tools']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^flowchart LR\n/);
    assert.equal((r.stdout.match(/\n {4}n\d+\["ADR-/g) ?? []).length, 9, 'nine records in the doc/adr cluster');
    assert.match(r.stdout, /n8 -->\|"amends"\| n4/);
  });

  it('filters by status and focuses a neighbourhood', async () => {
    const superseded = JSON.parse((await cli(['graph', '--format', 'json', '--status', 'superseded', '--root', 'buildpacks'])).stdout) as { nodes: { status?: string }[] };
    assert.ok(superseded.nodes.length >= 10);
    assert.ok(superseded.nodes.every((n) => n.status === 'superseded'));
    const focus = JSON.parse((await cli(['graph', '--format', 'json', '--focus', 'ADR-9', '--root', 'adr-tools'])).stdout) as { nodes: { display: string }[]; edges: unknown[] };
    assert.deepEqual(focus.nodes.map((n) => n.display).sort(), ['ADR-0005', 'ADR-0009']);
    assert.equal(focus.edges.length, 1);
    const dot = await cli(['graph', '--format', 'dot', '--tag', 'nothing-has-this-tag', '--root', 'adr-tools']);
    assert.equal(dot.stdout, 'digraph decisions {\n  rankdir=LR;\n  node [shape=box, style="rounded", fontname="Helvetica"];\n  edge [fontname="Helvetica", fontsize=10];\n}\n');
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown format', ['graph', '--format', 'svg'], /--format must be mermaid, dot or json/],
    ['an unknown status', ['graph', '--status', 'maybe'], /--status must be one of/],
    ['hops outside 1-3', ['graph', '--hops', '4', '--focus', 'ADR-1'], /--hops must be 1, 2 or 3/],
    ['export without --html', ['export'], /export needs --html DIR/],
    ['an argument', ['graph', 'extra'], /unexpected argument "extra"/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 on ${what}`, async () => {
      const r = await cli([...args, '--root', 'adr-tools']);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, message);
    });
  }

  it('exits 1 when --focus names no decision', async () => {
    const r = await cli(['graph', '--focus', 'ADR-77', '--root', 'adr-tools']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no decision "ADR-77"/);
  });
});
