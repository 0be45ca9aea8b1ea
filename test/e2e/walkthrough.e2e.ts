// The Getting Started walkthrough as a new user meets it: "Welcome: Open Walkthrough..." (the
// command `workbench.action.openWalkthrough`, which with no argument asks which walkthrough)
// opens "Get Started with Decision Lens" with its four steps and their Markdown media; the first
// step's button opens the Decisions view, which completes the step (its completion event
// `onView:decisionLens.decisions`), and the third one's opens the New Decision form
// (`onCommand:decisionLens.newDecision`).
// Screenshots: test-results/screenshots/walkthrough.png and walkthrough-view-opened.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { REPO_ROOT } from '../harness/codeServer';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

interface Step { id: string; title: string; description: string; media: { markdown?: string } }
interface WalkthroughManifest { id: string; title: string; steps: Step[] }

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  publisher: string; name: string; contributes: { walkthroughs: WalkthroughManifest[] };
};
const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
/** `%key%` -> the English text of package.nls.json. */
const text = (value: string): string => value.replace(/^%(.+)%$/, (_m, key: string) => nls[key] ?? value);

const walkthrough = manifest.contributes.walkthroughs[0];

describe('e2e: the Getting Started walkthrough', function () {
  let workbench: Workbench | undefined;

  before(async function () {
    workbench = await openWorkbench({ workspace: 'example', viewport: { width: 1600, height: 1000 } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-walkthrough-${this.currentTest.title}`);
      console.log(workbench.logTail(30));
    }
  });

  after(async function () {
    await workbench?.close();
  });

  /** The walkthrough page (VS Code's Welcome editor showing one walkthrough). */
  function page(wb: Workbench): Locator {
    return wb.page.locator('.gettingStartedContainer');
  }

  it('opens with its four steps and the first step\'s Markdown media', async function () {
    const wb = workbench!;
    assert.equal(walkthrough.id, 'decisionLens.gettingStarted');
    const title = text(walkthrough.title);
    await wb.runCommand('Welcome: Open Walkthrough...');
    const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await row.click();
    const container = page(wb);
    await container.locator('.getting-started-category .category-title, h2', { hasText: title }).first().waitFor({ state: 'visible', timeout: 60_000 });
    const steps = container.locator('.getting-started-step');
    await steps.first().waitFor({ state: 'visible', timeout: 30_000 });
    const shown = (await steps.locator('.step-title').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(shown, walkthrough.steps.map((s) => text(s.title)));
    // The selected (first) step shows its Markdown file, rendered in a webview.
    const media = wb.page.frameLocator('.gettingStartedContainer iframe.webview.ready').frameLocator('iframe#active-frame');
    await media.locator('h1', { hasText: 'The Decisions view' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await media.locator('body').innerText(), /Group by/);
    await wb.screenshot('walkthrough');
  });

  it('completes "Open the Decisions view" when its button opens the view', async function () {
    const wb = workbench!;
    const container = page(wb);
    const step = container.locator('.getting-started-step', { hasText: text(walkthrough.steps[0].title) }).first();
    const button = step.locator('.button-link, a.button-link, .monaco-button', { hasText: 'Open the Decisions View' }).first();
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await button.click();
    // The Decisions view opens in the side bar and lists the example's decisions.
    const rows = await wb.viewRows('Decisions', 60_000);
    assert.ok(rows.some((r) => /Accepted/.test(r)), `the Decisions view shows its groups: ${rows.join(' | ')}`);
    // Back on the walkthrough, the step is checked.
    await step.locator('.codicon-pass-filled, .codicon-getting-started-step-checked').first().waitFor({ state: 'attached', timeout: 30_000 });
    await wb.screenshot('walkthrough-view-opened');
  });

  it('completes "Record a decision" when its button opens the New Decision form', async function () {
    const wb = workbench!;
    await wb.page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
    const container = page(wb);
    const step = container.locator('.getting-started-step', { hasText: text(walkthrough.steps[2].title) }).first();
    await step.click();
    const button = step.locator('.button-link, a.button-link, .monaco-button', { hasText: 'New Decision' }).first();
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    // Its Markdown media is shown beside it.
    const media = wb.page.frameLocator('.gettingStartedContainer iframe.webview.ready').frameLocator('iframe#active-frame');
    await media.locator('h1', { hasText: 'Record a decision' }).waitFor({ state: 'visible', timeout: 60_000 });
    await button.click();
    const form = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await form.locator('#field-title').waitFor({ state: 'visible', timeout: 60_000 });
    await wb.page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
    await step.locator('.codicon-pass-filled, .codicon-getting-started-step-checked').first().waitFor({ state: 'attached', timeout: 30_000 });
  });
});
