// Record Markdown re-written for hovers and the agenda: what survives (code spans, emphasis, lists,
// http(s) and relative links) and what is only shown as text (HTML, images, command links, other
// schemes, theme icons). Checked by rendering the output with markdown-it, and with fast-check.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { isSafeLinkTarget, safeMarkdown } from '../../src/core/render/safeMarkdown';

// VS Code renders hovers with `marked` (GFM, HTML allowed unless supportHtml is false); markdown-it
// with HTML on is the stricter check here: raw HTML left in the output would come through.
const renderer = new MarkdownIt('commonmark', { html: true });
const render = (md: string): string => renderer.render(md);

describe('safeMarkdown', () => {
  it('keeps code spans, emphasis, lists and http(s) and relative links', () => {
    const html = render(safeMarkdown('Use `logback-test.xml`, *really* **now**:\n\n- one\n- two\n  1. nested\n\nSee [spec](https://x.example/a) and [ADR 2](0002-x.md).'));
    assert.match(html, /<code>logback-test\.xml<\/code>/);
    assert.match(html, /<em>really<\/em> <strong>now<\/strong>/);
    assert.match(html, /<ul>\s*<li>one<\/li>\s*<li>two\s*<ol>\s*<li>nested<\/li>/);
    assert.match(html, /<a href="https:\/\/x\.example\/a">spec<\/a>/);
    assert.match(html, /<a href="0002-x\.md">ADR 2<\/a>/);
  });

  it('shows command links, other schemes, HTML, images and theme icons as the text written', () => {
    const source = 'Click [here](command:workbench.action.quit) or [js](javascript:alert(1)) or [f](file:///etc/passwd) or [p](//evil.example) <a href="command:x">quit</a> <img src=x onerror=alert(1)> ![pic](https://t.example/p.png) $(alert)';
    const out = safeMarkdown(source);
    const html = render(out);
    assert.doesNotMatch(html, /<a |<img|<script/);
    assert.doesNotMatch(out, /(^|[^\\])\$\(alert\)/, 'no theme icon');
    assert.match(html, /\[here\]\(command:workbench\.action\.quit\)/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /!\[pic\]\(https:\/\/t\.example\/p\.png\)/);
    assert.equal(safeMarkdown('[x](0002.md)', { relativeLinks: false }).includes('](<0002.md>)'), false, 'relative links can be refused');
  });

  it('turns headings into strong paragraphs and keeps code blocks as code', () => {
    const html = render(safeMarkdown('# Big\n\ntext\n\n```js\n</code><script>x</script>\n```\n'));
    assert.doesNotMatch(html, /<h1>|<script>/);
    assert.match(html, /<strong>Big<\/strong>/);
    assert.match(html, /<pre><code>&lt;\/code&gt;&lt;script&gt;x&lt;\/script&gt;\n<\/code><\/pre>/);
  });

  it('cuts long text at a word with an ellipsis', () => {
    const out = safeMarkdown('word '.repeat(200), { maxChars: 50 });
    assert.ok(out.length < 70, out);
    assert.ok(out.endsWith('…'));
  });

  it('accepts only http(s) and relative link targets', () => {
    for (const ok of ['https://a.example', 'http://a.example/x', '0002-x.md', '../adr/0002-x.md#status', '#anchor']) assert.ok(isSafeLinkTarget(ok), ok);
    for (const bad of ['command:x', 'javascript:alert(1)', 'JAVASCRIPT:x', 'vscode://x', 'file:///etc', '//evil', 'data:text/html,x', 'java\tscript:x', 'mailto:a@b']) {
      assert.ok(!isSafeLinkTarget(bad), bad);
    }
  });

  it('never lets any input produce raw HTML or a non-http(s) link (property)', () => {
    const piece = fc.constantFrom('[', ']', '(', ')', '<', '>', '!', '`', '*', '_', '\\', '&', '#', '-', '\n', ' ', 'a', 'command:x', 'javascript:', 'https://h.example', '<img src=x>', '<a href="command:x">', '$(', '&lt;', '&#60;', '|');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const html = render(safeMarkdown(parts.join('')));
        assert.doesNotMatch(html, /<(?!\/?(?:p|em|strong|code|pre|ul|ol|li|blockquote|hr|br|a)\b)[a-z]/i);
        for (const m of html.matchAll(/<a href="([^"]*)"/g)) assert.ok(/^https?:\/\//.test(m[1]) || !/^[a-z][a-z0-9+.-]*:/i.test(m[1]), m[1]);
      }),
      { numRuns: 400 },
    );
  });
});
