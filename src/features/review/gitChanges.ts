/**
 * The files added or changed on the current branch of a workspace folder (see `git.ts`), as
 * `Uri.path`s. Local folders only: for a remote or virtual workspace folder, or without git, or
 * outside a repository, the answer is `undefined` and the branch review says so.
 */
import * as vscode from 'vscode';
import { changedFiles } from '../../host/branchChanges';

/**
 * @param folder a workspace folder.
 * @returns the `Uri.path` of each file added or changed on the branch (committed, staged, in the
 *   working tree or untracked), or `undefined` when git cannot tell.
 */
export async function changedOnBranch(folder: vscode.WorkspaceFolder): Promise<string[] | undefined> {
  if (folder.uri.scheme !== 'file') return undefined;
  const changed = await changedFiles(folder.uri.fsPath);
  if (!changed) return undefined;
  const root = vscode.Uri.file(changed.top);
  return changed.files.map((n) => vscode.Uri.joinPath(root, ...n.split('/')).path);
}
