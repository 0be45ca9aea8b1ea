/**
 * MADR's "Pros and Cons of the Options" (https://adr.github.io/madr/, MADR 2, 3 and 4; log4brains
 * uses the same template):
 *
 * ```
 * ## Pros and Cons of the Options
 *
 * ### Title of option 1
 *
 * Description or pointer to more information.
 *
 * * Good, because argument a
 * * Neutral, because argument b
 * * Bad, because argument c
 * ```
 *
 * Each sub-heading one level below the section is an option; its top-level bullets that start
 * with `Good`, `Neutral` or `Bad` (followed by `, because`, `:` or `,`) are its arguments, the
 * other paragraphs its description.
 */
import type { OptionArguments } from '../model';
import type { MdParagraph } from './markdown';
import type { Section } from './sections';
import { stripComments } from './sections';
import { trimBlock } from './text';

const ARGUMENT = /^(good|bad|neutral)\s*(?:,\s*because\b|:|,|\s+because\b)\s*/i;

/** Placeholders of the templates (`[argument a]`, `{argument a}`, `…`) are no arguments. */
const PLACEHOLDER = /^(?:\[[^\]]*\]|\{[^}]*\}|…|\.\.\.)$/;

/**
 * Reads the options and their arguments from a record's sections.
 * @param sections the record's sections in document order.
 * @param paragraphs the record's paragraphs (absolute lines).
 * @returns one entry per option heading with at least one argument or a description, in
 *   document order; empty when the record has no "Pros and Cons" section. Never throws.
 */
export function readProsAndCons(sections: readonly Section[], paragraphs: readonly MdParagraph[]): OptionArguments[] {
  const out: OptionArguments[] = [];
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (s.key !== 'prosAndCons') continue;
    for (let j = i + 1; j < sections.length && sections[j].heading.line < s.end; j++) {
      const o = sections[j];
      if (o.heading.level !== s.heading.level + 1) continue;
      const option = optionOf(o, paragraphs);
      if (option) out.push(option);
    }
    if (out.length > 0) break;
  }
  return out;
}

function optionOf(o: Section, paragraphs: readonly MdParagraph[]): OptionArguments | undefined {
  const title = o.title.replace(/^option\s*\d+\s*[:.-]\s*/i, '').trim();
  if (title === '' || PLACEHOLDER.test(title)) return undefined;
  const pros: string[] = [];
  const cons: string[] = [];
  const neutral: string[] = [];
  const description: string[] = [];
  // Paragraphs are in document order: a binary search finds the option's first one, so many
  // options cost O(options × log paragraphs + their own paragraphs), never a scan each.
  const inside: MdParagraph[] = [];
  for (let k = firstAtOrAfter(paragraphs, o.start); k < paragraphs.length && paragraphs[k].startLine < o.end; k++) inside.push(paragraphs[k]);
  let base = Number.POSITIVE_INFINITY;
  for (const p of inside) if (p.listDepth > 0 && p.firstInItem) base = Math.min(base, p.listDepth);
  for (const p of inside) {
    const raw = trimBlock(stripComments(p.raw));
    if (raw === '') continue;
    const m = p.listDepth === base && p.firstInItem ? ARGUMENT.exec(raw) : null;
    if (m) {
      const text = raw.slice(m[0].length).replace(/\s*\n\s*/g, ' ').trim();
      if (text === '' || PLACEHOLDER.test(text)) continue;
      const kind = m[1].toLowerCase();
      (kind === 'good' ? pros : kind === 'bad' ? cons : neutral).push(text);
    } else if (p.listDepth === 0 && p.quoteDepth === 0 && !PLACEHOLDER.test(raw)) {
      description.push(raw);
    }
  }
  if (pros.length + cons.length + neutral.length === 0 && description.length === 0) return undefined;
  return { title, ...(description.length > 0 ? { description: description.join('\n\n') } : {}), pros, cons, neutral };
}

/** Index of the first paragraph starting at or after `line` (paragraphs in document order). */
function firstAtOrAfter(paragraphs: readonly MdParagraph[], line: number): number {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid].startLine < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
