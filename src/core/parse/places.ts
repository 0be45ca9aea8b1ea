/**
 * Where the parser read each editable value of a record, and where the record's format has room
 * for a value it does not state yet. Built by the readers themselves (`parseRecord.ts`,
 * `decisionLog.ts`) from the same lines, outline and key fields they read the decision from, so
 * the edits in `templates/edits.ts` replace exactly what was read and never search the text
 * again. Lines are 0-based lines of the text as passed to the parser (a BOM counts as a column).
 */
import type { Range } from '../model';
import type { MdParagraph } from './markdown';
import type { KeyField, MetaValue, RecordContext, RecordParts } from './record';
import { headingTextRange } from './record';

/** Where a record's status value came from. */
export type StatusSource =
  /** Front matter `status:` (MADR 3 / 4). */
  | 'front-matter'
  /** A `Status:` key line between the title and the first section (MADR 2 / log4brains bullets, `Status:` under `Date:`). */
  | 'header'
  /** The first line of the `## Status` section (Nygard / adr-tools / dotnet-adr). */
  | 'status-section'
  /** The heading itself: `## Status: Accepted`. */
  | 'status-heading'
  /** A decision log entry's `Status:` line. */
  | 'log-key';

/** The status value as the parser read it. */
export interface StatusPlace {
  readonly source: StatusSource;
  /** The value's range (for front matter: the YAML value node, trailing space excluded). */
  readonly range: Range;
  /** The value as written. */
  readonly raw: string;
}

/** A block of lines: its first line and its last line (inclusive). */
export interface LineSpan {
  readonly startLine: number;
  readonly lastLine: number;
}

/** The last paragraph of a section, with its list context. */
export interface LastParagraph extends LineSpan {
  readonly listDepth: number;
  readonly listMarker?: string;
  readonly firstInItem: boolean;
}

/** A section the edits write into: its heading and its last paragraph. */
export interface SectionPlace {
  /** Lines of the heading (a setext heading spans its underline too). */
  readonly heading: LineSpan;
  /** The section's last paragraph before the next heading, if it has any. */
  readonly lastParagraph?: LastParagraph;
}

/** The header's `Key: value` lines between the title and the first section. */
export interface HeaderPlace {
  /** The last header key line and the paragraph it is in. */
  readonly lastKey: { readonly line: number; readonly character: number };
  readonly paragraph: LastParagraph;
}

/** The front matter fences and the YAML between them. */
export interface FrontMatterPlace {
  readonly openLine: number;
  readonly closeLine: number;
  readonly valid: boolean;
}

/** Where a record states its own number, besides its file name. */
export type IdSource =
  /** The title heading: `# 5. Title`, `# ADR-0005: Title`, `### D12 — Title` in a decision log. */
  | 'heading'
  /** A front matter `title` that starts with the id (`title: "ADR-0005: Title"`). */
  | 'front-matter-title'
  /** Front matter `id:` or an `Id:` header line (`id: ADR-0005`, `id: 5`). */
  | 'id-field';

/** The digits of the record's own number as written in one place (`0005` of `# ADR-0005: Title`). */
export interface IdPlace {
  readonly source: IdSource;
  /** The range of the digits only (no prefix, separator or quotes). */
  readonly range: Range;
  /** The digits as written, with their padding: `0005`. */
  readonly raw: string;
}

/** Every place an edit of one record may use. */
export interface RecordPlaces {
  readonly kind: 'record' | 'log-entry';
  /** 1 when the text starts with a BOM. */
  readonly bom: number;
  readonly status?: StatusPlace;
  readonly frontMatter?: FrontMatterPlace;
  /** The `## Status` section (or `## Status: X` heading section). */
  readonly statusSection?: SectionPlace;
  /** The `## Links` section (log4brains, MADR 2). */
  readonly linksSection?: SectionPlace;
  readonly header?: HeaderPlace;
  /** Log entries: the line of the status key, and the last line of the entry's last field. */
  readonly log?: { readonly statusLine?: number; readonly lastFieldLine?: number; readonly headingLine: number };
  /** The record's last line with content (the file's, or the entry's). */
  readonly lastContentLine: number;
  /** Where the record states its own number (the title heading, front matter `id`), for a renumber. */
  readonly ids?: readonly IdPlace[];
}

/**
 * The place of a number inside a range the reader read it from: the first run of digits in that
 * range of the text, when it is the number the reader read (`numberText`).
 * @returns the place, or `undefined` when the digits there are not `numberText`.
 */
export function idPlaceIn(ctx: Pick<RecordContext, 'lines'>, source: IdSource, within: Range, numberText: string | undefined): IdPlace | undefined {
  if (numberText === undefined || within.start.line !== within.end.line) return undefined;
  const from = ctx.lines.offsetAt(within.start);
  const slice = ctx.lines.text.slice(from, ctx.lines.offsetAt(within.end));
  const m = /\d+/.exec(slice);
  if (!m || m[0] !== numberText) return undefined;
  return { source, range: ctx.lines.rangeOf(from + m.index, from + m.index + m[0].length), raw: m[0] };
}

