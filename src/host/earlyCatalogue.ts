// The records of a first build, catalogued for the answers given while the workers read them
// (see WorkspaceIndexer.earlyCitationsAt): by file name, and by the numbers in the names.
import type { DecisionFolder } from '../core/config';
import { isDecisionFile } from '../core/discovery';
import { basename } from '../core/paths';
import { prefixesOf } from '../core/prefixes';

/** A record file: its path, lower-case file name and its decision folder's prefixes. */
export interface EarlyRecord {
  readonly path: string;
  readonly name: string;
  /** The prefixes of the folder or log `isDecisionFile` gives, none when it gives none (a README, a template). */
  readonly prefixes: readonly string[];
}

/** Records, and those whose file name holds each number. */
export interface EarlyCatalogue {
  readonly all: readonly EarlyRecord[];
  /**
   * Keyed by a run of digits of the file name without its leading zeros (`0042-x.md` under
   * `42`, `000.md` under `0`): the records whose name the test `(?:^|\D)0*N(?:\D|$)` matches
   * for that `N`, in the order of `all`.
   */
  readonly byNumber: ReadonlyMap<string, readonly EarlyRecord[]>;
}

/**
 * @param records absolute POSIX paths of the files of the decision folders and logs.
 * @param folders the workspace's decision folders and logs.
 * @returns the catalogue, in one pass over `records` (linear in their names' length).
 */
export function earlyCatalogue(records: readonly string[], folders: readonly DecisionFolder[]): EarlyCatalogue {
  const all: EarlyRecord[] = [];
  const byNumber = new Map<string, EarlyRecord[]>();
  for (const path of records) {
    const folder = isDecisionFile(path, folders);
    const record: EarlyRecord = { path, name: basename(path).toLowerCase(), prefixes: folder ? prefixesOf(folder) : [] };
    all.push(record);
    for (const key of new Set((record.name.match(/\d+/g) ?? []).map((run) => run.replace(/^0+(?=\d)/, '')))) {
      const list = byNumber.get(key);
      if (list) list.push(record);
      else byNumber.set(key, [record]);
    }
  }
  return { all, byNumber };
}
