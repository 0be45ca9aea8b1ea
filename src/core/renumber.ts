/**
 * Renumber a decision: move a record to a new number and rewrite every citation of it.
 *
 * Given the index, one decision and a new number, {@link planRenumber} computes, without writing
 * anything:
 * - the file rename, in the folder's own naming (`0012-use-x.md` → `0015-use-x.md`, the padding of
 *   the name as found; `ADR-012-x.md` keeps its prefix); a decision log entry keeps its file;
 * - the record's own number where the parser read it (`parse/places.ts` `ids`: the title heading
 *   `# 12. Use X` / `# ADR-0012: Use X`, a front matter `title` or `id`, a log entry's heading);
 * - every citation of it the index found (one source of truth: the citation ranges come from the
 *   index), in code, documents, other records and logs, each in its own form: `ADR-0012` →
 *   `ADR-0015`, `ADR 12` → `ADR 15`, `@ADR(12)`, `@ADR("0012")`, `MADR 012-use-x`, paths and URLs
 *   to the file, Markdown links (`[12. Use X](0012-use-x.md)`, `[ADR-0012](...)`: the target and
 *   the id in the link text) and relation lines of other records (`Superseded by [...](...)`, a
 *   front matter `supersedes: ADR-0012`, a bare `Supersedes: 12` the citation finder does not see).
 *
 * Every edit replaces one run of digits that reads the old number by the new one, zero-padded to
 * the width it had when it was padded (`0012` → `0015`, `012` → `015`, `12` → `15`, `9` → `10`).
 * Nothing else in any file changes. The plan is verified before it is returned (see
 * {@link planRenumber}); it is refused with a message when the number is taken, a file cannot be
 * read or written, or the result would read differently than asked.
 *
 * Not rewritten, and listed in `skipped` with the reason: URLs pinned to a commit (the file there
 * keeps its old name), citations that also mean another record (ambiguous), and paths to a decision
 * log entry (the log keeps its name; its anchors are the entry's heading).
 */
import type { DecisionFolder } from './config';
import { findCitations } from './citations';
import type { IndexedDecision, DecisionIndex, ResolvedCitation } from './index';
import type { Citation, Decision, Range } from './model';
import { isDecisionLogName } from './parse/decisionLog';
import type { ParseOptions } from './parse/parseRecord';
import { parseRecord, parseRecordWithPlaces } from './parse/parseRecord';
import { identityFromFileName } from './parse/identity';
import { LineIndex } from './parse/text';
import { basename, dirname, join } from './paths';
import type { TextEdit } from './templates/edits';
import { applyEdits, editParseOptions, entryIndex } from './templates/edits';
import { isDateNamed, nextNumber, padNumber } from './templates/numbering';

/**
 * Plug-in point for numbers used elsewhere (another branch, the target ref of a merge): returns
 * why `n` is taken for records of `folder` (`used by 0015-other.md on origin/main`), or
 * `undefined` when it is free there. The git history feature supplies it; without it only the
 * working tree counts.
 */
export type NumberTakenElsewhere = (folder: DecisionFolder, n: number) => string | undefined;

/** The largest record number a renumber writes (nine digits, as the parser reads them). */
export const MAX_RECORD_NUMBER = 999_999_999;

/** What {@link planRenumber} needs. */
export interface RenumberInput {
  readonly index: DecisionIndex;
  /** The decision to renumber, as the index holds it. */
  readonly decision: IndexedDecision;
  /** The new number (a positive integer of at most nine digits). */
  readonly newNumber: number;
  /**
   * A file's text as it is now (a BOM kept as `\uFEFF`), or `undefined` when it cannot be read.
   * Called for the record's file and each file that cites it.
   */
  readonly readText: (path: string) => string | undefined;
  /** Names (not paths) of the files in the record's folder right now. */
  readonly folderFileNames: readonly string[];
  /** Numbers taken on other refs ({@link NumberTakenElsewhere}). */
  readonly takenElsewhere?: NumberTakenElsewhere;
  /** Why a file may not be written (untrusted, read-only, outside the workspace), or `undefined` when it may. */
  readonly cannotWrite?: (path: string) => string | undefined;
  /** How the index finds citations (defaults: comments only, prefixes case-sensitive), to read the results back the same way. */
  readonly citationOptions?: { readonly commentsOnly?: boolean; readonly ignoreCase?: boolean };
}

