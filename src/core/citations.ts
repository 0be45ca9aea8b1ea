/**
 * Finds citations of decisions in text: the places in code and prose that refer to a decision.
 *
 * Forms (PRODUCT.md, "Identity and citations"):
 * - ids: `ADR-0005`, `ADR-5`, `ADR 5`, `ADR0015`, `MADR-101`, `MADR 009-tracing-policy` (number 9,
 *   slug `tracing-policy`), `ADR-022 §3b` (section `3b`), date ids `ADR-20201016-use-markdown`;
 * - annotations: `@ADR(5)`, `@decision(DL-1)`, `@Decision("ADR-0005")`;
 * - paths to records: `docs/adr/0008-global-trusted-request-service.md`, with or without `#anchor`;
 * - Markdown links: `[text](docs/adr/0005-x.md#anchor)`.
 *
 * Prefixes are matched case-sensitively by default: `ADR-5` is a citation, `adr-5` is not, because
 * lower-case `adr-…` is common in identifiers, CSS classes, package and file names (`adr-tools`,
 * `adr-5.png`) while people write decision ids in upper case. `ignoreCase: true` accepts any case.
 * A prefix must stand alone: not after a letter, digit, `_` or `-` (`MADR-5` is no `ADR-5` citation,
 * `superseded-by-ADR-6` is none either), and not followed by a letter, digit or `.digit`
 * (`MADR 4.0.0` is a version, not a citation).
 */
import type { Citation, Position } from './model';
import { commentRegions, commentSyntaxFor, WHOLE_TEXT } from './commentSyntax';
import { citationPrefilter } from './prefilter';

/** Options of {@link findCitations}. */
export interface CitationOptions {
  /** Citation prefixes to look for, e.g. `['ADR', 'MADR', 'DL']`; matched as written (see module doc). */
  readonly prefixes: readonly string[];
  /** VS Code language id of the text; chooses the comment syntax. */
  readonly languageId?: string;
  /** File name or path; chooses the comment syntax when `languageId` does not. */
  readonly fileName?: string;
  /** Only look inside comments (default true). Markdown and plain text are read whole either way. */
  readonly commentsOnly?: boolean;
  /** Match prefixes in any case (`adr-5`); default false. */
  readonly ignoreCase?: boolean;
}

/** Directory names that mark a path as pointing at decision records. */
const DECISION_DIR_NAMES = new Set([
  'adr', 'adrs', 'decisions', 'decision-records', 'architecture-decisions', 'architecture-decision-records', 'decision-log',
]);

const NOT_RECORD_NAME = /^(readme|index|_?template([-_.][^/]*)?|adr-template[^/]*|0+-template)\.(md|markdown)$/i;

/** A matcher: a cheap pre-check for any hint of a citation, and the full pattern. */
interface Matcher {
  readonly hint: RegExp;
  readonly full: RegExp;
}

/** Compiled matchers, cached per prefix set. */
const matcherCache = new Map<string, Matcher>();

/** Prefilter parts for the annotation names of form 2 (`@decision(`), in the finder's own case rules. */
export const ANNOTATION_NAME_HINTS: readonly string[] = [String.raw`[Dd]ecision\(`, String.raw`DECISION\(`];
/** Prefilter part for the record extensions of forms 1 and 4 (`.md`, `.markdown`). */
export const RECORD_EXTENSION_HINT = String.raw`\.m(?:d|arkdown)`;

/**
 * The prefixes the finder looks for: trimmed, trailing `-`/space dropped, letters, digits and `_`
 * only (starting with a letter), deduplicated, longest first.
 */
export function cleanCitationPrefixes(prefixes: readonly string[]): string[] {
  const clean = [...new Set(prefixes.map((p) => p.trim().replace(/[-\s]+$/, '')).filter((p) => /^[A-Za-z][A-Za-z0-9_]*$/.test(p)))];
  clean.sort((a, b) => b.length - a.length);
  return clean;
}

/** Escapes `s` for use inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The last matcher built for a prefix array, with a copy of the array to notice changes: the
 * index passes the same array for every file, and building the cache key costs more than the
 * hint test of a small file.
 */
const lastForArray = new WeakMap<readonly string[], { readonly copy: readonly string[]; readonly ignoreCase: boolean; readonly matcher: Matcher | undefined }>();

