// Hovers through vscode.executeHoverProvider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, hoverText, open, positionOf, waitFor } from './helpers';

const encoder = new TextEncoder();

describe('hover on a citation', () => {
  it('shows the decision: title, status, date, decision, consequences, successor and links', async () => {
    await api();
    const editor = await open('src/python/versions.py');
    const { text, hovers } = await hoverText(editor.document.uri, positionOf(editor.document, 'ADR-0002', 3));
    assert.equal(hovers.length, 1);
    assert.match(text, /ADR-0002 Minimum supported Python version/);
    assert.match(text, /superseded/);
    assert.match(text, /2019-05-13/);
    assert.match(text, /Superseded by ADR-0020 Minimum supported Python version/);
    assert.match(text, /Home Assistant will try to support the latest two released minor upstream Python versions/);
    assert.match(text, /command:decisionLens\.openDecision\?/);
    assert.match(text, /command:decisionLens\.showCitations\?/);
    const range = hovers[0].range;
    assert.equal(editor.document.getText(range), 'ADR-0002');
    const md = hovers[0].contents[0] as vscode.MarkdownString;
    assert.notEqual(md.isTrusted, true, 'a hover is never fully trusted');
  });

  it('shows the decision makers and trade-offs of a decision log entry', async () => {
    await api();
    const editor = await open('src/webhooks/receiver.ts');
    const { text } = await hoverText(editor.document.uri, positionOf(editor.document, 'DL-1', 1));
    assert.match(text, /Use webhooks instead of polling for the partner API/);
    assert.match(text, /PM and tech lead jointly/);
    assert.match(text, /Trade-offs/);
    assert.match(text, /avoid rate limits entirely/);
  });

  it('says when a citation names no known decision, and shows nothing away from citations', async () => {
    await api();
    const editor = await open('src/webhooks/receiver.ts');
    const unknown = await hoverText(editor.document.uri, positionOf(editor.document, 'ADR-0099', 2));
    assert.match(unknown.text, /no decision record with this id/);
    const none = await hoverText(editor.document.uri, positionOf(editor.document, 'seen.add', 2));
    assert.doesNotMatch(none.text, /Status:|no decision record|command:decisionLens/, 'no decision hover on plain code');
  });

  it('escapes record text: no HTML, no links, no command links', async () => {
    const a = await api();
    const evil = [
      '# 31. Render <img src=x onerror=alert(1)> safely',
      '',
      'Date: 2026-05-02',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Decision',
      '',
      'Click [here](command:workbench.action.terminal.new) or <a href="command:workbench.action.quit">quit</a> $(alert)',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(fileUri('adr/0031-render-safely.md'), encoder.encode(evil));
    await vscode.workspace.fs.writeFile(fileUri('src/render.ts'), encoder.encode('// ADR-0031\nexport const render = 1;\n'));
    await waitFor(async () => {
      await a.whenIdle();
      return a.decisions().some((d) => d.display === 'ADR-0031');
    }, 'ADR-0031 is indexed');
    const editor = await open('src/render.ts');
    const { raw, text } = await waitFor(async () => {
      const h = await hoverText(editor.document.uri, new vscode.Position(0, 5));
      return h.text !== '' && h;
    }, 'a hover on ADR-0031');
    assert.doesNotMatch(raw, /<img/);
    assert.doesNotMatch(raw, /<a /);
    assert.doesNotMatch(raw, /\]\(command:workbench/);
    assert.doesNotMatch(raw, /(^|[^\\])\$\(alert\)/);
    assert.match(text, /Click \[here\]\(command:workbench\.action\.terminal\.new\)/, 'the text is shown as written');
  });
  it('renders record Markdown in an untrusted part of its own; our command links stay in the trusted part', async () => {
    const a = await api();
    const record = [
      '# 32. Render record Markdown',
      '',
      'Date: 2026-05-03',
      '',
      '## Status',
      '',
      'Accepted',
      '',
      '## Decision',
      '',
      'Use `logback-test.xml` with *care*:',
      '',
      '- see [the spec](https://spec.example/render)',
      '- and [ADR 1](0001-record-architecture-decisions.md)',
      '- not [this](command:workbench.action.terminal.new) nor <b onmouseover="x">bold</b> nor ![pic](https://t.example/p.png)',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(fileUri('adr/0032-render-record-markdown.md'), encoder.encode(record));
    await vscode.workspace.fs.writeFile(fileUri('src/render2.ts'), encoder.encode('// ADR-0032\nexport const render2 = 1;\n'));
    await waitFor(async () => {
      await a.whenIdle();
      return a.decisions().some((d) => d.display === 'ADR-0032');
    }, 'ADR-0032 is indexed');
    const editor = await open('src/render2.ts');
    const { hovers } = await waitFor(async () => {
      const h = await hoverText(editor.document.uri, new vscode.Position(0, 5));
      return h.text !== '' && h;
    }, 'a hover on ADR-0032');
    const parts = hovers[0].contents.filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c);
    const body = parts.find((p) => p.value.includes('logback-test.xml'));
    assert.ok(body, 'the record text is in the hover');
    assert.ok(!body.isTrusted, 'the record text part is not trusted');
    assert.notEqual(body.supportHtml, true, 'no HTML in the record text part');
    assert.notEqual(body.supportThemeIcons, true, 'no theme icons in the record text part');
    assert.doesNotMatch(body.value, /command:decisionLens/, 'our command links are not in the untrusted part');
    // What is rendered: a code span, emphasis, a list, an https link and a relative link.
    assert.match(body.value, /`logback-test\.xml`/);
    assert.match(body.value, /\*care\*/);
    assert.match(body.value, /^- see \[the spec\]\(<https:\/\/spec\.example\/render>\)$/m);
    assert.match(body.value, /\[ADR 1\]\(<0001-record-architecture-decisions\.md>\)/);
    // What stays text: the command link, the HTML and the image.
    assert.doesNotMatch(body.value, /\]\(command:|<b |!\[pic\]\(/);
    assert.match(body.value, /\\\[this\\\]\\\(command:workbench\.action\.terminal\.new\\\)/);
    assert.match(body.value, /&lt;b onmouseover="x">bold&lt;\/b>/);
    const trusted = parts.filter((p) => p.value.includes('command:decisionLens.openDecision'));
    assert.ok(trusted.length > 0, 'the open link is in a part of its own');
    for (const p of trusted) {
      assert.notEqual(p.isTrusted, true);
      assert.doesNotMatch(p.value, /logback-test/, 'no record text in the trusted part');
    }
  });
});
