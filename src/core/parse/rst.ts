/**
 * Decision records in reStructuredText (https://docutils.sourceforge.io/rst.html):
 * - pigweed SEEDs (`seed/0128.rst`, https://pigweed.dev/seed/0001.html): a label, an
 *   over/underlined title that repeats the number, and a `.. seed::` directive with the metadata:
 *
 *   ```
 *   .. _seed-0128:
 *
 *   =================================
 *   0128: Abstracting Thread Creation
 *   =================================
 *   .. seed::
 *      :number: 128
 *      :name: Abstracting Thread Creation
 *      :status: Accepted
 *      :proposal_date: 2024-04-25
 *      :authors: Wyatt Hepler
 *   ```
 * - cometbft / tendermint RFCs (`rfc-000-p2p-roadmap.rst`): a title `RFC 000: P2P Roadmap`,
 *   sections underlined with `-`, a `Status` section when there is one.
 *
 * Only what the model needs is read: title, number, status, date, authors, the section texts
 * by name. An `.rst` file with neither a title nor a `.. seed::` directive is no record.
 */
import type { Decision, DecisionSections, Problem, Range } from '../model';
import { normaliseDate } from './dates';
import { identityFromFileName, splitHeadingId, titleFromWords } from './identity';
import type { MdHeading } from './markdown';
import { splitPeople } from './fields';
import { buildSections, sectionText } from './sections';
import { statusKind } from './status';
import type { PlacesSink } from './parseRecord';
import type { LineIndex } from './text';

