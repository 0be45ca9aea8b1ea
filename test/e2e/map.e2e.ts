// The Decision Map as a person uses it, in a real VS Code in Chromium, light and dark: open it
// from the palette, see every decision of the example workspace with the supersede edge
// (ADR-0003 supersedes ADR-0002), switch to the timeline, focus ADR-0003's neighbourhood with the
// keyboard, and click a box to open its record. Screenshots: test-results/screenshots/map-*.png.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

const THEMES = [
  { name: 'light', colorTheme: 'Default Light Modern' },
  { name: 'dark', colorTheme: 'Default Dark Modern' },
] as const;

/** The map's document inside the webview's two iframes. */
function map(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

for (const theme of THEMES) {
  describe(`e2e: Decision Map (${theme.name} theme)`, function () {
    let workbench: Workbench | undefined;

    before(async function () {
      workbench = await openWorkbench({ workspace: 'example', settings: { 'workbench.colorTheme': theme.colorTheme } });
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && workbench) {
        await workbench.screenshot(`failed-map-${theme.name}-${this.currentTest.title}`);
        console.log(workbench.logTail(30));
      }
    });

    after(async function () {
      await workbench?.close();
    });

    it('draws every decision with the supersede edge, and the timeline', async function () {
      const wb = workbench!;
      await wb.runCommand('Decision Lens: Open Decision Map');
      const m = map(wb);
      await m.locator('.node.decision', { hasText: 'ADR-0003' }).first().waitFor({ timeout: 90_000 });
      const labels = await m.locator('.node.decision').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
      for (const id of ['ADR-0001', 'ADR-0002', 'ADR-0003', 'ADR-0004', 'ADR-0005', 'ADR-0006', 'DL-1']) {
        assert.ok(labels.some((l) => l.startsWith(`${id}:`)), `${id} among ${labels.join(' | ')}`);
      }
      // ADR-0002 still states "Accepted" but ADR-0003 supersedes it; ADR-0006 is rejected.
      assert.equal(await m.locator('.node.decision.dimmed', { hasText: 'ADR-0002' }).count(), 1, 'a superseded decision is dimmed');
      assert.equal(await m.locator('.node.decision.dimmed', { hasText: 'ADR-0006' }).count(), 1, 'a rejected decision is dimmed');
      assert.equal(await m.locator('.node.decision.dimmed', { hasText: 'ADR-0003' }).count(), 0);
      assert.ok((await m.locator('.edge.supersedes').count()) >= 1, 'the supersede edge');
      await wb.screenshot(`map-graph-${theme.name}`);

      await m.getByRole('radio', { name: 'Timeline' }).click();
      await m.locator('.lane-label').first().waitFor({ state: 'attached', timeout: 30_000 });
      assert.equal(await m.locator('.node.decision').count(), labels.length, 'the timeline shows the same decisions');
      await wb.screenshot(`map-timeline-${theme.name}`);
      await m.getByRole('radio', { name: 'Graph' }).click();
      await m.locator('.edge.supersedes').first().waitFor({ state: 'attached', timeout: 30_000 });
    });

    it("focuses ADR-0003's neighbourhood with the keyboard and widens it with hops", async function () {
      const wb = workbench!;
      const m = map(wb);
      const all = await m.locator('.node.decision').count();
      await m.locator('.node.decision', { hasText: 'ADR-0003' }).first().focus();
      await wb.page.keyboard.press('f');
      await m.locator('.focus-label', { hasText: 'ADR-0003' }).waitFor({ timeout: 30_000 });
      const shown = await m.locator('.node.decision').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').split(':')[0]));
      assert.ok(shown.includes('ADR-0003') && shown.includes('ADR-0002'), shown.join(', '));
      assert.ok(shown.length < all, `the focus hides unrelated decisions (${shown.length} of ${all})`);
      await wb.screenshot(`map-focus-${theme.name}`);
      await m.getByRole('button', { name: 'Clear Focus' }).click();
      await m.locator('.focus-label').waitFor({ state: 'detached', timeout: 30_000 });
      assert.equal(await m.locator('.node.decision').count(), all);
    });

    it('opens the record when its box is clicked', async function () {
      const wb = workbench!;
      const m = map(wb);
      await m.locator('.node.decision', { hasText: 'ADR-0004' }).first().click();
      await wb.page.locator('.tabs-container .tab', { hasText: '0004-verify-webhook-signatures-with-hmac.md' }).first().waitFor({ timeout: 30_000 });
      await wb.screenshot(`map-opened-${theme.name}`);
    });
  });
}
