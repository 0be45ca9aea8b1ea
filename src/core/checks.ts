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
 * - `ambiguous-citation` (warning): a citation in code or documents of an id two records share
 *   (`@ADR(28)` with `0028-a.md` and `0028-b.md`); the message names both; the citation resolves
 *   to the first by path until it names one by path.
 * - `record-moved` (info): a path or URL in code names a record's file in a folder it is no longer
 *   in (`docs/architecture/adr-047-x.md`, now `docs/references/architecture/...`).
 * - Not problems: a path to a decision log (a citation of the log), a URL to another repository's
 *   record (external), a citation of a superseded decision in a sentence that also cites its successor.
 * - `duplicate-id` (error): two records of the same project share a key (`ADR-5`).
 * - `broken-relation` (error): a relation (supersedes, amends, ...) whose target is no record.
 * - `one-way-relation` (warning): `A supersedes B` while B neither says it is superseded by A nor
 *   has the status superseded; `A amends B` / `A clarifies B` without the inverse link in B
 *   (and the mirror cases). `relates-to` links need no way back, and neither do amends and
 *   clarifies between entries of a decision log (a log is written append-only).
 * - `record-unreadable` (warning): a citation that no record answers, while a record file the
 *   host could not read (`CheckOptions.unreadable`: too large, binary, ...) would have: its file
 *   name gives that id, or the citation's path leads to it. Reported instead of `unknown-decision`.
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
import { isDecisionFile } from './discovery';
import { identityFromFileName } from './parse/identity';
import { prefixesOf } from './prefixes';


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
  /**
   * Files the host did not read (absolute paths, with a reason such as `over 2 MB`), so citations
   * of records among them are `record-unreadable`, not `unknown-decision`.
   */
  readonly unreadable?: readonly UnreadableFile[];
}

/** A file that was not read, and why in a few words (`over 2 MB`, `binary (NUL bytes)`). */
export interface UnreadableFile {
  readonly path: string;
  readonly reason: string;
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
  const unreadable = unreadableRecords(index, options.unreadable ?? []);

