import type { DecisionIndex, IndexedDecision } from '../../core/index';

/**
 * Finds the decision a command argument names.
 * @param key the decision's key (`ADR-5`); several records may share it (duplicate ids).
 * @param path the record's file, to pick one of several records with the same key.
 * @param line a line inside the record, to pick an entry of a decision log.
 * @returns the best match, or `undefined` when no record has that key.
 */
export function findDecision(index: DecisionIndex, key: unknown, path?: unknown, line?: unknown): IndexedDecision | undefined {
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
