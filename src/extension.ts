import type * as vscode from 'vscode';

/**
 * Composes the extension: builds the object graph and pushes every Disposable to
 * `context.subscriptions`. No logic lives here.
 */
export function activate(_context: vscode.ExtensionContext): void {
  // Features register here.
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
