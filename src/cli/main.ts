/**
 * `decision-lens`: the decision records of a repository on the command line.
 *
 *   decision-lens list [--json] [--group-by status|folder|tag] [--root DIR]
 *   decision-lens show <id|path> [--json] [--root DIR]
 *   decision-lens check [--json | --format text|json|sarif|github] [--root DIR]
 *   decision-lens status <id> <status> | supersede <old> <new> | amend <id> <by> [--dry-run] [--root DIR]
 *   decision-lens new --title T [--folder DIR] [--status S] [--format F] [--dry-run] [--root DIR]
 *   decision-lens citations [--json] [--root DIR] [--anywhere]
 *   decision-lens folders [--json] [--root DIR]
 *   decision-lens review [--status proposed] [--format markdown|json] [--root DIR]
 *   decision-lens graph [--format mermaid|dot|json] [--status S] [--tag T] [--code] [--root DIR]
 *   decision-lens export --html DIR [--root DIR]
 *   decision-lens drift [--json] [--root DIR]
 *   decision-lens check --against <ref> | --all-branches | --drift=N
 *
 * Exit codes: 0 success; 1 `check` found errors or `show` found no decision; 2 usage error.
 */
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { checkIndex } from '../core/checks';
import { isDecisionFile } from '../core/discovery';
import { citationsCommand } from './commands/citations';
import type { IndexedDecision } from '../core/index';
import { normalizeKey } from '../core/index';
import { identityFromFileName } from '../core/parse/identity';
import { join, normalize } from '../core/paths';
import type { Problem } from '../core/model';
import type { Logger } from '../core/ports';
import type { GroupBy } from './format';
import { decisionJson, decisionLines, escapeControls, groupDecisions, jsonText, problemLine, rel, shownPath, showDecision, skipReasonText } from './format';
import type { SkippedFile } from './nodeWorkspace';
import { foldersJson, foldersText } from './commands/folders';
import { githubOutput } from './formats/github';
import { sarifLog } from './formats/sarif';
import { driftCommand, historyFields, historyProblems, namesOnRefsForNew } from './commands/history';
import { toPosix } from './nodeWorkspace';
import { amendCommand } from './commands/amend';
import type { NewFlags } from './commands/new';
import { newCommand } from './commands/new';
import { EditFailure } from './commands/shared';
import type { GraphFlags } from './commands/graph';
import { graphCommand } from './commands/graph';
import { exportCommand } from './commands/export';
import { renumberCommand } from './commands/renumber';
import type { NumberTakenElsewhere } from '../core/renumber';
import { statusCommand } from './commands/status';
import { supersedeCommand } from './commands/supersede';
import { reviewCommand } from './commands/review';
import type { ScanResult } from './scan';
import { scanWorkspace } from './scan';

const HELP = `decision-lens ${version}: decision records (ADRs, MADR, log4brains, decision logs) and the code that cites them

Usage:
  decision-lens list  [--json] [--group-by status|folder|tag]   list every decision
  decision-lens show  <id|path> [--json]                        show one decision (ADR-0005, ADR 5, DL-1, a path)
  decision-lens check [--format text|json|sarif|github]        report citations of unknown or superseded
                                                                decisions, duplicate ids, broken links
                                                                (sarif: SARIF 2.1.0 for code scanning; github:
                                                                workflow-command annotations; --json = json)
  decision-lens status <id> <status>                            change a status (proposed, accepted, rejected,
                                                                deprecated, draft) in the record's own format
  decision-lens supersede <old> <new>                           mark <old> superseded by <new>, and <new>
                                                                as superseding <old>
  decision-lens amend <id> <by>                                 link <id> as amended by <by>, and back
  decision-lens new --title T [--folder DIR] [--status S] [--format F] [--date YYYY-MM-DD]
                                                                write a new record with the folder's next
                                                                number and format (or a log entry)
  decision-lens renumber <id> [<new>]                           move a decision to a new number (default: the
                                                                next free one) and rewrite every citation of it
  decision-lens citations [--json]                              list every citation found and what it resolves to
  decision-lens folders [--json]                                every decision folder and log, and the
                                                                citation prefixes each learned, from where
  decision-lens review [--status proposed] [--format markdown|json] [--today YYYY-MM-DD]
                                                                the design review agenda of the proposed
                                                                decisions (--status accepted,draft or all)
  decision-lens graph [--format mermaid|dot|json] [--status S,..] [--tag T] [--folder DIR]
                      [--focus ID] [--hops 1-3] [--code]        the decision map: supersedes, amends,
                                                                clarifies and links (missing targets shown)
  decision-lens export --html DIR                               a static site (map, timeline, every record,
                                                                search) that opens from the file system
  decision-lens drift [--json]                                  accepted decisions by commits since their
                                                                acceptance in the files they govern or that
                                                                cite them (from git)
Options:
  --root DIR       folder to read (default: the current folder)
  --anywhere       find citations anywhere in source files, not only in comments
  --prefix P       also recognise citations with prefix P (repeatable; adds to the
                   prefixes each folder learns from its records)
  --quiet          no progress output on stderr
  --dry-run        status, supersede, amend, new, renumber: print a unified diff, write nothing
  --format F       new: nygard, madr4, madr4-minimal, madr3, madr2, log4brains, decision-log;
                   check: text, json, sarif, github
  --against REF    check: records whose number a different record uses on REF (default: the
                   upstream branch, else origin/HEAD, else main or master)
  --all-branches   check: the same against every local and remote-tracking branch
  --drift N        check: report accepted decisions with more than N commits since acceptance
  -h, --help       this help
  -v, --version    the version

Folders come from .adr-dir, .log4brains.yml, adr.config.json, .vscode/settings.json
(decisionLens.folders, decisionLens.folderPrefixes) and the usual places (doc/adr, docs/adr,
docs/decisions, ...). check exits with 1 when it finds errors. Edits change only the status
value or add the link, are read back before anything is written, never write outside --root and
exit with 1 when refused (the file is left as it was).
`;

