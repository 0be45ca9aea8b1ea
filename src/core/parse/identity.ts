/**
 * Record identity from file names and headings:
 * - adr-tools / MADR / dotnet-adr numbers: `0005-x.md`, `005-x.md`, `0005_x.md`, `ADR-0005-x.md`;
 * - log4brains date slugs: `20201016-use-markdown.md` (the slug is the file name without `.md`);
 * - headings: `# 5. Title` (adr-tools), `# 0009. Title`, `# ADR-0005: Title`, `## DL-3: Title`,
 *   `# [ADR-5] Title`, `# 001 Title` (zero padded), and for decision logs `## 2026-02-15: Title`.
 */
import { isCalendarDate } from './dates';

/** Identity read from a file name. */
export interface NameIdentity {
  readonly number?: number;
  readonly numberText?: string;
  /** Set when there is no number: the file name without its extension. */
  readonly slug?: string;
  /** The file name without directory and extension. */
  readonly stem: string;
  /** True for `YYYYMMDD-slug` / `YYYY-MM-DD-slug` names (log4brains). */
  readonly dateSlug: boolean;
  /** The words of the name after its number or date, for a fallback title. */
  readonly words: string;
}

/** The file name of a POSIX path. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** A file name without `.md`, `.markdown` or `.mdx`. */
export function stemOf(path: string): string {
  return baseName(path).replace(/\.(?:md|markdown|mdx|txt)$/i, '');
}

/**
 * Reads the identity a file name gives a record.
 * @param path POSIX path of the record.
 */
export function identityFromFileName(path: string): NameIdentity {
  const stem = stemOf(path) || 'untitled';
  const date = /^(\d{4})-?(\d{2})-?(\d{2})(?:[-_ ](.*))?$/.exec(stem);
  if (date && isCalendarDate(+date[1], +date[2], +date[3]) && (date[4] !== undefined || stem.length === 8 || stem.length === 10)) {
    return { slug: stem, stem, dateSlug: true, words: date[4] ?? '' };
  }
  const num = /^(\d{1,9})(?:[-_ .](.*))?$/.exec(stem);
  if (num) return { number: Number(num[1]), numberText: num[1], stem, dateSlug: false, words: num[2] ?? '' };
  const prefixed = /^([A-Za-z]{2,10})[-_]?(\d{1,9})(?:[-_ .](.*))?$/.exec(stem);
  if (prefixed) return { number: Number(prefixed[2]), numberText: prefixed[2], stem, dateSlug: false, words: prefixed[3] ?? '' };
  return { slug: stem, stem, dateSlug: false, words: stem };
}

/** A title made from file name words: `use-the-adr-slug` → `Use the adr slug` (`Untitled` when there are none). */
export function titleFromWords(words: string): string {
  const t = words.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t ? t.charAt(0).toUpperCase() + t.slice(1) : 'Untitled';
}

/** An id stated at the start of a heading. */
export interface HeadingId {
  readonly prefix?: string;
  readonly number?: number;
  readonly numberText?: string;
  /** A leading ISO date (decision-log headings like `## 2026-02-15: Title`). */
  readonly date?: string;
  /** Offset in the heading text where the title starts. */
  readonly titleStart: number;
}

const HEADING_IDS: readonly { re: RegExp; read: (m: RegExpExecArray) => Omit<HeadingId, 'titleStart'> }[] = [
  // `5. Title`, `0009. Title` (adr-tools, Nygard)
  { re: /^(\d{1,9})\.\s+(?=\S)/, read: (m) => ({ number: +m[1], numberText: m[1] }) },
  // `3: Title`, `3) Title`, `0001 - Title`
  { re: /^(\d{1,9})\s*[:)]\s+(?=\S)|^(\d{1,9})\s+[-–—]\s+(?=\S)/, read: (m) => ({ number: +(m[1] ?? m[2]), numberText: m[1] ?? m[2] }) },
  // `ADR-0005: Title`, `DL-3 Title`, `ADR0005 - Title`
  { re: /^([A-Z]{1,10})[-_]?(\d{1,9})(?:\s*[:.)\-–—]\s*|\s+)(?=\S)/, read: (m) => ({ prefix: m[1], number: +m[2], numberText: m[2] }) },
  // `ADR 5: Title`, `ADR 0005 - Title` (a separator is required after a spaced number)
  { re: /^([A-Z]{1,10}) (\d{1,9})\s*[:.)\-–—]\s*(?=\S)/, read: (m) => ({ prefix: m[1], number: +m[2], numberText: m[2] }) },
  // `[ADR-5] Title`, `[0005] Title`
  {
    re: /^\[([A-Z]{1,10})?[-_ ]?(\d{1,9})\]\s*[:\-–—]?\s*(?=\S)/,
    read: (m) => ({ prefix: m[1] || undefined, number: +m[2], numberText: m[2] }),
  },
  // `001 Title` (zero-padded number, dotadr)
  { re: /^(0\d{1,8})\s+(?=\S)/, read: (m) => ({ number: +m[1], numberText: m[1] }) },
  // `GAP-009` alone (ingot's gap register: the summary follows in bold on the next line)
  { re: /^([A-Z]{1,10})[-_](\d{1,9})\s*$/, read: (m) => ({ prefix: m[1], number: +m[2], numberText: m[2] }) },
];

/**
 * Splits an id off the start of a heading.
 * @param text the heading's text (inline Markdown as written).
 * @param allowDate also accept a leading ISO date (decision-log entries).
 * @returns the id parts and where the title starts (0 when the heading states no id).
 */
export function splitHeadingId(text: string, allowDate = false): HeadingId {
  for (const { re, read } of HEADING_IDS) {
    const m = re.exec(text);
    if (m) return { ...read(m), titleStart: m[0].length };
  }
  if (allowDate) {
    const d = /^(\d{4})-(\d{2})-(\d{2})(?:\s*[:\-–—|]\s*|\s+)(?=\S)/.exec(text);
    if (d && isCalendarDate(+d[1], +d[2], +d[3])) return { date: `${d[1]}-${d[2]}-${d[3]}`, titleStart: d[0].length };
  }
  return { titleStart: 0 };
}

/**
 * Reads an id as written in front matter or a reference: `ADR-0123`, `MADR 5`, `0005`, `5`.
 * @returns prefix and number, or `undefined` when the text is not a numbered id.
 */
export function parseNumberedId(text: string): { prefix?: string; number: number; numberText: string } | undefined {
  const m = /^\s*(?:([A-Za-z]{1,10})[-_ ]?)?#?(\d{1,9})\s*$/.exec(text);
  if (!m) return undefined;
  return { prefix: m[1] ? m[1].toUpperCase() : undefined, number: Number(m[2]), numberText: m[2] };
}
