/**
 * What every single-record format shares: the file's lines, front matter, Markdown outline,
 * title, identity, `Key: value` header lines, sections and relation lines. The family modules
 * (`nygard.ts`, `madr.ts`, `madr2.ts`, `log4brains.ts`, `dotnetAdr.ts`) decide the format and
 * where the metadata comes from; {@link readRecord} assembles the {@link Decision}.
 */
import type { Decision, DecisionSections, FormatFamily, Problem, Range, Relation, Status } from '../model';
import type { FrontMatter } from './frontMatter';
import type { KeyLine } from './fields';
import { readChosenOption, readKeyLine, splitOptions, splitPeople, splitTags } from './fields';
import type { HeadingId, NameIdentity } from './identity';
import { parseNumberedId, splitHeadingId, titleFromWords } from './identity';
import type { MdHeading, MdOutline, MdParagraph } from './markdown';
import { inlineText } from './markdown';
import type { LineSlice } from './relations';
import { relationsInLine } from './relations';
import type { Section, SectionKey } from './sections';
import { buildSections, sectionText, stripComments } from './sections';
import { readProsAndCons } from './prosAndCons';
import { normaliseDate } from './dates';
import { statusKind } from './status';
import type { LineIndex } from './text';
import { compileGlob } from '../glob';

/** Everything read once per file, shared by the family modules. */
export interface RecordContext {
  readonly path: string;
  readonly lines: LineIndex;
  /** 1 when the text starts with a BOM. */
  readonly bom: number;
  readonly frontMatter?: FrontMatter;
  readonly bodyStartLine: number;
  readonly outline: MdOutline;
  readonly name: NameIdentity;
  /** Problems found so far (front matter); readers append. */
  readonly problems: Problem[];
  /** Format requested by the caller (e.g. the folder is a dotnet-adr folder). */
  readonly formatHint?: FormatFamily;
  /** The tool that owns the folder, whose defaults apply (see `ParseOptions.tool`). */
  readonly tool?: 'log4brains' | 'adr-tools' | 'dotnet-adr';
  /** Every `Key: value` line of the body's paragraphs, in document order. */
  readonly keys: readonly KeyField[];
}

/** A `Key: value` line with where it is. */
export interface KeyField extends KeyLine {
  readonly line: number;
  /** Column of the content start (after list/quote markers). */
  readonly character: number;
  readonly paragraph: MdParagraph;
}

/** A metadata value and where it is written. */
export interface MetaValue {
  /** Value as written (inline Markdown for key lines, YAML text for front matter). */
  readonly raw: string;
  /** List items when the value is a list (front matter sequences). */
  readonly items?: readonly string[];
  readonly range: Range;
  /** For key lines: the line slice of the value, to locate relations inside it. */
  readonly slice?: LineSlice;
}

/** Metadata gathered from a record's front matter or header lines. */
export interface RecordMeta {
  status?: MetaValue;
  date?: MetaValue;
  decisionMakers?: MetaValue;
  consulted?: MetaValue;
  informed?: MetaValue;
  tags?: MetaValue;
  id?: MetaValue;
  appliesTo?: MetaValue;
  technicalStory?: MetaValue;
  /** Relations stated as metadata (front matter `supersedes`, `superseded-by`). */
  relations: Relation[];
}

/** The title heading and what its text states. */
export interface TitleInfo {
  readonly heading?: MdHeading;
  readonly text: string;
  /** The title as written, inline Markdown kept (absent when it comes from the file name). */
  readonly markdown?: string;
  readonly range: Range;
  readonly id: HeadingId;
}

/** Derived views over a context, computed once. */
export interface RecordParts {
  readonly title: TitleInfo;
  readonly sections: readonly Section[];
  readonly header: readonly KeyField[];
}

