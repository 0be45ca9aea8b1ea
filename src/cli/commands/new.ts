/**
 * `decision-lens new --title T [--folder DIR] [--status S] [--format F] [--date YYYY-MM-DD]`:
 * writes a new decision record with the same writers and numbering as the editor's New Decision
 * form (`core/templates/`): the folder's next free number in its naming scheme, its format
 * detected from the records already there. A file is never overwritten: it is created with
 * exclusive create (`wx`) and, when the name is taken meanwhile, the next number is used. A
 * decision log (`--folder DECISIONS.md`) gets the entry appended at its end.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DecisionFolder } from '../../core/config';
import { DEFAULT_FOLDER_PREFIX, DEFAULT_LOG_PREFIX } from '../../core/config';
import type { DecisionIndex } from '../../core/index';
import { parseRecord } from '../../core/parse/parseRecord';
import { isInside, join, normalize } from '../../core/paths';
import { applyEdits } from '../../core/templates/edits';
import type { PlannedRecord, SampleRecord } from '../../core/templates/plan';
import { appendEntryEdit, detectTemplateFormat, planRecord } from '../../core/templates/plan';
import type { TemplateFormat } from '../../core/templates/recordData';
import { NEW_RECORD_STATUSES, TEMPLATE_FORMATS, emptyRecordData } from '../../core/templates/recordData';
import { validateRecordData } from '../../core/templates/validate';
import { sameValue } from '../../core/templates/verify';
import { rel } from '../format';
import { toNative, toPosix } from '../nodeWorkspace';
import type { EditIO, EditOptions } from './shared';
import { EditFailure, insideRoot, readRecordFile, unifiedDiff, writeChanges } from './shared';

/** The options of `new`. */
export interface NewFlags {
  readonly title?: string;
  readonly folder?: string;
  readonly status?: string;
  readonly format?: string;
  /** `YYYY-MM-DD`; default today (local time). */
  readonly date?: string;
  /** File names a folder's records have on the ref new numbers must be free on too (git; see `commands/history.ts`). */
  readonly namesOnRefs?: (folder: string) => readonly string[];
}

/** How often a create moves on to the next number when the name was taken meanwhile. */
const MAX_ATTEMPTS = 20;

/**
 * Runs `new`.
 * @returns exit code 0 (created, or the diff printed with `--dry-run`).
 * @throws {EditFailure} for invalid fields (exit 1), a missing or ambiguous folder, a target
 *   outside the root (exit 2), or no free name.
 */