/** The edits of one file. `path` is the file as it is now (the record's old path for the record). */
export interface RenumberFileEdit {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** Non-overlapping replacements in `before`, sorted by position. */
  readonly edits: readonly TextEdit[];
  /** Citations of the decision rewritten in this file. */
  readonly citations: number;
}

/** A citation that is left as written, and why. */
export interface SkippedCitation {
  readonly path: string;
  readonly range: Range;
  readonly text: string;
  readonly reason: string;
}

/** A verified renumber, ready to apply. */
export interface RenumberPlan {
  readonly ok: true;
  readonly decision: IndexedDecision;
  readonly oldNumber: number;
  readonly newNumber: number;
  /** How the decision is cited after the renumber: `ADR-0015`. */
  readonly newDisplay: string;
  /** The record's file now, and where it moves (the same path when it is not renamed, e.g. a log entry). */
  readonly oldPath: string;
  readonly newPath: string;
  /** Every file that changes, sorted by path (the record's file under its old path). */
  readonly files: readonly RenumberFileEdit[];
  /** Citations rewritten in all. */
  readonly citations: number;
  readonly skipped: readonly SkippedCitation[];
}

/** A refused renumber: nothing is to be changed. */
export interface RenumberRefusal {
  readonly ok: false;
  readonly message: string;
}

const NUMBERED_NAME = /^(\d+)[-_]/;

/**
 * Reads a record number as a user types it: digits, with or without padding or the decision's
 * prefix (`15`, `0015`, `ADR-0015`).
 * @returns the number, or `undefined` when the text is no positive number of at most nine digits.
 */
export function parseRecordNumber(text: string): number | undefined {
  const m = /^\s*(?:[A-Za-z][A-Za-z0-9_]*[-_ ]?)?(\d{1,9})\s*$/.exec(String(text ?? ''));
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 ? n : undefined;
}

/**
 * Why a number is taken in the decision's folder, or `undefined` when it is free: another record
 * of the folder (or entry of the log) has it, a file name in the folder starts with it, or the
 * {@link NumberTakenElsewhere} hook says so.
 * @param folderFileNames names of the files in the folder now.
 */
export function numberTaken(
  index: DecisionIndex,
  decision: IndexedDecision,
  n: number,
  folderFileNames: readonly string[],
  takenElsewhere?: NumberTakenElsewhere,
): string | undefined {
  const other = index.decisions().find((x) => x !== decision && x.folder.path === decision.folder.path && x.identity.number === n);
  if (other) return `${other.display} (${basename(other.path)}) already has number ${n}`;
  if (decision.format !== 'decision-log') {
    const own = basename(decision.path);
    const file = folderFileNames.find((name) => name !== own && !isDateNamed(name) && Number(NUMBERED_NAME.exec(name)?.[1] ?? NaN) === n);
    if (file) return `${file} already uses number ${n}`;
  }
  return takenElsewhere?.(decision.folder, n);
}

/**
 * The number a renumber offers first: the folder's next free number, as New Decision numbers a
 * new record (`templates/numbering.ts` {@link nextNumber}: one more than the highest file number),
 * and never below one more than the highest number of a record in the folder (or entry of the
 * log); then the first number after it that {@link numberTaken} says is free.
 * @returns a positive integer.
 */
export function nextFreeNumber(
  index: DecisionIndex,
  decision: IndexedDecision,
  folderFileNames: readonly string[],
  takenElsewhere?: NumberTakenElsewhere,
): number {
  let n = decision.format === 'decision-log' ? 1 : nextNumber(folderFileNames);
  for (const x of index.decisions()) if (x.folder.path === decision.folder.path && x.identity.number !== undefined) n = Math.max(n, x.identity.number + 1);
  while (n < MAX_RECORD_NUMBER && numberTaken(index, decision, n, folderFileNames, takenElsewhere) !== undefined) n++;
  return n;
}

/**
 * `digits` (which read the old number) rewritten as `n`: zero-padded to the same width when they
 * were padded (`0012` → `0015`, `012` → `105`), else plain (`12` → `5`).
 */
export function renumberDigits(digits: string, n: number): string {
  return digits.length > 1 && digits.startsWith('0') ? padNumber(n, digits.length) : String(n);
}

