/**
 * Glob matching in linear time, for every glob the product matches: `decisionLens.exclude` (and
 * the `files.exclude` / `search.exclude` entries the indexer honours), the command line's walk,
 * and a decision record's `applies-to` globs.
 *
 * Syntax: the picomatch / VS Code subset teams write in settings and front matter, with
 * picomatch's meaning under `{ dot: true }`:
 * - `/` separates segments; a leading `./` is ignored; a leading `!` negates the glob.
 * - `**` as a whole segment matches zero or more segments (`a/**` matches `a` and `a/b/c`,
 *   `**\/x` matches `x`); elsewhere `**` is `*`.
 * - `*` matches any characters but `/` (a segment that is only `*` needs one), `?` one
 *   character but `/`, `[abc]`, `[a-z]`, `[!a]` / `[^a]` one of (or none of) a set, with the
 *   POSIX classes `[[:alpha:]]`, `[[:digit:]]`, `[[:alnum:]]`, `[[:upper:]]`, `[[:lower:]]`,
 *   `[[:space:]]`, `[[:xdigit:]]`, `[[:word:]]`; `\x` is a literal `x`.
 * - `{a,b}` alternatives (nested too) and `{1..3}` / `{a..e}` ranges are expanded first;
 *   `{a}` and unbalanced braces are literal.
 * - Dot files match like any other name; matching is case-sensitive.
 *
 * Why not picomatch: picomatch compiles a glob to a backtracking regular expression, and
 * `*a*a*a*a*a*a*a*a*ab` then takes exponential time on a path without a match (50 s on a
 * three-file tree). Here each segment is matched by the classic wildcard algorithm that keeps
 * only the last `*` to resume from, and segments are matched against `**` the same way, so one
 * match costs at most (path length + 1) x (glob length + 1) steps, whatever the glob.
 *
 * Not supported (the glob is rejected with a reason, never guessed): extglobs (`!(x)`, `@(a|b)`,
 * `+(x)`, `*(x)`, `?(x)`), globs longer than {@link MAX_GLOB_LENGTH}, brace expansions to more
 * than {@link MAX_GLOB_ALTERNATIVES} globs or nested deeper than {@link MAX_BRACE_DEPTH}.
 */

/** Longest glob accepted (UTF-16 code units). */
export const MAX_GLOB_LENGTH = 1024;
/** Most globs one brace expansion may give (`{a,b}{c,d}` gives 4). */
export const MAX_GLOB_ALTERNATIVES = 256;
/** Deepest nesting of `{...}` accepted. */
export const MAX_BRACE_DEPTH = 8;
/** Most wildcards (`*`, `?`) in one segment of a glob handed to VS Code's own glob engine (see {@link isPortableGlob}). */
export const MAX_PORTABLE_WILDCARDS = 4;

/** Counts the steps one or more matches took: each comparison of one character or segment is a step. */
export interface GlobStats {
  steps: number;
}

/** A compiled glob. */
export interface Glob {
  /** The glob as written. */
  readonly source: string;
  /**
   * @param path a POSIX path relative to the glob's root (`src/a.ts`, no leading `./`).
   * @param stats when given, the steps taken are added to `stats.steps`.
   * @returns whether the glob matches the whole path (the negation for `!glob`).
   */
  matches(path: string, stats?: GlobStats): boolean;
}

/** Result of {@link compileGlob}: the glob, or why it cannot be matched. */
export type GlobResult = { readonly ok: true; readonly glob: Glob } | { readonly ok: false; readonly source: string; readonly reason: string };

/** Several globs as one: a path matches when any glob matches. */
export interface GlobSet {
  /** @returns true when any accepted glob matches `path` (see {@link Glob.matches}). */
  matches(path: string, stats?: GlobStats): boolean;
  /** The globs that matched nothing because they could not be compiled, with the reason. */
  readonly rejected: readonly { readonly source: string; readonly reason: string }[];
}

/** A compiled glob's match over a path already split at `/`. */
interface SegmentMatcher {
  readonly negated: boolean;
  /** @param path the unsplit path, when given only alternatives whose literal text it contains are matched. */
  onSegments(segments: readonly string[], stats: GlobStats | undefined, path?: string): boolean;
  /** False when no alternative can match `path`: some literal text of each is missing from it. */
  mayMatch(path: string): boolean;
  /** The whole match by string tests, for the shapes {@link quickMatch} knows (negation not applied). */
  readonly quick?: (path: string) => boolean;
}

