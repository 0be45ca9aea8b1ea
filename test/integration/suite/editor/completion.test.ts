// Completion of decision ids through vscode.executeCompletionItemProvider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fileUri, open } from './helpers';

const encoder = new TextEncoder();

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function complete(editor: vscode.TextEditor, line: number, trigger?: string): Promise<vscode.CompletionItem[]> {
  const position = new vscode.Position(line, editor.document.lineAt(line).text.length);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, trigger);
  return list?.items ?? [];
}

describe('completion of decision ids', () => {
  it('completes ids after a citation prefix with title and status', async () => {
    await api();
    await vscode.workspace.fs.writeFile(fileUri('src/typing.ts'), encoder.encode('// Follows ADR-\n// Partner sync: @decision(DL-\nexport const typing = 1;\n'));
    const editor = await open('src/typing.ts');
    const items = (await complete(editor, 0, '-')).filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    const labels = items.map(label);
    assert.ok(labels.includes('ADR-0020'), labels.join(', '));
    assert.ok(!labels.some((l) => l.startsWith('DL-') || l.startsWith('MADR-')), `only ADR ids after "ADR-": ${labels.join(', ')}`);
    const adr20 = items.find((i) => label(i) === 'ADR-0020');
    assert.equal(adr20?.detail, 'Minimum supported Python version');
    assert.equal(typeof adr20?.label === 'string' ? undefined : adr20?.label.description, 'accepted');
    const range = adr20?.range as vscode.Range;
    assert.equal(editor.document.getText(range), 'ADR-', 'the typed prefix is replaced');
    const adr2 = items.find((i) => label(i) === 'ADR-0002');
    assert.deepEqual(adr2?.tags, [vscode.CompletionItemTag.Deprecated], 'a superseded decision is struck through');
    assert.ok((adr2?.sortText ?? '') > (adr20?.sortText ?? ''), 'superseded decisions sort last');

    const dl = (await complete(editor, 1, '-')).filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(label);
    assert.deepEqual(dl.sort(), ['DL-1', 'DL-2', 'DL-3', 'DL-4']);
  });

  it('offers nothing where no citation is being typed', async () => {
    await api();
    const editor = await open('src/typing.ts');
    const items = (await complete(editor, 2)).filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.deepEqual(items.map(label), []);
  });
});
