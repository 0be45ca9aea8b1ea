import * as vscode from 'vscode';
import { dirname, relative } from '../../core/paths';
import type { CitationTarget } from '../../core/templates/citation';
import { citationComment, citationInsertion, hasLineComments } from '../../core/templates/citation';
import type { WorkspaceIndexer } from '../../host/indexer';
import { isWorkspaceFile, pathOf, toRange } from '../../host/paths';
import { requireTrust } from '../../host/trust';

/** Where the user was in code when they started a new decision: the place a citation can go. */
export interface CiteSpot {
  readonly uri: vscode.Uri;
  /** Start of the selection. */
  readonly line: number;
  readonly character: number;
  readonly languageId: string;
}

/**
 * The active editor's selection as a place for a citation: only a non-empty selection in a
 * workspace file that is not itself a decision record.
 */
export function captureCiteSpot(indexer: WorkspaceIndexer): CiteSpot | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty || !isWorkspaceFile(editor.document.uri)) return undefined;
  if (indexer.index.recordsIn(pathOf(editor.document.uri)).length > 0) return undefined;
  const start = editor.selection.start;
  return { uri: editor.document.uri, line: start.line, character: 0, languageId: editor.document.languageId };
}

/** What a citation needs to know about the decision: its id, title and file. */
export interface CitedDecision {
  readonly display: string;
  readonly title: string;
  readonly uri: vscode.Uri;
  /** True for records without a number (log4brains' date-slug ids), which are cited by path. */
  readonly slugId: boolean;
}

/**
 * Inserts a citation comment in the file's comment syntax at a place (see `citationInsertion`:
 * on an empty line, after the code at the end of a line, or on a new line above). The id and
 * title are made safe for the comment (`citationComment`). Refused in Restricted Mode.
 * @returns true when the edit was applied.
 */
export async function insertCitation(uri: vscode.Uri, position: vscode.Position, decision: CitedDecision): Promise<boolean> {
  if (!requireTrust()) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  const target: CitationTarget = {
    display: decision.display,
    title: decision.title,
    relativePath: vscode.workspace.asRelativePath(decision.uri, false),
    slugId: decision.slugId,
  };
  const href = relative(dirname(pathOf(uri)), pathOf(decision.uri));
  const comment = citationComment(document.languageId, uri.path, target, href);
  const line = Math.min(position.line, document.lineCount - 1);
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const insertion = citationInsertion(document.lineAt(line).text, line, position.character, comment, eol, hasLineComments(document.languageId, uri.path), nearbyIndent(document, line));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, toRange({ start: insertion.position, end: insertion.position }).start, insertion.text);
  return vscode.workspace.applyEdit(edit);
}

/** Asks whether to cite a just-created decision at the place the user had selected, and does so. */
export async function offerCitation(spot: CiteSpot, created: { display: string; title: string; uri: vscode.Uri; slugId: boolean }): Promise<void> {
  const insert = vscode.l10n.t('Insert Citation');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Cite {0} in {1} at line {2}?', created.display, vscode.workspace.asRelativePath(spot.uri), spot.line + 1),
    insert,
  );
  if (answer !== insert) return;
  await insertCitation(spot.uri, new vscode.Position(spot.line, spot.character), created);
}

/** The indentation of the first non-empty line below `line` (or above it, at the end of a file). */
function nearbyIndent(document: vscode.TextDocument, line: number): string {
  for (const step of [1, -1]) {
    for (let i = line + step; i >= 0 && i < document.lineCount; i += step) {
      const text = document.lineAt(i).text;
      if (text.trim() !== '') return /^[ \t]*/.exec(text)?.[0] ?? '';
    }
  }
  return '';
}
