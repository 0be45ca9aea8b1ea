/**
 * `decision-lens review [--status proposed] [--format markdown|json] [--today YYYY-MM-DD] [--root DIR]`:
 * the design review agenda of the decisions with the given statuses (default: proposed), in
 * agenda order (proposed first, the longest waiting first).
 *
 * Markdown (the default): the document `agendaMarkdown` writes, the same as "Copy as Markdown"
 * and "Export Agenda..." in the editor. JSON (`--format json` or `--json`):
 * `{ "today": "YYYY-MM-DD", "items": AgendaItem[] }` (see `src/core/agenda.ts`; paths relative
 * to the root, `line` 0-based, `ageDays` whole days from the record's date to today).
 *
 * `--status` takes status kinds separated by commas (`proposed,draft`) or `all`.
 */
import type { StatusKind } from '../../core/model';
import { agendaMarkdown, buildAgenda, REVIEW_STATUSES, selectForReview } from '../../core/agenda';
import type { ScanResult } from '../scan';
import { escapeControls, jsonText, rel } from '../format';
import { EditFailure } from './shared';

const KINDS: readonly StatusKind[] = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded', 'draft', 'not-implemented', 'on-hold', 'unknown'];

/** Flags `review` reads. */
export interface ReviewFlags {
  readonly status?: string;
  readonly format?: string;
  readonly json?: boolean;
  readonly today?: string;
}

/** Streams of one run (the CLI's `CliIO` subset this command needs). */
export interface ReviewIO {
  readonly stdout: (text: string) => void;
}

/**
 * Parses `--status`.
 * @returns the status kinds; empty for `all`.
 * @throws {EditFailure} (code 2) for a word that is no status kind.
 */
export function reviewStatuses(value: string | undefined): StatusKind[] {
  if (value === undefined) return [...REVIEW_STATUSES];
  const words = value.split(',').map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  if (words.length === 1 && words[0] === 'all') return [];
  if (words.length === 0) throw new EditFailure('--status needs a status: proposed, accepted, ... or all', 2);
  for (const w of words) {
    if (!(KINDS as readonly string[]).includes(w)) throw new EditFailure(`--status must be ${KINDS.join(', ')} or all, not "${w}"`, 2);
  }
  return words as StatusKind[];
}

/**
 * Runs `review`.
 * @param scan the index of the root.
 * @param root the folder read (absolute POSIX path); paths are shown relative to it.
 * @param args positional arguments after the verb (none are taken).
 * @returns the exit code: 0 (also when nothing is to be reviewed).
 * @throws {EditFailure} (code 2) for a usage error.
 */
export function reviewCommand(scan: ScanResult, root: string, args: readonly string[], flags: ReviewFlags, io: ReviewIO): number {
  if (args.length > 0) throw new EditFailure(`unexpected argument "${args[0]}"`, 2);
  const format = flags.json === true ? 'json' : (flags.format ?? 'markdown');
  if (format !== 'markdown' && format !== 'json') throw new EditFailure(`--format for review must be markdown or json, not "${format}"`, 2);
  const today = flags.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new EditFailure(`--today must be a date YYYY-MM-DD, not "${today}"`, 2);
  const decisions = selectForReview(scan.index.decisions(), reviewStatuses(flags.status));
  const agenda = buildAgenda(scan.index, decisions, { today, relativePath: (p) => rel(root, p) });
  io.stdout(format === 'json' ? jsonText(agenda) + '\n' : escapeControls(agendaMarkdown(agenda), true));
  return 0;
}
