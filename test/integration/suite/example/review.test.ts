// Start Design Review in a real VS Code on the example workspace: the commands open one review
// panel (a webview tab), for the proposed decisions or the ones given, and the branch review says
// when git cannot tell (the workspace copy is no repository).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../../package.json';

const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

function reviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('decisionLens.review'));
}

async function waitFor(condition: () => boolean, message: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('design review commands', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    if (!extension.isActive) await extension.activate();
  });

  after(async () => {
    await vscode.window.tabGroups.close(reviewTabs());
  });

  it('opens one review panel for the proposed decisions, and shows given decisions in the same panel', async () => {
    assert.equal(await vscode.commands.executeCommand('decisionLens.startReview'), true);
    await waitFor(() => reviewTabs().length === 1, 'a Design Review tab');
    assert.equal(reviewTabs()[0].label, 'Design Review');
    assert.equal(await vscode.commands.executeCommand('decisionLens.startReview', ['ADR-1', 'ADR-2']), true);
    assert.equal(await vscode.commands.executeCommand('decisionLens.startReview', 'ADR-3'), true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(reviewTabs().length, 1, 'one review panel at a time');
  });

  it('refuses the branch review where git cannot tell which files changed', async () => {
    assert.equal(await vscode.commands.executeCommand('decisionLens.startBranchReview'), false);
  });
});
