// The review panel's record renderer (src/webview/review/render.ts: markdown-it without HTML, then
// DOMPurify) in real Chromium: record Markdown renders, and hostile record text gives no element
// or attribute that could run code, load something or run a command.
import * as assert from 'node:assert/strict';
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { launchBrowser } from '../harness/codeServer';
import type { BrowserSession } from '../harness/codeServer';

const REPO = resolve(__dirname, '../..');

const HOSTILE = [
  'Use `logback-test.xml`, *emphasis*, **strong**, [spec](https://spec.example/a) and [ADR 2](0002-x.md).',
  '',
  '- [cmd](command:workbench.action.quit) [js](javascript:alert(1)) [js2](JaVaScRiPt&#58;alert(1)) [data](data:text/html,x) [file](file:///etc/passwd) [proto](//evil.example)',
  '- <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> <a href="command:x">a</a>',
  '- ![pic](https://t.example/p.png) <svg onload="window.__pwned=3"></svg> <iframe src="https://evil.example"></iframe>',
  '',
  '# A heading',
  '',
  '<style>body{display:none}</style>',
].join('\n');

describe('e2e: record Markdown in the review panel (Chromium)', function () {
  let browser: BrowserSession | undefined;
  let bundle = '';

  before(async function () {
    const out = await build({
      entryPoints: [resolve(REPO, 'src/webview/review/render.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'reviewRender',
      platform: 'browser',
      target: 'es2022',
    });
    bundle = out.outputFiles[0].text;
    browser = await launchBrowser({ width: 800, height: 600 });
  });

  after(async function () {
    await browser?.close();
  });

  it('renders code spans, emphasis, lists and http(s)/relative links, and nothing that runs or loads', async function () {
    const page = browser!.page;
    await page.setContent('<!DOCTYPE html><html><body><main id="out"></main></body></html>');
    await page.addScriptTag({ content: bundle });
    const result = await page.evaluate((source) => {
      const w = window as unknown as { reviewRender: { renderMarkdown(md: string, inline?: boolean): DocumentFragment }; __pwned?: number };
      const out = document.getElementById('out') as HTMLElement;
      out.append(w.reviewRender.renderMarkdown(source));
      const tags = [...out.querySelectorAll('*')].map((e) => e.tagName.toLowerCase());
      const attrs = [...out.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => `${a.name}=${a.value}`));
      const hrefs = [...out.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      return { tags: [...new Set(tags)].sort(), attrs, hrefs, text: out.textContent ?? '', pwned: w.__pwned ?? 0, html: out.innerHTML };
    }, HOSTILE);
    assert.equal(result.pwned, 0, 'no record script ran');
    for (const t of result.tags) assert.ok(['a', 'code', 'em', 'li', 'p', 'strong', 'ul'].includes(t), `unexpected <${t}> in ${result.html}`);
    for (const a of result.attrs) assert.match(a, /^href=/, `unexpected attribute ${a}`);
    // An image is never loaded: `![pic](https://...)` is a `!` and a plain https link.
    assert.deepEqual(result.hrefs, ['https://spec.example/a', '0002-x.md', 'https://t.example/p.png'], 'only https and relative links are links');
    assert.match(result.text, /\[cmd\]\(command:workbench\.action\.quit\)/, 'a command link is shown as written');
    assert.match(result.text, /<img src=x onerror="window.__pwned=1">/, 'HTML is shown as text');
    assert.ok(result.tags.includes('code') && result.tags.includes('em') && result.tags.includes('ul'));
    assert.ok(!result.html.includes('<h1'), 'a record heading is no heading of the card');
  });
});
