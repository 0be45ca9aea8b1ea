/**
 * `decision-lens`: the decision records of a repository on the command line.
 *
 *   decision-lens list [--json] [--group-by status|folder|tag] [--root DIR]
 *   decision-lens show <id|path> [--json] [--root DIR]
 *   decision-lens check [--json] [--root DIR]
 *   decision-lens folders [--json] [--root DIR]
 *
 * Exit codes: 0 success; 1 `check` found errors or `show` found no decision; 2 usage error.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { checkIndex } from '../core/checks';
import type { IndexedDecision } from '../core/index';
import { join, normalize } from '../core/paths';
import type { Logger } from '../core/ports';
import type { GroupBy } from './format';
import { decisionJson, decisionLines, groupDecisions, problemLine, rel, showDecision } from './format';
import { foldersJson, foldersText } from './commands/folders';
import { toPosix } from './nodeWorkspace';
import type { ScanResult } from './scan';
import { scanWorkspace } from './scan';

const HELP = `decision-lens ${version}: decision records (ADRs, MADR, log4brains, decision logs) and the code that cites them

Usage:
  decision-lens list  [--json] [--group-by status|folder|tag]   list every decision
  decision-lens show  <id|path> [--json]                        show one decision (ADR-0005, ADR 5, DL-1, a path)
  decision-lens check [--json]                                  report citations of unknown or superseded
                                                                decisions, duplicate ids, broken links
  decision-lens folders [--json]                                every decision folder and log, and the
                                                                citation prefixes each learned, from where
Options:
  --root DIR       folder to read (default: the current folder)
  --anywhere       find citations anywhere in source files, not only in comments
  --prefix P       also recognise citations with prefix P (repeatable; adds to the
                   prefixes each folder learns from its records)
  --quiet          no progress output on stderr
  -h, --help       this help
  -v, --version    the version

Folders come from .adr-dir, .log4brains.yml, adr.config.json, .vscode/settings.json
(decisionLens.folders, decisionLens.folderPrefixes) and the usual places (doc/adr, docs/adr,
docs/decisions, ...). check exits with 1 when it finds errors.
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
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        root: { type: 'string' },
        json: { type: 'boolean' },
        'group-by': { type: 'string' },
        anywhere: { type: 'boolean' },
        prefix: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
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
    if (!['list', 'show', 'check', 'folders'].includes(command)) throw new UsageError(`unknown command "${command}"`);
    if (command === 'show' && rest.length !== 1) throw new UsageError('show takes one decision id or path');
    if (command !== 'show' && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const groupBy = values['group-by'];
    if (groupBy !== undefined && command !== 'list') throw new UsageError('--group-by only applies to list');
    if (groupBy !== undefined && !['status', 'folder', 'tag'].includes(groupBy)) {
      throw new UsageError(`--group-by must be status, folder or tag, not "${groupBy}"`);
    }
    for (const p of values.prefix ?? []) if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(p)) throw new UsageError(`invalid prefix "${p}"`);
    const root = rootOf(values.root, io.cwd);
    const scan = await scanWithProgress(root, io, {
      commentsOnly: values.anywhere ? false : undefined,
      prefixes: values.prefix ?? [],
      quiet: values.quiet === true,
    });
    if (command === 'list') return list(scan, root, io, values.json === true, groupBy as GroupBy | undefined);
    if (command === 'show') return show(scan, root, io, values.json === true, rest[0]);
    if (command === 'folders') {
      io.stdout(values.json === true ? JSON.stringify(foldersJson(root, scan.index), null, 2) + '\n' : foldersText(root, scan.index));
      return 0;
    }
    return check(scan, root, io, values.json === true);
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    io.stderr(`decision-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

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
    warn: (m) => io.stderr(`decision-lens: warning: ${m}\n`),
    error: (m) => io.stderr(`decision-lens: error: ${m}\n`),
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

function list(scan: ScanResult, root: string, io: CliIO, json: boolean, groupBy: GroupBy | undefined): number {
  const { index } = scan;
  const decisions = index.decisions();
  if (json) {
    const out = groupBy
      ? groupDecisions(root, decisions, groupBy).map((g) => ({ group: g.name, decisions: g.decisions.map((d) => decisionJson(index, root, d)) }))
      : decisions.map((d) => decisionJson(index, root, d));
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  if (decisions.length === 0) {
    io.stdout(`No decisions found in ${root}.\n`);
    return 0;
  }
  const lines: string[] = [];
  if (groupBy) {
    for (const g of groupDecisions(root, decisions, groupBy)) {
      lines.push(`${g.name} (${g.decisions.length})`, ...decisionLines(root, g.decisions, '  '), '');
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
  io.stdout(lines.join('\n') + '\n');
  return 0;
}

function show(scan: ScanResult, root: string, io: CliIO, json: boolean, what: string): number {
  const { index } = scan;
  let found: IndexedDecision[] = index.get(what);
  if (found.length === 0 && /[/\\]|\.(md|markdown)$/i.test(what)) {
    const path = normalize(what.startsWith('/') ? what : join(toPosix(resolve(io.cwd)), what));
    found = index.recordsIn(path);
    if (found.length === 0) found = index.recordsIn(join(root, what));
  }
  if (found.length === 0) {
    io.stderr(`decision-lens: no decision "${what}" in ${root}\n`);
    return 1;
  }
  if (json) {
    io.stdout(
      JSON.stringify(
        found.map((d) => ({
          ...decisionJson(index, root, d),
          sections: d.sections,
          citedIn: index.citationsOf(d).map((c) => ({ path: rel(root, c.path), line: c.range.start.line + 1, column: c.range.start.character + 1, text: c.text })),
          problems: d.problems,
        })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  io.stdout(found.map((d) => showDecision(index, root, d)).join('\n\n' + '-'.repeat(72) + '\n\n') + '\n');
  return 0;
}

function check(scan: ScanResult, root: string, io: CliIO, json: boolean): number {
  const problems = checkIndex(scan.index);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const infos = problems.length - errors - warnings;
  if (json) {
    io.stdout(
      JSON.stringify(
        problems.map((p) => ({ ...p, path: rel(root, p.path), line: p.range.start.line + 1, column: p.range.start.character + 1 })),
        null,
        2,
      ) + '\n',
    );
  } else {
    const lines = problems.map((p) => problemLine(root, p));
    const decisions = scan.index.decisions().length;
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(
      `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${infos > 0 ? `, ${infos} info` : ''} ` +
        `(${plural(decisions, 'decision')}, ${plural(scan.filesRead, 'file')} read)`,
    );
    io.stdout(lines.join('\n') + '\n');
  }
  return errors > 0 ? 1 : 0;
}

/** Runs when bundled as `dist/cli.js` (or run directly), not when a test imports this module. */
function isEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
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
