// Provider latency on a 10,000-line file, measured through the same execute* commands the editor
// uses (so each number includes the round trip through VS Code). Reported, not asserted: the
// numbers go into the test title (so they are in the run's report).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, open } from './helpers';

const LINES = 10_000;
const RUNS = 7;
const CITED = ['ADR-0001', 'ADR-0002', 'DL-1', 'MADR-0013', 'ADR-0099', 'ADR 3', '@decision(DL-4)'];

function source(): string {
  const out: string[] = [];
  for (let i = 0; i < LINES; i++) {
    if (i % 10 === 0) out.push(`  // step ${i}: see ${CITED[(i / 10) % CITED.length]} for why`);
    else out.push(`  const value${i} = compute(${i}, "text ${i}") + offset; // plain comment ${i}`);
  }
  out.splice(LINES - 1, 1, '  // typing ADR-');
  return `export function big(): number {\n${out.join('\n')}\n  return 0;\n}\n`;
}

async function time(run: () => Thenable<unknown>): Promise<{ median: number; max: number; first: number }> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { first: samples[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

describe(`provider latency on a ${LINES.toLocaleString('en')}-line file`, () => {
  const results: Record<string, { median: number; max: number; first: number }> = {};

  after(async () => {
    const report = JSON.stringify({ lines: LINES, runs: RUNS, unit: 'ms', vscode: vscode.version, results }, null, 2);
    console.log(report);
    // Later suites count citations: leave the workspace as it was.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(fileUri('src/big'), { recursive: true });
    await (await api()).whenIdle();
  });

  it('measures every provider', async function () {
    this.timeout(180_000);
    const a = await api();
    await vscode.workspace.fs.writeFile(fileUri('src/big/generated10k.ts'), new TextEncoder().encode(source()));
    await a.whenIdle();
    const editor = await open('src/big/generated10k.ts');
    const uri = editor.document.uri;
    assert.equal(editor.document.lineCount, LINES + 4);
    const mid = 5001; // a citation line (line 5000 of the body)
    const citationAt = new vscode.Position(mid, editor.document.lineAt(mid).text.indexOf('see ') + 5);
    const typingAt = new vscode.Position(LINES, editor.document.lineAt(LINES).text.length);

    results.codeLens = await time(() => vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 50));
    results.hover = await time(() => vscode.commands.executeCommand('vscode.executeHoverProvider', uri, citationAt));
    results.definition = await time(() => vscode.commands.executeCommand('vscode.executeDefinitionProvider', uri, citationAt));
    results.references = await time(() => vscode.commands.executeCommand('vscode.executeReferenceProvider', uri, citationAt));
    results.documentLinks = await time(() => vscode.commands.executeCommand('vscode.executeLinkProvider', uri, 50));
    results.completion = await time(() => vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, typingAt, '-'));
    results.workspaceSymbols = await time(() => vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', 'python'));
    results.codeActions = await time(() => vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(citationAt, citationAt)));
    let n = 0;
    results.codeLensAfterEdit = await time(async () => {
      await editor.edit((b) => b.insert(new vscode.Position(2, 0), `  // edit ${n++}\n`));
      return vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri, 50);
    });

    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 5000)) ?? [];
    assert.ok(lenses.length > 800, `a lens per resolved citation line: ${lenses.length}`);
    const slowest = Object.entries(results).sort((x, y) => y[1].median - x[1].median)[0];
    this.test!.title += ` (median ms: ${Object.entries(results).map(([k, v]) => `${k} ${v.median.toFixed(1)}`).join(', ')}; slowest ${slowest[0]} max ${slowest[1].max.toFixed(1)})`;
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
