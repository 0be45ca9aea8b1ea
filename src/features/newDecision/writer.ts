import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import type { Decision } from '../../core/model';
import { parseRecord } from '../../core/parse/parseRecord';
import { dirname } from '../../core/paths';
import type { LinkKind, TextEdit } from '../../core/templates/edits';
import { verifiedEdits } from '../../core/templates/verify';
import type { PlanTarget, PlannedRecord } from '../../core/templates/plan';
import { appendEntryEdit, planRecord, relatedRecord } from '../../core/templates/plan';
import type { NewRelationKind, RecordData, RelatedRecord } from '../../core/templates/recordData';
import { TEMPLATE_FORMATS } from '../../core/templates/recordData';
import type { FieldMessage } from '../../core/templates/validate';
import { validateRecordData } from '../../core/templates/validate';
import { gitHistory } from '../../host/git';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel, toRange, uriOf } from '../../host/paths';
import { confirmWriteOutsideWorkspace, isWriteAllowed, untrustedMessage } from '../../host/trust';
import type { FormValues, Preview } from './protocol';
import type { Target } from './targets';
import { findDecision, listTargets, readText } from './targets';
import { toRecordData } from './values';

/** How often a create is retried with the next number when the planned name turns out to be taken. */
const MAX_ATTEMPTS = 20;

/** A create that was refused: the form shows `messages` next to the fields. */
export class CreateError extends Error {
  constructor(
    message: string,
    readonly messages: readonly FieldMessage[] = [],
  ) {
    super(message);
    this.name = 'CreateError';
  }
}

/** What a create did. */
export interface CreateResult {
  readonly uri: vscode.Uri;
  /** Workspace-relative path of the file written. */
  readonly relativePath: string;
  /** The new record's id: `ADR-0012`. */
  readonly display: string;
  readonly number?: number;
  readonly title: string;
  /** Line of the new record's title (the entry's heading, in a decision log). */
  readonly line: number;
  /** Said to the user when the record did not get the first name planned. */
  readonly note?: string;
  /** The record that was superseded or amended, if any. */
  readonly related?: { readonly uri: vscode.Uri; readonly display: string; readonly kind: NewRelationKind };
  /** True when the record has no number (log4brains' date-slug ids): cite it by path. */
  readonly slugId: boolean;
}

/** Runs async work one at a time per key (one target folder or log at a time). */
class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/**
 * Plans and writes new decision records. Every create re-reads the target right before
 * writing, creates the file exclusively (never overwriting; a taken name moves on to the next
 * number), and makes the new record and the superseded or amended one in one `WorkspaceEdit`,
 * so one undo takes both back.
 */
