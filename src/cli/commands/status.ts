/**
 * `decision-lens status <id> <status>`: changes a decision's status in its own format (the
 * `## Status` section, the `Status:` bullet or line, the front matter `status`, a log entry's
 * `Status:` line), replacing only the status value, verified by reading the record back.
 */
import type { DecisionIndex } from '../../core/index';
import { CHANGE_STATUSES } from '../../core/templates/recordData';
import { rel } from '../format';
import type { EditIO, EditOptions } from './shared';
import { EditFailure, editText, findOne, readRecordFile, writeChanges } from './shared';

/**
 * Runs `status`.
 * @param args the positional arguments after the verb: the decision and the new status.
 * @returns the exit code: 0 changed (or already so), 1 refused, 2 usage error.
 * @throws {EditFailure} for a refusal or a bad argument.
 */
export function statusCommand(index: DecisionIndex, args: readonly string[], options: EditOptions, io: EditIO): number {
  if (args.length !== 2) throw new EditFailure('status takes a decision and a status: decision-lens status ADR-0014 accepted', 2);
  const status = args[1].toLowerCase();
  if (status === 'superseded') throw new EditFailure('to mark a decision superseded, name its successor: decision-lens supersede <old> <new>', 2);
  if (!CHANGE_STATUSES.includes(status)) throw new EditFailure(`the status must be one of ${CHANGE_STATUSES.join(', ')}, not "${args[1]}"`, 2);
  const d = findOne(index, options.root, io.cwd, args[0]);
  const file = readRecordFile(d.path);
  const { text } = editText(file.text, d, { kind: 'status', status });
  writeChanges(options, io, [{ path: d.path, before: file.text, after: text }]);
  if (!options.dryRun) {
    io.stdout(text === file.text ? `${d.display} is already ${status} (${rel(options.root, d.path)})\n` : `${d.display}: status ${status} (${rel(options.root, d.path)})\n`);
  }
  return 0;
}
