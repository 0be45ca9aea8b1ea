// Renumber a decision in a real VS Code (issue 13): ADR-0012 is cited from TypeScript, Python and
// Java, from another record and from the README. Rename Symbol (F2) on a citation offers its
// number; Renumber Decision moves the record and rewrites every citation in one WorkspaceEdit, and
// one Undo restores every file byte for byte.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../../package.json';
import { api, fileUri, open, positionOf, waitFor } from '../editor/helpers';

/** Every file of the workspace with its bytes, by relative path. */
async function snapshot(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const uri of await vscode.workspace.findFiles('**/*')) {
    out.set(vscode.workspace.asRelativePath(uri, false), Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('base64'));
  }
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

async function disk(relativePath: string): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(fileUri(relativePath)));
}

async function exists(relativePath: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(fileUri(relativePath));
    return true;
  } catch {
    return false;
  }
}

describe('Renumber Decision', function () {
  this.timeout(120_000);

  before(async () => {
    await api();
  });

  it('is contributed, registered, and in the Decisions view context menu', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('decisionLens.renumberDecision'));
    assert.ok(manifest.contributes.commands.some((c) => c.command === 'decisionLens.renumberDecision'));
    const menu = manifest.contributes.menus['view/item/context'].find((m) => m.command === 'decisionLens.renumberDecision');
    const items = (await (await api()).treeItems(2)).flatMap((g) => g.children ?? []);
    const item = items.find((c) => c.label.startsWith('ADR-0012 '));
    assert.ok(item?.contextValue, 'the tree shows ADR-0012');
    assert.ok(menu?.when.includes(`viewItem == ${item.contextValue}`), menu?.when);
  });

  it('F2 on a citation offers its number, and the rename edit touches the record and every citing file', async () => {
    const editor = await open('src/receiver.ts');
    const at = positionOf(editor.document, 'ADR-0012', 5);
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', editor.document.uri, at);
    assert.equal(prepared?.placeholder, '0012');
    assert.equal(editor.document.getText(prepared.range), '0012');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, at, '0015');
    assert.ok(edit, 'a rename edit');
    const touched = edit
      .entries()
      .map(([uri, edits]) => [vscode.workspace.asRelativePath(uri, false), edits.map((e) => e.newText).join(',')])
      .sort();
    assert.deepEqual(touched, [
      ['README.md', '0015,0015'],
      ['docs/adr/0012-use-webhooks.md', '15'],
      ['docs/adr/0013-retry-deliveries-with-backoff.md', '15,0015,0015'],
      ['src/Handler.java', '15'],
      ['src/receiver.ts', '0015'],
      ['src/worker.py', '15,0015'],
    ]);
    // Nothing was applied.
    assert.match(await disk('src/receiver.ts'), /^\/\/ ADR-0012:/);
    // A number another record has is refused with the reason.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', editor.document.uri, at, '13')),
      /Number 13 is taken: ADR-0013/,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('F2 on the number in the record\'s own heading offers it and plans the same edit', async () => {
    const editor = await open('docs/adr/0012-use-webhooks.md');
    const at = new vscode.Position(0, 3);
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', editor.document.uri, at);
    assert.equal(prepared?.placeholder, '12');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, at, '15');
    assert.deepEqual(
      edit
        .entries()
        .map(([uri]) => vscode.workspace.asRelativePath(uri, false))
        .sort(),
      ['README.md', 'docs/adr/0012-use-webhooks.md', 'docs/adr/0013-retry-deliveries-with-backoff.md', 'src/Handler.java', 'src/receiver.ts', 'src/worker.py'],
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('moves ADR-0012 to 0015, rewrites its citations in three languages, a record and the README, and one Undo restores every byte', async () => {
    const before = await snapshot();
    const editor = await open('src/receiver.ts');
    assert.equal(await vscode.commands.executeCommand('decisionLens.renumberDecision', 'ADR-12', 15, { preview: false }), true);

    assert.equal(await exists('docs/adr/0012-use-webhooks.md'), false);
    assert.match(await disk('docs/adr/0015-use-webhooks.md'), /^# 15\. Use webhooks\n/);
    assert.match(await disk('src/receiver.ts'), /^\/\/ ADR-0015: webhooks, not polling \(see ADR-0013 for retries\)\n/);
    assert.match(await disk('src/receiver.ts'), /body\.length > 12/);
    assert.equal(await disk('src/worker.py'), '# Deliveries are retried as ADR 15 and docs/adr/0013-retry-deliveries-with-backoff.md say.\n# The receiver: docs/adr/0015-use-webhooks.md\nMAX_PENDING = 12\n');
    assert.match(await disk('src/Handler.java'), /\n@ADR\(15\)\npublic class Handler \{\n {2}int port = 8012;/);
    const amends = await disk('docs/adr/0013-retry-deliveries-with-backoff.md');
    assert.match(amends, /\nAmends \[15\. Use webhooks\]\(0015-use-webhooks\.md\)\n/);
    assert.match(amends, /\nADR-0015 leaves failed deliveries/);
    assert.match(amends, /A queue of 12 pending/);
    assert.match(await disk('README.md'), /\(\[ADR-0015\]\(docs\/adr\/0015-use-webhooks\.md\)\)/);

    // The index follows: the citation in code goes to the moved record.
    const a = await api();
    await waitFor(async () => {
      await a.whenIdle();
      const defs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', editor.document.uri, positionOf(editor.document, 'ADR-0015', 5));
      return defs?.length === 1 && defs[0].uri.path.endsWith('/docs/adr/0015-use-webhooks.md');
    }, 'Go to Definition on ADR-0015 opens the moved record');

    // One Undo: the rename and every text edit go back together.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor(async () => (await exists('docs/adr/0012-use-webhooks.md')) && !(await exists('docs/adr/0015-use-webhooks.md')), 'the record is back at 0012');
    // Undo leaves the restored texts unsaved, as any undo does; save them to compare the bytes on disk.
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isDirty && x.uri.scheme === 'file')) await d.save();
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => `${d.uri.toString()} (${d.getText().split('\n')[0]})`);
    assert.deepEqual(dirty, [], 'every document is saved');
    const after = await snapshot();
    assert.deepEqual([...after.keys()], [...before.keys()]);
    for (const [path, bytes] of before) assert.equal(after.get(path), bytes, `${path} is restored byte for byte`);
  });
});
