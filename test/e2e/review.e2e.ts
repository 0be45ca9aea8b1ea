// The design review panel as a person uses it, in a real VS Code in Chromium, in the light and the
// dark theme: "Start Design Review" from the palette shows one card per proposed decision of the
// example workspace; Accept changes the record's status on disk, and Undo in the editor (then
// Save) restores the file byte for byte. Supersede... picks the successor in VS Code's quick pick
// and both records are written; Export Agenda... saves the Markdown agenda through VS Code's save
// dialog. The branch review runs on the workspace copy made a git repository (a commit on main,
// a branch with a changed record committed and a new one not): the agenda shows exactly those.
// Screenshots: test-results/screenshots/review-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { workbenchPerSuite } from './workbench';
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
    const workbench = workbenchPerSuite(`review-${theme.name}`, { workspace: 'example', settings: { 'workbench.colorTheme': theme.colorTheme } });

    it('shows a card per proposed decision with its options, people, age and citations', async function () {
      const wb = workbench();
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
      const wb = workbench();
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

/** Runs git in the workspace copy (identity and signing set here, not from the machine). */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Decision Lens e2e', '-c', 'user.email=e2e@decision-lens.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

describe('e2e: design review, Supersede... and Export Agenda...', function () {
  const workbench = workbenchPerSuite(`review-actions`, { workspace: 'example', settings: { 'workbench.colorTheme': 'Default Light Modern' } });

  it('Supersede... asks for the successor and links both records, each in its own format', async function () {
    const wb = workbench();
    const oldFile = join(wb.folderPath, ...RECORD.split('/'));
    const newFile = join(wb.folderPath, 'docs', 'adr', '0004-verify-webhook-signatures-with-hmac.md');
    const oldBefore = readFileSync(oldFile, 'utf8');
    const newBefore = readFileSync(newFile, 'utf8');
    await wb.runCommand('Decision Lens: Start Design Review');
    const f = panel(wb);
    const adr5 = f.locator('.card[data-key="ADR-5"]');
    await adr5.waitFor({ state: 'visible', timeout: 60_000 });
    await adr5.locator('vscode-button[data-action="supersede"]').click();
    // The quick pick asks which decision supersedes ADR-0005, and offers a new one first.
    const input = wb.page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await input.getAttribute('placeholder')) ?? '', /ADR-0005.*superseded by/);
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 30_000 });
    assert.match(await rows.first().innerText(), /New decision/);
    await wb.screenshot('review-supersede-pick');
    await input.fill('ADR-0004');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'ADR-0004' }).first().waitFor({ timeout: 30_000 });
    await wb.page.keyboard.press('Enter');
    // Wait for the written content, not for any change: a reader can see a file between the
    // editor's truncate and its write.
    await until(
      wb,
      () => /^status: superseded by /m.test(readFileSync(oldFile, 'utf8')) && /^supersedes: ADR-0005$/m.test(readFileSync(newFile, 'utf8')),
      'both records are written',
    );
    const oldAfter = readFileSync(oldFile, 'utf8');
    const newAfter = readFileSync(newFile, 'utf8');
    // MADR front matter on both sides: the old record's status names its successor, the
    // successor gains a `supersedes` key; nothing else changes in either file.
    assert.equal(oldAfter, oldBefore.replace(/^status: proposed$/m, 'status: superseded by ADR-0004'), 'only the status line of ADR-0005 changed');
    const beforeLines = newBefore.split('\n');
    const afterLines = newAfter.split('\n');
    assert.deepEqual(afterLines.filter((l) => !beforeLines.includes(l)), ['supersedes: ADR-0005'], 'ADR-0004 gains one line');
    assert.equal(afterLines.length, beforeLines.length + 1, 'and loses none');
    assert.ok(afterLines.indexOf('supersedes: ADR-0005') < afterLines.indexOf('---', 1), 'inside its front matter');
    // The card follows the record: superseded, no Supersede button any more.
    await adr5.locator('.status', { hasText: 'superseded' }).waitFor({ timeout: 30_000 });
    assert.equal(await adr5.locator('vscode-button[data-action="supersede"]').count(), 0);
    await wb.screenshot('review-superseded');
  });

  it('Export Agenda... asks where to save and writes the agenda as Markdown', async function () {
    const wb = workbench();
    const f = panel(wb);
    await f.locator('#export-agenda').click();
    // VS Code in the browser asks with its own save dialog: a path in a quick input.
    const input = wb.page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    // The dialog fills in the folder first, then the proposed file name.
    let proposed = await input.inputValue();
    for (let i = 0; i < 100 && !proposed.endsWith('.md'); i++) {
      await wb.settle(100);
      proposed = await input.inputValue();
    }
    assert.match(proposed, /design-review-\d{4}-\d{2}-\d{2}\.md$/, `the proposed name: ${proposed}`);
    const name = proposed.split('/').pop() as string;
    await wb.screenshot('review-export-dialog');
    await wb.page.keyboard.press('Enter');
    const file = join(wb.folderPath, name);
    // The notification comes once the file is written; a read before it can see it half written.
    await wb.page.locator('.notifications-toasts', { hasText: `The agenda was exported to ${name}` }).first().waitFor({ timeout: 30_000 });
    assert.ok(existsSync(file), `${name} is written in the workspace folder`);
    const md = readFileSync(file, 'utf8');
    const headings = md.split('\n').filter((l) => /^## /.test(l));
    assert.deepEqual(headings, ['## ADR-0005 Store idempotency keys in Postgres', '## DL-4 Show order status to partners within five minutes'], md.slice(0, 2000));
    assert.match(md, /^# /);
    assert.match(md, /\*\*Decision makers:\*\* Tom Okafor/);
    // ADR-0005 was superseded by the test before: the agenda says so.
    assert.match(md.slice(md.indexOf('## ADR-0005'), md.indexOf('## DL-4')), /superseded/);
    assert.match(md.slice(md.indexOf('## DL-4')), /proposed for \d+ days/);
  });
});

