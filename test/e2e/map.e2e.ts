// The Decision Map as a person uses it, in a real VS Code in Chromium, light and dark: open it
// from the palette, see every decision of the example workspace with the supersede edge
// (ADR-0003 supersedes ADR-0002), switch to the timeline, focus ADR-0003's neighbourhood with the
// keyboard, click a box to open its record, and "Show in Map" on a decision in the Decisions
// view's context menu opens the map focused on it. The graph draws a labelled box per folder or
// decision log (docs/adr, DECISIONS.md), named for screen readers and kept in the SVG export. In
// the high-contrast theme the map and the agenda draw their borders in the theme's contrast
// colour and every text reads at 4.5:1 (dark and light high contrast). Screenshots:
// test-results/screenshots/map-*.png, review-agenda-high-contrast*.png.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { workbenchPerSuite } from './workbench';
import type { Workbench } from './workbench';

const THEMES = [
  { name: 'light', colorTheme: 'Default Light Modern' },
  { name: 'dark', colorTheme: 'Default Dark Modern' },
] as const;

/** The map's document inside the webview's two iframes. */
function map(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * Runs Show in Map from a decision's context menu in the Decisions view.
 * @param rowText text of the decision's row ("ADR-0003 Receive partner orders")
 * @param screenshot a name for a screenshot of the open menu
 */
async function showInMap(wb: Workbench, rowText: string, screenshot?: string): Promise<void> {
  await wb.openView('Decisions');
  const row = wb.view('Decisions').locator('.monaco-list-row', { hasText: rowText }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click({ button: 'right' });
  const item = wb.page.locator('.monaco-menu .action-label', { hasText: /^\s*Show in Map\s*$/ }).first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  if (screenshot) await wb.screenshot(screenshot);
  // The pointer focuses the item, Enter runs it: a click while the menu still fades in can be
  // dropped by the workbench's menu, leaving it open.
  await item.hover();
  await wb.page.locator('.monaco-menu .action-item.focused .action-label', { hasText: /^\s*Show in Map\s*$/ }).waitFor({ timeout: 30_000 });
  await wb.page.keyboard.press('Enter');
  await item.waitFor({ state: 'detached', timeout: 30_000 });
}

for (const theme of THEMES) {
  describe(`e2e: Decision Map (${theme.name} theme)`, function () {
    const workbench = workbenchPerSuite(`map-${theme.name}`, { workspace: 'example', settings: { 'workbench.colorTheme': theme.colorTheme } });

    it('draws every decision with the supersede edge, and the timeline', async function () {
      const wb = workbench();
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
      // A box per folder or log, each naming its decisions for a screen reader.
      const boxes = await m.locator('.cluster-labels .cluster-label').allTextContents();
      assert.deepEqual([...boxes].sort(), ['DECISIONS.md', 'docs/adr']);
      const groups = await m.locator('.cluster-members').evaluateAll((gs) => gs.map((g) => ({ label: g.getAttribute('aria-label') ?? '', ids: [...g.querySelectorAll('.node.decision')].map((n) => (n.getAttribute('aria-label') ?? '').split(':')[0]) })));
      const adr = groups.find((g) => g.label.startsWith('Folder docs/adr'));
      const log = groups.find((g) => g.label.startsWith('Decision log DECISIONS.md'));
      assert.ok(adr && log, `groups: ${JSON.stringify(groups)}`);
      assert.deepEqual([...adr.ids].sort(), ['ADR-0001', 'ADR-0002', 'ADR-0003', 'ADR-0004', 'ADR-0005', 'ADR-0006']);
      assert.equal(adr.label, 'Folder docs/adr, 6 decisions');
      assert.ok(log.ids.length > 0 && log.ids.every((id) => id.startsWith('DL-')), log.ids.join(', '));
      // Every decision box lies inside its cluster's box on screen.
      const inside = await m.locator('.cluster-members').evaluateAll((gs) =>
        gs.every((g) => {
          const box = document.querySelector(`.cluster[data-id="${CSS.escape(g.getAttribute('data-cluster') ?? '')}"] rect`)?.getBoundingClientRect();
          return !!box && [...g.querySelectorAll('.node rect')].every((r) => {
            const b = r.getBoundingClientRect();
            return b.left >= box.left && b.right <= box.right && b.top >= box.top && b.bottom <= box.bottom;
          });
        }),
      );
      assert.ok(inside, 'every decision inside its box');
      // The SVG export carries the boxes and their labels.
      const svg = await m.locator('svg.drawing').evaluate(() => (window as unknown as { decisionLensMap: { svgText(): string } }).decisionLensMap.svgText());
      assert.match(svg, /<g class="cluster"[^>]*data-id="folder:docs\/adr"/);
      assert.match(svg, /<text[^>]*class="cluster-label"[^>]*>DECISIONS\.md<\/text>/);
      assert.match(svg, /\.cluster rect \{ fill: var\(--map-cluster-bg\)/);
      await wb.screenshot(`map-graph-${theme.name}`);
      // Clusters by first tag: a box per tag, the untagged together.
      await m.locator('select[data-key="clusters"]').selectOption('tag');
      await m.locator('.cluster-labels .cluster-label', { hasText: 'security' }).waitFor({ timeout: 30_000 });
      assert.deepEqual([...(await m.locator('.cluster-labels .cluster-label').allTextContents())].sort(), ['(no tag)', 'orders', 'security', 'webhooks']);
      const security = await m.locator('.cluster-members[aria-label^="Tag security"] .node.decision').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').split(':')[0]));
      assert.deepEqual(security, ['ADR-0004']);
      await m.locator('select[data-key="clusters"]').selectOption('none');
      await m.locator('.cluster').first().waitFor({ state: 'detached', timeout: 30_000 });
      assert.equal(await m.locator('.node.decision').count(), labels.length, 'no boxes, every decision');
      await m.locator('select[data-key="clusters"]').selectOption('folder');
      await m.locator('.cluster-labels .cluster-label', { hasText: 'docs/adr' }).waitFor({ timeout: 30_000 });

      await m.getByRole('radio', { name: 'Timeline' }).click();
      await m.locator('.lane-label').first().waitFor({ state: 'attached', timeout: 30_000 });
      assert.equal(await m.locator('.node.decision').count(), labels.length, 'the timeline shows the same decisions');
      await wb.screenshot(`map-timeline-${theme.name}`);
      await m.getByRole('radio', { name: 'Graph' }).click();
      await m.locator('.edge.supersedes').first().waitFor({ state: 'attached', timeout: 30_000 });
    });

    it("focuses ADR-0003's neighbourhood with the keyboard and widens it with hops", async function () {
      const wb = workbench();
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
      const wb = workbench();
      const m = map(wb);
      await m.locator('.node.decision', { hasText: 'ADR-0004' }).first().click();
      await wb.page.locator('.tabs-container .tab', { hasText: '0004-verify-webhook-signatures-with-hmac.md' }).first().waitFor({ timeout: 30_000 });
      await wb.screenshot(`map-opened-${theme.name}`);
    });

    it("Show in Map on a decision in the Decisions view's context menu opens the map focused on it", async function () {
      const wb = workbench();
      await wb.runCommand('View: Close All Editors');
      await wb.page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 30_000 });
      await showInMap(wb, 'ADR-0003 Receive partner orders', `map-show-in-map-menu-${theme.name}`);
      const m = map(wb);
      await m.locator('.focus-label', { hasText: 'ADR-0003' }).waitFor({ timeout: 60_000 });
      const focused = await m.locator('.node.decision.focused').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').split(':')[0]));
      assert.deepEqual(focused, ['ADR-0003']);
      // The neighbourhood: ADR-0003 and the decision it supersedes, and the keyboard focus on it.
      const shown = await m.locator('.node.decision').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').split(':')[0]));
      assert.ok(shown.includes('ADR-0002') && !shown.includes('ADR-0006'), shown.join(', '));
      assert.equal(await m.locator('.node.decision.focused').evaluate((n) => n === document.activeElement), true, 'the focused decision has the keyboard focus');
      // The pointer off the tree (its row's hover would cover the map in the screenshot).
      await wb.page.mouse.move(900, 850);
      await wb.screenshot(`map-show-in-map-${theme.name}`);
    });

    it('Show in Map on a map hidden behind a record focuses the decision asked for', async function () {
      const wb = workbench();
      const m = map(wb);
      // A click opens the record in the map's group: the map is hidden, its webview dropped.
      await m.locator('.node.decision', { hasText: 'ADR-0002' }).first().click();
      await wb.page.locator('.tabs-container .tab.active', { hasText: '0002-' }).first().waitFor({ timeout: 30_000 });
      await wb.page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 30_000 });
      await showInMap(wb, 'ADR-0004 Verify webhook signatures');
      await map(wb).locator('.focus-label', { hasText: 'ADR-0004' }).waitFor({ timeout: 60_000 });
      const focused = await map(wb).locator('.node.decision.focused').evaluateAll((nodes) => nodes.map((n) => (n.getAttribute('aria-label') ?? '').split(':')[0]));
      assert.deepEqual(focused, ['ADR-0004']);
    });
  });
}

