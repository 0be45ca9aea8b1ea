/**
 * The one decision model every format family is read into.
 *
 * Paths in the core are POSIX-style strings with `/` separators (absolute for the CLI, the
 * URI path of a workspace file in the editor). Positions are 0-based lines and 0-based UTF-16
 * columns, the same convention as `vscode.Position`, so adapters convert without arithmetic.
 */

/** A zero-based position: `line` counts lines, `character` counts UTF-16 code units. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range `[start, end)` in a text. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Builds a {@link Range}; `endLine`/`endCharacter` default to the start line and column. */
export function range(line: number, character: number, endLine = line, endCharacter = character): Range {
  return { start: { line, character }, end: { line: endLine, character: endCharacter } };
}

/**
 * The format family a record was read as (see `shared/docs/PRODUCT.md`, "Formats read").
 * - `nygard`: Michael Nygard's template as written by adr-tools (`# N. Title`, `Date:`, `## Status`).
 * - `madr2`: MADR 2.x bullets (`* Status:`, `* Deciders:`, `* Date:`).
 * - `madr3` / `madr4`: MADR 3.x / 4.x YAML front matter (`status`, `date`, `deciders` / `decision-makers`).
 * - `log4brains`: log4brains bullets (`- Status:`, `- Deciders:`, `- Date:`, `- Tags:`), `YYYYMMDD-slug.md`.
 * - `dotnet-adr`: dotnet-adr (`Superseded by ADR 0002 - Title` in `## Status`).
 * - `decision-log`: one file, many entries, each a heading with `Key: value` lines.
 * - `unknown`: a Markdown record in a decision folder that matches none of the above.
 */
export type FormatFamily =
  | 'nygard'
  | 'madr2'
  | 'madr3'
  | 'madr4'
  | 'log4brains'
  | 'dotnet-adr'
  | 'decision-log'
  | 'unknown';

/**
 * Normalised status. `unknown` when a record states none or one we do not recognise.
 * `not-implemented` (`Not-Implemented`, `Not implemented`): decided against building it, or
 * never built; rejected-like, never accepted. `on-hold` (`On Hold`): parked, neither accepted
 * nor rejected.
 */
export type StatusKind =
  | 'proposed'
  | 'accepted'
  | 'rejected'
  | 'deprecated'
  | 'superseded'
  | 'draft'
  | 'not-implemented'
  | 'on-hold'
  | 'unknown';

/** A record's status: the normalised kind and the text as written (`''` when there is none). */
export interface Status {
  readonly kind: StatusKind;
  /** The status as written, in plain text (`Accepted (by consensus), implemented`, `[accepted ]`); shown beside the kind. */
  readonly text: string;
  /**
   * Set when the record states no status and the tool that owns its folder gives it one:
   * `log4brains` reads a record without a status as accepted. `text` is then `''`.
   */
  readonly defaultOf?: 'log4brains';
}

/**
 * Relation kinds. `superseded-by`, `amended-by` and `clarified-by` are the inverses of
 * `supersedes`, `amends` and `clarifies`; `relates-to` covers any other `<verb> [link]` line.
 */
export type RelationKind =
  | 'supersedes'
  | 'superseded-by'
  | 'amends'
  | 'amended-by'
  | 'clarifies'
  | 'clarified-by'
  | 'relates-to';

/**
 * The inverse of each relation kind: what the other record says back (`supersedes` ↔
 * `superseded-by`, ...). `relates-to` is its own inverse.
 */
export const INVERSE_RELATION: Readonly<Record<RelationKind, RelationKind>> = {
  supersedes: 'superseded-by',
  'superseded-by': 'supersedes',
  amends: 'amended-by',
  'amended-by': 'amends',
  clarifies: 'clarified-by',
  'clarified-by': 'clarifies',
  'relates-to': 'relates-to',
};

/**
 * A reference from a record to another decision, as written. At least one of `id`, `path`
 * or `title` is set; the index resolves it to a record.
 */
export interface DecisionRef {
  /** The text of the reference as written, e.g. `[2. Use Markdown](0002-use-markdown.md)`. */
  readonly text: string;
  /** An id as written: `ADR-0123`, `0002`, `2`, `20200101-use-x`. */
  readonly id?: string;
  /** A link target relative to the referring record, without `#anchor`: `0002-use-markdown.md`. */
  readonly path?: string;
  /** A title, for decision logs that refer to entries by heading. */
  readonly title?: string;
}

/** A relation from the record that states it to another decision. */
export interface Relation {
  readonly kind: RelationKind;
  /** The verb as written: `Superceded by`, `Amends`, `Refined by`. */
  readonly verb: string;
  readonly target: DecisionRef;
  /** Where the relation is written in the record's file. */
  readonly range: Range;
}

/** Severity of a problem, the same three levels the CLI prints and the editor shows. */
export type Severity = 'error' | 'warning' | 'info';

/** A problem found while reading a record or checking the index. */
export interface Problem {
  /** Stable machine-readable code, e.g. `yaml-invalid`, `duplicate-id`, `unknown-decision`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** File the problem is in (POSIX path). */
  readonly path: string;
  readonly range: Range;
}

