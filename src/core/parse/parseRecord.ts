/**
 * The parser entry point: text in, decisions out, for every format family in
 * `shared/docs/PRODUCT.md` ("Formats read"). See the family modules for each format's source.
 */
import type { Decision, FormatFamily, Problem } from '../model';
import { isDecisionLogName, looksLikeDecisionLog, readDecisionLog } from './decisionLog';
import { looksDotnetAdr } from './dotnetAdr';
import { readFrontMatter } from './frontMatter';
import { identityFromFileName, titleFromWords } from './identity';
import { looksLog4brains } from './log4brains';
import { frontMatterMeta, madrVersion } from './madr';
import { hasMadrBody, looksMadr2 } from './madr2';
import { readOutline } from './markdown';
import { looksNygard, statusSectionValue } from './nygard';
import type { RecordPlaces, StatusSource } from './places';
import { recordPlaces } from './places';
import type { RecordContext, RecordMeta } from './record';
import {
  bodyRelations,
  dateOf,
  dedupeRelations,
  globsOf,
  headerMeta,
  identityOf,
  keyFields,
  peopleOf,
  readSections,
  recordParts,
  statusOf,
  statusRelations,
  tagsOf,
} from './record';
import { isRstPath, readRstRecord } from './rst';
import { BOM, LineIndex, looksBinary } from './text';

/** How {@link parseRecord} reads a file. */
export interface ParseOptions {
  /**
   * `'log'` reads the file as a single-file decision log (one decision per entry heading);
   * `'record'` reads it as one decision record. Default: a log when the file is named
   * `DECISIONS.md`, `decisions.md` or `decision-log*.md`, or when its content has several
   * headings each followed by decision `Key: value` lines; otherwise a record.
   */
  readonly kind?: 'record' | 'log';
  /**
   * The format the record's folder is known to use (for example `dotnet-adr` for a folder named
   * by `adr.config.json`). Used as the record's format when its content fits that family or
   * shows no clearer family. Optional; the content decides otherwise.
   */
  readonly format?: FormatFamily;
  /**
   * The tool that owns the record's folder (`DecisionFolder.tool`); its defaults apply:
   * log4brains reads a record that states no status as accepted (its own integration tests,
   * `packages/core/integration-tests/ro.test.ts`, expect that), and the status says so
   * (`Status.defaultOf`).
   */
  readonly tool?: 'log4brains' | 'adr-tools' | 'dotnet-adr';
}

const NOT_DECISIONS = /^(?:readme|index|template|adr-template.*|rfc-template.*|0+-template)\.(?:md|markdown|mdx|rst)$/i;

/**
 * Reads a decision record, or every entry of a decision log, into the shared decision model.
 *
 * Formats: Nygard / adr-tools, MADR 2, MADR 3/4 (YAML front matter), log4brains, dotnet-adr and
 * single-file decision logs (see each family module for its source and examples).
 *
 * @param text the file's text as read: may start with a UTF-8 BOM, use CRLF or CR line ends,
 *   be empty, huge or not Markdown at all.
 * @param path the file's POSIX path; its name gives the record number (`0005-x.md`) or slug
 *   (`20201016-x.md`), and marks decision logs (`DECISIONS.md`).
 * @param options see {@link ParseOptions}.
 * @returns one decision for a record file; one per entry for a decision log (`[]` when the log
 *   has no entries); `[]` for files that are never decisions (`README.md`, `index.md`,
 *   `template.md`, `adr-template*.md`, `0000-template.md`). Every range is a range of `text` as
 *   passed (0-based lines, UTF-16 columns; a BOM counts as one column on line 0). Never throws:
 *   unreadable input (binary content, malformed YAML, no title, an empty file) becomes a record
 *   with `problems`.
 */
