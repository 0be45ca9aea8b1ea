/**
 * Edits to existing decision records: change a status, add a supersede / amend link. Every edit
 * comes from where the parser read the record (`parse/places.ts`): a status edit replaces
 * exactly the range the status value was read from, a link is inserted at the place the
 * record's format keeps links, and when the parser has no such place the edit is refused with a
 * message (never a guess). Front matter is edited through the `yaml` CST, so comments, quoting,
 * key order and block styles stay as written. Line breaks are the file's own; a BOM stays first.
 *
 * The styles, per format:
 * - Nygard / adr-tools / dotnet-adr: the status is the first line of `## Status`; a superseded
 *   record's status becomes `Superseded by [12. Title](0012-title.md)` and other links are new
 *   paragraphs at the end of the section, as adr-tools' `adr new -s` and `adr link` write them.
 * - MADR 3 / 4 (YAML front matter): `status: superseded by ADR-0012` (the MADR template's
 *   wording) and the keys `supersedes`, `amends`, `amended-by` for the other links.
 * - MADR 2 / log4brains (`* Status:` / `- Status:` bullets): `superseded by [link](file)` in the
 *   status bullet and `Supersedes [link](file)` bullets in `## Links`, as log4brains writes them.
 * - decision log entries: `Status: Superseded` and `Supersedes: Title` / `Superseded by: Title` lines.
 *
 * {@link verifiedEdits} in `verify.ts` applies these in memory and reads the result back before
 * anything is written; editor commands and the CLI go through it.
 */
import { CST, Parser, stringify } from 'yaml';
import type { Decision, DecisionRef, Range } from '../model';
import { normaliseKey } from '../parse/frontMatter';
import { parseNumberedId } from '../parse/identity';
import type { ParseOptions } from '../parse/parseRecord';
import { parseRecordWithPlaces } from '../parse/parseRecord';
import type { LastParagraph, RecordPlaces, StatusPlace } from '../parse/places';
import { LineIndex } from '../parse/text';
import type { RelatedRecord } from './recordData';
import { RELATION_VERBS, capitalize, linkLabel, logReference, markdownLink } from './writers';

/** A replacement of `range` by `newText` (an insertion when the range is empty). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** The edits to make, or why the record cannot be edited safely. */
export type EditResult = { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly message: string };

/** The relation kinds these edits can write. */
export type LinkKind = 'supersedes' | 'superseded-by' | 'amends' | 'amended-by';

/**
 * Changes a record's status, replacing the value where the parser read it (front matter
 * `status`, the `Status:` bullet or line, the first line of `## Status`, a log entry's
 * `Status:` line), or adding one where the format keeps it when the record states none.
 *
 * @param text the record's file text (the whole file, also for a decision log entry; may start
 *   with a BOM and use LF, CRLF or CR line ends).
 * @param decision the decision as read from `text` (or a stale copy): its `path`, `format` and,
 *   in a decision log, the start line of its entry pick the record; the text is read again.
 * @param status the new status in lower case (`accepted`, `deprecated`, ...); each format
 *   writes it in its own case (`Accepted` in a `## Status` section).
 * @returns the edits, or `ok: false` with a message when the record has no place a status can
 *   be written (never a partial or destructive edit).
 */
export function statusEdits(text: string, decision: Decision, status: string): EditResult {
  const loc = locate(text, decision);
  if ('message' in loc) return { ok: false, message: loc.message };
  return setStatus(loc, { plain: status });
}

/**
 * Adds a relation from a record to another one, in the record's format.
 *
 * `superseded-by` also sets the status to superseded. A link that is already there is not
 * added twice (the result is then `ok` with no edits, or only the status change).
 *
 * @param text the record's file text.
 * @param decision the decision read from `text` (path, format, entry start line in a log).
 * @param kind the relation from this record's point of view: `superseded-by` on the old record,
 *   `supersedes` on the new one.
 * @param other the record it points to, with a link relative to this record's folder.
 * @returns the edits, or `ok: false` with a message (already superseded by another record, no
 *   place for the link, front matter that is not valid YAML).
 */
export function linkEdits(text: string, decision: Decision, kind: LinkKind, other: RelatedRecord): EditResult {
  if (/\.rst$/i.test(decision.path)) return { ok: false, message: `${decision.path} is reStructuredText: links are not written into it; add the link by hand.` };
  const loc = locate(text, decision);
  if ('message' in loc) return { ok: false, message: loc.message };
  return linkWith(loc, kind, other);
}