/** Literal text of a glob: no wildcard, class, brace, escape or `!`, no `/`. */
const LITERAL = /^[^*?[\]{}\\!/]+$/;

/**
 * The shapes settings and front matter write most (`**\/node_modules/**`, `**\/.git`,
 * `**\/*.md`, `*.md`, `docs/adr/**`, `README.md`), matched by string tests that decide exactly
 * what the segment matcher decides (the glob test holds them to it).
 * @param body the glob without its `!` and `./` prefixes.
 * @returns the test, or `undefined` for any other glob.
 */
function quickMatch(body: string): ((path: string) => boolean) | undefined {
  if (body.startsWith('**/')) {
    const rest = body.slice(3);
    if (LITERAL.test(rest)) {
      const tail = `/${rest}`;
      return (p) => p === rest || p.endsWith(tail);
    }
    if (rest.endsWith('/**') && LITERAL.test(rest.slice(0, -3))) {
      const name = rest.slice(0, -3);
      const [head, tail, inner] = [`${name}/`, `/${name}`, `/${name}/`];
      return (p) => p === name || p.startsWith(head) || p.endsWith(tail) || p.includes(inner);
    }
    if (rest.startsWith('*') && LITERAL.test(rest.slice(1))) {
      const end = rest.slice(1);
      return (p) => p.endsWith(end);
    }
    return undefined;
  }
  if (body.startsWith('*') && LITERAL.test(body.slice(1))) {
    const end = body.slice(1);
    return (p) => p.endsWith(end) && !p.includes('/');
  }
  const segments = body.endsWith('/**') ? body.slice(0, -3).split('/') : body.split('/');
  if (!segments.every((seg) => LITERAL.test(seg))) return undefined;
  const literal = segments.join('/');
  if (!body.endsWith('/**')) return (p) => p === literal;
  const head = `${literal}/`;
  return (p) => p === literal || p.startsWith(head);
}
const SEGMENT_MATCHERS = new WeakMap<Glob, SegmentMatcher>();

// One segment's pattern: a list of tokens.
const STAR = 0;
const ANY = 1;
type Token = typeof STAR | typeof ANY | string | CharClass;
interface CharClass {
  readonly negated: boolean;
  /** Pairs of inclusive UTF-16 ranges: [from0, to0, from1, to1, ...]. */
  readonly ranges: readonly number[];
}
/** A segment of a glob: `**`, or tokens that must match one path segment. */
type Segment =
  | { readonly globstar: true }
  | { readonly globstar: false; readonly tokens: readonly Token[]; readonly onlyStar: boolean; readonly literal?: string };

const POSIX_CLASSES: Record<string, readonly number[]> = {
  alpha: [65, 90, 97, 122],
  digit: [48, 57],
  alnum: [48, 57, 65, 90, 97, 122],
  upper: [65, 90],
  lower: [97, 122],
  space: [9, 13, 32, 32],
  xdigit: [48, 57, 65, 70, 97, 102],
  word: [48, 57, 65, 90, 95, 95, 97, 122],
};

/**
 * Compiles one glob (syntax in this module's documentation).
 * @param source the glob as written in a setting or a record.
 * @returns `{ ok: true, glob }`, or `{ ok: false, reason }` for an empty, too long, too
 *   branching or unsupported glob. Never throws; linear in the glob's length (before expansion).
 */
