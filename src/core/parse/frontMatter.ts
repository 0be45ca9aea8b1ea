/**
 * YAML front matter (MADR 3/4, Jekyll, and the extra keys `id`, `supersedes`, `superseded-by`,
 * `applies-to` / `affectedPaths`), read with the `yaml` package; front matter of one-line
 * `key: value` pairs and sequences of one-line scalars, as nearly every record writes it, is read
 * by {@link simplePairs} with the same texts and ranges, at a fraction of the cost.
 *
 * Front matter is a block fenced by `---` on the first line and a closing `---` (or `...`) line,
 * the convention of Jekyll and of `micromark-extension-frontmatter`.
 */
import { Composer, isMap, isScalar, isSeq, Parser } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions, Node as YamlNode } from 'yaml';
import type { Problem, Range } from '../model';
import type { LineIndex } from './text';

/** One top-level key of the front matter with its value reduced to text. */
export interface FrontMatterEntry {
  /** The key as written. */
  readonly key: string;
  /** The value's kind: a scalar, a list, or something else (a mapping, an alias). */
  readonly kind: 'scalar' | 'list' | 'other' | 'empty';
  /** The scalar text, or the list items' texts. Empty for `other` and `empty`. */
  readonly values: readonly string[];
  /** Where the whole value is written in the file (the key when the value is empty). */
  readonly range: Range;
  /** Where each of `values` is written. */
  readonly valueRanges: readonly Range[];
}

/** Front matter of one file. */
export interface FrontMatter {
  /** Line of the opening `---`. */
  readonly openLine: number;
  /** Line of the closing fence. */
  readonly closeLine: number;
  /** Entries by normalised key (lower case, `-`, `_` and spaces removed: `decisionmakers`). */
  readonly entries: ReadonlyMap<string, FrontMatterEntry>;
  /** True when the YAML parsed without errors. */
  readonly valid: boolean;
}

/** Result of {@link readFrontMatter}. */
export interface FrontMatterResult {
  readonly frontMatter?: FrontMatter;
  /** First line of the Markdown body (after the closing fence, or 0). */
  readonly bodyStartLine: number;
  readonly problems: Problem[];
}

/** Normalises a key for lookup: `Decision-Makers`, `decision_makers`, `decisionMakers` → `decisionmakers`. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s()]/g, '');
}

/**
 * Deepest nesting of YAML collections (flow `[`/`{`, block sequences and mappings, counted
 * together) that is handed to the `yaml` composer. `yaml` composes nested collections by
 * recursion (compose-node.js → compose-collection.js → resolve-flow-collection.js /
 * resolve-block-*.js → compose-node.js). At about 950 levels on Node 20's default stack the
 * recursion overflows; compose-node.js catches the RangeError (`RESOURCE_EXHAUSTION`) and goes
 * on composing at almost the full depth: `composeEmptyNode` → `composeScalar` → the core
 * schema's tag tests and `plainValue`/`unfoldLines` in resolve-flow-scalar.js run regular
 * expressions there. When one of them is compiled for the first time for that string width
 * (a one-byte empty scalar in a file that is otherwise two-byte, e.g. one `€`), V8's regular
 * expression compiler runs out of stack and aborts the process (`RegExpCompiler Allocation
 * failed`, exit 134, not catchable). Whether a given run aborts depends on the JIT's frame
 * sizes; with at most 64 levels the recursion never comes near the end of the stack. Real
 * front matter nests two or three levels.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Longest YAML text (UTF-16 code units) handed to the `yaml` package: 32 KiB, ten times a large
 * record's front matter. `yaml` needs up to about 10 µs per character on adversarial text, so
 * this also bounds the time one record's front matter can take.
 */
export const MAX_YAML_LENGTH = 32 * 1024;

/** Why {@link parseYamlBounded} did not compose a YAML text. */
export interface YamlLimitProblem {
  readonly code: 'yaml-too-deep' | 'yaml-too-large';
  readonly message: string;
  /** Offset in the YAML text where the limit was passed (the opening of the first too-deep collection, or 0). */
  readonly offset: number;
}

/** Result of {@link parseYamlBounded}: a document, or the limit the text passed. */
export type BoundedYaml = { readonly doc: Document.Parsed; readonly limit?: undefined } | { readonly doc?: undefined; readonly limit: YamlLimitProblem };