describe('e2e: design review of the changes on a git branch', function () {
  const workbench = workbenchPerSuite(`review-branch`, { workspace: 'example', settings: { 'workbench.colorTheme': 'Default Light Modern' } });

  it('shows exactly the decisions added or changed on the branch, committed or not', async function () {
    const wb = workbench();
    const dir = wb.folderPath;
    // main: the example as it is; feature: ADR-0004 amended in a commit, ADR-0007 written and not
    // committed. ADR-0005 and DL-4 stay proposed but unchanged.
    git(dir, 'init', '--quiet');
    git(dir, 'add', '--all');
    git(dir, 'commit', '--quiet', '-m', 'The example as it is');
    git(dir, 'switch', '--quiet', '-c', 'feature/rotate-secrets');
    const adr4 = join(dir, 'docs', 'adr', '0004-verify-webhook-signatures-with-hmac.md');
    writeFileSync(adr4, readFileSync(adr4, 'utf8').replace(/\n*$/, '\n\nSecrets are rotated every 90 days.\n'));
    git(dir, 'commit', '--quiet', '-am', 'Rotate webhook secrets');
    writeFileSync(
      join(dir, 'docs', 'adr', '0007-rotate-webhook-secrets-every-90-days.md'),
      '---\nstatus: proposed\ndate: 2026-11-30\ndecision-makers: Priya Raman\n---\n\n# Rotate webhook secrets every 90 days\n\n## Context and Problem Statement\n\nA leaked secret stays valid forever.\n\n## Decision Outcome\n\nChosen option: "Rotate every 90 days".\n',
    );
    assert.match(git(dir, 'status', '--porcelain'), /\?\? docs\/adr\/0007-rotate-webhook-secrets-every-90-days\.md/);
    // The index has read the new record when the Decisions view lists it.
    await wb.openView('Decisions');
    await wb.view('Decisions').locator('.monaco-list-row', { hasText: 'ADR-0007' }).first().waitFor({ timeout: 60_000 });

    await wb.runCommand('Decision Lens: Start Design Review of Branch Changes');
    const f = panel(wb);
    await f.locator('.card[data-key="ADR-7"]').waitFor({ state: 'visible', timeout: 60_000 });
    const cards = (await f.locator('.card h2').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim()).sort();
    assert.deepEqual(cards, ['ADR-0004 Verify webhook signatures with HMAC-SHA256', 'ADR-0007 Rotate webhook secrets every 90 days']);
    assert.match(await f.locator('.scope').innerText(), /Changed on this branch/);
    await wb.screenshot('review-branch-changes');
  });
});
