/**
 * Renumber Decision: "Renumber Decision..." (palette and the Decisions view's context menu) and
 * Rename Symbol (F2) on a citation or on a record's own number move a decision to a new number and
 * rewrite every citation of it, in one WorkspaceEdit shown in the refactor preview and undone in
 * one step. The plan and its verification are `src/core/renumber.ts`; every write checks
 * workspace trust.
 */
import * as vscode from 'vscode';
import type { IndexedDecision, ResolvedCitation } from '../../core/index';
import { parseRecordWithPlaces } from '../../core/parse/parseRecord';
import type { RenumberPlan } from '../../core/renumber';
import { parseRecordNumber, renumberDigits } from '../../core/renumber';
import { editParseOptions, entryIndex } from '../../core/templates/edits';
import { citationsAt } from '../../host/citationsAt';
import type { WorkspaceIndexer } from '../../host/indexer';
import { pathOf } from '../../host/paths';
import { decisionName } from '../../host/presentation';
import { isWriteAllowed, requireTrust, untrustedMessage } from '../../host/trust';
import { decisionFromArg, pickDecision } from '../newDecision/decisionArgs';
import { RENUMBER_DECISION } from '../commands/ids';
import { defaultNumber, planFor, takenReason, workspaceEditOf } from './plan';

/**
 * Applies a verified plan as one WorkspaceEdit and saves the files that had no unsaved changes.
 * @param preview show the refactor preview first (the user applies or discards it there).
 * @returns true when the edit was applied.
 */
export async function applyRenumber(plan: RenumberPlan, preview: boolean): Promise<boolean> {
  // Checked again right before the write: trust can change while an input box is open.
  if (!requireTrust()) return false;
  const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => pathOf(d.uri)));
  const applied = await vscode.workspace.applyEdit(workspaceEditOf(plan, preview));
  if (!applied) return false;
  for (const f of plan.files) {
    if (dirty.has(f.path)) continue;
    const path = f.path === plan.oldPath ? plan.newPath : f.path;
    const doc = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === path);
    if (doc?.isDirty) await doc.save();
  }
  return true;
}

function reportSkipped(plan: RenumberPlan): void {
  if (plan.skipped.length === 0) return;
  const first = plan.skipped[0];
  void vscode.window.showWarningMessage(
    vscode.l10n.t('{0} citations of {1} were left as written: {2} ({3}).', String(plan.skipped.length), plan.decision.display, first.text, first.reason),
  );
}

/** Asks for the new number, the next free one offered; the input is checked as it is typed. */
async function askNumber(indexer: WorkspaceIndexer, d: IndexedDecision): Promise<number | undefined> {
  const { n, names } = await defaultNumber(indexer, d);
  const value = renumberDigits(d.identity.numberText ?? String(n), n);
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Renumber {0}', decisionName(d)),
    prompt: vscode.l10n.t('The new number of {0} (the next free one is {1}). Every citation of it is rewritten.', d.display, String(n)),
    value,
    validateInput: (text) => {
      const m = parseRecordNumber(text);
      if (m === undefined) return vscode.l10n.t('A positive whole number of at most nine digits.');
      if (m === d.identity.number) return vscode.l10n.t('{0} already has number {1}.', d.display, String(m));
      return takenReason(indexer, d, m, names);
    },
  });
  return answer === undefined ? undefined : parseRecordNumber(answer);
}

/**
 * The decision whose number is at a position: a citation of it (the digits of `ADR-0012`,
 * `@ADR(12)`, `0012-x.md`), or the record's own number in its heading or front matter.
 * @returns the decision and the range of the digits, or `undefined` when the position holds none.
 */
export function numberAt(indexer: WorkspaceIndexer, document: vscode.TextDocument, position: vscode.Position): { decision: IndexedDecision; range: vscode.Range } | undefined {
  const path = pathOf(document.uri);
  for (const d of indexer.index.recordsIn(path)) {
    const read = parseRecordWithPlaces(document.getText(), path, editParseOptions(d));
    const at = entryIndex(
      read.map((r) => r.decision),
      d,
    );
    for (const p of at >= 0 ? (read[at].places?.ids ?? []) : []) {
      const range = new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character);
      if (range.contains(position) && Number(p.raw) === d.identity.number) return { decision: d, range };
    }
  }
  for (const c of citationsAt(indexer, document, position)) {
    if (!c.decision || c.decision.identity.number === undefined) continue;
    return { decision: c.decision, range: digitsRange(document, c) };
  }
  return undefined;
}

/** The digits of the number inside a citation (the whole citation when they cannot be found). */
function digitsRange(document: vscode.TextDocument, c: ResolvedCitation): vscode.Range {
  const whole = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
  const text = document.getText(whole);
  const n = c.decision?.identity.number;
  const re = /\d+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (Number(m[0]) !== n) continue;
    const start = document.offsetAt(whole.start) + m.index;
    return new vscode.Range(document.positionAt(start), document.positionAt(start + m[0].length));
  }
  return whole;
}

/** Rename Symbol (F2) on a citation or a record's own number: the new name is the new number. */
export class DecisionRenameProvider implements vscode.RenameProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  prepareRename(document: vscode.TextDocument, position: vscode.Position): vscode.ProviderResult<{ range: vscode.Range; placeholder: string }> {
    return this.indexer.afterRecords(() => {
      const found = numberAt(this.indexer, document, position);
      if (!found) return undefined;
      if (!isWriteAllowed()) throw new Error(untrustedMessage());
      return { range: found.range, placeholder: document.getText(found.range) };
    });
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit | undefined> {
    await this.indexer.whenReady();
    const found = numberAt(this.indexer, document, position);
    if (!found) return undefined;
    if (!isWriteAllowed()) throw new Error(untrustedMessage());
    const n = parseRecordNumber(newName);
    if (n === undefined) throw new Error(vscode.l10n.t('The new name of {0} is its new number: a positive whole number of at most nine digits.', found.decision.display));
    const plan = await planFor(this.indexer, found.decision, n);
    if (!plan.ok) throw new Error(plan.message);
    reportSkipped(plan);
    return workspaceEditOf(plan, true);
  }
}

/** Registers the command and the rename provider. */
export function registerRenumber(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.languages.registerRenameProvider({ pattern: '**' }, new DecisionRenameProvider(indexer)),
    vscode.commands.registerCommand(RENUMBER_DECISION, async (arg?: unknown, numberArg?: unknown, options?: { preview?: boolean }): Promise<boolean> => {
      if (!requireTrust()) return false;
      await indexer.whenReady();
      let d = decisionFromArg(indexer, arg);
      if (!d) d = (await pickDecision(indexer, vscode.l10n.t('Renumber which decision?')))?.decision;
      if (!d) return false;
      if (d.identity.number === undefined) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} has no number; only numbered decisions can be renumbered.', decisionName(d)));
        return false;
      }
      const n = typeof numberArg === 'number' || typeof numberArg === 'string' ? parseRecordNumber(String(numberArg)) : await askNumber(indexer, d);
      if (n === undefined) return false;
      const plan = await planFor(indexer, d, n);
      if (!plan.ok) {
        void vscode.window.showErrorMessage(plan.message);
        return false;
      }
      const applied = await applyRenumber(plan, options?.preview !== false);
      if (applied) reportSkipped(plan);
      return applied;
    }),
  );
}
