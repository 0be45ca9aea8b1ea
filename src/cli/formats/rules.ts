/**
 * The checks `decision-lens check` reports, as rules: one per problem code (see
 * `src/core/checks.ts` and the parsers' problems), with a one-line description, a longer one and
 * what to do about it. SARIF's `tool.driver.rules` and the GitHub annotations' titles read this.
 */
import type { Severity } from '../../core/model';

/** One check, described for people reading a code-scanning alert or an annotation. */
export interface CheckRule {
  /** The problem code, e.g. `unknown-decision`. */
  readonly id: string;
  /** The level the check reports at (a parser problem may report a different one). */
  readonly level: Severity;
  /** One line: what was found. */
  readonly short: string;
  /** What the check looks at, in a sentence or two. */
  readonly full: string;
  /** What to do about it. */
  readonly help: string;
}

const RULES: readonly CheckRule[] = [
  {
    id: 'unknown-decision',
    level: 'error',
    short: 'Citation of an unknown decision',
    full: 'A citation (an id such as ADR-0005, an annotation, a path or a Markdown link into a decision folder) names a decision record that does not exist in the repository.',
    help: 'Fix the id or path so it names an existing decision record, or write the record (decision-lens new --title ...). A decision that was deleted on purpose should be superseded instead.',
  },
  {
    id: 'cites-superseded',
    level: 'warning',
    short: 'Citation of a superseded decision',
    full: 'Code or documentation cites a decision whose status is superseded: the reasoning it points to no longer holds.',
    help: 'Cite the successor named in the message (the editor offers a quick fix), or check that the code still follows the superseded decision and record why.',
  },
  {
    id: 'cites-deprecated',
    level: 'warning',
    short: 'Citation of a deprecated decision',
    full: 'Code or documentation cites a decision whose status is deprecated.',
    help: 'Cite the decision that replaced it, or record a new decision for what the code does now.',
  },
  {
    id: 'cites-rejected',
    level: 'warning',
    short: 'Citation of a rejected decision',
    full: 'Code or documentation cites a decision that was rejected, as if it were in force.',
    help: 'Cite the decision that was accepted instead, or remove the citation when the code does not follow the rejected option.',
  },
  {
    id: 'cites-not-implemented',
    level: 'warning',
    short: 'Citation of a decision that was not implemented',
    full: 'Code or documentation cites a decision whose status says it was not implemented.',
    help: 'Cite the decision the code follows, or change the record status when it was implemented after all (decision-lens status <id> accepted).',
  },
  {
    id: 'ambiguous-citation',
    level: 'warning',
    short: 'Citation of an id two records share',
    full: 'Two decision records share the cited id, so the citation may mean either.',
    help: 'Cite one of the records by its path, and renumber one of them so the ids are unique.',
  },
  {
    id: 'link-path',
    level: 'warning',
    short: 'Link to a decision record with a wrong path',
    full: 'A Markdown link names a decision record file, but its folders do not lead to it (the record moved, or the link was written from another folder).',
    help: 'Change the link to the path given in the message.',
  },
  {
    id: 'record-moved',
    level: 'info',
    short: 'Path to a decision record that moved',
    full: 'A path or URL in code names a decision record file in a folder it is no longer in.',
    help: 'Change the path or URL to the record location given in the message.',
  },
  {
    id: 'record-unreadable',
    level: 'warning',
    short: 'Citation of a record that could not be read',
    full: 'A citation names a decision record whose file was skipped (too large, binary, not a regular file or outside the root).',
    help: 'Make the record a readable text file of at most 2 MB inside the repository.',
  },
  {
    id: 'duplicate-id',
    level: 'error',
    short: 'Two decision records share an id',
    full: 'Two records of the same folder or project have the same number or id, so citations of it are ambiguous.',
    help: 'Renumber one of the records (the next free number in the folder) and update the citations of it.',
  },
  {
    id: 'broken-relation',
    level: 'error',
    short: 'Relation to a decision that does not exist',
    full: 'A record says it supersedes, amends, clarifies or relates to a decision that is no record in the repository.',
    help: 'Fix the id or link in the relation so it names an existing record, or remove the relation.',
  },
  {
    id: 'one-way-relation',
    level: 'warning',
    short: 'Relation without its way back',
    full: 'A record says it supersedes (or amends, clarifies) another, but the other record does not say it is superseded (amended, clarified) by it.',
    help: 'Add the inverse link to the other record (decision-lens supersede <old> <new> or decision-lens amend <id> <by> writes both sides).',
  },
  {
    id: 'status-conflict',
    level: 'warning',
    short: 'Proposed decision already superseded',
    full: 'A record is still proposed or draft while another record supersedes it.',
    help: 'Set the status of the superseded record to superseded (decision-lens supersede <old> <new>), or remove the supersede link if it is wrong.',
  },
  {
    id: 'folder-missing',
    level: 'error',
    short: 'Decision folder does not exist',
    full: '.adr-dir, .log4brains.yml or adr.config.json names a decision folder that does not exist.',
    help: 'Create the folder or fix the path in the configuration file.',
  },
  {
    id: 'skipped-file',
    level: 'warning',
    short: 'File not read',
    full: 'A file was not read: over 2 MB, binary, not a regular file, a symbolic link out of the root, or nested too deep.',
    help: 'Nothing to do if the file cites no decision; otherwise make it a regular text file of at most 2 MB inside the repository.',
  },
  {
    id: 'missing-title',
    level: 'warning',
    short: 'Decision record without a title',
    full: 'The record has no title heading; its file name is used as its title.',
    help: 'Add a title heading (# Title, or the format heading such as # 5. Title).',
  },
  {
    id: 'status-unrecognised',
    level: 'warning',
    short: 'Status not recognised',
    full: 'The status of the record is none of proposed, accepted, rejected, not implemented, on hold, deprecated, superseded or draft.',
    help: 'Write one of those statuses (decision-lens status <id> <status> edits it in place).',
  },
  {
    id: 'date-unrecognised',
    level: 'warning',
    short: 'Date not recognised',
    full: 'The date of the record is not a calendar date.',
    help: 'Write the date as YYYY-MM-DD.',
  },
  {
    id: 'number-mismatch',
    level: 'warning',
    short: 'Title number differs from the file name',
    full: 'The title heading states another number than the file name; the file name wins.',
    help: 'Make the number in the title heading the number of the file name.',
  },
  {
    id: 'empty-record',
    level: 'warning',
    short: 'Empty decision record',
    full: 'The decision record file is empty.',
    help: 'Write the record, or delete the file.',
  },
  {
    id: 'binary-file',
    level: 'warning',
    short: 'Binary file in a decision folder',
    full: 'A file in a decision folder contains NUL bytes and is not read as a decision record.',
    help: 'Move the file out of the decision folder, or save it as text.',
  },
  {
    id: 'parser-error',
    level: 'error',
    short: 'Record could not be read',
    full: 'Decision Lens failed to read this record.',
    help: 'Report the message with the record file to the Decision Lens maintainers.',
  },
  {
    id: 'yaml-invalid',
    level: 'warning',
    short: 'Front matter is not valid YAML',
    full: 'The YAML front matter of the record does not parse; its fields are not read.',
    help: 'Fix the YAML at the place given in the message.',
  },
  {
    id: 'front-matter-unclosed',
    level: 'warning',
    short: 'Front matter not closed',
    full: 'The record starts with --- but has no closing --- line, so it is read as Markdown.',
    help: 'Add the closing --- line after the front matter.',
  },
  {
    id: 'front-matter-not-mapping',
    level: 'warning',
    short: 'Front matter is not a mapping',
    full: 'The front matter is YAML, but not a mapping of keys to values; it is ignored.',
    help: 'Write the front matter as key: value lines.',
  },
  {
    id: 'front-matter-value',
    level: 'warning',
    short: 'Front matter value of the wrong kind',
    full: 'A front matter field holds something other than text or a list of texts; it is ignored.',
    help: 'Write the field as text or as a list of texts.',
  },
  {
    id: 'front-matter-too-deep',
    level: 'warning',
    short: 'Front matter nested too deep',
    full: 'The front matter nests collections too deeply to be read.',
    help: 'Flatten the front matter.',
  },
  {
    id: 'front-matter-too-large',
    level: 'warning',
    short: 'Front matter too large',
    full: 'The front matter is too long to be read.',
    help: 'Shorten the front matter; move long text into the body of the record.',
  },
  {
    id: 'applies-to-glob-unsupported',
    level: 'warning',
    short: 'applies-to glob not used',
    full: 'An applies-to glob of the record cannot be matched and is not used.',
    help: 'Rewrite the glob in picomatch syntax without the construct the message names.',
  },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/**
 * Every known rule, in a fixed order (SARIF's `ruleIndex` counts in this order).
 * @returns the rules of the checks and of the parsers.
 */
export function knownRules(): readonly CheckRule[] {
  return RULES;
}

/**
 * The rule of a problem code. A code no rule describes (a parser problem added later) gets a
 * generic rule of its own, so every problem has one.
 * @param code a problem code.
 * @param level the level of the problem, for a generic rule.
 */
export function ruleOf(code: string, level: Severity): CheckRule {
  return (
    BY_ID.get(code) ?? {
      id: code,
      level,
      short: `Decision record problem: ${code}`,
      full: `The decision record parser or checks reported ${code}.`,
      help: 'Read the message; it says what was found and where.',
    }
  );
}
