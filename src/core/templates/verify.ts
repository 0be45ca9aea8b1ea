/**
 * Verify, then write: an edit of a decision record is applied in memory and the result read
 * again with the project's parser before anything is written. The edit is refused unless the
 * record read back has the requested status or relation, every other field of it (and of every
 * other entry of a decision log) is what it was, every byte outside the replaced ranges is
 * unchanged, the BOM is still first and no line break of another kind was written.
 */
import type { Decision, Position, Range, Relation } from '../model';
import { parseRecord, parseRecordWithPlaces } from '../parse/parseRecord';
import type { RecordPlaces } from '../parse/places';
import { LineIndex } from '../parse/text';
import type { LinkKind, TextEdit } from './edits';
import { applyEdits, editParseOptions, entryIndex, refersTo, requestEdits } from './edits';
import type { RelatedRecord } from './recordData';

/** What to change in a record. */
export type EditRequest =
  /** Set the status (lower case: `accepted`, `deprecated`, ...). */
  | { readonly kind: 'status'; readonly status: string }
  /** Add a relation to another record (`superseded-by` also sets the status to superseded). */
  | { readonly kind: 'link'; readonly link: LinkKind; readonly other: RelatedRecord };

/** Edits that were verified: `text` is the record's file text after them. */
export interface VerifiedEdits {
  readonly ok: true;
  readonly edits: readonly TextEdit[];
  readonly text: string;
  /** The decision read back from `text`. */
  readonly decision: Decision;
}

/** A refused edit; the file is not to be touched. */
export interface RefusedEdit {
  readonly ok: false;
  readonly message: string;
}

/**
 * Computes the edits for `request`, applies them to `text` in memory, reads the result back and
 * checks it (see the module doc).
 *
 * @param text the record's file text as it is now (may start with a BOM; LF, CRLF, CR or mixed).
 * @param decision the decision to edit, as read from this file (its path, format and, in a log,
 *   its entry's start line pick it; the text is read again, so a stale copy is fine).
 * @param request the status or relation to write.
 * @returns the verified edits and the resulting text (no edits when the record already says
 *   so), or a refusal with a message naming what would have gone wrong.
 */
export function verifiedEdits(text: string, decision: Decision, request: EditRequest): VerifiedEdits | RefusedEdit {
  const { result, decisions: before, places } = requestEdits(text, decision, request);
  if (!result.ok) return result;
  return check(text, decision, request, result.edits, before, places);
}

/**
 * Checks edits made by any means against a request, as {@link verifiedEdits} checks its own:
 * applied in memory, read back, compared.
 * @param edits the edits to check (non-overlapping ranges of `text`).
 * @returns the edits and the resulting text, or a refusal naming what they would break.
 */
export function checkEdits(text: string, decision: Decision, request: EditRequest, edits: readonly TextEdit[]): VerifiedEdits | RefusedEdit {
  const read = parseRecordWithPlaces(text, decision.path, editParseOptions(decision));
  const i = entryIndex(
    read.map((r) => r.decision),
    decision,
  );
  return check(
    text,
    decision,
    request,
    edits,
    read.map((r) => r.decision),
    i >= 0 ? read[i].places : undefined,
  );
}

