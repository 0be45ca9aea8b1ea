// Definition, document links, references, workspace symbols and "Go to Decision...".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, baseName, fileUri, open, positionOf } from './helpers';

type Target = vscode.Location | vscode.LocationLink;

function targetUri(t: Target): vscode.Uri {
  return 'targetUri' in t ? t.targetUri : t.uri;
}

function targetLine(t: Target): number {
  return 'targetRange' in t ? t.targetRange.start.line : t.range.start.line;
}

describe('navigation', () => {
  it('goes to the definition of a citation: the record at its title', async () => {
    await api();
    const editor = await open('src/python/versions.py');
    const targets = (await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', editor.document.uri, positionOf(editor.document, 'ADR-0020', 4))) ?? [];
    assert.equal(targets.length, 1);
    assert.equal(baseName(targetUri(targets[0])), '0020-minimum-supported-python-version.md');
    assert.equal(targetLine(targets[0]), 0);

    const log = await open('src/payments/refunds.ts');
    const [dl2] = (await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', log.document.uri, positionOf(log.document, 'DL-2', 2))) ?? [];
    assert.equal(baseName(targetUri(dl2)), 'DECISIONS.md');
    const logText = (await vscode.workspace.openTextDocument(targetUri(dl2))).lineAt(targetLine(dl2)).text;
    assert.equal(logText, '## Ship a manual refund workaround for the largest customer first');
  });

  it('offers every record of a duplicated id as a definition', async () => {
    await api();
    const editor = await open('src/scraper.go');
    const targets = (await vscode.commands.executeCommand<Target[]>('vscode.executeDefinitionProvider', editor.document.uri, positionOf(editor.document, 'ADR-0004', 2))) ?? [];
    assert.deepEqual(targets.map((t) => baseName(targetUri(t))).sort(), ['0004-markdown-format.md', '0004-webscraping.md']);
  });

  it('links citations to their records, and not unknown ones', async () => {
    await api();
    const uri = fileUri('src/webhooks/receiver.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri)) ?? [];
    const texts = links.map((l) => document.getText(l.range));
    assert.ok(texts.includes('DL-4'), `links: ${texts.join(', ')}`);
    assert.ok(!texts.includes('ADR-0099'), 'an unknown decision has no link');
    const dl4 = links.find((l) => document.getText(l.range) === 'DL-4');
    assert.equal(baseName(dl4?.target ?? vscode.Uri.file('/')), 'DECISIONS.md');
    const line = (await vscode.workspace.openTextDocument(fileUri('DECISIONS.md'))).getText().split('\n').findIndex((l) => l.startsWith('## Poll the partner API'));
    assert.equal(dl4?.target?.fragment, `L${line + 1}`);
  });

  it('finds the citations of a record from anywhere in it, and of a decision from a citation', async () => {
    await api();
    const record = fileUri('adr/0002-minimum-supported-python-version.md');
    for (const position of [new vscode.Position(0, 4), new vscode.Position(15, 0)]) {
      const refs = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', record, position)) ?? [];
      const places = refs.map((r) => `${vscode.workspace.asRelativePath(r.uri, false)}:${r.range.start.line}`);
      assert.ok(places.includes('src/python/versions.py:2'), `from line ${position.line}: ${places.join(', ')}`);
    }
    const editor = await open('src/webhooks/receiver.ts');
    const fromCitation = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, positionOf(editor.document, 'DL-1', 1))) ?? [];
    const lines = fromCitation.filter((r) => baseName(r.uri) === 'receiver.ts').map((r) => r.range.start.line).sort((x, y) => x - y);
    assert.deepEqual(lines, [0, 11]);
  });

  it('lists decisions as workspace symbols', async () => {
    await api();
    const symbols = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'python version')) ?? [];
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('ADR-0002 Minimum supported Python version'), names.join(', '));
    assert.ok(names.includes('ADR-0020 Minimum supported Python version'));
    const adr20 = symbols.find((s) => s.name.startsWith('ADR-0020'));
    assert.equal(baseName(adr20?.location.uri ?? vscode.Uri.file('/')), '0020-minimum-supported-python-version.md');
    const byId = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'DL-3')) ?? [];
    assert.ok(byId.some((s) => s.name === 'DL-3 Keep 20% of each sprint for technical initiatives'), byId.map((s) => s.name).join(', '));
  });

  it('"Go to Decision..." opens the decision picked', async () => {
    await api();
    await open('src/scraper.go');
    const running = vscode.commands.executeCommand('decisionLens.goToDecision');
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await running;
    const opened = vscode.window.activeTextEditor?.document.uri;
    assert.ok(opened);
    assert.ok(['DECISIONS.md'].includes(baseName(opened)) || /^\d{4}-/.test(baseName(opened)), `opened ${opened.path}`);
  });
});