export class DecisionWriter implements vscode.Disposable {
  private readonly lock = new KeyedLock();
  /** The targets, read once per index state (the preview asks on every keystroke). */
  private cachedTargets: Promise<Target[]> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly indexer: WorkspaceIndexer) {
    this.subscription = indexer.onDidChange((change) => {
      if (change.records) this.cachedTargets = undefined;
    });
  }

  /** The folders and logs records can be written to, with their detected formats. */
  targets(): Promise<Target[]> {
    // Before the first index build the folders are unknown (a form restored with the window).
    this.cachedTargets ??= this.indexer.whenReady().then(() => listTargets(this.indexer)).catch((error: unknown) => {
      this.cachedTargets = undefined;
      throw error;
    });
    return this.cachedTargets;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /**
   * The record the form would create now: file name, id, text, field messages and the label of
   * the submit button. Never throws; problems become messages.
   */
  async preview(values: FormValues, seq: number): Promise<Preview> {
    const data = toRecordData(values);
    const targets = await this.targets();
    const target = targets.find((t) => t.option.id === values.target);
    const messages = [...(await this.check(values, data, target))];
    if (!target) {
      return { seq, relativePath: '', fileName: '', display: '', text: '', action: vscode.l10n.t('Choose where to write the record'), messages };
    }
    try {
      const state = await readTarget(target);
      const relation = await this.relationFor(values, target, state);
      if (relation.message) messages.push(relation.message);
      const plan = planRecord(previewData(data), values.format, state, relation.forNew);
      const relativePath = relativeLabel(plan.path);
      const action =
        target.option.kind === 'log'
          ? vscode.l10n.t('Add {0} to {1}', plan.display, relativePath)
          : vscode.l10n.t('Create {0}', relativePath);
      const note = relation.target
        ? vscode.l10n.t('{0} will also be marked as {1} by {2}.', relation.target.display, values.relationKind === 'supersedes' ? vscode.l10n.t('superseded') : vscode.l10n.t('amended'), plan.display)
        : undefined;
      return { seq, relativePath, fileName: plan.fileName, display: plan.display, text: plan.text, action, messages, note };
    } catch (error) {
      messages.push({ field: 'target', severity: 'error', message: describe(error) });
      return { seq, relativePath: '', fileName: '', display: '', text: '', action: vscode.l10n.t('Create'), messages };
    }
  }

  /**
   * Writes a new record from the form's values.
   * @returns what was created; the record is not opened (the caller decides).
   * @throws {CreateError} when the workspace is not trusted, the values are invalid, the target
   *   is outside the workspace folders and the user did not confirm it, the related record
   *   cannot be edited, or no free name was found; nothing is written then.
   */
  async create(values: FormValues): Promise<CreateResult> {
    // Every create (the form, the command, a form restored after a reload) passes here.
    if (!isWriteAllowed()) throw new CreateError(untrustedMessage());
    const data = toRecordData(values);
    const targets = await listTargets(this.indexer);
    const target = targets.find((t) => t.option.id === values.target);
    const messages = await this.check(values, data, target);
    const errors = messages.filter((m) => m.severity === 'error');
    if (errors.length > 0 || !target) {
      throw new CreateError(errors[0]?.message ?? vscode.l10n.t('Choose where to write the record.'), messages);
    }
    // A folder or log named by a config file with `..` or an absolute path: only when confirmed.
    if (!(await confirmWriteOutsideWorkspace(target.option.id))) {
      throw new CreateError(vscode.l10n.t('Not written: {0} is outside the workspace folders.', target.option.id), [
        { field: 'target', severity: 'error', message: vscode.l10n.t('{0} is outside the workspace folders.', target.option.id) },
      ]);
    }
    return this.lock.run(target.option.id, () => this.createLocked(values, data, target));
  }

  private async createLocked(values: FormValues, data: RecordData, target: Target): Promise<CreateResult> {
    const taken: string[] = [];
    let firstChoice: string | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // Read the folder (or log) now, not when the form was opened.
      const state = await readTarget(target);
      const relation = await this.relationFor(values, target, state, taken);
      if (relation.message?.severity === 'error') throw new CreateError(relation.message.message, [relation.message]);
      const plan = planRecord(data, values.format, state, relation.forNew, taken);
      firstChoice ??= planRecord(data, values.format, state, relation.forNew).fileName;
      const newUri = uriOf(plan.path);
      const edit = new vscode.WorkspaceEdit();
      const touched: vscode.Uri[] = [];
      let line: number;
      if (target.option.kind === 'log') {
        const logUri = uriOf(target.option.id);
        if (state.exists) {
          const insert = appendEntryEdit(state.logText ?? '', plan.text);
          edit.insert(logUri, toRange(insert.range).start, insert.newText);
          line = insert.range.start.line + leadingLineBreaks(insert.newText);
          touched.push(logUri);
        } else {
          const text = `# ${vscode.l10n.t('Decision log')}\n\n${plan.text}`;
          edit.createFile(logUri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
          line = 2;
        }
      } else {
        edit.createFile(newUri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(plan.text) });
        line = titleLine(plan.text);
      }
      if (relation.target && relation.edits) {
        const relatedUri = uriOf(relation.target.path);
        for (const e of relation.edits) edit.replace(relatedUri, toRange(e.range), e.newText);
        if (!touched.some((u) => u.toString() === relatedUri.toString())) touched.push(relatedUri);
      }
      const cleanBefore = new Set(
        touched.filter((u) => !vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString())?.isDirty).map((u) => u.toString()),
      );
      const applied = await vscode.workspace.applyEdit(edit);
      if (!applied) {
        if (target.option.kind === 'folder' && (await exists(newUri))) {
          // Someone created a file of that name after we read the folder: take the next number.
          taken.push(plan.fileName);
          continue;
        }
        throw new CreateError(vscode.l10n.t('The record could not be written to {0}.', relativeLabel(plan.path)));
      }
      await saveClean(touched, cleanBefore);
      const note =
        firstChoice !== plan.fileName && target.option.kind === 'folder'
          ? vscode.l10n.t('{0} was taken, so the record was created as {1}.', firstChoice, plan.fileName)
          : undefined;
      return {
        uri: target.option.kind === 'log' ? uriOf(target.option.id) : newUri,
        relativePath: relativeLabel(plan.path),
        display: plan.display,
        number: plan.number,
        title: data.title,
        line,
        note,
        related: relation.target && values.relationKind !== '' ? { uri: uriOf(relation.target.path), display: relation.target.display, kind: values.relationKind } : undefined,
        slugId: plan.number === undefined && target.option.kind === 'folder',
      };
    }
    throw new CreateError(vscode.l10n.t('No free file name was found after {0} attempts.', MAX_ATTEMPTS));
  }

  /** Field messages for values: validation, plus checks of the target and format. */
  private async check(values: FormValues, data: RecordData, target: Target | undefined): Promise<FieldMessage[]> {
    const messages: FieldMessage[] = [];
    if (!target) messages.push({ field: 'target', severity: 'error', message: vscode.l10n.t('Choose a decision folder or decision log.') });
    // A log named by a setting is appended to: only a Markdown file, never a source or dotfile.
    if (target?.option.kind === 'log' && !/\.(?:md|markdown)$/i.test(target.option.id)) {
      messages.push({ field: 'target', severity: 'error', message: vscode.l10n.t('{0} is not a Markdown file; a decision log entry is only added to a Markdown decision log.', relativeLabel(target.option.id)) });
    }
    if (!TEMPLATE_FORMATS.includes(values.format)) messages.push({ field: 'format', severity: 'error', message: vscode.l10n.t('Choose a format.') });
    else if (target?.option.kind === 'log' && values.format !== 'decision-log') {
      messages.push({ field: 'format', severity: 'error', message: vscode.l10n.t('A decision log holds decision log entries; choose that format or a folder.') });
    } else if (target?.option.kind === 'folder' && values.format === 'decision-log') {
      messages.push({ field: 'format', severity: 'error', message: vscode.l10n.t('Decision log entries go into a decision log file; choose a log or another format.') });
    }
    const existingTitles = target ? this.indexer.index.decisions().filter((d) => d.folder.path === target.option.id).map((d) => d.title) : [];
    messages.push(...validateRecordData(data, values.format, existingTitles));
    if (values.relationKind !== '' && values.relationTarget === '') {
      messages.push({ field: 'relation', severity: 'error', message: vscode.l10n.t('Choose the decision this one {0}.', values.relationKind) });
    }
    return messages;
  }

  /**
   * The related record of a supersede/amend: how the new record links to it and the edits that
   * make it link back. Reads the related record's current text.
   */
  private async relationFor(
    values: FormValues,
    target: Target,
    state: PlanTarget,
    taken: readonly string[] = [],
  ): Promise<{ target?: IndexedDecision; forNew?: { kind: NewRelationKind; target: RelatedRecord }; edits?: readonly TextEdit[]; message?: FieldMessage }> {
    if (values.relationKind === '' || values.relationTarget === '') return {};
    const related = findDecision(this.indexer.index, values.relationTarget);
    if (!related) {
      return { message: { field: 'relation', severity: 'error', message: vscode.l10n.t('The decision to {0} is no longer in the workspace.', values.relationKind === 'supersedes' ? 'supersede' : 'amend') } };
    }
    const newFolder = target.option.kind === 'log' ? dirname(target.option.id) : target.option.id;
    const sameFile = target.option.kind === 'log' && related.path === target.option.id;
    const forNew = { kind: values.relationKind, target: relatedRecord(related, newFolder, sameFile) };
    const text = await readText(uriOf(related.path));
    if (text === undefined) {
      return { target: related, forNew, message: { field: 'relation', severity: 'error', message: vscode.l10n.t('{0} cannot be read.', relativeLabel(related.path)) } };
    }
    const current = currentDecision(text, related);
    if (!current) {
      return { target: related, forNew, message: { field: 'relation', severity: 'error', message: vscode.l10n.t('{0} changed; pick the decision again.', related.display) } };
    }
    // The link back to the new record: plan it to know its name and id.
    const plan: PlannedRecord = planRecord(toRecordData(values), values.format, state, forNew, taken);
    const back = relatedRecord({ path: plan.path, title: values.title.trim(), number: plan.number, display: plan.display }, dirname(related.path), sameFile);
    const kind: LinkKind = values.relationKind === 'supersedes' ? 'superseded-by' : 'amended-by';
    // Applied in memory and read back first: the related record only gains the link back.
    const result = verifiedEdits(text, current, { kind: 'link', link: kind, other: back });
    if (!result.ok) return { target: related, forNew, message: { field: 'relation', severity: 'error', message: result.message } };
    return { target: related, forNew, edits: result.edits };
  }
}

