import * as vscode from 'vscode';

/**
 * Conversions between `vscode.Uri` and the core's POSIX paths.
 *
 * The core identifies a file by the path of its URI (`uri.path`), which is unique across the
 * folders of a workspace as long as they share a scheme. The scheme and authority come back
 * from the workspace folder the path lies in, so remote (`vscode-remote`) and virtual
 * (`vscode-vfs`) workspaces work.
 */

/** @returns the core path of `uri`: its URI path (`/home/me/repo/docs/adr/0001-x.md`). */
export function pathOf(uri: vscode.Uri): string {
  return uri.path;
}

/**
 * @returns the workspace folder that contains `path` (the deepest one for nested folders), or
 *   `undefined` when it lies outside every folder.
 */
export function folderOfPath(path: string): vscode.WorkspaceFolder | undefined {
  let best: vscode.WorkspaceFolder | undefined;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri.path.replace(/\/+$/, '');
    if ((path === root || path.startsWith(root + '/')) && (!best || root.length > best.uri.path.length)) best = folder;
  }
  return best;
}

/**
 * @returns the URI of a core path: the containing workspace folder's scheme and authority with
 *   `path`, or a `file:` URI when the path lies outside every workspace folder.
 */
export function uriOf(path: string): vscode.Uri {
  const folder = folderOfPath(path);
  return folder ? folder.uri.with({ path }) : vscode.Uri.from({ scheme: 'file', path });
}

/**
 * @returns true when `uri` is a file of the open workspace: its scheme and authority match a
 *   workspace folder and its path lies inside it. Output channels, Git's virtual documents and
 *   untitled editors are not.
 */
export function isWorkspaceFile(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder !== undefined && folder.uri.scheme === uri.scheme && folder.uri.authority === uri.authority;
}

/** Converts a core position or range to the `vscode` type (same 0-based line/UTF-16 convention). */
export function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** @returns a workspace-relative label for `path` (`src/app.ts`), or the path itself. */
export function relativeLabel(path: string): string {
  return vscode.workspace.asRelativePath(uriOf(path), (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}