/**
 * `yaml`'s `parseDocument`, guarded: the text is tokenised by `yaml`'s own `Parser` (iterative,
 * linear in the text), the nesting depth of every collection is measured on that concrete syntax
 * tree (without recursion), and only texts within {@link MAX_YAML_LENGTH} and
 * {@link MAX_YAML_DEPTH} reach the recursive `Composer`. The measured depth is the depth the
 * composer recurses to, whatever the syntax (flow `[[[`, `{a: {a:`, compact `- - -`, `? ? ?`,
 * indented block collections, or a mix), so the process abort described at
 * {@link MAX_YAML_DEPTH} cannot be reached. Aliases are left as `Alias` nodes here; resolve
 * them only with `toJS({ maxAliasCount })` (a billion-laughs document is then an error).
 * @param src the YAML text (one document; a second one is an error in the result, as in `parseDocument`).
 * @param options `yaml` parse, document and schema options.
 * @returns `{ doc }` (errors and warnings in `doc.errors`, `doc.warnings`) or `{ limit }`. Never throws.
 */
export function parseYamlBounded(src: string, options: ParseOptions & DocumentOptions & SchemaOptions = {}): BoundedYaml {
  if (src.length > MAX_YAML_LENGTH) {
    return {
      limit: {
        code: 'yaml-too-large',
        message: `YAML is ${src.length} characters long; more than ${MAX_YAML_LENGTH} are not read.`,
        offset: 0,
      },
    };
  }
  const tokens = [...new Parser().parse(src)];
  const deep = tooDeepAt(tokens, MAX_YAML_DEPTH);
  if (deep !== undefined) {
    return {
      limit: {
        code: 'yaml-too-deep',
        message: `YAML nests collections more than ${MAX_YAML_DEPTH} levels deep; it is not read.`,
        offset: deep,
      },
    };
  }
  const composer = new Composer(options);
  let doc: Document.Parsed | undefined;
  for (const d of composer.compose(tokens, true, src.length)) {
    if (!doc) doc = d;
    else break; // as parseDocument: the second document is reported by the first one's errors
  }
  // compose(forceDoc = true) always yields a document.
  return { doc: doc as Document.Parsed };
}

const COLLECTION_TOKENS = new Set(['document', 'block-map', 'block-seq', 'flow-collection']);

/**
 * Walks `yaml` CST tokens with an explicit stack (no recursion) and finds the first collection
 * nested deeper than `max`.
 * @returns its offset in the source, or `undefined` when nothing is deeper.
 */