function check(
  text: string,
  decision: Decision,
  request: EditRequest,
  edits: readonly TextEdit[],
  before: readonly Decision[],
  places: RecordPlaces | undefined,
): VerifiedEdits | RefusedEdit {
  const result = { edits };
  const options = editParseOptions(decision);
  const i = entryIndex(before, decision);
  if (i < 0) return refuse(`${decision.path} no longer holds this decision; read it again.`);
  if (result.edits.length === 0) {
    const unmet = requestMet(before[i], request);
    return unmet ? refuse(`${decision.path} does not read as asked (${unmet}).`) : { ok: true, edits: [], text, decision: before[i] };
  }

  const lines = new LineIndex(text);
  const spans = result.edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, edit: e }))
    .sort((a, b) => a.start - b.start);
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    const posOk = (p: Position, o: number): boolean => lines.offsetAt(p) === o && lines.positionAt(o).line === p.line && lines.positionAt(o).character === p.character;
    if (s.end < s.start || !posOk(s.edit.range.start, s.start) || !posOk(s.edit.range.end, s.end)) return refuse('An edit lies outside the record text; nothing was changed.');
    if (k > 0 && spans[k - 1].end > s.start) return refuse('Two edits overlap; nothing was changed.');
    if (text.startsWith('\uFEFF') && s.start === 0) return refuse('An edit would move the byte order mark; nothing was changed.');
    const breaks = s.newText.match(/\r\n|\r|\n/g) ?? [];
    const kinds = new Set(text.match(/\r\n|\r|\n/g) ?? ['\n']);
    if (breaks.some((b) => !kinds.has(b))) return refuse('An edit would mix line endings; nothing was changed.');
  }
  // Text is only replaced inside the value the parser read (the status, or a front matter list of
  // links that gains an item); everything else an edit does is an insertion.
  const valueRanges = [places?.status?.range, ...before[i].relations.map((r) => r.range)].filter((r): r is Range => r !== undefined);
  for (const s of spans) {
    // What actually changes: the span without the text it writes back as it was.
    const old = text.slice(s.start, s.end);
    let p = 0;
    while (p < old.length && p < s.newText.length && old[p] === s.newText[p]) p++;
    let q = 0;
    while (q < old.length - p && q < s.newText.length - p && old[old.length - 1 - q] === s.newText[s.newText.length - 1 - q]) q++;
    const from = s.start + p;
    const to = s.end - q;
    if (from >= to) continue;
    if (!valueRanges.some((r) => lines.offsetAt(r.start) <= from && to <= lines.offsetAt(r.end))) {
      return refuse(`The edit would replace "${oneLineOf(text.slice(from, to))}", which is not the value being changed; nothing was changed.`);
    }
  }
  const after = applyEdits(text, result.edits);
  // Every byte outside the replaced ranges is the same, in order.
  let at = 0;
  let out = 0;
  for (const s of spans) {
    const keep = text.slice(at, s.start);
    if (after.slice(out, out + keep.length) !== keep || after.slice(out + keep.length, out + keep.length + s.newText.length) !== s.newText) {
      return refuse('The edit would change text it was not asked to change; nothing was changed.');
    }
    out += keep.length + s.newText.length;
    at = s.end;
  }
  if (after.slice(out) !== text.slice(at)) return refuse('The edit would change text it was not asked to change; nothing was changed.');

  const reread = parseRecord(after, decision.path, options);
  if (reread.length !== before.length) return refuse(`The edit would change how many decisions ${decision.path} holds; nothing was changed.`);
  const afterLines = new LineIndex(after);
  // A position moves with the text before it; at an insertion point a range's start moves
  // (the inserted text comes before it) and its end stays. (0,0)-(0,0) means "no place" and stays.
  const shiftAt = (p: Position, isStart: boolean): Position => {
    const o = lines.offsetAt(p);
    let delta = 0;
    for (const s of spans) {
      const insertion = s.start === s.end;
      if (s.end < o || (s.end === o && (!insertion || isStart))) delta += s.newText.length - (s.end - s.start);
    }
    return afterLines.positionAt(o + delta);
  };
  const shift = (r: Range): Range => {
    if (noPlace(r)) return r;
    const start = shiftAt(r.start, true);
    const end = shiftAt(r.end, false);
    return end.line < start.line || (end.line === start.line && end.character < start.character) ? { start, end: start } : { start, end };
  };
  const oldSpans = spans.map((s) => ({ start: s.start, end: s.end }));
  let d = 0;
  const newSpans = spans.map((s) => {
    const start = s.start + d;
    d += s.newText.length - (s.end - s.start);
    return { start, end: start + s.newText.length };
  });
  const touches = (r: Range, index: LineIndex, set: readonly { start: number; end: number }[]): boolean => {
    if (noPlace(r)) return false;
    const a = index.offsetAt(r.start);
    const b = index.offsetAt(r.end);
    return set.some((s) => (s.start === s.end ? s.start > a && s.start < b : a < s.end && s.start < b) || (a === b && a >= s.start && a < s.end));
  };

  for (let j = 0; j < before.length; j++) {
    if (j === i) continue;
    if (!sameValue(shiftDecision(before[j], shift), reread[j])) {
      return refuse(`The edit would change another entry of ${decision.path} ("${before[j].title}"); nothing was changed.`);
    }
  }
  const old = before[i];
  const now = reread[i];
  const oldStatus = old.status.text !== '';
  const wanted = requestMet(now, request);
  if (wanted) return refuse(`${decision.path} would not read back as asked (${wanted}); nothing was changed.`);

  // Everything but the edited value reads back the same.
  const keptRelations = (d0: Decision, index: LineIndex, set: typeof oldSpans): Relation[] => d0.relations.filter((r) => !touches(r.range, index, set));
  const strip = (x: Decision, rel: Relation[], index: LineIndex, set: typeof oldSpans): unknown => ({
    ...x,
    // dotnet-adr is told from Nygard by its status wording; a record of no known format may
    // become MADR by getting a front matter status.
    format: x.format === 'dotnet-adr' ? 'nygard' : old.format === 'unknown' && !oldStatus ? undefined : x.format,
    status: undefined,
    relations: rel,
    // A record is the whole file; a log entry starts where it started.
    range: x.format === 'decision-log' ? x.range.start : undefined,
    problems: x.problems.filter((p) => p.code !== 'status-unrecognised' && !touches(p.range, index, set)),
  });
  const oldShifted = shiftDecision(old, shift);
  const oldKept = keptRelations(old, lines, oldSpans).map((r) => shiftRelation(r, shift));
  const nowKept = keptRelations(now, afterLines, newSpans);
  const oldView = strip({ ...oldShifted, problems: old.problems.filter((p) => !touches(p.range, lines, oldSpans)).map((p) => ({ ...p, range: shift(p.range) })) }, oldKept, afterLines, []);
  const nowView = strip(now, nowKept, afterLines, newSpans);
  if (!sameValue(oldView, nowView)) return refuse(`The edit would change more of ${decision.path} than asked (${firstDifference(oldView, nowView)}); nothing was changed.`);
  if (request.kind === 'link' && request.link !== 'superseded-by') {
    // A link added to a list keeps the links already in it.
    const removed = old.relations.filter((r) => touches(r.range, lines, oldSpans));
    const lost = removed.find((r) => !now.relations.some((n) => n.kind === r.kind && n.target.text === r.target.text));
    if (lost) return refuse(`The edit would drop the link ${lost.target.text} of ${decision.path}; nothing was changed.`);
  }
  return { ok: true, edits: result.edits, text: after, decision: now };
}

