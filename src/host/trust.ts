/**
 * Workspace trust for every write: New Decision (command, form submit, a form restored after a
 * reload), Change Status, Supersede, Cite Decision Here and the quick fixes. In Restricted Mode
 * records are read and shown, never written. Also the check that New Decision writes inside the
 * workspace folders unless the user confirms another place.
 */
import * as vscode from 'vscode';
import { isInsideAny } from '../core/paths';
import { pathOf } from './paths';

/** The command that opens VS Code's workspace trust editor. */
const MANAGE_TRUST = 'workbench.trust.manage';

/** @returns true when Decision Lens may write (the workspace is trusted); no message. */
export function isWriteAllowed(): boolean {
  return vscode.workspace.isTrusted;
}

/** The message shown when a write is refused in Restricted Mode. */
export function untrustedMessage(): string {
  return vscode.l10n.t('Decision records can only be created and edited in a trusted workspace.');
}

/**
 * Checks trust before a write; in Restricted Mode shows a warning (with a button that opens the
 * trust editor) and returns false. Call it at the start of a command and again right before
 * the write (trust can change while a form or quick pick is open).
 * @returns true when the write may go ahead.
 */
export function requireTrust(): boolean {
  if (isWriteAllowed()) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void Promise.resolve(vscode.window.showWarningMessage(untrustedMessage(), manage)).then((answer) => {
    if (answer === manage) void vscode.commands.executeCommand(MANAGE_TRUST);
  });
  return false;
}

/** @returns the paths of the workspace folders (POSIX, as `pathOf` gives them). */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => pathOf(f.uri));
}

/**
 * Confirms a write outside the workspace folders: a folder named by `.adr-dir`,
 * `.log4brains.yml`, `adr.config.json` or `decisionLens.folders` with `..` or an absolute path.
 * Inside a workspace folder nothing is asked.
 * @param path absolute POSIX path of the folder or decision log written to.
 * @returns true when the path is inside a workspace folder or the user confirmed it in a modal
 *   dialog that names the path; false when cancelled.
 */
export async function confirmWriteOutsideWorkspace(path: string): Promise<boolean> {
  if (isInsideAny(path, workspaceRoots())) return true;
  const write = vscode.l10n.t('Write Outside the Workspace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is outside the workspace folders. Write the decision record there?', path),
    { modal: true, detail: vscode.l10n.t('The folder comes from a configuration file or setting of this workspace.') },
    write,
  );
  return answer === write;
}
