/**
 * Edits to existing decision records as pure text transforms: change a status, add a
 * supersede / amend link. Each function takes a record's text (and the decision the parser read
 * from it, for its format and, in a decision log, the lines of its entry) and returns the text
 * edits to apply, touching only the lines that change, in the record's own way of writing it:
 *
 * - Nygard / adr-tools / dotnet-adr: the `## Status` section. A superseded record's status
 *   paragraph becomes `Superseded by [12. Title](0012-title.md)` and the other links are added
 *   below it, the way adr-tools' `adr new -s` and `adr link` do.
 * - MADR 3 / 4 (YAML front matter): `status: "superseded by ADR-0012"` (the MADR template's
 *   wording) and the keys `supersedes`, `amends`, `amended-by` for the other links.
 * - MADR 2 / log4brains (`* Status:` / `- Status:` bullets): `superseded by [link](file)` in
 *   the status bullet and `Supersedes [link](file)` bullets in `## Links`, as log4brains writes them.
 * - decision log entries: `Status: Superseded` and `Supersedes: Title` / `Superseded by: Title` lines.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Decision, Range } from '../model';
import { parseYamlBounded } from '../parse/frontMatter';
import { range } from '../model';
import type { RelatedRecord } from './recordData';
import { RELATION_VERBS, capitalize, linkLabel, logReference, markdownLink } from './writers';

/** A replacement of `range` by `newText` (an insertion when the range is empty). */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** The edits to make, or why the record cannot be edited safely. */
export type EditResult =
  | { readonly ok: true; readonly edits: readonly TextEdit[] }
  | { readonly ok: false; readonly message: string };

/** The relation kinds these edits can write. */
export type LinkKind = 'supersedes' | 'superseded-by' | 'amends' | 'amended-by';

/**
 * Changes a record's status.
 *
 * @param text the record's file text (the whole file, also for a decision log entry).
 * @param decision the decision read from `text` by `parseRecord`; its `format` picks the style
 *   and, for a decision log, its `range` limits the edit to its entry.
 * @param status the new status in lower case (`accepted`, `deprecated`, ...).
 * @returns the edits, or `ok: false` with a message when the record has no place a status can be
 *   written without guessing (never a partial or destructive edit).
 */
export function statusEdits(text: string, decision: Decision, status: string): EditResult {
  const layout = analyse(text, decision);
  return setStatus(layout, decision, { plain: status });
}

/**
 * Adds a relation from a record to another one, in the record's format.
 *
 * `superseded-by` also sets the status to superseded. A link that is already there is not added
 * twice (the result may then be `ok` with no edits).
 *
 * @param text the record's file text.
 * @param decision the decision read from `text` (format, and entry range in a decision log).
 * @param kind the relation from this record's point of view: `superseded-by` on the old record,
 *   `supersedes` on the new one.
 * @param other the record it points to, with a link relative to this record's folder.
 * @returns the edits, or `ok: false` with a message.
 */
export function linkEdits(text: string, decision: Decision, kind: LinkKind, other: RelatedRecord): EditResult {
  const layout = analyse(text, decision);
  const style = styleOf(layout, decision);
  if (kind === 'superseded-by') {
    const status = setStatus(layout, decision, { supersededBy: other });
    if (!status.ok || style !== 'log') return status;
    const line = addKeyLine(layout, `${RELATION_VERBS[kind]}: ${logReference(other)}`);
    return { ok: true, edits: [...status.edits, ...line] };
  }
  switch (style) {
    case 'front-matter':
      return frontMatterResult(decision, addFrontMatterValue(layout, kind, other.display));
    case 'status-section':
      return { ok: true, edits: addStatusSectionLine(layout, `${RELATION_VERBS[kind]} ${linkTo(other, 'nygard')}`) };
    case 'bullets':
      return { ok: true, edits: addLinksBullet(layout, `${RELATION_VERBS[kind]} ${linkTo(other, decision.format === 'log4brains' ? 'stem' : 'id')}`) };
    case 'log':
      return { ok: true, edits: addKeyLine(layout, `${RELATION_VERBS[kind]}: ${logReference(other)}`) };
    case 'none':
      return { ok: false, message: `${decision.path} has no status section, status line or front matter to add the link to.` };
  }
}