function linkWith(loc: Located, kind: LinkKind, other: RelatedRecord): EditResult {
  const current = loc.decision;
  const existing = current.relations.find((r) => r.kind === kind && refersTo(r.target, other));
  if (kind !== 'superseded-by') return existing ? { ok: true, edits: [] } : addRelation(loc, kind, other);
  if (existing) return current.status.kind === 'superseded' ? { ok: true, edits: [] } : setStatus(loc, { plain: 'superseded' });
  // Superseded by another record already: replacing that link would lose it (and leave the
  // other record's `Supersedes` pointing here), so the user changes it on purpose first.
  const elsewhere = current.relations.find((r) => r.kind === 'superseded-by');
  if (elsewhere) {
    return { ok: false, message: `${current.path} is already superseded by ${elsewhere.target.text}; change that link first.` };
  }
  return setStatus(loc, { supersededBy: other });
}

/**
 * Applies edits to a text (for previews, the CLI and tests; the editor applies them through a
 * `WorkspaceEdit`). Edits must not overlap. Positions are 0-based lines and UTF-16 columns of
 * `text` (a BOM counts as a column), lines ended by `\r\n`, `\r` or `\n`.
 * @returns the edited text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

/**
 * The parse options a record is read with for editing: a decision log entry as a log, and the
 * format the record was read as as the hint (a dotnet-adr folder stays dotnet-adr when its
 * `Superseded by ADR 2 - Title` status changes).
 */
export function editParseOptions(decision: Pick<Decision, 'format'>): ParseOptions {
  return decision.format === 'decision-log' ? { kind: 'log' } : decision.format === 'unknown' ? {} : { format: decision.format };
}

/**
 * Picks the decision an edit is for among the decisions read from a text: the only record of a
 * file, or the log entry starting on the same line (or, when entries moved, with the same title).
 * @returns its index, or -1.
 */
export function entryIndex(decisions: readonly Decision[], decision: Pick<Decision, 'format' | 'range' | 'title'>): number {
  if (decision.format !== 'decision-log') return decisions.length > 0 ? 0 : -1;
  const at = decisions.findIndex((d) => d.range.start.line === decision.range.start.line);
  return at >= 0 ? at : decisions.findIndex((d) => d.title === decision.title);
}

// ---------------------------------------------------------------------------------------------

interface Located {
  readonly text: string;
  readonly lines: LineIndex;
  readonly decision: Decision;
  readonly places: RecordPlaces;
}

/**
 * The edits for a status change or a link, with the decisions `text` holds as read for them (so
 * a caller that verifies the result need not read the text again).
 * @returns as {@link statusEdits} / {@link linkEdits}; `decisions` is empty when the text could not be read.
 */
export function requestEdits(
  text: string,
  decision: Decision,
  request: { readonly kind: 'status'; readonly status: string } | { readonly kind: 'link'; readonly link: LinkKind; readonly other: RelatedRecord },
): { readonly result: EditResult; readonly decisions: readonly Decision[]; readonly places?: RecordPlaces } {
  const loc = locate(text, decision);
  if ('message' in loc) return { result: { ok: false, message: loc.message }, decisions: [] };
  const result = request.kind === 'status' ? setStatus(loc, { plain: request.status }) : linkWith(loc, request.link, request.other);
  return { result, decisions: loc.all, places: loc.places };
}

interface LocatedAll extends Located {
  /** Every decision of the text, in order. */
  readonly all: readonly Decision[];
}

function locate(text: string, decision: Decision): LocatedAll | { message: string } {
  const read = parseRecordWithPlaces(text, decision.path, editParseOptions(decision));
  const i = entryIndex(
    read.map((r) => r.decision),
    decision,
  );
  const found = i >= 0 ? read[i] : undefined;
  if (!found) return { message: `${decision.path} no longer holds this decision; read it again.` };
  if (!found.places) return { message: `${decision.path} could not be read as a decision record, so it is not edited.` };
  return { text, lines: new LineIndex(text), decision: found.decision, places: found.places, all: read.map((r) => r.decision) };
}

/**
 * True when a reference as written (`[12. Title](0012-x.md)`, `ADR-0012`, `12`, an entry title)
 * names `other`: the same link target, the same number (and prefix, when both state one), or,
 * inside one decision log, the same title.
 */
