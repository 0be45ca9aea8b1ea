/**
 * What `supersede` and `amend` share: one decision links to another and the other links back,
 * each in its own format, both verified before either file is written.
 */
import type { DecisionIndex, IndexedDecision } from '../../core/index';
import type { LinkKind } from '../../core/templates/edits';
import { rel } from '../format';
import type { EditIO, EditOptions, FileChange } from './shared';
import { EditFailure, editText, findOne, linkTarget, readRecordFile, writeChanges } from './shared';

/**
 * Links `older` to `newer` with `kind` (`superseded-by` / `amended-by`) and `newer` back to
 * `older` with the inverse (`supersedes` / `amends`).
 * @returns exit code 0; prints what changed (or the diff with `--dry-run`).
 * @throws {EditFailure} when either record refuses the edit (neither file is written then).
 */
export function linkBoth(
  index: DecisionIndex,
  args: readonly string[],
  options: EditOptions,
  io: EditIO,
  verb: 'supersede' | 'amend',
  kind: Extract<LinkKind, 'superseded-by' | 'amended-by'>,
): number {
  if (args.length !== 2) throw new EditFailure(`${verb} takes two decisions: decision-lens ${verb} <old> <new>`, 2);
  const older = findOne(index, options.root, io.cwd, args[0]);
  const newer = findOne(index, options.root, io.cwd, args[1]);
  if (older.path === newer.path && older.range.start.line === newer.range.start.line) throw new EditFailure(`a decision cannot ${verb} itself`, 2);
  const back: LinkKind = kind === 'superseded-by' ? 'supersedes' : 'amends';
  const texts = new Map<string, { before: string; after: string }>();
  const edit = (d: IndexedDecision, link: LinkKind, other: IndexedDecision): void => {
    const current = texts.get(d.path) ?? (() => {
      const t = readRecordFile(d.path).text;
      return { before: t, after: t };
    })();
    // In one decision log both entries are in one text: the second edit reads the first's result.
    const { text } = editText(current.after, d, { kind: 'link', link, other: linkTarget(other, d) });
    texts.set(d.path, { before: current.before, after: text });
  };
  edit(older, kind, newer);
  edit(newer, back, older);
  const changes: FileChange[] = [...texts].map(([path, t]) => ({ path, before: t.before, after: t.after }));
  writeChanges(options, io, changes);
  if (!options.dryRun) {
    const changed = changes.filter((c) => c.before !== c.after).map((c) => rel(options.root, c.path));
    const what = verb === 'supersede' ? 'superseded by' : 'amended by';
    io.stdout(changed.length === 0 ? `${older.display} is already ${what} ${newer.display}\n` : `${older.display} ${what} ${newer.display} (${changed.join(', ')})\n`);
  }
  return 0;
}