/**
 * Applies edits to a text (for previews and tests; the editor applies them through a
 * `WorkspaceEdit`). Edits must not overlap.
 * @returns the edited text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (p: { line: number; character: number }): number => (starts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

// ---------------------------------------------------------------------------------------------

interface Heading {
  readonly line: number;
  readonly depth: number;
  readonly text: string;
}

interface Layout {
  readonly lines: readonly string[];
  readonly eol: string;
  /** First and last line of the record (its entry, in a decision log), inclusive. */
  readonly first: number;
  readonly last: number;
  /** Lines of the opening and closing `---` of the file's front matter. */
  readonly frontMatter?: { readonly open: number; readonly close: number };
  readonly headings: readonly Heading[];
}

type Style = 'front-matter' | 'bullets' | 'status-section' | 'log' | 'none';

/** `- Status: accepted <!-- optional -->` → prefix, key, separator, value, trailing comment. */
const STATUS_KEY = /^(\s*(?:[-*+]\s+)?(?:\*\*|__)?)(status)((?:\*\*|__)?\s*:(?:\*\*|__)?[ \t]*)(.*?)(\s*<!--.*-->\s*)?$/i;
const KEY_LINE = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?[A-Za-z][\w ()'’-]{0,40}(?:\*\*|__)?\s*:/;

function analyse(text: string, decision: Decision): Layout {
  const lines = text.split(/\r\n|\r|\n/);
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
  const isLog = decision.format === 'decision-log';
  const first = isLog ? clamp(decision.range.start.line, lines) : 0;
  const last = isLog ? clamp(decision.range.end.line, lines) : lines.length - 1;
  let frontMatter: Layout['frontMatter'];
  if (!isLog && /^\uFEFF?---\s*$/.test(lines[0] ?? '')) {
    for (let i = 1; i < lines.length; i++) {
      if (/^(---|\.\.\.)\s*$/.test(lines[i])) {
        frontMatter = { open: 0, close: i };
        break;
      }
    }
  }
  // Parse the body with the front matter blanked out, so line numbers stay the same and
  // `---` is not read as a heading underline.
  const body = lines.map((l, i) => (frontMatter && i <= frontMatter.close ? '' : l)).join('\n');
  const headings: Heading[] = [];
  try {
    const tree = fromMarkdown(body);
    for (const node of tree.children) {
      if (node.type !== 'heading' || !node.position) continue;
      const line = node.position.start.line - 1;
      if (line < first || line > last) continue;
      headings.push({ line, depth: node.depth, text: headingText(lines[line]) });
    }
  } catch {
    // An unparsable body leaves no headings; the edits that need one report it.
  }
  return { lines, eol, first, last, frontMatter, headings };
}

function clamp(line: number, lines: readonly string[]): number {
  return Math.max(0, Math.min(lines.length - 1, line));
}

function headingText(line: string): string {
  return line.replace(/^\s*#+\s*/, '').replace(/\s*#+\s*$/, '').replace(/<!--.*?-->/g, '').trim();
}

function styleOf(layout: Layout, decision: Decision): Style {
  if (decision.format === 'decision-log') return 'log';
  if (frontMatterHas(layout, 'status')) return 'front-matter';
  if (statusBullet(layout) !== undefined) return 'bullets';
  if (section(layout, /^status$/i)) return 'status-section';
  if (layout.frontMatter) return 'front-matter';
  if (decision.format === 'madr3' || decision.format === 'madr4') return 'front-matter';
  return 'none';
}

/** The `* Status:` / `- Status:` line between the title and the first section heading. */
function statusBullet(layout: Layout): number | undefined {
  const start = layout.frontMatter ? layout.frontMatter.close + 1 : layout.first;
  const firstSection = layout.headings.find((h) => h.depth >= 2 && h.line >= start);
  const end = firstSection ? firstSection.line - 1 : layout.last;
  for (let i = start; i <= end; i++) {
    if (/^\s*[-*+]\s+(?:\*\*|__)?status(?:\*\*|__)?\s*:/i.test(layout.lines[i])) return i;
  }
  return undefined;
}

/** The lines of the section under the first heading matching `name`: [heading, end) exclusive. */
function section(layout: Layout, name: RegExp): { heading: number; end: number } | undefined {
  const index = layout.headings.findIndex((h) => name.test(h.text));
  if (index < 0) return undefined;
  const h = layout.headings[index];
  const next = layout.headings.slice(index + 1).find((n) => n.depth <= h.depth);
  return { heading: h.line, end: next ? next.line : layout.last + 1 };
}

type StatusChange = { readonly plain: string } | { readonly supersededBy: RelatedRecord };

function setStatus(layout: Layout, decision: Decision, change: StatusChange): EditResult {
  const style = styleOf(layout, decision);
  switch (style) {
    case 'front-matter': {
      const value = 'plain' in change ? change.plain : `superseded by ${change.supersededBy.display}`;
      return frontMatterResult(decision, setFrontMatterValue(layout, 'status', value));
    }
    case 'bullets': {
      const line = statusBullet(layout) as number;
      const m = STATUS_KEY.exec(layout.lines[line]);
      if (!m) return { ok: false, message: `Cannot read the status line of ${decision.path}.` };
      const value =
        'plain' in change ? change.plain : `superseded by ${linkTo(change.supersededBy, decision.format === 'log4brains' ? 'stem' : 'id')}`;
      return { ok: true, edits: [replaceLine(layout, line, `${m[1]}${m[2]}${m[3]}${value}${m[5] ?? ''}`)] };
    }
    case 'status-section': {
      const value =
        'plain' in change ? capitalize(change.plain) : `${RELATION_VERBS['superseded-by']} ${linkTo(change.supersededBy, 'nygard')}`;
      return { ok: true, edits: replaceStatusParagraph(layout, value) };
    }
    case 'log': {
      const value = 'plain' in change ? capitalize(change.plain) : 'Superseded';
      for (let i = layout.first; i <= layout.last; i++) {
        const m = STATUS_KEY.exec(layout.lines[i]);
        if (m) return { ok: true, edits: [replaceLine(layout, i, `${m[1]}${m[2]}${m[3]}${value}${m[5] ?? ''}`)] };
      }
      return { ok: true, edits: addKeyLine(layout, `Status: ${value}`) };
    }
    case 'none':
      return { ok: false, message: `${decision.path} has no status section, status line or front matter, so its status cannot be changed safely.` };
  }
}

function linkTo(other: RelatedRecord, style: 'nygard' | 'stem' | 'id'): string {
  const label = linkLabel(other, style);
  return other.href !== undefined ? markdownLink(label, other.href) : label;
}

/** A relation line of a status section: `Supersedes [..](..)`, `Superceded by ADR 2 - Title`. */
function isRelationLine(line: string): boolean {
  return /^\s*[A-Za-z][A-Za-z ]*?\s+\[[^\]]*\]\([^)]*\)/.test(line) || /^\s*(supersede[sd]|supercede[sd]|amend|clarifi|replace)/i.test(line);
}

