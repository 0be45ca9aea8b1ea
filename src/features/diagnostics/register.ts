import * as vscode from 'vscode';
import { checkIndex, shortestPath } from '../../core/checks';
import type { IndexChange } from '../../core/index';
import type { Problem } from '../../core/model';
import { citationsAt } from '../../host/citationsAt';
import { gitHistory } from '../../host/git';
import type { WorkspaceIndexer } from '../../host/indexer';
import { folderOfPath, pathOf, toRange, uriOf } from '../../host/paths';
import { isWriteAllowed } from '../../host/trust';
import type { Settings } from '../../host/settings';
import { readSettings, toDiagnosticSeverity } from '../../host/settings';
import { successorCitationText } from './successorCitation';

/** `Diagnostic.source` of every Decision Lens diagnostic. */
export const DIAGNOSTIC_SOURCE = 'Decision Lens';

/** Check codes whose quick fix cites the successor. */
const STALE_CITATION_CODES = new Set(['cites-superseded']);
/** Check codes shown struck through (the cited decision no longer holds). */
const DEPRECATED_TAG_CODES = new Set(['cites-superseded', 'cites-deprecated']);
/** Quiet time (ms) after index changes before the checks run again. */
const CHECK_DEBOUNCE_MS = 300;

/**
 * Shows the problems of `checkIndex` (the checks `decision-lens check` runs in CI) as diagnostics:
 * unknown decisions, citations of superseded / deprecated / rejected decisions, duplicate ids,
 * broken and one-way relations, unreadable records. The severity of each check comes from
 * `decisionLens.diagnostics.severity` (per file), `off` hides it.
 *
 * After a change of citations only, only the changed files are checked again; after a change of
 * records, everything is.
 */
export class DecisionDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('decisionLens');
  /** Files with diagnostics shown → a fingerprint of them (to send only what changed). */
  private shown = new Map<string, string>();
  private pendingPaths = new Set<string>();
  private pendingAll = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly indexer: WorkspaceIndexer) {
    this.subscriptions.push(
      indexer.onDidChange((change) => this.schedule(change)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('decisionLens.diagnostics')) this.schedule({ paths: [], records: true, citations: true });
      }),
      gitHistory()?.onDidChange(() => this.schedule({ paths: [], records: true, citations: true })) ?? { dispose: () => undefined },
    );
  }

  /** Runs the checks now for everything (or the pending paths) and updates the collection. */
  update(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    let all = this.pendingAll;
    const wait = this.indexer.startupLeftMs();
    if (all && wait > 0) {
      // The workbench is starting: checking every file and sending hundreds of files of
      // diagnostics would keep it and the extension host busy. The open documents now,
      // everything when it has started.
      this.addOpenDocuments();
      all = false;
      this.timer = setTimeout(() => this.update(), wait);
    } else {
      this.pendingAll = false;
    }
    const paths = this.pendingPaths;
    this.pendingPaths = new Set();
    // Number collisions with the default ref and applies-to globs that match no file, from git (host/git.ts).
    const problems = [...checkIndex(this.indexer.index, all ? {} : { paths }), ...(gitHistory()?.problems(all ? undefined : paths) ?? [])];
    const byPath = new Map<string, vscode.Diagnostic[]>();
    const settingsCache = new Map<string, Settings>();
    for (const problem of problems) {
      const diagnostic = this.toDiagnostic(problem, settingsCache);
      if (!diagnostic) continue;
      let list = byPath.get(problem.path);
      if (!list) byPath.set(problem.path, (list = []));
      list.push(diagnostic);
    }
    // Only what changed goes to the workbench, in one message: a record edit re-checks the whole
    // workspace, and re-sending every file's diagnostics (hundreds of files) kept the workbench
    // busy for a second after each keystroke's re-index.
    const entries: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    const stale = all ? [...this.shown.keys()] : [...paths].filter((p) => this.shown.has(p));
    for (const path of stale) {
      if (!byPath.has(path)) {
        entries.push([uriOf(path), undefined]);
        this.shown.delete(path);
      }
    }
    for (const [path, diagnostics] of byPath) {
      const key = fingerprint(diagnostics);
      if (this.shown.get(path) === key) continue;
      // `[uri, undefined]` resets the file in the batch (its tuples are merged).
      entries.push([uriOf(path), undefined], [uriOf(path), diagnostics]);
      this.shown.set(path, key);
    }
    if (entries.length > 0) this.collection.set(entries);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.collection.dispose();
  }

  private schedule(change: IndexChange): void {
    if (change.partial) {
      // The first build's records are in, citations elsewhere are still being read: the open
      // documents now, everything when the build is done (its last change is not partial).
      this.addOpenDocuments();
    } else if (change.records || change.paths.length === 0) this.pendingAll = true;
    else for (const p of change.paths) this.pendingPaths.add(p);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), CHECK_DEBOUNCE_MS);
  }

  /** Adds the open documents of the indexed workspace to the paths the next update checks. */
  private addOpenDocuments(): void {
    for (const d of vscode.workspace.textDocuments) if (this.indexer.isIndexed(d)) this.pendingPaths.add(pathOf(d.uri));
  }

  private toDiagnostic(problem: Problem, cache: Map<string, Settings>): vscode.Diagnostic | undefined {
    const folder = folderOfPath(problem.path);
    const cacheKey = folder?.uri.toString() ?? '';
    let settings = cache.get(cacheKey);
    if (!settings) cache.set(cacheKey, (settings = readSettings(folder?.uri)));
    if (!settings.diagnosticsEnabled) return undefined;
    const fallback =
      problem.severity === 'error'
        ? vscode.DiagnosticSeverity.Error
        : problem.severity === 'warning'
          ? vscode.DiagnosticSeverity.Warning
          : vscode.DiagnosticSeverity.Information;
    const severity = toDiagnosticSeverity(settings.severity[problem.code], fallback);
    if (severity === undefined) return undefined;
    const diagnostic = new vscode.Diagnostic(toRange(problem.range), problem.message, severity);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = problem.code;
    if (DEPRECATED_TAG_CODES.has(problem.code)) diagnostic.tags = [vscode.DiagnosticTag.Deprecated];
    return diagnostic;
  }
}

