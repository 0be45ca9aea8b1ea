// Restricted Mode: Renumber Decision and Rename Symbol (F2) on a citation refuse, and nothing is written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, open, positionOf, waitFor } from '../editor/helpers';

async function files(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const uri of await vscode.workspace.findFiles('**/*')) out[vscode.workspace.asRelativePath(uri, false)] = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return out;
}

describe('Renumber in an untrusted workspace', () => {
  it('the command and F2 refuse, and no file changes', async () => {
    const lens = await api();
    await waitFor(() => lens.decisions().length === 2, 'both records are indexed');
    assert.equal(vscode.workspace.isTrusted, false);
    const before = await files();
    assert.equal(await vscode.commands.executeCommand('decisionLens.renumberDecision', 'ADR-1', 7, { preview: false }), false);
    const editor = await open('src/db.ts');
    const at = positionOf(editor.document, 'ADR-0001', 5);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', editor.document.uri, at)), /trusted workspace/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', editor.document.uri, at, '7')), /trusted workspace/);
    assert.deepEqual(await files(), before);
    assert.ok(before['doc/adr/0001-use-postgres.md'] !== undefined);
    assert.equal(editor.document.isDirty, false);
    await vscode.workspace.fs.stat(fileUri('doc/adr/0001-use-postgres.md'));
  });
});