function oneLineOf(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** `(0,0)-(0,0)`: the parser's range for what has no place in the text (a missing title). */
function noPlace(r: Range): boolean {
  return r.start.line === 0 && r.start.character === 0 && r.end.line === 0 && r.end.character === 0;
}

function refuse(message: string): RefusedEdit {
  return { ok: false, message };
}

/** Why `d` does not show what was asked, or `undefined` when it does. */
function requestMet(d: Decision, request: EditRequest): string | undefined {
  if (request.kind === 'status') {
    return d.status.kind === request.status ? undefined : `its status would read "${d.status.text}"`;
  }
  const { link, other } = request;
  if (link === 'superseded-by' && d.status.kind !== 'superseded') return `its status would read "${d.status.text}"`;
  const found = d.relations.some((r) => r.kind === link && refersTo(r.target, other));
  if (!found) return `no ${link} link to ${other.display}`;
  const second = link === 'superseded-by' ? d.relations.find((r) => r.kind === 'superseded-by' && !refersTo(r.target, other)) : undefined;
  return second ? `it would also be superseded by ${second.target.text}` : undefined;
}

type Shift = (r: Range) => Range;

function shiftRelation(r: Relation, shift: Shift): Relation {
  return { ...r, range: shift(r.range) };
}

function shiftDecision(d: Decision, shift: Shift): Decision {
  return {
    ...d,
    range: shift(d.range),
    titleRange: shift(d.titleRange),
    relations: d.relations.map((r) => shiftRelation(r, shift)),
    problems: d.problems.map((p) => ({ ...p, range: shift(p.range) })),
  };
}

/** Structural equality of plain data (objects, arrays, primitives); `undefined` members count as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}

function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path || 'value';
  if (Array.isArray(a) !== Array.isArray(b)) return path || 'value';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path || 'list'} length`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    const d = firstDifference(ao[k], bo[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return undefined;
}
