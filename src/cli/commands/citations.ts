/**
 * `decision-lens citations [--json] [--root DIR] [--anywhere]`: every citation found, one per line.
 *
 * Text: `src/a.ts:12:5: ADR-0005 -> ADR-0005 (docs/adr/0005-x.md)`; `-> unresolved` when it
 * resolves to nothing; `-> ambiguous: ADR-0028 (a.md), ADR-0028 (b.md)` when several records share
 * the id; `-> log docs/DECISIONS.md` for a path to a decision log; `-> external` for a URL to
 * another repository's record; `(moved)` when a path or URL found the record by file name only.
 * A summary line follows (citations, resolved, unresolved, files).
 *
 * JSON: an array of `{ path, line, column, text, decisions: [{ id, path }] }` (paths relative to
 * the root, POSIX; line and column 1-based; `decisions` empty when unresolved, several when
 * ambiguous), with `log`, `external: true`, `moved: true` and `inRecord: true` when they apply.
 * Sorted by path, line and column. Links and paths to Markdown files that are no records and
 * lie in no decision folder (a guide, a README) are not listed.
 */
import type { IndexedDecision, ResolvedCitation } from '../../core/index';
import type { ScanResult } from '../scan';
import { rel } from '../format';

/** One citation as `citations --json` prints it. */
export interface CitationJson {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly decisions: readonly { readonly id: string; readonly path: string }[];
  readonly log?: string;
  readonly external?: true;
  readonly moved?: true;
  readonly inRecord?: true;
}

/** Streams of one run (the CLI's `CliIO` subset this command needs). */
export interface CitationsIO {
  readonly stdout: (text: string) => void;
}

function compare(a: ResolvedCitation, b: ResolvedCitation): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** @returns the decisions a resolved citation names: every candidate when ambiguous. */
function decisionsOf(c: ResolvedCitation): readonly IndexedDecision[] {
  if (c.candidates !== undefined && c.candidates.length > 1) return c.candidates;
  return c.decision ? [c.decision] : [];
}

/**
 * Builds the JSON entries of every citation in the scanned folder.
 * @param scan the index of the folder.
 * @param root the folder (absolute POSIX path) paths are relative to.
 */
export function citationsJson(scan: ScanResult, root: string): CitationJson[] {
  const index = scan.index;
  return index
    .allCitations()
    // A link or path to some other Markdown file (a guide, a README) cites no decision.
    .filter((c) => c.decision !== undefined || c.log !== undefined || c.external === true || (c.form !== 'path' && c.form !== 'link') || index.pointsIntoDecisionFolder(c, c.path))
    .sort(compare)
    .map((c) => ({
      path: rel(root, c.path),
      line: c.range.start.line + 1,
      column: c.range.start.character + 1,
      text: c.text,
      decisions: decisionsOf(c).map((d) => ({ id: d.display, path: rel(root, d.path) })),
      ...(c.log !== undefined ? { log: rel(root, c.log) } : {}),
      ...(c.external === true ? { external: true as const } : {}),
      ...(c.moved === true ? { moved: true as const } : {}),
      ...(c.inRecord === true ? { inRecord: true as const } : {}),
    }));
}

/**
 * Runs `decision-lens citations`.
 * @returns the exit code: 0 (listing citations is no check; `check` fails builds).
 */
export function citationsCommand(scan: ScanResult, root: string, io: CitationsIO, json: boolean): number {
  const entries = citationsJson(scan, root);
  if (json) {
    io.stdout(JSON.stringify(entries, null, 2) + '\n');
    return 0;
  }
  const lines = entries.map((e) => {
    const where = `${e.path}:${e.line}:${e.column}: ${e.text.replace(/\s+/g, ' ')} -> `;
    const moved = e.moved === true ? ' (moved)' : '';
    if (e.decisions.length > 1) return where + 'ambiguous: ' + e.decisions.map((d) => `${d.id} (${d.path})`).join(', ');
    if (e.decisions.length === 1) return where + `${e.decisions[0].id} (${e.decisions[0].path})${moved}`;
    if (e.log !== undefined) return where + `log ${e.log}${moved}`;
    if (e.external === true) return where + 'external';
    return where + 'unresolved';
  });
  const resolved = entries.filter((e) => e.decisions.length > 0 || e.log !== undefined).length;
  const files = new Set(entries.map((e) => e.path)).size;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(entries.length, 'citation')} in ${plural(files, 'file')}: ${resolved} resolved, ${entries.length - resolved} not`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