/** The record's file name with its number replaced, or `undefined` when the name states no number (or another one). */
export function renumberedFileName(fileName: string, oldNumber: number, newNumber: number): string | undefined {
  const name = identityFromFileName(fileName);
  if (name.number !== oldNumber || name.numberText === undefined || name.dateSlug) return undefined;
  const at = firstDigits(fileName);
  if (!at || at.digits !== name.numberText) return undefined;
  return fileName.slice(0, at.index) + renumberDigits(at.digits, newNumber) + fileName.slice(at.index + at.digits.length);
}

/**
 * The files {@link planRenumber} reads for a decision: its record, every file that cites it, and
 * every record with a relation to it. An editor reads them (open documents first) before planning.
 * @returns absolute paths, sorted, without duplicates.
 */
export function renumberReadPaths(index: DecisionIndex, decision: IndexedDecision): string[] {
  const out = new Set<string>([decision.path]);
  for (const c of index.citationsOf(decision, { includeRecords: true })) out.add(c.path);
  for (const from of index.decisions()) {
    if (from.relations.some((r) => r.target.id !== undefined && index.resolveRef(r.target, from) === decision)) out.add(from.path);
  }
  return [...out].sort();
}

/**
 * Plans and verifies a renumber (see the module doc).
 *
 * Verification, before anything is returned: each edit replaces one whole run of digits reading
 * the old number by digits reading the new one; edits of a file do not overlap; every file read
 * again with the citation finder has the same citations in the same forms, those that were
 * rewritten now naming the new number or file name and all others as they were; every record file
 * read again with the parser holds the same records with the same fields (digits aside), the
 * renumbered one with the new number and the others with theirs.
 *
 * @returns the plan, or a refusal with a message: the decision has no number (a date-named
 *   log4brains record), is reStructuredText, the number is taken (a record, a file name or
 *   `takenElsewhere`), a file cannot be read or written, a file changed since it was indexed, or
 *   the verification failed.
 */
