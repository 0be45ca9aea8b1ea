/**
 * The core's WorkspaceReader over Node's `fs`, for the benchmark: the same contract the editor
 * fulfils with `workspace.fs`, so discovery and the index run exactly as they do in the editor,
 * only with files read from local disk.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDED_DIRS } from '../src/core/config';
import type { WorkspaceReader } from '../src/core/ports';

/**
 * Lists every file below `root`, skipping folders named in `skipDirs` (whole segments).
 * @returns absolute POSIX paths, in directory order.
 */
export async function walk(root: string, skipDirs: readonly string[] = DEFAULT_EXCLUDED_DIRS): Promise<string[]> {
  const skip = new Set(skipDirs);
  const out: string[] = [];
  const pending: string[] = [root];
  while (pending.length > 0) {
    const batch = pending.splice(0, 16);
    const listings = await Promise.all(batch.map((dir) => readdir(dir, { withFileTypes: true }).then((entries) => ({ dir, entries }), () => ({ dir, entries: [] }))));
    for (const { dir, entries } of listings) {
      for (const e of entries) {
        const p = dir === '/' ? '/' + e.name : dir + '/' + e.name;
        if (e.isDirectory()) {
          if (!skip.has(e.name)) pending.push(p);
        } else if (e.isFile()) out.push(p);
      }
    }
  }
  return out;
}

/**
 * A {@link WorkspaceReader} over the local file system. `findFiles` walks the tree once and
 * filters with picomatch (dot files included), like `workspace.findFiles` with a
 * `RelativePattern` and the default excludes.
 */
export function createNodeReader(): WorkspaceReader {
  return {
    async readText(path: string): Promise<string | undefined> {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    async findFiles(root: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
      const inc = picomatch(include as string[], { dot: true });
      const exc = exclude.length > 0 ? picomatch(exclude as string[], { dot: true }) : () => false;
      const files = await walk(root);
      const base = root.endsWith('/') ? root : root + '/';
      return files.filter((f) => {
        const rel = f.slice(base.length);
        return inc(rel) && !exc(rel);
      });
    },
    async exists(path: string): Promise<boolean> {
      try {
        await stat(path);
        return true;
      } catch {
        return false;
      }
    },
  };
}

const LANGUAGE_IDS: Readonly<Record<string, string>> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  go: 'go',
  java: 'java',
  rs: 'rust',
  yaml: 'yaml',
  yml: 'yaml',
  md: 'markdown',
  markdown: 'markdown',
  cs: 'csharp',
  sh: 'shellscript',
  sql: 'sql',
  json: 'json',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  rb: 'ruby',
  kt: 'kotlin',
  swift: 'swift',
  php: 'php',
};

/** @returns VS Code's language id for a file name by its extension, or `undefined`. */
export function languageIdOf(path: string): string | undefined {
  const i = path.lastIndexOf('.');
  if (i < 0 || i < path.lastIndexOf('/')) return undefined;
  return LANGUAGE_IDS[path.slice(i + 1).toLowerCase()];
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight.
 * @returns when every call has settled; rejects with the first error.
 */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(limit, items.length); w++) {
    workers.push(
      (async () => {
        while (next < items.length) {
          const item = items[next++];
          await fn(item);
        }
      })(),
    );
  }
  await Promise.all(workers);
}
