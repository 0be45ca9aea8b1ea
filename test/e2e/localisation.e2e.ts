// The extension in German, as a person whose VS Code is set to German sees it: code-server runs
// with `--locale de` and a test-only German language pack (test/fixtures/extensions/
// language-pack-de/, no translations of VS Code itself: VS Code resolves a display language only
// when a language pack provides it). Then VS Code itself picks the extension's German bundles:
// package.nls.de.json for the command titles and l10n/bundle.l10n.de.json, which the host passes
// to the New Decision form (`vscode.l10n.bundle` -> `@vscode/l10n` in the webview).
// Screenshot: test-results/screenshots/newdecision-de.png.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { makeRunDir, REPO_ROOT } from '../harness/codeServer';
import { packageVsix } from '../../scripts/lib/vsix.mjs';
import { openWorkbench } from './workbench';
import type { Workbench } from './workbench';

const GERMAN = JSON.parse(readFileSync(join(REPO_ROOT, 'l10n', 'bundle.l10n.de.json'), 'utf8')) as Record<string, string>;
const GERMAN_NLS = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.de.json'), 'utf8')) as Record<string, string>;

/** The form's document inside the webview's two iframes. */
function form(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

describe('e2e: the extension in German (--locale de)', function () {
  let workbench: Workbench | undefined;

  before(async function () {
    const languagePack = join(makeRunDir('langpack'), 'language-pack-de.vsix');
    packageVsix({ folder: join(REPO_ROOT, 'test', 'fixtures', 'extensions', 'language-pack-de'), out: languagePack, skipLicense: true, quiet: true });
    workbench = await openWorkbench({ workspace: 'newdecision', locale: 'de', extraVsix: [languagePack] });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      await workbench.screenshot(`failed-localisation-${this.currentTest.title}`);
      console.log(workbench.logTail(30));
    }
  });

  after(async function () {
    await workbench?.close();
  });

  it('shows the New Decision command and form in German', async function () {
    const wb = workbench!;
    // The palette shows the German title from package.nls.de.json.
    const title = GERMAN_NLS['command.newDecision.title'];
    assert.equal(title, 'Neue Entscheidung...');
    await wb.runCommand(`Decision Lens: ${title}`);
    const f = form(wb);
    await f.locator('#field-title').waitFor({ state: 'visible', timeout: 60_000 });
    // Labels, legends, buttons and hints of the form come from the German bundle.
    assert.equal(GERMAN['Decision makers'], 'Entscheider');
    await f.locator('vscode-label[for="field-decisionMakers"]', { hasText: GERMAN['Decision makers'] }).waitFor({ timeout: 30_000 });
    assert.equal((await f.locator('h1').innerText()).trim(), GERMAN['New Decision']);
    assert.equal((await f.locator('#add-option').innerText()).trim(), GERMAN['Add Option']);
    assert.equal((await f.locator('vscode-label[for="field-title"]').innerText()).replace(/\*/g, '').trim(), GERMAN['Title']);
    const legends = (await f.locator('legend').allTextContents()).map((t) => t.trim());
    assert.deepEqual(legends, ['Where', 'Decision', 'People', 'Reasoning', 'Links'].map((l) => GERMAN[l]));
    // What the host writes (vscode.l10n.t) is German too: the submit button names the file, whose
    // slug comes from the German placeholder title.
    assert.equal(GERMAN['Untitled decision'], 'Unbenannte Entscheidung');
    await f.locator('#submit', { hasText: /^\s*doc\/adr\/0010-unbenannte-entscheidung\.md erstellen\s*$/ }).waitFor({ timeout: 30_000 });
    // The core's texts too (@vscode/l10n, configured with the same bundle): why the format was
    // chosen, and a field message after an early submit.
    assert.equal(GERMAN['like {0} of {1} records here'], 'wie {0} von {1} Entscheidungsdokumenten hier');
    assert.match(await f.locator('#format-detected').innerText(), /^Erkannt für doc\/adr: Nygard \(adr-tools\) \(wie 3 von 3 Entscheidungsdokumenten hier\)\.$/);
    await f.locator('#submit').click();
    await f.locator('#field-title-message .message-error', { hasText: GERMAN['A title is required.'] }).waitFor({ timeout: 30_000 });
    await f.locator('#status-line', { hasText: GERMAN['One field needs attention before the record can be created.'] }).waitFor({ timeout: 30_000 });
    // No English label is left in the form's own text.
    const text = await f.locator('form').innerText();
    for (const english of ['Decision makers', 'Considered options', 'Add Option', 'Comma-separated names.']) {
      assert.ok(!text.includes(english), `the form still shows "${english}"`);
    }
    await wb.screenshot('newdecision-de');
  });
});
