/**
 * Record writers: the fields of a new decision → the text of a record in a format family.
 *
 * Each writer follows the template of the tool that defines the format:
 * - Nygard: adr-tools' `template.md` (npryce/adr-tools `src/template.md`) and its link lines.
 * - MADR 2: adr/madr 2.1.2 `template/template.md` (`* Status:` bullets, `## Links`).
 * - MADR 3 / 4: adr/madr 3.0.0 / 4.0.0 `template/adr-template.md` and `adr-template-minimal.md`
 *   (YAML front matter: `status`, `date`, `deciders` (3) / `decision-makers` (4), `consulted`, `informed`).
 * - log4brains: thomvaill/log4brains `docs/adr/template.md` (`- Status:` bullets, `## Links`).
 * - decision log: one `## Title` heading per entry followed by `Key: value` lines
 *   (`Date`, `Decision`, `Context`, `Alternatives considered`, `Trade-offs`, `Decision maker`, `Status`).
 *
 * Fields a format has no place for (decision makers in a Nygard record, `applies-to` outside
 * MADR 3 / 4 front matter) are written as `Key: value` header lines next to the format's own
 * (`Date:` in Nygard, the status bullets in MADR 2 and log4brains), which readers of this
 * project understand and adr-tools leaves alone, so nothing the user typed is lost.
 */
import { Document } from 'yaml';
import { splitPeople } from '../parse/fields';
import type { NewRelationKind, RecordData, RelatedRecord, TemplateFormat } from './recordData';

/** Where and how a new record is written, besides its fields. */
export interface RenderOptions {
  readonly format: TemplateFormat;
  /** The record's number (number-named folders); Nygard writes it into the title (`# 12. Title`). */
  readonly number?: number;
  /** A relation the new record states towards an existing record. */
  readonly relation?: { readonly kind: NewRelationKind; readonly target: RelatedRecord };
  /** Line ending of the result; default `\n`. */
  readonly eol?: '\n' | '\r\n';
  /** Heading level of a decision log entry (`##` by default, as the log's other entries). */
  readonly headingLevel?: number;
}

/**
 * Writes a new record (or, for `decision-log`, one entry of a log) in the given format.
 *
 * @param data the form's fields; empty fields are left out where the format allows it.
 * @param options the format, the record number, a supersede/amend relation and the line ending.
 * @returns the text, ending with one line ending. Never throws.
 */
export function renderRecord(data: RecordData, options: RenderOptions): string {
  const lines = (() => {
    switch (options.format) {
      case 'nygard':
        return nygard(data, options);
      case 'madr2':
        return bulletHeader(data, options, '*', 'madr2');
      case 'log4brains':
        return bulletHeader(data, options, '-', 'log4brains');
      case 'madr3':
      case 'madr4':
      case 'madr4-minimal':
        return madr(data, options);
      case 'decision-log':
        return logEntry(data, options);
    }
  })();
  return finish(lines, options.eol ?? '\n');
}

/** The verbs relation lines use, by relation kind, in the new record and in the related one. */
export const RELATION_VERBS: Readonly<Record<'supersedes' | 'superseded-by' | 'amends' | 'amended-by', string>> = {
  supersedes: 'Supersedes',
  'superseded-by': 'Superseded by',
  amends: 'Amends',
  'amended-by': 'Amended by',
};

/** `Accepted` for `accepted`: Nygard records and decision logs capitalise the status. */
export function capitalize(text: string): string {
  return text === '' ? text : text[0].toUpperCase() + text.slice(1);
}

/**
 * The label of a link to a record in the related record's style: `5. Help comments` for a
 * numbered record (adr-tools), the file stem for log4brains, the citation id for MADR.
 */
export function linkLabel(target: RelatedRecord, style: 'nygard' | 'stem' | 'id'): string {
  if (style === 'nygard') return target.number !== undefined ? `${target.number}. ${target.title}` : target.title;
  if (style === 'stem') return target.stem;
  return target.display;
}

