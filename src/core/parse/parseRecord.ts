import type { Decision, FormatFamily, Problem } from '../model';
import { range } from '../model';

/** How {@link parseRecord} reads a file. */
export interface ParseOptions {
  /**
   * `'log'` reads the file as a single-file decision log (one decision per heading);
   * `'record'` reads it as one decision record. Default: detect from the file name
   * (`DECISIONS.md`, `decisions.md`, `decision-log*.md`) and the content.
   */
  readonly kind?: 'record' | 'log';
}

/**
 * Reads a decision record (or a decision log) into the shared decision model.
 *
 * @param text the file's text as read (a UTF-8 BOM and CRLF line ends are allowed).
 * @param path the file's POSIX path; its name gives the record number or slug.
 * @param options see {@link ParseOptions}.
 * @returns the decisions in the file: one for a record, one per entry for a decision log, and
 *   `[]` for a file that is not a decision. Never throws; unreadable parts become `problems`.
 */
export function parseRecord(text: string, path: string, options: ParseOptions = {}): Decision[] {
  void options;
  const lines = text.split(/\r\n|\r|\n/);
  const problems: Problem[] = [];
  let title = '';
  let titleLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^\uFEFF?#\s+(.*)$/.exec(lines[i]);
    if (m) {
      title = m[1].replace(/^\d+\.\s*/, '').trim();
      titleLine = i;
      break;
    }
  }
  const name = path.slice(path.lastIndexOf('/') + 1);
  const num = /^(\d+)[-_]/.exec(name);
  const format: FormatFamily = 'unknown';
  const last = lines.length - 1;
  return [
    {
      path,
      format,
      identity: num ? { number: Number(num[1]), numberText: num[1] } : { slug: name.replace(/\.md$/i, '') },
      title,
      status: { kind: 'unknown', text: '' },
      decisionMakers: [],
      consulted: [],
      informed: [],
      tags: [],
      sections: {},
      relations: [],
      appliesTo: [],
      range: range(0, 0, last, lines[last].length),
      titleRange: range(titleLine, 0, titleLine, lines[titleLine].length),
      problems,
    },
  ];
}
