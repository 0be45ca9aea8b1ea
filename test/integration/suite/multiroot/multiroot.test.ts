// A multi-root workspace: two folders, one index, citations across folders, settings per folder.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, baseName, codeLensTitles, diagnostics, fileUri, positionOf, waitFor } from '../editor/helpers';

function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(found, `no workspace folder ${name}`);
  return found;
}

type Target = vscode.Location | vscode.LocationLink;
const uriOf = (t: Target): vscode.Uri => ('targetUri' in t ? t.targetUri : t.uri);

describe('multi-root workspace', () => {
  it('indexes the decisions of every folder', async () => {
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['platform', 'service']);
    const ids = (await api()).decisions().map((d) => d.display);
    for (const id of ['ADR-0001', 'ADR-0005', 'ADR-0009', 'DL-1', 'DL-4']) assert.ok(ids.includes(id), `${id} missing: ${ids.join(', ')}`);
  });

  it('resolves citations across folders', async () => {
    await api();
    const orders = await vscode.workspace.openTextDocument(fileUri('src/orders.ts', folder('service')));
    const [adr3] = (await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', orders.uri, positionOf(orders, 'ADR-0003', 2))) ?? [];
    assert.equal(vscode.workspace.getWorkspaceFolder(uriOf(adr3))?.name, 'platform');
    assert.equal(baseName(uriOf(adr3)), '0003-single-command-with-subcommands.md');

    const tool = await vscode.workspace.openTextDocument(fileUri('tool.sh', folder('platform')));
    const [dl1] = (await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', tool.uri, positionOf(tool, 'DL-1', 1))) ?? [];
    assert.equal(vscode.workspace.getWorkspaceFolder(uriOf(dl1))?.name, 'service');

    const lenses = await codeLensTitles(orders.uri);
    assert.ok(lenses.some((l) => l.title === 'ADR-0009 · Help scripts · accepted'), JSON.stringify(lenses));
  });

  it('groups the tree by folder across workspace folders and shows relations', async () => {
    const a = await api();
    await vscode.commands.executeCommand('decisionLens.groupBy', 'folder');
    const groups = await a.treeItems(4);
    assert.deepEqual(groups.map((g) => g.label).sort(), ['DECISIONS.md', 'doc/adr']);
    const adr5 = groups.flatMap((g) => g.children ?? []).find((c) => c.label.startsWith('ADR-0005 '));
    assert.ok(adr5?.children?.some((c) => c.label.startsWith('Amended by ADR-0009 Help scripts')), JSON.stringify(adr5?.children));
    const cited = adr5?.children?.find((c) => c.contextValue === 'decisionLens.citations');
    assert.equal(cited?.children?.[0]?.label, 'service/src/orders.ts:5', 'citations are labelled with their folder');
    await vscode.commands.executeCommand('decisionLens.groupBy', 'status');
  });

  it('applies diagnostics settings per workspace folder', async () => {
    await (await api()).whenIdle();
    const tool = fileUri('tool.sh', folder('platform'));
    await waitFor(() => diagnostics(tool).some((d) => d.code === 'unknown-decision'), 'ADR-0042 is flagged in platform');
    const orders = fileUri('src/orders.ts', folder('service'));
    assert.ok(!diagnostics(orders).some((d) => d.code === 'unknown-decision'), 'the service folder turns the check off');
  });

  it('indexes a record added to one folder and cited from the other', async () => {
    const a = await api();
    const record = '# 10. Publish releases as tarballs\n\nDate: 2026-05-03\n\n## Status\n\nAccepted\n\n## Decision\n\nShip tarballs.\n';
    await vscode.workspace.fs.writeFile(fileUri('doc/adr/0010-publish-releases-as-tarballs.md', folder('platform')), new TextEncoder().encode(record));
    await vscode.workspace.fs.writeFile(fileUri('src/release.ts', folder('service')), new TextEncoder().encode('// Releases: ADR-0010\nexport const release = 1;\n'));
    await waitFor(async () => {
      await a.whenIdle();
      const lenses = await codeLensTitles(fileUri('src/release.ts', folder('service')));
      return lenses.some((l) => l.title === 'ADR-0010 · Publish releases as tarballs · accepted');
    }, 'the new record is cited from the other folder');
  });
});