/** A Markdown link `[label](href)`; brackets in the label are escaped and spaces in the href encoded. */
export function markdownLink(label: string, href: string): string {
  return `[${label.replace(/([[\]\\])/g, '\\$1')}](${href.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

// ---------------------------------------------------------------------------------------------

function nygard(data: RecordData, options: RenderOptions): string[] {
  const title = options.number !== undefined ? `${options.number}. ${oneLine(data.title)}` : oneLine(data.title);
  const out = [`# ${title}`, GAP, `Date: ${data.date}`, ...headerLines(data, '', ['decisionMakers', 'consulted', 'informed', 'tags', 'appliesTo']), GAP, '## Status', GAP, capitalize(data.status)];
  if (options.relation) {
    const { kind, target } = options.relation;
    const label = linkLabel(target, 'nygard');
    out.push(GAP, `${RELATION_VERBS[kind]} ${target.href !== undefined ? markdownLink(label, target.href) : label}`);
  }
  out.push(GAP, '## Context', GAP, ...block(data.context));
  if (data.consideredOptions.length > 0) out.push(GAP, '## Considered Options', GAP, ...data.consideredOptions.map((o) => `* ${oneLine(o)}`));
  out.push(GAP, '## Decision', GAP, ...block(outcome(data)));
  out.push(GAP, '## Consequences', GAP, ...block(data.consequences));
  return out;
}

function bulletHeader(data: RecordData, options: RenderOptions, marker: '*' | '-', family: 'madr2' | 'log4brains'): string[] {
  const out = [`# ${oneLine(data.title)}`, GAP, `${marker} Status: ${data.status}`];
  if (data.decisionMakers.length > 0) out.push(`${marker} Deciders: ${data.decisionMakers.map(oneLine).join(', ')}`);
  out.push(`${marker} Date: ${data.date}`);
  if (family === 'log4brains' && data.tags.length > 0) out.push(`${marker} Tags: ${data.tags.join(', ')}`);
  out.push(...headerLines(data, `${marker} `, family === 'madr2' ? ['consulted', 'informed', 'tags', 'appliesTo'] : ['consulted', 'informed', 'appliesTo']));
  out.push(GAP, '## Context and Problem Statement', GAP, ...block(data.context));
  if (data.consideredOptions.length > 0) out.push(GAP, '## Considered Options', GAP, ...data.consideredOptions.map((o) => `${marker} ${oneLine(o)}`));
  out.push(GAP, '## Decision Outcome', GAP, ...block(outcome(data)));
  if (data.consequences.trim() !== '') out.push(GAP, '### Consequences', GAP, ...block(data.consequences));
  if (options.relation) {
    const { kind, target } = options.relation;
    const label = linkLabel(target, family === 'log4brains' ? 'stem' : 'id');
    out.push(GAP, '## Links', GAP, `${marker} ${RELATION_VERBS[kind]} ${target.href !== undefined ? markdownLink(label, target.href) : label}`);
  }
  return out;
}

function madr(data: RecordData, options: RenderOptions): string[] {
  const fm: Array<[string, unknown]> = [['status', data.status], ['date', data.date]];
  const makersKey = options.format === 'madr3' ? 'deciders' : 'decision-makers';
  if (data.decisionMakers.length > 0) fm.push([makersKey, names(data.decisionMakers)]);
  if (data.consulted.length > 0) fm.push(['consulted', names(data.consulted)]);
  if (data.informed.length > 0) fm.push(['informed', names(data.informed)]);
  if (data.tags.length > 0) fm.push(['tags', [...data.tags]]);
  if (data.appliesTo.length > 0) fm.push(['applies-to', [...data.appliesTo]]);
  if (options.relation) fm.push([options.relation.kind, options.relation.target.display]);
  const out = [...frontMatter(fm), `# ${oneLine(data.title)}`, GAP, '## Context and Problem Statement', GAP, ...block(data.context)];
  if (data.consideredOptions.length > 0) out.push(GAP, '## Considered Options', GAP, ...data.consideredOptions.map((o) => `* ${oneLine(o)}`));
  out.push(GAP, '## Decision Outcome', GAP, ...block(outcome(data)));
  if (data.consequences.trim() !== '') out.push(GAP, '### Consequences', GAP, ...block(data.consequences));
  if (options.format !== 'madr4-minimal' && data.consideredOptions.length > 0) {
    out.push(GAP, '## Pros and Cons of the Options');
    for (const option of data.consideredOptions) out.push(GAP, `### ${oneLine(option)}`);
  }
  return out;
}