/** A usage error: printed with a hint, exit code 2. */
class UsageError extends Error {}

/** Streams and exit code of one run, so tests and the bin share one entry. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly stderrIsTTY?: boolean;
}

/**
 * Runs the command line.
 * @param argv arguments after the program name.
 * @returns the exit code (0, 1 or 2; see the module doc).
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      // `--against` without a ref (last, or before another option) compares with the default ref.
      args: argv.map((a, i) => (a === '--against' && (i === argv.length - 1 || argv[i + 1].startsWith('-')) ? '--against=' : a)),
      allowPositionals: true,
      strict: true,
      options: {
        root: { type: 'string' },
        json: { type: 'boolean' },
        'group-by': { type: 'string' },
        anywhere: { type: 'boolean' },
        prefix: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        title: { type: 'string' },
        folder: { type: 'string' },
        status: { type: 'string' },
        format: { type: 'string' },
        date: { type: 'string' },
        today: { type: 'string' },
        tag: { type: 'string', multiple: true },
        code: { type: 'boolean' },
        focus: { type: 'string' },
        hops: { type: 'string' },
        html: { type: 'string' },
        against: { type: 'string' },
        'all-branches': { type: 'boolean' },
        drift: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) return usage(io, 'missing command');
  if (command === 'help') {
    io.stdout(HELP);
    return 0;
  }
  try {
    const edit = Object.hasOwn(EDIT_COMMANDS, command) ? EDIT_COMMANDS[command] : undefined;
    if (edit) {
      const root = rootOf(values.root, io.cwd);
      const scan = await scanWithProgress(root, io, { commentsOnly: undefined, prefixes: values.prefix ?? [], quiet: values.quiet === true });
      // New and Renumber pick a number free here and on the default ref (or --against), from git.
      const flags = command === 'new' || command === 'renumber' ? { ...values, namesOnRefs: await namesOnRefsForNew(scan.index, root, values.against) } : values;
      return edit(scan, rest, flags, { root, dryRun: values['dry-run'] === true }, io);
    }
    if (command === 'review') {
      const root = rootOf(values.root, io.cwd);
      const scan = await scanWithProgress(root, io, { commentsOnly: values.anywhere ? false : undefined, prefixes: values.prefix ?? [], quiet: values.quiet === true });
      return reviewCommand(scan, root, rest, values, io);
    }
    if (command === 'graph' || command === 'export') {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
      const root = rootOf(values.root, io.cwd);
      const scan = await scanWithProgress(root, io, { commentsOnly: values.anywhere ? false : undefined, prefixes: values.prefix ?? [], quiet: values.quiet === true });
      if (command === 'graph') return graphCommand(scan.index, root, io, values as GraphFlags);
      return exportCommand(scan.index, root, io, values as GraphFlags & { html?: string });
    }
    if (!['list', 'show', 'check', 'citations', 'folders', 'drift'].includes(command)) throw new UsageError(`unknown command "${command}"`);
    if (command === 'show' && rest.length !== 1) throw new UsageError('show takes one decision id or path');
    if (command !== 'show' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const groupBy = values['group-by'];
    if (groupBy !== undefined && command !== 'list') throw new UsageError('--group-by only applies to list');
    if (groupBy !== undefined && !['status', 'folder', 'tag'].includes(groupBy)) {
      throw new UsageError(`--group-by must be status, folder or tag, not "${groupBy}"`);
    }
    if ((values.against !== undefined || values['all-branches'] || values.drift !== undefined) && command !== 'check') {
      throw new UsageError('--against, --all-branches and --drift only apply to check');
    }
    if (values.drift !== undefined && !/^\d{1,9}$/.test(values.drift)) throw new UsageError(`--drift must be a number of commits, not "${values.drift}"`);
    for (const p of values.prefix ?? []) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(p)) throw new UsageError(`invalid prefix "${p}"`);
    const checkAs = command === 'check' ? checkFormat(values.format, values.json === true) : 'text';
    const root = rootOf(values.root, io.cwd);
    const scan = await scanWithProgress(root, io, {
      commentsOnly: values.anywhere ? false : undefined,
      prefixes: values.prefix ?? [],
      quiet: values.quiet === true,
    });
    const fromGit = values.json === true && (command === 'list' || command === 'show') ? await historyFields(scan.index, root, io) : undefined;
    if (command === 'list') return list(scan, root, io, values.json === true, groupBy as GroupBy | undefined, fromGit);
    if (command === 'show') return show(scan, root, io, values.json === true, rest[0], fromGit);
    if (command === 'drift') return await driftCommand(scan.index, root, io, values.json === true);
    if (command === 'citations') return citationsCommand(scan, root, io, values.json === true);
    if (command === 'folders') {
      io.stdout(values.json === true ? JSON.stringify(foldersJson(root, scan.index), null, 2) + '\n' : foldersText(root, scan.index));
      return 0;
    }
    const fromHistory =
      values.against !== undefined || values['all-branches'] || values.drift !== undefined
        ? await historyProblems(scan.index, root, { against: values.against, allBranches: values['all-branches'], drift: values.drift !== undefined ? Number(values.drift) : undefined }, io)
        : [];
    return check(scan, root, io, checkAs, fromHistory);
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    if (error instanceof EditFailure) {
      if (error.code === 2) return usage(io, error.message);
      io.stderr(`decision-lens: ${error.message}\n`);
      return 1;
    }
    io.stderr(`decision-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/**
 * A number is taken on another ref when a file of the folder there starts with it (`0012-x.md`).
 * @param namesOnRefs the file names a folder has on the ref (from git), by folder path.
 */