function titleIdPlaces(ctx: RecordContext, parts: RecordParts, idValue: MetaValue | undefined, idNumberText: string | undefined): IdPlace[] {
  const out: IdPlace[] = [];
  const t = parts.title;
  if (t.id.numberText !== undefined) {
    const place = t.heading
      ? idPlaceIn(ctx, 'heading', headingTextRange(ctx, t.heading, 0), t.id.numberText)
      : idPlaceIn(ctx, 'front-matter-title', t.range, t.id.numberText);
    if (place) out.push(place);
  }
  if (idValue) {
    const place = idPlaceIn(ctx, 'id-field', idValue.range, idNumberText);
    if (place) out.push(place);
  }
  return out;
}

function lastParagraphIn(paragraphs: readonly MdParagraph[], start: number, end: number): LastParagraph | undefined {
  let found: MdParagraph | undefined;
  for (const p of paragraphs) {
    if (p.startLine >= end) break;
    if (p.startLine >= start) found = p;
  }
  return found
    ? { startLine: found.startLine, lastLine: found.endLine - 1, listDepth: found.listDepth, listMarker: found.listMarker, firstInItem: found.firstInItem }
    : undefined;
}

/** A section by key, or (for `## Status: Accepted`) the section whose heading holds the status. */
function sectionPlace(ctx: RecordContext, parts: RecordParts, key: 'status' | 'links', headingLine?: number): SectionPlace | undefined {
  const s = parts.sections.find((x) => x.key === key) ?? (headingLine !== undefined ? parts.sections.find((x) => x.heading.line === headingLine) : undefined);
  if (!s) return undefined;
  return {
    heading: { startLine: s.heading.line, lastLine: s.heading.endLine - 1 },
    lastParagraph: lastParagraphIn(ctx.outline.paragraphs, s.start, s.ownEnd),
  };
}

function lastContentLine(ctx: RecordContext, from: number, to: number): number {
  let last = to;
  while (last > from && ctx.lines.lineText(last).trim() === '') last--;
  return last;
}

/**
 * The places of a record file (every family but decision logs).
 * @param status the status value the record's status was read from, and where it came from.
 */
export function recordPlaces(
  ctx: RecordContext,
  parts: RecordParts,
  status: { value: MetaValue; source: StatusSource } | undefined,
  id?: { value: MetaValue; numberText?: string },
): RecordPlaces {
  let header: HeaderPlace | undefined;
  const keys = parts.header.filter((k) => k.field !== 'relation');
  if (keys.length > 0) {
    const k: KeyField = keys.reduce((a, b) => (b.line > a.line ? b : a));
    const p = k.paragraph;
    header = {
      lastKey: { line: k.line, character: k.character },
      paragraph: { startLine: p.startLine, lastLine: p.endLine - 1, listDepth: p.listDepth, listMarker: p.listMarker, firstInItem: p.firstInItem },
    };
  }
  return {
    kind: 'record',
    bom: ctx.bom,
    ...(status ? { status: { source: status.source, range: status.value.range, raw: status.value.raw } } : {}),
    ...(ctx.frontMatter ? { frontMatter: { openLine: ctx.frontMatter.openLine, closeLine: ctx.frontMatter.closeLine, valid: ctx.frontMatter.valid } } : {}),
    ...optional('statusSection', sectionPlace(ctx, parts, 'status', status?.source === 'status-heading' ? status.value.range.start.line : undefined)),
    ...optional('linksSection', sectionPlace(ctx, parts, 'links')),
    ...optional('header', header),
    lastContentLine: lastContentLine(ctx, 0, ctx.lines.lineCount - 1),
    ids: titleIdPlaces(ctx, parts, id?.value, id?.numberText),
  };
}

/**
 * The places of one decision log entry.
 * @param status the entry's `Status:` key line, if any.
 * @param lastFieldLine the last line of the entry's last `Key: value` field (its continuation lines included).
 * @param id where the entry's heading states its number (`### D12 — Title`), if it does.
 */
export function logEntryPlaces(
  ctx: RecordContext,
  headingLine: number,
  lastLine: number,
  status: { value: MetaValue; line: number } | undefined,
  lastFieldLine: number | undefined,
  id?: IdPlace,
): RecordPlaces {
  return {
    kind: 'log-entry',
    bom: ctx.bom,
    ...(status ? { status: { source: 'log-key' as const, range: status.value.range, raw: status.value.raw } } : {}),
    log: { headingLine, ...(status ? { statusLine: status.line } : {}), ...(lastFieldLine !== undefined ? { lastFieldLine } : {}) },
    lastContentLine: lastContentLine(ctx, headingLine, lastLine),
    ids: id ? [id] : [],
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
