/**
 * Consistency checks over the decision index, shared by `decision-lens check` and the editor's
 * diagnostics.
 *
 * Codes and severities:
 * - `unknown-decision` (error): a citation of a decision that does not exist: an id; a path into
 *   a decision folder that is no record, written in code; a Markdown link into a decision folder
 *   that is no record (in documents and in records). Bare paths in Markdown prose are not
 *   reported: they are mostly examples of file names.
 * - `cites-superseded` (warning): a citation in code or documents of a superseded decision; the
 *   message names the successor when one is known. `cites-deprecated`, `cites-rejected` (warning)
 *   likewise. Records citing superseded records are history, not a problem.
 * - `link-path` (warning): a Markdown link names a record's file, but its folders are wrong (the
 *   file is not where the link leads, e.g. after a move); the message gives the right path.
 * - `duplicate-id` (error): two records of the same project share a key (`ADR-5`).
 * - `broken-relation` (error): a relation (supersedes, amends, ...) whose target is no record.
 * - `one-way-relation` (warning): `A supersedes B` while B neither says it is superseded by A nor
 *   has the status superseded; `A amends B` / `A clarifies B` without the inverse link in B
 *   (and the mirror cases). `relates-to` links need no way back, and neither do amends and
 *   clarifies between entries of a decision log (a log is written append-only).
 * - `status-conflict` (warning): a record whose status says proposed or draft while another
 *   record says it supersedes it (or it says it is superseded by one).
 * - `folder-missing` (error): `.adr-dir`, `.log4brains.yml` or `adr.config.json` names a folder
 *   that does not exist (reported on the config file's first line).
 * - the parser's problems (`yaml-invalid`, `missing-title`, ...) as the parser reports them.
 */
import type { DecisionIndex, IndexedDecision, ResolvedCitation } from './index';
import type { Problem, Range, StatusKind } from './model';
import { INVERSE_RELATION } from './model';
import { basename, dirname, join, relative } from './paths';


/** Statuses whose citation deserves a warning. */
const STALE: Partial<Record<StatusKind, string>> = {
  superseded: 'cites-superseded',
  deprecated: 'cites-deprecated',
  rejected: 'cites-rejected',
  'not-implemented': 'cites-not-implemented',
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

  const citationProblems: Problem[] = [];
  for (const c of index.allCitations()) {
    if (!include(c.path)) continue;
    const p = citationProblem(index, c);
    if (p) citationProblems.push(p);
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

  for (const f of index.getFolders()) {
    if (!f.missing || f.configFile === undefined || !include(f.configFile)) continue;
    problems.push({
      code: 'folder-missing',
      severity: 'error',
      message: `${basename(f.configFile)} names the decision folder ${relative(dirname(f.configFile), f.path) || '.'}, which does not exist`,
      path: f.configFile,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    });
  }

  for (const d of decisions) {
    if (!include(d.path) || (d.status.kind !== 'proposed' && d.status.kind !== 'draft')) continue;
    const by = index.relationsOf(d).find((r) => r.relation.kind === 'superseded-by' && r.target !== undefined && r.target !== d);
    if (!by?.target) continue;
    problems.push({
      code: 'status-conflict',
      severity: 'warning',
      message: `${d.display} is ${d.status.kind}${d.status.text ? ` ("${d.status.text}")` : ''} but ${by.target.display} (${by.target.title}) supersedes it`,
      path: d.path,
      range: d.titleRange,
    });
  }

  const brokenLines = new Set<string>();
  for (const d of decisions) {
    if (!include(d.path)) continue;
    for (const { relation, target } of index.relationsOf(d)) {
      if ('derived' in relation) continue;
      if (!target) {
        brokenLines.add(`${d.path}\u0000${relation.range.start.line}`);
        problems.push({
          code: 'broken-relation',
          severity: 'error',
          message: `${relation.verb} ${relation.target.text}: no such decision`,
          path: d.path,
          range: relation.range,
        });
        continue;
      }
      if (relation.kind === 'relates-to' || target === d) continue;
      const inverse = INVERSE_RELATION[relation.kind];
      const back = target.relations.some((r) => r.kind === inverse && index.resolveRef(r.target, target) === d);
      if (back) continue;
      // A superseded record that says so in its status (without a link) is consistent enough.
      if (relation.kind === 'supersedes' && target.status.kind === 'superseded') continue;
      if (relation.kind === 'superseded-by' && target.relations.length === 0 && d.status.kind === 'superseded') continue;
      // A decision log is append-only: later entries amend or clarify earlier ones without edits.
      if (d.folder.kind === 'log' && target.folder.kind === 'log' && relation.kind !== 'supersedes' && relation.kind !== 'superseded-by') continue;
      problems.push({
        code: 'one-way-relation',
        severity: 'warning',
        message: `${d.display} says "${relation.verb} ${target.display}" but ${target.display} does not link back`,
        path: d.path,
        range: relation.range,
      });
    }
  }

  // A broken relation line is reported once, as a broken relation, not again as a citation.
  for (const p of citationProblems) {
    if (p.code === 'unknown-decision' && brokenLines.has(`${p.path}\u0000${p.range.start.line}`)) continue;
    problems.push(p);
  }
  problems.sort(compareProblems);
  return problems;
}

/** @returns the problem with one resolved citation, or `undefined` when it is fine. */
export function citationProblem(index: DecisionIndex, c: ResolvedCitation): Problem | undefined {
  const d = c.decision;
  if (!d) {
    if ((c.form === 'path' || c.form === 'link') && !index.pointsIntoDecisionFolder(c, c.path)) return undefined;
    // `RFC 3986`, `RFC 8032`: an IETF RFC (four digits and more, no zero padding), not a design RFC of the workspace.
    if (c.form === 'id' && c.prefix === 'RFC' && c.number !== undefined && c.number >= 1000 && !/\b0\d/.test(c.text)) return undefined;
    // A bare file name in Markdown prose is usually an example of a name (`0001-title.md`); a
    // reference to a record in Markdown is a link, and broken links are reported.
    if (c.form === 'path' && (c.inRecord === true || /\.(md|markdown|mdx)$/i.test(c.path))) return undefined;
    return {
      code: 'unknown-decision',
      severity: 'error',
      message:
        c.form === 'path' || c.form === 'link'
          ? `${c.citedPath ?? c.text} is not a decision record`
          : `${c.text} is not a known decision`,
      path: c.path,
      range: c.range,
    };
  }
  if (c.form === 'link' && c.citedPath !== undefined && !c.citedPath.startsWith('/')) {
    const written = c.citedPath.replace(/\\/g, '/');
    const leadsTo = join(dirname(c.path), written);
    if (leadsTo !== d.path) {
      return {
        code: 'link-path',
        severity: 'warning',
        message: `${written} does not lead to ${d.display} (${d.title}); its file is ${relative(dirname(c.path), d.path)}`,
        path: c.path,
        range: c.range,
      };
    }
  }
  const code = STALE[d.status.kind];
  if (!code || c.inRecord === true) return undefined;
  // A folder's README or index lists its rejected and superseded records on purpose.
  if (index.getFolders().some((f) => f.kind === 'folder' && c.path.startsWith(f.path + '/'))) return undefined;
  const successor = d.status.kind === 'superseded' ? index.latestSuccessorOf(d) : undefined;
  const hint = successor ? `; cite ${successor.display} (${successor.title}) instead` : '';
  return {
    code,
    severity: 'warning',
    message: `${d.display} (${d.title}) is ${d.status.kind}${hint}`,
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
