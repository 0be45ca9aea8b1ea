/**
 * Single-file decision logs (`DECISIONS.md`, `decision-log.md`): one decision per heading, its
 * fields as `Key: value` or `**Key**: value` lines:
 *
 * ```
 * ## Use webhooks instead of polling for the partner API
 *
 * Date: 2026-02-15
 * Decision: Receive partner order updates through webhook notifications.
 * Alternatives considered: Polling (simple, but hits the rate limit); WebSocket stream.
 * Trade-offs: We must run a receiver endpoint ...
 * Decision maker: PM and tech lead jointly
 * Status: Accepted
 * Amends: <title or id of another entry>
 * ```
 *
 * The entry number is its ordinal in the log (1-based) unless the heading states an id
 * (`## DL-3: Title`, `## 3. Title`). A value may continue on the following lines of its
 * paragraph, or be a list under an empty `Key:` line.
 */
import type { Decision, DecisionSections, Problem, Range, Relation } from '../model';
import type { FieldName } from './fields';
import { readChosenOption, splitOptions, splitPeople, splitTags } from './fields';
import { parseNumberedId, splitHeadingId } from './identity';
import type { MdHeading } from './markdown';
import { inlineText } from './markdown';
import type { KeyField, MetaValue, RecordContext } from './record';
import { dateOf, dedupeRelations, globsOf, headingTextRange, keyValue, lineSlice, statusOf, statusRelations } from './record';
import type { PlacesSink } from './parseRecord';
import { idPlaceIn, logEntryPlaces } from './places';
import { logRefs, relationKind, relationsInLine } from './relations';
import { buildSections, sectionText, stripComments } from './sections';
import { trimBlock } from './text';

const RELATION_START = /^\W{0,2}(?:supe|repl|amen|clar|rela)/i;

const LOG_NAME = /^(?:decisions|decision[-_ ]?log.*)\.(?:md|markdown)$/i;

/** True for the file names decision logs use: `DECISIONS.md`, `decisions.md`, `decision-log*.md`. */
export function isDecisionLogName(path: string): boolean {
  return LOG_NAME.test(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * Whether a Markdown decision log's text can hold an entry numbered `n`, without parsing it: an
 * entry's number is stated in its text (`## DL-112: Title`, `Id: 112`) or is its ordinal, and
 * entries are headings, so a log that never writes the number and has fewer than `n` lines that
 * could be or underline a heading cannot. A quick test for answers that need one entry of a
 * log not yet parsed; `true` says nothing about the entry.
 * @param n a positive entry number, as a citation writes it.
 */
export function logMayHoldNumber(text: string, n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) return true;
  if (new RegExp(`(?:^|\\D)0*${n}(?:\\D|$)`).test(text)) return true;
  let headings = 0;
  for (const line of text.split(/\r\n?|\n/)) if ((line.includes('#') || SETEXT_LIKE.test(line)) && ++headings >= n) return true;
  return false;
}

/** A line that may underline a setext heading, inside block quotes and list items too. */
const SETEXT_LIKE = /^[\s>*+\-\d.)]*[=-]+\s*$/;

const SIGNAL_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>(['date', 'decision', 'status', 'context', 'consideredOptions', 'tradeOffs', 'decisionMakers']);

/**
 * True when a Markdown file reads as a decision log: at least two headings, each followed by at
 * least two decision `Key: value` lines (Date, Decision, Status, Context, ...).
 */
export function looksLikeDecisionLog(ctx: RecordContext): boolean {
  const headings = ctx.outline.headings;
  if (headings.length < 2) return false;
  // A file with one H1 is one record, however many `####` option headings and field bullets
  // (`* **status**: the state of the resource`) its body has.
  if (headings.filter((h) => h.level === 1).length === 1) return false;
  const owners = ownKeyCounts(ctx, headings, (k) => SIGNAL_FIELDS.has(k.field));
  return owners.filter((n) => n >= 2).length >= 2;
}

function ownKeyCounts(ctx: RecordContext, headings: readonly MdHeading[], accept: (k: KeyField) => boolean): number[] {
  const counts = new Array<number>(headings.length).fill(0);
  let h = -1;
  for (const k of ctx.keys) {
    while (h + 1 < headings.length && headings[h + 1].line <= k.line) h++;
    if (h >= 0 && accept(k)) counts[h]++;
  }
  return counts;
}

