import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import type { WorkspaceIndexer } from '../../host/indexer';
import { pathOf, toRange, uriOf } from '../../host/paths';
import { statusLabel } from '../../host/presentation';
import { readSettings } from '../../host/settings';
import { OPEN_DECISION, SHOW_CITATIONS } from '../commands/ids';

/** Most lenses of a file whose titles and commands come with them (beyond, VS Code resolves the visible ones). */
const EAGER_LENSES = 500;

/** What a lens stands for; the command is filled in by `resolveCodeLens`. */
type LensData =
  | { readonly kind: 'citation'; readonly decision: IndexedDecision }
  | { readonly kind: 'governed'; readonly decision: IndexedDecision }
  | { readonly kind: 'governed-many'; readonly uri: vscode.Uri; readonly decisions: readonly IndexedDecision[] }
  | { readonly kind: 'cited-in'; readonly decision: IndexedDecision };

class DecisionLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly data: LensData,
  ) {
    super(range);
  }
}

/** More governing decisions than this are summarised in one lens. */
const MAX_GOVERNED_LENSES = 3;

/**
 * CodeLens on three kinds of lines (each can be turned off in `decisionLens.codeLens.*`):
 * - a line citing a decision: `ADR-0005 · Use webhooks · accepted`, opens it;
 * - the top of a file governed by decisions through `applies-to` globs: `Governed by ADR-0007 · ...`;
 * - the title of a decision record: `cited in N places`, opens the references view.
 * `provideCodeLenses` gives titles and commands with the lenses for up to {@link EAGER_LENSES}
 * lenses; in a larger file it only places them, and `resolveCodeLens` builds those VS Code shows.
 */
export class DecisionCodeLensProvider implements vscode.CodeLensProvider<DecisionLens> {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses: vscode.Event<void> = this.changeEmitter.event;

  constructor(private readonly indexer: WorkspaceIndexer) {}

  /** Asks VS Code for new lenses (after index or settings changes). */
  refresh(): void {
    this.changeEmitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): DecisionLens[] {
    if (!this.indexer.isIndexed(document) || token.isCancellationRequested) return [];
    const settings = readSettings(document.uri).codeLens;
    const index = this.indexer.index;
    const path = pathOf(document.uri);
    const lenses: DecisionLens[] = [];

    if (settings.citations) {
      const seen = new Set<string>();
      for (const c of this.indexer.citationsFor(document)) {
        const d = c.decision;
        if (!d) continue;
        const key = `${c.range.start.line}:${d.path}#${d.range.start.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const line = c.range.start.line;
        lenses.push(new DecisionLens(new vscode.Range(line, 0, line, 0), { kind: 'citation', decision: d }));
      }
    }

    const records = index.recordsIn(path);
    if (settings.governed && records.length === 0) {
      const root = this.indexer.rootOf(path);
      const governing = root ? index.governing(path, root) : [];
      const top = new vscode.Range(0, 0, 0, 0);
      if (governing.length > MAX_GOVERNED_LENSES) {
        lenses.push(new DecisionLens(top, { kind: 'governed-many', uri: document.uri, decisions: governing }));
      } else {
        for (const d of governing) lenses.push(new DecisionLens(top, { kind: 'governed', decision: d }));
      }
    }

    if (settings.citedIn) {
      for (const d of records) {
        const line = d.titleRange.start.line;
        lenses.push(new DecisionLens(new vscode.Range(line, 0, line, 0), { kind: 'cited-in', decision: d }));
      }
    }
    // Titles cost microseconds, a resolve a round trip to the workbench per lens: a file of
    // ordinary size gets them now, in one answer.
    if (lenses.length <= EAGER_LENSES) for (const lens of lenses) this.resolveCodeLens(lens);
    return lenses;
  }

  resolveCodeLens(lens: DecisionLens): DecisionLens {
    const data = lens.data;
    switch (data.kind) {
      case 'citation': {
        const d = data.decision;
        const title = [d.display, d.title, statusLabel(d)].filter((s) => s !== '').join(' · ');
        lens.command = { title, tooltip: vscode.l10n.t('Open {0}', d.display), command: OPEN_DECISION, arguments: [d.key, d.path, d.range.start.line] };
        break;
      }
      case 'governed': {
        const d = data.decision;
        const title = vscode.l10n.t('Governed by {0}', [d.display, d.title, statusLabel(d)].filter((s) => s !== '').join(' · '));
        lens.command = { title, tooltip: vscode.l10n.t('Open {0}', d.display), command: OPEN_DECISION, arguments: [d.key, d.path, d.range.start.line] };
        break;
      }
      case 'governed-many': {
        const ids = data.decisions.map((d) => d.display);
        const locations = data.decisions.map((d) => new vscode.Location(uriOf(d.path), toRange(d.titleRange)));
        lens.command = {
          title: vscode.l10n.t('Governed by {0} decisions: {1}', ids.length, ids.join(', ')),
          tooltip: vscode.l10n.t('Show the decisions that govern this file'),
          command: 'editor.action.showReferences',
          arguments: [data.uri, lens.range.start, locations],
        };
        break;
      }
      case 'cited-in': {
        const d = data.decision;
        const n = this.indexer.citationsOf(d).length;
        const title = n === 1 ? vscode.l10n.t('cited in 1 place') : vscode.l10n.t('cited in {0} places', n);
        lens.command =
          n === 0
            ? { title, command: '' }
            : { title, tooltip: vscode.l10n.t('Show the citations of {0}', d.display), command: SHOW_CITATIONS, arguments: [d.key, d.path, d.range.start.line] };
        break;
      }
    }
    return lens;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Registers the CodeLens provider for every file and refreshes it on index and setting changes. */
export function registerCodeLens(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): DecisionCodeLensProvider {
  const provider = new DecisionCodeLensProvider(indexer);
  let timer: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider({ pattern: '**' }, provider),
    indexer.onDidChange(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => provider.refresh(), 100);
    }),
    { dispose: () => timer && clearTimeout(timer) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('decisionLens.codeLens')) provider.refresh();
    }),
  );
  return provider;
}
