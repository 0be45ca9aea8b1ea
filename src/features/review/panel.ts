import * as vscode from 'vscode';
import { bundlePage, bundleWebviewOptions } from '../../host/webviewPage';
import type { Agenda, AgendaWords } from '../../core/agenda';
import { agendaMarkdown, buildAgenda } from '../../core/agenda';
import { gitFactLines } from '../history/lines';
import type { IndexedDecision } from '../../core/index';
import type { Logger } from '../../core/ports';
import { isSafeLinkTarget } from '../../core/render/safeMarkdown';
import { dirname, isInsideAny, join, normalize } from '../../core/paths';
import type { WorkspaceIndexer } from '../../host/indexer';
import { relativeLabel, uriOf } from '../../host/paths';
import { openDecision } from '../../host/presentation';
import { isWriteAllowed, requireTrust, workspaceRoots } from '../../host/trust';
import { changeStatus } from '../commands/changeStatus';
import { SUPERSEDE } from '../commands/ids';
import type { HostMessage, ReviewAction, ReviewLabels, WebviewMessage } from './protocol';
import { REVIEW_VIEW_TYPE, isReviewState, isWebviewMessage } from './protocol';

/** The decisions a review is about: who they are (path and key) and how the set was chosen. */
export interface ReviewSet {
  /** `Proposed decisions`, `Changed on this branch`, `Selected decisions`. */
  readonly scope: string;
  readonly decisions: readonly { readonly path: string; readonly key: string }[];
}

/**
 * The design review panel: one card per decision of a {@link ReviewSet} (kept for the whole
 * review, so an accepted decision stays on it with its new status), with Accept, Reject, Defer,
 * Supersede... and Open, and the agenda as Markdown (copy, export). One panel at a time; starting
 * another review shows the new set in it. Edits go through Change Status and Supersede
 * (verified, one undoable `WorkspaceEdit` each); the cards follow the index.
 */
export class ReviewPanel implements vscode.Disposable {
  private static current: ReviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly deferred = new Set<string>();
  private agenda: Agenda = { today: '', items: [] };
  private ready = false;

  /** The open panel, if any. */
  static get open(): ReviewPanel | undefined {
    return ReviewPanel.current;
  }

