/**
 * Line bookkeeping for the parsers: line starts, line text and offset/position conversion in
 * the text exactly as it was passed in (a UTF-8 BOM counts as one UTF-16 unit on line 0;
 * `\r\n`, `\r` and `\n` each end a line, the same rule as VS Code and markdown-it).
 */
import type { Position, Range } from '../model';

/** Lines of one text, with conversions between offsets and {@link Position}s. */
export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];
  /** Offset just past the last character of each line's content (before its line break). */
  private readonly ends: number[];

  constructor(readonly text: string) {
    const starts = [0];
    const ends: number[] = [];
    const n = text.length;
    if (!text.includes('\r')) {
      // LF only (most files): the native search, also fast before V8 has compiled this.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        ends.push(i);
        starts.push(i + 1);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) {
          ends.push(i);
          starts.push(i + 1);
        } else if (c === 13 /* \r */) {
          ends.push(i);
          if (i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    ends.push(n);
    this.starts = starts;
    this.ends = ends;
  }

  /** Number of lines (an empty text has one empty line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the start of `line` (clamped to the text). */
  lineStart(line: number): number {
    return this.starts[clamp(line, 0, this.starts.length - 1)];
  }

  /** Offset of the end of `line`'s content, before its line break (clamped to the text). */
  lineEnd(line: number): number {
    return this.ends[clamp(line, 0, this.ends.length - 1)];
  }

  /** The text of `line` without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Length of `line` in UTF-16 units, without its line break. */
  lineLength(line: number): number {
    return this.lineEnd(line) - this.lineStart(line);
  }

  /** The position of `offset` (clamped to the text; an offset inside a `\r\n` maps to the line end). */
  positionAt(offset: number): Position {
    const o = clamp(offset, 0, this.text.length);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.ends[lo]) - this.starts[lo] };
  }

  /** The offset of `position` (clamped to its line). */
  offsetAt(position: Position): number {
    const line = clamp(position.line, 0, this.starts.length - 1);
    return Math.min(this.starts[line] + Math.max(0, position.character), this.ends[line]);
  }

  /** Range from `start` to `end` offsets. */
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Range covering `line` from column `startCharacter` to `endCharacter` (default: the line end). */
  lineRange(line: number, startCharacter = 0, endCharacter?: number): Range {
    const l = clamp(line, 0, this.starts.length - 1);
    const len = this.lineLength(l);
    const s = clamp(startCharacter, 0, len);
    const e = clamp(endCharacter ?? len, s, len);
    return { start: { line: l, character: s }, end: { line: l, character: e } };
  }

  /** Range from the start of `startLine` to the end of `endLine`'s content (inclusive lines). */
  linesRange(startLine: number, endLine: number): Range {
    const s = clamp(startLine, 0, this.starts.length - 1);
    const e = clamp(endLine, s, this.starts.length - 1);
    return { start: { line: s, character: 0 }, end: { line: e, character: this.lineLength(e) } };
  }

  /** Range of the whole text. */
  fullRange(): Range {
    const last = this.starts.length - 1;
    return { start: { line: 0, character: 0 }, end: { line: last, character: this.lineLength(last) } };
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return n < lo ? lo : n > hi ? hi : n;
}

/** The UTF-8 byte order mark as it appears in decoded text. */
export const BOM = '\uFEFF';

/**
 * True when a text looks binary: a NUL character in its first 8,000 characters (the heuristic
 * git uses). Such files are reported, not read.
 */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\0');
}

/**
 * Removes blank lines at both ends of a block of Markdown and trailing whitespace of the
 * whole, keeping the inner text as written (line breaks normalised to `\n`).
 */
export function trimBlock(s: string): string {
  const t = s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
  let start = 0;
  for (;;) {
    const nl = t.indexOf('\n', start);
    if (nl < 0 || !/^[ \t]*$/.test(t.slice(start, nl))) break;
    start = nl + 1;
  }
  return t.slice(start).trimEnd();
}