export function planRenumber(input: RenumberInput): RenumberPlan | RenumberRefusal {
  const { index, decision: d, newNumber } = input;
  const oldNumber = d.identity.number;
  if (oldNumber === undefined) return refuse(`${d.display} has no number (its id is ${d.identity.slug ?? 'its file name'}); only numbered decisions can be renumbered.`);
  if (/\.rst$/i.test(d.path)) return refuse(`${d.display} is a reStructuredText record; renumber it by hand.`);
  if (!Number.isInteger(newNumber) || newNumber < 1 || newNumber > MAX_RECORD_NUMBER) return refuse(`The new number must be a whole number from 1 to ${MAX_RECORD_NUMBER}.`);
  if (newNumber === oldNumber) return refuse(`${d.display} already has number ${newNumber}.`);
  const taken = numberTaken(index, d, newNumber, input.folderFileNames, input.takenElsewhere);
  if (taken) return refuse(`Number ${newNumber} is taken: ${taken}.`);

  const oldBase = basename(d.path);
  const isLog = d.format === 'decision-log';
  const newBase = isLog ? undefined : renumberedFileName(oldBase, oldNumber, newNumber);
  const newPath = newBase === undefined ? d.path : join(dirname(d.path), newBase);
  if (newBase !== undefined) {
    const clash = input.folderFileNames.find((n) => n !== oldBase && n.toLowerCase() === newBase.toLowerCase());
    if (clash) return refuse(`${clash} already exists.`);
  }

  const texts = new Map<string, string>();
  const textOf = (path: string): string | undefined => {
    if (!texts.has(path)) {
      const t = input.readText(path);
      if (t === undefined) return undefined;
      texts.set(path, t);
    }
    return texts.get(path);
  };
  const lineIndexes = new Map<string, LineIndex>();
  const linesOf = (path: string, text: string): LineIndex => {
    let l = lineIndexes.get(path);
    if (!l) lineIndexes.set(path, (l = new LineIndex(text)));
    return l;
  };
  const edits = new Map<string, Edit[]>();
  const counts = new Map<string, number>();
  const skipped: SkippedCitation[] = [];
  const add = (path: string, e: Edit): void => {
    let list = edits.get(path);
    if (!list) edits.set(path, (list = []));
    list.push(e);
  };

  // The record's own number, where the parser read it.
  const ownText = textOf(d.path);
  if (ownText === undefined) return refuse(`${d.path} cannot be read.`);
  const read = parseRecordWithPlaces(ownText, d.path, editParseOptions(d));
  const at = entryIndex(
    read.map((r) => r.decision),
    d,
  );
  if (at < 0) return refuse(`${d.path} no longer holds ${d.display}; read it again.`);
  const ownLines = new LineIndex(ownText);
  for (const place of read[at].places?.ids ?? []) {
    if (Number(place.raw) !== oldNumber) continue;
    const start = ownLines.offsetAt(place.range.start);
    add(d.path, { start, end: start + place.raw.length, newText: renumberDigits(place.raw, newNumber) });
  }
  if (isLog && !edits.has(d.path)) return refuse(`${d.display} is numbered by its place in ${basename(d.path)}, not by its heading; renumber it by hand.`);

  // Every citation of it.
  const prefixes = prefixesOfDecision(d);
  for (const c of index.citationsOf(d, { includeRecords: true })) {
    if (c.candidates && c.candidates.length > 1) {
      skipped.push(skip(c, `also means ${c.candidates.filter((x) => x !== d).map((x) => `${x.display} (${basename(x.path)})`).join(', ')}`));
      continue;
    }
    const text = textOf(c.path);
    if (text === undefined) return refuse(`${c.path} cannot be read.`);
    const lines = linesOf(c.path, text);
    const from = lines.offsetAt(c.range.start);
    if (text.slice(from, lines.offsetAt(c.range.end)) !== c.text) return refuse(`${c.path} changed since it was read; try again when the index is up to date.`);
    const found = citationEdits(c, oldNumber, newNumber, oldBase, newBase, prefixes, isLog, c.moved === true);
    if (typeof found === 'string') {
      skipped.push(skip(c, found));
      continue;
    }
    for (const e of found) add(c.path, { start: from + e.start, end: from + e.end, newText: e.newText });
    if (found.length > 0) counts.set(c.path, (counts.get(c.path) ?? 0) + 1);
  }

  // Relations in other records that name it by a bare number the citation finder does not see.
  for (const from of index.decisions()) {
    for (const stated of from.relations) {
      const id = stated.target.id;
      if (id === undefined || stated.range.start.line !== stated.range.end.line || index.resolveRef(stated.target, from) !== d) continue;
      const text = textOf(from.path);
      if (text === undefined) return refuse(`${from.path} cannot be read.`);
      const lines = linesOf(from.path, text);
      const rs = lines.offsetAt(stated.range.start);
      const re = lines.offsetAt(stated.range.end);
      if ((edits.get(from.path) ?? []).some((e) => e.start < re && rs < e.end)) continue;
      if (skipped.some((c) => c.path === from.path && c.range.start.line === stated.range.start.line)) continue;
      const same = index.decisions().filter((x) => x !== d && x.folder.path === d.folder.path && x.identity.number === oldNumber);
      if (same.length > 0) {
        skipped.push({ path: from.path, range: stated.range, text: stated.target.text, reason: `also means ${same.map((x) => `${x.display} (${basename(x.path)})`).join(', ')}` });
        continue;
      }
      const t = text.slice(rs, re).indexOf(stated.target.text);
      const idAt = stated.target.text.indexOf(id);
      const digits = firstDigits(id);
      if (t < 0 || idAt < 0 || !digits || Number(digits.digits) !== oldNumber) continue;
      const start = rs + t + idAt + digits.index;
      add(from.path, { start, end: start + digits.digits.length, newText: renumberDigits(digits.digits, newNumber) });
      counts.set(from.path, (counts.get(from.path) ?? 0) + 1);
    }
  }

  const files: RenumberFileEdit[] = [];
  for (const [path, list] of [...edits].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const why = input.cannotWrite?.(path);
    if (why) return refuse(`${path} cannot be changed: ${why}.`);
    const before = texts.get(path) ?? '';
    const unique = dedupe(list);
    if (typeof unique === 'string') return refuse(`${path}: ${unique}; nothing was changed.`);
    const lines = new LineIndex(before);
    const textEdits = unique.map((e) => ({ range: lines.rangeOf(e.start, e.end), newText: e.newText }));
    files.push({ path, before, after: applyEdits(before, textEdits), edits: textEdits, citations: counts.get(path) ?? 0 });
  }
  if (newPath !== d.path) {
    const why = input.cannotWrite?.(newPath);
    if (why) return refuse(`${newPath} cannot be written: ${why}.`);
    if (!files.some((f) => f.path === d.path)) files.push({ path: d.path, before: ownText, after: ownText, edits: [], citations: 0 });
  }

  const plan: RenumberPlan = {
    ok: true,
    decision: d,
    oldNumber,
    newNumber,
    newDisplay: `${d.prefix}-${renumberDigits(d.identity.numberText ?? String(oldNumber), newNumber)}`,
    oldPath: d.path,
    newPath,
    files,
    citations: files.reduce((a, f) => a + f.citations, 0),
    skipped,
  };
  const problem = verifyRenumber(plan, index, input.citationOptions);
  return problem ? refuse(`${problem}; nothing was changed.`) : plan;
}

