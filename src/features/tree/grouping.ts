/**
 * How the Decisions view groups, orders and filters decisions. No `vscode` import, so it is unit
 * tested over records parsed from the corpus.
 */
import type { IndexedDecision } from '../../core/index';
import type { StatusKind } from '../../core/model';
import { basename, relative } from '../../core/paths';

/** The Decisions view's grouping modes. */
export type GroupMode = 'status' | 'folder' | 'tag' | 'year' | 'drift';

/** All modes, in the order the "Group By" quick pick lists them. */
export const GROUP_MODES: readonly GroupMode[] = ['status', 'folder', 'tag', 'year', 'drift'];

/** Status groups in display order: what needs attention (proposed) first. */
export const STATUS_ORDER: readonly StatusKind[] = ['proposed', 'draft', 'on-hold', 'accepted', 'rejected', 'not-implemented', 'deprecated', 'superseded', 'unknown'];

/** One group of the view. */
export interface DecisionGroup {
  /** Stable key: the status kind, folder path, tag (lower case), year, or `''` for "none". */
  readonly key: string;
  /** What kind of group it is, so the view can label and decorate it. */
  readonly mode: GroupMode;
  /** Label parts the view turns into text: the status kind, folder label, tag or year. */
  readonly name: string;
  readonly decisions: readonly IndexedDecision[];
}

/** Orders decisions by prefix, then number, then id as displayed, then path. */
export function compareDecisions(a: IndexedDecision, b: IndexedDecision): number {
  if (a.prefix !== b.prefix) return a.prefix < b.prefix ? -1 : 1;
  const na = a.identity.number ?? Number.POSITIVE_INFINITY;
  const nb = b.identity.number ?? Number.POSITIVE_INFINITY;
  if (na !== nb) return na < nb ? -1 : 1;
  if (a.display !== b.display) return a.display < b.display ? -1 : 1;
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.range.start.line - b.range.start.line;
}

/**
 * Groups decisions for the view.
 * - `status`: in {@link STATUS_ORDER}, proposed first; empty groups left out.
 * - `folder`: one group per decision folder or log, by path; `name` is the path relative to its
 *   workspace root (`rootOf`), or the file name for a log.
 * - `tag`: one group per tag (case-insensitive, a decision with several tags is in several
 *   groups), alphabetical; untagged decisions last with key `''`.
 * - `year`: the year of the decision's date, newest first; undated last with key `''`.
 * - `drift`: accepted decisions by commits since their acceptance (from git, `driftOf`), most
 *   first: `50+`, `10-49`, `1-9`, `0`; the others (not accepted, no history) last with key `''`;
 *   inside a group the most drifted first.
 * Decisions inside a group are ordered by {@link compareDecisions} (drift: by commits first).
 *
 * @param rootOf returns the workspace root of a path (for folder labels), if known.
 * @param driftOf commits since acceptance of an accepted decision (`undefined` when unknown).
 */
export function groupDecisions(
  decisions: readonly IndexedDecision[],
  mode: GroupMode,
  rootOf: (path: string) => string | undefined = () => undefined,
  driftOf: (d: IndexedDecision) => number | undefined = () => undefined,
): DecisionGroup[] {
  const groups = new Map<string, { name: string; decisions: IndexedDecision[] }>();
  const add = (key: string, name: string, d: IndexedDecision): void => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name, decisions: [] }));
    g.decisions.push(d);
  };
  for (const d of decisions) {
    switch (mode) {
      case 'status':
        add(d.status.kind, d.status.kind, d);
        break;
      case 'folder': {
        const root = rootOf(d.folder.path);
        const name = d.folder.kind === 'log' ? basename(d.folder.path) : root ? relative(root, d.folder.path) || '.' : d.folder.path;
        add(d.folder.path, name, d);
        break;
      }
      case 'tag':
        if (d.tags.length === 0) add('', '', d);
        for (const tag of new Set(d.tags.map((t) => t.trim()).filter((t) => t !== ''))) {
          const key = tag.toLowerCase();
          if (!groups.has(key)) add(key, tag, d);
          else if (!groups.get(key)?.decisions.includes(d)) groups.get(key)?.decisions.push(d);
        }
        break;
      case 'year': {
        const year = /^(\d{4})/.exec(d.date ?? '')?.[1] ?? '';
        add(year, year, d);
        break;
      }
      case 'drift': {
        const bucket = driftBucket(d.status.kind === 'accepted' ? driftOf(d) : undefined);
        add(bucket, bucket, d);
        break;
      }
    }
  }
  const out: DecisionGroup[] = [...groups.entries()].map(([key, g]) => ({
    key,
    mode,
    name: g.name,
    decisions: [...g.decisions].sort(mode === 'drift' ? (a, b) => (driftOf(b) ?? -1) - (driftOf(a) ?? -1) || compareDecisions(a, b) : compareDecisions),
  }));
  out.sort((a, b) => compareGroups(mode, a.key, b.key));
  return out;
}

function compareGroups(mode: GroupMode, a: string, b: string): number {
  if (mode === 'status') return STATUS_ORDER.indexOf(a as StatusKind) - STATUS_ORDER.indexOf(b as StatusKind);
  if (a === '' || b === '') return a === b ? 0 : a === '' ? 1 : -1;
  if (mode === 'year') return a < b ? 1 : a > b ? -1 : 0;
  if (mode === 'drift') return DRIFT_BUCKETS.indexOf(a) - DRIFT_BUCKETS.indexOf(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Says whether a decision matches the view's filter text: every whitespace-separated term must
 * occur (case-insensitively) in its id, title, status, date, tags, decision makers or file name.
 * An empty filter matches everything.
 */
export function matchesFilter(d: IndexedDecision, filter: string): boolean {
  const terms = filter.toLowerCase().split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) return true;
  const haystack = [d.display, d.key, d.title, d.status.kind, d.status.text, d.date ?? '', ...d.tags, ...d.decisionMakers, basename(d.path)]
    .join('\n')
    .toLowerCase();
  return terms.every((t) => haystack.includes(t));
}

/** Drift groups, most drifted first. */
export const DRIFT_BUCKETS: readonly string[] = ['50+', '10-49', '1-9', '0'];

/** @returns the drift group of a number of commits since acceptance (`''`: no drift known). */
export function driftBucket(commits: number | undefined): string {
  if (commits === undefined) return '';
  if (commits >= 50) return '50+';
  if (commits >= 10) return '10-49';
  if (commits >= 1) return '1-9';
  return '0';
}
