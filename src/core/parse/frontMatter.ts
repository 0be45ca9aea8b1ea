/**
 * YAML front matter (MADR 3/4, Jekyll, and the extra keys `id`, `supersedes`, `superseded-by`,
 * `applies-to` / `affectedPaths`), read with the `yaml` package.
 *
 * Front matter is a block fenced by `---` on the first line and a closing `---` (or `...`) line,
 * the convention of Jekyll and of `micromark-extension-frontmatter`.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
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
  const doc = parseDocument(src, { uniqueKeys: true, prettyErrors: false, strict: false });
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
      const norm = normaliseKey(key);
      if (entries.has(norm)) continue; // duplicate keys are reported by the YAML parser; the first wins
      entries.set(norm, entryOf(key, pair.value as YamlNode | null, keyRange, src, toRange));
    }
  }
  return {
    frontMatter: { openLine: 0, closeLine: close, entries, valid: doc.errors.length === 0 },
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
