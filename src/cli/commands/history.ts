/**
 * History from git on the command line: provenance in `list --json` / `show --json`,
 * `check --against <ref>` / `--all-branches` (number collisions), `check --drift=N`, and the
 * `drift` verb. Outside a repository, or without git, the history is absent: `list` and `show`
 * print what they always print, the git options say why they cannot run (exit 2).
 */
import type { Drift, Provenance } from '../../core/history';
import { freeNumberOnRefs } from '../../core/history';
import type { HistoryReport } from '../../core/gitHistory';
import { GitError, GitHistory, repoInfo } from '../../core/gitHistory';
import type { DecisionIndex, IndexedDecision } from '../../core/index';
import type { Problem } from '../../core/model';
import type { CliIO } from '../main';
import { escapeControls, jsonText, rel } from '../format';
import { nodeGitRunner } from '../git';
import { toNative, toPosix } from '../nodeWorkspace';
import { EditFailure } from './shared';

/** The repository `root` is in, or `undefined` (no git, not a repository). */
export async function openHistory(root: string): Promise<GitHistory | undefined> {
  const git = nodeGitRunner(toNative(root));
  const repo = await repoInfo(git, toPosix);
  if (!repo) return undefined;
  return new GitHistory(git, repo);
}

/** Says on stderr that a shallow clone's history is cut off. */
function noteShallow(history: GitHistory, io: CliIO): void {
  if (history.repo.shallow) {
    io.stderr('decision-lens: note: this is a shallow clone: the history before its oldest commit is missing, so creation dates and acceptance commits may be later than they are (git fetch --unshallow reads the rest)\n');
  }
}

/** The JSON of a provenance (`source: "git"`), commit ids in full. */
function provenanceJson(p: Provenance): Record<string, unknown> {
  return { ...p };
}

/** The JSON of a drift. */
function driftJson(root: string, top: string, d: Drift): Record<string, unknown> {
  return { source: 'git', commits: d.commits, files: d.files, since: d.since, sinceCommit: d.sinceCommit, paths: d.paths.map((p) => rel(root, `${top}/${p}`)) };
}

/**
 * What `list --json` and `show --json` add per decision from git: `provenance` and, for an
 * accepted decision, `drift`. Nothing outside a repository or when git fails.
 */
export async function historyFields(index: DecisionIndex, root: string, io: CliIO): Promise<(d: IndexedDecision) => Record<string, unknown>> {
  const history = await openHistory(root);
  if (!history) return () => ({});
  let report: HistoryReport;
  try {
    report = await history.report(index, root);
  } catch (e) {
    io.stderr(`decision-lens: warning: no history from git: ${escapeControls(e instanceof Error ? e.message : String(e))}\n`);
    return () => ({});
  }
  noteShallow(history, io);
  return (d) => {
    const p = report.provenance.get(d);
    const drift = report.drift.get(d);
    return { ...(p ? { provenance: provenanceJson(p) } : {}), ...(drift ? { drift: driftJson(root, report.repo.top, drift) } : {}) };
  };
}

/** The git options of `check`. */
export interface CheckHistoryFlags {
  readonly against?: string;
  readonly allBranches?: boolean;
  /** Report decisions with more than this many commits since acceptance. */
  readonly drift?: number;
}

/**
 * The problems `check` adds from git: `number-collision` (error) for each record whose number a
 * different record uses on the ref(s), `decision-drift` (info) for each accepted decision with
 * more than `drift` commits since acceptance, `applies-to-no-match` (warning) with `--drift`.
 * @throws EditFailure (exit 2) when git is missing, the root is not in a repository, or no ref to compare with is found.
 */
