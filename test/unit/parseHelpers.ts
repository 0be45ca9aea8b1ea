/** Helpers shared by the parser tests. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Decision, Range } from '../../src/core/model';
import { parseRecord } from '../../src/core/parse/parseRecord';
import type { ParseOptions } from '../../src/core/parse/parseRecord';

let lastText: string | undefined;
let lastLines: string[] = [];

/** Lines of a text split the way VS Code splits them (`\r\n`, `\r`, `\n`); the last split is reused. */
export function linesOf(text: string): string[] {
  if (text !== lastText) {
    lastLines = text.split(/\r\n|\r|\n/);
    lastText = text;
  }
  return lastLines;
}

/** The text a range covers (lines joined with `\n`). */
export function textAt(text: string, r: Range): string {
  const lines = linesOf(text);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

/** True when a range lies inside the text: lines exist, columns within their line, start before end. */
export function rangeInside(text: string, r: Range): boolean {
  const lines = linesOf(text);
  const ok = (p: Range['start']): boolean =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

/** Every range a decision carries. */
export function allRanges(d: Decision): Range[] {
  return [d.range, d.titleRange, ...d.relations.map((r) => r.range), ...d.problems.map((p) => p.range)];
}

/** Parses a text that must hold exactly one decision and returns it. */
export function one(text: string, path: string, options?: ParseOptions): Decision {
  const ds = parseRecord(text, path, options);
  assert.equal(ds.length, 1, `expected one decision, got ${ds.length}`);
  return ds[0];
}

/** Joins lines with a line ending. */
export function doc(lines: readonly string[], eol = '\n'): string {
  return lines.join(eol);
}

/** The real corpus (`../shared/corpus` beside the repository). */
export const CORPUS = resolve(__dirname, '../../../shared/corpus');

/** Every decision record of the corpus, Markdown and reStructuredText (README, index and template files left out), read as UTF-8. */
export function corpusRecords(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|rst)$/.test(e.name) && !/^(readme|index|.*template.*)\.(md|rst)$/i.test(e.name)) out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(CORPUS);
  return out;
}