/**
 * Reads every entry of a decision log.
 * @returns one decision per entry heading (headings at the entry level with at least one
 *   decision field; all headings at that level when no heading has fields). File-level
 *   problems (front matter) go to the first entry. `[]` when the file has no headings.
 */
export function readDecisionLog(ctx: RecordContext, sink?: PlacesSink): Decision[] {
  const headings = ctx.outline.headings;
  if (headings.length === 0) return [];
  const own = ownKeyCounts(ctx, headings, () => true);
  const byLevel = new Map<number, number>();
  headings.forEach((h, i) => {
    if (own[i] > 0) byLevel.set(h.level, (byLevel.get(h.level) ?? 0) + 1);
  });
  let level: number;
  const idLevels = new Map<number, number>();
  for (const h of headings) {
    const id = splitHeadingId(h.raw);
    if (id.prefix !== undefined && id.number !== undefined) idLevels.set(h.level, (idLevels.get(h.level) ?? 0) + 1);
  }
  const keyed = [...byLevel.values()].reduce((a, b) => a + b, 0);
  const best = [...idLevels.entries()].filter(([, n]) => n >= 2 && n > keyed).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  // Entries headed by ids and followed by prose (`### GAP-009`, `### D12 — Title`,
  // `## DEC-004: Title`) when more headings state ids than have `Key: value` lines.
  const idLevel = best?.[0];
  if (idLevel !== undefined) {
    level = idLevel;
  } else if (byLevel.size > 0) {
    level = [...byLevel.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  } else {
    const h1 = headings.filter((h) => h.level === 1).length;
    level = h1 > 1 ? 1 : Math.min(...headings.map((h) => (h.level === 1 ? 99 : h.level)));
    if (level === 99) level = 1;
  }
  const ends = headings.map((h, i) => {
    for (let j = i + 1; j < headings.length; j++) if (headings[j].level <= h.level) return headings[j].line;
    return ctx.lines.lineCount;
  });
  const entries: number[] = [];
  headings.forEach((h, i) => {
    if (h.level !== level) return;
    if (idLevel !== undefined) {
      if (splitHeadingId(h.raw).number !== undefined) entries.push(i);
      return;
    }
    if (byLevel.size === 0) {
      entries.push(i);
      return;
    }
    let keys = 0;
    for (let j = i; j < headings.length && headings[j].line < ends[i]; j++) keys += own[j];
    if (keys > 0) entries.push(i);
  });
  const keysByLine = new Map<number, KeyField>();
  for (const k of ctx.keys) keysByLine.set(k.line, k);
  const out: Decision[] = [];
  entries.forEach((hi, ordinal) => {
    const problems: Problem[] = ordinal === 0 ? [...ctx.problems] : [];
    out.push(readEntry({ ...ctx, problems }, headings, hi, ends[hi], ordinal + 1, keysByLine, sink));
  });
  return out;
}

interface Field {
  readonly key: KeyField;
  lastLine: number;
  items: string[];
  hasText: boolean;
}

function readEntry(
  ctx: RecordContext,
  headings: readonly MdHeading[],
  hi: number,
  end: number,
  ordinal: number,
  keysByLine: ReadonlyMap<number, KeyField>,
  sink?: PlacesSink,
): Decision {
  const heading = headings[hi];
  const all = ctx.outline.paragraphs;
  const paragraphs = all.slice(firstAtOrAfter(all, heading.endLine), firstAtOrAfter(all, end));
  let subEnd = hi + 1;
  while (subEnd < headings.length && headings[subEnd].line < end) subEnd++;
  const subHeadings = headings.slice(hi + 1, subEnd);
  const fields: Field[] = [];
  const relations: Relation[] = [];
  let cur: Field | undefined;
  let lastStart = -1;
  let nextSub = 0;
  for (const p of paragraphs) {
    if (cur) {
      while (nextSub < subHeadings.length && subHeadings[nextSub].line <= lastStart) nextSub++;
      const crossedHeading = nextSub < subHeadings.length && subHeadings[nextSub].line < p.startLine;
      const isItem = p.listDepth > 0 && p.firstInItem;
      if (crossedHeading || (cur.items.length > 0 ? !isItem && p.listDepth === 0 : cur.hasText)) cur = undefined;
    }
    lastStart = p.startLine;
    for (let l = p.startLine; l < p.endLine; l++) {
      const s = lineSlice(ctx, p, l);
      const k = keysByLine.get(l);
      if (k) {
        cur = { key: k, lastLine: l, items: [], hasText: k.value.length > 0 };
        fields.push(cur);
        continue;
      }
      if (cur) {
        cur.lastLine = l;
        if (p.listDepth > 0 && p.firstInItem && l === p.startLine) cur.items.push(inlineText(stripComments(s.text)));
        else if (s.text.trim()) cur.hasText = cur.items.length === 0 ? true : cur.hasText;
        continue;
      }
      if (s.text.includes('](') || RELATION_START.test(s.text)) relations.push(...relationsInLine(s, false));
    }
  }

  const first = (name: FieldName): Field | undefined => fields.find((f) => f.key.field === name);
  const textOf = (f: Field | undefined): string | undefined => {
    if (!f) return undefined;
    const start = ctx.lines.offsetAt({ line: f.key.line, character: f.key.character + f.key.valueStart });
    const t = trimBlock(stripComments(ctx.lines.text.slice(start, ctx.lines.lineEnd(f.lastLine))));
    return t || undefined;
  };
  const valueOf = (f: Field | undefined): MetaValue | undefined => (f ? keyValue(f.key) : undefined);
  const listOf = (f: Field | undefined, split: (v: string) => string[]): string[] => {
    if (!f) return [];
    if (f.items.length > 0) return f.items.filter((s) => s);
    return split(inlineText(stripComments(textOf(f) ?? '')));
  };

  // Title and identity from the heading.
  const id = splitHeadingId(heading.raw, true);
  let title = inlineText(stripComments(heading.raw.slice(id.titleStart)));
  let titleMarkdown = stripComments(heading.raw.slice(id.titleStart)).trim();
  let titleRange = headingTextRange(ctx, heading, id.titleStart);
  const summary = !title && id.number !== undefined ? boldSummary(ctx, paragraphs[0], heading.endLine) : undefined;
  if (summary) {
    ({ title, markdown: titleMarkdown, range: titleRange } = summary);
  }
  if (!title) {
    title = `Entry ${ordinal}`;
    ctx.problems.push({
      code: 'missing-title',
      severity: 'warning',
      message: 'This decision log entry has an empty heading.',
      path: ctx.path,
      range: ctx.lines.lineRange(heading.line),
    });
  }
  let identity: Decision['identity'];
  const idField = first('id');
  const stated = idField ? parseNumberedId(inlineText(idField.key.value)) : undefined;
  if (id.number !== undefined) identity = { number: id.number, numberText: id.numberText, ...(id.prefix ? { prefix: id.prefix } : {}) };
  else if (stated) identity = { number: stated.number, numberText: stated.numberText, ...(stated.prefix ? { prefix: stated.prefix } : {}) };
  else identity = { number: ordinal, numberText: String(ordinal) };

  // Status and its relation.
  const statusValue = valueOf(first('status'));
  const status = statusOf(statusValue);
  if (statusValue) relations.push(...statusRelations(statusValue));

  // Relations written as `Amends: <title>` fields.
  for (const f of fields) {
    if (f.key.field !== 'relation') continue;
    const kind = relationKind(f.key.key);
    if (!kind) continue;
    const targets = f.items.length > 0 ? f.items.flatMap((i) => logRefs(i)) : logRefs(f.key.value);
    const range = {
      start: { line: f.key.line, character: f.key.character + f.key.keyStart },
      end: { line: f.key.line, character: f.key.character + f.key.valueEnd },
    };
    for (const target of targets) relations.push({ kind, verb: f.key.key, target, range });
  }

  // Sections: fields first, then sub-headings (`### Context`) inside the entry.
  const sections: { -readonly [K in keyof DecisionSections]: DecisionSections[K] } = {};
  const context = textOf(first('context'));
  if (context) sections.context = context;
  const decision = textOf(first('decision'));
  if (decision) sections.decision = decision;
  const options = listOf(first('consideredOptions'), splitOptions);
  if (options.length > 0) sections.consideredOptions = options;
  const tradeOffs = textOf(first('tradeOffs'));
  if (tradeOffs) sections.tradeOffs = tradeOffs;
  const consequences = textOf(first('consequences'));
  if (consequences) sections.consequences = consequences;
  const chosen = first('chosenOption');
  const chosenText = chosen ? readChosenOption(chosen.key.value) : undefined;
  if (chosenText) sections.chosenOption = inlineText(chosenText);
  const story = textOf(first('technicalStory'));
  if (story) sections.technicalStory = inlineText(story);
  const subs = buildSections(subHeadings, end);
  subs.forEach((s, i) => {
    if (s.key === 'context' || s.key === 'decision' || s.key === 'tradeOffs' || s.key === 'consequences') {
      if (sections[s.key] === undefined) {
        const t = sectionText(ctx.lines, subs, i);
        if (t) sections[s.key] = t;
      }
    }
  });

  let last = end - 1;
  while (last > heading.line && ctx.lines.lineText(last).trim() === '') last--;
  const dateField = valueOf(first('date'));
  const decisionOut: Decision = {
    path: ctx.path,
    format: 'decision-log',
    identity,
    title,
    ...(titleMarkdown !== '' && titleMarkdown !== title ? { titleMarkdown } : {}),
    status,
    date: dateField ? dateOf(ctx, dateField) : id.date,
    decisionMakers: listOf(first('decisionMakers'), splitPeople),
    consulted: listOf(first('consulted'), splitPeople),
    informed: listOf(first('informed'), splitPeople),
    tags: listOf(first('tags'), splitTags),
    sections,
    relations: dedupeRelations(relations),
    appliesTo: globsOf(valueOf(first('appliesTo')), ctx),
    range: ctx.lines.linesRange(heading.line, last),
    titleRange,
    problems: ctx.problems,
  };
  if (sink) {
    const statusField = first('status');
    const lastFieldLine = fields.length > 0 ? Math.max(...fields.map((f) => f.lastLine)) : undefined;
    const idPlace = id.number !== undefined ? idPlaceIn(ctx, 'heading', headingTextRange(ctx, heading, 0), id.numberText) : undefined;
    sink(decisionOut, logEntryPlaces(ctx, heading.line, last, statusField && statusValue ? { value: statusValue, line: statusField.key.line } : undefined, lastFieldLine, idPlace));
  }
  return decisionOut;
}

/**
 * The one-line bold summary under an id-only heading (`### GAP-009` then
 * `**MCP prompts, resources and sampling are unsupported.**`): the entry's title, without the
 * emphasis and the final period.
 */
function boldSummary(
  ctx: RecordContext,
  p: { readonly startLine: number; readonly endLine: number; readonly raw: string; readonly listDepth: number } | undefined,
  after: number,
): { title: string; markdown: string; range: Range } | undefined {
  if (!p || p.listDepth > 0 || p.endLine - p.startLine > 3 || p.startLine < after) return undefined;
  const between = ctx.lines.text.slice(ctx.lines.lineStart(after), ctx.lines.lineStart(p.startLine));
  if (between.trim() !== '') return undefined;
  // The paragraph's leading bold span, over one or more lines (`*Closed 2026-08-21.*` may follow).
  const m = /^(\*\*|__)(?!\s)([\s\S]+?)\1(?=\s|$)/.exec(p.raw.trim());
  if (!m || m[2].includes(m[1])) return undefined;
  const markdown = m[2].replace(/\s*\n\s*/g, ' ').replace(/\.$/, '').trim();
  const title = inlineText(markdown);
  if (!title) return undefined;
  // The range covers the summary as written, from after the opening `**` to before the closing one.
  const first = ctx.lines.lineText(p.startLine);
  const open = first.indexOf(m[1]);
  const lastLine = p.startLine + (m[0].match(/\n/g)?.length ?? 0);
  const last = ctx.lines.lineText(lastLine);
  const close = lastLine === p.startLine ? last.indexOf(m[1], open + m[1].length) : last.indexOf(m[1]);
  const end = last.slice(0, close).endsWith('.') ? close - 1 : close;
  if (open < 0 || close < 0) return undefined;
  return { title, markdown, range: { start: { line: p.startLine, character: open + m[1].length }, end: { line: lastLine, character: Math.max(0, end) } } };
}

/** Index of the first paragraph starting at or after `line` (paragraphs are in document order). */
function firstAtOrAfter(paragraphs: readonly { readonly startLine: number }[], line: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid].startLine < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