const QUOTE_LEAD = /^[ \t]*(?:>[ \t]*)*/;
const LIST_MARKER = /(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/y;

/**
 * The content of one line of a paragraph without list, quote and indentation markers, and
 * the column where that content starts.
 */
export function lineSlice(ctx: { lines: LineIndex; bom: number }, p: MdParagraph, line: number): LineSlice {
  let text = ctx.lines.lineText(line);
  let character = 0;
  if (line === 0 && ctx.bom && text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    character = 1;
  }
  let cut = 0;
  if (p.quoteDepth > 0) cut = QUOTE_LEAD.exec(text)?.[0].length ?? 0;
  else while (cut < text.length && (text.charCodeAt(cut) === 32 || text.charCodeAt(cut) === 9)) cut++;
  if (p.listDepth > 0 && p.firstInItem && line === p.startLine) {
    LIST_MARKER.lastIndex = cut;
    const marker = LIST_MARKER.exec(text);
    if (marker) cut += marker[0].length;
  }
  return { line, character: character + cut, text: cut === 0 ? text : text.slice(cut) };
}

/** Reads the `Key: value` lines of some paragraphs. */
export function keyFields(ctx: Pick<RecordContext, 'lines' | 'bom'>, paragraphs: readonly MdParagraph[]): KeyField[] {
  const out: KeyField[] = [];
  const text = ctx.lines.text;
  // Most lines have no colon: skip them before slicing. Paragraphs come in document order, so
  // the next colon is searched for once per stretch of text.
  let colon = -2;
  for (const p of paragraphs) {
    for (let l = p.startLine; l < p.endLine; l++) {
      const start = ctx.lines.lineStart(l);
      if (colon !== -1 && colon < start) colon = text.indexOf(':', start);
      if (colon === -1) return out;
      if (colon >= ctx.lines.lineEnd(l)) continue;
      const s = lineSlice(ctx, p, l);
      const k = readKeyLine(s.text);
      if (k) {
        out.push({
          key: k.key,
          field: k.field,
          value: k.value,
          keyStart: k.keyStart,
          valueStart: k.valueStart,
          valueEnd: k.valueEnd,
          line: l,
          character: s.character,
          paragraph: p,
        });
      }
    }
  }
  return out;
}

/** Finds the title heading, the sections and the header lines (between title and first section). */
export function recordParts(ctx: RecordContext): RecordParts {
  const headings = ctx.outline.headings;
  // The title is an H1 that comes before every other heading: an H1 after `## Summary` is a section.
  let titleIndex = headings.length > 0 && headings[0].level === 1 ? 0 : -1;
  if (titleIndex < 0 && headings.length > 0 && headings[0].level <= 2 && splitHeadingId(headings[0].raw).number !== undefined) titleIndex = 0;
  const titleHeading = titleIndex >= 0 ? headings[titleIndex] : undefined;
  const rest = headings.filter((_, i) => i !== titleIndex);
  const sections = buildSections(rest, ctx.lines.lineCount);
  const next = headings.find((h, i) => i > titleIndex && h !== titleHeading);
  const headerEnd = next ? next.line : ctx.lines.lineCount;
  const header = ctx.keys.filter((k) => k.paragraph.startLine < headerEnd);
  return { title: readTitle(ctx, titleHeading, header), sections, header };
}

function readTitle(ctx: RecordContext, heading: MdHeading | undefined, header: readonly KeyField[]): TitleInfo {
  if (heading) {
    const id = splitHeadingId(heading.raw);
    const markdown = stripComments(heading.raw.slice(id.titleStart)).trim();
    const text = inlineText(markdown);
    // buildpacks RFCs: `# Meta` heads a bullet block whose `- Name:` is the title.
    const name = /^meta$/i.test(text) ? header.find((k) => k.field === 'title' && k.value.trim() !== '') : undefined;
    if (name) {
      const v = keyValue(name);
      const nameMarkdown = stripComments(name.value).trim();
      return { heading, text: inlineText(nameMarkdown), markdown: nameMarkdown, range: v.range, id: { titleStart: 0 } };
    }
    if (text) return { heading, text, markdown, range: headingTextRange(ctx, heading, id.titleStart), id };
  }
  const fmTitle = ctx.frontMatter?.entries.get('title');
  if (fmTitle && fmTitle.kind === 'scalar') {
    const id = splitHeadingId(fmTitle.values[0]);
    const markdown = fmTitle.values[0].slice(id.titleStart).trim();
    const text = inlineText(markdown);
    if (text) return { text, markdown, range: fmTitle.range, id };
  }
  const text = titleFromWords(ctx.name.words);
  ctx.problems.push({
    code: 'missing-title',
    severity: 'warning',
    message: 'The record has no title heading (`# Title`); its file name is used as title.',
    path: ctx.path,
    range: heading ? ctx.lines.lineRange(heading.line) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  });
  return { text, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, id: { titleStart: 0 } };
}

/** Range of a heading's text from `from` (offset in its raw text) to its end, on its first line. */
export function headingTextRange(ctx: { lines: LineIndex; bom: number }, h: MdHeading, from: number): Range {
  let text = ctx.lines.lineText(h.line);
  let base = 0;
  if (h.line === 0 && ctx.bom && text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    base = 1;
  }
  const firstRawLine = h.raw.split('\n')[0];
  let start: number;
  if (h.setext) {
    start = /^[ \t]*(?:>[ \t]*)*/.exec(text)?.[0].length ?? 0;
  } else {
    const marker = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t]*#{1,6}(?:[ \t]+|$)/.exec(text);
    start = marker ? marker[0].length : 0;
  }
  if (text.slice(start, start + firstRawLine.length) !== firstRawLine) {
    const at = text.indexOf(firstRawLine);
    start = at >= 0 ? at : start;
  }
  const end = Math.min(text.length, start + firstRawLine.trimEnd().length);
  const s = Math.min(end, start + Math.min(from, firstRawLine.length));
  return { start: { line: h.line, character: base + s }, end: { line: h.line, character: base + end } };
}

