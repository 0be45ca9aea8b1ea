// The workspace indexer in a real VS Code: what is indexed, what is skipped, and how file changes
// reach the index.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, waitFor } from './helpers';

const encoder = new TextEncoder();

/** Paths (relative to the workspace) of the places that cite the record at `recordPath`. */
async function citingFiles(recordPath: string): Promise<string[]> {
  const locations =
    (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', fileUri(recordPath), new vscode.Position(0, 2))) ?? [];
  return locations.map((l) => vscode.workspace.asRelativePath(l.uri, false)).filter((p) => p !== recordPath);
}

describe('workspace indexer', () => {
  it('indexes the records of every decision folder and log of the workspace', async () => {
    const decisions = (await api()).decisions();
    const ids = decisions.map((d) => d.display).sort();
    for (const id of ['ADR-0001', 'ADR-0002', 'ADR-0003', 'ADR-0020', 'MADR-0003', 'MADR-0008', 'MADR-0013', 'DL-1', 'DL-2', 'DL-3', 'DL-4']) {
      assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
    }
    assert.equal(ids.filter((id) => id === 'ADR-0004').length, 2, 'both records numbered 0004 are kept');
    const dl1 = decisions.find((d) => d.display === 'DL-1');
    assert.equal(dl1?.title, 'Use webhooks instead of polling for the partner API');
    assert.ok(dl1?.uri.endsWith('/DECISIONS.md'));
  });

  it('finds citations in source files and Markdown, but not in files.exclude folders', async () => {
    await api();
    const citing = await citingFiles('adr/0001-record-architecture-decisions.md');
    assert.ok(citing.includes('README.md'), `README.md cites ADR-0001; got ${citing.join(', ')}`);
    assert.ok(!citing.some((p) => p.includes('generated')), `src/generated is excluded by files.exclude; got ${citing.join(', ')}`);
  });

  it('indexes a file created after the first build, ignores node_modules, large and binary files', async () => {
    const a = await api();
    await vscode.workspace.fs.writeFile(fileUri('node_modules/left-pad/index.js'), encoder.encode('// ADR-0003 in a dependency\n'));
    const big = '// ADR-0003 in a generated bundle\n' + 'const x = 1;\n'.repeat(2.2 * 1024 * 1024 / 13);
    await vscode.workspace.fs.writeFile(fileUri('src/bundle.js'), encoder.encode(big));
    const binary = new Uint8Array([0x89, 0x50, 0x00, 0x00, ...encoder.encode(' ADR-0003 ')]);
    await vscode.workspace.fs.writeFile(fileUri('src/image.raw'), binary);
    await vscode.workspace.fs.writeFile(fileUri('src/monitor.ts'), encoder.encode('// Conditions follow ADR-0003.\nexport const monitored = true;\n'));
    const citing = await waitFor(async () => {
      await a.whenIdle();
      const files = await citingFiles('adr/0003-monitor-condition-and-data-selectors.md');
      return files.includes('src/monitor.ts') && files;
    }, 'src/monitor.ts shows up as citing ADR-0003');
    assert.ok(!citing.some((p) => p.startsWith('node_modules/')), `node_modules is never indexed: ${citing.join(', ')}`);
    assert.ok(!citing.includes('src/bundle.js'), 'files over 2 MB are skipped');
    assert.ok(!citing.includes('src/image.raw'), 'binary files are skipped');
  });

  it('drops the citations of a deleted file', async () => {
    const a = await api();
    await vscode.workspace.fs.writeFile(fileUri('src/temporary.ts'), encoder.encode('// ADR-0003\n'));
    await waitFor(async () => {
      await a.whenIdle();
      return (await citingFiles('adr/0003-monitor-condition-and-data-selectors.md')).includes('src/temporary.ts');
    }, 'the new file is indexed');
    await vscode.workspace.fs.delete(fileUri('src/temporary.ts'));
    await waitFor(async () => {
      await a.whenIdle();
      return !(await citingFiles('adr/0003-monitor-condition-and-data-selectors.md')).includes('src/temporary.ts');
    }, 'the deleted file no longer cites ADR-0003');
  });

  it('adds a record written into a decision folder', async () => {
    const a = await api();
    const text = '# 21. Cache partner catalogues\n\nDate: 2026-05-01\n\n## Status\n\nProposed\n\n## Context\n\nCatalogue calls are slow.\n\n## Decision\n\nCache them for an hour.\n';
    await vscode.workspace.fs.writeFile(fileUri('adr/0021-cache-partner-catalogues.md'), encoder.encode(text));
    const added = await waitFor(async () => {
      await a.whenIdle();
      return a.decisions().find((d) => d.display === 'ADR-0021');
    }, 'ADR-0021 appears in the index');
    assert.equal(added.title, 'Cache partner catalogues');
    assert.equal(added.status, 'proposed');
    await vscode.workspace.fs.delete(fileUri('adr/0021-cache-partner-catalogues.md'));
    await waitFor(async () => {
      await a.whenIdle();
      return !a.decisions().some((d) => d.display === 'ADR-0021');
    }, 'ADR-0021 leaves the index when its file is deleted');
  });

  it('rebuilds on Refresh and keeps the same decisions', async () => {
    const a = await api();
    const before = a.decisions().map((d) => d.display).sort();
    await vscode.commands.executeCommand('decisionLens.refresh');
    await a.whenIdle();
    assert.deepEqual(a.decisions().map((d) => d.display).sort(), before);
  });

  it('re-indexes when a setting that changes what is indexed changes', async () => {
    const a = await api();
    const config = vscode.workspace.getConfiguration('decisionLens');
    const original = config.inspect<Record<string, string>>('folderPrefixes')?.workspaceValue;
    assert.deepEqual(original, { 'docs/decisions': 'MADR' }, 'the fixture names the MADR prefix in .vscode/settings.json');
    try {
      await config.update('folderPrefixes', { 'docs/decisions': 'DEC' }, vscode.ConfigurationTarget.Workspace);
      await waitFor(async () => {
        await a.whenIdle();
        const ids = a.decisions().map((d) => d.display);
        return ids.includes('DEC-0013') && !ids.includes('MADR-0013');
      }, 'docs/decisions records are cited as DEC-… after the change');
    } finally {
      await config.update('folderPrefixes', original, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(async () => {
      await a.whenIdle();
      return a.decisions().some((d) => d.display === 'MADR-0013');
    }, 'and as MADR-… again once the setting is back');
  });
});