/** @returns a string equal for two lists of diagnostics exactly when they show the same. */
function fingerprint(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, String(d.code), d.message, d.tags ?? []]),
  );
}

/**
 * Quick fix for a citation of a superseded decision: cite its (latest) successor instead. Offered
 * only in a trusted workspace, and only when the new text is a plain citation (a successor id
 * from front matter such as `<script>` is never inserted; see `successorCitationText`).
 */
export class CiteSuccessorCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    // A quick fix writes into the file: none in Restricted Mode (see `host/trust.ts`).
    if (!isWriteAllowed()) return actions;
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !STALE_CITATION_CODES.has(String(diagnostic.code))) continue;
      const citation = citationsAt(this.indexer, document, diagnostic.range.start).find((c) => c.decision);
      if (!citation?.decision) continue;
      const successor = this.indexer.index.latestSuccessorOf(citation.decision);
      if (!successor) continue;
      const text = successorCitationText(citation, successor);
      if (text === undefined || text === citation.text) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Cite {0} ({1}) instead', successor.display, successor.title), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toRange(citation.range), text);
      actions.push(action);
    }
    return actions;
  }
}

/**
 * Quick fixes for an ambiguous citation (`@ADR(28)` with two records numbered 28): one per record,
 * naming its path right after the citation (`ADR-0028 (docs/adr/0028-x.md)`; a `/* path *\/`
 * comment after an annotation), which settles it: a path in the same sentence picks the candidate.
 */
export class CiteByPathCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly indexer: WorkspaceIndexer) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== 'ambiguous-citation') continue;
      const citation = citationsAt(this.indexer, document, diagnostic.range.start).find((c) => c.candidates !== undefined);
      if (!citation?.candidates) continue;
      for (const d of citation.candidates) {
        const path = shortestPath(citation.path, d);
        const action = new vscode.CodeAction(vscode.l10n.t('Cite {0} ({1}) by path', d.display, path), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = new vscode.WorkspaceEdit();
        action.edit.insert(document.uri, toRange(citation.range).end, citation.form === 'annotation' ? ` /* ${path} */` : ` (${path})`);
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Registers the diagnostics and the "cite the successor" quick fix. */
export function registerDiagnostics(context: vscode.ExtensionContext, indexer: WorkspaceIndexer): DecisionDiagnostics {
  const diagnostics = new DecisionDiagnostics(indexer);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new CiteSuccessorCodeActionProvider(indexer), {
      providedCodeActionKinds: CiteSuccessorCodeActionProvider.kinds,
    }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new CiteByPathCodeActionProvider(indexer), {
      providedCodeActionKinds: CiteByPathCodeActionProvider.kinds,
    }),
  );
  return diagnostics;
}
