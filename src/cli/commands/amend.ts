/**
 * `decision-lens amend <id> <by>`: `id` gets an `Amended by` link to `by`, and `by` an `Amends`
 * link back, each in its format; re-running it changes nothing.
 */
import type { DecisionIndex } from '../../core/index';
import { linkBoth } from './link';
import type { EditIO, EditOptions } from './shared';

/**
 * Runs `amend`.
 * @param args the amended decision and the one that amends it (ids or paths).
 * @returns exit code 0. @throws {EditFailure} for a refusal or a bad argument.
 */
export function amendCommand(index: DecisionIndex, args: readonly string[], options: EditOptions, io: EditIO): number {
  return linkBoth(index, args, options, io, 'amend', 'amended-by');
}
