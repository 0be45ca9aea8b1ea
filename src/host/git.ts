/**
 * History from git in the editor: per workspace folder on disk, the repository it is in (the
 * built-in Git extension's API gives the git executable and tells when HEAD moves; the git CLI
 * reads the log, `src/cli/git.ts`), read once and then by increments (`GitHistory`), and from it
 * provenance and drift per decision and number collisions with the default ref (the upstream
 * branch, else `origin/HEAD`, else `main` / `master`).
 *
 * Without git, outside a repository, in a virtual workspace or when git fails or takes longer
 * than its budget, every answer here is empty: the hover, the tree and the diagnostics show what
 * they show without history. Nothing here writes.
 */
import * as vscode from 'vscode';
import type { Drift, Provenance } from '../core/history';
import { freeNumberOnRefs } from '../core/history';
import type { GitHistory as GitHistoryType, HistoryReport } from '../core/gitHistory';
import { GitError, GitHistory, repoInfo } from '../core/gitHistory';
import type { IndexedDecision } from '../core/index';
import type { Problem } from '../core/model';
import type { Logger } from '../core/ports';
import { isInside } from '../core/paths';
import type { GitRunner } from '../core/gitHistory';
import type { WorkspaceIndexer } from './indexer';

/** What git says about one decision. */
export interface GitFacts {
  readonly provenance?: Provenance;
  /** For an accepted decision with an acceptance commit. */
  readonly drift?: Drift;
  /** True in a shallow clone. */
  readonly shallow?: boolean;
}

/** Quiet time (ms) after index or repository changes before the history is read again. */
const REFRESH_DEBOUNCE_MS = 1500;
/** How long the names a folder has on the default ref are reused (ms). */
const REF_NAMES_TTL_MS = 5000;
/** Milliseconds one git command may take in the editor. */
const GIT_TIMEOUT_MS = 20_000;

/** The subset of the Git extension's API (`vscode.git`, `getAPI(1)`) used here. */
interface GitExtensionApi {
  readonly git: { readonly path: string };
  getRepository(uri: vscode.Uri): { readonly rootUri: vscode.Uri; readonly state: { readonly onDidChange: vscode.Event<void> } } | null;
  readonly onDidOpenRepository?: vscode.Event<unknown>;
}

interface Repo {
  readonly folder: vscode.WorkspaceFolder;
  readonly history: GitHistoryType;
}

/**
 * The history service (one per window). Its answers are synchronous lookups of the last read;
 * {@link EditorGitHistory.onDidChange} fires after each read that changed something.
 */