/**
 * Replaces the status word of a `## Status` section (its first paragraph that is not a relation
 * line); inserts one after the heading when there is none.
 */
function replaceStatusParagraph(layout: Layout, value: string): TextEdit[] {
  const s = section(layout, /^status$/i) as { heading: number; end: number };
  let start = -1;
  let end = -1;
  for (let i = s.heading + 1; i < s.end; i++) {
    const line = layout.lines[i];
    if (line.trim() === '') {
      if (start >= 0) break;
      continue;
    }
    if (isRelationLine(line) || /^\s*<!--/.test(line)) {
      if (start >= 0) break;
      continue;
    }
    if (start < 0) start = i;
    end = i;
  }
  if (start < 0) {
    // No status word yet: put it first, before any relation lines.
    let at = s.heading + 1;
    while (at < s.end && layout.lines[at].trim() === '') at++;
    if (at >= s.end) {
      return [insertAt(layout, s.heading + 1, ['', value])];
    }
    return [{ range: range(at, 0), newText: value + layout.eol + layout.eol }];
  }
  return [{ range: range(start, 0, end, layout.lines[end].length), newText: value }];
}

function addStatusSectionLine(layout: Layout, text: string): TextEdit[] {
  const s = section(layout, /^status$/i) as { heading: number; end: number };
  let lastContent = s.heading;
  for (let i = s.heading + 1; i < s.end; i++) {
    if (layout.lines[i].trim() === text.trim()) return [];
    if (layout.lines[i].trim() !== '') lastContent = i;
  }
  return [insertAt(layout, lastContent + 1, ['', text])];
}