export function parseRecord(text: string, path: string, options: ParseOptions = {}): Decision[] {
  const source = typeof text === 'string' ? text : String(text ?? '');
  const file = typeof path === 'string' ? path : String(path ?? '');
  try {
    return parseUnchecked(source, file, options ?? {});
  } catch (e) {
    // A safety net for defects: the file still shows up, with the reason, instead of vanishing.
    const lines = new LineIndex(source);
    return [
      emptyRecord(file, lines, options?.format ?? 'unknown', {
        code: 'parser-error',
        severity: 'error',
        message: `Decision Lens could not read this file (${e instanceof Error ? e.message : String(e)}).`,
        path: file,
        range: lines.lineRange(0),
      }),
    ];
  }
}

/** Receives each decision the readers build with the places its values were read from. */
export type PlacesSink = (decision: Decision, places: RecordPlaces) => void;

/**
 * {@link parseRecord}, also returning where each editable value was read (see `places.ts`):
 * the one reading the record edits use, so they replace exactly what the parser read.
 * @returns the same decisions as `parseRecord`, each with its places (`undefined` for a record
 *   that could not be read: binary, empty, or a parser defect). Never throws.
 */
export function parseRecordWithPlaces(text: string, path: string, options: ParseOptions = {}): { decision: Decision; places?: RecordPlaces }[] {
  const found = new Map<Decision, RecordPlaces>();
  let decisions: Decision[];
  try {
    decisions = parseUnchecked(String(text ?? ''), String(path ?? ''), options ?? {}, (d, p) => found.set(d, p));
  } catch {
    decisions = parseRecord(text, path, options);
  }
  return decisions.map((decision) => ({ decision, places: found.get(decision) }));
}

function parseUnchecked(text: string, path: string, options: ParseOptions, sink?: PlacesSink): Decision[] {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (options.kind !== 'log' && NOT_DECISIONS.test(name)) return [];
  const lines = new LineIndex(text);
  if (looksBinary(text)) {
    const nul = text.indexOf('\0');
    return [
      emptyRecord(path, lines, options.format ?? 'unknown', {
        code: 'binary-file',
        severity: 'error',
        message: 'This file contains NUL bytes; it looks binary and is not read as a decision record.',
        path,
        range: lines.rangeOf(nul, nul + 1),
      }),
    ];
  }
  if (options.kind !== 'log' && isRstPath(path)) return readRstRecord(lines, path, sink);
  const bom = text.startsWith(BOM) ? 1 : 0;
  const fm = readFrontMatter(lines, bom, path);
  const bodyStart = fm.bodyStartLine === 0 ? bom : lines.lineStart(fm.bodyStartLine);
  const body = fm.bodyStartLine >= lines.lineCount ? '' : text.slice(bodyStart);
  const base: Omit<RecordContext, 'keys'> = {
    path,
    lines,
    bom,
    frontMatter: fm.frontMatter,
    bodyStartLine: fm.bodyStartLine,
    outline: readOutline(body, fm.bodyStartLine),
    name: identityFromFileName(path),
    problems: [...fm.problems],
    formatHint: options.format,
    tool: options.tool,
  };
  const ctx: RecordContext = { ...base, keys: keyFields(base, base.outline.paragraphs) };
  const kind =
    options.kind ?? (options.format === 'decision-log' || isDecisionLogName(path) || looksLikeDecisionLog(ctx) ? 'log' : 'record');
  if (kind === 'log') return readDecisionLog(ctx, sink);
  if (!/[^\s\uFEFF]/.test(text)) {
    return [
      emptyRecord(path, lines, options.format ?? 'unknown', {
        code: 'empty-record',
        severity: 'warning',
        message: 'This decision record is empty.',
        path,
        range: lines.fullRange(),
      }),
    ];
  }
  return [readRecord(ctx, sink)];
}