// ---------------------------------------------------------------------------------------------

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

function refuse(message: string): RenumberRefusal {
  return { ok: false, message };
}

function skip(c: ResolvedCitation, reason: string): SkippedCitation {
  return { path: c.path, range: c.range, text: c.text, reason };
}

function firstDigits(text: string, from = 0): { index: number; digits: string } | undefined {
  const re = /\d+/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { index: m.index, digits: m[0] } : undefined;
}

/** The citation prefixes a decision is found by (`ADR`, `MADR`), upper case. */
function prefixesOfDecision(d: IndexedDecision): Set<string> {
  const out = new Set<string>([d.prefix.toUpperCase()]);
  for (const k of d.keys) {
    const m = /^(.+)-\d+$/.exec(k);
    if (m) out.add(m[1].toUpperCase());
  }
  if (d.identity.prefix) out.add(d.identity.prefix.toUpperCase());
  return out;
}

/** A URL that names a commit (`/blob/3f2a9c1/...`): the file there keeps its name. */
const PINNED_URL = /\/(?:-\/)?(?:blob|tree|raw|src|commit)\/[0-9a-f]{7,40}\/|raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[0-9a-f]{7,40}\//i;

/**
 * The edits inside one citation's text (offsets in `c.text`), or why it is left as written.
 */
function citationEdits(
  c: Citation,
  oldNumber: number,
  newNumber: number,
  oldBase: string,
  newBase: string | undefined,
  prefixes: ReadonlySet<string>,
  isLog: boolean,
  moved: boolean,
): Edit[] | string {
  const text = c.text;
  const digitsEdit = (index: number, digits: string): Edit => ({ start: index, end: index + digits.length, newText: renumberDigits(digits, newNumber) });
  if (c.form === 'id' || c.form === 'annotation') {
    // The number comes after the prefix (`ADR-0012`, `MADR 012-use-x`) or the annotation's `(`.
    let from = c.form === 'annotation' ? text.indexOf('(') + 1 : (c.prefix?.length ?? 0);
    for (let m = firstDigits(text, from); m; m = firstDigits(text, from)) {
      if (Number(m.digits) === oldNumber) return [digitsEdit(m.index, m.digits)];
      from = m.index + m.digits.length;
    }
    return `the number ${oldNumber} is not where the citation was read`;
  }
  if (isLog) return 'a path to a decision log: the log keeps its name';
  if (c.url !== undefined && PINNED_URL.test(c.url)) return 'a URL pinned to a commit, where the file keeps its old name';
  if (c.url !== undefined && moved) return 'a URL to another path than the record\'s (another repository or an old location), where the file keeps its name';
  const out: Edit[] = [];
  // The link text of a Markdown link: `[12. Use X]`, `[ADR-0012]`, `[0012-use-x.md]`.
  let targetFrom = 0;
  if (c.form === 'link' && text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close > 0) {
      out.push(...linkTextEdits(text.slice(1, close), 1, oldNumber, prefixes, oldBase, digitsEdit));
      targetFrom = close + 1;
    }
  }
  if (newBase !== undefined) {
    const target = text.slice(targetFrom);
    const m = firstDigits(oldBase);
    // As written, or percent-encoded in a URL or link (`rfc-013-abci%2B%2B.md`).
    const encoded = m ? encodeURIComponent(oldBase) : oldBase;
    let i = lastNameAt(target, oldBase);
    let digitsAt = m?.index ?? 0;
    if (i < 0 && m && encoded !== oldBase) {
      i = lastNameAt(target, encoded);
      digitsAt = encodeURIComponent(oldBase.slice(0, m.index)).length;
    }
    if (i >= 0 && m) {
      out.push(digitsEdit(targetFrom + i + digitsAt, m.digits));
    } else if (out.length === 0) {
      return `the file name ${oldBase} is not written in it`;
    }
  }
  return out;
}