function addLinksBullet(layout: Layout, text: string): TextEdit[] {
  const marker = /^\s*([-*+])\s/.exec(layout.lines[statusBullet(layout) ?? -1] ?? '')?.[1] ?? '-';
  const bullet = `${marker} ${text}`;
  const s = section(layout, /^links$/i);
  if (!s) {
    let lastContent = layout.last;
    while (lastContent > 0 && layout.lines[lastContent].trim() === '') lastContent--;
    return [insertAt(layout, lastContent + 1, ['', '## Links', '', bullet])];
  }
  let lastContent = s.heading;
  let lastBullet = -1;
  for (let i = s.heading + 1; i < s.end; i++) {
    const line = layout.lines[i];
    if (line.trim() === bullet) return [];
    // log4brains' template leaves placeholder bullets (`- … <!-- numbers of links can vary -->`); keep them.
    if (line.trim() !== '') lastContent = i;
    if (/^\s*[-*+]\s/.test(line)) lastBullet = i;
  }
  if (lastBullet >= 0) return [insertAt(layout, lastBullet + 1, [bullet])];
  return [insertAt(layout, lastContent + 1, ['', bullet])];
}

/** Adds a `Key: value` line to a decision log entry, after its last `Key:` line. */
function addKeyLine(layout: Layout, text: string): TextEdit[] {
  let after = -1;
  for (let i = layout.first; i <= layout.last; i++) {
    const line = layout.lines[i];
    if (line.trim() === text.trim()) return [];
    if (KEY_LINE.test(line) && !/^\s*#/.test(line)) after = i;
  }
  if (after < 0) {
    after = layout.last;
    while (after > layout.first && layout.lines[after].trim() === '') after--;
  }
  return [insertAt(layout, after + 1, [text])];
}

/**
 * An insertion of whole lines before line `at` (or at the end of the file when `at` is past the
 * last line, adding the line break the file's last line lacks).
 */
function insertAt(layout: Layout, at: number, newLines: readonly string[]): TextEdit {
  const { lines, eol } = layout;
  if (at >= lines.length || (at === lines.length - 1 && lines[at] === '' && at > 0)) {
    // Appending after the last line: when the file ends with a line break the last "line" is
    // empty; insert before it so the file keeps exactly one final line break.
    const lastLine = lines.length - 1;
    if (lines[lastLine] === '') return { range: range(lastLine, 0), newText: newLines.join(eol) + eol };
    return { range: range(lastLine, lines[lastLine].length), newText: eol + newLines.join(eol) };
  }
  return { range: range(at, 0), newText: newLines.join(eol) + eol };
}

function replaceLine(layout: Layout, line: number, text: string): TextEdit {
  return { range: range(line, 0, line, layout.lines[line].length), newText: text };
}

// --- YAML front matter -------------------------------------------------------------------------

function frontMatterDoc(layout: Layout): { doc: Document.Parsed; text: string; firstLine: number } | undefined {
  if (!layout.frontMatter) return undefined;
  const firstLine = layout.frontMatter.open + 1;
  const text = layout.lines.slice(firstLine, layout.frontMatter.close).join('\n');
  // Bounded as the parser reads it: front matter too deep or too large for `yaml` is not edited.
  const doc = parseYamlBounded(text, { keepSourceTokens: false }).doc;
  if (!doc || doc.errors.length > 0) return undefined;
  return { doc, text, firstLine };
}

function offsetToPosition(text: string, offset: number, firstLine: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  const line = firstLine + (before.match(/\n/g)?.length ?? 0);
  return { line, character: offset - (nl + 1) };
}

function yamlScalar(value: string): string {
  // A one-key document gives the scalar exactly as YAML needs it quoted.
  const doc = parseDocument('x: 0');
  doc.set('x', value);
  return doc.toString({ lineWidth: 0 }).replace(/^x: /, '').replace(/\n$/, '');
}

function frontMatterResult(decision: Decision, edits: TextEdit[] | undefined): EditResult {
  return edits ? { ok: true, edits } : { ok: false, message: `The front matter of ${decision.path} is not valid YAML; fix it first.` };
}

function frontMatterHas(layout: Layout, key: string): boolean {
  const fm = frontMatterDoc(layout);
  return !!fm && isMap(fm.doc.contents) && fm.doc.contents.items.some((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === key);
}

/**
 * Sets a top-level scalar key of the front matter, inserting the key (or the front matter) when
 * missing. @returns `undefined` when the front matter is not valid YAML.
 */
function setFrontMatterValue(layout: Layout, key: string, value: string): TextEdit[] | undefined {
  const fm = frontMatterDoc(layout);
  if (!layout.frontMatter) {
    return [{ range: range(0, 0), newText: ['---', `${key}: ${yamlScalar(value)}`, '---', ''].join(layout.eol) }];
  }
  if (fm && isMap(fm.doc.contents)) {
    for (const pair of fm.doc.contents.items) {
      if (!isScalar(pair.key) || String(pair.key.value).toLowerCase() !== key) continue;
      if (isScalar(pair.value) && pair.value.range) {
        const start = offsetToPosition(fm.text, pair.value.range[0], fm.firstLine);
        const end = offsetToPosition(fm.text, pair.value.range[1], fm.firstLine);
        return [{ range: { start, end }, newText: yamlScalar(value) }];
      }
      if (pair.value === null && isScalar(pair.key) && pair.key.range) {
        // `status:` with no value.
        const end = offsetToPosition(fm.text, pair.key.range[2], fm.firstLine);
        const lineText = layout.lines[end.line];
        return [replaceLine(layout, end.line, `${lineText.replace(/\s+$/, '')} ${yamlScalar(value)}`)];
      }
    }
  }
  if (!fm) {
    // Front matter we cannot read: adding a key could make it worse; the caller reports it.
    return undefined;
  }
  return [insertAt(layout, layout.frontMatter.close, [`${key}: ${yamlScalar(value)}`])];
}

/** Adds a value to a front matter key that holds one id or a list of ids. @returns `undefined` for invalid YAML. */
function addFrontMatterValue(layout: Layout, key: string, value: string): TextEdit[] | undefined {
  const fm = frontMatterDoc(layout);
  if (!layout.frontMatter || !fm || !isMap(fm.doc.contents)) return setFrontMatterValue(layout, key, value);
  for (const pair of fm.doc.contents.items) {
    if (!isScalar(pair.key) || String(pair.key.value).toLowerCase() !== key) continue;
    const existing: string[] = isSeq(pair.value)
      ? pair.value.items.map((i) => (isScalar(i) ? String(i.value) : ''))
      : isScalar(pair.value) && pair.value.value !== null && String(pair.value.value) !== ''
        ? [String(pair.value.value)]
        : [];
    if (existing.includes(value)) return [];
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    const keyNode = pair.key as { range?: [number, number, number] };
    if (!keyNode.range) return [];
    const start = offsetToPosition(fm.text, keyNode.range[0], fm.firstLine);
    const endOffset = valueNode?.range ? valueNode.range[1] : keyNode.range[2];
    const end = offsetToPosition(fm.text, endOffset, fm.firstLine);
    const items = [...existing, value].map(yamlScalar).join(', ');
    return [{ range: { start, end }, newText: `${String(pair.key.value)}: [${items}]` }];
  }
  return setFrontMatterValue(layout, key, value);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) starts.push(m.index + m[0].length);
  return starts;
}
