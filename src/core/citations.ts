/**
 * Finds citations of decisions in text: the places in code and prose that refer to a decision.
 *
 * Forms (PRODUCT.md, "Identity and citations"):
 * - ids: `ADR-0005`, `ADR-5`, `ADR 5`, `ADR0015`, `MADR-101`, `MADR 009-tracing-policy` (number 9,
 *   slug `tracing-policy`), `ADR-022 §3b` (section `3b`), date ids `ADR-20201016-use-markdown`;
 * - annotations: `@ADR(5)`, `@ADR("0038")`, `@decision(DL-1)`, `@Decision("ADR-0005")`,
 *   `@MADR(value = 1, title = ...)` (the Java e-adr library `io.github.adr`);
 * - paths to records: `docs/adr/0008-global-trusted-request-service.md`, with or without `#anchor`;
 * - Markdown links: `[text](docs/adr/0005-x.md#anchor)`, `[text](https://...)`, reference
 *   definitions `[RFC-0002]: https://...` (rustdoc, Markdown);
 * - URLs to records: GitHub (`/blob/`, `/tree/`, `/raw/`, raw.githubusercontent.com), GitLab
 *   (`/-/blob/`), Bitbucket (`/src/`), Gitea (`/src/branch/`), pinned commits, `?plain=1`,
 *   `#L97` and `#anchor`, `<https://...>` autolinks. The repository path is in `path`, the URL in `url`.
 *
 * Where: in the default comments-only mode ids, paths and links count in comments; annotations
 * and URLs to records count anywhere in code too (an annotation is code, and a URL to a record in
 * a string is a citation). Markdown and plain text are read whole; in Markdown, links and paths in
 * code spans and fenced code blocks are not links (the ids in them still count).
 *
 * Prefixes are matched case-sensitively by default: `ADR-5` is a citation, `adr-5` is not, because
 * lower-case `adr-…` is common in identifiers, CSS classes, package and file names (`adr-tools`,
 * `adr-5.png`) while people write decision ids in upper case. `ignoreCase: true` accepts any case.
 * A prefix must stand alone: not after a letter, digit, `_`, `-`, `.` or `/` (`MADR-5` is no
 * `ADR-5` citation, `superseded-by-ADR-6` and `io.github.adr.embedded.ADR` are none either), and not
 * followed by a letter, digit, `.digit` or `(` (`MADR 4.0.0` is a version, `na.RFC1918()` a call).
 * Short prefixes (one or two letters: `D12`, `AD7`) count only as whole words glued to the number
 * or with `-`, and like the public series `RFC` (IETF), `PEP`, `JEP`, `KEP`, `CVE` they are
 * `tentative`: citations only when the id exists (the index drops them otherwise).
 *
 * Linear time by construction: one scan for the places a form can start (a literal alternation),
 * then at each place a sticky pattern with bounded quantifiers or a scan over a bounded window;
 * the scans whose window could overlap (link targets, path starts) keep a monotonic cache so no
 * character is scanned twice for the same reason.
 */
import type { Citation, Position } from './model';
import { commentRegions, commentSyntaxFor, WHOLE_TEXT } from './commentSyntax';
import { citationPrefilter, prefilterRegExp } from './prefilter';

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
  'rfcs', 'rfc', 'architecture', 'seed',
]);

const NOT_RECORD_NAME = /^(readme|index|_?template([-_.][^/]*)?|adr-template[^/]*|rfc-template[^/]*|0+-template)\.(md|markdown|rst|adoc)$/i;

/** Record file extensions a path or URL citation may end in. */
const RECORD_EXT = /\.(?:md|markdown|rst|adoc)$/i;

