import * as vscode from 'vscode';
import { compileGlobs } from '../core/glob';
import type { Logger } from '../core/ports';
import { relative } from '../core/paths';
import { excludeMatcher, simpleGlobs } from './workspaceReader';

/**
 * How long (ms) `workspace.findFiles` may stay silent on a virtual file system before its folders
 * are read instead. VS Code's search service waits, without end, for a file search provider of a
 * scheme that has none ("No search provider registered for scheme: X, waiting"): a
 * `FileSystemProvider` alone (a memory file system, many remote file systems) never answers.
 */
export const SEARCH_FALLBACK_MS = 5000;

/** Schemes whose file search is VS Code's own (ripgrep, locally or on the remote): never waited for. */
const SEARCHED_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-userdata']);

/** How many `readDirectory` calls run at once while walking (a remote file system answers slowly). */
const WALK_PARALLELISM = 8;

/** Schemes already reported as having no file search, so the log says it once per scheme. */
const reported = new Set<string>();

/**
 * Schemes whose search did not answer in time the last time: they are walked at once (the search
 * still runs alongside, and a search that wins takes the scheme off this list).
 */
const unanswered = new Set<string>();

/** Options of {@link findOrWalk}. */
export interface FindOrWalkOptions {
  /** At most this many files (the walk stops there; `findFiles` gets it as `maxResults`). */
  readonly maxResults?: number;
  readonly token?: vscode.CancellationToken;
  /** Told once per scheme when its files are listed by walking. */
  readonly logger?: Logger;
  /** Milliseconds before walking; default {@link SEARCH_FALLBACK_MS}. */
  readonly fallbackMs?: number;
}

/**
 * Lists the files under `base` that match any of `include` and none of `exclude`, as
 * `workspace.findFiles(new RelativePattern(base, glob), simpleGlobs(exclude), maxResults)` for
 * every glob does; on a scheme other than `file:` / `vscode-remote:`, if the search has not
 * answered within `fallbackMs` (or fails), by walking the folders with
 * `workspace.fs.readDirectory` instead, whichever finishes first (the other is cancelled). A
 * scheme whose search did not answer in time before is walked at once, beside the search.
 * The walk skips symbolic links to folders (no cycles) and excluded folders, and reads
 * {@link WALK_PARALLELISM} folders at a time.
 * @param base the folder to list (a workspace folder's URI, or a folder in it).
 * @param include globs relative to `base` (`**` / `*` / `?` / classes / braces, src/core/glob.ts).
 * @param exclude globs relative to `base`; a glob that matches a folder excludes what is below it.
 * @returns file URIs, each once, in no particular order; `[]` when cancelled.
 */
export async function findOrWalk(base: vscode.Uri, include: readonly string[], exclude: readonly string[], options: FindOrWalkOptions = {}): Promise<vscode.Uri[]> {
  if (include.length === 0) return [];
  const { maxResults, token, logger } = options;
  const search = new vscode.CancellationTokenSource();
  const walk = new vscode.CancellationTokenSource();
  const linked = token?.onCancellationRequested(() => {
    search.cancel();
    walk.cancel();
  });
  const excludeGlob = simpleGlobs(exclude);
  const searched = Promise.all(
    include.map((glob) => vscode.workspace.findFiles(new vscode.RelativePattern(base, glob), excludeGlob, maxResults, search.token)),
  ).then((lists) => lists.flat());
  try {
    if (SEARCHED_SCHEMES.has(base.scheme)) return await searched;
    const fallbackMs = options.fallbackMs ?? SEARCH_FALLBACK_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startWalk = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, unanswered.has(base.scheme) ? 0 : fallbackMs);
      // A search that fails (no provider, an error of the provider) starts the walk at once.
      searched.catch(() => resolve());
    });
    const walked = startWalk.then(async () => {
      if (walk.token.isCancellationRequested) return undefined;
      unanswered.add(base.scheme);
      if (logger && !reported.has(base.scheme)) {
        reported.add(base.scheme);
        logger.info(`${base.scheme}: file search did not answer in ${fallbackMs} ms; files are listed by reading folders (workspace.fs.readDirectory)`);
      }
      return walkFolders(base, include, exclude, maxResults ?? Number.POSITIVE_INFINITY, walk.token);
    });
    const first = await Promise.race([searched.then((r) => ({ by: 'search' as const, r }), () => undefined), walked.then((r) => (r ? { by: 'walk' as const, r } : undefined))]);
    clearTimeout(timer);
    if (first?.by === 'search') {
      unanswered.delete(base.scheme);
      walk.cancel();
      return first.r;
    }
    search.cancel();
    if (first?.by === 'walk') return first.r;
    // The search failed and the walk was cancelled (the caller's token), or the walk answered nothing.
    return (await walked) ?? [];
  } finally {
    linked?.dispose();
    search.dispose();
    walk.dispose();
  }
}

/**
 * Walks `base` breadth-first with `workspace.fs.readDirectory` and returns the files matching
 * `include` and not `exclude` (both relative to `base`), at most `max`. Folders that cannot be
 * read are skipped.
 */
async function walkFolders(base: vscode.Uri, include: readonly string[], exclude: readonly string[], max: number, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const included = compileGlobs(include);
  const excluded = excludeMatcher(exclude);
  const out: vscode.Uri[] = [];
  const queue: vscode.Uri[] = [base];
  let next = 0;
  let active = 0;
  await new Promise<void>((done) => {
    const pump = (): void => {
      while (active < WALK_PARALLELISM && next < queue.length && out.length < max && !token.isCancellationRequested) {
        const dir = queue[next++];
        active++;
        void Promise.resolve(vscode.workspace.fs.readDirectory(dir)).then(
          (entries) => {
            for (const [name, type] of entries) {
              const uri = vscode.Uri.joinPath(dir, name);
              const rel = relative(base.path, uri.path);
              if (excluded(rel)) continue;
              if ((type & vscode.FileType.Directory) !== 0) {
                if ((type & vscode.FileType.SymbolicLink) === 0) queue.push(uri);
              } else if ((type & vscode.FileType.File) !== 0 && out.length < max && included.matches(rel)) {
                out.push(uri);
              }
            }
          },
          () => undefined,
        ).then(() => {
          active--;
          pump();
        });
      }
      if (active === 0) done();
    };
    pump();
  });
  return token.isCancellationRequested ? [] : out;
}
