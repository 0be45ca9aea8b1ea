// `decision-lens export --html` on ../shared/corpus, opened in Chromium from file:// as a product
// manager would: the map draws every decision, the list links every record and each page
// exists, clicking a node opens its record, search filters the list, no network request is
// made (every request is recorded), and the CSP allows no inline script (no violation is
// reported, and no page has an inline script). Screenshots in light and dark:
// test-results/screenshots/export-html-{light,dark}.png.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { SITE_CSP, exportCommand } from '../../src/cli/commands/export';
import { toPosix } from '../../src/cli/nodeWorkspace';
import { scanWorkspace } from '../../src/cli/scan';
import type { DecisionIndex } from '../../src/core/index';
import { CHROMIUM_ARGS } from '../harness/codeServer';

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const REPO = resolve(__dirname, '../..');
const SCREENSHOTS = join(REPO, 'test-results', 'screenshots');

describe('decision-lens export --html on ../shared/corpus, in Chromium from file://', function () {
  this.timeout(240_000);
  let dir: string;
  let site: string;
  let index: DecisionIndex;
  let browser: Browser | undefined;
  const requests: string[] = [];
  const violations: string[] = [];
  const errors: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dl-export-'));
    // The map's bundle as `npm run build` makes it (the unit stage runs before the build stage).
    await esbuild.build({ entryPoints: { map: join(REPO, 'src/webview/map/main.ts') }, outdir: join(dir, 'bundle'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent' });
    index = (await scanWorkspace({ root: toPosix(CORPUS), prefixes: [] })).index;
    site = join(dir, 'site');
    const out: string[] = [];
    const code = exportCommand(index, toPosix(CORPUS), { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: dir }, { html: site }, { bundleDir: join(dir, 'bundle') });
    assert.equal(code, 0, out.join(''));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(colorScheme: 'light' | 'dark', path = 'index.html') {
    const context = await (browser as Browser).newContext({ viewport: { width: 1400, height: 900 }, colorScheme });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(join(site, path)).href);
    return { context, page };
  }

  it('writes a page per decision, linked from the index, each with its CSP and no inline script', () => {
    const pages = readdirSync(join(site, 'records'));
    assert.equal(pages.length, index.decisions().length);
    assert.ok(pages.length > 400, `only ${pages.length} records`);
    const html = readFileSync(join(site, 'index.html'), 'utf8');
    const links = [...html.matchAll(/href="(records\/[^"]+)"/g)].map((m) => decodeURI(m[1]));
    assert.equal(new Set(links).size, pages.length, 'every record is linked from the index');
    for (const link of links) assert.ok(existsSync(join(site, link)), link);
    for (const file of ['index.html', ...pages.map((p) => `records/${p}`)]) {
      const text = readFileSync(join(site, file), 'utf8');
      assert.ok(text.includes(`content="${SITE_CSP}"`), `${file}: CSP`);
      assert.doesNotMatch(text, /<script(?![^>]*\ssrc=)[^>]*>/i, `${file}: inline script`);
      assert.doesNotMatch(text, /\son[a-z]+=/i, `${file}: event handler attribute`);
    }
  });

  it('writes the design review agenda of the proposed decisions, linked from the index, with no HTML from records', async () => {
    const proposed = index.decisions().filter((d) => d.status.kind === 'proposed');
    assert.ok(proposed.length > 3, `${proposed.length} proposed decisions in the corpus`);
    const html = readFileSync(join(site, 'agenda.html'), 'utf8');
    assert.match(readFileSync(join(site, 'index.html'), 'utf8'), new RegExp(`href="agenda\\.html">Design review agenda \\(${proposed.length} proposed\\)`));
    assert.ok(html.includes(`content="${SITE_CSP}"`), 'agenda: CSP');
    assert.doesNotMatch(html, /<script|\son[a-z]+=|<img|<iframe/i);
    const { context, page } = await open('light', 'agenda.html');
    const headings = await page.locator('main.agenda h2').allInnerTexts();
    assert.equal(headings.length, proposed.length, 'one section per proposed decision');
    for (const d of proposed.slice(0, 5)) assert.ok(headings.some((h) => h.startsWith(d.display)), `${d.display} in ${headings.slice(0, 5).join(' | ')}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'export-agenda-light.png'), fullPage: false });
    await context.close();
    assert.ok(requests.every((u) => u.startsWith('file:')), `requests: ${requests.filter((u) => !u.startsWith('file:')).join(', ')}`);
  });

  it('renders record text with markdown-it and shows raw HTML in a record as text', () => {
    // log4brains' test project has a record whose text holds HTML; none of it becomes markup.
    for (const p of readdirSync(join(site, 'records'))) {
      const text = readFileSync(join(site, 'records', p), 'utf8');
      const article = text.slice(text.indexOf('<article'), text.indexOf('</article>'));
      assert.doesNotMatch(article, /<(script|iframe|img[^>]+onerror|object|embed|style)/i, p);
    }
    const nygard = readdirSync(join(site, 'records')).find((p) => p.startsWith('adr-0001-record-architecture-decisions'));
    assert.ok(nygard, 'adr-tools ADR-0001 page');
    const text = readFileSync(join(site, 'records', nygard), 'utf8');
    assert.match(text, /<h2>Context<\/h2>/);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`draws every decision on the map and the timeline (${scheme}), with no network request and no CSP violation`, async () => {
      const { context, page } = await open(scheme);
      try {
        const decisions = index.decisions().length;
        await page.locator('.node.decision').first().waitFor({ timeout: 60_000 });
        assert.equal(await page.locator('.node.decision').count(), decisions);
        assert.equal(await page.locator('.edge.supersedes').count(), 17, 'the corpus\'s 17 supersede relations');
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `export-html-${scheme}.png`) });
        await page.getByRole('radio', { name: 'Timeline' }).click();
        await page.locator('.lane-label').first().waitFor();
        assert.equal(await page.locator('.node.decision').count(), decisions);
        assert.ok(await page.locator('.lane-label', { hasText: 'Undated' }).count(), 'undated lane');
        await page.screenshot({ path: join(SCREENSHOTS, `export-html-timeline-${scheme}.png`) });
        console.log(`      screenshots: ${join(SCREENSHOTS, `export-html-${scheme}.png`)}, export-html-timeline-${scheme}.png`);
      } finally {
        await context.close();
      }
      assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'network requests');
      assert.deepEqual(violations, [], 'CSP violations');
      assert.deepEqual(errors, [], 'page errors');
    });
  }

  it('opens a record when its node is clicked, and filters the list with the search box', async () => {
    const { context, page } = await open('light');
    try {
      await page.getByRole('searchbox').fill('0005');
      await page.waitForFunction(() => document.querySelectorAll('#records li:not([hidden])').length < 20);
      const shown = await page.locator('#records li:not([hidden])').allTextContents();
      assert.ok(shown.length > 0 && shown.every((t) => t.includes('0005')), shown.join(' | '));
      const node = page.locator('.node.decision', { hasText: 'ADR-0005' }).first();
      const label = (await node.getAttribute('aria-label')) ?? '';
      await node.click();
      await page.waitForURL(/records\/.+\.html$/);
      const heading = (await page.locator('main > h1').textContent()) ?? '';
      assert.ok(label.startsWith(heading.split(' ')[0]), `${heading} for ${label}`);
      await page.getByRole('link', { name: /All decisions/ }).click();
      await page.waitForURL(/index\.html$/);
    } finally {
      await context.close();
    }
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), []);
    assert.deepEqual(violations, []);
  });
});
