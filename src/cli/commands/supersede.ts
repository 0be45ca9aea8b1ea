/**
 * `decision-lens supersede <old> <new>`: `old` becomes superseded by `new` (its status and link,
 * in its format) and `new` gets a `Supersedes` link; re-running it changes nothing.
 */
import type { DecisionIndex } from '../../core/index';
import { linkBoth } from './link';
import type { EditIO, EditOptions } from './shared';

/**
 * Runs `supersede`.
 * @param args the old decision and its successor (ids or paths).
 * @returns exit code 0. @throws {EditFailure} for a refusal or a bad argument.
 */
export function supersedeCommand(index: DecisionIndex, args: readonly string[], options: EditOptions, io: EditIO): number {
  return linkBoth(index, args, options, io, 'supersede', 'superseded-by');
}
