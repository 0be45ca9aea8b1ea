/**
 * Planning a new record: which format a target writes, what the new file is called, its id and
 * its text. Used for the form's live preview and, with the folder re-read, for the create itself.
 */
import * as l10n from '@vscode/l10n';
import type { FormatFamily } from '../model';
import { basename, join, relative } from '../paths';
import type { NamingScheme } from './numbering';
import { DEFAULT_NAMING_SCHEME, detectNamingScheme, planFileName } from './numbering';
import type { NewRelationKind, RecordData, RelatedRecord, TemplateFormat } from './recordData';
import { slugify } from './slug';
import type { TextEdit } from './edits';
import { renderRecord } from './writers';
import { range } from '../model';

/** An existing record in a target, as format detection needs it. */
export interface SampleRecord {
  /** The format family the parser read it as. */
  readonly format: FormatFamily;
  /** Its file path (records are weighed by name order: the newest numbers decide a tie). */
  readonly path: string;
  /** Its text (tells MADR 4 full from minimal). */
  readonly text: string;
}

/** What decides the default format of a target besides its records. */
export interface TargetHints {
  readonly kind: 'folder' | 'log';
  /** Folder or log path. */
  readonly path: string;
  readonly source?: 'adr-dir' | 'log4brains' | 'dotnet-adr' | 'settings' | 'default';
  readonly format?: FormatFamily;
}

/**
 * The format a new record in a target should be written in: the format most of the target's
 * records are in (ties go to the format of the later file), otherwise what the target's
 * configuration implies (`.log4brains.yml` → log4brains, `.adr-dir` → Nygard, a folder named
 * `madr` → MADR 4), otherwise Nygard (adr-tools' default).
 *
 * @param records the records in the target as read now (a decision log's entries for a log).
 * @param hints the target itself.
 * @returns the format and a short reason the form shows ("like 12 of 14 records here").
 */
export function detectTemplateFormat(records: readonly SampleRecord[], hints: TargetHints): { format: TemplateFormat; reason: string } {
  if (hints.kind === 'log') return { format: 'decision-log', reason: l10n.t('the target is a decision log') };
  const counts = new Map<TemplateFormat, { count: number; last: string }>();
  let total = 0;
  for (const record of [...records].sort((a, b) => a.path.localeCompare(b.path))) {
    const format = templateFormatOf(record.format, record.text);
    if (!format) continue;
    total++;
    const entry = counts.get(format) ?? { count: 0, last: '' };
    counts.set(format, { count: entry.count + 1, last: record.path });
  }
  let best: TemplateFormat | undefined;
  let bestEntry = { count: 0, last: '' };
  for (const [format, entry] of counts) {
    if (entry.count > bestEntry.count || (entry.count === bestEntry.count && entry.last > bestEntry.last)) {
      best = format;
      bestEntry = entry;
    }
  }
  if (best) return { format: best, reason: l10n.t('like {0} of {1} records here', bestEntry.count, total) };
  const fromFamily = hints.format ? templateFormatOf(hints.format, '') : undefined;
  if (fromFamily) return { format: fromFamily, reason: l10n.t('the folder\'s configuration') };
  if (hints.source === 'log4brains') return { format: 'log4brains', reason: l10n.t('the folder is a log4brains folder') };
  if (hints.source === 'adr-dir' || hints.source === 'dotnet-adr') return { format: 'nygard', reason: l10n.t('the folder is an adr-tools folder') };
  if (/(^|\/)madr(\/|$)/i.test(hints.path)) return { format: 'madr4', reason: l10n.t('the folder is a MADR folder') };
  return { format: 'nygard', reason: l10n.t('the default (no records here yet)') };
}

/**
 * The writable format for a record read as `family`: dotnet-adr records are continued in
 * Nygard's form, MADR 4 records as the full or minimal template depending on whether the
 * record has the full template's optional sections.
 * @returns `undefined` for `unknown` and `decision-log`.
 */