function logEntry(data: RecordData, options: RenderOptions): string[] {
  const level = Math.min(6, Math.max(1, options.headingLevel ?? 2));
  const out = [`${'#'.repeat(level)} ${oneLine(data.title)}`, GAP, `Date: ${data.date}`];
  const decision = logDecision(data);
  if (decision !== '') out.push(`Decision: ${decision}`);
  if (data.context.trim() !== '') out.push(`Context: ${oneLine(data.context)}`);
  const alternatives = data.consideredOptions.filter((o) => o.trim() !== data.chosenOption.trim());
  if (alternatives.length > 0) out.push(`Alternatives considered: ${alternatives.map(oneLine).join('; ')}`);
  if (data.consequences.trim() !== '') out.push(`Trade-offs: ${oneLine(data.consequences)}`);
  if (data.decisionMakers.length > 0) out.push(`${data.decisionMakers.length === 1 ? 'Decision maker' : 'Decision makers'}: ${data.decisionMakers.map(oneLine).join(', ')}`);
  if (data.consulted.length > 0) out.push(`Consulted: ${data.consulted.map(oneLine).join(', ')}`);
  if (data.informed.length > 0) out.push(`Informed: ${data.informed.map(oneLine).join(', ')}`);
  if (data.tags.length > 0) out.push(`Tags: ${data.tags.join(', ')}`);
  if (data.appliesTo.length > 0) out.push(`Applies to: ${data.appliesTo.join(', ')}`);
  out.push(`Status: ${capitalize(data.status)}`);
  if (options.relation) {
    const { kind, target } = options.relation;
    out.push(`${RELATION_VERBS[kind]}: ${logReference(target)}`);
  }
  return out;
}

/**
 * How a decision log refers to another decision: by its heading title when it is an entry of the
 * same log (`href` undefined), otherwise by a link.
 */
export function logReference(target: RelatedRecord): string {
  return target.href === undefined ? oneLine(target.title) : markdownLink(`${target.display} ${oneLine(target.title)}`, target.href);
}

// ---------------------------------------------------------------------------------------------

type HeaderKey = 'decisionMakers' | 'consulted' | 'informed' | 'tags' | 'appliesTo';

/** Names of the `Key: value` header lines, as adr-tools-style and bullet headers write them. */
const HEADER_KEYS: Readonly<Record<HeaderKey, string>> = {
  decisionMakers: 'Decision makers',
  consulted: 'Consulted',
  informed: 'Informed',
  tags: 'Tags',
  appliesTo: 'Applies to',
};

/**
 * `Key: value` header lines (with a bullet `marker` for MADR 2 and log4brains) for the fields
 * the format has no own place for; fields without values are left out.
 */
function headerLines(data: RecordData, marker: string, keys: readonly HeaderKey[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const list = data[key];
    if (list.length === 0) continue;
    out.push(`${marker}${HEADER_KEYS[key]}: ${list.map(oneLine).join(', ')}`);
  }
  return out;
}

/**
 * People as MADR writes them: one comma-separated string when it reads back as the same names,
 * otherwise a YAML list (a name with a comma, or names a reader would not split).
 */
function names(list: readonly string[]): string | string[] {
  const clean = list.map(oneLine);
  const joined = clean.join(', ');
  const back = splitPeople(joined);
  return back.length === clean.length && back.every((n, i) => n === clean[i]) ? joined : clean;
}

/** YAML front matter lines for the given keys, or nothing when there are none. */
function frontMatter(entries: ReadonlyArray<readonly [string, unknown]>): string[] {
  if (entries.length === 0) return [];
  const doc = new Document(Object.fromEntries(entries));
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  return ['---', ...yaml.split('\n'), '---', GAP];
}

/**
 * The decision paragraph: MADR's `Chosen option: "X", because <reason>` when an option was
 * chosen (double quotes inside the option become single quotes, as MADR's own records do),
 * otherwise the decision text alone.
 */
function outcome(data: RecordData): string {
  const chosen = oneLine(data.chosenOption).replace(/"/g, "'");
  const reason = data.decision.trim();
  if (chosen === '') return reason;
  if (reason === '') return `Chosen option: "${chosen}".`;
  return `Chosen option: "${chosen}", because ${reason}`;
}

function logDecision(data: RecordData): string {
  const chosen = oneLine(data.chosenOption);
  const reason = oneLine(data.decision);
  if (chosen === '') return reason;
  if (reason === '') return chosen;
  return `${chosen}, because ${reason}`;
}

/** Collapses all whitespace (including line breaks) to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A Markdown block: its lines with trailing spaces and surrounding blank lines removed. */
function block(text: string): string[] {
  const trimmed = text.replace(/\r\n?/g, '\n').replace(/^\s*\n/, '').trimEnd();
  if (trimmed === '') return [];
  return trimmed.split('\n').map((l) => l.trimEnd());
}

/** A blank line between parts of a record, dropped where a blank line already is. */
const GAP = '\u0000';

function finish(lines: readonly string[], eol: string): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line === GAP) {
      // A section with no body leaves one blank line, not two; blank lines the user typed stay.
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join(eol) + eol;
}
