/**
 * The editor's side of a renumber: reads the files the core plan needs (open documents first,
 * as VS Code would edit them), lists the record's folder, says which files may not be written,
 * and turns a verified {@link RenumberPlan} into one `vscode.WorkspaceEdit` (every text edit and
 * the record's rename, so one Undo restores all of it).
 */
import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import { dirname, isInsideAny } from '../../core/paths';
import type { NumberTakenElsewhere, RenumberPlan, RenumberRefusal } from '../../core/renumber';
import { nextFreeNumber, numberTaken, planRenumber, renumberReadPaths } from '../../core/renumber';
import { gitHistory } from '../../host/git';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel, toRange, uriOf } from '../../host/paths';
import { isWriteAllowed, untrustedMessage, workspaceRoots } from '../../host/trust';
import { readText } from '../newDecision/targets';

const sources = new Set<NumberTakenElsewhere>();

/**
 * Plug-in point for numbers taken outside the working tree (the git history: another branch, the
 * target ref of a merge). Every registered source is asked; a number any of them names is taken.
 * @returns a Disposable that removes the source.
 */
export function registerNumberSource(source: NumberTakenElsewhere): vscode.Disposable {
  sources.add(source);
  return new vscode.Disposable(() => sources.delete(source));
}

/** The registered sources as one {@link NumberTakenElsewhere}. */
export function takenElsewhere(): NumberTakenElsewhere | undefined {
  if (sources.size === 0) return undefined;
  return (folder, n) => {
    for (const s of sources) {
      const why = s(folder, n);
      if (why !== undefined) return why;
    }
    return undefined;
  };
}

/**
 * Names of the files in a decision's folder now and, from git, on the default ref (the upstream
 * branch, else `origin/HEAD`, else `main`/`master`), so a new number is free on both (none for a
 * decision log entry).
 */
export async function folderFileNames(d: IndexedDecision): Promise<string[]> {
  if (d.format === 'decision-log') return [];
  let here: string[] = [];
  try {
    here = (await vscode.workspace.fs.readDirectory(uriOf(dirname(d.path)))).map(([name]) => name);
  } catch {
    // none readable
  }
  const onRef = (await gitHistory()?.namesOnDefaultRef(d.folder.path).catch(() => [])) ?? [];
  return [...new Set([...here, ...onRef])];
}

/** The number a renumber of `d` offers first: the folder's next free one (see `core/renumber.ts`). */
export async function defaultNumber(indexer: WorkspaceIndexer, d: IndexedDecision): Promise<{ n: number; names: string[] }> {
  const names = await folderFileNames(d);
  return { n: nextFreeNumber(indexer.index, d, names, takenElsewhere()), names };
}

/** Why `n` cannot be the new number of `d`, or `undefined` when it is free. */
export function takenReason(indexer: WorkspaceIndexer, d: IndexedDecision, n: number, names: readonly string[]): string | undefined {
  return numberTaken(indexer.index, d, n, names, takenElsewhere());
}

/** Why a file may not be changed: Restricted Mode, outside the workspace folders, a read-only file system. */
function cannotWrite(path: string): string | undefined {
  if (!isWriteAllowed()) return untrustedMessage();
  if (!isInsideAny(path, workspaceRoots())) return vscode.l10n.t('it is outside the workspace folders');
  if (vscode.workspace.fs.isWritableFileSystem(uriOf(path).scheme) === false) return vscode.l10n.t('its file system is read-only');
  return undefined;
}

/**
 * Plans a renumber of `d` to `n` over the index as it is once pending updates are in.
 * @returns the verified plan, or the refusal's message.
 */
export async function planFor(indexer: WorkspaceIndexer, d: IndexedDecision, n: number): Promise<RenumberPlan | RenumberRefusal> {
  await indexer.whenIdle();
  const index = indexer.index;
  const texts = new Map<string, string | undefined>();
  await Promise.all(renumberReadPaths(index, d).map(async (p) => texts.set(p, await readText(uriOf(p)))));
  return planRenumber({
    index,
    decision: d,
    newNumber: n,
    readText: (p) => texts.get(p),
    folderFileNames: await folderFileNames(d),
    takenElsewhere: takenElsewhere(),
    cannotWrite,
    citationOptions: { commentsOnly: vscode.workspace.getConfiguration('decisionLens').get<boolean>('citations.commentsOnly', true) },
  });
}

/**
 * One WorkspaceEdit for a plan: every text edit (on the files as they are named now) and then the
 * record's rename (never over an existing file).
 * @param needsConfirmation show it in the refactor preview before it is applied.
 */
export function workspaceEditOf(plan: RenumberPlan, needsConfirmation: boolean): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const label = vscode.l10n.t('Renumber {0} to {1}', plan.decision.display, plan.newDisplay);
  for (const f of plan.files) {
    const uri = uriOf(f.path);
    const metadata: vscode.WorkspaceEditEntryMetadata = {
      needsConfirmation,
      label,
      description: vscode.l10n.t('{0} citations', String(f.citations)),
    };
    for (const e of f.edits) edit.replace(uri, toRange(e.range), e.newText, metadata);
  }
  if (plan.newPath !== plan.oldPath) {
    edit.renameFile(uriOf(plan.oldPath), uriOf(plan.newPath), { overwrite: false }, {
      needsConfirmation,
      label,
      description: relativeLabel(plan.newPath),
    });
  }
  return edit;
}
