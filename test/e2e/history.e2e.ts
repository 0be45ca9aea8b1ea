// The hover card of a citation with provenance and drift from git, on a copy of the example
// workspace given a history (the example itself has no git): ADR-0003 proposed by one person,
// accepted by another, then the files that cite it changed in three commits.
// Screenshot: test-results/screenshots/hover-with-history.png.
import * as assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TempRepo } from '../unit/gitRepo';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

const EXAMPLE = resolve(__dirname, '../../examples/workspace');
const ADR3 = 'docs/adr/0003-receive-partner-orders-through-webhooks.md';

describe('e2e: provenance and drift from git in the hover', function () {
  let workbench: Workbench | undefined;
  let dir = '';

  before(async function () {
    const parent = realpathSync(mkdtempSync(join(tmpdir(), 'dl-e2e-history-')));
    dir = join(parent, 'partner-orders');
    cpSync(EXAMPLE, dir, { recursive: true });
    const repo = new TempRepo(dir);
    repo.git('init', '-q', '-b', 'main');
    const accepted = readFileSync(join(dir, ADR3), 'utf8');
    writeFileSync(join(dir, ADR3), accepted.replace('## Status\n\nAccepted\n', '## Status\n\nProposed\n'));
    repo.commit('Propose webhooks for partner orders', 'Tom Okafor', '2024-04-30');
    writeFileSync(join(dir, ADR3), accepted);
    repo.commit('Accept ADR-0003 after the partner review', 'Priya Raman', '2024-05-14');
    appendFileSync(join(dir, 'src/webhooks/partnerWebhook.ts'), '\n// Retries are answered with 200 (see ADR-0003).\n');
    repo.commit('Answer retries with 200', 'Sam Lee', '2024-06-02');
    appendFileSync(join(dir, 'src/server.ts'), '\n// The webhook route is mounted first.\n');
    repo.commit('Mount the webhook route first', 'Sam Lee', '2024-06-20');
    appendFileSync(join(dir, 'src/webhooks/partnerWebhook.ts'), '// Signatures are checked before parsing.\n');
    repo.commit('Check signatures before parsing', 'Ana Costa', '2024-07-09');
    workbench = await openWorkbench({ workspace: dir });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-history-${this.currentTest.title}`);
      console.log(workbench.logTail(40));
      // The extension's own output channel (git: ... lines).
      for (const f of findFiles(join(workbench.workspacePath, '../..'), /Decision Lens\.log$/)) console.log(f, readFileSync(f, 'utf8').slice(-4000));
    }
  });

  after(async function () {
    await workbench?.close();
    if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('says who created and accepted the decision, and how much the citing code changed since', async function () {
    const wb = workbench!;
    await wb.openFile('src/webhooks/partnerWebhook.ts', 13);
    // The history is read after the index: hover again until the card has it.
    const hover = await wb.hoverText('ADR-0003', { timeoutMs: 180_000, contains: /since\saccepted/ });
    // The hover writes record text with non-breaking spaces.
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /ADR-0003 Receive partner orders through webhooks/);
    assert.match(text, /Created by Tom Okafor on 2024-04-30 \(git\)/);
    assert.match(text, /Status set to accepted by Priya Raman on 2024-05-14 in [0-9a-f]{7} \(git\)/);
    assert.match(text, /3 commits in 2 files since accepted on 2024-05-14 \(git\)/);
    await wb.screenshot('hover-with-history');
  });
});

function findFiles(dir: string, name: RegExp, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) findFiles(p, name, out);
    else if (name.test(e.name)) out.push(p);
  }
  return out;
}