const HIGH_CONTRAST = [
  { name: 'high-contrast', colorTheme: 'Default High Contrast' },
  { name: 'high-contrast-light', colorTheme: 'Default High Contrast Light' },
] as const;

for (const theme of HIGH_CONTRAST) {
  describe(`e2e: Decision Map and agenda (${theme.name} theme)`, function () {
    const workbench = workbenchPerSuite(`map-${theme.name}`, { workspace: 'example', settings: { 'workbench.colorTheme': theme.colorTheme } });

    /**
     * Colours in the webview: a theme variable's value, an element's computed style, and the
     * classes of the element and its group (what a failure message needs to say which box it was).
     */
    const colours = (f: FrameLocator, selector: string, property: string, variable: string): Promise<{ theme: string; drawn: string; classes: string }> =>
      f.locator(selector).first().evaluate(
        (e, [prop, name]) => {
          const probe = document.createElement('div');
          probe.style.color = `var(${name})`;
          document.body.append(probe);
          const theme = getComputedStyle(probe).color;
          probe.remove();
          const group = e.closest('g');
          return { theme, drawn: getComputedStyle(e).getPropertyValue(prop), classes: `${e.getAttribute('class') ?? ''} in ${group?.getAttribute('class') ?? 'no group'}; body ${document.body.className}` };
        },
        [property, variable] as const,
      );

    /**
     * Asserts that the first element matching `selector` draws `property` in the theme variable's
     * colour. Asked again for up to 10 s: the map redraws when the index changes under it.
     */
    const inThemeColour = async (f: FrameLocator, what: string, selector: string, property: string, variable: string): Promise<void> => {
      const deadline = Date.now() + 10_000;
      let c = await colours(f, selector, property, variable);
      while (c.drawn !== c.theme && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        c = await colours(f, selector, property, variable);
      }
      assert.equal(c.drawn, c.theme, `${what} (${variable}); the element: ${c.classes}`);
    };

    /**
     * WCAG contrast ratio of an element's text against what is behind it: for HTML the nearest
     * ancestor's opaque background, for SVG text the fill of the box it sits on (`behind`: a
   * selector within the text's group, else in the page).
     */
    const contrast = async (f: FrameLocator, selector: string, behind?: string): Promise<{ ratio: number; fg: string; bg: string }> => {
      const { fg, bg } = await f.locator(selector).first().evaluate(
        (e, box) => {
          const style = getComputedStyle(e);
          if (box) {
            const rect = e.closest('g')?.querySelector(box) ?? document.querySelector(box);
            return { fg: style.fill, bg: rect ? getComputedStyle(rect).fill : '' };
          }
          let at: Element | null = e;
          let back = 'rgba(0, 0, 0, 0)';
          while (at && /rgba\(.*, 0\)$|^transparent$/.test(back)) {
            back = getComputedStyle(at).backgroundColor;
            at = at.parentElement;
          }
          return { fg: style.color, bg: back };
        },
        behind,
      );
      const luminance = (c: string): number => {
        const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return { ratio: (a + 0.05) / (b + 0.05), fg, bg };
    };

    /** Asserts text readable at WCAG AA (4.5:1) on what is behind it. */
    const readable = async (f: FrameLocator, what: string, selector: string, behind?: string): Promise<void> => {
      const c = await contrast(f, selector, behind);
      assert.ok(c.ratio >= 4.5, `${what}: ${c.fg} on ${c.bg} is ${c.ratio.toFixed(2)}:1`);
    };

    it('draws the map in the theme\'s contrast colours', async function () {
      const wb = workbench();
      await wb.runCommand('Decision Lens: Open Decision Map');
      const m = map(wb);
      await m.locator('.node.decision', { hasText: 'ADR-0003' }).first().waitFor({ timeout: 90_000 });
      assert.equal(await m.locator('body').evaluate((b) => b.classList.contains('vscode-high-contrast')), true);
      await inThemeColour(m, 'decision boxes are bordered in contrastBorder', '.node.decision:not(.focused) rect', 'stroke', '--vscode-contrastBorder');
      await inThemeColour(m, 'cluster boxes are bordered in contrastBorder', '.cluster rect', 'stroke', '--vscode-contrastBorder');
      await inThemeColour(m, 'edges in the foreground colour', '.edge.supersedes path', 'stroke', '--vscode-foreground');
      // Dimmed decisions stay fully opaque (dashed instead).
      assert.equal(await m.locator('.node.decision.dimmed').first().evaluate((e) => getComputedStyle(e).opacity), '1');
      await m.locator('.node.decision', { hasText: 'ADR-0003' }).first().focus();
      await inThemeColour(m, 'the keyboard focus in contrastActiveBorder', '.node.decision:focus', 'outline-color', '--vscode-contrastActiveBorder');
      // Every kind of text is readable on what is behind it.
      await readable(m, 'an unchecked mode button', '.toolbar button[data-key="timeline"]');
      await readable(m, 'the Fit button', '.toolbar button[data-key="fit"]');
      await readable(m, 'Export SVG', '.toolbar button[data-key="export-svg"]');
      await readable(m, 'the status filter', '.toolbar select[data-key="status"]');
      await readable(m, 'the count of decisions', '.status');
      await readable(m, "a decision's title", '.node.decision .title', 'rect');
      await readable(m, "a superseded decision's title", '.node.decision.dimmed .title', 'rect');
      await readable(m, "a cluster's label", '.cluster-label[data-cluster="folder:docs/adr"]', '.cluster[data-id="folder:docs/adr"] rect');
      await wb.screenshot(`map-graph-${theme.name}`);
    });

    it('draws the agenda in the theme\'s contrast colours', async function () {
      const wb = workbench();
      await wb.runCommand('View: Close All Editors');
      await wb.page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 30_000 });
      await wb.runCommand('Decision Lens: Start Design Review');
      const f = map(wb);
      await f.locator('.card[data-key="ADR-5"]').waitFor({ state: 'visible', timeout: 60_000 });
      await inThemeColour(f, 'cards are bordered in contrastBorder', '.card[data-key="ADR-5"]', 'border-top-color', '--vscode-contrastBorder');
      await inThemeColour(f, 'the chosen option in contrastActiveBorder', '.card[data-key="ADR-5"] .option.chosen', 'border-top-color', '--vscode-contrastActiveBorder');
      await readable(f, 'a code span in the record text', '.card[data-key="ADR-5"] .block code');
      await readable(f, "the record's path", '.card[data-key="ADR-5"] .path');
      await readable(f, "the card's facts", '.card[data-key="ADR-5"] .facts');
      await readable(f, 'the scope line', '.scope');
      await readable(f, "a card's id", '.card[data-key="ADR-5"] h2 .id');
      await wb.screenshot(`review-agenda-${theme.name}`);
    });
  });
}