export function compileGlob(source: string): GlobResult {
  const fail = (reason: string): GlobResult => ({ ok: false, source, reason });
  if (typeof source !== 'string' || source === '') return fail('the glob is empty');
  if (source.length > MAX_GLOB_LENGTH) return fail(`the glob is longer than ${MAX_GLOB_LENGTH} characters`);
  let body = source;
  let negated = false;
  while (body.startsWith('!') && !body.startsWith('!(')) {
    negated = !negated;
    body = body.slice(1);
  }
  while (body.startsWith('./')) body = body.slice(2);
  if (/(?:^|[^\\])[!@+*?]\(/.test(body)) return fail('extglobs such as `@(a|b)` or `!(x)` are not supported');
  const quick = quickMatch(body);
  if (quick) {
    const glob: Glob = {
      source,
      matches(path: string, stats?: GlobStats): boolean {
        if (typeof path !== 'string' || path === '') return negated;
        if (stats) stats.steps++;
        return quick(path) !== negated;
      },
    };
    SEGMENT_MATCHERS.set(glob, { negated, quick, onSegments: (segments) => quick(segments.join('/')) !== negated, mayMatch: () => true });
    return { ok: true, glob };
  }
  const expanded = expandBraces(body);
  if (typeof expanded === 'string') return fail(expanded);
  const alternatives = expanded.map(compileAlternative);
  const needles = alternatives.map(literalRuns);
  const onSegments = (segments: readonly string[], stats: GlobStats | undefined, path?: string): boolean => {
    let hit = false;
    for (let a = 0; a < alternatives.length; a++) {
      if (path !== undefined && !containsAll(path, needles[a])) continue;
      if (matchSegments(alternatives[a], segments, stats)) {
        hit = true;
        break;
      }
    }
    return hit !== negated;
  };
  /** True when some alternative's literal text is all in `path`: only those can match it. */
  const mayMatch = (path: string): boolean => needles.some((n) => containsAll(path, n));
  const glob: Glob = {
    source,
    matches(path: string, stats?: GlobStats): boolean {
      if (typeof path !== 'string' || path === '') return negated;
      if (!mayMatch(path)) return negated;
      return onSegments(path.split('/'), stats, path);
    },
  };
  SEGMENT_MATCHERS.set(glob, { negated, onSegments, mayMatch });
  return { ok: true, glob };
}

/**
 * Compiles several globs into one predicate, keeping the ones that cannot be compiled aside.
 * @param sources globs as written (picomatch's meaning of a list: any match counts).
 * @returns the set; `rejected` lists the globs left out and why.
 */
export function compileGlobs(sources: readonly string[]): GlobSet {
  const globs: Glob[] = [];
  const rejected: { source: string; reason: string }[] = [];
  for (const s of sources) {
    const r = compileGlob(s);
    if (r.ok) globs.push(r.glob);
    else rejected.push({ source: r.source, reason: r.reason });
  }
  const matchers = globs.map((g) => SEGMENT_MATCHERS.get(g) as SegmentMatcher);
  return {
    rejected,
    matches(path: string, stats?: GlobStats): boolean {
      if (typeof path !== 'string' || path === '') return matchers.some((m) => m.negated);
      // Most paths contain no literal text of any glob (`node_modules`, `.git`): no split, no
      // match. The path is split once for the globs that may match it.
      let segments: string[] | undefined;
      for (const m of matchers) {
        if (m.quick) {
          if (m.quick(path) !== m.negated) return true;
          continue;
        }
        if (!m.mayMatch(path)) {
          if (m.negated) return true;
          continue;
        }
        if (m.onSegments((segments ??= path.split('/')), stats, path)) return true;
      }
      return false;
    },
  };
}

/**
 * Whether a glob may also be handed to VS Code's own glob engine (`workspace.findFiles`
 * excludes), which compiles globs to backtracking regular expressions: it compiles here, has no
 * braces (nested braces are not portable), and no segment has more than
 * {@link MAX_PORTABLE_WILDCARDS} wildcards. Other globs are applied by {@link compileGlobs} alone.
 */
export function isPortableGlob(source: string): boolean {
  if (!compileGlob(source).ok || /[{}]/.test(source)) return false;
  for (const segment of source.split('/')) {
    if (/^\*+$/.test(segment)) continue;
    if ((segment.match(/[*?]/g)?.length ?? 0) > MAX_PORTABLE_WILDCARDS) return false;
  }
  return true;
}

/**
 * Expands `{a,b}` and `{1..3}` (nested too) into plain globs, breadth-bounded.
 * @returns the globs, or the reason the expansion is refused.
 */
function expandBraces(glob: string): string[] | string {
  // Find the first balanced top-level `{...}` that has a `,` or a `..` range at its own level.
  let depth = 0;
  let maxDepth = 0;
  let open = -1;
  let hasComma = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = classEnd(glob, i);
      if (end > 0) {
        i = end;
        continue;
      }
    }
    if (c === '{') {
      if (depth === 0) {
        open = i;
        hasComma = false;
      }
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      if (maxDepth > MAX_BRACE_DEPTH) return `braces are nested more than ${MAX_BRACE_DEPTH} levels deep`;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const inner = glob.slice(open + 1, i);
        const range = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])$/.exec(inner);
        if (hasComma || range) {
          const parts = range ? rangeParts(range[1], range[2]) : splitTopLevel(inner);
          if (typeof parts === 'string') return parts;
          const rest = expandBraces(glob.slice(i + 1));
          if (typeof rest === 'string') return rest;
          const out: string[] = [];
          const head = glob.slice(0, open);
          for (const part of parts) {
            const inners = expandBraces(part);
            if (typeof inners === 'string') return inners;
            for (const a of inners) {
              for (const b of rest) {
                out.push(head + a + b);
                if (out.length > MAX_GLOB_ALTERNATIVES) return `the braces expand to more than ${MAX_GLOB_ALTERNATIVES} globs`;
              }
            }
          }
          return out;
        }
      }
    } else if (c === ',' && depth === 1) {
      hasComma = true;
    }
  }
  return [glob];
}