export function refersTo(ref: DecisionRef, other: RelatedRecord): boolean {
  const clean = (p: string): string => {
    let s = p.trim().replace(/^<|>$/g, '').replace(/^\.\//, '');
    try {
      s = decodeURI(s);
    } catch {
      // keep it as written
    }
    return s;
  };
  if (ref.path !== undefined && other.href !== undefined && clean(ref.path) === clean(other.href)) return true;
  if (ref.id !== undefined) {
    if (ref.id === other.display || ref.id === other.stem) return true;
    const a = parseNumberedId(ref.id);
    const b = parseNumberedId(other.display);
    if (a && b && a.number === b.number && (!a.prefix || !b.prefix || a.prefix === b.prefix)) return true;
  }
  return other.href === undefined && ref.path === undefined && ref.title !== undefined && ref.title === other.title;
}

/** The line break after `line` (or before it, on the last line), else the file's first one, else LF. */
function eolAt(loc: Located, line: number): string {
  const { lines, text } = loc;
  const after = text.slice(lines.lineEnd(line), lines.lineStart(line + 1));
  if (after !== '' && line + 1 < lines.lineCount) return after;
  if (line > 0) {
    const before = text.slice(lines.lineEnd(line - 1), lines.lineStart(line));
    if (before !== '') return before;
  }
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}

function endOfLine(loc: Located, line: number): Range {
  const p = loc.lines.positionAt(loc.lines.lineEnd(line));
  return { start: p, end: p };
}

/** Inserts lines after `line`, as a new paragraph (`gap`) or the next line of the same one. */
function insertAfter(loc: Located, line: number, newLines: readonly string[], gap: boolean): TextEdit {
  const eol = eolAt(loc, line);
  return { range: endOfLine(loc, line), newText: (gap ? eol + eol : eol) + newLines.join(eol) };
}

type StatusChange = { readonly plain: string } | { readonly supersededBy: RelatedRecord };

function linkTo(other: RelatedRecord, style: 'nygard' | 'stem' | 'id'): string {
  const label = linkLabel(other, style);
  return other.href !== undefined ? markdownLink(label, other.href) : label;
}

/** The value written for a status change, in the style of where it goes. */
function statusText(loc: Located, source: StatusPlace['source'], change: StatusChange): string {
  if ('plain' in change) return change.plain;
  const other = change.supersededBy;
  switch (source) {
    case 'front-matter':
      return `superseded by ${other.display}`;
    case 'header':
      return `superseded by ${linkTo(other, loc.decision.format === 'log4brains' ? 'stem' : 'id')}`;
    case 'log-key':
      return 'superseded';
    case 'status-section':
    case 'status-heading':
      // dotnet-adr's own wording (`adr new -i N`), which is also how the parser knows the format.
      if (loc.decision.format === 'dotnet-adr' && /^[A-Za-z]{1,10}[-_ ]?\d{1,9}$/.test(other.display)) {
        return `${RELATION_VERBS['superseded-by']} ${other.display} - ${other.title}`;
      }
      return `${RELATION_VERBS['superseded-by']} ${linkTo(other, 'nygard')}`;
  }
}

/** `value` in the case the replaced value was written in (`Accepted` → `Deprecated`), else the format's. */
function inCaseOf(previous: string | undefined, value: string, capitalised: boolean): string {
  const first = /[A-Za-z]/.exec(previous ?? '')?.[0];
  const upper = first !== undefined ? first === first.toUpperCase() : capitalised;
  return upper ? capitalize(value) : value[0].toLowerCase() + value.slice(1);
}

/** The part of a key line's value that is the status: emphasis kept, a trailing `<!-- comment -->` left alone. */
function keyValueEdit(loc: Located, place: StatusPlace, value: string, capitalised: boolean, keepEmphasis = true): TextEdit {
  const start = loc.lines.offsetAt(place.range.start);
  let end = loc.lines.offsetAt(place.range.end);
  let raw = loc.text.slice(start, end);
  const comment = /\s*<!--[\s\S]*$/.exec(raw);
  if (comment && comment.index > 0) {
    raw = raw.slice(0, comment.index);
    end = start + raw.length;
  }
  // `**Accepted**` stays emphasised; a link (`superseded by [..](..)`) is written plain so it reads as a link.
  const wrap = keepEmphasis ? /^(\*\*|__|\*|_|`)(.+)\1$/.exec(raw) : null;
  const inner = wrap ? wrap[2] : raw;
  const written = inCaseOf(inner, value, capitalised);
  const newText = wrap ? `${wrap[1]}${written}${wrap[1]}` : written;
  return { range: { start: loc.lines.positionAt(start), end: loc.lines.positionAt(end) }, newText };
}

function setStatus(loc: Located, change: StatusChange): EditResult {
  const place = loc.places.status;
  if (!place) return insertStatus(loc, change);
  const value = statusText(loc, place.source, change);
  switch (place.source) {
    case 'front-matter':
      return yamlSetValue(loc, 'status', inCaseOf(place.raw, value, false), place.range);
    case 'header':
      return { ok: true, edits: [keyValueEdit(loc, place, value, false, 'plain' in change)] };
    case 'status-section':
    case 'status-heading':
      return { ok: true, edits: [keyValueEdit(loc, place, value, true, 'plain' in change)] };
    case 'log-key': {
      const edits = [keyValueEdit(loc, place, value, true)];
      if ('supersededBy' in change) {
        const line = loc.places.log?.statusLine ?? place.range.start.line;
        edits.push(insertAfter(loc, line, [`${RELATION_VERBS['superseded-by']}: ${logReference(change.supersededBy)}`], false));
      }
      return { ok: true, edits };
    }
  }
}

/** A status where the record states none: in the place its format keeps one, if it has that place. */
function insertStatus(loc: Located, change: StatusChange): EditResult {
  const { places, decision } = loc;
  if (places.kind === 'log-entry') {
    const value = capitalize(statusText(loc, 'log-key', change));
    const after = places.log?.lastFieldLine ?? places.lastContentLine;
    const newLines = [`Status: ${value}`];
    if ('supersededBy' in change) newLines.push(`${RELATION_VERBS['superseded-by']}: ${logReference(change.supersededBy)}`);
    return { ok: true, edits: [insertAfter(loc, after, newLines, after === places.log?.headingLine)] };
  }
  if (places.statusSection) {
    // `## Status` with nothing under it: the status goes first in the section.
    const value = capitalize(statusText(loc, 'status-section', change));
    return { ok: true, edits: [insertAfter(loc, places.statusSection.heading.lastLine, [value], true)] };
  }
  if (places.header) {
    const { lastKey } = places.header;
    const prefix = loc.lines.lineText(lastKey.line).slice(0, lastKey.character).replace(/^\uFEFF/, '');
    const value = statusText(loc, 'header', change);
    return { ok: true, edits: [insertAfter(loc, lastKey.line, [`${prefix}Status: ${value}`], false)] };
  }
  if (places.frontMatter) return yamlSetValue(loc, 'status', statusText(loc, 'front-matter', change), undefined);
  if (decision.format === 'madr3' || decision.format === 'madr4') {
    // A MADR body without front matter: MADR keeps the status in front matter, so it starts one.
    const eol = eolAt(loc, 0);
    const start = { line: 0, character: places.bom };
    return { ok: true, edits: [{ range: { start, end: start }, newText: ['---', `status: ${yamlScalar(statusText(loc, 'front-matter', change))}`, '---', ''].join(eol) }] };
  }
  return {
    ok: false,
    message: `${decision.path} has no status section, status line or front matter, so its status cannot be changed safely.`,
  };
}

function addRelation(loc: Located, kind: Exclude<LinkKind, 'superseded-by'>, other: RelatedRecord): EditResult {
  const { places, decision } = loc;
  const verb = RELATION_VERBS[kind];
  if (places.kind === 'log-entry') {
    const after = places.log?.lastFieldLine ?? places.lastContentLine;
    return { ok: true, edits: [insertAfter(loc, after, [`${verb}: ${logReference(other)}`], after === places.log?.headingLine)] };
  }
  const source = places.status?.source;
  if (source === 'front-matter' || (!source && places.frontMatter && (decision.format === 'madr3' || decision.format === 'madr4'))) {
    return yamlAddValue(loc, kind, other.display);
  }
  if (places.statusSection && source !== 'header') {
    const s = places.statusSection;
    const after = s.lastParagraph?.lastLine ?? s.heading.lastLine;
    return { ok: true, edits: [insertAfter(loc, after, [`${verb} ${linkTo(other, 'nygard')}`], true)] };
  }
  const bullets = places.header !== undefined && places.header.paragraph.listDepth > 0;
  if (bullets || decision.format === 'madr2' || decision.format === 'log4brains') {
    const marker = markerOf(places.header?.paragraph) ?? '-';
    const line = `${verb} ${linkTo(other, decision.format === 'log4brains' ? 'stem' : 'id')}`;
    const links = places.linksSection;
    if (links) {
      const last = links.lastParagraph;
      if (last && last.listDepth > 0 && last.firstInItem && markerOf(last)) {
        // The next bullet of the list, with the same marker and indentation.
        const lead = /^[ \t]*[-*+][ \t]+/.exec(loc.lines.lineText(last.startLine).replace(/^\uFEFF/, ''))?.[0] ?? `${marker} `;
        return { ok: true, edits: [insertAfter(loc, last.lastLine, [`${lead}${line}`], false)] };
      }
      return { ok: true, edits: [insertAfter(loc, last?.lastLine ?? links.heading.lastLine, [`${marker} ${line}`], true)] };
    }
    return { ok: true, edits: [insertAfter(loc, places.lastContentLine, ['## Links', '', `${marker} ${line}`], true)] };
  }
  if (places.statusSection) {
    const s = places.statusSection;
    return { ok: true, edits: [insertAfter(loc, s.lastParagraph?.lastLine ?? s.heading.lastLine, [`${verb} ${linkTo(other, 'nygard')}`], true)] };
  }
  if (places.header) {
    // `Status:` under `Date:` (no `## Status` section): the link is the paragraph after them.
    return { ok: true, edits: [insertAfter(loc, places.header.paragraph.lastLine, [`${verb} ${linkTo(other, 'nygard')}`], true)] };
  }
  if (places.frontMatter) return yamlAddValue(loc, kind, other.display);
  return { ok: false, message: `${decision.path} has no status section, status line or front matter to add the link to.` };
}

function markerOf(p: LastParagraph | undefined): string | undefined {
  return p?.listMarker === '-' || p?.listMarker === '*' || p?.listMarker === '+' ? p.listMarker : undefined;
}

// --- YAML front matter, through the yaml CST ---------------------------------------------------

interface FrontMatterCst {
  /** Offset of the YAML's first character in the file text. */
  readonly base: number;
  readonly src: string;
  readonly map: CST.BlockMap;
  readonly closeLine: number;
}

function frontMatterCst(loc: Located): FrontMatterCst | { message: string } {
  const fm = loc.places.frontMatter;
  if (!fm) return { message: `${loc.decision.path} has no front matter.` };
  if (!fm.valid) return { message: `The front matter of ${loc.decision.path} is not valid YAML; fix it first.` };
  const base = loc.lines.lineStart(fm.openLine + 1);
  // As the parser reads it: a lone CR becomes LF, same length, so offsets stay the file's.
  const src = loc.text.slice(base, loc.lines.lineStart(fm.closeLine)).replace(/\r(?!\n)/g, '\n');
  const doc = [...new Parser().parse(src)].find((t): t is CST.Document => t.type === 'document');
  const map = doc?.value;
  if (src.trim() === '' || !map) return { base, src, map: { type: 'block-map', offset: 0, indent: 0, items: [] }, closeLine: fm.closeLine };
  if (map.type !== 'block-map') return { message: `The front matter of ${loc.decision.path} is not a block of \`key: value\` lines; it is not edited.` };
  return { base, src, map, closeLine: fm.closeLine };
}

function findItem(map: CST.BlockMap, key: string): CST.BlockMap['items'][number] | undefined {
  const want = normaliseKey(key);
  return map.items.find((item) => {
    const k = item.key && (item.key.type === 'scalar' || item.key.type === 'single-quoted-scalar' || item.key.type === 'double-quoted-scalar') ? CST.resolveAsScalar(item.key) : undefined;
    return k !== undefined && normaliseKey(String(k.value)) === want;
  });
}

/** A YAML scalar for `value` (quoted only when it must be). */
function yamlScalar(value: string, inFlow = false): string {
  const s = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return inFlow && /[,[\]{}]/.test(s) && !/^["']/.test(s) ? JSON.stringify(value) : s;
}

/** An edit of the YAML text from `from` to `to` (offsets in `src`) written as `newText` in the file's line breaks. */
function yamlEdit(loc: Located, fm: FrontMatterCst, from: number, to: number, newText: string): TextEdit {
  const eol = eolAt(loc, loc.lines.positionAt(fm.base + from).line);
  return {
    range: { start: loc.lines.positionAt(fm.base + from), end: loc.lines.positionAt(fm.base + to) },
    newText: newText.replace(/\r\n|\n/g, eol),
  };
}

/** A new `key: value` line just before the closing fence. */
function yamlNewKey(loc: Located, fm: FrontMatterCst, key: string, value: string): TextEdit {
  const eol = eolAt(loc, fm.closeLine - 1);
  const at = { line: fm.closeLine, character: 0 };
  return { range: { start: at, end: at }, newText: `${key}: ${value}${eol}` };
}

/**
 * Sets a top-level front matter key to a string, replacing its value token (plain, quoted,
 * block scalar or flow sequence alike) and keeping its comment; adds the key when missing.
 * @param read the range the parser read the value from: the token must start there.
 */
function yamlSetValue(loc: Located, key: string, value: string, read: Range | undefined): EditResult {
  const fm = frontMatterCst(loc);
  if ('message' in fm) return { ok: false, message: fm.message };
  const item = findItem(fm.map, key);
  if (!item) return { ok: true, edits: [yamlNewKey(loc, fm, key, yamlScalar(value))] };
  if (!item.value) {
    const colon = item.sep?.find((t) => t.type === 'map-value-ind');
    if (!colon) return { ok: false, message: `The front matter key \`${key}\` of ${loc.decision.path} has no value to replace.` };
    return { ok: true, edits: [yamlEdit(loc, fm, colon.offset + 1, colon.offset + 1, ` ${yamlScalar(value)}`)] };
  }
  const token = item.value;
  if (read && fm.base + token.offset !== loc.lines.offsetAt(read.start)) {
    return { ok: false, message: `The front matter \`${key}\` of ${loc.decision.path} is not where it was read; it is not edited.` };
  }
  const before = CST.stringify(token);
  const type = token.type === 'single-quoted-scalar' ? 'QUOTE_SINGLE' : token.type === 'double-quoted-scalar' ? 'QUOTE_DOUBLE' : 'PLAIN';
  CST.setScalarValue(token, value, { afterKey: true, type });
  const after = CST.stringify(token);
  // Only the changed part: the value's comment and line break stay byte for byte.
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  const word = /[\w-]/;
  while (p > 0 && word.test(before[p - 1])) p--;
  while (s > 0 && word.test(before[before.length - s])) s--;
  if (p === before.length && p === after.length) return { ok: true, edits: [] };
  return { ok: true, edits: [yamlEdit(loc, fm, token.offset + p, token.offset + before.length - s, after.slice(p, after.length - s))] };
}

/** Adds `value` to a front matter key that holds one id or a list of ids (block or flow); adds the key when missing. */
function yamlAddValue(loc: Located, key: string, value: string): EditResult {
  const fm = frontMatterCst(loc);
  if ('message' in fm) return { ok: false, message: fm.message };
  const item = findItem(fm.map, key);
  if (!item) return { ok: true, edits: [yamlNewKey(loc, fm, key, yamlScalar(value))] };
  const token = item.value;
  if (!token) return yamlSetValue(loc, key, value, undefined);
  if (token.type === 'block-seq' && token.items.length > 0) {
    const last = token.items[token.items.length - 1];
    const dash = token.items[0].start.find((t) => t.type === 'seq-item-ind');
    if (!dash) return { ok: false, message: `The front matter list \`${key}\` of ${loc.decision.path} could not be read.` };
    const lineStart = fm.src.lastIndexOf('\n', dash.offset - 1) + 1;
    const indent = fm.src.slice(lineStart, dash.offset);
    const end = last.value ? last.value.offset + CST.stringify(last.value).replace(/\s+$/, '').length : dash.offset + 1;
    const line = loc.lines.positionAt(fm.base + end).line;
    const eol = eolAt(loc, line);
    return { ok: true, edits: [{ range: endOfLine(loc, line), newText: `${eol}${indent}- ${yamlScalar(value)}` }] };
  }
  if (token.type === 'flow-collection' && token.start.source === '[') {
    const last = token.items[token.items.length - 1];
    const closing = token.end.find((t) => t.type === 'flow-seq-end');
    if (!closing) return { ok: false, message: `The front matter list \`${key}\` of ${loc.decision.path} is not closed.` };
    if (last?.value && 'source' in last.value) {
      const at = last.value.offset + last.value.source.length;
      return { ok: true, edits: [yamlEdit(loc, fm, at, at, `, ${yamlScalar(value, true)}`)] };
    }
    return { ok: true, edits: [yamlEdit(loc, fm, closing.offset, closing.offset, yamlScalar(value, true))] };
  }
  if (token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar') {
    if (token.source.trim() === '') return yamlSetValue(loc, key, value, undefined);
    return { ok: true, edits: [yamlEdit(loc, fm, token.offset, token.offset + token.source.length, `[${token.source}, ${yamlScalar(value, true)}]`)] };
  }
  return { ok: false, message: `The front matter \`${key}\` of ${loc.decision.path} is neither an id nor a list of ids; it is not edited.` };
}