function takenOnRefs(namesOnRefs: ((folder: string) => readonly string[]) | undefined): NumberTakenElsewhere | undefined {
  if (!namesOnRefs) return undefined;
  return (folder, n) => {
    const name = namesOnRefs(folder.path).find((f) => Number(/^\D*?(\d+)/.exec(f)?.[1] ?? NaN) === n);
    return name !== undefined ? `${name} uses it on the default branch` : undefined;
  };
}

/** The editing verbs, each in `commands/<verb>.ts`. */
const EDIT_COMMANDS: Readonly<Record<string, (scan: ScanResult, args: readonly string[], flags: Record<string, unknown>, options: { root: string; dryRun: boolean }, io: CliIO) => number>> = {
  status: (scan, args, _flags, options, io) => statusCommand(scan.index, args, options, io),
  supersede: (scan, args, _flags, options, io) => supersedeCommand(scan.index, args, options, io),
  amend: (scan, args, _flags, options, io) => amendCommand(scan.index, args, options, io),
  new: (scan, args, flags, options, io) => newCommand(scan.index, args, flags as NewFlags, options, io),
  renumber: (scan, args, flags, options, io) => renumberCommand(scan.index, args, options, io, takenOnRefs((flags as NewFlags).namesOnRefs)),
};

function usage(io: CliIO, message: string): number {
  io.stderr(`decision-lens: ${message}\nRun "decision-lens --help" for usage.\n`);
  return 2;
}