export class EditorGitHistory implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange: vscode.Event<void> = this.changeEmitter.event;
  private repos: Repo[] = [];
  private facts = new Map<string, GitFacts>();
  private gitProblems: Problem[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: AbortController | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private gitPath: string | undefined;
  private started = false;
  private readonly refNames = new Map<string, { at: number; names: Promise<string[]> }>();

  constructor(
    private readonly indexer: WorkspaceIndexer,
    private readonly logger: Logger,
    /** Runs git in a folder (`cli/git.ts`'s `nodeGitRunner` in a Node extension host). */
    private readonly runnerFor: GitRunnerFactory,
  ) {}

  /** Finds the repositories and reads their history once the records are in. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.subscriptions.push(
      this.indexer.onDidChange((change) => {
        if (change.records || change.citations) this.schedule();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.findRepos().then(() => this.schedule())),
    );
    void this.findRepos().then(() => this.schedule());
  }

  /** Provenance and drift of a decision from the last read (empty without git). */
  factsOf(d: IndexedDecision): GitFacts {
    return this.facts.get(factKey(d)) ?? {};
  }

  /** The `number-collision` and `applies-to-no-match` problems of the last read, for the diagnostics (optionally only in `paths`). */
  problems(paths?: ReadonlySet<string>): Problem[] {
    return paths ? this.gitProblems.filter((p) => paths.has(p.path)) : [...this.gitProblems];
  }

  /**
   * File names a decision folder has on the default ref, for New Decision: its number is then
   * free on this branch and there. `[]` without git or such a ref.
   * @param folder the folder's index path.
   */
  async namesOnDefaultRef(folder: string): Promise<string[]> {
    // The form asks on every preview: one answer per folder serves for a few seconds.
    const cached = this.refNames.get(folder);
    if (cached && Date.now() - cached.at < REF_NAMES_TTL_MS) return cached.names;
    const names = this.readNamesOnDefaultRef(folder);
    this.refNames.set(folder, { at: Date.now(), names });
    return names;
  }

  private async readNamesOnDefaultRef(folder: string): Promise<string[]> {
    const repo = this.repos.find((r) => isInside(folder, r.history.repo.top));
    if (!repo) return [];
    try {
      const ref = await repo.history.defaultRef();
      if (!ref) return [];
      const rel = repo.history.relativePath(folder);
      if (rel === undefined) return [];
      return freeNumberOnRefs(await repo.history.onRefs(this.indexer.index, [ref]), rel);
    } catch (e) {
      this.logger.warn(`git: no numbers from the default ref: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.running?.abort();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.changeEmitter.dispose();
  }

  private async gitApi(): Promise<GitExtensionApi | undefined> {
    try {
      const ext = vscode.extensions.getExtension<{ getAPI(version: 1): GitExtensionApi; enabled?: boolean }>('vscode.git');
      if (!ext) return undefined;
      const exports = ext.isActive ? ext.exports : await ext.activate();
      if (exports.enabled === false) return undefined;
      return exports.getAPI(1);
    } catch {
      return undefined;
    }
  }

  private async findRepos(): Promise<void> {
    const api = await this.gitApi();
    this.gitPath = api?.git.path ?? this.gitPath;
    const repos: Repo[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // Virtual and remote-scheme folders have no local git to run.
      if (folder.uri.scheme !== 'file') continue;
      const existing = this.repos.find((r) => r.folder.uri.toString() === folder.uri.toString());
      if (existing) {
        repos.push(existing);
        continue;
      }
      const runner = this.runnerFor(folder.uri.fsPath, { ...(this.gitPath ? { gitPath: this.gitPath } : {}), timeoutMs: GIT_TIMEOUT_MS });
      const info = await repoInfo(runner, (p) => vscode.Uri.file(p).path).catch(() => undefined);
      if (!info) continue;
      // One history per repository, shared by its workspace folders.
      const shared = repos.find((r) => r.history.repo.top === info.top)?.history;
      const history = shared ?? new GitHistory(runner, info);
      repos.push({ folder, history });
      const gitRepo = api?.getRepository(folder.uri);
      if (gitRepo && !shared) this.subscriptions.push(gitRepo.state.onDidChange(() => this.schedule()));
      this.logger.info(`git: ${folder.name} is in the repository ${info.top}${info.shallow ? ' (a shallow clone: history before its oldest commit is missing)' : ''}`);
    }
    this.repos = repos;
  }

  private schedule(): void {
    if (this.repos.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  /** Reads every repository's history again (the previous read is cancelled). */
  async refresh(): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    await this.indexer.whenIdle();
    if (controller.signal.aborted) return;
    const facts = new Map<string, GitFacts>();
    const problems: Problem[] = [];
    const started = Date.now();
    for (const repo of this.repos) {
      try {
        const report: HistoryReport = await repo.history.report(this.indexer.index, repo.folder.uri.path, controller.signal);
        const root = repo.folder.uri.path;
        for (const [d, provenance] of report.provenance) {
          if (!isInside(d.path, root)) continue;
          const drift = report.drift.get(d);
          facts.set(factKey(d), { provenance, ...(drift ? { drift } : {}), ...(report.repo.shallow ? { shallow: true } : {}) });
        }
        problems.push(...report.problems.filter((p) => isInside(p.path, root)));
        const ref = await repo.history.defaultRef(controller.signal);
        if (ref) problems.push(...(await repo.history.collisions(this.indexer.index, [ref], controller.signal)).problems.filter((p) => isInside(p.path, root)));
      } catch (e) {
        if (e instanceof GitError && e.kind === 'cancelled') return;
        this.logger.warn(`git: no history for ${repo.folder.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (controller.signal.aborted) return;
    const seen = new Set<string>();
    this.gitProblems = problems.filter((p) => {
      const key = `${p.path}\0${p.code}\0${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    this.facts = facts;
    this.logger.info(`git: history of ${facts.size} decisions read in ${Date.now() - started} ms`);
    this.changeEmitter.fire();
  }
}

function factKey(d: IndexedDecision): string {
  return `${d.path}#${d.key}`;
}

/** Makes a git runner for a folder (native path), with the git executable and a time budget. */
export type GitRunnerFactory = (cwd: string, options: { gitPath?: string; timeoutMs?: number }) => GitRunner;

let current: EditorGitHistory | undefined;

/** The window's history service, once {@link registerGitHistory} ran. */
export function gitHistory(): EditorGitHistory | undefined {
  return current;
}

/** Starts the history service; the hover, the tree, the diagnostics and New Decision ask it. */
export function registerGitHistory(context: vscode.ExtensionContext, indexer: WorkspaceIndexer, logger: Logger, runnerFor: GitRunnerFactory): EditorGitHistory {
  const service = new EditorGitHistory(indexer, logger, runnerFor);
  current = service;
  context.subscriptions.push(service, { dispose: () => (current = current === service ? undefined : current) });
  service.start();
  return service;
}
