/**
 * `decision-lens renumber <id> [<new>]`: moves a decision to a new number (default: the folder's
 * next free one, as `new` numbers a record) and rewrites every citation of it in code, documents,
 * other records and logs, each in its own form (`src/core/renumber.ts`). The plan is verified in
 * memory before anything is written; `--dry-run` prints the unified diff (the record's rename as
 * `a/<old> b/<new>`).
 */
import { readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { DecisionIndex } from '../../core/index';
import { dirname } from '../../core/paths';
import type { NumberTakenElsewhere, RenumberPlan } from '../../core/renumber';
import { nextFreeNumber, parseRecordNumber, planRenumber } from '../../core/renumber';
import { rel } from '../format';
import { toNative } from '../nodeWorkspace';
import type { EditIO, EditOptions } from './shared';
import { EditFailure, findOne, insideRoot, readRecordFile, unifiedDiff } from './shared';

/**
 * Runs `renumber`.
 * @param args the decision (an id as cited or a path) and, optionally, the new number (`15`, `0015`, `ADR-0015`).
 * @param takenElsewhere numbers taken outside the working tree (another branch: the git history's hook).
 * @returns exit code 0 (renumbered, or the diff printed).
 * @throws {EditFailure} (exit 1) when the number is taken, a file cannot be read or written, or the
 *   plan does not verify; (exit 2) for bad arguments. Nothing is written then.
 */
export function renumberCommand(index: DecisionIndex, args: readonly string[], options: EditOptions, io: EditIO, takenElsewhere?: NumberTakenElsewhere): number {
  if (args.length < 1 || args.length > 2) throw new EditFailure('renumber takes a decision and, optionally, its new number: decision-lens renumber ADR-0012 15', 2);
  const d = findOne(index, options.root, io.cwd, args[0]);
  const names = d.format === 'decision-log' ? [] : listFolder(dirname(d.path));
  let newNumber: number;
  if (args.length === 2) {
    const n = parseRecordNumber(args[1]);
    if (n === undefined) throw new EditFailure(`the new number must be a positive whole number of at most nine digits, not "${args[1]}"`, 2);
    newNumber = n;
  } else {
    newNumber = nextFreeNumber(index, d, names, takenElsewhere);
  }
  const plan = planRenumber({
    index,
    decision: d,
    newNumber,
    folderFileNames: names,
    ...(takenElsewhere ? { takenElsewhere } : {}),
    readText: (path) => {
      try {
        return readRecordFile(path).text;
      } catch {
        return undefined;
      }
    },
    cannotWrite: (path) => {
      try {
        insideRoot(options.root, path);
        return undefined;
      } catch {
        return `it is outside --root ${options.root}`;
      }
    },
  });
  if (!plan.ok) throw new EditFailure(plan.message);
  for (const s of plan.skipped) {
    io.stderr(`decision-lens: warning: ${rel(options.root, s.path)}:${s.range.start.line + 1}:${s.range.start.character + 1}: left as written (${s.reason}): ${s.text}\n`);
  }
  if (options.dryRun) {
    for (const f of plan.files) io.stdout(fileDiff(options.root, plan, f.path, f.before, f.after));
    return 0;
  }
  write(options, plan);
  const files = plan.files.filter((f) => f.after !== f.before || f.path === plan.oldPath).length;
  const moved = plan.newPath === plan.oldPath ? rel(options.root, plan.oldPath) : `${rel(options.root, plan.oldPath)} -> ${rel(options.root, plan.newPath)}`;
  io.stdout(`${d.display} -> ${plan.newDisplay}: ${moved}; ${plan.citations} citation${plan.citations === 1 ? '' : 's'} rewritten in ${files} file${files === 1 ? '' : 's'}\n`);
  return 0;
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(toNative(folder));
  } catch (error) {
    throw new EditFailure(`cannot list ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The diff of one file; the record's file is shown moved (`a/<old>` → `b/<new>`). */
function fileDiff(root: string, plan: RenumberPlan, path: string, before: string, after: string): string {
  if (path !== plan.oldPath || plan.newPath === plan.oldPath) return before === after ? '' : unifiedDiff(root, path, before, after);
  const show = (t: string): string => t.replace(/\r(?!\n)/g, '\n');
  const patch = createTwoFilesPatch(`a/${rel(root, plan.oldPath)}`, `b/${rel(root, plan.newPath)}`, show(before), show(after), '', '', { context: 3 }).replace(/^=+\n/, '');
  return before === after ? patch.replace(/\n?$/, '\n') : patch;
}

/**
 * Writes a verified plan: every file checked unchanged since it was read, then the citing files
 * written, the record created exclusively under its new name (an existing file is never
 * overwritten) and the old name removed.
 * @throws {EditFailure} when a file changed meanwhile or the new name exists (nothing written then).
 */
function write(options: EditOptions, plan: RenumberPlan): void {
  for (const f of plan.files) {
    insideRoot(options.root, f.path);
    if (readRecordFile(f.path).text !== f.before) throw new EditFailure(`${rel(options.root, f.path)} changed while it was being edited; nothing was written`);
  }
  if (plan.newPath !== plan.oldPath) {
    insideRoot(options.root, plan.newPath);
    // Claim the new name exclusively, then move the record onto it (its mode and history stay).
    try {
      writeFileSync(toNative(plan.newPath), '', { flag: 'wx' });
    } catch (error) {
      throw new EditFailure(`cannot create ${rel(options.root, plan.newPath)}: ${error instanceof Error ? error.message : String(error)}; nothing was written`);
    }
    try {
      renameSync(toNative(plan.oldPath), toNative(plan.newPath));
    } catch (error) {
      unlinkSync(toNative(plan.newPath));
      throw new EditFailure(`cannot rename ${rel(options.root, plan.oldPath)}: ${error instanceof Error ? error.message : String(error)}; nothing was written`);
    }
  }
  for (const f of plan.files) {
    const path = f.path === plan.oldPath ? plan.newPath : f.path;
    if (f.after !== f.before) writeFileSync(toNative(path), f.after, 'utf8');
  }
}
