/**
 * What the New Decision form collects, independent of the format the record is written in.
 * Shared by the record writers, the validation, the editor's create command and (as types only)
 * the webview.
 */

/**
 * The formats new records can be written in.
 * - `nygard`: Michael Nygard's template as adr-tools writes it (`# N. Title`, `Date:`, `## Status`).
 * - `madr2`: MADR 2.x (`* Status:` `* Deciders:` `* Date:` bullets).
 * - `madr3`: MADR 3.x (YAML front matter with `deciders`).
 * - `madr4`: MADR 4.x full template (front matter with `decision-makers`, pros and cons of the options).
 * - `madr4-minimal`: MADR 4.x minimal template (context, considered options, outcome, consequences).
 * - `log4brains`: log4brains (`- Status:` `- Deciders:` `- Date:` `- Tags:` bullets, `## Links`).
 * - `decision-log`: an entry appended to a single-file decision log (`## Title` + `Key: value` lines).
 */
export type TemplateFormat = 'nygard' | 'madr2' | 'madr3' | 'madr4' | 'madr4-minimal' | 'log4brains' | 'decision-log';

/** Every {@link TemplateFormat}, in the order the form lists them. */
export const TEMPLATE_FORMATS: readonly TemplateFormat[] = ['nygard', 'madr4', 'madr4-minimal', 'madr3', 'madr2', 'log4brains', 'decision-log'];

/** Names of the formats as the form shows them. */
export const TEMPLATE_FORMAT_LABELS: Readonly<Record<TemplateFormat, string>> = {
  nygard: 'Nygard (adr-tools)',
  madr2: 'MADR 2',
  madr3: 'MADR 3',
  madr4: 'MADR 4 (full)',
  'madr4-minimal': 'MADR 4 (minimal)',
  log4brains: 'log4brains',
  'decision-log': 'Decision log entry',
};

/** Statuses a new record can start in (lower case, as MADR and log4brains write them). */
export const NEW_RECORD_STATUSES: readonly string[] = ['proposed', 'accepted', 'draft', 'rejected', 'deprecated'];

/** Statuses the Change Status command offers (besides `superseded`, which the Supersede command sets). */
export const CHANGE_STATUSES: readonly string[] = ['proposed', 'accepted', 'rejected', 'deprecated', 'draft'];

/** The fields of a new decision. Empty strings and empty lists mean "not given". */
export interface RecordData {
  readonly title: string;
  /** One of {@link NEW_RECORD_STATUSES} (lower case); each writer capitalises as its format does. */
  readonly status: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly decisionMakers: readonly string[];
  readonly consulted: readonly string[];
  readonly informed: readonly string[];
  /** Context and problem statement (Markdown). */
  readonly context: string;
  /** Titles of the considered options, in order. */
  readonly consideredOptions: readonly string[];
  /** Title of the chosen option (normally one of {@link consideredOptions}). */
  readonly chosenOption: string;
  /** The decision, or the reason for the chosen option (Markdown). */
  readonly decision: string;
  /** Consequences and trade-offs (Markdown). */
  readonly consequences: string;
  readonly tags: readonly string[];
  /** Globs of the code this decision governs, relative to the workspace folder. */
  readonly appliesTo: readonly string[];
}

/** A record with every field empty, today's date left to the caller. */
export function emptyRecordData(date: string): RecordData {
  return {
    title: '',
    status: 'proposed',
    date,
    decisionMakers: [],
    consulted: [],
    informed: [],
    context: '',
    consideredOptions: [],
    chosenOption: '',
    decision: '',
    consequences: '',
    tags: [],
    appliesTo: [],
  };
}

/** The relation a new record states towards an existing one. */
export type NewRelationKind = 'supersedes' | 'amends';

/** An existing record, as the writers need it to link to it. */
export interface RelatedRecord {
  readonly title: string;
  /** Its number (`0005` → 5), when it has one. */
  readonly number?: number;
  /** Its citation id as shown to people: `ADR-0005`, `DL-3`, `20201016-use-x`. */
  readonly display: string;
  /**
   * A link to it relative to the folder of the file that links to it (`0005-x.md`,
   * `../adr/0005-x.md`); `undefined` when both are in the same decision log file.
   */
  readonly href?: string;
  /** Its file name without `.md` (log4brains links show it). */
  readonly stem: string;
}
