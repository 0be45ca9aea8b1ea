// Smoke test of the integration tier: the packaged extension is installed in a real VS Code,
// activates by itself on a workspace with decision records, and the workspace API sees the records.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../../package.json';

const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('smoke: Decision Lens in a real VS Code on the example workspace', () => {
  it('runs inside a real VS Code extension host', () => {
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost})`);
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    const [major, minor] = vscode.version.split('.').map(Number);
    const [wantMajor, wantMinor] = manifest.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    assert.ok(major > wantMajor || (major === wantMajor && minor >= wantMinor), `VS Code ${vscode.version} is older than engines.vscode ${manifest.engines.vscode}`);
  });

  it('has the packaged extension of this repository installed', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.equal(extension.packageJSON.version, manifest.version);
    assert.equal(extension.packageJSON.main, manifest.main);
  });

  it('activates by itself on a workspace with decision records', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // The activation events (workspaceContains:docs/adr/*.md, .adr-dir, DECISIONS.md) must
    // activate it without anyone calling activate().
    const active = await waitFor(() => extension.isActive, 30_000);
    assert.ok(active, `${EXTENSION_ID} did not activate within 30 s`);
  });

  it('opens a temp copy of the example workspace', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(folders[0].name, 'example');
    assert.ok(!folders[0].uri.fsPath.includes('/examples/workspace'), `tests must not run on the repository's own files: ${folders[0].uri.fsPath}`);
  });

  it('sees the decision records and the decision log through workspace.findFiles', async () => {
    const records = await vscode.workspace.findFiles('docs/adr/*.md');
    const names = records.map((uri) => uri.path.split('/').pop()).sort();
    assert.deepEqual(names, [
      '0001-record-architecture-decisions.md',
      '0002-poll-partner-apis-for-new-orders.md',
      '0003-receive-partner-orders-through-webhooks.md',
      '0004-verify-webhook-signatures-with-hmac.md',
      '0005-store-idempotency-keys-in-postgres.md',
      '0006-fan-out-partner-events-through-a-message-queue.md',
      'adr-template.md',
    ]);
    const logs = await vscode.workspace.findFiles('**/DECISIONS.md');
    assert.equal(logs.length, 1);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(logs[0]));
    assert.match(text, /^## Accept partial orders from partners$/m);
  });

  it('opens a source file that cites decisions in an editor', async () => {
    const [file] = await vscode.workspace.findFiles('src/webhooks/partnerWebhook.ts');
    assert.ok(file);
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(editor.document.languageId, 'typescript');
    assert.match(document.getText(), /@decision\(DL-1\)/);
  });
});