export async function historyProblems(index: DecisionIndex, root: string, flags: CheckHistoryFlags, io: CliIO): Promise<Problem[]> {
  const history = await openHistory(root);
  if (!history) throw new EditFailure(`--against, --all-branches and --drift need git and a repository: ${escapeControls(root)} is not in one (or git is not installed)`, 2);
  noteShallow(history, io);
  const problems: Problem[] = [];
  try {
    if (flags.against !== undefined || flags.allBranches) {
      let refs: string[];
      if (flags.allBranches) refs = await history.branches();
      else if (flags.against !== '') refs = [flags.against as string];
      else {
        const ref = await history.defaultRef();
        if (!ref) throw new EditFailure('--against: no upstream branch, origin/HEAD, main or master to compare with; name a ref', 2);
        refs = [ref];
      }
      for (const ref of refs) {
        if (ref.startsWith('-')) throw new EditFailure(`--against: "${ref}" is not a ref`, 2);
        if (!(await history.hasRef(ref))) throw new EditFailure(`--against: no ref "${ref}" in this repository`, 2);
      }
      problems.push(...(await history.collisions(index, refs)).problems);
    }
    if (flags.drift !== undefined) {
      const report = await history.report(index, root);
      problems.push(...report.problems);
      for (const [d, drift] of report.drift) {
        if (drift.commits <= flags.drift) continue;
        problems.push({
          code: 'decision-drift',
          severity: 'info',
          message: `${d.display} was accepted on ${drift.since}; since then ${plural(drift.commits, 'commit')} changed ${plural(drift.files, 'file')} it governs or that cite it (git)`,
          path: d.path,
          range: d.titleRange,
        });
      }
    }
  } catch (e) {
    if (e instanceof GitError) throw new EditFailure(`git: ${e.message}`, 2);
    throw e;
  }
  return problems;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `decision-lens drift [--json]`: accepted decisions by commits since their acceptance, most first.
 * @returns 0; 2 (an EditFailure) outside a repository.
 */
export async function driftCommand(index: DecisionIndex, root: string, io: CliIO, json: boolean): Promise<number> {
  const history = await openHistory(root);
  if (!history) throw new EditFailure(`drift needs git and a repository: ${escapeControls(root)} is not in one (or git is not installed)`, 2);
  noteShallow(history, io);
  let report: HistoryReport;
  try {
    report = await history.report(index, root);
  } catch (e) {
    if (e instanceof GitError) throw new EditFailure(`git: ${e.message}`, 2);
    throw e;
  }
  const rows = [...report.drift].sort((a, b) => b[1].commits - a[1].commits || b[1].files - a[1].files || (a[0].path < b[0].path ? -1 : 1));
  if (json) {
    io.stdout(
      jsonText(
        rows.map(([d, drift]) => ({ id: d.display, title: d.title, path: rel(root, d.path), acceptedOn: drift.since, acceptedIn: drift.sinceCommit, ...driftJson(root, report.repo.top, drift) })),
      ) + '\n',
    );
    return 0;
  }
  const lines: string[] = [];
  for (const [d, drift] of rows) {
    lines.push(`${d.display}  ${d.title}: ${plural(drift.commits, 'commit')} in ${plural(drift.files, 'file')} since accepted on ${drift.since} (${drift.sinceCommit.slice(0, 10)})`);
    for (const p of drift.paths.slice(0, 20)) lines.push(`  ${rel(root, `${report.repo.top}/${p}`)}`);
    if (drift.paths.length > 20) lines.push(`  ... and ${drift.paths.length - 20} more`);
  }
  for (const p of report.problems) lines.push(`${rel(root, p.path)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]`);
  const accepted = index.decisions().filter((d) => d.status.kind === 'accepted').length;
  lines.push(`${plural(rows.length, 'accepted decision')} with an acceptance commit (of ${accepted} accepted), from git at ${report.repo.head.slice(0, 10)}`);
  io.stdout(escapeControls(lines.join('\n'), true) + '\n');
  return 0;
}

/**
 * For `new`: the file names each decision folder has on the ref a new number must be free on
 * too (`--against REF`, else the default ref of `check --against`). Nothing outside a
 * repository, without git or without such a ref.
 * @returns folder path → file names there on the ref.
 */
export async function namesOnRefsForNew(index: DecisionIndex, root: string, against: string | undefined): Promise<(folder: string) => readonly string[]> {
  const history = await openHistory(root);
  if (!history) return () => [];
  try {
    const ref = against !== undefined && against !== '' ? against : await history.defaultRef();
    if (ref === undefined || !(await history.hasRef(ref))) return () => [];
    const onRefs = await history.onRefs(index, [ref]);
    return (folder) => {
      const rel = history.relativePath(folder);
      return rel === undefined ? [] : freeNumberOnRefs(onRefs, rel);
    };
  } catch (e) {
    if (e instanceof GitError) return () => [];
    throw e;
  }
}
