import * as vscode from 'vscode';
import { bundlePage, bundleWebviewOptions } from '../../host/webviewPage';
import { NEW_RECORD_STATUSES, TEMPLATE_FORMATS, TEMPLATE_FORMAT_LABELS } from '../../core/templates/recordData';
import type { WorkspaceIndexer } from '../../host/indexer';
import type { Logger } from '../../core/ports';
import type { FormValues, HostMessage, Preview, WebviewMessage, WebviewState } from './protocol';
import { NEW_DECISION_VIEW_TYPE, isFormValues, isWebviewMessage } from './protocol';
import type { CiteSpot } from './citeSpot';
import { offerCitation } from './citeSpot';
import type { Target } from './targets';
import { decisionOptions, nearestTarget } from './targets';
import { defaultValues, hasInput } from './values';
import type { CreateResult, DecisionWriter } from './writer';
import { CreateError } from './writer';
import { isWriteAllowed, requireTrust, untrustedMessage } from '../../host/trust';

/** `workspaceState` key of a draft kept when the form was closed with unsaved input. */
export const DRAFT_KEY = 'decisionLens.newDecision.draft';

/** How the form starts. */
export interface OpenOptions {
  /** Values to pre-fill (e.g. a supersede relation), over the defaults. */
  readonly values?: Partial<FormValues>;
  /** Where the user was in code, to offer a citation after the record is created. */
  readonly cite?: CiteSpot;
  /** The active file's path when the command ran (for the nearest target and `applies-to`). */
  readonly activePath?: string;
  /** The active file's workspace-relative path (pre-fills `applies-to`). */
  readonly activeRelativePath?: string;
}

/** The shared services of the panel. */
export interface PanelServices {
  readonly context: vscode.ExtensionContext;
  readonly indexer: WorkspaceIndexer;
  readonly writer: DecisionWriter;
  readonly logger: Logger;
  /** Opens the created record and reveals it in the Decisions view. */
  readonly openCreated: (result: CreateResult) => Promise<void>;
}

/**
 * The New Decision form: a webview panel with the form, a live preview and the create action.
 * One panel at a time; the command reveals it when it is open. Its draft survives hiding (the
 * webview's `setState`), window reloads (the serializer) and closing with unsaved input (kept in
 * `workspaceState` and offered the next time the form opens).
 */
export class NewDecisionPanel implements vscode.Disposable {
  private static current: NewDecisionPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private latest: { values: FormValues; dirty: boolean } | undefined;
  private submitted = false;
  private closing = false;
  private lastPreview: Preview | undefined;
  private initValues: FormValues | undefined;

  /** The open panel, if any (tests read it). */
  static get open(): NewDecisionPanel | undefined {
    return NewDecisionPanel.current;
  }

  /** Opens the form, or reveals the open one (applying `options.values` to it). */
  static async show(services: PanelServices, options: OpenOptions = {}): Promise<NewDecisionPanel> {
    if (NewDecisionPanel.current) {
      const panel = NewDecisionPanel.current;
      panel.panel.reveal(vscode.ViewColumn.Active);
      if (options.values) await panel.sendInit({ ...(panel.latest?.values ?? panel.initValues ?? {}), ...options.values } as Partial<FormValues>, false);
      if (options.cite) panel.cite = options.cite;
      return panel;
    }
    const panel = vscode.window.createWebviewPanel(NEW_DECISION_VIEW_TYPE, vscode.l10n.t('New Decision'), vscode.ViewColumn.Active, webviewOptions(services.context));
    const draft = services.context.workspaceState.get<unknown>(DRAFT_KEY);
    const instance = new NewDecisionPanel(panel, services, options);
    if (isFormValues(draft) && !options.values) {
      instance.pending = { values: draft, restored: true };
    } else {
      instance.pending = { values: options.values ?? {}, restored: false };
    }
    return instance;
  }

  /** Restores a panel after a window reload, with the webview's saved state. */
  static revive(panel: vscode.WebviewPanel, services: PanelServices, state: unknown): NewDecisionPanel | undefined {
    if (!isWriteAllowed()) {
      // Restricted Mode: no form (it writes). Its input is kept as the draft New Decision offers later.
      const saved = state as Partial<WebviewState> | undefined;
      if (isFormValues(saved?.values) && saved.dirty === true) void services.context.workspaceState.update(DRAFT_KEY, saved.values);
      panel.dispose();
      requireTrust();
      return undefined;
    }
    panel.webview.options = webviewOptions(services.context);
    const instance = new NewDecisionPanel(panel, services, {});
    const saved = state as Partial<WebviewState> | undefined;
    // The webview's own state first; the draft the host kept when that was not saved in time.
    const draft = services.context.workspaceState.get<unknown>(DRAFT_KEY);
    if (isFormValues(saved?.values)) instance.pending = { values: saved.values, restored: saved.dirty === true };
    else if (isFormValues(draft)) instance.pending = { values: draft, restored: true };
    else instance.pending = { values: {}, restored: false };
    return instance;
  }

