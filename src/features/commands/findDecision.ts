import type { DecisionIndex, IndexedDecision } from '../../core/index';

/**
 * Finds the decision a command argument names.
 * @param key the decision's key (`ADR-5`; several records may share it: duplicate ids), or a
 *   Decisions view item (what view menus pass).
 * @param path the record's file, to pick one of several records with the same key.
 * @param line a line inside the record, to pick an entry of a decision log.
 * @returns the best match, or `undefined` when no record has that key.
 */
export function findDecision(index: DecisionIndex, key: unknown, path?: unknown, line?: unknown): IndexedDecision | undefined {
  // A Decisions view item (menus pass the item): look its decision up again in the current index.
  if (typeof key === 'object' && key !== null && 'decision' in key) {
    const d = (key as { decision?: Partial<IndexedDecision> }).decision;
    return d?.key ? findDecision(index, d.key, d.path, d.range?.start.line) : undefined;
  }
  if (typeof key !== 'string') return undefined;
  const candidates = index.get(key);
  if (candidates.length <= 1) return candidates[0];
  const inFile = typeof path === 'string' ? candidates.filter((d) => d.path === path) : candidates;
  if (typeof line === 'number') {
    const at = inFile.find((d) => line >= d.range.start.line && line <= d.range.end.line);
    if (at) return at;
  }
  return inFile[0] ?? candidates[0];
}
