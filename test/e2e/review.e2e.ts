// The design review panel as a person uses it, in a real VS Code in Chromium, in the light and the
// dark theme: "Start Design Review" from the palette shows one card per proposed decision of the
// example workspace; Accept changes the record's status on disk, and Undo in the editor (then
// Save) restores the file byte for byte. Screenshots: test-results/screenshots/review-*.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

const THEMES = [
  { name: 'light', colorTheme: 'Default Light Modern' },
  { name: 'dark', colorTheme: 'Default Dark Modern' },
] as const;

const RECORD = 'docs/adr/0005-store-idempotency-keys-in-postgres.md';

/** The panel's document inside the webview's two iframes. */
function panel(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Polls `condition` until it holds or `timeoutMs` passes. */
async function until(wb: Workbench, condition: () => boolean, message: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out: ${message}`);
    await wb.settle(200);
  }
}

for (const theme of THEMES) {
  describe(`e2e: design review (${theme.name} theme)`, function () {
    let workbench: Workbench | undefined;

    before(async function () {
      workbench = await openWorkbench({ workspace: 'example', settings: { 'workbench.colorTheme': theme.colorTheme } });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && workbench) {
        await workbench.screenshot(`failed-review-${theme.name}-${this.currentTest.title}`);
        console.log(workbench.logTail(30));
      }
    });

    after(async function () {
      await workbench?.close();
    });

    it('shows a card per proposed decision with its options, people, age and citations', async function () {
      const wb = workbench!;
      await wb.runCommand('Decision Lens: Start Design Review');
      const f = panel(wb);
      const adr5 = f.locator('.card[data-key="ADR-5"]');
      await adr5.waitFor({ state: 'visible', timeout: 60_000 });
      const cards = await f.locator('.card h2').allInnerTexts();
      assert.deepEqual(
        cards.map((c) => c.replace(/\s+/g, ' ').trim()),
        ['ADR-0005 Store idempotency keys in Postgres', 'DL-4 Show order status to partners within five minutes'],
      );
      const text = await adr5.innerText();
      assert.match(text, /proposed for \d+ days/);
      assert.match(text, /Tom Okafor/);
      assert.match(text, /cited in [1-9]\d* places?/);
      // The options side by side, the chosen one marked; the title's code span is code.
      const options = await adr5.locator('.option h4').allInnerTexts();
      assert.equal(options.length, 3);
      assert.equal(await adr5.locator('.option.chosen').count(), 1);
      assert.ok((await adr5.locator('.block code').count()) > 0, 'record code spans render as code');
      // Citations are counted once the whole workspace is read.
      await adr5.locator('.citations', { hasText: /cited in [1-9]/ }).waitFor({ timeout: 60_000 });
      await wb.screenshot(`review-agenda-${theme.name}`);
    });

    if (theme.name !== 'light') return;

    it('accepts a decision in its record, and Undo restores the file byte for byte', async function () {
      const wb = workbench!;
      const file = join(wb.folderPath, ...RECORD.split('/'));
      const before = readFileSync(file);
      assert.match(before.toString('utf8'), /^status: proposed$/m);
      const f = panel(wb);
      const adr5 = f.locator('.card[data-key="ADR-5"]');
      await adr5.locator('vscode-button[data-action="accept"]').click();
      await until(wb, () => /^status: accepted$/m.test(readFileSync(file, 'utf8')), 'the record says accepted');
      const after = readFileSync(file, 'utf8');
      assert.equal(after, before.toString('utf8').replace(/^status: proposed$/m, 'status: accepted'), 'only the status value changed');
      // The card follows the record; it stays on the agenda.
      await adr5.locator('.status', { hasText: 'accepted' }).waitFor({ timeout: 30_000 });
      await wb.screenshot(`review-accepted-${theme.name}`);

      // Undo in the record's editor, then save: the file is as it was.
      const editor = await wb.openFile(RECORD);
      await editor.locator('.view-line').first().click();
      await wb.page.keyboard.press('Control+z');
      await wb.page.keyboard.press('Control+s');
      await until(wb, () => readFileSync(file).equals(before), 'the file is restored byte for byte');
      await panel(wb).locator('.card[data-key="ADR-5"] .status', { hasText: 'proposed' }).waitFor({ timeout: 30_000 }).catch(() => undefined);
    });
  });
}