/** The sections of a record's body, as Markdown text without their headings. */
export interface DecisionSections {
  /** Context and problem statement. */
  readonly context?: string;
  /** The decision itself (Nygard "Decision", MADR "Decision Outcome", log `Decision:`). */
  readonly decision?: string;
  /** MADR `Chosen option: "..."`, without the quotes. */
  readonly chosenOption?: string;
  /** Considered options, one entry per option title. */
  readonly consideredOptions?: readonly string[];
  /** Consequences (Nygard, MADR). */
  readonly consequences?: string;
  /** Trade-offs (decision logs). */
  readonly tradeOffs?: string;
  /** MADR 2 `Technical Story:`. */
  readonly technicalStory?: string;
  /**
   * MADR's "Pros and Cons of the Options": one entry per option sub-heading, in document order,
   * with its `Good, because ...` / `Bad, because ...` / `Neutral, because ...` arguments.
   */
  readonly prosAndCons?: readonly OptionArguments[];
}

/**
 * One option of MADR's "Pros and Cons of the Options" section
 * (https://adr.github.io/madr/: `### Option`, an optional description, then
 * `* Good, because ...`, `* Neutral, because ...`, `* Bad, because ...` bullets).
 */
export interface OptionArguments {
  /** The option's heading in plain text (`Option 1:` numbering removed). */
  readonly title: string;
  /** Text under the heading that is not an argument bullet, as Markdown. */
  readonly description?: string;
  /** `Good, because X` arguments: `X` as Markdown. */
  readonly pros: readonly string[];
  /** `Bad, because X` arguments: `X` as Markdown. */
  readonly cons: readonly string[];
  /** `Neutral, because X` arguments (MADR 3+): `X` as Markdown. */
  readonly neutral: readonly string[];
}

/**
 * The identity a record states about itself, before the index assigns the folder's citation
 * prefix. `number` drops zero padding (`0005` → 5); date-named log4brains records
 * (`20201016-use-x.md`) have a `slug` and no number.
 */
export interface RecordIdentity {
  /** The number from the file name, the `# N. Title` heading, front matter `id`, or the entry's ordinal in a log. */
  readonly number?: number;
  /** The number as written, with its padding: `0005`. */
  readonly numberText?: string;
  /** Slug id when there is no number: `20201016-use-markdown`. */
  readonly slug?: string;
  /** Prefix stated by the record itself (front matter `id: MADR-0005`), if any. */
  readonly prefix?: string;
}

/** One decision record: a file in a decision folder, or one entry of a decision log. */
export interface Decision {
  /** POSIX path of the file the record is in. */
  readonly path: string;
  readonly format: FormatFamily;
  readonly identity: RecordIdentity;
  /** The title in plain text (inline Markdown removed), for the tree and the CLI. */
  readonly title: string;
  /** The title as written, with its inline Markdown (`` Use same `logback-test.xml` ``), for hovers. */
  readonly titleMarkdown?: string;
  readonly status: Status;
  /** The date as written, normalised to `YYYY-MM-DD` when it can be. */
  readonly date?: string;
  readonly decisionMakers: readonly string[];
  readonly consulted: readonly string[];
  readonly informed: readonly string[];
  readonly tags: readonly string[];
  readonly sections: DecisionSections;
  readonly relations: readonly Relation[];
  /** Globs (picomatch syntax) of the files this decision governs, relative to the workspace folder. */
  readonly appliesTo: readonly string[];
  /** The lines the record occupies in its file (the whole file, or one log entry). */
  readonly range: Range;
  /** Where the title is written. */
  readonly titleRange: Range;
  /** Problems found while reading (malformed YAML, missing title, ...). */
  readonly problems: readonly Problem[];
}

/** How a citation was written. */
export type CitationForm = 'id' | 'path' | 'annotation' | 'link';

/**
 * A place in a file that refers to a decision: `ADR-0005`, `MADR 009-tracing-policy`,
 * `docs/adr/0008-x.md#anchor`, `@ADR(5)`, `@decision(DL-1)`, `[text](docs/adr/0005-x.md)`.
 */
export interface Citation {
  /** Exact range of the citation text in its file. */
  readonly range: Range;
  /** The citation text as written. */
  readonly text: string;
  readonly form: CitationForm;
  /** Upper-case citation prefix for `id` and `annotation` forms: `ADR`, `MADR`, `DL`. */
  readonly prefix?: string;
  /** The cited number, padding dropped. */
  readonly number?: number;
  /** A cited slug (`009-tracing-policy` → number 9 plus slug `tracing-policy`; date ids as slug). */
  readonly slug?: string;
  /** For `path` and `link` forms: the path as written, without `#anchor`. */
  readonly path?: string;
  readonly anchor?: string;
  /** A section of the cited decision, written after `§`: `ADR-022 §3b` → `3b`. */
  readonly section?: string;
  /**
   * For a URL to a record (a bare URL, `form: 'path'`, or a link target, `form: 'link'`): the URL as
   * written. `path` is then the path inside the repository (`docs/adr/0018-x.md`), which resolves
   * by its end, never relative to the citing file.
   */
  readonly url?: string;
  /** Sentence number within the file (0-based): citations with the same number are in one sentence. */
  readonly sentence?: number;
  /**
   * A citation only when the id exists: short prefixes (`D12`) and public series (`RFC 3986`)
   * look like ids in ordinary text, so an unknown one is no citation (and no unknown-decision problem).
   */
  readonly tentative?: boolean;
}
