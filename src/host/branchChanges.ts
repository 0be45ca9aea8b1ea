/**
 * The files added or changed on the current branch, from the `git` command line (no `vscode`
 * import, so it is unit tested on real repositories): `git diff --name-only` against the merge
 * base with the branch's upstream (else `origin/main`, `main`, `origin/master`, `master`), plus
 * untracked files (`git ls-files --others --exclude-standard`), so a record written but not yet
 * committed counts. Deleted files are left out.
 */
import { execFile } from 'node:child_process';

/** Longest one git call may take, in milliseconds. */
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
  for (const ref of ['@{upstream}', 'origin/main', 'main', 'origin/master', 'master']) {
    const base = (await git(cwd, ['merge-base', 'HEAD', ref]))?.trim();
    if (base && /^[0-9a-f]{7,64}$/.test(base)) return base;
  }
  return undefined;
}

/**
 * @param cwd a folder inside a git working tree (native path).
 * @returns the repository's top folder (as git prints it, `/` separators) and the changed
 *   files relative to it (`/` separators), or `undefined` when git cannot tell: no git, not a
 *   repository, no base branch to compare with. On `main` itself the base is `HEAD`, so only
 *   uncommitted and untracked files count.
 */
export async function changedFiles(cwd: string): Promise<{ top: string; files: string[] } | undefined> {
  const top = (await git(cwd, ['rev-parse', '--show-toplevel']))?.trim();
  if (!top) return undefined;
  const base = await baseCommit(top);
  if (!base) return undefined;
  const changed = await git(top, ['diff', '--name-only', '-z', '--diff-filter=ACMR', base]);
  if (changed === undefined) return undefined;
  const untracked = (await git(top, ['ls-files', '--others', '--exclude-standard', '-z'])) ?? '';
  const files = [...new Set([...changed.split('\0'), ...untracked.split('\0')].filter((n) => n !== ''))];
  return { top: top.replace(/\\/g, '/'), files };
}
