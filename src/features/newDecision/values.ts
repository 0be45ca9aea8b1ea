import type { RecordData, TemplateFormat } from '../../core/templates/recordData';
import { splitList } from '../../core/templates/validate';
import type { FormValues } from './protocol';

/**
 * Converts the form's values to a record's fields: comma-separated people and tags become
 * lists, `applies-to` is split on commas and line breaks, empty option rows are kept (so
 * validation can point at them), text is kept as typed.
 */
export function toRecordData(values: FormValues): RecordData {
  return {
    title: values.title.trim(),
    status: values.status,
    date: values.date.trim(),
    decisionMakers: splitList(values.decisionMakers),
    consulted: splitList(values.consulted),
    informed: splitList(values.informed),
    context: values.context,
    consideredOptions: values.options.map((o) => o.trim()),
    chosenOption: values.chosenOption.trim(),
    decision: values.decision,
    consequences: values.consequences,
    tags: splitList(values.tags.replace(/\s+/g, ',')),
    appliesTo: values.appliesTo.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== ''),
  };
}

/** Today's date as `YYYY-MM-DD` in the local time zone. */
export function today(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Empty form values for a target, with today's date and the given `applies-to`. */
export function defaultValues(target: string, format: TemplateFormat, appliesTo: string, date: string = today()): FormValues {
  return {
    target,
    format,
    title: '',
    status: 'proposed',
    date,
    decisionMakers: '',
    consulted: '',
    informed: '',
    context: '',
    options: [],
    chosenOption: '',
    decision: '',
    consequences: '',
    relationKind: '',
    relationTarget: '',
    tags: '',
    appliesTo,
  };
}

/**
 * @returns true when the user typed something worth keeping: any text field other than the
 *   pre-filled target, format, status, date and `applies-to` differs from the defaults.
 */
export function hasInput(values: FormValues, defaults: FormValues): boolean {
  const keys: (keyof FormValues)[] = ['title', 'decisionMakers', 'consulted', 'informed', 'context', 'chosenOption', 'decision', 'consequences', 'relationTarget', 'tags'];
  return keys.some((k) => String(values[k]).trim() !== String(defaults[k]).trim()) || values.options.some((o) => o.trim() !== '');
}