  /** Opens the panel on `set`, or shows `set` in the open one. */
  static show(context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger, set: ReviewSet): ReviewPanel {
    const open = ReviewPanel.current;
    if (open) {
      open.set = set;
      open.deferred.clear();
      open.panel.reveal(vscode.ViewColumn.Active);
      open.send();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(REVIEW_VIEW_TYPE, vscode.l10n.t('Design Review'), vscode.ViewColumn.Active, reviewWebviewOptions(context));
    return new ReviewPanel(panel, context, indexer, logger, set);
  }

  /** Restores a panel after a window reload with the decisions the webview kept. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger, state: unknown): ReviewPanel {
    ReviewPanel.current?.dispose();
    panel.webview.options = reviewWebviewOptions(context);
    const set: ReviewSet = isReviewState(state) ? state : { scope: vscode.l10n.t('Selected decisions'), decisions: [] };
    return new ReviewPanel(panel, context, indexer, logger, set);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly indexer: WorkspaceIndexer,
    private readonly logger: Logger,
    private set: ReviewSet,
  ) {
    ReviewPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'decision-lens.svg');
    panel.webview.html = reviewHtml(panel.webview, context.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.onDidDispose()),
      indexer.onDidChange((change) => {
        if (change.records || change.citations) this.send();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.send()),
    );
  }

  /** The decisions of the set as the index knows them now (a removed record drops out). */
  private decisions(): IndexedDecision[] {
    const out: IndexedDecision[] = [];
    for (const { path, key } of this.set.decisions) {
      const found = this.indexer.index.recordsIn(path).find((d) => d.key === key);
      if (found) out.push(found);
    }
    return out;
  }

  private build(): Agenda {
    const today = new Date().toISOString().slice(0, 10);
    const decisions = this.decisions();
    const built = buildAgenda(this.indexer.index, decisions, { today, relativePath: (p) => relativeLabel(p) });
    // Provenance and drift from git, when the history service has them.
    const byPlace = new Map(decisions.map((d) => [`${relativeLabel(d.path)}\u0000${d.key}`, d]));
    const items = built.items.map((item) => {
      const d = byPlace.get(`${item.path}\u0000${item.key}`);
      const history = d ? gitFactLines(d) : [];
      return history.length > 0 ? { ...item, history } : item;
    });
    this.agenda = { ...built, items };
    return this.agenda;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Sends the cards (after `ready`). */
  private send(): void {
    if (!this.ready) return;
    this.post({
      type: 'agenda',
      agenda: this.build(),
      scope: this.set.scope,
      labels: reviewLabels(),
      canEdit: isWriteAllowed(),
      deferred: [...this.deferred],
      state: { scope: this.set.scope, decisions: this.set.decisions },
    });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.logger.warn('Design review: ignored a malformed message.');
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.logger.error(`Design review: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.send();
        return;
      case 'action': {
        const ok = await this.act(message.action, message.key, message.path);
        this.post({ type: 'actionDone', key: message.key, action: message.action, ok });
        this.send();
        return;
      }
      case 'copyMarkdown':
        await vscode.env.clipboard.writeText(this.markdown());
        void vscode.window.showInformationMessage(vscode.l10n.t('The agenda was copied as Markdown.'));
        return;
      case 'exportAgenda':
        await this.exportAgenda();
        return;
      case 'openLink':
        await this.openLink(message.href, message.key, message.path);
        return;
    }
  }

  /** The decision of a card: only decisions on this agenda can be acted on. */
  private cardDecision(key: string, relativePath: string): IndexedDecision | undefined {
    const item = this.agenda.items.find((i) => i.key === key && i.path === relativePath);
    if (!item) return undefined;
    return this.decisions().find((d) => d.key === key && relativeLabel(d.path) === relativePath);
  }

  /**
   * Runs a card's action.
   * @returns true when it was done (Defer always; an edit when applied).
   */
  async act(action: ReviewAction, key: string, relativePath: string): Promise<boolean> {
    const d = this.cardDecision(key, relativePath);
    if (!d) {
      this.logger.warn(`Design review: ${key} is not on the agenda.`);
      return false;
    }
    switch (action) {
      case 'open':
        await openDecision(d, { preview: false });
        return true;
      case 'defer':
        this.deferred.add(d.key);
        return true;
      case 'accept':
      case 'reject':
        if (!requireTrust()) return false;
        this.deferred.delete(d.key);
        return changeStatus(this.indexer, d, action === 'accept' ? 'accepted' : 'rejected');
      case 'supersede':
        if (!requireTrust()) return false;
        return (await vscode.commands.executeCommand<boolean>(SUPERSEDE, d)) === true;
    }
  }

  /** The agenda as Markdown, in the display language. */
  markdown(): string {
    return agendaMarkdown(this.build(), agendaWords());
  }

  private async exportAgenda(): Promise<void> {
    // Writing a file into the workspace is a write like any other: trusted workspaces only.
    if (!requireTrust()) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `design-review-${new Date().toISOString().slice(0, 10)}.md`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { Markdown: ['md'] },
      saveLabel: vscode.l10n.t('Export Agenda'),
      title: vscode.l10n.t('Export the design review agenda'),
    });
    if (!target) return;
    if (!requireTrust()) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(this.markdown()));
    this.logger.info(`Exported the design review agenda to ${target.toString(true)}.`);
    const open = vscode.l10n.t('Open');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('The agenda was exported to {0}.', relativeLabel(target.path)), open);
    if (answer === open) await vscode.window.showTextDocument(target);
  }

  /**
   * A link clicked in record text: http(s) opens in the browser (VS Code asks first for an
   * unknown site); a relative link opens the file it names, relative to the record, when it is
   * inside a workspace folder. Anything else is ignored.
   */
  private async openLink(href: string, key: string, relativePath: string): Promise<void> {
    const d = this.cardDecision(key, relativePath);
    if (!d || !isSafeLinkTarget(href)) return;
    if (/^https?:\/\//i.test(href)) {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    const bare = href.replace(/[?#].*$/, '');
    if (bare === '') return;
    let decoded: string;
    try {
      decoded = decodeURIComponent(bare);
    } catch {
      return;
    }
    const path = normalize(join(dirname(d.path), decoded));
    if (!isInsideAny(path, workspaceRoots())) return;
    await vscode.window.showTextDocument(uriOf(path), { preview: true });
  }

  private onDidDispose(): void {
    if (ReviewPanel.current === this) ReviewPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }

  dispose(): void {
    this.panel.dispose();
  }
}

/** The webview's words in the display language. */
function reviewLabels(): ReviewLabels {
  return {
    title: vscode.l10n.t('Design Review'),
    summary: vscode.l10n.t('{0} decisions'),
    empty: vscode.l10n.t('No decisions to review.'),
    accept: vscode.l10n.t('Accept'),
    reject: vscode.l10n.t('Reject'),
    defer: vscode.l10n.t('Defer'),
    deferred: vscode.l10n.t('Deferred: stays proposed'),
    supersede: vscode.l10n.t('Supersede…'),
    open: vscode.l10n.t('Open'),
    copyMarkdown: vscode.l10n.t('Copy as Markdown'),
    exportAgenda: vscode.l10n.t('Export Agenda…'),
    context: vscode.l10n.t('Context'),
    consideredOptions: vscode.l10n.t('Considered options'),
    chosen: vscode.l10n.t('chosen'),
    good: vscode.l10n.t('Good'),
    neutral: vscode.l10n.t('Neutral'),
    bad: vscode.l10n.t('Bad'),
    decision: vscode.l10n.t('Decision'),
    chosenOption: vscode.l10n.t('Chosen option'),
    tradeOffs: vscode.l10n.t('Trade-offs'),
    consequences: vscode.l10n.t('Consequences'),
    decisionMakers: vscode.l10n.t('Decision makers'),
    consulted: vscode.l10n.t('Consulted'),
    informed: vscode.l10n.t('Informed'),
    relations: vscode.l10n.t('Relations'),
    notFound: vscode.l10n.t('not found'),
    proposedFor: vscode.l10n.t('proposed for {0} days'),
    proposedForOne: vscode.l10n.t('proposed for 1 day'),
    citedIn: vscode.l10n.t('cited in {0} places'),
    citedInOne: vscode.l10n.t('cited in 1 place'),
    restricted: vscode.l10n.t('Decision records can only be created and edited in a trusted workspace.'),
  };
}

/** The Markdown agenda's words in the display language. */
export function agendaWords(): AgendaWords {
  return {
    heading: vscode.l10n.t('Design review agenda'),
    summary: (n, today) => (n === 1 ? vscode.l10n.t('1 decision · {0}', today) : vscode.l10n.t('{0} decisions · {1}', n, today)),
    empty: vscode.l10n.t('No decisions to review.'),
    status: vscode.l10n.t('Status'),
    date: vscode.l10n.t('Date'),
    proposedFor: (days) => (days === 1 ? vscode.l10n.t('proposed for 1 day') : vscode.l10n.t('proposed for {0} days', days)),
    citedIn: (n) => (n === 1 ? vscode.l10n.t('cited in 1 place') : vscode.l10n.t('cited in {0} places', n)),
    decisionMakers: vscode.l10n.t('Decision makers'),
    consulted: vscode.l10n.t('Consulted'),
    informed: vscode.l10n.t('Informed'),
    tags: vscode.l10n.t('Tags'),
    file: vscode.l10n.t('File'),
    relations: vscode.l10n.t('Relations'),
    unresolved: vscode.l10n.t('not found'),
    context: vscode.l10n.t('Context'),
    consideredOptions: vscode.l10n.t('Considered options'),
    chosen: vscode.l10n.t('chosen'),
    good: vscode.l10n.t('Good'),
    neutral: vscode.l10n.t('Neutral'),
    bad: vscode.l10n.t('Bad'),
    chosenOption: vscode.l10n.t('Chosen option'),
    decision: vscode.l10n.t('Decision'),
    tradeOffs: vscode.l10n.t('Trade-offs'),
    consequences: vscode.l10n.t('Consequences'),
  };
}

/** Webview options: scripts on, command links off, local resources only from the bundle (`dist/`). */
export function reviewWebviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return bundleWebviewOptions(context);
}

/**
 * The review page: CSP `default-src 'none'`, the script only by nonce, styles and fonts only
 * from the bundle, images only from the bundle (record images are never loaded).
 */
export function reviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return bundlePage(webview, extensionUri, { script: 'review.js', style: 'review.css', codicons: true, styleNonce: true, title: vscode.l10n.t('Design Review') });
}
