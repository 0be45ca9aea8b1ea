// Diagnostics (the checks of `decision-lens check`) and the "cite the successor" quick fix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diagnostics, fileUri, open, waitFor } from './helpers';

async function settled(): Promise<void> {
  await (await api()).whenIdle();
  // The checks run 300 ms after the index settles.
  await new Promise((r) => setTimeout(r, 700));
}

describe('diagnostics', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('decisionLens.diagnostics').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('flags a citation of a superseded decision and fixes it by citing the successor', async () => {
    await settled();
    const editor = await open('src/python/versions.py');
    const uri = editor.document.uri;
    const found = await waitFor(() => diagnostics(uri).find((d) => d.code === 'cites-superseded'), 'a cites-superseded diagnostic in versions.py');
    assert.equal(editor.document.getText(found.range), 'ADR-0002');
    assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(found.tags, [vscode.DiagnosticTag.Deprecated]);
    assert.match(found.message, /ADR-0020/);

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, found.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Cite ADR-0020'));
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(2).text, '# Support policy: ADR-0020 (the two latest minor Python releases).');
    await waitFor(() => !diagnostics(uri).some((d) => d.code === 'cites-superseded'), 'the diagnostic goes away after the fix');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => diagnostics(uri).some((d) => d.code === 'cites-superseded'), 'undo brings it back');
  });

  it('flags an unknown decision, duplicate ids, a one-way relation and an unreadable record', async () => {
    await settled();
    const receiver = fileUri('src/webhooks/receiver.ts');
    const unknown = await waitFor(() => diagnostics(receiver).find((d) => d.code === 'unknown-decision'), 'unknown-decision in receiver.ts');
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal((await vscode.workspace.openTextDocument(receiver)).getText(unknown.range), 'ADR-0099');

    for (const file of ['adr/0004-webscraping.md', 'adr/0004-markdown-format.md']) {
      assert.ok(diagnostics(fileUri(file)).some((d) => d.code === 'duplicate-id'), `duplicate-id on ${file}`);
    }
    assert.ok(diagnostics(fileUri('adr/0009-help-scripts.md')).some((d) => d.code === 'broken-relation'), 'ADR-0009 amends a record that is not there');
    const broken = diagnostics(fileUri('docs/decisions/0010-support-categories.md'));
    assert.ok(broken.length > 0, 'the record with broken front matter has a diagnostic');
  });

  it('flags a supersede link that the other record does not state back', async () => {
    const a = await api();
    const record = '# 22. Record decisions in a log\n\nDate: 2026-05-04\n\n## Status\n\nAccepted\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Decision\n\nUse one log.\n';
    const uri = fileUri('adr/0022-record-decisions-in-a-log.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(record));
    try {
      await a.whenIdle();
      const found = await waitFor(() => diagnostics(uri).find((d) => d.code === 'one-way-relation'), 'one-way-relation on ADR-0022');
      assert.equal(found.range.start.line, 8);
      assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
    await waitFor(() => diagnostics(uri).length === 0, 'the diagnostics of a deleted record go away');
  });

  it('uses the severity from the settings, and "off" hides a check', async () => {
    await settled();
    const receiver = fileUri('src/webhooks/receiver.ts');
    const config = vscode.workspace.getConfiguration('decisionLens.diagnostics');
    await config.update('severity', { 'unknown-decision': 'hint' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => diagnostics(receiver).find((d) => d.code === 'unknown-decision' && d.severity === vscode.DiagnosticSeverity.Hint), 'unknown-decision becomes a hint');
    await config.update('severity', { 'unknown-decision': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => !diagnostics(receiver).some((d) => d.code === 'unknown-decision'), 'unknown-decision is hidden');
  });

  it('checks a citation typed into an open document without saving', async () => {
    await settled();
    const editor = await open('src/scraper.go');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// Superseded policy: ADR-0002\n'));
    const found = await waitFor(() => diagnostics(editor.document.uri).find((d) => d.code === 'cites-superseded'), 'a diagnostic on the typed citation');
    assert.equal(found.range.start.line, 0);
    assert.equal(editor.document.getText(found.range), 'ADR-0002');
    await vscode.commands.executeCommand('undo');
  });
});
