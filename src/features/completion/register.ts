import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import type { WorkspaceIndexer } from '../../host/indexer';
import { isWorkspaceFile } from '../../host/paths';
import { appendFileText, statusLabel, trimText } from '../../host/presentation';
import { STATUS_ORDER } from '../tree/grouping';
import { citationBeingTyped } from './typedCitation';

/** Characters after which completion opens by itself: `ADR-`, `@ADR(`. */
export const TRIGGER_CHARACTERS = ['-', '('];

/**
 * Completion of decision ids while a citation is typed (`ADR-` in a comment, `@decision(`):
 * one item per decision with that prefix, labelled with the id as displayed (`ADR-0005`), the
 * title and status as detail, and the decision itself as documentation (escaped). Superseded,
 * deprecated and rejected decisions sort last and are shown struck through.
 */
export class DecisionCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.CompletionItem[] | undefined {
    if (!isWorkspaceFile(document.uri) && document.uri.scheme !== 'untitled') return undefined;
    const index = this.indexer.index;
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const typed = citationBeingTyped(linePrefix, index.getCitationPrefixes());
    if (!typed || token.isCancellationRequested) return undefined;
    const range = new vscode.Range(position.line, typed.start, position.line, position.character);
    const items: vscode.CompletionItem[] = [];
    for (const d of index.decisions()) {
      if (typed.prefix !== undefined && d.prefix !== typed.prefix) continue;
      items.push(this.item(d, range));
    }
    return items;
  }

  private item(d: IndexedDecision, range: vscode.Range): vscode.CompletionItem {
    const item = new vscode.CompletionItem({ label: d.display, description: statusLabel(d) }, vscode.CompletionItemKind.Reference);
    item.detail = d.title;
    item.insertText = d.display;
    item.range = range;
    item.filterText = `${d.display} ${d.key} ${d.title}`;
    const rank = STATUS_ORDER.indexOf(d.status.kind);
    const stale = d.status.kind === 'superseded' || d.status.kind === 'deprecated' || d.status.kind === 'rejected';
    item.sortText = `${stale ? 1 : 0}${String(rank).padStart(2, '0')}${String(d.identity.number ?? 999999999).padStart(10, '0')}${d.display}`;
    if (stale) item.tags = [vscode.CompletionItemTag.Deprecated];
    const summary = d.sections.decision ?? d.sections.chosenOption ?? d.sections.context;
    const md = new vscode.MarkdownString('', true);
    md.supportHtml = false;
    appendFileText(md, [d.display, d.title].join(' '));
    md.appendMarkdown('\n\n');
    appendFileText(md, [statusLabel(d), d.date].filter((s) => s).join(' · '));
    if (summary) {
      md.appendMarkdown('\n\n');
      appendFileText(md, trimText(summary, 300));
    }
    item.documentation = md;
    return item;
  }
}

/** Registers decision id completion for every file. */
export function registerCompletion(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider({ pattern: '**' }, new DecisionCompletionProvider(indexer), ...TRIGGER_CHARACTERS),
  );
}