export function newCommand(index: DecisionIndex, args: readonly string[], flags: NewFlags, options: EditOptions, io: EditIO): number {
  if (args.length > 0) throw new EditFailure(`unexpected argument "${args[0]}"; the title goes in --title`, 2);
  const title = (flags.title ?? '').trim();
  if (title === '') throw new EditFailure('new needs a title: decision-lens new --title "Use webhooks"', 2);
  const status = (flags.status ?? 'proposed').toLowerCase();
  if (!NEW_RECORD_STATUSES.includes(status)) throw new EditFailure(`--status must be one of ${NEW_RECORD_STATUSES.join(', ')}, not "${flags.status}"`, 2);
  if (flags.format !== undefined && !TEMPLATE_FORMATS.includes(flags.format as TemplateFormat)) {
    throw new EditFailure(`--format must be one of ${TEMPLATE_FORMATS.join(', ')}, not "${flags.format}"`, 2);
  }
  const target = targetOf(index, options.root, io.cwd, flags.folder);
  insideRoot(options.root, target.path);
  const date = flags.date ?? today();
  const data = { ...emptyRecordData(date), title, status };
  const records = index.decisions().filter((d) => d.folder.path === target.path || (target.kind === 'log' && d.path === target.path));

  if (target.kind === 'log') {
    if (flags.format !== undefined && flags.format !== 'decision-log') throw new EditFailure('a decision log holds decision log entries; leave out --format or pass decision-log', 2);
    fail(validateRecordData(data, 'decision-log', records.map((d) => d.title)));
    return appendToLog(target, data, options, io);
  }
  const samples: SampleRecord[] = records.map((d) => ({ format: d.format, path: d.path, text: d.format === 'madr4' ? safeText(d.path) : '' }));
  const format = (flags.format as TemplateFormat | undefined) ?? detectTemplateFormat(samples, { kind: 'folder', path: target.path, source: target.source, format: target.format }).format;
  if (format === 'decision-log') throw new EditFailure('decision log entries go into a decision log: pass --folder <log file>', 2);
  fail(validateRecordData(data, format, records.map((d) => d.title)));

  const taken: string[] = [];
  let first: string | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const plan: PlannedRecord = planRecord(data, format, { kind: 'folder', path: target.path, prefix: target.prefix, fileNames: [...fileNamesIn(target.path), ...(flags.namesOnRefs?.(target.path) ?? [])] }, undefined, taken);
    first ??= plan.fileName;
    insideRoot(options.root, plan.path);
    if (options.dryRun) {
      io.stdout(unifiedDiff(options.root, plan.path, undefined, plan.text));
      return 0;
    }
    try {
      writeFileSync(toNative(plan.path), plan.text, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        taken.push(plan.fileName);
        continue;
      }
      throw new EditFailure(`cannot write ${rel(options.root, plan.path)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const note = plan.fileName !== first ? ` (${first} was taken)` : '';
    io.stdout(`Created ${plan.display} ${rel(options.root, plan.path)}${note}\n`);
    return 0;
  }
  throw new EditFailure(`no free file name was found in ${rel(options.root, target.path)} after ${MAX_ATTEMPTS} attempts`);
}

function fail(messages: readonly { severity: string; message: string }[]): void {
  const errors = messages.filter((m) => m.severity === 'error');
  if (errors.length > 0) throw new EditFailure(errors.map((e) => e.message).join('; '));
}

/** Appends an entry to a decision log, checking that the entries already there read back the same. */
function appendToLog(target: DecisionFolder, data: ReturnType<typeof emptyRecordData>, options: EditOptions, io: EditIO): number {
  let exists = true;
  try {
    statSync(toNative(target.path));
  } catch {
    exists = false;
  }
  const before = exists ? readRecordFile(target.path).text : undefined;
  const entries = before === undefined ? [] : parseRecord(before, target.path, { kind: 'log' });
  const plan = planRecord(data, 'decision-log', { kind: 'log', path: target.path, prefix: target.prefix, entryCount: entries.length, logText: before ?? '' });
  const after = before === undefined ? `# Decision log\n\n${plan.text}` : applyEdits(before, [appendEntryEdit(before, plan.text)]);
  const reread = parseRecord(after, target.path, { kind: 'log' });
  if (reread.length !== entries.length + 1 || !sameValue(reread.slice(0, entries.length), entries)) {
    throw new EditFailure(`the entry would change how ${rel(options.root, target.path)} reads; nothing was written`);
  }
  if (before === undefined) {
    if (options.dryRun) {
      io.stdout(unifiedDiff(options.root, target.path, undefined, after));
      return 0;
    }
    writeFileSync(toNative(target.path), after, { encoding: 'utf8', flag: 'wx' });
  } else {
    writeChanges(options, io, [{ path: target.path, before, after }]);
    if (options.dryRun) return 0;
  }
  io.stdout(`Added ${plan.display} to ${rel(options.root, target.path)}\n`);
  return 0;
}

/** The folder or log `--folder` names (relative to the working folder, else the root), or the only decision folder. */
function targetOf(index: DecisionIndex, root: string, cwd: string, folder: string | undefined): DecisionFolder {
  const folders = index.getFolders();
  if (folder === undefined) {
    const candidates = folders.filter((f) => f.kind === 'folder');
    if (candidates.length === 1) return candidates[0];
    if (candidates.length === 0) throw new EditFailure(`no decision folder found in ${root}; name one with --folder DIR`, 2);
    throw new EditFailure(`${root} has ${candidates.length} decision folders; name one with --folder (${candidates.map((f) => rel(root, f.path)).join(', ')})`, 2);
  }
  const fromCwd = normalize(join(toPosix(resolve(cwd)), folder));
  const fromRoot = normalize(join(root, folder));
  for (const path of [fromCwd, fromRoot]) {
    const known = folders.find((f) => f.path === path);
    if (known) return known;
  }
  for (const path of [fromCwd, fromRoot]) {
    if (!isInside(path, root)) continue;
    let isDir: boolean | undefined;
    try {
      isDir = statSync(toNative(path)).isDirectory();
    } catch {
      isDir = undefined;
    }
    if (isDir === true) return { path, prefix: DEFAULT_FOLDER_PREFIX, kind: 'folder', source: 'default' };
    if (/\.(md|markdown)$/i.test(path) && (isDir === false || existsDir(path))) return { path, prefix: DEFAULT_LOG_PREFIX, kind: 'log', source: 'default' };
  }
  if (!isInside(fromCwd, root) && !isInside(fromRoot, root)) throw new EditFailure(`--folder ${folder} is outside --root ${root}; nothing was written`, 2);
  throw new EditFailure(`--folder ${folder}: no such folder (or decision log) in ${root}`, 2);
}

function existsDir(file: string): boolean {
  try {
    return statSync(toNative(file.slice(0, file.lastIndexOf('/')) || '/')).isDirectory();
  } catch {
    return false;
  }
}

function fileNamesIn(folder: string): string[] {
  try {
    return readdirSync(toNative(folder));
  } catch {
    return [];
  }
}

function safeText(path: string): string {
  try {
    return readRecordFile(path).text;
  } catch {
    return '';
  }
}

/** Today's date, local time, `YYYY-MM-DD`. */
function today(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