  private pending: { values: Partial<FormValues>; restored: boolean } = { values: {}, restored: false };
  private cite: CiteSpot | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly services: PanelServices,
    private readonly options: OpenOptions,
  ) {
    NewDecisionPanel.current = this;
    this.cite = options.cite;
    panel.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'decision-lens.svg');
    panel.webview.html = html(panel.webview, services.context.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.onDidDispose()),
      services.indexer.onDidChange((change) => {
        if (change.records) void this.sendDecisions();
      }),
    );
  }

  /** Posts a message to the webview. */
  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.services.logger.warn('New Decision form: ignored a malformed message.');
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.services.logger.error(`New Decision form: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        await this.sendInit(this.pending.values, this.pending.restored);
        return;
      case 'change': {
        this.latest = { values: message.values, dirty: message.dirty };
        if (message.dirty) await this.services.context.workspaceState.update(DRAFT_KEY, message.values);
        const preview = await this.services.writer.preview(message.values, message.seq);
        this.lastPreview = preview;
        this.post({ type: 'preview', ...preview });
        return;
      }
      case 'submit':
        await this.submit(message.values);
        return;
      case 'cancel': {
        if (message.dirty) {
          const discard = vscode.l10n.t('Discard Draft');
          const keep = vscode.l10n.t('Keep Draft');
          const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t('Close the New Decision form? Your input is not saved as a record yet.'),
            { modal: true },
            discard,
            keep,
          );
          if (answer === undefined) return;
          if (answer === discard) await this.services.context.workspaceState.update(DRAFT_KEY, undefined);
          this.closing = answer === discard;
        } else {
          this.closing = true;
          await this.services.context.workspaceState.update(DRAFT_KEY, undefined);
        }
        this.panel.dispose();
        return;
      }
    }
  }

  private async sendInit(values: Partial<FormValues>, restored: boolean): Promise<void> {
    const targets = await this.services.writer.targets();
    const nearest = nearestTarget(targets, this.options.activePath);
    // A draft's target may be gone (folder deleted): fall back to the nearest one. A format comes
    // with its target; without one (a supersede started from the tree) the target's own is used.
    const target: Target | undefined = targets.find((t) => t.option.id === values.target) ?? nearest;
    const format = values.format !== undefined && values.target === target?.option.id ? values.format : (target?.option.format ?? 'nygard');
    const base = defaultValues(target?.option.id ?? '', format, this.options.activeRelativePath ?? '');
    const start: FormValues = { ...base, ...values, target: base.target, format };
    this.initValues = base;
    this.post({
      type: 'init',
      targets: targets.map((t) => t.option),
      decisions: decisionOptions(this.services.indexer.index),
      formats: TEMPLATE_FORMATS.map((id) => ({ id, label: TEMPLATE_FORMAT_LABELS[id] })),
      statuses: NEW_RECORD_STATUSES,
      values: start,
      defaults: { ...base, format: target?.option.format ?? base.format },
      restored,
      l10n: vscode.l10n.bundle,
    });
  }

  private async sendDecisions(): Promise<void> {
    const targets = await this.services.writer.targets();
    this.post({ type: 'decisions', decisions: decisionOptions(this.services.indexer.index), targets: targets.map((t) => t.option) });
  }

  private async submit(values: FormValues): Promise<void> {
    if (!requireTrust()) {
      this.post({ type: 'submitFailed', message: untrustedMessage(), messages: [] });
      return;
    }
    let result: CreateResult;
    try {
      result = await this.services.writer.create(values);
    } catch (error) {
      const messages = error instanceof CreateError ? error.messages : [];
      const message = error instanceof Error ? error.message : String(error);
      this.post({ type: 'submitFailed', message, messages });
      return;
    }
    this.submitted = true;
    await this.services.context.workspaceState.update(DRAFT_KEY, undefined);
    const shown = this.lastPreview?.relativePath;
    const note = result.note ?? (shown && shown !== result.relativePath && result.uri.path.endsWith('.md') && !result.relativePath.endsWith(shown)
      ? vscode.l10n.t('{0} was taken meanwhile, so the record was created as {1}.', shown, result.relativePath)
      : undefined);
    this.services.logger.info(`Created ${result.display} in ${result.relativePath}${note ? ` (${note})` : ''}.`);
    this.post({ type: 'submitted', relativePath: result.relativePath, display: result.display, note });
    this.panel.dispose();
    await this.services.openCreated(result);
    if (note) void vscode.window.showInformationMessage(note);
    if (this.cite) {
      this.services.logger.info(`Offering to cite ${result.display} in ${this.cite.uri.path} at line ${this.cite.line + 1}.`);
      await offerCitation(this.cite, result);
    }
  }

  private onDidDispose(): void {
    if (NewDecisionPanel.current === this) NewDecisionPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
    const draft = this.latest;
    if (!this.submitted && !this.closing && draft?.dirty && this.initValues && hasInput(draft.values, this.initValues)) {
      // The panel was closed with unsaved input: the draft stays in workspaceState.
      const restore = vscode.l10n.t('Restore Draft');
      const discard = vscode.l10n.t('Discard');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('The New Decision form was closed with unsaved input. The draft was kept.'), restore, discard)
        .then(async (answer) => {
          if (answer === restore) await vscode.commands.executeCommand('decisionLens.newDecision');
          else if (answer === discard) await this.services.context.workspaceState.update(DRAFT_KEY, undefined);
        });
    }
  }

  dispose(): void {
    this.panel.dispose();
  }
}

/**
 * Webview options: scripts on, and local resources limited to the bundle folder (`dist/`, which
 * holds the form's script, its CSS and the codicon font).
 */
export function webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return bundleWebviewOptions(context);
}

/**
 * The form's page: a strict CSP (`default-src 'none'`; script only by nonce; styles, fonts and
 * images only from the extension's bundle), the codicon and form style sheets, and the script.
 */
export function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return bundlePage(webview, extensionUri, { script: 'webview.js', style: 'webview.css', codicons: true, styleNonce: true, dataImages: true, title: vscode.l10n.t('New Decision') });
}
