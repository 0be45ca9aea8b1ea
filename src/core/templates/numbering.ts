/**
 * Numbering and file naming of new records in a decision folder.
 *
 * Three naming schemes are in use:
 * - `NNNN-slug.md` (adr-tools, MADR: four digits),
 * - `NNN-slug.md` (some teams and dotnet-adr: three digits; any width is kept as found),
 * - `YYYYMMDD-slug.md` (log4brains: the creation date, no number).
 */

/** How the files of a decision folder are named. */
export type NamingScheme =
  | { readonly kind: 'number'; /** Digits of the zero-padded number, e.g. 4 for `0012`. */ readonly width: number }
  | { readonly kind: 'date' };

/** The scheme used when a folder has no records yet and nothing else says otherwise. */
export const DEFAULT_NAMING_SCHEME: NamingScheme = { kind: 'number', width: 4 };

/** Record file names: a number or date, a dash or underscore, a slug. */
const NUMBERED = /^(\d+)[-_]/;
/** `YYYYMMDD-` with a plausible date. */
const DATED = /^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[-_]/;

/** @returns true when a file name starts with a plausible `YYYYMMDD-` date. */
export function isDateNamed(fileName: string): boolean {
  return DATED.test(fileName);
}

/**
 * Detects a folder's naming scheme from the names of the files in it.
 *
 * Date-named files (`20201016-x.md`) vote for the date scheme, other numbered files for the
 * number scheme with their digit count; the majority wins, ties go to the number scheme, and
 * among numbered files the most common width wins (ties to the wider).
 *
 * @param fileNames names (not paths) of the files in the folder; other names are ignored.
 * @param fallback the scheme for a folder without numbered or dated files.
 * @returns the scheme new records should follow.
 */
export function detectNamingScheme(fileNames: readonly string[], fallback: NamingScheme = DEFAULT_NAMING_SCHEME): NamingScheme {
  let dated = 0;
  const widths = new Map<number, number>();
  for (const name of fileNames) {
    if (!/\.md$/i.test(name)) continue;
    if (isDateNamed(name)) {
      dated++;
      continue;
    }
    const m = NUMBERED.exec(name);
    if (m) widths.set(m[1].length, (widths.get(m[1].length) ?? 0) + 1);
  }
  const numbered = [...widths.values()].reduce((a, b) => a + b, 0);
  if (dated === 0 && numbered === 0) return fallback;
  if (dated > numbered) return { kind: 'date' };
  let width = 4;
  let best = -1;
  for (const [w, count] of widths) {
    if (count > best || (count === best && w > width)) {
      width = w;
      best = count;
    }
  }
  return { kind: 'number', width };
}

/**
 * The next free record number in a folder: one more than the highest number any file name
 * starts with (`0011-x.md` → 12), or 1 in a folder without numbered files. Date-named files
 * (`20201016-x.md`) do not count as numbers.
 *
 * @param fileNames names of the files in the folder as they are now (re-read them right before
 *   creating a record, not when a form was opened).
 * @returns a positive integer.
 */
export function nextNumber(fileNames: readonly string[]): number {
  let max = 0;
  for (const name of fileNames) {
    if (isDateNamed(name)) continue;
    const m = NUMBERED.exec(name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/**
 * Zero-pads a record number to a width: `padNumber(12, 4)` → `0012`. Numbers wider than the
 * width are written in full.
 */
export function padNumber(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** @returns `YYYYMMDD` for a `YYYY-MM-DD` date; throws a `RangeError` for anything else. */
export function compactDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${isoDate}`);
  return `${m[1]}${m[2]}${m[3]}`;
}

/** What a new record's file is called and how it is identified. */
export interface PlannedName {
  /** The file name, e.g. `0012-use-webhooks.md` or `20260501-use-webhooks.md`. */
  readonly fileName: string;
  /** The record number (number schemes only). */
  readonly number?: number;
  /** The number as written in the file name, e.g. `0012`. */
  readonly numberText?: string;
  /** The slug id (date scheme only): the file name without `.md`. */
  readonly slugId?: string;
  /** True when the first choice was taken and a later number (or a `-2` suffix) was used. */
  readonly bumped: boolean;
}

/**
 * Chooses the file name of a new record: the next free number (or today's date) plus the slug,
 * skipping any name that already exists (compared case-insensitively, because macOS and Windows
 * file systems are).
 *
 * @param fileNames names of the files in the folder right now.
 * @param scheme the folder's naming scheme ({@link detectNamingScheme}).
 * @param slug the title's slug ({@link slugify}).
 * @param isoDate the record's date `YYYY-MM-DD` (used by the date scheme).
 * @param taken extra names to treat as taken (e.g. a name whose exclusive create just failed).
 * @returns the planned name; `bumped` says whether the first choice was skipped.
 */
export function planFileName(
  fileNames: readonly string[],
  scheme: NamingScheme,
  slug: string,
  isoDate: string,
  taken: readonly string[] = [],
): PlannedName {
  const used = new Set([...fileNames, ...taken].map((n) => n.toLowerCase()));
  if (scheme.kind === 'date') {
    const base = `${compactDate(isoDate)}-${slug}`;
    for (let i = 1; ; i++) {
      const id = i === 1 ? base : `${base}-${i}`;
      const fileName = `${id}.md`;
      if (!used.has(fileName.toLowerCase())) return { fileName, slugId: id, bumped: i > 1 };
    }
  }
  const first = nextNumber([...fileNames, ...taken]);
  // A number is taken when any file (whatever its slug) already uses it.
  const usedNumbers = new Set<number>();
  for (const name of [...fileNames, ...taken]) {
    const m = NUMBERED.exec(name);
    if (m && !isDateNamed(name)) usedNumbers.add(Number(m[1]));
  }
  const baseline = nextNumber(fileNames);
  for (let n = first; ; n++) {
    const numberText = padNumber(n, scheme.width);
    const fileName = `${numberText}-${slug}.md`;
    if (!used.has(fileName.toLowerCase()) && !usedNumbers.has(n)) {
      return { fileName, number: n, numberText, bumped: n !== baseline };
    }
  }
}
