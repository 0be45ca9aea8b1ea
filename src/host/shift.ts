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

/** Moves `p` (at or after `change.range.end`) to where the same text is after `change`. */
function movePosition(p: Position, change: TextChange): Position {
  const { start, end } = change.range;
  const lines = change.text.split(/\r\n|\r|\n/);
  const lineDelta = lines.length - 1 - (end.line - start.line);
  if (p.line !== end.line) return { line: p.line + lineDelta, character: p.character };
  const lastLineEnd = (lines.length === 1 ? start.character : 0) + lines[lines.length - 1].length;
  return { line: p.line + lineDelta, character: lastLineEnd + (p.character - end.character) };
}

/**
 * Applies `changes` (in the order they happened; the changes of one change event are applied
 * from the last position to the first, as VS Code reports them) to the ranges of `items`.
 * @returns the items with moved ranges; an item whose range overlaps or touches a changed range
 *   is left out (it must be found again), as is every item when a change is not understood.
 */
export function shiftRanges<T extends { readonly range: Range }>(items: readonly T[], changes: readonly TextChange[]): T[] {
  let current = [...items];
  for (const change of changes) {
    const next: T[] = [];
    for (const item of current) {
      const r = item.range;
      // Entirely before the change: the text before a change does not move.
      if (before(r.end, change.range.start) && !(r.end.line === change.range.start.line && r.end.character === change.range.start.character)) {
        next.push(item);
        continue;
      }
      // Entirely after the change.
      if (before(change.range.end, r.start) && !(change.range.end.line === r.start.line && change.range.end.character === r.start.character && change.text !== '')) {
        next.push({ ...item, range: { start: movePosition(r.start, change), end: movePosition(r.end, change) } });
      }
      // Otherwise the change touches the item: drop it.
    }
    current = next;
  }
  return current;
}
