// Helpers shared by the hostile and untrusted integration suites (inside the extension host).
import * as vscode from 'vscode';

/**
 * The quick fixes at a range. VS Code cancels a code action request when the file's diagnostics
 * change meanwhile (the checks run again after the index settles): asked again then.
 */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    } catch (error) {
      if (attempt >= 10 || !/Canceled/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}
