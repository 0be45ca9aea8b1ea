// Latency of each provider on a 10,000-line file, in the real extension host against the real
// index: the providers are called directly (as VS Code calls them, minus the round trip to the
// workbench and other extensions' providers). Reported, not asserted: the numbers go into the
// test title, so they are in the run's report; the 50 ms budget is checked by reading them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkIndex } from '../../../../src/core/checks';
import { DecisionCodeLensProvider } from '../../../../src/features/codelens/register';
import { DecisionCompletionProvider } from '../../../../src/features/completion/register';
import { CiteSuccessorCodeActionProvider } from '../../../../src/features/diagnostics/register';
import { DecisionHoverProvider } from '../../../../src/features/hover/register';
import { CitationDefinitionProvider, CitationLinkProvider, DecisionReferenceProvider, DecisionSymbolProvider } from '../../../../src/features/navigation/register';
import { api, fileUri, open, waitFor } from './helpers';

const LINES = 10_000;
const RUNS = 9;
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

interface Timing {
  median: number;
  max: number;
}

async function time(run: () => unknown): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}

const token = new vscode.CancellationTokenSource().token;

describe(`provider latency on a ${LINES.toLocaleString('en')}-line file`, () => {
  after(async () => {
    // Later suites count citations: leave the workspace as it was.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(fileUri('src/big'), { recursive: true });
    const a = await api();
    await waitFor(async () => {
      await a.whenIdle();
      return !a.indexer.index.sourcePaths().some((p) => p.includes('/src/big/'));
    }, 'the generated file leaves the index');
  });

  it('measures every provider', async function () {
    this.timeout(180_000);
    const a = await api();
    await vscode.workspace.fs.writeFile(fileUri('src/big/generated10k.ts'), new TextEncoder().encode(source()));
    const editor = await open('src/big/generated10k.ts');
    const document = editor.document;
    await waitFor(async () => {
      await a.whenIdle();
      return a.indexer.citationsFor(document).length === LINES / 10 && !a.indexer.isStale(document);
    }, 'the 10,000-line file is indexed');
    assert.equal(document.lineCount, LINES + 4);

    const indexer = a.indexer;
    const codeLens = new DecisionCodeLensProvider(indexer);
    const hover = new DecisionHoverProvider(indexer);
    const definition = new CitationDefinitionProvider(indexer);
    const links = new CitationLinkProvider(indexer);
    const references = new DecisionReferenceProvider(indexer);
    const symbols = new DecisionSymbolProvider(indexer);
    const completion = new DecisionCompletionProvider(indexer);
    const codeActions = new CiteSuccessorCodeActionProvider(indexer);

    const mid = 5011; // line 5010 of the body cites ADR-0002 (superseded)
    assert.match(document.lineAt(mid).text, /ADR-0002/);
    const at = new vscode.Position(mid, document.lineAt(mid).text.indexOf('ADR-0002') + 3);
    const typing = new vscode.Position(LINES, document.lineAt(LINES).text.length);
    const superseded = new vscode.Diagnostic(new vscode.Range(at, at), 'cites ADR-0002', vscode.DiagnosticSeverity.Warning);
    superseded.source = 'Decision Lens';
    superseded.code = 'cites-superseded';

    const results: Record<string, Timing> = {};
    let lensCount = 0;
    results.codeLensProvideAndResolveAll = await time(() => {
      const lenses = codeLens.provideCodeLenses(document, token);
      for (const lens of lenses) codeLens.resolveCodeLens(lens);
      lensCount = lenses.length;
    });
    results.hover = await time(() => hover.provideHover(document, at, token));
    results.definition = await time(() => definition.provideDefinition(document, at));
    results.references = await time(() => references.provideReferences(document, at, { includeDeclaration: true }));
    results.documentLinks = await time(() => links.provideDocumentLinks(document, token));
    results.completion = await time(() => completion.provideCompletionItems(document, typing, token));
    results.workspaceSymbols = await time(() => symbols.provideWorkspaceSymbols('python', token));
    results.codeActions = await time(() =>
      codeActions.provideCodeActions(document, new vscode.Range(at, at), { diagnostics: [superseded], triggerKind: vscode.CodeActionTriggerKind.Invoke, only: undefined }),
    );
    results.diagnosticsCheckIndex = await time(() => checkIndex(indexer.index));

    // Right after an edit, before the debounced re-index: ranges move with the edits.
    const afterEdit: number[] = [];
    for (let n = 0; n < RUNS; n++) {
      await editor.edit((b) => b.insert(new vscode.Position(2, 0), `  // edit ${n}\n`));
      const started = performance.now();
      codeLens.provideCodeLenses(document, token);
      afterEdit.push(performance.now() - started);
    }
    afterEdit.sort((x, y) => x - y);
    results.codeLensAfterEdit = { median: afterEdit[Math.floor(RUNS / 2)], max: afterEdit[RUNS - 1] };
    const shiftedAt = new vscode.Position(at.line + RUNS, at.character);
    assert.ok(indexer.isStale(document), 'the edits are not indexed yet');
    const hoverAfterEdit = hover.provideHover(document, shiftedAt, token);
    assert.ok(hoverAfterEdit, 'the hover follows the moved citation');
    // The debounced re-index of the whole file (off the provider path), for reference.
    results.reindexWholeFile = await time(() => indexer.syncDocument(document) && indexer.index.upsert(document.uri.path, document.getText(), document.languageId));

    assert.ok(lensCount > LINES / 10, `a lens per citation line: ${lensCount}`);
    const providers = Object.entries(results).filter(([k]) => k !== 'reindexWholeFile' && k !== 'diagnosticsCheckIndex');
    const report = Object.entries(results).map(([k, v]) => `${k} ${v.median.toFixed(1)}/${v.max.toFixed(1)}`).join(', ');
    const slowest = providers.sort((x, y) => y[1].max - x[1].max)[0];
    this.test!.title += ` [median/max ms: ${report}; slowest provider ${slowest[0]} max ${slowest[1].max.toFixed(1)} ms]`;
    console.log(JSON.stringify({ lines: LINES, runs: RUNS, unit: 'ms', vscode: vscode.version, results }, null, 2));
  });
});