/** Reads one record file (every family but decision logs). */
function readRecord(ctx: RecordContext, sink?: PlacesSink): Decision {
  const parts = recordParts(ctx);
  const madr = madrVersion(ctx.frontMatter);
  const fromHeader = headerMeta(parts);
  const fromFrontMatter: RecordMeta | undefined = ctx.frontMatter ? frontMatterMeta(ctx.frontMatter, ctx.path, ctx.problems) : undefined;
  const statusSection = statusSectionValue(ctx, parts);

  let format: FormatFamily;
  if (madr) format = madr;
  else if (looksMadr2(parts)) format = 'madr2';
  else if (looksLog4brains(ctx, parts)) format = 'log4brains';
  else if (looksDotnetAdr(statusSection) || (ctx.formatHint === 'dotnet-adr' && looksNygard(parts))) format = 'dotnet-adr';
  else if (looksNygard(parts)) format = 'nygard';
  else if (hasMadrBody(parts)) format = 'madr4';
  else format = 'unknown';
  if (format === 'unknown' && ctx.formatHint && ctx.formatHint !== 'decision-log') format = ctx.formatHint;

  // Front matter wins over header lines, which win over the `## Status` section.
  const pick = <K extends keyof RecordMeta>(key: K): RecordMeta[K] => fromFrontMatter?.[key] ?? fromHeader[key];
  const statusValue = pick('status') ?? statusSection;
  const stated = statusOf(statusValue);
  const status: Decision['status'] =
    stated.text === '' && ctx.tool === 'log4brains' ? { kind: 'accepted', text: '', defaultOf: 'log4brains' } : stated;
  const relations = [
    ...(statusValue && statusValue !== statusSection ? statusRelations(statusValue) : []),
    ...(fromFrontMatter?.relations ?? []),
    ...bodyRelations(ctx, parts),
  ];
  const sections = readSections(ctx, parts, pick('technicalStory'));

  const identity = identityOf(ctx, parts, pick('id'));
  const date = dateOf(ctx, pick('date'));
  if (status.text && status.kind === 'unknown' && statusValue) {
    ctx.problems.push({
      code: 'status-unrecognised',
      severity: 'info',
      message: `The status "${status.text}" is not one of proposed, accepted, rejected, not implemented, on hold, deprecated, superseded or draft.`,
      path: ctx.path,
      range: statusValue.range,
    });
  }
  const decision: Decision = {
    path: ctx.path,
    format,
    identity,
    title: parts.title.text,
    ...(parts.title.markdown !== undefined && parts.title.markdown !== parts.title.text ? { titleMarkdown: parts.title.markdown } : {}),
    status,
    ...(date !== undefined ? { date } : {}),
    decisionMakers: peopleOf(pick('decisionMakers')),
    consulted: peopleOf(pick('consulted')),
    informed: peopleOf(pick('informed')),
    tags: tagsOf(pick('tags')),
    sections,
    relations: dedupeRelations(relations),
    appliesTo: globsOf(pick('appliesTo'), ctx),
    range: ctx.lines.fullRange(),
    titleRange: parts.title.range,
    problems: ctx.problems,
  };
  if (sink) {
    const source: StatusSource | undefined = !statusValue
      ? undefined
      : statusValue === fromFrontMatter?.status
        ? 'front-matter'
        : statusValue === fromHeader.status
          ? 'header'
          : parts.sections.some((s) => s.key === 'status')
            ? 'status-section'
            : 'status-heading';
    const idValue = pick('id');
    const idPlace = idValue ? { value: idValue, numberText: identity.number !== undefined ? identity.numberText : undefined } : undefined;
    sink(decision, recordPlaces(ctx, parts, statusValue && source ? { value: statusValue, source } : undefined, idPlace));
  }
  return decision;
}

/** A record that could not be read: identity and title from its file name, and the reason. */
function emptyRecord(path: string, lines: LineIndex, format: FormatFamily, problem: Problem): Decision {
  const name = identityFromFileName(path);
  return {
    path,
    format: format === 'decision-log' ? 'unknown' : format,
    identity: name.number !== undefined ? { number: name.number, numberText: name.numberText } : { slug: name.slug ?? name.stem },
    title: titleFromWords(name.words),
    status: { kind: 'unknown', text: '' },
    decisionMakers: [],
    consulted: [],
    informed: [],
    tags: [],
    sections: {},
    relations: [],
    appliesTo: [],
    range: lines.fullRange(),
    titleRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    problems: [problem],
  };
}