export function templateFormatOf(family: FormatFamily, text: string): TemplateFormat | undefined {
  switch (family) {
    case 'nygard':
    case 'dotnet-adr':
      return 'nygard';
    case 'madr2':
    case 'madr3':
    case 'log4brains':
      return family;
    case 'madr4':
      if (text === '' || /^#{2,3}\s+(Pros and Cons of the Options|Decision Drivers|More Information|Confirmation)\b/im.test(text)) return 'madr4';
      return 'madr4-minimal';
    default:
      return undefined;
  }
}

/** Where a new record goes and what is there right now. */
export interface PlanTarget {
  readonly kind: 'folder' | 'log';
  /** Absolute POSIX path of the folder, or of the log file. */
  readonly path: string;
  /** Citation prefix of the target: `ADR`, `DL`. */
  readonly prefix: string;
  /** Folder: the names of the files in it now. */
  readonly fileNames?: readonly string[];
  /** Folder: its naming scheme; default detected from `fileNames`. */
  readonly scheme?: NamingScheme;
  /** Log: the number of entries in it now. */
  readonly entryCount?: number;
  /** Log: its text now (for the heading level of entries and the line ending). */
  readonly logText?: string;
}

/** A new record, planned. */
export interface PlannedRecord {
  /** The file the record is written to (a new file, or the log file). */
  readonly path: string;
  /** The new file's name, or the log's name. */
  readonly fileName: string;
  /** Its citation id: `ADR-0012`, `DL-5`, `ADR-20260501-use-webhooks`. */
  readonly display: string;
  readonly number?: number;
  /** The record text (the entry text for a log), with `\n` line ends unless `eol` says otherwise. */
  readonly text: string;
  /** True when the next number (or plain date name) was taken and a later one was used. */
  readonly bumped: boolean;
}

/**
 * Plans a new record in a target.
 *
 * @param data the form's fields (validate them first; this does not).
 * @param format the format to write.
 * @param target the target folder or log, read right before calling.
 * @param relation an existing record the new one supersedes or amends (its `href` relative to the target folder).
 * @param taken file names to skip besides those in the folder (names an exclusive create just failed on).
 * @param eol line ending of the text; for a log the log's own line ending is used.
 * @returns the plan. Never throws for valid data.
 */
export function planRecord(
  data: RecordData,
  format: TemplateFormat,
  target: PlanTarget,
  relation?: { kind: NewRelationKind; target: RelatedRecord },
  taken: readonly string[] = [],
  eol: '\n' | '\r\n' = '\n',
): PlannedRecord {
  if (target.kind === 'log' || format === 'decision-log') {
    const logText = target.logText ?? '';
    const number = (target.entryCount ?? 0) + 1;
    const text = renderRecord(data, {
      format: 'decision-log',
      relation,
      headingLevel: logHeadingLevel(logText),
      eol: logText.includes('\r\n') ? '\r\n' : eol,
    });
    return { path: target.path, fileName: basename(target.path), display: `${target.prefix}-${number}`, number, text, bumped: false };
  }
  const names = target.fileNames ?? [];
  const scheme = target.scheme ?? detectNamingScheme(names, format === 'log4brains' ? { kind: 'date' } : DEFAULT_NAMING_SCHEME);
  const slug = slugify(data.title);
  const name = planFileName(names, scheme, slug, data.date, taken);
  const text = renderRecord(data, { format, number: name.number, relation, eol });
  const display = `${target.prefix}-${name.numberText ?? name.slugId ?? slug}`;
  return { path: join(target.path, name.fileName), fileName: name.fileName, display, number: name.number, text, bumped: name.bumped };
}

/**
 * The heading level of a decision log's entries: the most common level of its headings below
 * the title (`##` when the log has none yet).
 */
export function logHeadingLevel(logText: string): number {
  const counts = new Map<number, number>();
  let fence = false;
  for (const line of logText.split(/\r\n|\r|\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const m = /^(#{2,6})\s+\S/.exec(line);
    if (m) counts.set(m[1].length, (counts.get(m[1].length) ?? 0) + 1);
  }
  let level = 2;
  let best = 0;
  for (const [l, c] of counts) {
    if (c > best || (c === best && l < level)) {
      level = l;
      best = c;
    }
  }
  return level;
}

/**
 * The insertion that appends an entry to a decision log without touching the other entries:
 * at the very end, after one blank line, in the log's line ending, keeping a final line break.
 *
 * @param logText the log as it is now (without a BOM, as an editor document holds it).
 * @param entry the entry text ({@link planRecord}); its line ends are converted to the log's.
 * @returns one insertion at the end of the text.
 */
export function appendEntryEdit(logText: string, entry: string): TextEdit {
  const eol = logText.includes('\r\n') ? '\r\n' : '\n';
  const body = entry.replace(/\r\n|\r|\n/g, eol).replace(/(\r\n|\n)*$/, '') + eol;
  const lines = logText.split(/\r\n|\r|\n/);
  const lastLine = lines.length - 1;
  const end = range(lastLine, lines[lastLine].length);
  if (logText.replace(/^\uFEFF/, '').trim() === '') return { range: end, newText: body };
  let separator: string;
  if (!/(\r\n|\n|\r)$/.test(logText)) separator = eol + eol;
  else if (/(\r\n|\n|\r)[ \t]*(\r\n|\n|\r)$/.test(logText)) separator = '';
  else separator = eol;
  return { range: end, newText: separator + body };
}

/**
 * Describes an existing record for a link from a record in `fromFolder`.
 * @param record the record: its path, title, number, citation id.
 * @param fromFolder the folder of the record that will link to it.
 * @param sameFile true when both are entries of one decision log (they refer to each other by title).
 */
export function relatedRecord(
  record: { path: string; title: string; number?: number; display: string },
  fromFolder: string,
  sameFile = false,
): RelatedRecord {
  const stem = basename(record.path).replace(/\.md$/i, '');
  return {
    title: record.title,
    number: record.number,
    display: record.display,
    href: sameFile ? undefined : relative(fromFolder, record.path),
    stem,
  };
}
