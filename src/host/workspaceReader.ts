import * as vscode from 'vscode';
import { compileGlobs, isPortableGlob } from '../core/glob';
import type { Logger, WorkspaceReader } from '../core/ports';
import { relative } from '../core/paths';
import { findOrWalk } from './findOrWalk';
import { uriOf } from './paths';

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The core's {@link WorkspaceReader} over `vscode.workspace.fs`, so discovery works in local,
 * remote and virtual workspaces alike. An open `TextDocument` wins over the file on disk.
 *
 * @param token cancels running `findFiles` calls (a rebuild that was superseded).
 */
export function createWorkspaceReader(token?: vscode.CancellationToken): WorkspaceReader {
  return {
    async readText(path: string): Promise<string | undefined> {
      const uri = uriOf(path);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return open.getText();
      try {
        return utf8.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
    async findFiles(root: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
      if (include.length === 0) return [];
      const base = uriOf(root);
      const excluded = excludeMatcher(exclude);
      // findFiles, or a walk of the folders where the file system has no file search (findOrWalk.ts).
      const uris = await findOrWalk(base, include, exclude, token ? { token } : {});
      const out = new Set<string>();
      for (const uri of uris) {
        const rel = relative(root, uri.path);
        if (!excluded(rel)) out.add(uri.path);
      }
      return [...out];
    },
    async exists(path: string): Promise<boolean> {
      try {
        await vscode.workspace.fs.stat(uriOf(path));
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * Joins globs into one `{a,b}` exclude pattern for `workspace.findFiles`. Globs with braces of
 * their own are left out (nested braces are not portable), and so are globs with many wildcards
 * in a segment ({@link isPortableGlob}); callers filter results with {@link excludeMatcher} as well.
 * @returns the pattern, or `null` when there is nothing to exclude.
 */
export function simpleGlobs(globs: readonly string[]): string | null {
  // Only globs VS Code's regular-expression glob engine answers quickly (no braces, few wildcards).
  const simple = globs.filter((g) => !/[{}]/.test(g) && isPortableGlob(g));
  if (simple.length === 0) return null;
  return simple.length === 1 ? simple[0] : `{${simple.join(',')}}`;
}

/**
 * @param logger told about globs that are ignored (see `compileGlob` in src/core/glob.ts).
 * @returns a predicate over root-relative paths that is true for excluded files. Like VS Code's
 *   `files.exclude`, a glob that matches a folder excludes everything below it.
 */
export function excludeMatcher(globs: readonly string[], logger?: Logger): (relativePath: string) => boolean {
  if (globs.length === 0) return () => false;
  // Linear-time matching (src/core/glob.ts); a glob it cannot match safely is ignored and logged.
  const set = compileGlobs(globs);
  for (const r of set.rejected) logger?.warn(`exclude glob "${r.source.slice(0, 80)}" is ignored: ${r.reason}`);
  const expanded = compileGlobs(globs.filter((g) => !set.rejected.some((r) => r.source === g)).map((g) => g.replace(/\/+$/, '') + '/**'));
  return (relativePath: string): boolean => set.matches(relativePath) || expanded.matches(relativePath);
}