/** The target's state right now: the files in a folder, or a decision log's text and entry count. */
export async function readTarget(target: Target): Promise<PlanTarget & { exists: boolean }> {
  const uri = uriOf(target.option.id);
  if (target.option.kind === 'folder') {
    try {
      const entries = await vscode.workspace.fs.readDirectory(uri);
      // Names the folder has on the default ref (git): the new number is free on this branch and there.
      const onRef = (await gitHistory()?.namesOnDefaultRef(target.option.id)) ?? [];
      return { kind: 'folder', path: target.option.id, prefix: target.option.prefix, fileNames: [...entries.map(([name]) => name), ...onRef], exists: true };
    } catch {
      return { kind: 'folder', path: target.option.id, prefix: target.option.prefix, fileNames: [], exists: false };
    }
  }
  const text = await readText(uri);
  const entries = text === undefined ? [] : parseRecord(text, target.option.id, { kind: 'log' });
  return { kind: 'log', path: target.option.id, prefix: target.option.prefix, logText: text ?? '', entryCount: entries.length, exists: text !== undefined };
}

/**
 * The decision in `text` that the index knew as `d`: the only record of a file, or the log
 * entry starting on the same line (or, when entries moved, with the same title).
 */
export function currentDecision(text: string, d: IndexedDecision): Decision | undefined {
  const decisions = parseRecord(text, d.path, d.format === 'decision-log' ? { kind: 'log' } : {});
  if (d.format !== 'decision-log') return decisions[0];
  return decisions.find((x) => x.range.start.line === d.range.start.line && x.title === d.title) ?? decisions.find((x) => x.title === d.title);
}

/** While typing, an empty title still previews a file name. */
function previewData(data: RecordData): RecordData {
  return data.title === '' ? { ...data, title: vscode.l10n.t('Untitled decision') } : data;
}

function titleLine(text: string): number {
  const lines = text.split(/\r\n|\n/);
  const i = lines.findIndex((l) => /^#\s/.test(l));
  return i < 0 ? 0 : i;
}

function leadingLineBreaks(text: string): number {
  return /^(?:\r\n|\n)*/.exec(text)?.[0].replace(/\r\n/g, '\n').length ?? 0;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Saves the documents an edit touched that had no unsaved changes before it. */
async function saveClean(uris: readonly vscode.Uri[], cleanBefore: ReadonlySet<string>): Promise<void> {
  for (const uri of uris) {
    if (!cleanBefore.has(uri.toString())) continue;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) await doc.save();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