function splitTopLevel(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}

function rangeParts(from: string, to: string): string[] | string {
  const numeric = /\d/.test(from) && /\d/.test(to);
  if (!numeric && (/\d/.test(from) || /\d/.test(to))) return [`${from}..${to}`];
  const a = numeric ? Number.parseInt(from, 10) : from.charCodeAt(0);
  const b = numeric ? Number.parseInt(to, 10) : to.charCodeAt(0);
  if (Math.abs(b - a) + 1 > MAX_GLOB_ALTERNATIVES) return `the range {${from}..${to}} has more than ${MAX_GLOB_ALTERNATIVES} values`;
  const out: string[] = [];
  const step = a <= b ? 1 : -1;
  const width = numeric && (/^-?0\d/.test(from) || /^-?0\d/.test(to)) ? Math.max(from.replace('-', '').length, to.replace('-', '').length) : 0;
  for (let v = a; step > 0 ? v <= b : v >= b; v += step) {
    if (!numeric) out.push(String.fromCharCode(v));
    else out.push(v < 0 ? '-' + String(-v).padStart(width, '0') : String(v).padStart(width, '0'));
  }
  return out;
}

/** @returns the index of the `]` closing the class that opens at `open`, or -1 when it does not close in its segment. */
function classEnd(glob: string, open: number): number {
  let i = open + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++; // `[]]` is a class of `]`
  for (; i < glob.length; i++) {
    const c = glob[i];
    if (c === '/') return -1;
    if (c === '\\') i++;
    else if (c === '[' && glob[i + 1] === ':') {
      const close = glob.indexOf(':]', i + 2);
      if (close > 0 && !glob.slice(i + 2, close).includes('/')) i = close + 1;
    } else if (c === ']') return i;
  }
  return -1;
}

function compileAlternative(glob: string): Segment[] {
  const g = glob;
  const segments: Segment[] = [];
  // Split at `/` outside classes (a class never spans a `/`, see classEnd).
  let start = 0;
  for (let i = 0; i <= g.length; i++) {
    if (i < g.length && g[i] === '\\') {
      i++;
      continue;
    }
    if (i === g.length || g[i] === '/') {
      segments.push(compileSegment(g.slice(start, i)));
      start = i + 1;
    }
  }
  // Consecutive `**` segments mean the same as one.
  return segments.filter((s, i) => !(s.globstar && i > 0 && segments[i - 1].globstar));
}

function compileSegment(text: string): Segment {
  if (/^\*\*+$/.test(text)) return { globstar: true };
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      tokens.push(text[++i]);
    } else if (c === '*') {
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (c === '?') {
      tokens.push(ANY);
    } else if (c === '[') {
      const end = classEnd(text, i);
      if (end < 0) tokens.push(c);
      else {
        tokens.push(charClass(text.slice(i + 1, end)));
        i = end;
      }
    } else {
      tokens.push(c);
    }
  }
  const literal = tokens.every((t) => typeof t === 'string') ? tokens.join('') : undefined;
  return { globstar: false, tokens, onlyStar: tokens.length === 1 && tokens[0] === STAR, ...(literal !== undefined ? { literal } : {}) };
}

