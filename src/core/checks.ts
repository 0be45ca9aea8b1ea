/**
 * Consistency checks over the decision index, shared by `decision-lens check` and the editor's
 * diagnostics.
 *
 * Codes and severities:
 * - `unknown-decision` (error): a citation of a decision that does not exist (an id, or a path
 *   into a decision folder that is no record).
 * - `cites-superseded` (warning): a citation of a superseded decision; the message names the
 *   successor when one is known. `cites-deprecated`, `cites-rejected` (warning) likewise.
 * - `duplicate-id` (error): two records of the same project share a key (`ADR-5`).
 * - `broken-relation` (error): a relation (supersedes, amends, ...) whose target is no record.
 * - `one-way-relation` (warning): `A supersedes B` while B neither says it is superseded by A nor
 *   has the status superseded; `A amends B` / `A clarifies B` without the inverse link in B
 *   (and the mirror cases). `relates-to` links need no way back.
 * - the parser's problems (`yaml-invalid`, `missing-title`, ...) as the parser reports them.
 */
import type { DecisionIndex, IndexedDecision, ResolvedCitation } from './index';
import type { Problem, Range, RelationKind, StatusKind } from './model';

const INVERSE: Partial<Record<RelationKind, RelationKind>> = {
  supersedes: 'superseded-by',
  'superseded-by': 'supersedes',
  amends: 'amended-by',
  'amended-by': 'amends',
  clarifies: 'clarified-by',
  'clarified-by': 'clarifies',
};

/** Statuses whose citation deserves a warning. */
const STALE: Partial<Record<StatusKind, string>> = {
  superseded: 'cites-superseded',
  deprecated: 'cites-deprecated',
  rejected: 'cites-rejected',
};

/** Options of {@link checkIndex}. */
export interface CheckOptions {
  /** Only check these files (records and sources); default: all. */
  readonly paths?: ReadonlySet<string>;
}

/**
 * Runs every check over the index.
 * @param index a filled index.
 * @param options restrict the problems to some files.
 * @returns problems sorted by path, line and column. Never throws.
 */
export function checkIndex(index: DecisionIndex, options: CheckOptions = {}): Problem[] {
  const wanted = options.paths;
  const include = (path: string): boolean => wanted === undefined || wanted.has(path);
  const problems: Problem[] = [];

  for (const c of index.allCitations()) {
    if (!include(c.path)) continue;
    const p = citationProblem(index, c);
    if (p) problems.push(p);
  }

  const decisions = index.decisions();
  const seen = new Map<string, IndexedDecision[]>();
  for (const d of decisions) {
    if (include(d.path)) problems.push(...d.problems);
    const groupKey = `${d.folder.root ?? ''}\u0000${d.key}`;
    const list = seen.get(groupKey);
    if (list) list.push(d);
    else seen.set(groupKey, [d]);
  }
  for (const list of seen.values()) {
    if (list.length < 2) continue;
    for (const d of list) {
      if (!include(d.path)) continue;
      const others = list.filter((o) => o !== d).map((o) => o.path.slice(o.path.lastIndexOf('/') + 1));
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        message: `${d.display} is also the id of ${others.join(', ')}`,
        path: d.path,
        range: d.titleRange,
      });
    }
  }

  for (const d of decisions) {
    if (!include(d.path)) continue;
    for (const { relation, target } of index.relationsOf(d)) {
      if ('derived' in relation) continue;
      if (!target) {
        problems.push({
          code: 'broken-relation',
          severity: 'error',
          message: `${relation.verb} ${relation.target.text}: no such decision`,
          path: d.path,
          range: relation.range,
        });
        continue;
      }
      const inverse = INVERSE[relation.kind];
      if (!inverse || target === d) continue;
      const back = target.relations.some((r) => r.kind === inverse && index.resolveRef(r.target, target) === d);
      if (back) continue;
      // A superseded record that says so in its status (without a link) is consistent enough.
      if (relation.kind === 'supersedes' && target.status.kind === 'superseded') continue;
      if (relation.kind === 'superseded-by' && target.relations.length === 0 && d.status.kind === 'superseded') continue;
      problems.push({
        code: 'one-way-relation',
        severity: 'warning',
        message: `${d.display} says "${relation.verb} ${target.display}" but ${target.display} does not link back`,
        path: d.path,
        range: relation.range,
      });
    }
  }

  problems.sort(compareProblems);
  return problems;
}

/** @returns the problem with one resolved citation, or `undefined` when it is fine. */
export function citationProblem(index: DecisionIndex, c: ResolvedCitation): Problem | undefined {
  const d = c.decision;
  if (!d) {
    if ((c.form === 'path' || c.form === 'link') && !index.pointsIntoDecisionFolder(c, c.path)) return undefined;
    return {
      code: 'unknown-decision',
      severity: 'error',
      message: `${c.text} cites no known decision`,
      path: c.path,
      range: c.range,
    };
  }
  const code = STALE[d.status.kind];
  if (!code) return undefined;
  const successor = d.status.kind === 'superseded' ? index.latestSuccessorOf(d) : undefined;
  const hint = successor ? `; cite ${successor.display} (${successor.title}) instead` : '';
  return {
    code,
    severity: 'warning',
    message: `${c.text} cites ${d.display} (${d.title}), which is ${d.status.kind}${hint}`,
    path: c.path,
    range: c.range,
  };
}

function compareRange(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

function compareProblems(a: Problem, b: Problem): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return compareRange(a.range, b.range) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
