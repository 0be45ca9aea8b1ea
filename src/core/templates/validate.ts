/**
 * Validation of the New Decision form's fields, shared by the preview (shown inline next to
 * each field) and the create command (which refuses invalid data).
 *
 * Messages are English unless the caller configured `@vscode/l10n` with a translation bundle
 * (the extension does, with `vscode.l10n.bundle`: `src/host/l10n.ts`); the command line prints
 * them in English.
 */
import * as l10n from '@vscode/l10n';
import { splitPeople } from '../parse/fields';
import type { RecordData, TemplateFormat } from './recordData';
import { NEW_RECORD_STATUSES } from './recordData';

/** The form fields a message can be about. */
export type FieldName =
  | 'target'
  | 'format'
  | 'title'
  | 'status'
  | 'date'
  | 'decisionMakers'
  | 'consulted'
  | 'informed'
  | 'context'
  | 'consideredOptions'
  | 'chosenOption'
  | 'decision'
  | 'consequences'
  | 'relation'
  | 'tags'
  | 'appliesTo';

/** A message about one field. `error` blocks creating the record; `warning` does not. */
export interface FieldMessage {
  readonly field: FieldName;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Formats with YAML front matter, which can hold any list. */
const FRONT_MATTER_FORMATS: readonly TemplateFormat[] = ['madr3', 'madr4', 'madr4-minimal'];

/** Longest title accepted, in characters. */
export const MAX_TITLE_LENGTH = 200;

/**
 * Checks a new decision's fields.
 *
 * @param data the fields as the form has them.
 * @param format the format the record will be written in (a decision log entry cannot hold
 *   multi-line text, for example).
 * @param existingTitles titles already in the target (a decision log refers to entries by title,
 *   so a duplicate title there is an error; elsewhere a warning).
 * @returns every problem found, errors and warnings, in form order; empty when all is well.
 */
export function validateRecordData(data: RecordData, format: TemplateFormat, existingTitles: readonly string[] = []): FieldMessage[] {
  const out: FieldMessage[] = [];
  const error = (field: FieldName, message: string): void => void out.push({ field, severity: 'error', message });
  const warning = (field: FieldName, message: string): void => void out.push({ field, severity: 'warning', message });

  const title = data.title.trim();
  if (title === '') error('title', l10n.t('A title is required.'));
  else if (title.length > MAX_TITLE_LENGTH) error('title', l10n.t('The title is longer than {0} characters.', MAX_TITLE_LENGTH));
  else if (/[\r\n]/.test(data.title)) error('title', l10n.t('The title must be a single line.'));
  else if (!/[\p{L}\p{N}]/u.test(title)) error('title', l10n.t('The title needs at least one letter or digit.'));
  else if (existingTitles.some((t) => t.trim().toLowerCase() === title.toLowerCase())) {
    if (format === 'decision-log') error('title', l10n.t('An entry with this title is already in the log; entries are referred to by title.'));
    else warning('title', l10n.t('A decision with this title already exists.'));
  }

  if (!NEW_RECORD_STATUSES.includes(data.status)) error('status', l10n.t('Choose one of: {0}.', NEW_RECORD_STATUSES.join(', ')));

  if (!isIsoDate(data.date)) error('date', l10n.t('Use a date like 2026-05-01 (YYYY-MM-DD).'));

  for (const [field, list] of [['decisionMakers', data.decisionMakers], ['consulted', data.consulted], ['informed', data.informed]] as const) {
    if (list.some((n) => /[\r\n]/.test(n))) error(field, l10n.t('Each name must be on one line.'));
    if (hasDuplicates(list)) warning(field, l10n.t('A name is listed twice.'));
    if (!FRONT_MATTER_FORMATS.includes(format) && list.length > 1 && splitPeople(list.join(', ')).length !== list.length) {
      warning(field, l10n.t('Readers will take these names as one entry; start each name with a capital letter.'));
    }
  }

  const options = data.consideredOptions.map((o) => o.trim());
  if (options.some((o) => o === '')) error('consideredOptions', l10n.t('An option has no title; fill it in or remove it.'));
  if (hasDuplicates(options)) error('consideredOptions', l10n.t('Two options have the same title.'));
  if (format === 'decision-log' && options.some((o) => o.includes(';'))) {
    error('consideredOptions', l10n.t('In a decision log options are separated by ";", so an option cannot contain one.'));
  }
  const chosen = data.chosenOption.trim();
  if (chosen !== '' && options.length > 0 && !options.includes(chosen)) {
    error('chosenOption', l10n.t('The chosen option must be one of the considered options.'));
  }
  if (options.length > 0 && chosen === '' && data.status === 'accepted') {
    warning('chosenOption', l10n.t('An accepted decision usually names the chosen option.'));
  }

  for (const tag of data.tags) {
    if (!/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u.test(tag)) {
      error('tags', l10n.t('"{0}" is not a valid tag: use letters, digits, ".", "_", "/" and "-", without spaces or commas.', tag));
      break;
    }
  }

  for (const glob of data.appliesTo) {
    const problem =
      globProblem(glob) ??
      (!FRONT_MATTER_FORMATS.includes(format) && /[\s,]/.test(glob.trim())
        ? l10n.t('"{0}" contains a comma or a space, which this format cannot write on its one "Applies to" line; use a MADR 3 or 4 record for it.', glob.trim())
        : undefined);
    if (problem) {
      error('appliesTo', problem);
      break;
    }
  }
  return out;
}

/** @returns true for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Checks an `applies-to` glob: relative to the workspace folder, `/` separators, no `..`.
 * @returns why the glob is not usable, or `undefined` when it is fine.
 */
export function globProblem(glob: string): string | undefined {
  const g = glob.trim();
  if (g === '') return l10n.t('An applies-to path is empty.');
  if (/^([A-Za-z]:)?[\\/]/.test(g)) return l10n.t('"{0}" is absolute; use a path relative to the workspace folder.', g);
  if (g.includes('\\')) return l10n.t('"{0}" uses "\\"; use "/" between folders.', g);
  if (g.split('/').includes('..')) return l10n.t('"{0}" leaves the workspace folder ("..").', g);
  if (/\s,|,\s|^,|,$/.test(g)) return l10n.t('"{0}" contains a comma; give one path per entry.', g);
  let depth = 0;
  for (const ch of g) {
    if (ch === '{' || ch === '[') depth++;
    if (ch === '}' || ch === ']') depth--;
    if (depth < 0) break;
  }
  if (depth !== 0) return l10n.t('"{0}" has unbalanced brackets.', g);
  return undefined;
}

/**
 * Splits a comma-separated list as typed in the form (`Ann, Bob ,`) into trimmed non-empty items.
 * @returns the items in order.
 */
export function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function hasDuplicates(list: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const item of list) {
    const key = item.trim().toLowerCase();
    if (key === '') continue;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
