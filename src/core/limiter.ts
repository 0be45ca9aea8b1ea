/**
 * Runs async tasks with a cap on how many run at once (file reads while indexing), in the manner
 * of `vscode-markdown-languageservice`'s `Limiter`.
 */

/**
 * Maps `items` through `task` with at most `parallelism` tasks running at a time.
 * @param items inputs, in order.
 * @param parallelism the most tasks running at once (at least 1).
 * @param task the work for one item; a rejection rejects the whole call.
 * @returns results in the order of `items`.
 */
export async function mapLimit<T, R>(items: readonly T[], parallelism: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.max(1, Math.min(parallelism, items.length)); w++) workers.push(worker());
  await Promise.all(workers);
  return results;
}