/** The last place `name` stands as a whole path segment in `text` (after `/`, `(`, `<`, a space or the start). */
function lastNameAt(text: string, name: string): number {
  for (let i = text.lastIndexOf(name); i >= 0; i = i === 0 ? -1 : text.lastIndexOf(name, i - 1)) {
    const before = i === 0 ? '' : text[i - 1];
    const after = text[i + name.length] ?? '';
    if (!/[\w.-]/.test(before) && !/[\w-]/.test(after)) return i;
  }
  return -1;
}

/** Ids of the decision in a link's text: `12. Title` (adr-tools), `ADR-0012`, `ADR 12`, the file name. */
function linkTextEdits(
  label: string,
  offset: number,
  oldNumber: number,
  prefixes: ReadonlySet<string>,
  oldBase: string,
  digitsEdit: (index: number, digits: string) => Edit,
): Edit[] {
  const out: Edit[] = [];
  const nameDigits = firstDigits(oldBase)?.index ?? 0;
  const inName = new Set<number>();
  for (let i = label.indexOf(oldBase); i >= 0; i = label.indexOf(oldBase, i + 1)) inName.add(i + nameDigits);
  const re = /(?<![\w.])(?:([A-Za-z][A-Za-z0-9_]*)[-_ ]?)?(\d+)(?![\d])/g;
  for (let m = re.exec(label); m; m = re.exec(label)) {
    const digits = m[2];
    const index = m.index + m[0].length - digits.length;
    if (Number(digits) !== oldNumber && !inName.has(index)) continue;
    const prefix = m[1];
    const byPrefix = prefix !== undefined && prefixes.has(prefix.toUpperCase());
    const leading = prefix === undefined && m.index === 0 && /^[.:)]?(\s|$)/.test(label.slice(index + digits.length));
    if (Number(digits) === oldNumber && (byPrefix || leading || inName.has(index))) out.push(digitsEdit(offset + index, digits));
  }
  for (const i of inName) if (!out.some((e) => e.start === offset + i)) {
    const m = firstDigits(oldBase);
    if (m) out.push(digitsEdit(offset + i, m.digits));
  }
  return out;
}

/** Sorts edits, merges identical ones (a heading id is both a place and a citation), and refuses overlaps. */
function dedupe(list: readonly Edit[]): Edit[] | string {
  const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.newText === e.newText) continue;
    if (last && last.end > e.start) return 'two edits overlap';
    out.push(e);
  }
  return out;
}

/**
 * Checks a plan as {@link planRenumber} checks its own (digits only, inside citations, relation lines
 * and the record's own number; citations and records read back the same but for the number).
 * @param options how the index found citations (see {@link RenumberInput.citationOptions}).
 * @returns why the plan is wrong, or `undefined` when it reads back as asked.
 */
