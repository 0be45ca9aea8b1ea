// The web extension (package.json `browser`, dist/web/extension.js) in a real browser: code-server
// 4.100.3 runs it in the workbench's web worker extension host, on a virtual workspace.
//
// How code-server hosts it (read in its workbench sources, vs/workbench/services/extensions/):
// an extension installed on the server with both `main` and `browser` has the extension kinds
// ['workspace', 'web'] in a browser workbench and runs in the remote (Node) extension host, the
// first kind that fits; the browser's extension service allows remote-installed extensions in the
// local web worker (`allowRemoteExtensionsInLocalWebWorker`), so the user setting
// `remote.extensionKind: { "decision-lens.decision-lens": ["web"] }` moves it there, where
// vscode.dev and github.dev run it. The workspace is `dltest:/example`, served from memory by a
// test-only web extension (test/e2e/webfs/) with a file search provider, as github.dev's file
// system has one (`workspace.findFiles` waits for a search provider of the folder's scheme).
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { makeRunDir, REPO_ROOT } from '../harness/codeServer';
import { packageVsix } from '../../scripts/lib/vsix.mjs';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

const WEB_SETTINGS = { 'remote.extensionKind': { 'decision-lens.decision-lens': ['web'] } };

/** Every file under `dir` as workspace-relative path -> UTF-8 text. */
function readTree(dir: string, root = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readTree(path, root, out);
    else if (entry.isFile()) out[relative(root, path)] = readFileSync(path, 'utf8');
  }
  return out;
}