/** The first header key line for `field`, as a {@link MetaValue}. */
export function headerValue(parts: RecordParts, field: KeyLine['field']): MetaValue | undefined {
  const k = parts.header.find((f) => f.field === field);
  return k ? keyValue(k) : undefined;
}

/** Metadata from the header's `Key: value` lines (adr-tools `Date:`, MADR 2 and log4brains bullets). */
export function headerMeta(parts: RecordParts): RecordMeta {
  return {
    status: headerValue(parts, 'status'),
    date: headerValue(parts, 'date'),
    decisionMakers: headerValue(parts, 'decisionMakers'),
    consulted: headerValue(parts, 'consulted'),
    informed: headerValue(parts, 'informed'),
    tags: headerValue(parts, 'tags'),
    id: headerValue(parts, 'id'),
    appliesTo: headerValue(parts, 'appliesTo'),
    technicalStory: headerValue(parts, 'technicalStory'),
    relations: [],
  };
}

/** A key line's value as a {@link MetaValue}. */
export function keyValue(k: KeyField): MetaValue {
  const start = k.character + k.valueStart;
  return {
    raw: k.value,
    range: { start: { line: k.line, character: start }, end: { line: k.line, character: k.character + k.valueEnd } },
    slice: { line: k.line, character: start, text: k.value },
  };
}

/** Section keys whose relation lines may use any verb (`- Refined by [..](..)`). */
const ANY_VERB_SECTIONS: ReadonlySet<SectionKey> = new Set<SectionKey>(['status', 'links']);

/**
 * Reads relation lines in the body: any paragraph line outside code that is `<verb> [..](..)`
 * or a known verb with a plain id. Lines of `Key: value` metadata are skipped (their values are
 * read by the metadata readers).
 */
export function bodyRelations(ctx: RecordContext, parts: RecordParts): Relation[] {
  const out: Relation[] = [];
  const headerLines = new Set(parts.header.filter((k) => k.field !== 'relation').map((k) => k.line));
  const sections = parts.sections;
  // Sections open at the current paragraph, outermost first (depth is at most six).
  const open: Section[] = [];
  let next = 0;
  for (const p of ctx.outline.paragraphs) {
    while (next < sections.length && sections[next].heading.line <= p.startLine) {
      const s = sections[next++];
      while (open.length > 0 && open[open.length - 1].end <= s.heading.line) open.pop();
      open.push(s);
    }
    while (open.length > 0 && open[open.length - 1].end <= p.startLine) open.pop();
    // The innermost named section decides whether unknown verbs are allowed.
    let anyVerb = false;
    for (let j = open.length - 1; j >= 0; j--) {
      if (open[j].key !== 'other') {
        anyVerb = ANY_VERB_SECTIONS.has(open[j].key);
        break;
      }
    }
    for (let l = p.startLine; l < p.endLine; l++) {
      if (headerLines.has(l)) continue;
      const s = lineSlice(ctx, p, l);
      if (!mayBeRelation(s.text)) continue;
      out.push(...relationsInLine(s, anyVerb));
    }
  }
  return out;
}

const RELATION_START = /^\W{0,2}(?:is\s+)?(?:supe|repl|amen|clar|rela|see |depe|refi|exte)/i;

function mayBeRelation(text: string): boolean {
  return text.length > 3 && (text.includes('](') || RELATION_START.test(text));
}

/**
 * The relations written inside a status value: `superseded by [ADR-0005](0005-x.md)`,
 * `Superseded by ADR 0002 - Title`, `Accepted - Superseded by [005](...)`.
 */