  const citationProblems: Problem[] = [];
  const all = index.allCitations().filter((c) => include(c.path));
  // Citations by file and sentence, for the context rules.
  const bySentence = new Map<string, ResolvedCitation[]>();
  for (const c of all) {
    if (c.sentence === undefined) continue;
    const k = `${c.path}\u0000${c.sentence}`;
    const list = bySentence.get(k);
    if (list) list.push(c);
    else bySentence.set(k, [c]);
  }
  for (const c of all) {
    const sentence = c.sentence !== undefined ? (bySentence.get(`${c.path}\u0000${c.sentence}`) ?? []) : [];
    const p = citationProblem(index, c, sentence);
    if (p?.code === 'unknown-decision' && unreadable.length > 0) {
      const record = unreadable.find((u) => u.matches(c));
      if (record) {
        citationProblems.push({
          code: 'record-unreadable',
          severity: 'warning',
          message: `${c.text}: its record ${relative(dirname(c.path), record.path)} could not be read (${record.reason})`,
          path: c.path,
          range: c.range,
        });
        continue;
      }
    }
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

/**
 * @param sentence the citations of the same sentence (`c` among them): a citation of a superseded
 *   decision whose sentence also cites a successor (`ADR-0012 (which supersedes ADR-0007)`) is
 *   history told, not a stale citation.
 * @returns the problem with one resolved citation, or `undefined` when it is fine.
 */
export function citationProblem(index: DecisionIndex, c: ResolvedCitation, sentence: readonly ResolvedCitation[] = []): Problem | undefined {
  const d = c.decision;
  // A path to a decision log cites the log; a URL to another repository's record is external.
  if (!d && (c.log !== undefined || c.external === true)) return undefined;
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
  if (c.candidates !== undefined && c.candidates.length > 1 && c.inRecord !== true) {
    const names = c.candidates.map((o) => `${o.display} (${shortestPath(c.path, o)})`);
    return {
      code: 'ambiguous-citation',
      severity: 'warning',
      message: `${c.text} may mean ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}; cite one by path`,
      path: c.path,
      range: c.range,
    };
  }
  if (c.form === 'link' && c.url === undefined && c.citedPath !== undefined && !c.citedPath.startsWith('/')) {
    const written = c.citedPath.replace(/\\/g, '/');
    const leadsTo = join(dirname(c.path), written);
    // A path in code also works from the workspace (project) root: `docs/adr/0005-x.md`.
    const fromRoot = !isMarkdownPath(c.path) && !written.startsWith('.') && d.path.endsWith('/' + written);
    if (leadsTo !== d.path && !fromRoot) {
      return {
        code: 'link-path',
        severity: 'warning',
        message: `${written} does not lead to ${d.display} (${d.title}); its file is ${shortestPath(c.path, d)}`,
        path: c.path,
        range: c.range,
      };
    }
  }
  if (c.moved === true && c.form === 'path' && c.inRecord !== true) {
    return {
      code: 'record-moved',
      severity: 'info',
      message: `${c.citedPath ?? c.text} names ${d.display} (${d.title}), which is now ${shortestPath(c.path, d)}`,
      path: c.path,
      range: c.range,
    };
  }
  const code = STALE[d.status.kind];
  if (!code || c.inRecord === true) return undefined;
  if (sentence.some((o) => o !== c && o.decision !== undefined && o.decision !== d && isSuccessor(index, d, o.decision))) return undefined;
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

/**
 * The unread files that are records (by their place in a decision folder, or a decision log
 * itself), each with a test whether a citation would have cited it.
 */
function unreadableRecords(index: DecisionIndex, files: readonly UnreadableFile[]): { path: string; reason: string; matches: (c: ResolvedCitation) => boolean }[] {
  const folders = index.getFolders();
  const out: { path: string; reason: string; matches: (c: ResolvedCitation) => boolean }[] = [];
  for (const file of files) {
    const folder = isDecisionFile(file.path, folders);
    if (!folder) continue;
    const name = identityFromFileName(file.path);
    const prefixes = new Set(prefixesOf(folder).map((x) => x.toUpperCase()));
    const matches = (c: ResolvedCitation): boolean => {
      if (c.form === 'path' || c.form === 'link') {
        const cited = c.citedPath?.replace(/\\/g, '/');
        if (cited === undefined || cited === '') return false;
        return join(dirname(c.path), cited) === file.path || (!cited.startsWith('.') && file.path.endsWith('/' + cited.replace(/^\/+/, '')));
      }
      if (c.prefix !== undefined && !prefixes.has(c.prefix.toUpperCase())) return false;
      // Every entry of an unread decision log is unknown: any id with the log's prefix.
      if (folder.kind === 'log') return c.prefix !== undefined;
      if (c.number !== undefined) return c.number === name.number;
      return c.slug !== undefined && name.slug !== undefined && c.slug.toLowerCase() === name.slug.toLowerCase();
    };
    out.push({ path: file.path, reason: file.reason, matches });
  }
  return out;
}

/** Whether `later` supersedes `d`, directly or down the chain (cycle-safe). */
function isSuccessor(index: DecisionIndex, d: IndexedDecision, later: IndexedDecision): boolean {
  const seen = new Set<IndexedDecision>([d]);
  let current = index.successorOf(d);
  while (current && !seen.has(current)) {
    if (current === later) return true;
    seen.add(current);
    current = index.successorOf(current);
  }
  return false;
}

function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown|mdx)$/i.test(path);
}

/**
 * The shortest path that leads from a citing file to a record: relative to the file, or, in code
 * (where a path also resolves from the workspace root), relative to the record's project root.
 */
export function shortestPath(fromFile: string, d: IndexedDecision): string {
  const rel = relative(dirname(fromFile), d.path);
  if (isMarkdownPath(fromFile) || d.folder.root === undefined) return rel;
  const fromRoot = relative(d.folder.root, d.path);
  return fromRoot.length < rel.length && !fromRoot.startsWith('..') ? fromRoot : rel;
}

function compareRange(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

function compareProblems(a: Problem, b: Problem): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return compareRange(a.range, b.range) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
