/**
 * Text and JSON renderings of decisions and problems for the command line.
 */
import type { DecisionFolder } from '../core/config';
import type { DecisionIndex, IndexedDecision, ResolvedCitation } from '../core/index';
import type { Problem, StatusKind } from '../core/model';
import { relative } from '../core/paths';
import type { SkippedFile } from './nodeWorkspace';

/** Order of statuses when grouping: open questions first. */
export const STATUS_ORDER: readonly StatusKind[] = ['proposed', 'draft', 'on-hold', 'accepted', 'rejected', 'not-implemented', 'deprecated', 'superseded', 'unknown'];

/** How `list` groups decisions. */
export type GroupBy = 'status' | 'folder' | 'tag';

/** A decision as `list --json` and `show --json` print it. */
export interface DecisionJson {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly status: StatusKind;
  readonly statusText: string;
  /** Set when the status is the owning tool's default (`log4brains`), not written in the record. */
  readonly statusDefaultOf?: string;
  readonly date?: string;
  readonly path: string;
  readonly line: number;
  readonly folder: string;
  readonly package?: string;
  readonly format: string;
  readonly decisionMakers: readonly string[];
  readonly tags: readonly string[];
  readonly supersededBy?: string;
  readonly relations: readonly { kind: string; verb: string; target: string; resolved?: string; derived?: boolean }[];
}

/**
 * Characters a terminal may act on or that reorder what is shown: C0 controls, DEL, C1 controls
 * (U+0080-U+009F, `\u009b` is a CSI on some terminals), line and paragraph separators, and the
 * bidirectional marks, embeddings, overrides and isolates ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What `JSON.stringify` leaves as it is of {@link CONTROLS} (it escapes C0 controls itself). */
const CONTROLS_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * Escapes control characters for a terminal: `ESC` → `\x1b`, a newline → `\n`, U+202E →
 * `\u{202e}` (see {@link CONTROLS}).
 * @param keepLines keep `\n` and tabs (multi-line text output); a `\r` is always escaped.
 * @returns text safe to print; printable text is returned as it is.
 */
export function escapeControls(text: string, keepLines = false): string {
  return text.replace(keepLines ? CONTROLS_BUT_LINES : CONTROLS, escapeChar);
}

/**
 * JSON for stdout: `JSON.stringify` (which escapes C0 controls) with C1 controls, line
 * separators and bidirectional controls escaped as `\uXXXX` too. Parses to the same value.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(CONTROLS_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Why a file was skipped, in a few words: `over 2 MB`, `not a regular file (FIFO)`. Never names a link's target. */
export function skipReasonText(s: SkippedFile): string {
  switch (s.reason) {
    case 'too-large':
      return `over ${s.detail ?? '2 MB'}`;
    case 'binary':
      return 'binary (NUL bytes)';
    case 'binary-name':
      return 'binary file name';
    case 'unreadable':
      return s.detail !== undefined ? `unreadable (${s.detail})` : 'unreadable';
    case 'not-regular':
      return `not a regular file (${s.detail ?? 'special file'})`;
    case 'outside-root':
      return s.detail === 'folder' ? 'symbolic link to a folder outside the root' : 'symbolic link to a file outside the root';
    case 'too-deep':
      return `folder nested deeper than ${s.detail ?? 'the limit'} levels`;
    case 'unsupported-name':
      return 'a backslash in the name';
  }
}

/** A path relative to the root for text output, control characters escaped. */
export function shownPath(root: string, path: string): string {
  return escapeControls(rel(root, path));
}

/** Relative path for display; the root itself prints as `.`. */
export function rel(root: string, path: string): string {
  // A path below the root prints as the rest of it, as the file system names it (a `\\` in a name
  // stays a `\\`; `relative` would read it as a separator).
  const prefix = root.endsWith('/') ? root : root + '/';
  if (path.startsWith(prefix) && path.length > prefix.length) return path.slice(prefix.length);
  return relative(root, path) || '.';
}

/** Folder label: its path relative to the root, with the log4brains package name. */
export function folderLabel(root: string, folder: DecisionFolder): string {
  const label = rel(root, folder.path);
  return folder.package !== undefined ? `${label} (package ${folder.package})` : label;
}

/** @returns the JSON form of a decision. */
export function decisionJson(index: DecisionIndex, root: string, d: IndexedDecision): DecisionJson {
  const successor = index.successorOf(d);
  return {
    id: d.display,
    key: d.key,
    title: d.title,
    status: d.status.kind,
    statusText: d.status.text,
    ...(d.status.defaultOf !== undefined ? { statusDefaultOf: d.status.defaultOf } : {}),
    ...(d.date !== undefined ? { date: d.date } : {}),
    path: rel(root, d.path),
    line: d.range.start.line + 1,
    folder: rel(root, d.folder.path),
    ...(d.folder.package !== undefined ? { package: d.folder.package } : {}),
    format: d.format,
    decisionMakers: d.decisionMakers,
    tags: d.tags,
    ...(successor ? { supersededBy: successor.display } : {}),
    relations: index.relationsOf(d).map(({ relation, target }) => ({
      kind: relation.kind,
      verb: relation.verb,
      target: relation.target.text,
      ...(target ? { resolved: target.display } : {}),
      ...('derived' in relation ? { derived: true } : {}),
    })),
  };
}

