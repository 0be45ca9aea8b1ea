// The New Decision form as a person uses it, in a real VS Code in Chromium, in the light and the
// dark theme: select code, run "New Decision...", see the empty form, try to submit it and see
// the validation messages, fill it with the keyboard, submit with Ctrl+Enter, find the new record
// open in the editor and in the Decisions view, and accept the offer to cite it in the code.
// Screenshots go to test-results/screenshots/newdecision-*.png.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { workbenchPerSuite } from './workbench';
import type { Workbench } from './workbench';

const THEMES = [
  { name: 'light', colorTheme: 'Default Light Modern' },
  { name: 'dark', colorTheme: 'Default Dark Modern' },
] as const;

const TITLE = 'Use webhooks for partner order updates';
const FILE = '0010-use-webhooks-for-partner-order-updates.md';

/** The form's document inside the webview's two iframes. */
function form(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The native input or textarea inside a vscode-elements field. */
function input(f: FrameLocator, field: string): Locator {
  return f.locator(`#field-${field}`).locator('input, textarea').first();
}

/** Focuses a field and types into it with the keyboard (`replace` selects its text first). */
async function type(wb: Workbench, f: FrameLocator, field: string, text: string, replace = false): Promise<void> {
  if (replace) await input(f, field).selectText();
  else await input(f, field).focus();
  await wb.page.keyboard.type(text, { delay: 5 });
}

for (const theme of THEMES) {
  describe(`e2e: New Decision form (${theme.name} theme)`, function () {
    const workbench = workbenchPerSuite(`newdecision-${theme.name}`, { workspace: 'newdecision', settings: { 'workbench.colorTheme': theme.colorTheme } });

    it('opens the empty form from the palette with the target and format of the active file', async function () {
      const wb = workbench();
      // Select the function the decision is about: the form offers to cite the new record there.
      const editor = await wb.openFile('src/partner/webhooks.ts', 7);
      await editor.locator('.view-line', { hasText: 'export function receive' }).click();
      await wb.page.keyboard.press('Home');
      await wb.page.keyboard.press('Shift+ArrowDown');
      await wb.page.keyboard.press('Shift+ArrowDown');
      await wb.page.locator('#status\\.editor\\.selection', { hasText: 'selected' }).waitFor({ timeout: 10_000 });
      // Open the palette with F1 directly: Escape (which runCommand presses first) would clear the selection.
      await wb.page.keyboard.press('F1');
      const palette = wb.page.locator('.quick-input-widget input').first();
      await palette.waitFor({ state: 'visible', timeout: 10_000 });
      await wb.page.keyboard.type('Decision Lens: New Decision...');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Decision Lens: New Decision...' }).first().waitFor({ timeout: 30_000 });
      await wb.page.keyboard.press('Enter');
      const f = form(wb);
      await f.locator('#field-title').waitFor({ state: 'visible', timeout: 60_000 });
      // The preview says what submitting will do.
      await f.locator('#submit', { hasText: 'Create doc/adr/0010-untitled-decision.md' }).waitFor({ timeout: 30_000 });
      assert.equal(await f.locator('#preview-id').innerText(), 'ADR-0010');
      assert.match(await f.locator('#format-detected').innerText(), /Nygard \(adr-tools\)/);
      assert.equal(await input(f, 'appliesTo').inputValue(), 'src/partner/webhooks.ts');
      assert.match(await input(f, 'date').inputValue(), /^\d{4}-\d{2}-\d{2}$/);
      // Nothing is red before the user did anything.
      assert.equal(await f.locator('.message-error').count(), 0);
      await wb.screenshot(`newdecision-empty-${theme.name}`);
    });

    it('shows what is missing or invalid inline when submitting too early', async function () {
      const wb = workbench();
      const f = form(wb);
      await type(wb, f, 'tags', 'api c++');
      await type(wb, f, 'date', '2026-02-30', true);
      await wb.page.keyboard.press('Control+Enter');
      await f.locator('#status-line', { hasText: '3 fields need attention' }).waitFor({ timeout: 30_000 });
      const title = f.locator('#field-title-message .message-error');
      await title.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal((await title.innerText()).trim(), 'A title is required.');
      assert.match(await f.locator('#field-date-message').innerText(), /YYYY-MM-DD/);
      assert.match(await f.locator('#field-tags-message').innerText(), /not a valid tag/);
      // The first invalid field has the focus.
      assert.equal(await f.locator('#field-title').evaluate((el) => el.matches(':focus-within')), true);
      await wb.screenshot(`newdecision-validation-${theme.name}`);
    });

    it('is filled with the keyboard and creates the record, opened in the editor and shown in the Decisions view', async function () {
      const wb = workbench();
      const f = form(wb);
      await type(wb, f, 'title', TITLE);
      await type(wb, f, 'date', '2026-05-01', true);
      await type(wb, f, 'tags', 'api, partner', true);
      await type(wb, f, 'decisionMakers', 'Ann Lee, Bob Smith');
      await wb.page.keyboard.press('Tab');
      await wb.page.keyboard.type('Carol Jones');
      await type(wb, f, 'context', 'The partner rate-limits its API; polling every order would exceed the limit.');
      // Options: "Add Option" with the keyboard, then Enter in an option adds the next one.
      const option = (i: number): Locator => f.locator('.option-input').nth(i);
      const focused = async (l: Locator): Promise<void> => {
        await l.locator('input').waitFor();
        for (let t = 0; t < 100 && !(await l.evaluate((el) => el.matches(':focus-within'))); t++) await wb.settle(50);
      };
      await f.locator('#add-option').focus();
      await wb.page.keyboard.press('Enter');
      await focused(option(0));
      await wb.page.keyboard.type('Webhooks');
      await wb.page.keyboard.press('Enter');
      await focused(option(1));
      await wb.page.keyboard.type('Polling');
      await wb.page.keyboard.press('Enter');
      await focused(option(2));
      await wb.page.keyboard.type('WebSocket stream');
      // Move "Polling" below "WebSocket stream" with its down button.
      await f.locator('vscode-button[aria-label="Move option 2 down"]').focus();
      await wb.page.keyboard.press('Enter');
      const options = await f.locator('.option-input input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      assert.deepEqual(options, ['Webhooks', 'WebSocket stream', 'Polling']);
      // The chosen option: a select, driven with the keyboard.
      await f.locator('#field-chosenOption').focus();
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.press('ArrowDown');
      await wb.page.keyboard.press('Enter');
      await type(wb, f, 'decision', 'it is the only option within the rate limit.');
      await type(wb, f, 'consequences', 'We run a receiver endpoint and handle duplicate deliveries.');

      const submit = f.locator('#submit', { hasText: `Create doc/adr/${FILE}` });
      await submit.waitFor({ timeout: 30_000 });
      await f.locator('#preview-text', { hasText: 'Chosen option: "Webhooks", because it is the only option within the rate limit.' }).waitFor({ timeout: 30_000 });
      assert.equal(await f.locator('.message-error').count(), 0, await f.locator('.message').allInnerTexts().then((t) => t.join(' | ')));
      // The "3 fields need attention" line of the early submit went away with the last error.
      assert.equal((await f.locator('#status-line').innerText()).trim(), '');
      await wb.screenshot(`newdecision-filled-${theme.name}`);

      await input(f, 'consequences').focus();
      await wb.page.keyboard.press('Control+Enter');

      // The record opens in the editor.
      const tab = wb.page.locator(`.tabs-container .tab.active[data-resource-name="${FILE}"]`);
      await tab.waitFor({ state: 'visible', timeout: 60_000 });
      // The editor renders spaces as no-break spaces.
      const text = (await wb.activeEditor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
      assert.match(text, /# 10\. Use webhooks for partner order updates/);
      assert.match(text, /Decision makers: Ann Lee, Bob Smith/);

      // The citation offer for the selected code.
      const offer = wb.page.locator('.notifications-toasts .notification-list-item', { hasText: 'Cite ADR-0010 in src/partner/webhooks.ts' });
      await offer.waitFor({ state: 'visible', timeout: 30_000 });
      await offer.getByRole('button', { name: 'Insert Citation' }).click();

      // The Decisions view lists the new record.
      await wb.openView('Decisions');
      const row = wb.view('Decisions').locator('.monaco-list-row', { hasText: `ADR-0010 ${TITLE}` });
      await row.first().waitFor({ state: 'visible', timeout: 60_000 });
      await row.first().click();
      await wb.screenshot(`newdecision-result-${theme.name}`);

      // The citation is in the code, as a comment above the selection.
      const code = await wb.openFile('src/partner/webhooks.ts');
      await code.locator('.view-line', { hasText: `// ADR-0010: ${TITLE}` }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.screenshot(`newdecision-citation-${theme.name}`);
    });

    it('keeps a draft when the form is hidden and when the window reloads, and asks before discarding it', async function () {
      const wb = workbench();
      await wb.runCommand('Decision Lens: New Decision...');
      let f = form(wb);
      await f.locator('#field-title').waitFor({ state: 'visible', timeout: 60_000 });
      await type(wb, f, 'title', 'Draft that must survive');
      await type(wb, f, 'context', 'Typed before hiding the form.');
      await f.locator('#submit', { hasText: 'draft-that-must-survive' }).waitFor({ timeout: 30_000 });
      // Hide the form behind another editor and show it again.
      await wb.openFile('src/partner/webhooks.ts');
      await wb.page.locator('.tabs-container .tab', { hasText: 'New Decision' }).click();
      f = form(wb);
      await f.locator('#field-title').waitFor({ state: 'visible', timeout: 60_000 });
      assert.equal(await input(f, 'title').inputValue(), 'Draft that must survive');
      assert.equal(await input(f, 'context').inputValue(), 'Typed before hiding the form.');
      // Reload the window: the panel is restored with its draft.
      await wb.runCommand('Developer: Reload Window');
      f = form(wb);
      await f.locator('#field-title').waitFor({ state: 'visible', timeout: 120_000 });
      await f.locator('#submit', { hasText: 'draft-that-must-survive' }).waitFor({ timeout: 60_000 });
      assert.equal(await input(f, 'title').inputValue(), 'Draft that must survive');
      await wb.screenshot(`newdecision-restored-${theme.name}`);
      // Cancel asks before throwing the input away.
      await f.locator('#cancel').click();
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await dialog.innerText(), /Close the New Decision form\?/);
      await dialog.getByRole('button', { name: 'Discard Draft' }).click();
      await wb.page.locator('.tabs-container .tab', { hasText: 'New Decision' }).waitFor({ state: 'detached', timeout: 30_000 });
    });
  });
}
