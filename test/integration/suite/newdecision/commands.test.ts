// Change Status, Supersede Decision and Cite Decision Here, run as commands with the arguments
// the Decisions view passes; the New Decision form's panel; the menus' when-clauses against the
// tree's real items.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../../package.json';
import { api, fileUri, waitFor } from '../editor/helpers';
import { closeEditors, decisionId, parsed, readBytes, readDisk } from './helpers';

const MY_COMMANDS = ['decisionLens.newDecision', 'decisionLens.changeStatus', 'decisionLens.supersede', 'decisionLens.citeHere'];

async function openAt(relativePath: string, line: number, character: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(fileUri(relativePath), { preview: false });
  editor.selection = new vscode.Selection(line, character, line, character);
  return editor;
}

function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('decisionLens.newDecision'));
}

describe('New Decision: commands', function () {
  this.timeout(60_000);

  before(async () => {
    await api();
  });

  afterEach(async () => {
    await closeEditors();
  });

  it('registers every command it contributes, with menus on the Decisions view items', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of MY_COMMANDS) {
      assert.ok(registered.has(id), `${id} is registered`);
      assert.ok(manifest.contributes.commands.some((c) => c.command === id), `${id} is contributed`);
    }
    // The context menu's when-clause names the contextValue the tree gives decision items.
    const a = await api();
    const groups = await a.treeItems(2);
    const decisionItem = groups.flatMap((g) => g.children ?? []).find((c) => c.label.startsWith('ADR-0001 '));
    assert.ok(decisionItem?.contextValue, 'the tree shows ADR-0001');
    const menus = manifest.contributes.menus['view/item/context'].filter((m) => ['decisionLens.changeStatus', 'decisionLens.supersede', 'decisionLens.citeHere'].includes(m.command));
    assert.equal(menus.length, 3);
    for (const m of menus) assert.ok(m.when.includes(`viewItem == ${decisionItem.contextValue}`), `${m.command}: ${m.when}`);
    const toolbar = manifest.contributes.menus['view/title'].find((m) => m.command === 'decisionLens.newDecision');
    assert.equal(toolbar?.when, 'view == decisionLens.decisions');
  });

  it('changes the status of an adr-tools record and keeps its links', async () => {
    const id = await decisionId('doc/adr/0009-help-scripts.md', 'Help scripts');
    assert.equal(await vscode.commands.executeCommand('decisionLens.changeStatus', id, 'deprecated'), true);
    const [d] = await parsed('doc/adr/0009-help-scripts.md');
    assert.equal(d.status.kind, 'deprecated');
    assert.deepEqual(d.relations.map((r) => r.kind), ['amends']);
    assert.match(await readDisk('doc/adr/0009-help-scripts.md'), /## Status\n\nDeprecated\n\nAmends \[5\. Help comments\]/);
    const a = await api();
    await waitFor(() => a.decisions().find((x) => x.display === 'ADR-0009')?.status === 'deprecated', 'the index follows');
  });

  it('changes statuses in front matter, bullets and a log entry, from a tree item argument', async () => {
    const a = await api();
    const groups = await a.treeItems(2);
    const item = groups.flatMap((g) => g.children ?? []).find((c) => c.label.startsWith('MTHREE-002 '));
    assert.ok(item, 'MTHREE-002 is in the tree');
    // The tree passes its node ({ decision }) to context menu commands.
    const node = { kind: 'decision', decision: { path: fileUri('docs/madr3/002-use-connection-pooling.md').path, range: { start: { line: 0, character: 0 } } } };
    assert.equal(await vscode.commands.executeCommand('decisionLens.changeStatus', node, 'accepted'), true);
    assert.equal((await parsed('docs/madr3/002-use-connection-pooling.md'))[0].status.kind, 'accepted');
    assert.match(await readDisk('docs/madr3/002-use-connection-pooling.md'), /^---\nstatus: accepted\ndate: 2022-02-01\n/);

    assert.equal(await vscode.commands.executeCommand('decisionLens.changeStatus', await decisionId('docs/madr2/0002-keep-reports-read-only.md', 'Keep'), 'rejected'), true);
    assert.match(await readDisk('docs/madr2/0002-keep-reports-read-only.md'), /^\* Status: rejected$/m);

    const before = await readBytes('notes/decision-log.md');
    const entry = await decisionId('notes/decision-log.md', 'Freeze releases');
    assert.equal(await vscode.commands.executeCommand('decisionLens.changeStatus', entry, 'accepted'), true);
    const entries = await parsed('notes/decision-log.md');
    assert.equal(entries.find((e) => e.title === 'Freeze releases in December')?.status.kind, 'accepted');
    assert.equal(entries.find((e) => e.title === 'Release every Tuesday')?.status.kind, 'accepted');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readBytes('notes/decision-log.md'));
    const old = new TextDecoder('utf-8', { ignoreBOM: true }).decode(before);
    assert.equal(text, old.replace('Status: Proposed', 'Status: Accepted'), 'only that line changed; CRLF and BOM kept');
  });

  it('supersedes an existing MADR 2 record with an existing MADR 3 record in one edit', async () => {
    const old = await decisionId('docs/madr2/0001-use-plain-sql-for-reports.md', 'Use plain SQL');
    const by = await decisionId('docs/madr3/001-use-postgresql.md', 'Use PostgreSQL');
    assert.equal(await vscode.commands.executeCommand('decisionLens.supersede', old, by), true);
    const [o] = await parsed('docs/madr2/0001-use-plain-sql-for-reports.md');
    assert.equal(o.status.kind, 'superseded');
    assert.deepEqual(o.relations.map((r) => [r.kind, r.target.path]), [['superseded-by', '../madr3/001-use-postgresql.md']]);
    assert.match(await readDisk('docs/madr2/0001-use-plain-sql-for-reports.md'), /^\* Status: superseded by \[MTHREE-001\]\(\.\.\/madr3\/001-use-postgresql\.md\)$/m);
    const [n] = await parsed('docs/madr3/001-use-postgresql.md');
    assert.deepEqual(n.relations.map((r) => [r.kind, r.target.id]), [['supersedes', 'MTWO-0001']]);
    assert.equal(n.status.kind, 'accepted');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isDirty), 'both records saved');
  });

  it('cites a decision at the cursor in the language\'s comment syntax, and the citation resolves', async () => {
    // An empty line inside a function: the comment takes the code's indentation.
    const ts = await openAt('src/partner/webhooks.ts', 7, 0);
    assert.equal(ts.document.lineAt(7).text, '');
    assert.equal(await vscode.commands.executeCommand('decisionLens.citeHere', 'ADR-1'), true);
    assert.equal(ts.document.lineAt(7).text, '  // ADR-0001: Record architecture decisions');
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', ts.document.uri, new vscode.Position(7, 8));
    const target = definitions.map((d) => ('targetUri' in d ? d.targetUri : d.uri).path);
    assert.ok(target.some((p) => p.endsWith('/doc/adr/0001-record-architecture-decisions.md')), `definition: ${target.join(', ')}`);

    // At the end of a line of Python code: a trailing `#` comment.
    const py = await openAt('src/jobs/poll.py', 4, 41);
    assert.equal(py.document.lineAt(4).text, '    return [o for o in orders if o.stale]');
    assert.equal(await vscode.commands.executeCommand('decisionLens.citeHere', await decisionId('DECISIONS.md', 'Poll the partner API')), true);
    assert.equal(py.document.lineAt(4).text, '    return [o for o in orders if o.stale] # DL-4: Poll the partner API as a fallback when webhooks stop');
  });

  it('cites a log4brains record (a date-slug id) by its path', async () => {
    const ts = await openAt('src/partner/webhooks.ts', 0, 0);
    assert.equal(await vscode.commands.executeCommand('decisionLens.citeHere', await decisionId('architecture/adr/20201103-use-lunr-for-search.md', 'Use Lunr')), true);
    assert.equal(ts.document.lineAt(0).text, '// architecture/adr/20201103-use-lunr-for-search.md: Use Lunr for search');
    assert.equal(ts.document.lineAt(1).text, '// Receives order updates from the partner.');
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', ts.document.uri, new vscode.Position(0, 20));
    const target = definitions.map((d) => ('targetUri' in d ? d.targetUri : d.uri).path);
    assert.ok(target.some((p) => p.endsWith('/architecture/adr/20201103-use-lunr-for-search.md')), `definition: ${target.join(', ')}`);
  });

  it('opens the New Decision form as one webview panel', async () => {
    await vscode.commands.executeCommand('decisionLens.newDecision');
    await waitFor(() => webviewTabs().length === 1, 'the form opens');
    await vscode.commands.executeCommand('decisionLens.newDecision');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(webviewTabs().length, 1, 'running the command again reveals the same form');
    await vscode.window.tabGroups.close(webviewTabs());
    await waitFor(() => webviewTabs().length === 0, 'the form closes');
  });
});
