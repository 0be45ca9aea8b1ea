// First end-to-end test: the example workspace in a real VS Code in a real browser, driven the way
// a person drives it (explorer, quick open, command palette, a webview, a view of our own).
import * as assert from 'node:assert/strict';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

describe('e2e: the example workspace in code-server and Chromium', function () {
  let workbench: Workbench | undefined;

  before(async function () {
    workbench = await openWorkbench({ workspace: 'example' });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-workbench-${this.currentTest.title}`);
      console.log(workbench.logTail(30));
    }
  });

  after(async function () {
    await workbench?.close();
  });

  it('lists the workspace in the explorer', async function () {
    const rows = (await workbench!.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts()).map((t) => t.trim());
    for (const name of ['docs', 'src', 'DECISIONS.md', 'README.md']) {
      assert.ok(rows.includes(name), `the explorer shows ${name}: ${rows.join(', ')}`);
    }
    await workbench!.screenshot('workbench-explorer');
  });

  it('opens a file at a line through quick open', async function () {
    const editor = await workbench!.openFile('src/webhooks/partnerWebhook.ts', 34);
    const cursor = workbench!.page.locator('#status\\.editor\\.selection');
    await cursor.waitFor({ state: 'visible' });
    assert.match(await cursor.innerText(), /Ln 34, Col 1/);
    const visible = await editor.locator('.view-lines').innerText();
    assert.match(visible, /@decision\(DL-1\)/);
    await workbench!.screenshot('workbench-open-file');
  });

  it('hovers a citation and sees the decision it cites', async function () {
    await workbench!.openFile('src/webhooks/partnerWebhook.ts');
    // Line 13: " * Receives one partner order event (ADR-0003): verify, ..."; column 40 is inside ADR-0003.
    const hover = await workbench!.hover(13, 40, { contains: 'Receive partner orders through webhooks' });
    assert.match(await hover.innerText(), /ADR-0003/);
    await workbench!.screenshot('workbench-hover');
    await workbench!.page.keyboard.press('Escape');
  });

  it('runs a palette command: the Markdown preview of a decision record renders in a webview', async function () {
    await workbench!.openFile('docs/adr/0003-receive-partner-orders-through-webhooks.md');
    await workbench!.runCommand('Markdown: Open Preview to the Side');
    const preview = workbench!.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const heading = preview.locator('h1');
    await heading.waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal((await heading.innerText()).trim(), '3. Receive partner orders through webhooks');
    await workbench!.screenshot('workbench-markdown-preview');
  });

  it('opens the Decisions view and runs a Decision Lens command from the palette', async function () {
    const view = await workbench!.openView('Decisions');
    assert.ok(await view.isVisible());
    await workbench!.runCommand('Decision Lens: Refresh Decisions');
    await workbench!.settle(1000);
    const errors = (await workbench!.notifications()).filter((m) => /not found|error/i.test(m));
    assert.deepEqual(errors, []);
    await workbench!.screenshot('workbench-decisions-view');
  });
});
