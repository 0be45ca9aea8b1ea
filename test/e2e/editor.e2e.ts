// What a person sees of the editor surfaces on the example workspace: the Decisions view grouped
// by status, a CodeLens on a citation and the hover card of a citation. Screenshots go to
// test-results/screenshots/.
import * as assert from 'node:assert/strict';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

describe('e2e: Decision Lens editor surfaces on the example workspace', function () {
  let workbench: Workbench | undefined;

  before(async function () {
    workbench = await openWorkbench({ workspace: 'example' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-editor-${this.currentTest.title}`);
      console.log(workbench.logTail(30));
    }
  });

  after(async function () {
    await workbench?.close();
  });

  it('shows the Decisions view grouped by status, proposed first', async function () {
    const wb = workbench!;
    await wb.openView('Decisions');
    const rows = await waitForRows(wb, (r) => r.some((t) => /^Proposed/.test(t)) && r.some((t) => /^Accepted/.test(t)));
    // A group row reads its label then its count: `Proposed2`, `Accepted 7`.
    const groups = rows.filter((t) => /^(Proposed|Draft|Accepted|Rejected|Deprecated|Superseded|No status)\s*\d+$/.test(t));
    assert.match(groups[0], /^Proposed/, `rows: ${rows.join(' | ')}`);
    assert.ok(rows.some((t) => /ADR-0005 Store idempotency keys in Postgres/.test(t)), `ADR-0005 is listed: ${rows.join(' | ')}`);
    assert.ok(rows.some((t) => /^DL-4 /.test(t)), 'the proposed log entry is listed');
    // Expand a decision: its relations and the places that cite it.
    const adr3 = wb.view('Decisions').locator('.monaco-list-row', { hasText: 'ADR-0003 Receive partner orders' });
    await adr3.locator('.monaco-tl-twistie').click();
    const expanded = await waitForRows(wb, (r) => r.some((t) => /^Cited in \d+ places/.test(t)));
    assert.ok(expanded.some((t) => /^Supersedes ADR-0002 Poll partner APIs for new orders/.test(t)), `ADR-0003's relation: ${expanded.join(' | ')}`);
    await wb.screenshot('decisions-view-by-status');
  });

  it('shows a CodeLens with id, title and status on a line that cites a decision', async function () {
    const wb = workbench!;
    const editor = await wb.openFile('src/webhooks/partnerWebhook.ts', 34);
    const lens = editor.locator('.codelens-decoration', { hasText: 'DL-1 · Accept partial orders from partners' });
    await lens.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await lens.first().innerText(), /DL-1 · Accept partial orders from partners · accepted/);
    await wb.screenshot('codelens-on-citation');
  });

  it('shows the hover card of a citation', async function () {
    const wb = workbench!;
    await wb.openFile('src/webhooks/partnerWebhook.ts', 13);
    const hover = await wb.hoverText('ADR-0003');
    // The link's own hover ("Open ADR-0003 ... (ctrl + click)") may show first; wait for the card.
    let text = '';
    const deadline = Date.now() + 30_000;
    while (!/Status:/.test(text) && Date.now() < deadline) {
      await wb.settle(300);
      text = await hover.innerText().catch(() => '');
    }
    assert.match(text, /ADR-0003 Receive partner orders through webhooks/);
    assert.match(text, /Status: ?accepted/i);
    assert.match(text, /Open ADR-0003/);
    await wb.screenshot('hover-on-citation');
  });
});

async function waitForRows(wb: Workbench, ready: (rows: string[]) => boolean, timeoutMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await wb.viewRows('Decisions').catch(() => []);
    if (ready(rows)) return rows;
    await wb.settle(500);
  }
  assert.fail(`the Decisions view never showed the expected rows: ${rows.join(' | ')}`);
}
