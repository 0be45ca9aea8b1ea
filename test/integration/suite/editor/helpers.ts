// Helpers for the editor integration tests: reach the extension's API, open fixture files, wait for
// the index. They run inside the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import manifest from '../../../../package.json';
import type { DecisionLensApi } from '../../../../src/host/api';

export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** Activates Decision Lens (if the workspace has not already) and waits for the first index. */
export async function api(): Promise<DecisionLensApi> {
  const extension = vscode.extensions.getExtension<DecisionLensApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const exports = extension.isActive ? extension.exports : await extension.activate();
  await exports.whenIdle();
  return exports;
}

/** The first workspace folder (the single-root fixtures have one). */
export function root(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return folder;
}

/** URI of a file in the workspace folder `folder` (default the first). */
export function fileUri(relativePath: string, folder: vscode.WorkspaceFolder = root()): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor. */
export async function open(relativePath: string, folder?: vscode.WorkspaceFolder): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(relativePath, folder));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Position of the `occurrence`-th match of `text` in `document` (plus `offset` characters). */
export function positionOf(document: vscode.TextDocument, text: string, offset = 1, occurrence = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = document.getText().indexOf(text, at + 1);
    assert.ok(at >= 0, `"${text}" not found in ${document.uri.path}`);
  }
  return document.positionAt(at + offset);
}

/** Polls `condition` until it is truthy (returning it) or the time is up (failing with `message`). */
export async function waitFor<T>(condition: () => T | undefined | false | Promise<T | undefined | false>, message: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** CodeLens titles of a document, resolved the way the editor resolves them. */
export async function codeLensTitles(uri: vscode.Uri): Promise<{ line: number; title: string; command: string; args?: unknown[] }[]> {
  // The editor only asks for lenses of documents it has loaded.
  await vscode.workspace.openTextDocument(uri);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses
    .filter((l) => l.command)
    .map((l) => ({ line: l.range.start.line, title: l.command?.title ?? '', command: l.command?.command ?? '', args: l.command?.arguments }));
}

/**
 * What a reader sees of Markdown source that was built with `appendText`: backslash escapes
 * removed, `&nbsp;`, `&lt;` and `&amp;` decoded.
 */
export function plain(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>$~])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
}

/** The hovers at a position: `raw` Markdown source, `text` as read (see {@link plain}). */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<{ text: string; raw: string; hovers: vscode.Hover[] }> {
  await vscode.workspace.openTextDocument(uri);
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const raw = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
  return { text: plain(raw), raw, hovers };
}

/** Decision Lens diagnostics of a file. */
export function diagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Decision Lens');
}

/** Name of the file a URI points at. */
export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
