// A workspace without decision records: the Decisions view is empty and shows its welcome content.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, waitFor } from '../editor/helpers';

describe('a workspace without decisions', () => {
  it('does not activate by itself', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.equal(extension.isActive, false, 'no activation event matches a workspace without decisions');
  });

  it('shows an empty Decisions view once opened, with New Decision and Configure Folders links', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.decisionLens');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor(() => extension?.isActive, 'opening the view activates the extension');
    const a = await api();
    assert.deepEqual(await a.treeItems(), []);
    assert.deepEqual(a.decisions(), []);

    const nls = JSON.parse(readFileSync(join(extension?.extensionPath ?? '', 'package.nls.json'), 'utf8')) as Record<string, string>;
    const welcome = (extension?.packageJSON.contributes.viewsWelcome ?? []) as { view: string; contents: string; when?: string }[];
    const empty = welcome.find((w) => w.view === 'decisionLens.decisions' && w.when === '!decisionLens.indexing && !decisionLens.filtered');
    assert.ok(empty, 'welcome content for an empty view');
    const contents = empty.contents.replace(/^%(.+)%$/, (_m, key: string) => nls[key] ?? key);
    assert.match(contents, /\[New Decision\]\(command:decisionLens\.newDecision\)/);
    assert.match(contents, /\[Configure Folders\]\(command:decisionLens\.configureFolders\)/);
  });

  it('"Configure Folders" opens the settings at decisionLens.folders', async () => {
    await api();
    await vscode.commands.executeCommand('decisionLens.configureFolders');
    const tab = await waitFor(() => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active && /settings/i.test(active.label) && active;
    }, 'the settings editor opens');
    assert.ok(tab);
  });

  it('registers every command the manifest contributes', async () => {
    await api();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = ((extension?.packageJSON.contributes.commands ?? []) as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });
});