function charClass(body: string): CharClass {
  let i = 0;
  let negated = false;
  if (body[0] === '!' || body[0] === '^') {
    negated = true;
    i = 1;
  }
  const ranges: number[] = [];
  for (; i < body.length; i++) {
    let c = body[i];
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      const named = close > 0 ? POSIX_CLASSES[body.slice(i + 2, close)] : undefined;
      if (named) {
        ranges.push(...named);
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < body.length) c = body[++i];
    const from = c.charCodeAt(0);
    if (body[i + 1] === '-' && i + 2 < body.length) {
      let to = body[i + 2];
      i += 2;
      if (to === '\\' && i + 1 < body.length) to = body[++i];
      ranges.push(Math.min(from, to.charCodeAt(0)), Math.max(from, to.charCodeAt(0)));
    } else {
      ranges.push(from, from);
    }
  }
  return { negated, ranges };
}

function tokenMatches(token: Token, code: number, ch: string): boolean {
  if (token === ANY) return code !== 47;
  if (typeof token === 'string') return token === ch;
  if (typeof token === 'number') return false;
  let inside = false;
  for (let r = 0; r < token.ranges.length; r += 2) {
    if (code >= token.ranges[r] && code <= token.ranges[r + 1]) {
      inside = true;
      break;
    }
  }
  return inside !== token.negated && code !== 47;
}

/**
 * The classic wildcard match of one segment: on a mismatch, resume after the last `*` one
 * character further on. At most (text length + 1) x (tokens + 1) steps.
 */
function matchSegment(seg: Segment & { globstar: false }, text: string, stats: GlobStats | undefined): boolean {
  if (seg.onlyStar || seg.literal !== undefined) {
    if (stats) stats.steps++;
    return seg.onlyStar ? text.length > 0 : text === seg.literal;
  }
  const tokens = seg.tokens;
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = -1;
  let steps = 0;
  while (i < text.length) {
    steps++;
    const t = p < tokens.length ? tokens[p] : undefined;
    if (t === STAR) {
      starP = p++;
      starI = i;
    } else if (t !== undefined && tokenMatches(t, text.charCodeAt(i), text[i])) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else {
      if (stats) stats.steps += steps;
      return false;
    }
  }
  while (p < tokens.length && tokens[p] === STAR) p++;
  if (stats) stats.steps += steps + 1;
  return p === tokens.length;
}

/** The same algorithm one level up: `**` is the star, a segment pattern matches one path segment. */
function matchSegments(globSegments: readonly Segment[], pathSegments: readonly string[], stats: GlobStats | undefined): boolean {
  let p = 0;
  let i = 0;
  let starP = -1;
  let starI = -1;
  while (i < pathSegments.length) {
    if (stats) stats.steps++;
    const s = p < globSegments.length ? globSegments[p] : undefined;
    if (s?.globstar) {
      starP = p++;
      starI = i;
    } else if (s !== undefined && matchSegment(s, pathSegments[i], stats)) {
      p++;
      i++;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else {
      return false;
    }
  }
  while (p < globSegments.length && globSegments[p].globstar) p++;
  return p === globSegments.length;
}

/**
 * The runs of literal characters of a compiled glob (`**\/node_modules/*.js` -> `node_modules`,
 * `.js`): each must occur in a path the glob matches, since a segment pattern matches one path
 * segment character by character. A cheap `includes` rules most paths out before matching.
 */
function literalRuns(segments: readonly Segment[]): string[] {
  const runs: string[] = [];
  for (const seg of segments) {
    if (seg.globstar) continue;
    let run = '';
    for (const t of seg.tokens) {
      if (typeof t === 'string') run += t;
      else {
        if (run) runs.push(run);
        run = '';
      }
    }
    if (run) runs.push(run);
  }
  return runs;
}

function containsAll(path: string, needles: readonly string[]): boolean {
  for (const n of needles) if (!path.includes(n)) return false;
  return true;
}