export function statusRelations(value: MetaValue): Relation[] {
  const m = /(?:supersed|superced|superseed)ed\s+by\b|\breplaced\s+by\b/i.exec(value.raw);
  if (!m) return [];
  // A trailing `<!-- comment -->` (MADR 2's `<!-- optional -->`) is not part of the link, as it is not part of the status.
  const tail = value.raw.slice(m.index).replace(/\s*<!--[\s\S]*?-->\s*$/, '');
  if (value.slice) {
    return relationsInLine({ line: value.slice.line, character: value.slice.character + m.index, text: tail }, false);
  }
  // Front matter: locate the relation at the value's range.
  return relationsInLine({ line: value.range.start.line, character: value.range.start.character, text: tail }, false).map((r) => ({
    ...r,
    range: value.range,
  }));
}

/** A status from a metadata value. Struck-out words (`~~Proposed~~ Accepted`) do not count. */
export function statusOf(value: MetaValue | undefined): Status {
  if (!value) return { kind: 'unknown', text: '' };
  const text = inlineText(stripComments(value.raw));
  return { kind: statusKind(text.replace(/~~[^~]*~~/g, ' ')), text };
}

/**
 * The sections a record's body carries, by the names MADR, Nygard and log4brains use.
 * @param story a `technicalStory` from front matter, used when the body states none.
 */
export function readSections(ctx: RecordContext, parts: RecordParts, story?: MetaValue): DecisionSections {
  const texts = new Map<SectionKey, string[]>();
  const options: string[] = [];
  const secs = parts.sections;
  for (let i = 0; i < secs.length; i++) {
    const s = secs[i];
    if (s.key === 'consideredOptions' && options.length === 0) options.push(...optionsOf(ctx, secs, i));
    if (s.key !== 'context' && s.key !== 'decision' && s.key !== 'consequences' && s.key !== 'tradeOffs' && s.key !== 'technicalStory') continue;
    let text = sectionText(ctx.lines, secs, i);
    if (!text) continue;
    const list = texts.get(s.key) ?? [];
    if (s.key === 'consequences' && !/^consequences$/i.test(s.title.trim())) text = `${ctx.lines.lineText(s.heading.line).trim()}\n\n${text}`;
    list.push(text);
    texts.set(s.key, list);
  }
  const joined = (k: SectionKey): string | undefined => {
    const v = texts.get(k);
    return v && v.length > 0 ? v.join('\n\n') : undefined;
  };
  const chosen = chosenOptionIn(ctx, parts);
  const technicalStory = technicalStoryIn(ctx, parts) ?? joined('technicalStory') ?? (story ? inlineText(story.raw) || undefined : undefined);
  const out: { -readonly [K in keyof DecisionSections]: DecisionSections[K] } = {};
  const context = joined('context');
  if (context) out.context = context;
  const decision = joined('decision');
  if (decision) out.decision = decision;
  if (chosen) out.chosenOption = chosen;
  if (options.length > 0) out.consideredOptions = options;
  const consequences = joined('consequences');
  if (consequences) out.consequences = consequences;
  const tradeOffs = joined('tradeOffs');
  if (tradeOffs) out.tradeOffs = tradeOffs;
  if (technicalStory) out.technicalStory = technicalStory;
  const prosAndCons = readProsAndCons(secs, ctx.outline.paragraphs);
  if (prosAndCons.length > 0) out.prosAndCons = prosAndCons;
  return out;
}

/** Considered options: the top-level list items of the section, else its sub-headings. */
function optionsOf(ctx: RecordContext, secs: readonly Section[], index: number): string[] {
  const s = secs[index];
  const items: string[] = [];
  let baseDepth = Number.POSITIVE_INFINITY;
  const inSection = ctx.outline.paragraphs.filter((p) => p.startLine >= s.start && p.startLine < s.ownEnd);
  for (const p of inSection) if (p.listDepth > 0 && p.firstInItem) baseDepth = Math.min(baseDepth, p.listDepth);
  for (const p of inSection) {
    if (p.listDepth !== baseDepth || !p.firstInItem) continue;
    const text = inlineText(stripComments(p.raw));
    if (text && text !== '…' && text !== '...') items.push(text);
  }
  if (items.length > 0) return items;
  if (inSection.length === 1 && inSection[0].listDepth === 0) {
    return splitOptions(inlineText(stripComments(inSection[0].raw)));
  }
  for (let j = index + 1; j < secs.length && secs[j].heading.line < s.end; j++) {
    if (secs[j].heading.level === s.heading.level + 1) items.push(secs[j].title.replace(/^option\s*\d+\s*[:.-]\s*/i, ''));
  }
  return items.filter((t) => t);
}

function chosenOptionIn(ctx: RecordContext, parts: RecordParts): string | undefined {
  const decision = parts.sections.find((s) => s.key === 'decision');
  const chosen = ctx.keys.filter((k) => k.field === 'chosenOption');
  const inDecision = decision ? chosen.filter((k) => k.line >= decision.start && k.line < decision.end) : [];
  for (const k of [...inDecision, ...chosen]) {
    const option = readChosenOption(k.value);
    if (option) return inlineText(option);
  }
  return undefined;
}

