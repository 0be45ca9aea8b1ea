import type * as vscode from 'vscode';
import type { ResolvedCitation } from '../core/index';
import type { WorkspaceIndexer } from './indexer';
import { pathOf } from './paths';

/**
 * @returns the citations in `document` whose range contains `position` (its end included, so a
 *   cursor right after `ADR-0005` still counts), after syncing the document into the index.
 */
export function citationsAt(indexer: WorkspaceIndexer, document: vscode.TextDocument, position: vscode.Position): ResolvedCitation[] {
  if (!indexer.syncDocument(document)) return [];
  return indexer.index.citationsIn(pathOf(document.uri)).filter((c) => contains(c.range, position));
}

function contains(range: ResolvedCitation['range'], p: vscode.Position): boolean {
  const { start, end } = range;
  if (p.line < start.line || p.line > end.line) return false;
  if (p.line === start.line && p.character < start.character) return false;
  if (p.line === end.line && p.character > end.character) return false;
  return true;
}