function rootOf(option: string | undefined, cwd: string): string {
  const native = resolve(cwd, option ?? '.');
  let real: string;
  try {
    real = realpathSync(native);
  } catch {
    throw new UsageError(`--root ${option ?? '.'}: no such folder`);
  }
  if (!statSync(real).isDirectory()) throw new UsageError(`--root ${option ?? '.'}: not a folder`);
  return toPosix(real);
}

async function scanWithProgress(
  root: string,
  io: CliIO,
  options: { commentsOnly: boolean | undefined; prefixes: readonly string[]; quiet: boolean },
): Promise<ScanResult> {
  const started = Date.now();
  let lastShown = 0;
  let shown = false;
  const logger: Logger = {
    trace: () => undefined,
    info: () => undefined,
    warn: (m) => io.stderr(`decision-lens: warning: ${escapeControls(m)}\n`),
    error: (m) => io.stderr(`decision-lens: error: ${escapeControls(m)}\n`),
  };
  const result = await scanWorkspace({
    root,
    ...(options.commentsOnly !== undefined ? { commentsOnly: options.commentsOnly } : {}),
    prefixes: options.prefixes,
    logger,
    onProgress: (done, total) => {
      if (options.quiet) return;
      const now = Date.now();
      if (now - started < 1000 || (now - lastShown < 1000 && done < total)) return;
      lastShown = now;
      shown = true;
      const line = `decision-lens: reading files ${done}/${total}`;
      io.stderr(io.stderrIsTTY ? `\r${line}` : `${line}\n`);
    },
  });
  if (shown && io.stderrIsTTY) io.stderr('\n');
  return result;
}

/** `list` and `show` name every skipped file on stderr (`check` reports them as problems). */
function warnSkipped(scan: ScanResult, root: string, io: CliIO): void {
  for (const s of scan.skipped) io.stderr(`decision-lens: warning: ${shownPath(root, s.path)}: skipped: ${skipReasonText(s)}\n`);
}

function list(scan: ScanResult, root: string, io: CliIO, json: boolean, groupBy: GroupBy | undefined, fromGit?: (d: IndexedDecision) => Record<string, unknown>): number {
  const { index } = scan;
  const decisions = index.decisions();
  warnSkipped(scan, root, io);
  if (json) {
    const out = groupBy
      ? groupDecisions(root, decisions, groupBy).map((g) => ({ group: g.name, decisions: g.decisions.map((d) => ({ ...decisionJson(index, root, d), ...fromGit?.(d) })) }))
      : decisions.map((d) => ({ ...decisionJson(index, root, d), ...fromGit?.(d) }));
    io.stdout(jsonText(out) + '\n');
    return 0;
  }
  if (decisions.length === 0) {
    io.stdout(`No decisions found in ${escapeControls(root)}.\n`);
    return 0;
  }
  const lines: string[] = [];
  if (groupBy) {
    for (const g of groupDecisions(root, decisions, groupBy)) {
      lines.push(`${escapeControls(g.name)} (${g.decisions.length})`, ...decisionLines(root, g.decisions, '  '), '');
    }
  } else {
    lines.push(...decisionLines(root, decisions), '');
  }
  const used = [...new Set(decisions.map((d) => d.folder))];
  const folders = used.filter((f) => f.kind === 'folder').length;
  const logs = used.length - folders;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const where = [folders > 0 ? plural(folders, 'folder') : '', logs > 0 ? plural(logs, 'decision log') : ''].filter((w) => w !== '');
  lines.push(`${plural(decisions.length, 'decision')} in ${where.join(' and ')}`);
  io.stdout(escapeControls(lines.join('\n'), true) + '\n');
  return 0;
}