/** Bundles test/e2e/webfs/ with the example workspace's files inside and packages it as a VSIX. */
async function packageWebFileSystem(runDir: string): Promise<string> {
  const source = join(REPO_ROOT, 'test', 'e2e', 'webfs');
  const folder = join(runDir, 'webfs');
  mkdirSync(folder, { recursive: true });
  for (const file of ['package.json', 'README.md', '.vscodeignore']) cpSync(join(source, file), join(folder, file));
  await build({
    entryPoints: [join(source, 'extension.ts')],
    outfile: join(folder, 'extension.js'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    define: { DLTEST_FILES: JSON.stringify(readTree(join(REPO_ROOT, 'examples', 'workspace'))), DLTEST_ROOT: JSON.stringify('example') },
    logLevel: 'warning',
  });
  const out = join(runDir, 'decision-lens-test-webfs.vsix');
  packageVsix({ folder, out, skipLicense: true, quiet: true });
  return out;
}

describe('e2e: the web extension in the web worker extension host, on a virtual workspace', function () {
  let workbench: Workbench | undefined;
  let helperDir = '';

  before(async function () {
    helperDir = makeRunDir('webfs');
    const webfs = await packageWebFileSystem(helperDir);
    workbench = await openWorkbench({ workspace: 'example', extraVsix: [webfs], folderUri: 'dltest:/example', settings: WEB_SETTINGS });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-web-${this.currentTest.title}`);
      console.log(workbench.logTail(30));
      console.log(workbench.consoleMessages().slice(-30).join('\n'));
    }
  });

  after(async function () {
    await workbench?.close();
    if (helperDir) rmSync(helperDir, { recursive: true, force: true });
  });

  it('opens the virtual workspace: the explorer lists dltest:/example', async function () {
    const wb = workbench!;
    const rows = await wb.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((t) => /docs/.test(t)) && rows.some((t) => /src/.test(t)), `explorer rows: ${rows.join(' | ')}`);
  });

  it('runs Decision Lens from the web bundle in the web worker, not in the Node extension host', async function () {
    const wb = workbench!;
    await wb.openView('Decisions');
    await waitForRows(wb, (r) => r.some((t) => /ADR-0005/.test(t)));
    // The web entry's first log line, in the "Decision Lens" output channel.
    await wb.runCommand('Output: Show Output Channels...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*Decision Lens\s*$/ }).first().click({ timeout: 30_000 });
    const output = wb.page.locator('.part.panel .monaco-editor .view-lines');
    await output.filter({ hasText: 'web extension host' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    // The output view wraps long lines and renders spaces as no-break spaces.
    assert.match((await output.first().innerText()).replace(/\n/g, '').replace(/\u00a0/g, ' '), /web extension host: files are listed with workspace\.findFiles/);
    // The server's Node extension host activated its own extensions but never Decision Lens.
    const hostLog = remoteExtensionHostLog(wb.runDir);
    assert.match(hostLog, /ExtensionService#_doActivateExtension vscode\./);
    assert.doesNotMatch(hostLog, /_doActivateExtension decision-lens\./);
    // Nothing Node-only was missed: no error of the extension in the browser's console.
    const ours = wb.consoleMessages().filter((l) => /^\[(error|pageerror)\]/.test(l) && /decision-lens|Decision Lens|dist\/web\/extension\.js/i.test(l));
    assert.deepEqual(ours, []);
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('View: Hide Panel');
  });

  it('shows the Decisions view grouped by status, with the relations of a decision', async function () {
    const wb = workbench!;
    await wb.openView('Decisions');
    const rows = await waitForRows(wb, (r) => r.some((t) => /^Proposed/.test(t)) && r.some((t) => /^Accepted/.test(t)));
    const groups = rows.filter((t) => /^(Proposed|Draft|Accepted|Rejected|Deprecated|Superseded|No status)\s*\d+$/.test(t));
    assert.match(groups[0], /^Proposed/, `rows: ${rows.join(' | ')}`);
    assert.ok(rows.some((t) => /ADR-0005 Store idempotency keys in Postgres/.test(t)), `ADR-0005 is listed: ${rows.join(' | ')}`);
    assert.ok(rows.some((t) => /^DL-4 /.test(t)), `the proposed decision log entry is listed: ${rows.join(' | ')}`);
    const adr3 = wb.view('Decisions').locator('.monaco-list-row', { hasText: 'ADR-0003 Receive partner orders' });
    await adr3.locator('.monaco-tl-twistie').click();
    const expanded = await waitForRows(wb, (r) => r.some((t) => /^Cited in \d+ places/.test(t)));
    assert.ok(expanded.some((t) => /^Supersedes ADR-0002 Poll partner APIs for new orders/.test(t)), `ADR-0003's relation: ${expanded.join(' | ')}`);
    await wb.screenshot('web-decisions-view');
  });

  it('shows the hover card of a citation in a file of the virtual workspace', async function () {
    const wb = workbench!;
    const editor = await wb.openFile('src/webhooks/partnerWebhook.ts', 13);
    assert.match(String(await editor.getAttribute('data-uri')), /^dltest:\/example\/src\/webhooks\/partnerWebhook\.ts/);
    // Line 13: ` * Receives one partner order event (ADR-0003): ...`, the citation from column 38.
    const hover = await wb.hover(13, 40, { contains: 'Status' });
    const text = await hover.innerText();
    assert.match(text, /ADR-0003 Receive partner orders through webhooks/);
    assert.match(text, /Status: ?accepted/i);
    assert.match(text, /Open ADR-0003/);
    await wb.screenshot('web-hover-on-citation');
  });

  it('shows the CodeLens of the citation and goes to the cited record with Go to Definition', async function () {
    const wb = workbench!;
    const editor = wb.activeEditor();
    const lens = editor.locator('.codelens-decoration', { hasText: 'ADR-0003 · Receive partner orders through webhooks' });
    await lens.first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await lens.first().innerText(), /ADR-0003 · Receive partner orders through webhooks · accepted/);
    await wb.page.keyboard.press('Escape');
    await wb.goToLine(13, 40);
    await wb.page.keyboard.press('F12');
    const file = '0003-receive-partner-orders-through-webhooks.md';
    await wb.page.locator(`.tabs-container .tab.active[data-resource-name="${file}"]`).waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(String(await wb.activeEditor().getAttribute('data-uri')), /^dltest:\/example\/docs\/adr\/0003-receive-partner-orders-through-webhooks\.md/);
  });

  it('records a new decision with the New Decision form, written through the virtual file system', async function () {
    const wb = workbench!;
    const title = 'Serve records in the browser';
    const file = '0007-serve-records-in-the-browser.md';
    await wb.runCommand('Decision Lens: New Decision...');
    const form = wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await form.locator('#field-title').waitFor({ state: 'visible', timeout: 60_000 });
    await form.locator('#field-title').locator('input, textarea').first().focus();
    await wb.page.keyboard.type(title, { delay: 5 });
    await form.locator('#submit', { hasText: `Create docs/adr/${file}` }).waitFor({ timeout: 30_000 });
    await wb.screenshot('web-new-decision-form');
    await wb.page.keyboard.press('Control+Enter');
    const tab = wb.page.locator(`.tabs-container .tab.active[data-resource-name="${file}"]`);
    await tab.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(String(await wb.activeEditor().getAttribute('data-uri')), new RegExp(`^dltest:/example/docs/adr/${file.replace(/\./g, '\\.')}`));
    const text = (await wb.activeEditor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /^# (7\. )?Serve records in the browser$/m);
    await wb.openView('Decisions');
    await wb.view('Decisions').locator('.monaco-list-row', { hasText: `ADR-0007 ${title}` }).first().waitFor({ state: 'visible', timeout: 60_000 });
  });
});

describe('e2e: the web extension on a virtual file system without file search', function () {
  let workbench: Workbench | undefined;
  let helperDir = '';

  before(async function () {
    helperDir = makeRunDir('webfs');
    const webfs = await packageWebFileSystem(helperDir);
    // The file system provider alone: workspace.findFiles would wait for a search provider forever.
    workbench = await openWorkbench({
      workspace: 'example', extraVsix: [webfs], folderUri: 'dltest:/example', settings: { ...WEB_SETTINGS, 'dltest.fileSearch': false },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-web-nosearch-${this.currentTest.title}`);
      console.log(workbench.consoleMessages().slice(-30).join('\n'));
    }
  });

  after(async function () {
    await workbench?.close();
    if (helperDir) rmSync(helperDir, { recursive: true, force: true });
  });

  it('indexes by reading the folders and shows the Decisions view', async function () {
    const wb = workbench!;
    await wb.openView('Decisions');
    const rows = await waitForRows(wb, (r) => r.some((t) => /ADR-0005 Store idempotency keys in Postgres/.test(t)) && r.some((t) => /^DL-4 /.test(t)));
    assert.ok(rows.some((t) => /^Rejected\s*1$/.test(t)), `rows: ${rows.join(' | ')}`);
    await wb.runCommand('Output: Show Output Channels...');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: /^\s*Decision Lens\s*$/ }).first().click({ timeout: 30_000 });
    const output = wb.page.locator('.part.panel .monaco-editor .view-lines');
    await output.filter({ hasText: 'readDirectory' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    const text = (await output.first().innerText()).replace(/\n/g, '').replace(/\u00a0/g, ' ');
    assert.match(text, /dltest: file search did not answer in 5000 ms; files are listed by reading folders/);
    assert.match(text, /Indexed 10 decisions in 2 folders and 22 of 22 files/);
    await wb.screenshot('web-without-file-search');
  });
});

/** The remote (Node) extension host's log of a session: `<runDir>/user-data/logs/<time>/exthost<n>/remoteexthost.log`. */
function remoteExtensionHostLog(runDir: string): string {
  const logs = join(runDir, 'user-data', 'logs');
  const texts: string[] = [];
  for (const session of readdirSync(logs)) {
    for (const host of readdirSync(join(logs, session)).filter((n) => n.startsWith('exthost'))) {
      const file = join(logs, session, host, 'remoteexthost.log');
      if (existsSync(file)) texts.push(readFileSync(file, 'utf8'));
    }
  }
  assert.ok(texts.length > 0, `no remote extension host log under ${logs}`);
  return texts.join('\n');
}

async function waitForRows(wb: Workbench, ready: (rows: string[]) => boolean, timeoutMs = 90_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: string[] = [];
  while (Date.now() < deadline) {
    rows = await wb.viewRows('Decisions').catch(() => []);
    if (ready(rows)) return rows;
    await wb.settle(500);
  }
  assert.fail(`the Decisions view never showed the expected rows: ${rows.join(' | ')}`);
}