/** Groups decisions; groups and their members come in a stable, useful order. */
export function groupDecisions(root: string, decisions: readonly IndexedDecision[], by: GroupBy): { name: string; decisions: IndexedDecision[] }[] {
  const groups = new Map<string, IndexedDecision[]>();
  const add = (name: string, d: IndexedDecision): void => {
    const list = groups.get(name);
    if (list) list.push(d);
    else groups.set(name, [d]);
  };
  for (const d of decisions) {
    if (by === 'status') add(d.status.kind, d);
    else if (by === 'folder') add(folderLabel(root, d.folder), d);
    else if (d.tags.length === 0) add('(no tags)', d);
    else for (const t of new Set(d.tags)) add(t, d);
  }
  const names = [...groups.keys()];
  if (by === 'status') names.sort((a, b) => STATUS_ORDER.indexOf(a as StatusKind) - STATUS_ORDER.indexOf(b as StatusKind));
  else names.sort((a, b) => (a === '(no tags)' ? 1 : b === '(no tags)' ? -1 : a.localeCompare(b)));
  return names.map((name) => ({ name, decisions: groups.get(name) ?? [] }));
}

/** One line per decision: id, status, date, title, path; columns padded to the widest entry. */
export function decisionLines(root: string, decisions: readonly IndexedDecision[], indent = ''): string[] {
  const idWidth = Math.max(0, ...decisions.map((d) => d.display.length));
  const statusWidth = Math.max(0, ...decisions.map((d) => d.status.kind.length));
  return decisions.map((d) => {
    const title = d.title.trim() === '' ? '(untitled)' : d.title;
    const location = d.folder.kind === 'log' ? `${rel(root, d.path)}:${d.range.start.line + 1}` : rel(root, d.path);
    return escapeControls(`${indent}${d.display.padEnd(idWidth)}  ${d.status.kind.padEnd(statusWidth)}  ${(d.date ?? '-').padEnd(10)}  ${title}  ${location}`);
  });
}

/** `path:line:col: severity: message [code]`, path relative to the root, line and column 1-based. */
export function problemLine(root: string, p: Problem): string {
  return escapeControls(`${rel(root, p.path)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]`);
}

/** `path:line:col` of a citation, 1-based. */
export function citationLocation(root: string, c: ResolvedCitation): string {
  return escapeControls(`${rel(root, c.path)}:${c.range.start.line + 1}:${c.range.start.character + 1}`);
}

/** The full text view of one decision for `show`. */
export function showDecision(index: DecisionIndex, root: string, d: IndexedDecision): string {
  const lines: string[] = [];
  lines.push(escapeControls(`${d.display}  ${d.title.trim() === '' ? '(untitled)' : d.title}`));
  const field = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') lines.push(`${(name + ':').padEnd(17)}${escapeControls(value)}`);
  };
  field(
    'Status',
    d.status.defaultOf !== undefined
      ? `${d.status.kind}, ${d.status.defaultOf}'s default`
      : d.status.text !== '' && d.status.text.toLowerCase() !== d.status.kind
        ? `${d.status.kind} (${d.status.text})`
        : d.status.kind,
  );
  field('Date', d.date);
  field('Decision makers', d.decisionMakers.join(', '));
  field('Consulted', d.consulted.join(', '));
  field('Informed', d.informed.join(', '));
  field('Tags', d.tags.join(', '));
  field('Path', d.folder.kind === 'log' ? `${rel(root, d.path)}:${d.range.start.line + 1}` : rel(root, d.path));
  field('Folder', folderLabel(root, d.folder));
  field('Format', d.format);
  field('Applies to', d.appliesTo.join(', '));
  const relations = index.relationsOf(d);
  if (relations.length > 0) {
    lines.push('Relations:');
    for (const { relation, target } of relations) {
      const what = target ? `${target.display} ${target.title}` : `${relation.target.text} (not found)`;
      lines.push(escapeControls(`  ${relation.verb} ${what}${'derived' in relation ? '  (stated by the other record)' : ''}`));
    }
  }
  const citations = index.citationsOf(d);
  lines.push(citations.length === 0 ? 'Cited in:        nowhere' : `Cited in (${citations.length}):`);
  for (const c of citations) lines.push(`  ${citationLocation(root, c)}  ${escapeControls(c.text)}`);
  const section = (name: string, text: string | undefined): void => {
    if (text === undefined || text.trim() === '') return;
    lines.push('', `${name}:`, ...text.trim().split(/\r?\n/).map((l) => (l === '' ? '' : `  ${escapeControls(l)}`)));
  };
  section('Context', d.sections.context);
  section('Considered options', d.sections.consideredOptions?.map((o) => `- ${o}`).join('\n'));
  section('Chosen option', d.sections.chosenOption);
  section('Decision', d.sections.decision);
  section('Consequences', d.sections.consequences);
  section('Trade-offs', d.sections.tradeOffs);
  for (const p of d.problems) lines.push(`Problem: ${problemLine(root, p)}`);
  return lines.join('\n');
}
