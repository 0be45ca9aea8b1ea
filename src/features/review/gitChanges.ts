/**
 * The files added or changed on the current branch, from the `git` command line: what
 * `git diff --name-only <merge-base>` lists against the branch's upstream (else `origin/main`,
 * `main`, `origin/master`, `master`), plus untracked files (`git ls-files --others
 * --exclude-standard`), so a record written but not yet committed counts.
 *
 * Node-only (child_process) and local-only: for a remote or virtual workspace folder, or without
 * git, or outside a repository, the answer is `undefined` and "Changed on this branch" is not
 * offered.
 */
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

/** Longest a git call may take, in milliseconds. */
const GIT_TIMEOUT_MS = 10_000;

function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout);
    });
  });
}

/** The commit the branch forked from: the merge base with its upstream, else with main/master. */
async function baseCommit(cwd: string): Promise<string | undefined> {
  const candidates = ['@{upstream}', 'origin/main', 'main', 'origin/master', 'master'];
  for (const ref of candidates) {
    const base = (await git(cwd, ['merge-base', 'HEAD', ref]))?.trim();
    if (base && /^[0-9a-f]{7,64}$/.test(base)) return base;
  }
  return undefined;
}

/**
 * @param folder a workspace folder.
 * @returns absolute POSIX paths (as `Uri.path`) of the files added or changed on the branch
 *   (committed, staged, in the working tree or untracked), or `undefined` when git cannot tell
 *   (no git, no repository, no base branch, not a local folder).
 */
export async function changedOnBranch(folder: vscode.WorkspaceFolder): Promise<string[] | undefined> {
  if (folder.uri.scheme !== 'file') return undefined;
  const cwd = folder.uri.fsPath;
  const top = (await git(cwd, ['rev-parse', '--show-toplevel']))?.trim();
  if (!top) return undefined;
  const base = await baseCommit(cwd);
  if (!base) return undefined;
  const changed = await git(top, ['diff', '--name-only', '-z', '--diff-filter=ACMR', base]);
  if (changed === undefined) return undefined;
  const untracked = (await git(top, ['ls-files', '--others', '--exclude-standard', '-z'])) ?? '';
  const root = vscode.Uri.file(top);
  const names = [...changed.split('\0'), ...untracked.split('\0')].filter((n) => n !== '');
  return [...new Set(names.map((n) => vscode.Uri.joinPath(root, ...n.split('/')).path))];
}
