// Record text written into code, in a trusted workspace (test/fixtures/workspaces/hostile): the
// "cite the successor" quick fix is not offered when the successor's front-matter id is markup
// (`<!-- ADR-x --> <script>...`), and is for a plain successor; Cite Decision Here writes a title
// full of comment closers as one comment that ends where it should, in CSS and HTML.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, open, waitFor } from '../editor/helpers';
import { quickFixes } from './helpers';

const SOURCE = 'src/api.ts';

function stale(uri: vscode.Uri, id: string): vscode.Diagnostic | undefined {
  return vscode.languages.getDiagnostics(uri).find((d) => d.code === 'cites-superseded' && d.message.startsWith(id));
}

describe('record text written into code', () => {
  before(async () => {
    const lens = await api();
    await waitFor(() => lens.decisions().length === 5 && lens.decisions(), 'all five records are indexed');
    assert.equal(vscode.workspace.isTrusted, true);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers no quick fix that would insert a successor id that is markup', async () => {
    const editor = await open(SOURCE);
    const uri = editor.document.uri;
    const diagnostic = await waitFor(() => stale(uri, 'ADR-0001'), 'ADR-0001 is reported as superseded');
    assert.match(diagnostic.message, /cite ADR-<script>/, 'the successor is the record with the markup id');
    const actions = await quickFixes(uri, diagnostic.range);
    const cite = actions.filter((a) => a.title.startsWith('Cite '));
    assert.deepEqual(cite.map((a) => a.title), []);
  });

  it('offers and applies the quick fix for a successor with a plain id', async () => {
    const editor = await open(SOURCE);
    const uri = editor.document.uri;
    const diagnostic = await waitFor(() => stale(uri, 'ADR-0003'), 'ADR-0003 is reported as superseded');
    const fix = (await quickFixes(uri, diagnostic.range)).find((a) => a.title.startsWith('Cite ADR-0004'));
    assert.ok(fix?.edit, 'the quick fix cites ADR-0004');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.lineAt(3).text, '// ADR-0004: jobs go through the queue.');
  });

  const styles: [string, string, number, string][] = [
    ['CSS', 'src/style.css', 0, '/* ADR-0005: Hide legacy body { display: none } widgets --> <script>alert(1)</script> *) let x = 1 (* now */'],
    ['HTML', 'src/page.html', 3, '<!-- ADR-0005: Hide legacy */ body { display: none } /* widgets scriptalert(1)/script *) let x = 1 (* now -->'],
  ];
  for (const [language, path, line, expected] of styles) {
    it(`Cite Decision Here in ${language}: a title with comment closers stays one comment`, async () => {
      const editor = await open(path);
      const before = editor.document.getText();
      editor.selection = new vscode.Selection(line, 0, line, 0);
      assert.equal(await vscode.commands.executeCommand('decisionLens.citeHere', 'ADR-5'), true);
      assert.equal(editor.document.lineAt(line).text, expected);
      // Only that line was added: the code below is untouched.
      const lines = editor.document.getText().split('\n');
      lines.splice(line, 1);
      assert.equal(lines.join('\n'), before);
    });
  }
});
