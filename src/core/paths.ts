/**
 * POSIX path helpers for the core, which may not use Node's `path` module (it must run in a web
 * extension host too). Paths are `/`-separated strings as described in `model.ts`.
 */

/** Something {@link normalize} changes: a backslash, `//`, a trailing `/`, or a `.` / `..` segment. */
const NEEDS_NORMALIZING = /\\|\/\/|\/$|(?:^|\/)\.{1,2}(?:\/|$)/;

/**
 * True when {@link normalize} leaves `path` as it is. Substring checks first (no backslash, no
 * `//`, no `/.`, no trailing `/`, no leading `.`): they answer for almost every path; a path with
 * a dot segment candidate (`/.github/`) is tested with {@link NEEDS_NORMALIZING}.
 */
function isPlainPath(path: string): boolean {
  if (path.indexOf('\\') >= 0 || path.indexOf('//') >= 0 || path.charCodeAt(path.length - 1) === 47) return false;
  if (path.charCodeAt(0) !== 46 && path.indexOf('/.') < 0) return true;
  return !NEEDS_NORMALIZING.test(path);
}

/**
 * Normalises a POSIX path: collapses `//`, resolves `.` and `..` segments, drops a trailing `/`
 * (except for the root). Backslashes are treated as separators so Windows-style paths written in
 * records (`docs\adr\0001-x.md`) resolve too. A relative path stays relative; `..` segments that
 * climb above a relative start are kept.
 * @param path any path string; `''` becomes `'.'`.
 * @returns the normalised path.
 */
export function normalize(path: string): string {
  // Most paths are already normal; returning them as they are keeps the hot paths (isInside per
  // file and folder while indexing) free of split/join garbage.
  if (path !== '' && isPlainPath(path)) return path;
  const p = path.replace(/\\/g, '/');
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(segment);
  }
  const joined = out.join('/');
  if (absolute) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/**
 * Joins path segments with `/` and normalises the result. An absolute segment (starting with `/`)
 * restarts the path, like Node's `path.posix.resolve` without a working directory.
 * @returns the joined, normalised path.
 */
export function join(...segments: readonly string[]): string {
  let acc = '';
  for (const segment of segments) {
    if (segment === '') continue;
    acc = segment.startsWith('/') || acc === '' ? segment : acc + '/' + segment;
  }
  return normalize(acc);
}

/** @returns the folder part of `path` (`/a/b/c.md` → `/a/b`, `c.md` → `.`, `/a` → `/`). */
export function dirname(path: string): string {
  const p = normalize(path);
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

/** @returns the last segment of `path` (`/a/b/c.md` → `c.md`). */
export function basename(path: string): string {
  // No backslash and no trailing `/` (almost every path): nothing to replace.
  const p = path.indexOf('\\') < 0 && !path.endsWith('/') ? path : path.replace(/\\/g, '/').replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

/** @returns the extension of the last segment including the dot, lower-cased (`X.MD` → `.md`), or `''`. */
export function extname(path: string): string {
  const base = basename(path);
  const i = base.lastIndexOf('.');
  return i <= 0 ? '' : base.slice(i).toLowerCase();
}

/**
 * The path of `to` relative to `from` (both absolute, or both relative to the same base).
 * @returns a relative path without a leading `./` (`''` when both are the same path).
 */
export function relative(from: string, to: string): string {
  const a = normalize(from).split('/').filter((s) => s !== '');
  const b = normalize(to).split('/').filter((s) => s !== '');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  return [...up, ...b.slice(i)].join('/');
}

/** @returns true when `path` is `folder` itself or lies below it. Both are normalised first. */
export function isInside(path: string, folder: string): boolean {
  const p = normalize(path);
  const f = normalize(folder);
  if (f === '/') return p.startsWith('/');
  // Same as `p.startsWith(f + '/')` without building a string per call.
  return p === f || (p.length > f.length && p.charCodeAt(f.length) === 47 && p.startsWith(f));
}

/** @returns true for an absolute POSIX path (starts with `/`). */
export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/**
 * Whether a path lies inside (or is) one of several folders, after `.` and `..` are resolved:
 * `/ws/docs/../../etc/x` is not inside `/ws`. Where a record may be written: the CLI's `new`
 * checks `--root`, the editor's New Decision the workspace folders.
 * @param path an absolute POSIX path (a relative one is inside nothing).
 * @param roots absolute POSIX folder paths.
 * @returns true when `path` is inside at least one of `roots`.
 */
export function isInsideAny(path: string, roots: readonly string[]): boolean {
  if (!isAbsolute(path)) return false;
  const p = normalize(path);
  return roots.some((root) => isAbsolute(root) && isInside(p, root));
}
