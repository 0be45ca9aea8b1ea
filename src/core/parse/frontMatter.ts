/**
 * YAML front matter (MADR 3/4, Jekyll, and the extra keys `id`, `supersedes`, `superseded-by`,
 * `applies-to` / `affectedPaths`), read with the `yaml` package.
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
  // Duplicate top-level keys are found below in one pass: yaml's own `uniqueKeys` check compares
  // every key with every earlier one (quadratic in the number of keys).
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
    const seen = new Set<string>();
    for (const pair of contents.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value ?? '') : '';
      if (!key) continue;
      const keyRange = toRange(keyNode?.range ?? undefined, lines.lineRange(0));
      const norm = normaliseKey(key);
      if (seen.has(key)) {
        problems.push({
          code: 'yaml-invalid',
          severity: 'error',
          message: 'Front matter is not valid YAML: Map keys must be unique',
          path,
          range: keyRange,
        });
      }
      seen.add(key);
      if (entries.has(norm)) continue; // the first of keys that normalise alike wins
      entries.set(norm, entryOf(key, pair.value as YamlNode | null, keyRange, src, toRange));
    }
  }
  return {
    frontMatter: { openLine: 0, closeLine: close, entries, valid: doc.errors.length === 0 && !problems.some((p) => p.code === 'yaml-invalid') },
    bodyStartLine: close + 1,
    problems,
  };
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
