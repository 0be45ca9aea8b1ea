// A record's status changes in an open editor (not saved) and on disk: the Decisions view,
// CodeLens and diagnostics follow without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeLensTitles, diagnostics, fileUri, open, waitFor } from './helpers';

async function groupOf(display: string): Promise<string | undefined> {
  const groups = await (await api()).treeItems(2);
  return groups.find((g) => (g.children ?? []).some((c) => c.label.startsWith(`${display} `)))?.label;
}

describe('live updates after editing a record', () => {
  it('follows a status edited in an open editor', async () => {
    await api();
    assert.equal(await groupOf('ADR-0020'), 'Accepted');
    const versions = fileUri('src/python/versions.py');
    assert.ok(!diagnostics(versions).some((d) => d.code === 'cites-deprecated'));

    const editor = await open('adr/0020-minimum-supported-python-version.md');
    const line = editor.document.getText().split('\n').findIndex((l, i, all) => l.trim() === 'Accepted' && all[i - 2]?.startsWith('## Status'));
    assert.ok(line > 0, 'the status line of ADR-0020');
    await editor.edit((b) => b.replace(editor.document.lineAt(line).range, 'Deprecated'));

    await waitFor(async () => (await groupOf('ADR-0020')) === 'Deprecated', 'ADR-0020 moves to the Deprecated group');
    await waitFor(async () => (await codeLensTitles(versions)).some((l) => l.title === 'ADR-0020 · Minimum supported Python version · deprecated'), 'the CodeLens shows the new status');
    await waitFor(() => diagnostics(versions).some((d) => d.code === 'cites-deprecated'), 'citing it is now flagged');

    await vscode.commands.executeCommand('undo');
    await waitFor(async () => (await groupOf('ADR-0020')) === 'Accepted', 'undo moves it back');
    await waitFor(() => !diagnostics(versions).some((d) => d.code === 'cites-deprecated'), 'and the diagnostic goes');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('follows a status changed on disk', async () => {
    const a = await api();
    assert.equal(await groupOf('DL-4'), 'Proposed');
    const uri = fileUri('DECISIONS.md');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text.replace('Status: Proposed', 'Status: Rejected')));
    await waitFor(async () => {
      await a.whenIdle();
      return (await groupOf('DL-4')) === 'Rejected';
    }, 'DL-4 moves to the Rejected group');
    const receiver = fileUri('src/webhooks/receiver.ts');
    await waitFor(() => diagnostics(receiver).some((d) => d.code === 'cites-rejected'), 'citing DL-4 is flagged');
    assert.ok(!(await a.treeItems(1)).some((g) => g.label === 'Proposed'), 'no proposed decision is left');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await waitFor(async () => {
      await a.whenIdle();
      return (await groupOf('DL-4')) === 'Proposed';
    }, 'DL-4 is proposed again');
  });
});