export function verifyRenumber(plan: RenumberPlan, index: DecisionIndex, options?: RenumberInput['citationOptions']): string | undefined {
  const { oldNumber, newNumber, decision: d } = plan;
  const prefixes = index.getCitationPrefixes();
  const newBase = basename(plan.newPath);
  for (const f of plan.files) {
    const lines = new LineIndex(f.before);
    // 1. Each edit replaces one whole run of digits, old number by new number.
    for (const e of f.edits) {
      const s = lines.offsetAt(e.range.start);
      const t = lines.offsetAt(e.range.end);
      const old = f.before.slice(s, t);
      if (!/^\d+$/.test(old) || Number(old) !== oldNumber || !/^\d+$/.test(e.newText) || Number(e.newText) !== newNumber) {
        return `${f.path}: an edit would replace "${old}" by "${e.newText}"`;
      }
      if (/\d/.test(f.before[s - 1] ?? '') || /\d/.test(f.before[t] ?? '')) return `${f.path}: an edit would split the number at ${e.range.start.line + 1}:${e.range.start.character + 1}`;
    }
    const afterPath = f.path === plan.oldPath ? plan.newPath : f.path;
    // 2. The citations read again: the same, the rewritten ones naming the new number or file.
    const isRecord = f.path === plan.oldPath || index.recordsIn(f.path).length > 0;
    const find = (text: string, path: string): Citation[] =>
      findCitations(text, {
        prefixes,
        fileName: path,
        ...(isRecord ? { languageId: 'markdown' } : {}),
        commentsOnly: options?.commentsOnly ?? true,
        ignoreCase: options?.ignoreCase ?? false,
      });
    const was = find(f.before, f.path);
    const now = find(f.after, afterPath);
    if (was.length !== now.length) return `${f.path} would have ${now.length} citations instead of ${was.length}`;
    const edited = f.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }));
    for (let i = 0; i < was.length; i++) {
      const a = was[i];
      const b = now[i];
      if (a.form !== b.form || a.prefix !== b.prefix || a.section !== b.section || a.anchor !== b.anchor || a.slug !== b.slug) {
        return `${f.path}:${a.range.start.line + 1}: the citation ${a.text} would read as ${b.text}`;
      }
      const s = lines.offsetAt(a.range.start);
      const t = lines.offsetAt(a.range.end);
      const touched = edited.some((e) => s <= e.start && e.end <= t);
      if (!touched) {
        if (a.text !== b.text) return `${f.path}:${a.range.start.line + 1}: the citation ${a.text} would change to ${b.text}`;
        continue;
      }
      const renamed = a.path !== undefined && b.path !== undefined && basename(b.path) === newBase && basename(a.path) === basename(plan.oldPath);
      const renumbered = a.number === oldNumber && b.number === newNumber;
      const labelOnly = a.form === 'link' && a.path === b.path;
      if (!renamed && !renumbered && !labelOnly) return `${f.path}:${a.range.start.line + 1}: the citation ${a.text} would read as ${b.text}`;
    }
    // 3. Every edit is inside a citation, a relation line of a record, or the renumbered record's own number.
    const folder = (index.recordsIn(f.path)[0] ?? d).folder;
    // Read as the index reads a file of a decision folder.
    const opts: ParseOptions = { kind: folder.kind === 'log' || isDecisionLogName(f.path) ? 'log' : 'record', ...(folder.tool !== undefined ? { tool: folder.tool } : {}) };
    const read = isRecord ? parseRecordWithPlaces(f.before, f.path, opts) : [];
    const span = (r: Range): { start: number; end: number } => ({ start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) });
    const allowed = was.map((c) => span(c.range));
    for (const r of read) for (const rel of r.decision.relations) allowed.push(span(rel.range));
    const own = f.path === plan.oldPath ? entryIndex(read.map((r) => r.decision), d) : -1;
    for (const p of own >= 0 ? (read[own].places?.ids ?? []) : []) allowed.push(span(p.range));
    for (const [k, e] of edited.entries()) {
      if (!allowed.some((a) => a.start <= e.start && e.end <= a.end)) {
        const at = f.edits[k].range.start;
        return `${f.path}:${at.line + 1}:${at.character + 1}: an edit is in no citation, relation or number of the record`;
      }
    }
    // 4. The records read again: the same records and fields, digits aside; the renumbered one with the new number.
    if (!isRecord) continue;
    const before = read.map((r) => r.decision);
    const after = parseRecord(f.after, afterPath, opts);
    if (before.length !== after.length) return `${f.path} would hold ${after.length} decisions instead of ${before.length}`;
    const mine = f.path === plan.oldPath ? entryIndex(before, d) : -1;
    for (let j = 0; j < before.length; j++) {
      const expected = j === mine ? { ...before[j].identity, number: newNumber, numberText: undefined } : before[j].identity;
      const got = j === mine ? { ...after[j].identity, numberText: undefined } : after[j].identity;
      if (!same(expected, got)) return `${afterPath}: ${before[j].title} would read as number ${after[j].identity.number ?? after[j].identity.slug ?? '?'}`;
      const diff = firstDifference(view(before[j]), view(after[j]));
      if (diff) return `${afterPath}: ${before[j].title} would read differently (${diff})`;
    }
  }
  return undefined;
}

/** A decision's fields for comparison: no path, ranges or identity; every run of digits as `#`. */
function view(d: Decision): unknown {
  const digitless = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\d+/g, '#');
    if (Array.isArray(v)) return v.map(digitless);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (k !== 'range' && x !== undefined) out[k] = digitless(x);
      return out;
    }
    return v;
  };
  const { path: _p, identity: _i, range: _r, titleRange: _t, ...rest } = d;
  return digitless(rest);
}

function same(a: unknown, b: unknown): boolean {
  return firstDifference(a, b) === undefined;
}

function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path || 'value';
  if (Array.isArray(a) !== Array.isArray(b)) return path || 'value';
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)].filter((k) => ao[k] !== undefined || bo[k] !== undefined));
  for (const k of keys) {
    const d = firstDifference(ao[k], bo[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return undefined;
}