function tooDeepAt(tokens: readonly unknown[], max: number): number | undefined {
  // `document` counts as a level; the composer's recursion starts below it.
  const stack: { node: unknown; depth: number }[] = tokens.map((node) => ({ node, depth: -1 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (Array.isArray(node)) {
      for (const n of node) if (n !== null && typeof n === 'object') stack.push({ node: n, depth });
      continue;
    }
    const rec = node as Record<string, unknown>;
    let d = depth;
    if (typeof rec.type === 'string' && COLLECTION_TOKENS.has(rec.type)) {
      d = depth + 1;
      if (d > max) return typeof rec.offset === 'number' ? rec.offset : 0;
    }
    for (const key in rec) {
      const v = rec[key];
      if (v !== null && typeof v === 'object') stack.push({ node: v, depth: d });
    }
  }
  return undefined;
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Finds and reads front matter at the start of a file.
 * @param lines the file's lines.
 * @param bomLength 1 when the text starts with a BOM, else 0.
 * @param path the file's path, for problems.
 * @returns the front matter (if any), the body's first line and problems: `yaml-invalid` (error,
 *   at the YAML error's position), `front-matter-unclosed` and `front-matter-not-mapping`
 *   (warnings). Never throws.
 */
export function readFrontMatter(lines: LineIndex, bomLength: number, path: string): FrontMatterResult {
  return readFrontMatterWith(lines, bomLength, path, true);
}

/**
 * {@link readFrontMatter} with the `yaml` package alone, also for the front matter the fast path
 * reads ({@link simplePairs}): what the fast path is tested against.
 */
export function readFrontMatterWithYaml(lines: LineIndex, bomLength: number, path: string): FrontMatterResult {
  return readFrontMatterWith(lines, bomLength, path, false);
}

function readFrontMatterWith(lines: LineIndex, bomLength: number, path: string, fast: boolean): FrontMatterResult {
  const problems: Problem[] = [];
  const first = lines.lineText(0).slice(bomLength);
  if (!OPEN.test(first)) return { bodyStartLine: 0, problems };
  let close = -1;
  for (let l = 1; l < lines.lineCount; l++) {
    if (CLOSE.test(lines.lineText(l))) {
      close = l;
      break;
    }
  }
  if (close < 0) {
    // Only worth a warning when the next line looks like YAML: a lone `---` is also a thematic break.
    if (lines.lineCount > 1 && /^[\w"'-][^:]*:(\s|$)/.test(lines.lineText(1))) {
      problems.push({
        code: 'front-matter-unclosed',
        severity: 'warning',
        message: 'Front matter starts with `---` but has no closing `---` line; it is read as Markdown.',
        path,
        range: lines.lineRange(0),
      });
    }
    return { bodyStartLine: 0, problems };
  }
  const yamlStart = lines.lineStart(1);
  const yamlEnd = lines.lineStart(close);
  // The yaml package breaks lines at LF and CRLF only; a lone CR (old Mac files) becomes LF, same length.
  const src = lines.text.slice(yamlStart, yamlEnd).replace(/\r(?!\n)/g, '\n');
  // Ranges end at the value's last character, not at the line break the YAML parser includes.
  const toRange = (r: readonly number[] | undefined, fallback: Range): Range => {
    if (!r) return fallback;
    let end = r[1];
    while (end > r[0] && /\s/.test(src[end - 1])) end--;
    return lines.rangeOf(yamlStart + r[0], yamlStart + end);
  };
  const entries = new Map<string, FrontMatterEntry>();
  // Duplicate top-level keys are found here in one pass: yaml's own `uniqueKeys` check compares
  // every key with every earlier one (quadratic in the number of keys).
  const seen = new Set<string>();
  /** A top-level key: a duplicate is a problem; the first of keys that normalise alike wins. */
  const addPair = (key: string, keyRange: Range, entry: () => FrontMatterEntry): void => {
    if (seen.has(key)) problems.push(duplicateKey(path, keyRange));
    seen.add(key);
    const norm = normaliseKey(key);
    if (!entries.has(norm)) entries.set(norm, entry());
  };
  const simple = fast && src.length <= MAX_YAML_LENGTH ? simplePairs(src) : undefined;
  if (simple) {
    const span = (x: Span, fallback: Range): Range => toRange([x.start, x.end], fallback);
    for (const pair of simple) {
      const key = pair.key.text;
      const keyRange = span(pair.key, lines.lineRange(0));
      addPair(key, keyRange, () => {
        const range = span(pair.value, keyRange);
        return pair.items
          ? { key, kind: 'list', values: pair.items.map((i) => i.text), range, valueRanges: pair.items.map((i) => span(i, range)) }
          : { key, kind: 'scalar', values: [pair.value.text], range, valueRanges: [range] };
      });
    }
    return {
      frontMatter: { openLine: 0, closeLine: close, entries, valid: problems.length === 0 },
      bodyStartLine: close + 1,
      problems,
    };
  }
  const parsed = parseYamlBounded(src, { uniqueKeys: false, prettyErrors: false, strict: false });
  if (parsed.limit) {
    // Too deep or too large for the YAML library: the keys are not read, the body still is.
    const at = Math.min(parsed.limit.offset, src.replace(/[\r\n]+$/, '').length);
    problems.push({
      code: parsed.limit.code === 'yaml-too-deep' ? 'front-matter-too-deep' : 'front-matter-too-large',
      severity: 'error',
      message: `Front matter is not read: ${parsed.limit.message}`,
      path,
      range: parsed.limit.code === 'yaml-too-deep' ? lines.rangeOf(yamlStart + at, yamlStart + at + 1) : lines.linesRange(0, close),
    });
    return {
      frontMatter: { openLine: 0, closeLine: close, entries, valid: false },
      bodyStartLine: close + 1,
      problems,
    };
  }
  const doc = parsed.doc;
  // Errors found at the end of the YAML (an unclosed `[`) are shown at its last line, not on the fence.
  const last = src.replace(/[\r\n]+$/, '').length;
  for (const e of doc.errors) {
    const start = Math.min(e.pos[0], last);
    const end = Math.min(Math.max(e.pos[0], e.pos[1]), last);
    problems.push({
      code: 'yaml-invalid',
      severity: 'error',
      message: `Front matter is not valid YAML: ${firstLine(e.message)}`,
      path,
      range: lines.rangeOf(yamlStart + start, yamlStart + Math.max(start, end)),
    });
  }
  const contents = doc.contents;
  if (contents !== null && contents !== undefined && !isMap(contents)) {
    if (!(isScalar(contents) && (contents.value === null || contents.value === ''))) {
      problems.push({
        code: 'front-matter-not-mapping',
        severity: 'warning',
        message: 'Front matter should be a YAML mapping of keys to values; it is ignored.',
        path,
        range: lines.linesRange(0, close),
      });
    }
  } else if (isMap(contents)) {
    for (const pair of contents.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value ?? '') : '';
      if (!key) continue;
      const keyRange = toRange(keyNode?.range ?? undefined, lines.lineRange(0));
      addPair(key, keyRange, () => entryOf(key, pair.value as YamlNode | null, keyRange, src, toRange));
    }
  }
  return {
    frontMatter: { openLine: 0, closeLine: close, entries, valid: doc.errors.length === 0 && !problems.some((p) => p.code === 'yaml-invalid') },
    bodyStartLine: close + 1,
    problems,
  };
}

function duplicateKey(path: string, range: Range): Problem {
  return { code: 'yaml-invalid', severity: 'error', message: 'Front matter is not valid YAML: Map keys must be unique', path, range };
}

/** A stretch of the YAML text (offsets in it, end exclusive) and the text it stands for. */
interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** A top-level `key: value` of the front matter the fast path reads. */
interface SimplePair {
  readonly key: Span;
  /** The scalar, the whole `[...]` of a flow sequence, or a block sequence from its first `-`. */
  readonly value: Span;
  /** A sequence's items. */
  readonly items?: readonly Span[];
}

/** A key (letters, digits, `_` and `-`, starting with a letter or `_`) and a value after one or more spaces. */
const SIMPLE_PAIR = /^([A-Za-z_][A-Za-z0-9_-]{0,127}):( +)(\S(?:.*\S)?) *\r?$/;
/** A key alone: its value is the block sequence on the next lines. */
const KEY_ONLY = /^([A-Za-z_][A-Za-z0-9_-]{0,127}): *\r?$/;
/** An item of a block sequence: its indentation, the spaces after `-`, and its value. */
const SEQ_ITEM = /^( *)-( +)(\S(?:.*\S)?) *\r?$/;
/**
 * A single-line plain scalar whose text is its value in any context: no indicator first, no
 * `: `, `#`, brackets, braces, tabs, control characters, BOM, line or paragraph separators, or
 * surrogates (the text is then left to `yaml`).
 */
// eslint-disable-next-line no-control-regex -- control characters are what this leaves to yaml
const PLAIN_SCALAR = /^[A-Za-z0-9_(/$](?:[^#:[\]{}\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]|:(?=[^\s#:[\]{},]))*$/;
/** The same inside a flow sequence: no `,` and no `:` either. */
// eslint-disable-next-line no-control-regex -- control characters are what this leaves to yaml
const FLOW_SCALAR = /^[A-Za-z0-9_(/$][^#:,[\]{}\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*$/;
/** A one-line quoted scalar without escapes (no backslash in double quotes, no `''` in single ones). */
// eslint-disable-next-line no-control-regex -- control characters are what this leaves to yaml
const QUOTED = /^(?:"[^"\\\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*"|'[^'\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]*')$/;
/** Plain scalars the core schema reads as null. */
const NULL_TEXT = /^(?:null|Null|NULL)$/;
/** Keys the core schema reads as null or as a boolean (a key `True` is the key `true`). */
const NOT_KEY_TEXT = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * The text `readFrontMatter` takes from a one-line scalar written as `raw` (no spaces around):
 * a plain scalar as written, a quoted one without its quotes, trimmed.
 * @param flow inside a flow sequence (no `,` or `:` in plain scalars).
 * @returns the text, or `undefined` when `yaml` should read it (null, empty, escapes, indicators).
 */
function oneLineScalar(raw: string, flow: boolean): string | undefined {
  if (raw.startsWith('"') || raw.startsWith("'")) {
    if (!QUOTED.test(raw)) return undefined;
    const text = raw.slice(1, -1).trim();
    return text === '' ? undefined : text;
  }
  return (flow ? FLOW_SCALAR : PLAIN_SCALAR).test(raw) && !NULL_TEXT.test(raw) ? raw : undefined;
}

/**
 * The pairs of front matter written as most records write it, read without the `yaml` package
 * and with the texts and ranges it gives for them (a property test holds the two together): one
 * `key: value` per line with a plain or quoted scalar (`status: accepted`, `date: 2024-05-01`,
 * `decision-makers: Ana, Bo`, `title: "Use gRPC"`), a flow sequence of them (`tags: [api, "a b"]`)
 * or a block sequence of them (`applies-to:` then `  - "src/**"` lines). Blank lines are skipped.
 * @param src the YAML text between the fences (LF or CRLF line breaks).
 * @returns the pairs in order, or `undefined` for anything else (comments, escapes, nested
 *   collections, multi-line scalars, empty or null values): `yaml` reads that.
 */
export function simplePairs(src: string): SimplePair[] | undefined {
  const pairs: SimplePair[] = [];
  /** A key whose block sequence is being read: its items and their indentation. */
  let open: { key: Span; indent: number; dash: number; items: Span[] } | undefined;
  const close = (): boolean => {
    if (!open) return true;
    const { key, dash, items } = open;
    open = undefined;
    if (items.length === 0) return false;
    pairs.push({ key, value: { text: '', start: dash, end: items[items.length - 1].end }, items });
    return true;
  };
  let start = 0;
  while (start < src.length) {
    let end = src.indexOf('\n', start);
    if (end < 0) end = src.length;
    const line = src.slice(start, end);
    const lineStart = start;
    start = end + 1;
    if (line.trim() === '') continue;
    if (open) {
      const item = SEQ_ITEM.exec(line);
      if (item && (open.items.length === 0 || item[1].length === open.indent)) {
        const text = oneLineScalar(item[3], false);
        if (text === undefined) return undefined;
        const at = lineStart + item[1].length + 1 + item[2].length;
        if (open.items.length === 0) {
          open.indent = item[1].length;
          open.dash = lineStart + item[1].length;
        }
        open.items.push({ text, start: at, end: at + item[3].length });
        continue;
      }
      if (!close()) return undefined;
    }
    const keyOnly = KEY_ONLY.exec(line);
    if (keyOnly) {
      if (NOT_KEY_TEXT.test(keyOnly[1])) return undefined;
      open = { key: { text: keyOnly[1], start: lineStart, end: lineStart + keyOnly[1].length }, indent: 0, dash: 0, items: [] };
      continue;
    }
    const m = SIMPLE_PAIR.exec(line);
    if (!m || NOT_KEY_TEXT.test(m[1])) return undefined;
    const raw = m[3];
    const at = lineStart + m[1].length + 1 + m[2].length;
    const key: Span = { text: m[1], start: lineStart, end: lineStart + m[1].length };
    if (raw.startsWith('[')) {
      const items = flowItems(raw, at);
      if (!items) return undefined;
      pairs.push({ key, value: { text: raw, start: at, end: at + raw.length }, items });
    } else {
      const text = oneLineScalar(raw, false);
      if (text === undefined) return undefined;
      pairs.push({ key, value: { text, start: at, end: at + raw.length } });
    }
  }
  return close() ? pairs : undefined;
}

/** The items of a one-line flow sequence (`[a, "b c"]`) written at `at`, or `undefined`. */
function flowItems(raw: string, at: number): Span[] | undefined {
  if (!raw.endsWith(']')) return undefined;
  const inner = raw.slice(1, -1);
  if (inner.trim() === '') return [];
  const items: Span[] = [];
  let from = 0;
  for (const part of inner.split(',')) {
    const lead = part.length - part.trimStart().length;
    const item = part.trim();
    const text = oneLineScalar(item, true);
    // Around an item, spaces only.
    if (text === undefined || /[^ ]/.test(part.slice(0, lead) + part.slice(lead + item.length))) return undefined;
    const s = at + 1 + from + lead;
    items.push({ text, start: s, end: s + item.length });
    from += part.length + 1;
  }
  return items;
}

function entryOf(
  key: string,
  value: YamlNode | null,
  keyRange: Range,
  src: string,
  toRange: (r: readonly number[] | undefined, fallback: Range) => Range,
): FrontMatterEntry {
  if (value === null || value === undefined) return { key, kind: 'empty', values: [], range: keyRange, valueRanges: [] };
  const range = toRange(value.range ? [value.range[0], value.range[1]] : undefined, keyRange);
  if (isScalar(value)) {
    const text = scalarText(value, src);
    if (text === '') return { key, kind: 'empty', values: [], range, valueRanges: [] };
    return { key, kind: 'scalar', values: [text], range, valueRanges: [range] };
  }
  if (isSeq(value)) {
    const values: string[] = [];
    const valueRanges: Range[] = [];
    for (const item of value.items as (YamlNode | null)[]) {
      if (!isScalar(item)) continue;
      const text = scalarText(item, src);
      if (text === '') continue;
      values.push(text);
      valueRanges.push(toRange(item.range ? [item.range[0], item.range[1]] : undefined, range));
    }
    return { key, kind: 'list', values, range, valueRanges };
  }
  return { key, kind: 'other', values: [], range, valueRanges: [] };
}

/** Text of a scalar: strings as parsed, other scalars (numbers, dates, booleans) as written. */
function scalarText(node: YamlNode & { value?: unknown }, src: string): string {
  const v = node.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (node.range) return src.slice(node.range[0], node.range[1]).trim();
  return String(v);
}

function firstLine(message: string): string {
  const i = message.indexOf('\n');
  return (i < 0 ? message : message.slice(0, i)).trim();
}
