// The Decisions view, read through the extension's API (the same getChildren/getTreeItem calls
// VS Code makes) and driven through its commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeItemSnapshot } from '../../../../src/host/api';
import { api, baseName, open, plain, waitFor } from './helpers';

function find(items: readonly TreeItemSnapshot[], prefix: string): TreeItemSnapshot | undefined {
  return items.find((i) => i.label.startsWith(prefix));
}

function decisionsOf(groups: readonly TreeItemSnapshot[]): string[] {
  return groups.flatMap((g) => (g.children ?? []).map((c) => c.label.split(' ')[0]));
}

describe('Decisions view', () => {
  after(async () => {
    await vscode.commands.executeCommand('decisionLens.groupBy', 'status');
    await vscode.commands.executeCommand('decisionLens.clearFilter');
  });

  it('groups by status with proposed first and shows id, title, status icon, date and tooltip', async () => {
    const a = await api();
    await vscode.commands.executeCommand('decisionLens.groupBy', 'status');
    const groups = await a.treeItems(2);
    const labels = groups.map((g) => g.label);
    assert.equal(labels[0], 'Proposed', `groups: ${labels.join(', ')}`);
    const order = ['Proposed', 'Draft', 'On hold', 'Accepted', 'Rejected', 'Not implemented', 'Deprecated', 'Superseded', 'No status'];
    const positions = labels.map((l) => order.indexOf(l));
    assert.ok(positions.every((p) => p >= 0), `unknown group labels: ${labels.join(', ')}`);
    assert.deepEqual([...positions].sort((x, y) => x - y), positions, `groups out of order: ${labels.join(', ')}`);
    assert.ok(groups.every((g) => g.contextValue === 'decisionLens.group'));

    const proposed = groups[0];
    const dl4 = find(proposed.children ?? [], 'DL-4');
    assert.ok(dl4, 'DL-4 is proposed');
    assert.equal(dl4.label, 'DL-4 Poll the partner API as a fallback when webhooks stop');
    assert.equal(dl4.description, '2026-04-11');
    assert.equal(dl4.contextValue, 'decisionLens.decision');
    assert.equal(dl4.icon, 'circle-large-outline');
    assert.match(plain(dl4.tooltip ?? ''), /Poll at a low rate only for orders with no webhook event in 30 minutes/);
    assert.equal(dl4.command?.command, 'vscode.open');

    const superseded = groups.find((g) => g.label === 'Superseded');
    assert.ok(superseded && find(superseded.children ?? [], 'ADR-0002'), 'ADR-0002 is in the Superseded group');
    const accepted = groups.find((g) => g.label === 'Accepted');
    assert.ok(accepted && find(accepted.children ?? [], 'ADR-0020'));
    assert.equal(find(accepted.children ?? [], 'ADR-0020')?.icon, 'pass');
    assert.equal(accepted.description, String(accepted.children?.length));
  });

  it('shows relations and the places that cite a decision under it, clickable', async () => {
    const a = await api();
    const groups = await a.treeItems(5);
    const superseded = groups.find((g) => g.label === 'Superseded');
    const adr2 = find(superseded?.children ?? [], 'ADR-0002');
    assert.ok(adr2?.children, 'ADR-0002 has children');
    const relation = adr2.children.find((c) => c.contextValue === 'decisionLens.relation');
    assert.ok(relation, `no relation under ADR-0002: ${adr2.children.map((c) => c.label).join(', ')}`);
    assert.match(relation.label, /^Superseded by ADR-0020 Minimum supported Python version/);
    assert.equal(relation.command?.command, 'vscode.open');
    assert.equal(baseName(relation.command?.arguments?.[0] as vscode.Uri), '0020-minimum-supported-python-version.md');

    const cited = adr2.children.find((c) => c.contextValue === 'decisionLens.citations');
    assert.ok(cited, 'ADR-0002 has a "Cited in" item');
    assert.equal(cited.label, 'Cited in 1 place');
    const place = cited.children?.[0];
    assert.ok(place);
    assert.equal(place.label, 'src/python/versions.py:3');
    assert.equal(place.contextValue, 'decisionLens.citation');
    const options = place.command?.arguments?.[1] as vscode.TextDocumentShowOptions;
    assert.equal((options.selection as vscode.Range).start.line, 2);

    const dl1 = decisionsOf(groups).includes('DL-1') ? groups.flatMap((g) => g.children ?? []).find((c) => c.label.startsWith('DL-1 ')) : undefined;
    const amendedBy = dl1?.children?.find((c) => c.contextValue === 'decisionLens.relation');
    assert.ok(amendedBy, 'DL-1 shows the derived "Amended by DL-4" relation');
    assert.match(amendedBy.label, /^Amended by DL-4/);
  });

  it('groups by folder, tag and year from the toolbar command', async () => {
    const a = await api();
    const all = decisionsOf(await a.treeItems(2)).sort();

    await vscode.commands.executeCommand('decisionLens.groupBy', 'folder');
    const byFolder = await a.treeItems(2);
    assert.deepEqual(byFolder.map((g) => g.label), ['DECISIONS.md', 'adr', 'docs/decisions']);
    assert.deepEqual(decisionsOf(byFolder).sort(), all);
    assert.equal(a.treeView.description, 'by folder');

    await vscode.commands.executeCommand('decisionLens.groupBy', 'year');
    const byYear = await a.treeItems(2);
    const years = byYear.map((g) => g.label).filter((l) => /^\d{4}$/.test(l));
    assert.equal(years[0], '2026', `newest year first: ${byYear.map((g) => g.label).join(', ')}`);
    assert.deepEqual(years, [...years].sort().reverse());
    assert.ok(find(byYear.find((g) => g.label === '2026')?.children ?? [], 'DL-1'));

    await vscode.commands.executeCommand('decisionLens.groupBy', 'tag');
    const byTag = await a.treeItems(2);
    assert.equal(byTag[byTag.length - 1].label, 'No tags');
    assert.ok(byTag.every((g) => g.icon === 'tag'));
  });

  it('filters by text and clears the filter', async () => {
    const a = await api();
    await vscode.commands.executeCommand('decisionLens.groupBy', 'status');
    await vscode.commands.executeCommand('decisionLens.filterDecisions', 'webhook');
    const filtered = decisionsOf(await a.treeItems(2)).sort();
    assert.deepEqual(filtered, ['DL-1', 'DL-4']);
    assert.match(a.treeView.message ?? '', /webhook/);
    await vscode.commands.executeCommand('decisionLens.filterDecisions', 'python superseded');
    assert.deepEqual(decisionsOf(await a.treeItems(2)), ['ADR-0002']);
    await vscode.commands.executeCommand('decisionLens.clearFilter');
    assert.ok(decisionsOf(await a.treeItems(2)).length > 10);
    assert.equal(a.treeView.message, undefined);
  });

  it('reveals the record of the active editor', async () => {
    const a = await api();
    await vscode.commands.executeCommand('workbench.view.extension.decisionLens');
    await open('adr/0020-minimum-supported-python-version.md');
    const revealed = await vscode.commands.executeCommand<boolean>('decisionLens.revealActiveDecision');
    assert.equal(revealed, true);
    const selected = (): string | undefined => (a.treeView.selection[0] as { decision?: { display: string } } | undefined)?.decision?.display;
    await waitFor(() => selected() === 'ADR-0020', `ADR-0020 selected (selection: ${selected()})`, 5000);

    // The item's inline "Show Citations" action passes the item itself.
    await open('src/scraper.go');
    await vscode.commands.executeCommand('decisionLens.showCitations', a.treeView.selection[0]);
    assert.equal(baseName(vscode.window.activeTextEditor?.document.uri ?? vscode.Uri.file('/')), '0020-minimum-supported-python-version.md');
    await vscode.commands.executeCommand('closeReferenceSearch');

    const log = await open('DECISIONS.md');
    const line = log.document.getText().split('\n').findIndex((l) => l.startsWith('## Keep 20%'));
    log.selection = new vscode.Selection(line + 2, 0, line + 2, 0);
    assert.equal(await vscode.commands.executeCommand<boolean>('decisionLens.revealActiveDecision'), true);
    await waitFor(() => selected() === 'DL-3', 'the log entry under the cursor is selected', 5000);
  });
});