function matcherFor(prefixes: readonly string[], ignoreCase: boolean): Matcher | undefined {
  const last = lastForArray.get(prefixes);
  if (last && last.ignoreCase === ignoreCase && last.copy.length === prefixes.length && last.copy.every((p, i) => p === prefixes[i])) {
    return last.matcher;
  }
  const matcher = buildMatcher(prefixes, ignoreCase);
  lastForArray.set(prefixes, { copy: [...prefixes], ignoreCase, matcher });
  return matcher;
}

function buildMatcher(prefixes: readonly string[], ignoreCase: boolean): Matcher | undefined {
  const clean = cleanCitationPrefixes(prefixes);
  const key = (ignoreCase ? 'i:' : 's:') + clean.join(',');
  const cached = matcherCache.get(key);
  if (cached) return cached;
  const P = clean.length > 0 ? clean.map(escapeRegExp).join('|') : '(?!)';
  const num = String.raw`\d{1,9}`;
  const slug = String.raw`-[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*`;
  const section = String.raw`(?:[ \u00a0]?§[ \u00a0]?(?<section>[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*))?`;
  const source = [
    // 1. Markdown link to a Markdown file: [text](target.md#anchor "title")
    String.raw`\[(?<ltext>[^\]\n]{0,500})\]\((?<lurl><[^>\n]+\.(?:md|markdown)(?:#[^>\s]*)?>|[^)\s]+?\.(?:md|markdown)(?:#[^)\s]*)?)(?:[ \t]+"[^"\n]*")?\)`,
    // 2. annotation: @ADR(5), @decision(DL-1), @Decision("ADR-0005")
    String.raw`@(?<aname>${P}|[Dd]ecision|DECISION)\(\s*["']?(?:(?<aprefix>${P})[- ]?)?(?<anum>${num})(?<aslug>${slug})?["']?\s*\)`,
    // 3. id: ADR-0005, ADR 5, ADR0015, MADR 009-tracing-policy, ADR-022 §3b
    String.raw`(?<![\w-])(?<prefix>${P})(?:-|[ \u00a0])?(?<num>${num})(?!\.\d)(?<slug>${slug})?(?![\w])${section}`,
    // 4. path to a Markdown file (filtered to decision-like paths afterwards)
    String.raw`(?<![\w./@-])(?<path>(?:\.{1,2}/|/)?(?:[\w.@-]+/)*[\w@-][\w.@-]*\.(?:md|markdown))(?:#(?<panchor>[\w-]+(?:\.[\w-]+)*))?(?![\w/])`,
  ].join('|');
  try {
    const full = new RegExp(source, ignoreCase ? 'gi' : 'g');
    // Every form contains a prefix, `decision(`, `.md` or `.markdown`: texts and comments without
    // any are skipped without running the full pattern (most files cite nothing).
    // The same pattern is the prefilter ripgrep runs (core/prefilter.ts).
    const hint = new RegExp(citationPrefilter(clean, ignoreCase).source, ignoreCase ? 'i' : '');
    const matcher = { hint, full };
    matcherCache.set(key, matcher);
    return matcher;
  } catch {
    return undefined;
  }
}

/**
 * Finds every citation of a decision in a text in one pass (one combined regular expression over
 * the comment regions, or over the whole text).
 *
 * @param text the file's text (any line ends).
 * @param options prefixes to recognise, the language (by `languageId` or `fileName`), and
 *   whether to look only in comments (default: yes, except for Markdown and plain text, which are
 *   read whole).
 * @returns citations in text order with exact ranges (0-based lines, UTF-16 columns, end
 *   exclusive). `prefix` is upper case; `number` drops zero padding. Never throws.
 */
export function findCitations(text: string, options: CitationOptions): Citation[] {
  const matcher = matcherFor(options.prefixes, options.ignoreCase === true);
  if (!matcher || text.length === 0) return [];
  const re = matcher.full;
  if (!matcher.hint.test(text)) return [];
  const syntax = commentSyntaxFor(options.languageId, options.fileName);
  const regions: [number, number][] =
    options.commentsOnly === false || syntax === WHOLE_TEXT ? [[0, text.length]] : commentRegions(text, syntax);
  const locator = new Locator(text);
  const out: Citation[] = [];
  for (const [start, end] of regions) {
    const segment = start === 0 && end === text.length ? text : text.slice(start, end);
    if (!matcher.hint.test(segment)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(segment)) !== null) {
      const g = m.groups ?? {};
      const from = start + m.index;
      const citation = toCitation(m[0], g, from, locator);
      if (citation) {
        out.push(citation);
      } else {
        // A rejected path (not decision-like) may still start with an id at the same place.
        re.lastIndex = m.index + 1;
      }
    }
  }
  return out;
}

