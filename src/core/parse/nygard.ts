/**
 * Michael Nygard's template as adr-tools writes it (https://github.com/npryce/adr-tools):
 *
 * ```
 * # 2. Second Record
 *
 * Date: 1992-01-12
 *
 * ## Status
 *
 * Accepted
 *
 * Supercedes [1. First Record](0001-first-record.md)
 * ```
 *
 * The status is the first line of the `## Status` section; relation lines in that section
 * (`Superceded by`, `Amends`, `Clarified by`, any `<verb> [N. Title](file.md)`) are read by the
 * shared relation reader.
 */
import type { MetaValue, RecordContext, RecordParts } from './record';
import { headingTextRange, lineSlice } from './record';

/** True when a record shows Nygard's marks: `# N. Title`, a `## Status` section or a plain `Date:` line. */
export function looksNygard(parts: RecordParts): boolean {
  return (
    (parts.title.id.number !== undefined && parts.title.id.prefix === undefined) ||
    parts.sections.some((s) => s.key === 'status') ||
    parts.header.some((k) => k.field === 'date' && k.paragraph.listDepth === 0)
  );
}

/**
 * The status written as the first line of the `## Status` section.
 * @returns the value with its range, or `undefined` when there is no such section or it is empty.
 */
export function statusSectionValue(ctx: RecordContext, parts: RecordParts): MetaValue | undefined {
  const section = parts.sections.find((s) => s.key === 'status');
  if (!section) return statusHeadingValue(ctx, parts);
  const p = ctx.outline.paragraphs.find((q) => q.startLine >= section.start && q.startLine < section.ownEnd);
  if (!p) return undefined;
  const slice = lineSlice(ctx, p, p.startLine);
  const text = slice.text.trimEnd();
  return {
    raw: text,
    range: { start: { line: p.startLine, character: slice.character }, end: { line: p.startLine, character: slice.character + text.length } },
  };
}

/** A status written in the heading itself: `## Status: Accepted`, `## Status - Draft`. */
function statusHeadingValue(ctx: RecordContext, parts: RecordParts): MetaValue | undefined {
  for (const s of parts.sections) {
    const m = /^(\s*status\s*(?:[:\-–—]\s*|\s+(?=[A-Za-z*_])))(\S.*)$/i.exec(s.heading.raw);
    if (m) return { raw: m[2].trimEnd(), range: headingTextRange(ctx, s.heading, m[1].length) };
  }
  return undefined;
}
