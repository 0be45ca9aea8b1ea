// CodeLens through vscode.executeCodeLensProvider, the way the editor asks for them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, baseName, codeLensTitles, fileUri } from './helpers';

describe('CodeLens', () => {
  afterEach(async () => {
    for (const key of ['citations', 'governedFiles', 'citedIn']) {
      await vscode.workspace.getConfiguration('decisionLens.codeLens').update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows id, title and status on a line that cites a decision, and opens it', async () => {
    await api();
    const uri = fileUri('src/python/versions.py');
    const lenses = await codeLensTitles(uri);
    const adr2 = lenses.find((l) => l.title.startsWith('ADR-0002'));
    assert.ok(adr2, `no lens for ADR-0002: ${JSON.stringify(lenses)}`);
    assert.equal(adr2.line, 2);
    assert.equal(adr2.title, 'ADR-0002 · Minimum supported Python version · superseded');
    assert.equal(adr2.command, 'decisionLens.openDecision');
    const adr20 = lenses.find((l) => l.title.startsWith('ADR-0020'));
    assert.equal(adr20?.title, 'ADR-0020 · Minimum supported Python version · accepted');
    assert.equal(adr20?.line, 7);

    await vscode.commands.executeCommand(adr2.command, ...(adr2.args ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(baseName(editor?.document.uri ?? vscode.Uri.file('/')), '0002-minimum-supported-python-version.md');
    assert.equal(editor?.selection.active.line, 0);
  });

  it('shows the decisions that govern a file at its top (applies-to)', async () => {
    await api();
    const lenses = await codeLensTitles(fileUri('src/payments/refunds.ts'));
    const governed = lenses.filter((l) => l.title.startsWith('Governed by'));
    assert.equal(governed.length, 1, JSON.stringify(lenses));
    assert.equal(governed[0].line, 0);
    assert.match(governed[0].title, /^Governed by MADR-0013 · Use YAML front matter for metadata/);
    const ungoverned = await codeLensTitles(fileUri('src/python/versions.py'));
    assert.ok(!ungoverned.some((l) => l.title.startsWith('Governed by')));
  });

  it('shows "cited in N places" on a record and opens the references view', async () => {
    await api();
    const lenses = await codeLensTitles(fileUri('adr/0002-minimum-supported-python-version.md'));
    const cited = lenses.find((l) => l.title.startsWith('cited in'));
    assert.ok(cited, JSON.stringify(lenses));
    assert.equal(cited.title, 'cited in 1 place');
    assert.equal(cited.line, 0);
    assert.equal(cited.command, 'decisionLens.showCitations');

    const log = await codeLensTitles(fileUri('DECISIONS.md'));
    const perEntry = log.filter((l) => l.title.startsWith('cited in'));
    assert.equal(perEntry.length, 4, 'one lens per log entry');
    assert.equal(perEntry[0].title, 'cited in 2 places', 'DL-1 is cited twice in receiver.ts');

    await vscode.commands.executeCommand(cited.command, ...(cited.args ?? []));
    assert.equal(baseName(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.file('/')), '0002-minimum-supported-python-version.md');
  });

  it('turns each kind off with its setting', async () => {
    await api();
    const config = vscode.workspace.getConfiguration('decisionLens.codeLens');
    await config.update('citations', false, vscode.ConfigurationTarget.Workspace);
    const noCitations = await codeLensTitles(fileUri('src/payments/refunds.ts'));
    assert.ok(!noCitations.some((l) => l.title.startsWith('DL-2')), JSON.stringify(noCitations));
    assert.ok(noCitations.some((l) => l.title.startsWith('Governed by')));
    await config.update('governedFiles', false, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(await codeLensTitles(fileUri('src/payments/refunds.ts')), []);
    await config.update('citedIn', false, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(await codeLensTitles(fileUri('DECISIONS.md')), []);
    await config.update('citations', undefined, vscode.ConfigurationTarget.Workspace);
    const back = await codeLensTitles(fileUri('src/payments/refunds.ts'));
    assert.ok(back.some((l) => l.title.startsWith('DL-2 · Ship a manual refund workaround')), JSON.stringify(back));
  });
});
