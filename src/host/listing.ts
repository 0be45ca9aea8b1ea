/**
 * Filters over a file listing (ripgrep's `--files`), shared by the editor's fast path and the
 * CLI's ripgrep scan. No Node built-ins and no `vscode`: pure path work with the linear-time
 * glob matcher of `core/glob.ts` (a glob it cannot match safely matches nothing here; the
 * callers log those when they build their own exclude matcher).
 */
import { compileGlobs } from '../core/glob';

/**
 * Keeps the files of a ripgrep listing that lie below `root` and that `exclude` does not exclude,
 * as `NodeWorkspace.findFiles` and the editor's exclude matcher decide: a glob that matches a
 * folder (or everything in it) excludes the folder's files. Globs `**\/<dir>/**` for the folders
 * ripgrep already pruned are not tested again (the usual case: no glob is tested at all).
 * @param files absolute POSIX paths as ripgrep lists them.
 * @param root absolute POSIX path without a trailing slash.
 * @returns the kept files, in the same order.
 */
export function filterListing(files: readonly string[], root: string, exclude: readonly string[], prunedDirs: readonly string[]): string[] {
  const prefix = root === '/' ? '/' : `${root}/`;
  const pruned = new Set(prunedDirs.map((d) => `**/${d}/**`));
  const rest = exclude.filter((g) => !pruned.has(g));
  const inside = files.filter((p) => p.length > prefix.length && p.startsWith(prefix));
  if (rest.length === 0) return inside;
  const excludes = compileGlobs(rest);
  const match = (p: string): boolean => excludes.matches(p);
  const dirs = new Map<string, boolean>();
  const dirExcluded = (dir: string): boolean => {
    if (dir === '') return false;
    let v = dirs.get(dir);
    if (v === undefined) {
      const slash = dir.lastIndexOf('/');
      v = dirExcluded(slash < 0 ? '' : dir.slice(0, slash)) || match(dir) || match(`${dir}/\u0000`);
      dirs.set(dir, v);
    }
    return v;
  };
  return inside.filter((p) => {
    const rel = p.slice(prefix.length);
    const slash = rel.lastIndexOf('/');
    return !dirExcluded(slash < 0 ? '' : rel.slice(0, slash)) && !match(rel);
  });
}

/**
 * The files of `files` below `base` whose path relative to `base` matches one of `include`
 * (picomatch's glob syntax, dot files included). Each file's name is tested against the globs' last
 * segments first, which rules out most files of a big listing cheaply; when every glob is
 * `**\/<name>` (what discovery asks for), the name decides alone.
 * @returns the matching files, in order.
 */
export function matchListing(files: readonly string[], base: string, include: readonly string[]): string[] {
  if (include.length === 0) return [];
  const prefix = base === '/' ? '/' : `${base}/`;
  const includes = compileGlobs(include);
  const full = (p: string): boolean => includes.matches(p);
  const lastSegments = include.map((g) => g.slice(g.lastIndexOf('/') + 1));
  const names = lastSegments.some((s) => s.includes('**') || s === '') ? undefined : compileGlobs(lastSegments);
  const byName = names ? (p: string): boolean => names.matches(p) : undefined;
  // `**` matches any folders, none too: a `**/<name>` glob matches exactly the paths whose name matches `<name>`.
  const nameDecides = names !== undefined && names.rejected.length === 0 && includes.rejected.length === 0 && include.every((g) => /^\*\*\/[^/{}\\!]+$/.test(g) && !g.slice(3).includes('**'));
  const out: string[] = [];
  for (const p of files) {
    if (p.length <= prefix.length || !p.startsWith(prefix)) continue;
    if (byName && !byName(p.slice(p.lastIndexOf('/') + 1))) continue;
    if (nameDecides || full(p.slice(prefix.length))) out.push(p);
  }
  return out;
}
