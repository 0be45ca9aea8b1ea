import * as vscode from 'vscode';
import type { DecisionIndex, IndexedDecision, ResolvedCitation } from '../../core/index';
import { citationsAt } from '../../host/citationsAt';
import type { WorkspaceIndexer } from '../../host/indexer';
import { pathOf, toRange, uriOf } from '../../host/paths';
import { decisionLocation, decisionName, statusLabel } from '../../host/presentation';
import { registerGoToDecision } from '../commands/goToDecision';

/** Go to Definition on a citation: the cited record's title (every record, for duplicate ids). */
export class CitationDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.ProviderResult<vscode.Location[]> {
    // While a large workspace's records are still being read: the cited record, read now.
    const early = (): { value: vscode.Location[] | undefined } | undefined => {
      const found = this.indexer.earlyCitationsAt(document, position);
      return found && { value: locationsOf(found.index, found.citations) };
    };
    return this.indexer.answerEarly(early, () => locationsOf(this.indexer.index, citationsAt(this.indexer, document, position)));
  }
}

/** @returns where the decisions `citations` name are written (every record of a duplicate id), or `undefined` for none. */
function locationsOf(index: DecisionIndex, citations: readonly ResolvedCitation[]): vscode.Location[] | undefined {
  const decisions = citations.map((c) => c.decision).filter((d): d is IndexedDecision => d !== undefined);
  if (decisions.length === 0) return undefined;
  const out: vscode.Location[] = [];
  for (const d of decisions) {
    for (const same of index.get(d.key)) out.push(decisionLocation(same));
  }
  return dedupe(out);
}

/** Document links on citations that resolve; the target opens the record at its title line. */
export class CitationLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    const targets = new Map<IndexedDecision, vscode.Uri>();
    for (const c of this.indexer.citationsFor(document)) {
      if (token.isCancellationRequested) break;
      const d = c.decision;
      // Markdown links are already links in Markdown files; do not add a second one.
      if (!d || c.form === 'link') continue;
      let target = targets.get(d);
      if (!target) targets.set(d, (target = uriOf(d.path).with({ fragment: `L${d.titleRange.start.line + 1}` })));
      const link = new vscode.DocumentLink(toRange(c.range), target);
      link.tooltip = vscode.l10n.t('Open {0}', decisionName(d));
      links.push(link);
    }
    return links;
  }
}

/**
 * Find All References:
 * - inside a decision record (its title or anywhere in it; the entry under the cursor in a log):
 *   every citation of that decision;
 * - on a citation: every citation of the cited decision.
 * The record's title is included when the request asks for the declaration.
 */
export class DecisionReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.ProviderResult<vscode.Location[]> {
    return this.indexer.afterRecords(() => this.referencesAt(document, position, context));
  }

  private referencesAt(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    const cited = citationsAt(this.indexer, document, position)
      .map((c) => c.decision)
      .filter((d): d is IndexedDecision => d !== undefined);
    const index = this.indexer.index;
    const decisions = cited.length > 0 ? cited : index.recordsIn(pathOf(document.uri)).filter((d) => position.line >= d.range.start.line && position.line <= d.range.end.line);
    if (decisions.length === 0) return undefined;
    const out: vscode.Location[] = [];
    const uris = new Map<string, vscode.Uri>();
    for (const d of decisions) {
      if (context.includeDeclaration) out.push(decisionLocation(d));
      for (const c of this.indexer.citationsOf(d)) {
        let uri = uris.get(c.path);
        if (!uri) uris.set(c.path, (uri = uriOf(c.path)));
        out.push(new vscode.Location(uri, toRange(c.range)));
      }
    }
    return dedupe(out);
  }
}

/** Workspace symbols (Ctrl+T): one per decision, `ADR-0005 Use webhooks`, matched on id and title. */
export class DecisionSymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideWorkspaceSymbols(query: string, token: vscode.CancellationToken): vscode.SymbolInformation[] {
    const q = query.toLowerCase().replace(/\s+/g, '');
    const out: vscode.SymbolInformation[] = [];
    for (const d of this.indexer.index.decisions()) {
      if (token.isCancellationRequested) break;
      const name = decisionName(d);
      if (q !== '' && !fuzzyContains(name.toLowerCase(), q) && !fuzzyContains(d.key.toLowerCase(), q)) continue;
      out.push(new vscode.SymbolInformation(name, vscode.SymbolKind.File, statusLabel(d), decisionLocation(d)));
    }
    return out;
  }
}

/** True when the characters of `query` occur in `text` in order (VS Code's symbol matching style). */
function fuzzyContains(text: string, query: string): boolean {
  let i = 0;
  for (const ch of text) {
    if (ch === query[i]) i++;
    if (i === query.length) return true;
  }
  return i === query.length;
}

function dedupe(locations: vscode.Location[]): vscode.Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const k = `${l.uri.toString()}#${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Registers definition, link, reference and workspace symbol providers and "Go to Decision...". */
export function registerNavigation(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): void {
  const all: vscode.DocumentSelector = { pattern: '**' };
  context.subscriptions.push(
    vscode.languages.registerDefinitionProvider(all, new CitationDefinitionProvider(indexer)),
    vscode.languages.registerDocumentLinkProvider(all, new CitationLinkProvider(indexer)),
    vscode.languages.registerReferenceProvider(all, new DecisionReferenceProvider(indexer)),
    vscode.languages.registerWorkspaceSymbolProvider(new DecisionSymbolProvider(indexer)),
  );
  registerGoToDecision(context, indexer);
}
