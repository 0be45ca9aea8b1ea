// Restricted Mode: this session runs with workspace trust on and the folder untrusted
// (test/fixtures/workspaces/untrusted.options.json). Decision Lens reads and shows the records,
// and every path that writes refuses: New Decision (command and create), Change Status,
// Supersede, Cite Decision Here and the "cite the successor" quick fix.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, open, waitFor } from '../editor/helpers';
import { quickFixes } from '../hostile/helpers';
import { formValues } from '../newdecision/helpers';

const SOURCE = 'src/db.ts';

async function disk(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(relativePath)));
}

async function recordFiles(): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(fileUri('doc/adr'))).map(([name]) => name).sort();
}

/** Every file the tests could write, as it is on disk now. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await recordFiles()) out[`doc/adr/${name}`] = await disk(`doc/adr/${name}`);
  out[SOURCE] = await disk(SOURCE);
  return out;
}

describe('an untrusted workspace (Restricted Mode)', () => {
  let initial: Record<string, string>;

  before(async () => {
    const lens = await api();
    await waitFor(() => lens.decisions().length === 2 && lens.decisions(), 'both records are indexed');
    initial = await snapshot();
  });

  afterEach(async () => {
    // Nothing was written: every file as before, no new record, no unsaved edit in an open editor.
    assert.deepEqual(await snapshot(), initial);
    for (const d of vscode.workspace.textDocuments) assert.equal(d.isDirty, false, `${d.uri.path} has unsaved edits`);
  });

  it('is untrusted, and Decision Lens still reads and shows the records', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the session should open the folder untrusted');
    const lens = await api();
    assert.deepEqual(lens.decisions().map((d) => `${d.display} ${d.status}`), ['ADR-0001 superseded', 'ADR-0002 accepted']);
    const editor = await open(SOURCE);
    const diagnostics = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.code === 'cites-superseded');
      return list.length > 0 && list;
    }, 'the citation of the superseded ADR-0001 is reported');
    assert.match(diagnostics[0].message, /ADR-0001 \(Use Postgres\) is superseded; cite ADR-0002/);
  });

  it('offers no quick fix that would edit the file', async () => {
    const editor = await open(SOURCE);
    const diagnostic = vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.code === 'cites-superseded');
    assert.ok(diagnostic);
    const actions = await quickFixes(editor.document.uri, diagnostic.range);
    assert.deepEqual(actions.filter((a) => /Cite ADR-0002/.test(a.title)).map((a) => a.title), []);
  });

  it('New Decision opens no form', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('decisionLens.newDecision');
    const webviews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.deepEqual(webviews.map((t) => t.label), []);
  });

  it('creating a record (what the form submits) is refused and writes nothing', async () => {
    const answer = await vscode.commands.executeCommand<{ error?: string }>('decisionLens.createDecision', formValues('doc/adr', 'nygard', { title: 'Use Redis for sessions' }));
    assert.ok(answer && typeof answer.error === 'string', `answer: ${JSON.stringify(answer)}`);
    assert.match(answer.error ?? '', /not trusted/);
    assert.deepEqual(await recordFiles(), ['0001-use-postgres.md', '0002-use-cockroachdb.md']);
  });

  it('Change Status refuses', async () => {
    assert.equal(await vscode.commands.executeCommand('decisionLens.changeStatus', 'ADR-2', 'deprecated'), false);
  });

  it('Supersede Decision refuses, with an existing successor and with a new one', async () => {
    assert.equal(await vscode.commands.executeCommand('decisionLens.supersede', 'ADR-2', 'ADR-1'), false);
    assert.equal(await vscode.commands.executeCommand('decisionLens.supersede', 'ADR-2', 'new'), false);
    const webviews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.equal(webviews.length, 0, 'no New Decision form was opened');
  });

  it('Cite Decision Here refuses', async () => {
    const editor = await open(SOURCE);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    assert.equal(await vscode.commands.executeCommand('decisionLens.citeHere', 'ADR-2'), false);
    assert.equal(editor.document.getText(), initial[SOURCE]);
  });
});