function show(scan: ScanResult, root: string, io: CliIO, json: boolean, what: string, fromGit?: (d: IndexedDecision) => Record<string, unknown>): number {
  const { index } = scan;
  warnSkipped(scan, root, io);
  let found: IndexedDecision[] = index.get(what);
  if (found.length === 0 && /[/\\]|\.(md|markdown)$/i.test(what)) {
    const path = normalize(what.startsWith('/') ? what : join(toPosix(resolve(io.cwd)), what));
    found = index.recordsIn(path);
    if (found.length === 0) found = index.recordsIn(join(root, what));
  }
  if (found.length === 0) {
    // A record that was skipped is named with the reason, not just "no decision".
    const key = normalizeKey(what);
    const skipped = scan.skipped.find((s) => {
      if (s.path === join(root, what) || s.path === normalize(join(toPosix(resolve(io.cwd)), what))) return true;
      const folder = isDecisionFile(unreadablePath(s), index.getFolders());
      const number = identityFromFileName(unreadablePath(s)).number;
      return key !== undefined && folder !== undefined && number !== undefined && key === `${folder.prefix.toUpperCase()}-${number}`;
    });
    const why = skipped ? `; ${rel(root, skipped.path)} was skipped: ${skipReasonText(skipped)}` : '';
    io.stderr(escapeControls(`decision-lens: no decision "${what}" in ${root}${why}`) + '\n');
    return 1;
  }
  if (json) {
    io.stdout(
      jsonText(
        found.map((d) => ({
          ...decisionJson(index, root, d),
          sections: d.sections,
          citedIn: index.citationsOf(d).map((c) => ({ path: rel(root, c.path), line: c.range.start.line + 1, column: c.range.start.character + 1, text: c.text })),
          problems: d.problems,
          ...fromGit?.(d),
        })),
      ) + '\n',
    );
    return 0;
  }
  io.stdout(escapeControls(found.map((d) => showDecision(index, root, d)).join('\n\n' + '-'.repeat(72) + '\n\n'), true) + '\n');
  return 0;
}

/** The path checks match a skipped record by: a `\\` in a file name is no separator there. */
function unreadablePath(s: SkippedFile): string {
  if (s.reason !== 'unsupported-name') return s.path;
  const slash = s.path.lastIndexOf('/');
  return s.path.slice(0, slash + 1) + s.path.slice(slash + 1).replace(/\\/g, '-');
}

/** How `check` prints: `--format text|json|sarif|github`; `--json` is `--format json`. */
type CheckFormat = 'text' | 'json' | 'sarif' | 'github';

function checkFormat(format: string | undefined, json: boolean): CheckFormat {
  if (format === undefined) return json ? 'json' : 'text';
  if (!['text', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`check --format must be text, json, sarif or github, not "${format}"`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} cannot be combined`);
  return format as CheckFormat;
}

function check(scan: ScanResult, root: string, io: CliIO, format: CheckFormat, fromHistory: readonly Problem[] = []): number {
  const problems = [...fromHistory, ...checkIndex(scan.index, { unreadable: scan.skipped.map((s) => ({ path: unreadablePath(s), reason: skipReasonText(s) })) })];
  // Every skipped file is a warning of its own, in path order among the problems.
  const skipped: Problem[] = scan.skipped.map((s) => ({
    code: 'skipped-file',
    severity: 'warning',
    message: `skipped: ${skipReasonText(s)}`,
    path: s.path,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  }));
  const all = [...problems, ...skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.filter((p) => p.severity === 'warning').length;
  const infos = all.length - errors - warnings;
  const decisions = scan.index.decisions().length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary =
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos > 0 ? `, ${infos} info` : ''} ` +
    `(${plural(decisions, 'decision')}, ${plural(scan.filesRead, 'file')} read${skipped.length > 0 ? `, ${skipped.length} skipped` : ''})`;
  if (format === 'json') {
    io.stdout(jsonText(all.map((p) => ({ ...p, path: rel(root, p.path), line: p.range.start.line + 1, column: p.range.start.character + 1 }))) + '\n');
  } else if (format === 'sarif') {
    io.stdout(jsonText(sarifLog(scan.index, root, all, version)) + '\n');
  } else if (format === 'github') {
    io.stdout(githubOutput(root, all, summary));
  } else {
    // A skipped file prints as `path:1:1: warning: skipped: over 2 MB [skipped-file]`.
    const lines = all.map((p) => problemLine(root, p));
    lines.push(summary);
    io.stdout(escapeControls(lines.join('\n'), true) + '\n');
  }
  return errors > 0 ? 1 : 0;
}

/** Runs when bundled as `dist/cli.js` (or run directly), not when a test imports this module. */
function isEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  // Imported by another program (mocha's own entry is a `cli.js` too): not the entry.
  if (typeof module !== 'undefined' && typeof require !== 'undefined' && require.main !== undefined) return require.main === module;
  if (/[/\\]mocha[/\\]lib[/\\]cli[/\\]cli\.js$/.test(entry)) return false;
  return /(?:^|[/\\])(cli\.js|main\.ts|decision-lens)$/.test(entry);
}

if (isEntry()) {
  void run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
  }).then((code) => {
    process.exitCode = code;
  });
}