function toCitation(whole: string, g: Record<string, string | undefined>, from: number, locator: Locator): Citation | undefined {
  if (g.lurl !== undefined) {
    let target = g.lurl;
    if (target.startsWith('<') && target.endsWith('>')) target = target.slice(1, -1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return undefined;
    const [path, anchor] = splitAnchor(target);
    return {
      range: locator.range(from, from + whole.length),
      text: whole,
      form: 'link',
      path: safeDecode(path),
      ...(anchor !== undefined ? { anchor } : {}),
    };
  }
  if (g.aname !== undefined) {
    const name = g.aname.toUpperCase();
    const prefix = g.aprefix !== undefined ? g.aprefix.toUpperCase() : name === 'DECISION' ? undefined : name;
    return {
      range: locator.range(from, from + whole.length),
      text: whole,
      form: 'annotation',
      ...idParts(prefix, g.anum ?? '', g.aslug),
    };
  }
  if (g.prefix !== undefined) {
    const out: Citation = {
      range: locator.range(from, from + whole.length),
      text: whole,
      form: 'id',
      ...idParts(g.prefix.toUpperCase(), g.num ?? '', g.slug),
      ...(g.section !== undefined ? { section: g.section } : {}),
    };
    return out;
  }
  if (g.path !== undefined) {
    if (!isDecisionLikePath(g.path)) return undefined;
    return {
      range: locator.range(from, from + whole.length),
      text: whole,
      form: 'path',
      path: g.path,
      ...(g.panchor !== undefined ? { anchor: g.panchor } : {}),
    };
  }
  return undefined;
}

/**
 * Splits a cited id into number and slug. An 8-digit date followed by a slug
 * (`20201016-use-markdown`) is a log4brains date id: a slug without a number.
 */
function idParts(prefix: string | undefined, digits: string, slugWithDash: string | undefined): Pick<Citation, 'prefix' | 'number' | 'slug'> {
  const slug = slugWithDash?.slice(1);
  const base = prefix !== undefined ? { prefix } : {};
  if (digits.length === 8 && /^(19|20)\d{6}$/.test(digits) && slug !== undefined) {
    return { ...base, slug: `${digits}-${slug}` };
  }
  return { ...base, number: Number.parseInt(digits, 10), ...(slug !== undefined ? { slug } : {}) };
}

/**
 * @returns true when a path mentioned in text points at a decision record: its file name starts
 *   with a number (`0005-x.md`, `20201016-x.md`) or a folder on the way is a decision folder
 *   (`adr/`, `decisions/`, ...), or it names a decision log; READMEs, indexes and templates are not.
 */
export function isDecisionLikePath(path: string): boolean {
  const segments = path.split('/');
  const name = segments[segments.length - 1];
  if (NOT_RECORD_NAME.test(name)) return false;
  if (/^\d+[-_.]/.test(name)) return true;
  const lower = name.toLowerCase();
  if (lower === 'decisions.md' || lower.startsWith('decision-log')) return true;
  return segments.slice(0, -1).some((s) => DECISION_DIR_NAMES.has(s.toLowerCase()));
}

function splitAnchor(target: string): [string, string | undefined] {
  const hash = target.indexOf('#');
  return hash < 0 ? [target, undefined] : [target.slice(0, hash), target.slice(hash + 1)];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Converts offsets to positions with a binary search over line starts, built once per text on
 * the first lookup (a text without citations never needs them).
 */
export class Locator {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text;
    if (text.indexOf('\r') < 0) {
      // LF only (the usual case): indexOf finds line ends much faster than a regular expression.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      const breaks = /\r\n?|\n/g;
      while (breaks.exec(text) !== null) starts.push(breaks.lastIndex);
    }
    this.starts = starts;
    return starts;
  }

  /** @returns the position of a UTF-16 offset. */
  position(offset: number): Position {
    const lineStarts = this.lineStarts();
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - lineStarts[lo] };
  }

  /** @returns the range `[start, end)` of two offsets. */
  range(start: number, end: number): { start: Position; end: Position } {
    return { start: this.position(start), end: this.position(end) };
  }
}