/** A section adornment line: one punctuation character repeated (`=====`, `-----`, `~~~~`). */
const ADORNMENT = /^([=\-~^"'`#*+_:.])\1{2,}\s*$/;

/** @returns true for a reStructuredText file name (`.rst`). */
export function isRstPath(path: string): boolean {
  return /\.rst$/i.test(path);
}

interface RstHeading {
  readonly line: number;
  readonly text: string;
  /** Adornment character, plus `o` when over- and underlined: its level is by first appearance. */
  readonly style: string;
  readonly endLine: number;
}

function headingsOf(lines: LineIndex): RstHeading[] {
  const out: RstHeading[] = [];
  const n = lines.lineCount;
  let inLiteral = false;
  for (let i = 0; i < n; i++) {
    const text = lines.lineText(i).replace(/^\uFEFF/, '');
    if (inLiteral) {
      if (text.trim() !== '' && !/^\s/.test(text)) inLiteral = false;
      else continue;
    }
    if (/::\s*$/.test(text) && !/^\.\./.test(text)) inLiteral = true;
    const over = ADORNMENT.exec(text);
    if (over && i + 2 < n) {
      const title = lines.lineText(i + 1);
      const under = ADORNMENT.exec(lines.lineText(i + 2));
      if (under && under[1] === over[1] && title.trim() !== '' && !ADORNMENT.test(title)) {
        out.push({ line: i + 1, text: title.trim(), style: over[1] + 'o', endLine: i + 3 });
        i += 2;
        continue;
      }
    }
    if (text.trim() !== '' && !/^\s/.test(text) && !ADORNMENT.test(text) && i + 1 < n) {
      const under = ADORNMENT.exec(lines.lineText(i + 1));
      if (under && lines.lineText(i + 1).trim().length >= Math.min(3, text.trim().length)) {
        out.push({ line: i, text: text.trim(), style: under[1], endLine: i + 2 });
        i += 1;
      }
    }
  }
  return out;
}

/** The `:key: value` options of the first `.. seed::` directive, with where each value is. */
function seedOptions(lines: LineIndex): Map<string, { value: string; range: Range }> | undefined {
  const n = lines.lineCount;
  for (let i = 0; i < n; i++) {
    if (!/^\.\.\s+seed::\s*$/.test(lines.lineText(i))) continue;
    const out = new Map<string, { value: string; range: Range }>();
    for (let j = i + 1; j < n; j++) {
      const line = lines.lineText(j);
      const m = /^([ \t]+:([A-Za-z_]+):[ \t]*)(.*?)\s*$/.exec(line);
      if (!m) break;
      const start = m[1].length;
      out.set(m[2].toLowerCase(), { value: m[3], range: lines.lineRange(j, start, start + m[3].length) });
    }
    return out;
  }
  return undefined;
}

/**
 * Reads a reStructuredText decision record.
 * @param lines the file's lines.
 * @param path the file's POSIX path (its name gives the number: `0128.rst`, `rfc-000-x.rst`).
 * @returns the decision, or `[]` when the file has neither a title nor a `.. seed::` directive
 *   (pigweed's `0000.rst` index has a title but no directive and is no record either).
 */
export function readRstRecord(lines: LineIndex, path: string, sink?: PlacesSink): Decision[] {
  const problems: Problem[] = [];
  const name = identityFromFileName(path);
  const headings = headingsOf(lines);
  const seed = seedOptions(lines);
  const inSeedFolder = /(?:^|\/)seed\/[^/]*$/i.test(path);
  if (seed === undefined && (headings.length === 0 || inSeedFolder)) return [];

  const titleHeading = headings[0];
  const headingId = titleHeading ? splitHeadingId(titleHeading.text) : { titleStart: 0 };
  let title = '';
  let titleRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const seedName = seed?.get('name');
  if (seedName && seedName.value !== '') {
    title = seedName.value;
    titleRange = seedName.range;
  } else if (titleHeading) {
    title = titleHeading.text.slice(headingId.titleStart).trim();
    const line = lines.lineText(titleHeading.line);
    const at = line.indexOf(title);
    titleRange = lines.lineRange(titleHeading.line, Math.max(0, at), Math.max(0, at) + title.length);
  }
  if (title === '') {
    title = titleFromWords(name.words);
    problems.push({ code: 'missing-title', severity: 'warning', message: 'The record has no title; its file name is used as title.', path, range: titleRange });
  }

  const seedNumber = seed?.get('number');
  const number = name.number ?? (seedNumber && /^\d+$/.test(seedNumber.value) ? Number(seedNumber.value) : headingId.number);
  const numberText = name.number !== undefined ? name.numberText : seedNumber?.value ?? headingId.numberText;

  // Levels by first appearance of each adornment style; the title's style is level 1.
  const styles: string[] = [];
  const md: MdHeading[] = [];
  for (const h of headings) {
    if (!styles.includes(h.style)) styles.push(h.style);
    if (h === titleHeading) continue;
    md.push({ level: Math.min(6, styles.indexOf(h.style) + 1), line: h.line, endLine: h.endLine, raw: h.text, setext: true });
  }
  const sections = buildSections(md, lines.lineCount);

  let statusText = seed?.get('status')?.value ?? '';
  let statusRange = seed?.get('status')?.range;
  if (!seed) {
    // The first non-blank line of a `Status` section.
    const s = sections.find((x) => x.key === 'status');
    for (let l = s ? s.start : lines.lineCount; s && l < s.ownEnd; l++) {
      const text = lines.lineText(l).trim();
      if (text === '') continue;
      statusText = text;
      const at = lines.lineText(l).indexOf(text);
      statusRange = lines.lineRange(l, at, at + text.length);
      break;
    }
  }
  const kind = statusKind(statusText);
  if (statusText && kind === 'unknown') {
    problems.push({
      code: 'status-unrecognised',
      severity: 'info',
      message: `The status "${statusText}" is not one of proposed, accepted, rejected, not implemented, on hold, deprecated, superseded or draft.`,
      path,
      range: statusRange ?? titleRange,
    });
  }
  const dateOption = seed?.get('proposal_date') ?? seed?.get('date');
  const date = dateOption ? (normaliseDate(dateOption.value) ?? dateOption.value) : undefined;

  const out: { -readonly [K in keyof DecisionSections]: DecisionSections[K] } = {};
  sections.forEach((s, i) => {
    if (s.key === 'context' || s.key === 'decision' || s.key === 'consequences') {
      const t = sectionText(lines, sections, i);
      if (t && out[s.key] === undefined) out[s.key] = t;
    }
  });

  const decision: Decision =
    {
      path,
      format: 'unknown',
      identity: number !== undefined ? { number, ...(numberText !== undefined ? { numberText } : {}) } : { slug: name.slug ?? name.stem },
      title,
      status: { kind, text: statusText },
      ...(date !== undefined && date !== '' ? { date } : {}),
      decisionMakers: splitPeople(seed?.get('authors')?.value ?? ''),
      consulted: [],
      informed: [],
      tags: [],
      sections: out,
      relations: [],
      appliesTo: [],
      range: lines.fullRange(),
      titleRange,
      problems,
    };
  // The `:status:` field of the `.. seed::` directive is where a status edit writes; a status
  // read from a `Status` section, and links, are not edited in reStructuredText.
  const statusField = seed?.get('status');
  if (sink && statusField) {
    let last = lines.lineCount - 1;
    while (last > 0 && lines.lineText(last).trim() === '') last--;
    sink(decision, { kind: 'record', bom: 0, status: { source: 'header', range: statusField.range, raw: statusField.value }, lastContentLine: last });
  }
  return [decision];
}