function technicalStoryIn(ctx: RecordContext, parts: RecordParts): string | undefined {
  const k =
    parts.header.find((f) => f.field === 'technicalStory') ??
    ctx.keys.find((f) => f.field === 'technicalStory' && f.paragraph.listDepth === 0 && f.line === f.paragraph.startLine);
  return k ? inlineText(stripComments(k.value)) || undefined : undefined;
}

/** Names from a metadata value (a list, or a comma-separated string). */
export function peopleOf(v: MetaValue | undefined): string[] {
  if (!v) return [];
  if (v.items) return v.items.map((s) => inlineText(s)).filter((s) => s);
  return splitPeople(inlineText(stripComments(v.raw)));
}

/** Tags from a metadata value (a list, or a space/comma separated string). */
export function tagsOf(v: MetaValue | undefined): string[] {
  if (!v) return [];
  if (v.items) return v.items.map((s) => s.trim()).filter((s) => s);
  return splitTags(inlineText(stripComments(v.raw)));
}

/** Globs from a metadata value: a list, or a comma/space separated string (backticks removed). */
export function globsOf(v: MetaValue | undefined, ctx?: Pick<RecordContext, 'path' | 'problems'>): string[] {
  if (!v) return [];
  const list = v.items ?? v.raw.split(/[\s,]+/);
  const globs = list.map((s) => s.replace(/`/g, '').trim()).filter((s) => s);
  // A glob the matcher cannot match safely (src/core/glob.ts) governs nothing; the record says why.
  if (ctx) {
    for (const g of globs) {
      const r = compileGlob(g.replace(/^\.?\//, ''));
      if (r.ok) continue;
      ctx.problems.push({
        code: 'applies-to-glob-unsupported',
        severity: 'warning',
        message: `The applies-to glob "${g.length > 80 ? g.slice(0, 80) + '…' : g}" is not used: ${r.reason}.`,
        path: ctx.path,
        range: v.range,
      });
    }
  }
  return globs;
}

/**
 * A date from a metadata value, normalised when possible. Adds a `date-unrecognised` warning
 * when the value is not a calendar date.
 */
export function dateOf(ctx: RecordContext, v: MetaValue | undefined): string | undefined {
  if (!v) return undefined;
  const text = inlineText(stripComments(v.raw));
  if (!text) return undefined;
  const date = normaliseDate(text);
  if (date) return date;
  ctx.problems.push({
    code: 'date-unrecognised',
    severity: 'warning',
    message: `The date "${text}" is not a calendar date (expected YYYY-MM-DD).`,
    path: ctx.path,
    range: v.range,
  });
  return text;
}

/** Builds the record's identity from front matter `id`, the file name and the title heading. */
export function identityOf(ctx: RecordContext, parts: RecordParts, idValue: MetaValue | undefined): Decision['identity'] {
  const heading = parts.title.id;
  const name = ctx.name;
  if (idValue) {
    const raw = inlineText(idValue.raw);
    const n = parseNumberedId(raw);
    if (n) return { number: n.number, numberText: n.numberText, ...(n.prefix ? { prefix: n.prefix } : {}) };
    if (raw) return { slug: raw };
  }
  if (name.number !== undefined) {
    if (heading.number !== undefined && heading.number !== name.number) {
      ctx.problems.push({
        code: 'number-mismatch',
        severity: 'warning',
        message: `The title states number ${heading.numberText} but the file name states ${name.numberText}; the file name wins.`,
        path: ctx.path,
        range: parts.title.heading ? ctx.lines.lineRange(parts.title.heading.line) : parts.title.range,
      });
    }
    return { number: name.number, numberText: name.numberText, ...(heading.prefix ? { prefix: heading.prefix } : {}) };
  }
  if (heading.number !== undefined && !name.dateSlug) {
    return { number: heading.number, numberText: heading.numberText, ...(heading.prefix ? { prefix: heading.prefix } : {}) };
  }
  return { slug: name.slug ?? name.stem };
}

/** Removes relations stated twice on the same line with the same kind and target. */
export function dedupeRelations(relations: readonly Relation[]): Relation[] {
  const seen = new Set<string>();
  const out: Relation[] = [];
  for (const r of relations) {
    const key = `${r.kind}|${r.range.start.line}|${r.target.path ?? ''}|${r.target.id ?? ''}|${r.target.title ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
