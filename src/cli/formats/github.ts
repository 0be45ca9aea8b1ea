/**
 * `decision-lens check --format github`: the problems as GitHub Actions workflow commands, which
 * GitHub shows as annotations on the pull request's changed lines.
 *
 * Format: "Workflow commands for GitHub Actions"
 * (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions):
 * `::error file={name},line={line},col={col},endLine={endLine},endColumn={endColumn},title={title}::{message}`
 * (also `::warning` and `::notice`), with `%` → `%25`, CR → `%0D`, LF → `%0A` in the message and
 * additionally `:` → `%3A`, `,` → `%2C` in property values (the escaping of `@actions/core`).
 * GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and 50 per job;
 * the rest are printed as plain lines, after a `::notice::` that says how many were left out and
 * points to the SARIF log.
 */
import { randomBytes } from 'node:crypto';
import type { Problem, Severity } from '../../core/model';
import { escapeControls, problemLine, rel } from '../format';
import { ruleOf } from './rules';

/** GitHub's display limits (per step and level, per job in all). */
export const ANNOTATION_LIMITS = { perLevel: 10, total: 50 } as const;

/** The workflow command of a severity. */
export function commandOf(severity: Severity): 'error' | 'warning' | 'notice' {
  return severity === 'info' ? 'notice' : severity;
}

/** Escapes a command's message (`%`, CR, LF), after escaping other control characters. */
export function escapeData(text: string): string {
  return escapeControls(text.replace(/\r\n?|\n/g, '\n'), true)
    .replace(/\t/g, '\\t')
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

/** Escapes a property value: as {@link escapeData}, and `:` → `%3A`, `,` → `%2C`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One problem as a workflow command; `file` relative to the root (run from the repository root). */
export function annotation(root: string, p: Problem): string {
  const r = p.range;
  const props: [string, string | number][] = [
    ['file', rel(root, p.path)],
    ['line', r.start.line + 1],
    ['col', r.start.character + 1],
  ];
  const nonEmpty = r.end.line > r.start.line || (r.end.line === r.start.line && r.end.character > r.start.character);
  if (nonEmpty) props.push(['endLine', r.end.line + 1], ['endColumn', r.end.character + 1]);
  props.push(['title', `Decision Lens: ${ruleOf(p.code, p.severity).short} [${p.code}]`]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${commandOf(p.severity)} ${list}::${escapeData(p.message)}`;
}

/**
 * The `github` output of a check run.
 * @param root absolute POSIX path of `--root`.
 * @param problems every problem, absolute paths, sorted as `check` prints them.
 * @param summary the closing line (`2 errors, 1 warning (...)`), printed last.
 * @returns lines of text (each ends with `\n`): up to the limits one workflow command per problem,
 *   in the order given; when problems are left out, a `::notice::` (always shown: one notice place
 *   is kept for it) naming how many of each level, then the left-out problems as plain
 *   `file:line:col: severity: message [code]` lines between `::stop-commands::` and its end token
 *   (the documented way to print text that must not run as commands).
 */
export function githubOutput(root: string, problems: readonly Problem[], summary: string): string {
  const counts = { error: 0, warning: 0, notice: 0 };
  const byLevel = { error: 0, warning: 0, notice: 0 };
  for (const p of problems) byLevel[commandOf(p.severity)]++;
  // The summary is a notice too: when anything is left out, one notice place is kept for it.
  const overflow = (['error', 'warning', 'notice'] as const).some((l) => byLevel[l] > ANNOTATION_LIMITS.perLevel) || problems.length > ANNOTATION_LIMITS.total;
  const limitOf = (level: 'error' | 'warning' | 'notice'): number => (overflow && level === 'notice' ? ANNOTATION_LIMITS.perLevel - 1 : ANNOTATION_LIMITS.perLevel);
  const total = overflow ? ANNOTATION_LIMITS.total - 1 : ANNOTATION_LIMITS.total;
  let shown = 0;
  const lines: string[] = [];
  const left: Problem[] = [];
  for (const p of problems) {
    const level = commandOf(p.severity);
    if (counts[level] >= limitOf(level) || shown >= total) {
      left.push(p);
      continue;
    }
    counts[level]++;
    shown++;
    lines.push(annotation(root, p));
  }
  if (left.length > 0) {
    const leftBy = { error: 0, warning: 0, notice: 0 };
    for (const p of left) leftBy[commandOf(p.severity)]++;
    const parts = (['error', 'warning', 'notice'] as const)
      .filter((l) => leftBy[l] > 0)
      .map((l) => `${leftBy[l]} ${l === 'notice' ? 'info' : l}${leftBy[l] === 1 || l === 'notice' ? '' : 's'}`);
    const message =
      `Decision Lens: ${left.length} of ${problems.length} problems are not annotated (${parts.join(', ')}): ` +
      `GitHub shows at most ${ANNOTATION_LIMITS.perLevel} annotations of each level per step. ` +
      'They are listed in this step\u2019s log; upload `decision-lens check --format sarif` to code scanning to see them all as alerts.';
    lines.push(`::notice title=${escapeProperty('Decision Lens: more problems')}::${escapeData(message)}`);
    lines.push(`Not annotated (${left.length}):`);
    // Record and file names come from the repository: no line of them may act as a command.
    const token = randomBytes(16).toString('hex');
    lines.push(`::stop-commands::${token}`);
    for (const p of left) lines.push(problemLine(root, p));
    lines.push(`::${token}::`);
  }
  lines.push(escapeControls(summary));
  return lines.map((l) => l + '\n').join('');
}
