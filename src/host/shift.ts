/**
 * Keeps ranges found in an older version of a document usable after edits, until the document is
 * indexed again: ranges after an edit move with the text, ranges an edit touches are dropped.
 * No `vscode` import: unit tested.
 */
import type { Position, Range } from '../core/model';

/** One text change as `TextDocumentContentChangeEvent` reports it: a range of the old text and its replacement. */
export interface TextChange {
  readonly range: Range;
  readonly text: string;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** A change with what moving positions needs, computed once. */
interface PreparedChange {
  readonly range: Range;
  readonly text: string;
  /** Lines added (negative: removed). */
  readonly lineDelta: number;
  /** Column where the inserted text ends on its last line. */
  readonly lastLineEnd: number;
}

function prepare(change: TextChange): PreparedChange {
  const { start, end } = change.range;
  const lines = change.text.split(/\r\n|\r|\n/);
  const lineDelta = lines.length - 1 - (end.line - start.line);
  const lastLineEnd = (lines.length === 1 ? start.character : 0) + lines[lines.length - 1].length;
  return { range: change.range, text: change.text, lineDelta, lastLineEnd };
}

/** Moves `p` (at or after `change.range.end`) to where the same text is after `change`. */
function movePosition(p: Position, change: PreparedChange): Position {
  const end = change.range.end;
  if (p.line !== end.line) return { line: p.line + change.lineDelta, character: p.character };
  return { line: p.line + change.lineDelta, character: change.lastLineEnd + (p.character - end.character) };
}

/**
 * Applies `changes` (in the order they happened; the changes of one change event are applied
 * from the last position to the first, as VS Code reports them) to the ranges of `items`.
 * @returns the items with moved ranges; an item whose range overlaps or touches a changed range
 *   is left out (it must be found again), as is every item when a change is not understood.
 */
export function shiftRanges<T extends { readonly range: Range }>(items: readonly T[], changes: readonly TextChange[]): T[] {
  if (changes.length === 0) return [...items];
  const prepared = changes.map(prepare);
  const out: T[] = [];
  for (const item of items) {
    let start = item.range.start;
    let end = item.range.end;
    let touched = false;
    for (const change of prepared) {
      const c = change.range;
      // Entirely before the change: the text before a change does not move.
      if (before(end, c.start) && !(end.line === c.start.line && end.character === c.start.character)) continue;
      // Entirely after the change: it moves.
      if (before(c.end, start) && !(c.end.line === start.line && c.end.character === start.character && change.text !== '')) {
        start = movePosition(start, change);
        end = movePosition(end, change);
        continue;
      }
      // Otherwise the change touches the item: drop it.
      touched = true;
      break;
    }
    if (touched) continue;
    out.push(start === item.range.start && end === item.range.end ? item : { ...item, range: { start, end } });
  }
  return out;
}
