/** File-system helpers of the benchmark: a plain tree walk and a concurrency limit. */
import { readdir } from 'node:fs/promises';
import { DEFAULT_EXCLUDED_DIRS } from '../src/core/config';

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
