// The page every webview panel loads (src/host/pageHtml.ts), opened in Chromium: a strict
// Content Security Policy that runs the bundle's script by its nonce and refuses anything else,
// the bundle's style sheets, and text escaped.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { pageHtml } from '../../src/host/pageHtml';
import type { PageParts } from '../../src/host/pageHtml';
import { CHROMIUM_ARGS } from '../harness/codeServer';

describe('webview pages, in Chromium', function () {
  this.timeout(120_000);
  let dir = '';
  let browser: Browser | undefined;
  let parts: PageParts;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dl-page-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'map.js'), 'window.ran = true;\n');
    writeFileSync(join(dir, 'dist', 'map.css'), 'main { color: rgb(1, 2, 3); }\n');
    writeFileSync(join(dir, 'dist', 'codicon.css'), 'body { margin: 7px; }\n');
    parts = {
      cspSource: 'file:',
      resource: (file) => pathToFileURL(join(dir, 'dist', file)).href,
      script: 'map.js',
      style: 'map.css',
      language: 'de',
      title: 'Decision <Map> & "more"',
      nonce: 'abc123',
    };
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `html` from a file and collects what the policy refused. */
  async function open(html: string): Promise<{ page: Page; refused: string[] }> {
    const file = join(dir, `page-${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, html);
    const page = await (browser as Browser).newPage();
    const refused: string[] = [];
    await page.exposeFunction('reportRefused', (d: string) => refused.push(d));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportRefused(d: string): void }).reportRefused(e.effectiveDirective));
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
    return { page, refused };
  }

  it("runs the bundle's script by its nonce and applies its style sheets; refuses an inline script and a remote image", async () => {
    const html = pageHtml({ ...parts, codicons: true }).replace('</body>', '<script>window.inline = true;</script><img src="https://example.com/x.png"></body>');
    const { page, refused } = await open(html);
    assert.equal(await page.evaluate(() => (window as unknown as { ran?: boolean }).ran), true, 'the bundle script ran');
    assert.equal(await page.evaluate(() => (window as unknown as { inline?: boolean }).inline), undefined, 'the inline script did not');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('main') as Element).color), 'rgb(1, 2, 3)');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).margin), '7px', 'the codicon sheet is loaded');
    await page.waitForTimeout(200);
    assert.ok(refused.includes('script-src-elem') && refused.includes('img-src'), refused.join(', '));
    const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    assert.equal(csp, "default-src 'none'; script-src 'nonce-abc123'; style-src file:; img-src file:; font-src file:");
    await page.close();
  });

  it('allows nonce styles and data: images only when the page asks', async () => {
    const plain = await open(pageHtml(parts).replace('</body>', '<style>main { color: rgb(9, 9, 9); }</style></body>'));
    assert.equal(await plain.page.evaluate(() => getComputedStyle(document.querySelector('main') as Element).color), 'rgb(1, 2, 3)', 'an inline style without the nonce is refused');
    await plain.page.close();
    const asks = await open(pageHtml({ ...parts, styleNonce: true, dataImages: true }).replace('</body>', '<style nonce="abc123">main { color: rgb(9, 9, 9); }</style></body>'));
    assert.equal(await asks.page.evaluate(() => getComputedStyle(document.querySelector('main') as Element).color), 'rgb(9, 9, 9)');
    const csp = await asks.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    assert.equal(csp, "default-src 'none'; script-src 'nonce-abc123'; style-src file: 'nonce-abc123'; img-src file: data:; font-src file:");
    await asks.page.close();
  });

  it('escapes the title, the label and the language', async () => {
    const { page } = await open(pageHtml({ ...parts, label: 'Map "x" <y>', language: 'de"><script>window.inline = true;</script>' }));
    assert.equal(await page.title(), 'Decision <Map> & "more"');
    assert.equal(await page.evaluate(() => document.querySelector('main')?.getAttribute('aria-label')), 'Map "x" <y>');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de"><script>window.inline = true;</script>');
    assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 1);
    await page.close();
  });
});
