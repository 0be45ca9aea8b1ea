/**
 * Section headings as the formats name them (Nygard `## Context`, MADR `## Context and Problem
 * Statement`, `## Decision Outcome`, `### Consequences`, log4brains `## Links`, ...) and the
 * Markdown text under them.
 */
import type { MdHeading } from './markdown';
import { inlineText } from './markdown';
import type { LineIndex } from './text';
import { trimBlock } from './text';

/** What a section heading names. `other` sections are neither read nor cut into. */
export type SectionKey =
  | 'context'
  | 'decision'
  | 'consequences'
  | 'consideredOptions'
  | 'tradeOffs'
  | 'status'
  | 'links'
  | 'decisionDrivers'
  | 'prosAndCons'
  | 'confirmation'
  | 'moreInformation'
  | 'technicalStory'
  | 'other';

const NAMES: ReadonlyMap<string, SectionKey> = new Map<string, SectionKey>([
  ['context', 'context'],
  ['context and problem statement', 'context'],
  ['context and problem', 'context'],
  ['problem statement', 'context'],
  ['problem', 'context'],
  ['background', 'context'],
  ['issue', 'context'],
  ['decision', 'decision'],
  ['decision outcome', 'decision'],
  ['outcome', 'decision'],
  ['decided approach', 'decision'],
  ['solution', 'decision'],
  ['resolution', 'decision'],
  ['consequences', 'consequences'],
  ['positive consequences', 'consequences'],
  ['negative consequences', 'consequences'],
  ['implications', 'consequences'],
  ['considered options', 'consideredOptions'],
  ['options considered', 'consideredOptions'],
  ['considered alternatives', 'consideredOptions'],
  ['alternatives considered', 'consideredOptions'],
  ['alternatives', 'consideredOptions'],
  ['options', 'consideredOptions'],
  ['trade-offs', 'tradeOffs'],
  ['tradeoffs', 'tradeOffs'],
  ['trade offs', 'tradeOffs'],
  ['status', 'status'],
  ['links', 'links'],
  ['related', 'links'],
  ['related decisions', 'links'],
  ['related adrs', 'links'],
  ['related records', 'links'],
  ['decision drivers', 'decisionDrivers'],
  ['pros and cons of the options', 'prosAndCons'],
  ['pros and cons', 'prosAndCons'],
  ['confirmation', 'confirmation'],
  ['validation', 'confirmation'],
  ['more information', 'moreInformation'],
  ['notes', 'moreInformation'],
  ['technical story', 'technicalStory'],
]);

/** The key of a section heading's plain text (`Decision Outcome <!-- optional -->` → `decision`). */
export function sectionKey(title: string): SectionKey {
  if (title.length > 120) return 'other';
  const cached = sectionCache.get(title);
  if (cached) return cached;
  const t = title
    .toLowerCase()
    .replace(/\(optional\)/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\))\s+/, '')
    .replace(/[:.]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const key = NAMES.get(t) ?? 'other';
  if (sectionCache.size > 2000) sectionCache.clear();
  sectionCache.set(title, key);
  return key;
}

const sectionCache = new Map<string, SectionKey>();

/** A section: a heading and the lines under it. Lines are absolute, ends exclusive. */
export interface Section {
  readonly key: SectionKey;
  readonly heading: MdHeading;
  /** Plain text of the heading. */
  readonly title: string;
  /** First line after the heading. */
  readonly start: number;
  /** End of the section's own text: the next heading of any level. */
  readonly ownEnd: number;
  /** End including sub-sections: the next heading of the same or a higher level. */
  readonly end: number;
}

/**
 * Builds sections from headings.
 * @param headings headings in document order (the title heading excluded by the caller).
 * @param limit exclusive end line of the region (the file's line count, or a log entry's end).
 */
export function buildSections(headings: readonly MdHeading[], limit: number): Section[] {
  const out: Section[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const title = inlineText(h.raw);
    let end = limit;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level) {
        end = headings[j].line;
        break;
      }
    }
    const ownEnd = i + 1 < headings.length ? Math.min(headings[i + 1].line, end) : end;
    out.push({ key: sectionKey(title), heading: h, title, start: h.endLine, ownEnd, end });
  }
  return out;
}

/**
 * The text of a section: its lines up to the first sub-section that names something else
 * (so `## Decision Outcome` stops before `### Consequences`), HTML comments removed, blank
 * lines at both ends trimmed.
 */
export function sectionText(lines: LineIndex, sections: readonly Section[], index: number): string {
  const s = sections[index];
  let cut = s.end;
  for (let j = index + 1; j < sections.length && sections[j].heading.line < s.end; j++) {
    const k = sections[j].key;
    if (k !== 'other' && k !== s.key) {
      cut = sections[j].heading.line;
      break;
    }
  }
  if (cut <= s.start) return '';
  const raw = lines.text.slice(lines.lineStart(s.start), lines.lineEnd(cut - 1));
  return trimBlock(stripComments(raw));
}

/** Removes HTML comments (`<!-- optional -->`) from Markdown. */
export function stripComments(s: string): string {
  return s.includes('<!--') ? s.replace(/<!--[\s\S]*?(?:-->|$)/g, '') : s;
}