/** A URL that may point at a record file (or its docs-site page): a record extension before the end, `?` or `#`. */
const RECORD_URL_HINT = /\.(?:md|markdown|rst|adoc|html?)(?:[?#]|$)/i;

/** Public numbered series whose ids look like decision ids: a citation only when the id exists. */
const PUBLIC_SERIES = new Set(['RFC', 'PEP', 'JEP', 'KEP', 'CVE', 'ISO', 'BIP', 'EIP']);

/** Longest link text, target, URL and path looked at, in UTF-16 code units. */
const MAX_LINK_TEXT = 500;
const MAX_TARGET = 2048;
const MAX_PATH = 500;
/** Gap between two citations beyond which they are never in one sentence. */
const MAX_SENTENCE_GAP = 400;

/** Compiled patterns of one prefix set. */
interface Matcher {
  /** Cheap pre-check: any hint of a citation at all. */
  readonly hint: RegExp;
  /** The places a form can start (global). */
  readonly anchor: RegExp;
  /** Sticky id pattern at a prefix. */
  readonly id: RegExp;
  /** Sticky pattern of a lower-case Sphinx label (`seed-0101`) after `<`, a backtick or `:link: `. */
  readonly label: RegExp | undefined;
  /** Sticky annotation pattern at `@`. */
  readonly annotation: RegExp;
  /** First letters of the annotation names (`A`, `M`, `D`, `d`, each prefix's). */
  readonly annotationFirst: ReadonlySet<string>;
  /** Upper-case prefixes. */
  readonly prefixes: ReadonlySet<string>;
  readonly ignoreCase: boolean;
}

/** Compiled matchers, cached per prefix set. */
const matcherCache = new Map<string, Matcher>();

/**
 * Prefilter part for the annotation names the finder knows besides the prefixes (`@decision(`,
 * `@ADR(`, `@MADR(`), in the finder's own case rules.
 */
export const ANNOTATION_NAME_HINT = String.raw`@(?:[Dd]ecision|DECISION|ADR|MADR)\(`;
/** Prefilter part for the record extensions of links, paths and URLs (`.md`, `.markdown`, `.rst`, `.adoc`, `.html`). */
export const RECORD_EXTENSION_HINT = String.raw`\.(?:md|markdown|rst|adoc|html?)`;

/**
 * Prefilter part for Sphinx labels in lower case (`<seed-0101>`, `` `seed-0102` ``, `:link: seed-0108`)
 * of the given lower-case prefixes; the finder reads them only when prefixes are case-sensitive.
 */
export function labelHint(lowerPrefixes: readonly string[]): string {
  return String.raw`(?:[<\x60]|:link: )(?:${lowerPrefixes.map(escapeRegExp).join('|')})-[0-9]`;
}

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

/** @returns true for a short prefix (one or two letters), which counts only as a whole word. */
function isShort(prefix: string): boolean {
  return prefix.length <= 2;
}

function buildMatcher(prefixes: readonly string[], ignoreCase: boolean): Matcher | undefined {
  const clean = cleanCitationPrefixes(prefixes);
  if (clean.length === 0) return undefined;
  const key = (ignoreCase ? 'i:' : 's:') + clean.join(',');
  const cached = matcherCache.get(key);
  if (cached) return cached;
  const long = clean.filter((p) => !isShort(p));
  const short = clean.filter(isShort);
  const P = clean.map(escapeRegExp).join('|');
  const num = String.raw`\d{1,9}`;
  // Bounded: at most 20 words of at most 60 characters (a record's slug).
  const slug = String.raw`-[A-Za-z][A-Za-z0-9]{0,59}(?:-[A-Za-z0-9]{1,60}){0,20}`;
  const section = String.raw`(?:[ \u00a0]?§[ \u00a0]?(?<section>[0-9A-Za-z]{1,20}(?:\.[0-9A-Za-z]{1,20}){0,10}))?`;
  const idAlternatives: string[] = [];
  if (long.length > 0) {
    idAlternatives.push(
      String.raw`(?<prefix>${long.map(escapeRegExp).join('|')})(?:-|[ \u00a0])?(?<num>${num})(?!\.\d)(?<slug>${slug})?(?![\w(])${section}`,
    );
  }
  if (short.length > 0) {
    // Whole words only: glued to the number or with `-`, never followed by `.`+digit, `/`, `-word`, `(` or a word character.
    idAlternatives.push(String.raw`(?<sprefix>${short.map(escapeRegExp).join('|')})-?(?<snum>${num})(?![\w(/]|\.\d|-\w)${section.replace('section', 'ssection')}`);
  }
  const flags = ignoreCase ? 'i' : '';
  try {
    const id = new RegExp(idAlternatives.join('|'), 'y' + flags);
    const annotation = new RegExp(
      String.raw`@(?<aname>${P}|[Dd]ecision|DECISION|ADR|MADR)\(\s{0,20}(?:(?:value|id|number)\s{0,5}=\s{0,5})?(?<q>["']?)(?:(?<aprefix>${P})[- ]?)?(?<anum>${num})(?<aslug>${slug})?\k<q>\s{0,20}(?=[,)])`,
      'y' + flags,
    );
    // Sphinx labels are lower case: `:ref:`SEED-0101 <seed-0101>``, `:ref:`seed-0102``, `:link: seed-0108`.
    const lower = [...new Set(clean.map((p) => p.toLowerCase()).filter((p) => !clean.includes(p)))].map(escapeRegExp).join('|');
    const labelStart = lower !== '' && !ignoreCase ? String.raw`|(?<=[<\x60]|:link: )(?:${lower})-\d` : '';
    // A prefix not after a word character, `-`, `.` or `/`; `[`; `@`; `://`; a record extension; a label.
    const anchor = new RegExp(String.raw`(?<![\w./-])(?:${P})|\[|@|:\/\/|\.(?:md|markdown|rst|adoc)(?![\w])${labelStart}`, 'g' + flags);
    const label = lower !== '' && !ignoreCase ? new RegExp(String.raw`(?<lprefix>${lower})-(?<lnum>${num})(?=[>\x60]|[ \t]*(?:\r?\n|$))`, 'y') : undefined;
    // The same pattern is the prefilter ripgrep runs (core/prefilter.ts): a text it does not match is never searched.
    const hint = prefilterRegExp(citationPrefilter(clean, ignoreCase));
    const first = [...clean, 'ADR', 'MADR', 'Decision', 'decision'].map((p) => p[0]);
    const annotationFirst = new Set(ignoreCase ? first.flatMap((c) => [c.toLowerCase(), c.toUpperCase()]) : first);
    const matcher: Matcher = { hint, anchor, id, label, annotation, annotationFirst, prefixes: new Set(clean.map((p) => p.toUpperCase())), ignoreCase };
    matcherCache.set(key, matcher);
    return matcher;
  } catch {
    return undefined;
  }
}

/** A citation found at `[start, end)`. */
interface Found {
  readonly c: Citation;
  readonly start: number;
  readonly end: number;
}

/** A region of text and the forms that count in it. */
type Mode = 'all' | 'code';

/**
 * Finds every citation of a decision in a text in one pass.
 *
 * @param text the file's text (any line ends).
 * @param options prefixes to recognise, the language (by `languageId` or `fileName`), and
 *   whether to look only in comments (default: yes, except for Markdown and plain text, which are
 *   read whole; annotations and URLs to records count in code either way).
 * @returns citations in text order with exact ranges (0-based lines, UTF-16 columns, end
 *   exclusive). `prefix` is upper case; `number` drops zero padding; `sentence` numbers the
 *   sentences of the text (two citations with the same number are in one sentence). Never
 *   throws; time is linear in the length of the text.
 */
export function findCitations(text: string, options: CitationOptions): Citation[] {
  const matcher = matcherFor(options.prefixes, options.ignoreCase === true);
  if (!matcher || text.length === 0) return [];
  const codeHint = text.indexOf('://') >= 0 || text.indexOf('@') >= 0;
  if (!codeHint && !matcher.hint.test(text)) return [];
  const syntax = commentSyntaxFor(options.languageId, options.fileName);
  const rst = options.languageId === 'restructuredtext' || (options.fileName !== undefined && /\.rst$/i.test(options.fileName));
  const scanner = new Scanner(text, matcher, isMarkdown(options.languageId, options.fileName, syntax === WHOLE_TEXT), rst);
  if (options.commentsOnly === false || syntax === WHOLE_TEXT) {
    if (codeHint || matcher.hint.test(text)) scanner.scan(0, text.length, 'all');
  } else {
    const regions = matcher.hint.test(text) || codeHint ? commentRegions(text, syntax) : [];
    let at = 0;
    for (const [start, end] of regions) {
      if (codeHint && start > at) scanner.scan(at, start, 'code');
      scanner.scan(start, end, 'all');
      at = end;
    }
    if (codeHint && at < text.length) scanner.scan(at, text.length, 'code');
  }
  return scanner.out;
}

function isMarkdown(languageId: string | undefined, fileName: string | undefined, wholeText: boolean): boolean {
  if (!wholeText) return false;
  if (languageId !== undefined) return /markdown|mdx/i.test(languageId);
  return fileName === undefined || /\.(md|markdown|mdx)$/i.test(fileName);
}

/** One run of the finder over one text. */
class Scanner {
  readonly out: Citation[] = [];
  private readonly locator: Locator;
  /** End of the last citation: nothing starts before it. */
  private lastEnd = 0;
  private sentence = 0;
  /** Code spans and fenced code blocks of a Markdown text, sorted; computed on first use. */
  private code: [number, number][] | undefined;
  private codeCursor = 0;
  /** Monotonic caches of the scans that stop at a character class (see `stopAt`). */
  private readonly stops = new Map<string, { from: number; at: number }>();
  /** The last run of path characters found looking back from a record extension. */
  private pathRun = { start: -1, end: -1, cut: false };

  constructor(
    private readonly text: string,
    private readonly m: Matcher,
    private readonly markdown: boolean,
    /** reStructuredText: lower-case Sphinx labels (`<seed-0101>`) count. */
    private readonly rst: boolean,
  ) {
    this.locator = new Locator(text);
  }

  /** Next `@` and `://` at or after the last code region scanned (`indexOf` is much faster than a pattern). */
  private nextAt = -2;
  private nextUrl = -2;

  /** Scans code `[start, end)` for annotations and URLs to records. */
  scanCode(start: number, end: number): void {
    const text = this.text;
    let p = start;
    while (p < end) {
      if (this.nextAt !== -1 && this.nextAt < p) this.nextAt = text.indexOf('@', p);
      if (this.nextUrl !== -1 && this.nextUrl < p) this.nextUrl = text.indexOf('://', p);
      const a = this.nextAt < 0 ? Infinity : this.nextAt;
      const u = this.nextUrl < 0 ? Infinity : this.nextUrl;
      const q = Math.min(a, u);
      if (q >= end) return;
      let next = q + 1;
      if (q >= this.lastEnd) {
        const r = q === a ? this.annotationAt(q, end) : this.url(q, end);
        if (r) {
          this.push(r);
          next = r.end;
        } else if (q === u) next = q + 3;
      }
      p = Math.max(next, q + 1);
    }
  }

  /** Scans `[start, end)` for the forms of `mode`. */
  scan(start: number, end: number, mode: Mode): void {
    if (mode === 'code') {
      this.scanCode(start, end);
      return;
    }
    const text = this.text;
    // The region alone: a search in the whole text would run on past the region's end.
    const segment = start === 0 && end === text.length ? text : text.slice(start, end);
    if (!this.m.hint.test(segment)) return;
    const re = this.m.anchor;
    re.lastIndex = 0;
    let a: RegExpExecArray | null;
    while ((a = re.exec(segment)) !== null) {
      const p = start + a.index;
      const ch = text.charCodeAt(p);
      let next = p + 1;
      if (p >= this.lastEnd) {
        let r: Found | undefined;
        if (ch === 0x5b /* [ */) r = this.link(p, end);
        else if (ch === 0x40 /* @ */) r = this.annotationAt(p, end);
        else if (ch === 0x3a /* : */) {
          r = this.url(p, end);
          if (!r) next = p + 3;
        } else if (ch === 0x2e /* . */) r = this.pathEndingAt(p, end);
        else r = this.idAt(p, end);
        if (r) {
          this.push(r);
          next = r.end;
        }
      }
      re.lastIndex = Math.max(next, p + 1) - start;
    }
  }

  private push(r: Found): void {
    if (this.out.length > 0 && this.sentenceBreak(this.lastEnd, r.start)) this.sentence++;
    this.out.push({ ...r.c, sentence: this.sentence });
    this.lastEnd = r.end;
  }

  /**
   * Whether `[from, to)` (the text between two citations) ends a sentence: `.`, `!` or `?` before
   * white space, a blank line, a line end right after the first citation (`// ADR-1` then
   * `// ADR-2` are two notes; `// See ADR-12 (which\n// supersedes ADR-7)` is one sentence), a
   * line that starts with a capitalised word (`// We ...`), or a gap longer than {@link MAX_SENTENCE_GAP}.
   */
  private sentenceBreak(from: number, to: number): boolean {
    if (to - from > MAX_SENTENCE_GAP) return true;
    const gap = this.text.slice(from, to);
    return /^[ \t]*[\r\n]|[.!?](?:\s|$)|\n[ \t]*\r?\n|\n[ \t]*(?:[/#*;!-]{1,4}[ \t]*)?[A-Z][a-z]/.test(gap);
  }

  private citation(from: number, to: number, fields: Omit<Citation, 'range' | 'text'>): Citation {
    return { range: this.locator.range(from, to), text: this.text.slice(from, to), ...fields };
  }

  /**
   * The first offset at or after `from` whose character is in `stopChars` (global), or `limit`
   * when that is nearer. The next stop found is kept per `key`: later calls whose `from` lies
   * before it answer without scanning, so the calls of one run scan each character at most once.
   */
  private stopAt(from: number, limit: number, stopChars: RegExp, key: string): number {
    const cached = this.stops.get(key);
    if (cached && from >= cached.from && from <= cached.at) return Math.min(cached.at, limit);
    stopChars.lastIndex = from;
    const hit = stopChars.exec(this.text);
    const at = hit ? hit.index : this.text.length;
    if (cached) {
      cached.from = from;
      cached.at = at;
    } else this.stops.set(key, { from, at });
    return Math.min(at, limit);
  }

  private inCode(p: number): boolean {
    if (!this.markdown) return false;
    if (!this.code) this.code = markdownCode(this.text);
    const code = this.code;
    if (this.codeCursor > 0 && code[this.codeCursor - 1]?.[0] > p) this.codeCursor = 0;
    while (this.codeCursor < code.length && code[this.codeCursor][1] <= p) this.codeCursor++;
    const r = code[this.codeCursor];
    return r !== undefined && r[0] <= p && p < r[1];
  }

  // ---- forms ----

  private idAt(p: number, end: number): Found | undefined {
    const re = this.m.id;
    re.lastIndex = p;
    let g = re.exec(this.text);
    if (!g && this.m.label && this.rst) {
      this.m.label.lastIndex = p;
      g = this.m.label.exec(this.text);
    }
    if (!g || g.index !== p) return undefined;
    const to = p + g[0].length;
    if (to > end) return undefined;
    const groups = g.groups ?? {};
    const prefix = (groups.prefix ?? groups.sprefix ?? groups.lprefix ?? '').toUpperCase();
    const digits = groups.num ?? groups.snum ?? groups.lnum ?? '';
    const section = groups.section ?? groups.ssection;
    const tentative = isShort(prefix) || PUBLIC_SERIES.has(prefix);
    return {
      c: this.citation(p, to, {
        form: 'id',
        ...idParts(prefix, digits, groups.slug),
        ...(section !== undefined ? { section } : {}),
        ...(tentative ? { tentative: true } : {}),
      }),
      start: p,
      end: to,
    };
  }

  private annotationAt(p: number, end: number): Found | undefined {
    // Most `@` in code open other annotations, decorators or addresses: check the first letter first.
    if (!this.m.annotationFirst.has(this.text[p + 1] ?? '')) return undefined;
    const re = this.m.annotation;
    re.lastIndex = p;
    const g = re.exec(this.text);
    if (!g || g.index !== p) return undefined;
    let to = p + g[0].length;
    // Include the closing parenthesis when the annotation has one argument.
    if (this.text.charCodeAt(to) === 0x29 /* ) */) to++;
    if (to > end) return undefined;
    const groups = g.groups ?? {};
    const name = (groups.aname ?? '').toUpperCase();
    const prefix = groups.aprefix !== undefined ? groups.aprefix.toUpperCase() : this.m.prefixes.has(name) ? name : undefined;
    return { c: this.citation(p, to, { form: 'annotation', ...idParts(prefix, groups.anum ?? '', groups.aslug) }), start: p, end: to };
  }

  /** `[text](target)`, `[text]: target`; a bracket that is neither is left to the other forms. */
  private link(p: number, end: number): Found | undefined {
    const text = this.text;
    if (this.inCode(p)) return undefined;
    // The label ends at the first `]`; another `[` or a line end first means this `[` opens no link.
    const limit = Math.min(end, p + 1 + MAX_LINK_TEXT);
    const close = this.stopAt(p + 1, limit, /[[\]\n\r]/g, 'label');
    if (close >= limit || text.charCodeAt(close) !== 0x5d /* ] */) return undefined;
    const after = text.charCodeAt(close + 1);
    if (after === 0x28 /* ( */) {
      let t = close + 2;
      let target: string;
      let targetEnd: number;
      if (text.charCodeAt(t) === 0x3c /* < */) {
        const gt = this.stopAt(t + 1, Math.min(end, t + 1 + MAX_TARGET), /[>\n\r]/g, 'angle');
        if (text.charCodeAt(gt) !== 0x3e) return undefined;
        target = text.slice(t + 1, gt);
        targetEnd = gt + 1;
      } else {
        const stop = this.stopAt(t, Math.min(end, t + MAX_TARGET), /[)\s]/g, 'target');
        if (stop === t) return undefined;
        target = text.slice(t, stop);
        targetEnd = stop;
      }
      t = targetEnd;
      // An optional title: `"..."` on the same line.
      const title = /[ \t]{1,20}"[^"\n\r]{0,500}"/y;
      title.lastIndex = t;
      if (title.exec(text)) t = title.lastIndex;
      if (text.charCodeAt(t) !== 0x29 /* ) */) return undefined;
      const to = t + 1;
      if (to > end) return undefined;
      const fields = this.target(target);
      return fields ? { c: this.citation(p, to, { form: 'link', ...fields }), start: p, end: to } : undefined;
    }
    if (after === 0x3a /* : */ && (text.charCodeAt(close + 2) === 0x20 || text.charCodeAt(close + 2) === 0x09)) {
      // A reference definition: `[label]: target`.
      let t = close + 2;
      while (t < end && (text.charCodeAt(t) === 0x20 || text.charCodeAt(t) === 0x09) && t < close + 22) t++;
      let target: string;
      let to: number;
      if (text.charCodeAt(t) === 0x3c) {
        const gt = this.stopAt(t + 1, Math.min(end, t + 1 + MAX_TARGET), /[>\n\r]/g, 'angle');
        if (text.charCodeAt(gt) !== 0x3e) return undefined;
        target = text.slice(t + 1, gt);
        to = gt + 1;
      } else {
        const stop = this.stopAt(t, Math.min(end, t + MAX_TARGET), /\s/g, 'space');
        if (stop === t) return undefined;
        target = text.slice(t, stop);
        to = stop;
      }
      const fields = this.target(target);
      return fields ? { c: this.citation(p, to, { form: 'link', ...fields }), start: p, end: to } : undefined;
    }
    return undefined;
  }

  /** The fields of a link target that points at a record, or `undefined`. */
  private target(raw: string): Pick<Citation, 'path' | 'anchor' | 'url'> | undefined {
    if (/^[a-z][a-z0-9+.-]{0,20}:/i.test(raw) || raw.startsWith('//')) {
      const u = recordUrl(raw);
      return u;
    }
    const [path, anchor] = splitAnchor(raw);
    const decoded = safeDecode(path);
    if (!RECORD_EXT.test(decoded)) return undefined;
    return { path: decoded, ...(anchor !== undefined && anchor !== '' ? { anchor } : {}) };
  }

  /** A URL at `://` (`p`), when it points at a record. */
  private url(p: number, end: number): Found | undefined {
    const text = this.text;
    // The scheme: `http` or `https` right before.
    let s: number;
    if (text.startsWith('https', p - 5)) s = p - 5;
    else if (text.startsWith('http', p - 4)) s = p - 4;
    else return undefined;
    if (s < this.lastEnd) return undefined;
    if (s > 0 && /[\w.+-]/.test(text[s - 1])) return undefined;
    const stop = this.stopAt(p + 3, Math.min(end, p + 3 + MAX_TARGET + 1), /[\s<>"'`)\]|]/g, 'url');
    // Longer than any URL to a record: none (and no 2 KB slice per `://` of a long run).
    if (stop > p + 3 + MAX_TARGET) return undefined;
    let to = stop;
    while (to > p + 3 && /[.,;:!?*]/.test(text[to - 1])) to--;
    if (to > end) return undefined;
    // Most URLs in code are no record's: only one with a record extension before its query or anchor is read.
    const url = text.slice(s, to);
    if (!RECORD_URL_HINT.test(url)) return undefined;
    const fields = recordUrl(url);
    if (!fields) return undefined;
    return { c: this.citation(s, to, { form: 'path', ...fields }), start: s, end: to };
  }

  /** A path that ends with the record extension at `p` (`.md`), looking back for its start. */
  private pathEndingAt(p: number, end: number): Found | undefined {
    const text = this.text;
    const ext = /\.(?:md|markdown|rst|adoc)(?:#(?<anchor>[\w-]{1,200}(?:\.[\w-]{1,200}){0,10}))?/y;
    ext.lastIndex = p;
    const g = ext.exec(text);
    if (!g) return undefined;
    let to = p + g[0].length;
    // `#anchor.` at the end of a sentence: the dot is not part of the anchor.
    if (to > end) return undefined;
    if (to < text.length && /[\w/]/.test(text[to])) return undefined;
    // Look back over path characters; a run already walked is jumped over in one step.
    const floor = Math.max(this.lastEnd, p - MAX_PATH);
    let j = p;
    while (j > floor && isPathChar(text.charCodeAt(j - 1))) {
      if (j === this.pathRun.end && this.pathRun.start >= 0) {
        if (this.pathRun.cut || this.pathRun.start < floor) return undefined;
        j = this.pathRun.start;
        break;
      }
      j--;
    }
    const cut = j > 0 && j === floor && isPathChar(text.charCodeAt(j - 1));
    this.pathRun = { start: j, end: p, cut };
    // A run of path characters longer than the window (or glued to the previous citation) is no path.
    if (cut) return undefined;
    // Leading `./`, `../` and `/` belong to the path; `@`, `.` and `-` may not start it.
    while (j < p && !/[\w./]/.test(text[j])) j++;
    if (j >= p) return undefined;
    const path = text.slice(j, p + g[0].length - (g.groups?.anchor !== undefined ? g.groups.anchor.length + 1 : 0));
    if (!/^(?:\.{1,2}\/|\/)?(?:[\w.@-]+\/)*[\w@-][\w.@-]*\.(?:md|markdown|rst|adoc)$/.test(path)) return undefined;
    if (!isDecisionLikePath(path)) return undefined;
    if (this.inCode(j) && this.markdown) return undefined;
    const anchor = g.groups?.anchor;
    to = p + g[0].length;
    return { c: this.citation(j, to, { form: 'path', path, ...(anchor !== undefined ? { anchor } : {}) }), start: j, end: to };
  }
}

/** Characters a path mentioned in text may hold: word characters, `.`, `/`, `@`, `-`. */
function isPathChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2f || c === 0x40 || c === 0x2d
  );
}

/**
 * The code spans and fenced code blocks of a Markdown text (CommonMark's rules, simplified:
 * a backtick run closes at the next run of the same length; fences are lines starting with up to
 * three spaces and three or more backticks or tildes). Linear: each run length keeps a cursor.
 * @returns sorted, non-overlapping `[start, end)` offsets.
 */
export function markdownCode(text: string): [number, number][] {
  if (text.indexOf('`') < 0 && text.indexOf('~~~') < 0) return [];
  const out: [number, number][] = [];
  // Fenced blocks first, line by line.
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  const fences: [number, number][] = [];
  let open: { at: number; marker: string } | undefined;
  let f: RegExpExecArray | null;
  while ((f = fence.exec(text)) !== null) {
    const marker = f[1];
    // The last line of an HTML comment drawn with tildes (`  ~~~~-->`) is no fence.
    if (f[0].includes('-->')) continue;
    if (!open) open = { at: f.index, marker };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && f[0].trim() === marker) {
      fences.push([open.at, f.index + f[0].length]);
      open = undefined;
    }
    if (fence.lastIndex === f.index) fence.lastIndex++;
  }
  if (open) fences.push([open.at, text.length]);
  // Backtick runs outside fences, grouped by length.
  const runs = new Map<number, number[]>();
  const order: [number, number][] = [];
  const tick = /`+/g;
  let fi = 0;
  let r: RegExpExecArray | null;
  while ((r = tick.exec(text)) !== null) {
    while (fi < fences.length && fences[fi][1] <= r.index) fi++;
    if (fi < fences.length && fences[fi][0] <= r.index) {
      tick.lastIndex = fences[fi][1];
      continue;
    }
    const len = r[0].length;
    let list = runs.get(len);
    if (!list) runs.set(len, (list = []));
    list.push(order.length);
    order.push([r.index, len]);
  }
  const cursor = new Map<number, number>();
  const spans: [number, number][] = [];
  let i = 0;
  while (i < order.length) {
    const [at, len] = order[i];
    const list = runs.get(len) ?? [];
    let c = cursor.get(len) ?? 0;
    while (c < list.length && list[c] <= i) c++;
    cursor.set(len, c);
    if (c >= list.length) {
      i++;
      continue;
    }
    const closer = list[c];
    spans.push([at, order[closer][0] + len]);
    i = closer + 1;
  }
  // Merge the two sorted lists.
  let a = 0;
  let b = 0;
  while (a < fences.length || b < spans.length) {
    if (b >= spans.length || (a < fences.length && fences[a][0] < spans[b][0])) out.push(fences[a++]);
    else out.push(spans[b++]);
  }
  return out;
}

/**
 * Reads a URL that may point at a decision record in a repository.
 *
 * Forms: `https://github.com/{owner}/{repo}/(blob|tree|raw|edit)/{ref}/{path}`,
 * `https://raw.githubusercontent.com/{owner}/{repo}/{ref}/{path}`,
 * `https://gitlab.../{group...}/{repo}/-/(blob|raw|tree)/{ref}/{path}`,
 * `https://bitbucket.org/{owner}/{repo}/(src|raw)/{ref}/{path}`, Bitbucket Server
 * `.../browse/{path}`, Gitea and Codeberg `.../src/(branch|commit|tag)/{ref}/{path}`; any other
 * URL by its whole path. `?query` is dropped; `#L97` line anchors are dropped, other anchors kept.
 * @returns `{ url, path, anchor? }` with the repository path (percent-decoded), or `undefined`
 *   when the path is no decision-like record file (issues, pull requests, web pages).
 */
export function recordUrl(raw: string): Pick<Citation, 'path' | 'anchor' | 'url'> | undefined {
  if (raw.length > MAX_TARGET) return undefined;
  const m = /^(?:https?:)?\/\/([^/?#\s]{1,253})(\/[^?#\s]*)?(?:\?[^#\s]*)?(?:#(\S*))?$/i.exec(raw);
  if (!m) return undefined;
  const host = m[1].toLowerCase();
  const segments = (m[2] ?? '').split('/').filter((s) => s !== '');
  let rest: string[] = segments;
  if (host === 'github.com' || host === 'www.github.com') {
    rest = ['blob', 'tree', 'raw', 'edit'].includes(segments[2] ?? '') ? segments.slice(4) : [];
  } else if (host === 'raw.githubusercontent.com') {
    rest = segments.slice(3);
  } else {
    const dash = segments.indexOf('-');
    const src = segments.findIndex((s, i) => i >= 2 && (s === 'src' || s === 'raw'));
    const browse = segments.indexOf('browse');
    if (dash >= 2 && ['blob', 'raw', 'tree'].includes(segments[dash + 1] ?? '')) rest = segments.slice(dash + 3);
    else if (browse >= 0) rest = segments.slice(browse + 1);
    else if (src >= 2 && ['branch', 'commit', 'tag'].includes(segments[src + 1] ?? '')) rest = segments.slice(src + 3);
    else if (src >= 2 && host.includes('bitbucket')) rest = segments.slice(src + 2);
  }
  if (rest.length === 0) return undefined;
  const path = safeDecode(rest.join('/'));
  const fragment = m[3];
  // A record file, or any Markdown file with an anchor that names an entry (`docs/gaps.md#gap-018`).
  const entryAnchor = fragment !== undefined && /^[a-z]{1,10}-?\d{1,9}$/i.test(fragment);
  // A docs-site page of a record (`https://pigweed.dev/seed/0105-old-slug.html`): a numbered page in a decision folder.
  const page = /^(?:.*\/)?([^/]+)\/\d+[-_.][^/]*\.html?$/i.exec(path);
  if (page && DECISION_DIR_NAMES.has(page[1].toLowerCase()) && !entryAnchor) return { url: raw, path };
  if (!RECORD_EXT.test(path) || !(isDecisionLikePath(path) || entryAnchor)) return undefined;
  const anchor = fragment !== undefined && fragment !== '' && !/^L\d+(?:C\d+)?(?:-L?\d+(?:C\d+)?)?$/.test(fragment) ? safeDecode(fragment) : undefined;
  return { url: raw, path, ...(anchor !== undefined ? { anchor } : {}) };
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
 *   Record files end in `.md`, `.markdown`, `.rst` or `.adoc`.
 */
export function isDecisionLikePath(path: string): boolean {
  const segments = path.split('/');
  const name = segments[segments.length - 1];
  if (NOT_RECORD_NAME.test(name)) return false;
  if (/^\d+[-_.]/.test(name)) return true;
  // `adr-047-x.md`, `rfc-100-x.md`, `ADR0005.md`: a short series name glued to the number.
  if (/^[a-z]{1,6}[-_]?\d+[-_.]/i.test(name)) return true;
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
