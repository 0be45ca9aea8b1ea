import * as vscode from 'vscode';
import { findCitations } from '../core/citations';
import type { ResolvedCitation } from '../core/index';
import type { WorkspaceIndexer } from './indexer';
import { pathOf } from './paths';

/**
 * @returns the citations in `document` whose range contains `position` (its end included, so a
 *   cursor right after `ADR-0005` still counts). When the line was edited after the document was
 *   last indexed, the line itself is read for citations (resolved through the index), so a
 *   citation just typed already answers.
 */
export function citationsAt(indexer: WorkspaceIndexer, document: vscode.TextDocument, position: vscode.Position): ResolvedCitation[] {
  // With no edits since the document was indexed, its positions are the index's own: only the
  // citations on this line are resolved, not the whole file's.
  const candidates = indexer.isStale(document) || !indexer.isIndexed(document)
    ? indexer.citationsFor(document)
    : indexer.index.citationsOnLine(pathOf(document.uri), position.line);
  const found = candidates.filter((c) => containsPosition(c.range, position));
  if (found.length > 0 || !indexer.isStale(document) || position.line >= document.lineCount) return found;
  const index = indexer.index;
  const path = pathOf(document.uri);
  const line = document.lineAt(position.line).text;
  const options = { prefixes: index.getCitationPrefixes(), languageId: document.languageId, fileName: path, commentsOnly: false };
  return findCitations(line, options)
    .map((c) => ({ ...c, range: new vscode.Range(position.line, c.range.start.character, position.line, c.range.end.character) }))
    .filter((c) => containsPosition(c.range, position))
    .map((c) => {
      const decision = index.resolveCitation(c, path);
      return decision ? { ...c, path, decision } : { ...c, path };
    });
}

/** @returns true when `range` holds `p`, its end included (a cursor right after a citation is on it). */
function containsPosition(range: ResolvedCitation['range'], p: vscode.Position): boolean {
  const { start, end } = range;
  if (p.line < start.line || p.line > end.line) return false;
  if (p.line === start.line && p.character < start.character) return false;
  if (p.line === end.line && p.character > end.character) return false;
  return true;
}
