/**
 * What the editing verbs of the command line share (`status`, `supersede`, `amend`, `new`):
 * finding a decision by id or path, reading a record's bytes, verifying an edit, printing a
 * unified diff for `--dry-run`, and writing only inside `--root`.
 */
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { DecisionIndex, IndexedDecision } from '../../core/index';
import { dirname, isInside, join, normalize } from '../../core/paths';
import type { TextEdit } from '../../core/templates/edits';
import { relatedRecord } from '../../core/templates/plan';
import type { RelatedRecord } from '../../core/templates/recordData';
import type { EditRequest } from '../../core/templates/verify';
import { verifiedEdits } from '../../core/templates/verify';
import { rel } from '../format';
import { toNative, toPosix } from '../nodeWorkspace';

/** Streams of one run (the same shape as `main.ts`'s `CliIO`). */
export interface EditIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

/** Options every editing verb takes. */
export interface EditOptions {
  /** Absolute POSIX path of the root (real path, symbolic links resolved). */
  readonly root: string;
  readonly dryRun: boolean;
}

/** A refusal or a bad argument: printed as `decision-lens: <message>`, exit code `code`. */
export class EditFailure extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'EditFailure';
  }
}

/**
 * The one decision an argument names: an id as cited (`ADR-0014`, `ADR 14`, `DL-3`) or a path
 * (relative to the working folder or the root).
 * @throws {EditFailure} (exit 1) when it names none, (exit 2) when it names several.
 */
export function findOne(index: DecisionIndex, root: string, cwd: string, what: string): IndexedDecision {
  let found: IndexedDecision[] = index.get(what);
  if (found.length === 0 && /[/\\]|\.(md|markdown)$/i.test(what)) {
    const path = normalize(what.startsWith('/') ? what : join(toPosix(resolve(cwd)), what));
    found = index.recordsIn(path);
    if (found.length === 0) found = index.recordsIn(join(root, what));
  }
  if (found.length === 0) throw new EditFailure(`no decision "${what}" in ${root}`);
  if (found.length > 1) {
    throw new EditFailure(`"${what}" names ${found.length} decisions (${found.map((d) => rel(root, d.path)).join(', ')}); give its path instead`, 2);
  }
  return found[0];
}

/** A file's text as it is on disk: its bytes decoded as UTF-8, a BOM kept as `\uFEFF`. */
export interface FileText {
  readonly path: string;
  readonly text: string;
}

/**
 * Reads a record's text for editing.
 * @throws {EditFailure} when it cannot be read, or its bytes are not UTF-8 (writing it back would change them).
 */
export function readRecordFile(path: string): FileText {
  let bytes: Buffer;
  try {
    bytes = readFileSync(toNative(path));
  } catch (error) {
    throw new EditFailure(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) throw new EditFailure(`${path} is not UTF-8 text; it is not edited`);
  return { path, text };
}

/**
 * Verifies an edit of one decision in a text.
 * @returns the new text and edits.
 * @throws {EditFailure} with the refusal's message.
 */
export function editText(text: string, d: IndexedDecision, request: EditRequest): { text: string; edits: readonly TextEdit[] } {
  const result = verifiedEdits(text, d, request);
  if (!result.ok) throw new EditFailure(result.message);
  return { text: result.text, edits: result.edits };
}

/** How `from` links to decision `to`: relative path, title, number, citation id. */
export function linkTarget(to: IndexedDecision, from: IndexedDecision): RelatedRecord {
  const sameFile = to.path === from.path;
  return relatedRecord({ path: to.path, title: to.title, number: to.identity.number, display: to.display }, dirname(from.path), sameFile);
}

/**
 * Refuses a path outside the root (also through a symbolic link of the folder it is in).
 * @throws {EditFailure} (exit 2).
 */
export function insideRoot(root: string, path: string): void {
  let real = normalize(path);
  try {
    real = toPosix(realpathSync(toNative(path)));
  } catch {
    try {
      real = join(toPosix(realpathSync(toNative(dirname(path)))), path.slice(path.lastIndexOf('/') + 1));
    } catch {
      // A folder that does not exist yet: the normalised path decides.
    }
  }
  if (!isInside(real, root)) throw new EditFailure(`${path} is outside --root ${root}; nothing was written`, 2);
}

/** A unified diff of one file (`/dev/null` as the old side of a new file). Lone CR line ends are shown as line breaks. */
export function unifiedDiff(root: string, path: string, before: string | undefined, after: string): string {
  const show = (t: string): string => t.replace(/\r(?!\n)/g, '\n');
  const name = rel(root, path);
  return createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${name}`, `b/${name}`, show(before ?? ''), show(after), '', '', { context: 3 })
    .replace(/^=+\n/, '');
}

/** A file change an editing verb makes. */
export interface FileChange {
  readonly path: string;
  /** The text it has now (`undefined`: a new file). */
  readonly before?: string;
  readonly after: string;
}

/**
 * Prints the diffs (`--dry-run`) or writes the changed files: each one checked to be inside the
 * root and unchanged on disk since it was read.
 * @throws {EditFailure} when a file is outside the root or changed meanwhile (nothing is written then).
 */
export function writeChanges(options: EditOptions, io: EditIO, changes: readonly FileChange[]): void {
  for (const c of changes) insideRoot(options.root, c.path);
  if (options.dryRun) {
    for (const c of changes) if (c.before !== c.after) io.stdout(unifiedDiff(options.root, c.path, c.before, c.after));
    return;
  }
  for (const c of changes) {
    if (c.before === undefined) continue;
    if (readRecordFile(c.path).text !== c.before) throw new EditFailure(`${rel(options.root, c.path)} changed while it was being edited; nothing was written`);
  }
  for (const c of changes) {
    if (c.before !== undefined && c.before !== c.after) writeFileSync(toNative(c.path), c.after, 'utf8');
  }
}
