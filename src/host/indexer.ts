import * as vscode from 'vscode';
import type { DecisionFolder } from '../core/config';
import { DEFAULT_FOLDER_PREFIX, normalizePrefix } from '../core/config';
import { discoverDecisionFolders } from '../core/discovery';
import type { IndexChange, IndexedDecision, ResolvedCitation } from '../core/index';
import { DecisionIndex } from '../core/index';
import { basename, isInside, relative } from '../core/paths';
import type { Logger } from '../core/ports';
import { Coalescer } from './coalesce';
import type { TextChange } from './shift';
import { shiftRanges } from './shift';
import { isWorkspaceFile, pathOf } from './paths';
import type { Settings } from './settings';
import { describePrefixes, prefixesOf } from '../core/prefixes';
import { INDEX_SETTINGS, discoverySettings, excludeGlobs, readSettings } from './settings';
import { createWorkspaceReader, excludeMatcher, simpleGlobs } from './workspaceReader';

/** Files larger than this (bytes) are not indexed. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Quiet time (ms) after file watcher events before changed files are read. */
const WATCH_DEBOUNCE_MS = 300;
/** Quiet time (ms) after edits of an open document before it is re-indexed. */
const EDIT_DEBOUNCE_MS = 250;
/** Files read at the same time while indexing. */
const READ_PARALLELISM = 8;

/** Files whose change can add or remove decision folders: discovery runs again. */
const DISCOVERY_FILES = new Set(['.adr-dir', '.log4brains.yml', '.log4brains.yaml', 'adr.config.json']);

/** Extensions of files that are never text; skipped without reading. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd avif heic svgz pdf zip gz tgz bz2 xz 7z rar jar war ear class ' +
    'exe dll so dylib o a lib obj bin dat wasm woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac avi mov mkv webm ' +
    'sqlite db pyc pyo pdb nupkg vsix iso dmg deb rpm pack idx'
  ).split(' '),
);

const utf8 = new TextDecoder('utf-8');

/** A root's state in the current build: its discovered folders and exclude matcher. */
interface RootState {
  readonly folder: vscode.WorkspaceFolder;
  readonly settings: Settings;
  readonly decisionFolders: readonly DecisionFolder[];
  readonly excluded: (relativePath: string) => boolean;
}

type FileEvent = 'changed' | 'deleted';

/**
 * Keeps a {@link DecisionIndex} of the open workspace up to date.
 *
 * - Builds the index with `workspace.findFiles` in every workspace folder, with the default
 *   excludes plus `files.exclude`, `search.exclude` and `decisionLens.exclude`, reading through
 *   `workspace.fs` (open documents win). Files over {@link MAX_FILE_BYTES} and binary files are
 *   skipped with a log line.
 * - Updates it per file from file system watchers (bursts coalesced) and from edits of open
 *   documents (debounced), and rebuilds when the settings or the workspace folders change.
 * - A rebuild builds a fresh index and swaps it in when complete, so the editor never sees a
 *   half-built index; a newer rebuild cancels an older one.
 *
 * Features read {@link index} each time (it is replaced by a rebuild) and listen to
 * {@link onDidChange}.
 */
export class WorkspaceIndexer implements vscode.Disposable {
  private current: DecisionIndex;
  private indexSubscription: { dispose(): void } | undefined;
  private roots: RootState[] = [];
  /** Paths indexed from disk or from documents, for folder deletes and `isIndexed`. */
  private indexed = new Set<string>();
  /** Document version last indexed, by URI string. */
  private documentVersions = new Map<string, number>();
  /** Bumped when records change (or the index is replaced); cached answers of older generations are stale. */
  private generation = 0;
  private readonly citationCache = new Map<string, { generation: number; path: string; changeCount: number; citations: ResolvedCitation[] }>();
  private readonly citationsOfCache = new Map<IndexedDecision, ResolvedCitation[]>();
  private citationsOfGeneration = -1;
  /** Edits of open documents since they were last indexed, by URI string. */
  private readonly changesSinceIndexed = new Map<string, TextChange[]>();
  private buildSource: vscode.CancellationTokenSource | undefined;
  private building: Promise<void> | undefined;
  private readonly firstBuild: Promise<void>;
  private resolveFirstBuild: () => void = () => undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<IndexChange>();
  private readonly fileEvents: Coalescer<string, { uri: vscode.Uri; event: FileEvent }>;
  private readonly edits: Coalescer<string, vscode.TextDocument>;
  private disposed = false;
  private ready = false;

  /** Fires after the index changed: a file was re-indexed, or a rebuild was swapped in. */
  readonly onDidChange: vscode.Event<IndexChange> = this.changeEmitter.event;

  constructor(private readonly logger: Logger) {
    this.current = new DecisionIndex({ folders: [], logger });
    this.firstBuild = new Promise<void>((resolve) => (this.resolveFirstBuild = resolve)).then(() => {
      this.ready = true;
    });
    this.fileEvents = new Coalescer({
      delayMs: WATCH_DEBOUNCE_MS,
      flush: (batch) => this.applyFileEvents([...batch.values()]),
      onError: (error) => this.logger.error(`Updating the index failed: ${describe(error)}`),
    });
    this.edits = new Coalescer({
      delayMs: EDIT_DEBOUNCE_MS,
      flush: (batch) => {
        for (const document of batch.values()) this.indexDocument(document);
      },
      onError: (error) => this.logger.error(`Updating the index failed: ${describe(error)}`),
    });
    this.disposables.push(
      this.changeEmitter,
      this.fileEvents,
      this.edits,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0 || !this.tracks(e.document.uri)) return;
        const key = e.document.uri.toString();
        let changes = this.changesSinceIndexed.get(key);
        if (!changes) this.changesSinceIndexed.set(key, (changes = []));
        // The changes of one event refer to the text before the event; applied last-first they compose.
        const ordered = [...e.contentChanges].sort((a, b) => b.range.start.compareTo(a.range.start));
        for (const c of ordered) changes.push({ range: c.range, text: c.text });
        this.edits.push(key, e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (this.tracks(d.uri)) this.edits.push(d.uri.toString(), d);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        this.edits.delete(key);
        this.changesSinceIndexed.delete(key);
        this.citationCache.delete(key);
        if (this.documentVersions.delete(key) && this.tracks(d.uri)) {
          // The document may have been closed without saving: the file on disk is the truth again.
          this.fileEvents.push(key, { uri: d.uri, event: 'changed' });
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (INDEX_SETTINGS.some((s) => e.affectsConfiguration(s))) void this.rebuild('settings changed');
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rebuild('workspace folders changed')),
    );
    this.attach(this.current);
  }

  /** The current index. A rebuild replaces it: read it each time, do not keep it. */
  get index(): DecisionIndex {
    return this.current;
  }

  /** The decision folders and logs of every workspace folder, from the last build. */
  get folders(): readonly DecisionFolder[] {
    return this.roots.flatMap((r) => r.decisionFolders);
  }

  /** True while a build runs. */
  get isBuilding(): boolean {
    return this.building !== undefined;
  }

  /**
   * Runs `answer` now when the first build has finished, else once it has: a one-shot provider
   * asked during the first build waits rather than answer from an index that knows no decisions.
   */
  afterFirstBuild<T>(answer: () => T): T | Promise<T> {
    return this.ready ? answer() : this.firstBuild.then(answer);
  }

  /** Resolves when the first build finished (or failed). */
  whenReady(): Promise<void> {
    return this.firstBuild;
  }

  /**
   * Resolves once no build runs and no file or edit update is pending: after it, the index
   * reflects every change made so far. Tests await it after editing files.
   */
  async whenIdle(): Promise<void> {
    await this.firstBuild;
    for (;;) {
      if (this.building) await this.building;
      await this.edits.flushNow();
      await this.fileEvents.flushNow();
      if (!this.building && this.edits.size === 0 && this.fileEvents.size === 0) return;
    }
  }

  /** @returns the workspace folder root path containing `path`, from the last build. */
  rootOf(path: string): string | undefined {
    return this.roots.find((r) => isInside(path, r.folder.uri.path))?.folder.uri.path;
  }

  /**
   * True when `document` belongs to the indexed workspace (a file of a workspace folder that is
   * not excluded). Providers answer nothing for other documents.
   */
  isIndexed(document: vscode.TextDocument): boolean {
    return this.tracks(document.uri);
  }

  /**
   * The citations in `document` as the user sees it now, without re-reading it: the indexed
   * citations, moved along with the edits made since the document was last indexed (citations
   * on edited text are left out until the debounced re-index, which fires {@link onDidChange}).
   * Costs a few milliseconds even for a 10,000-line file.
   * @returns `[]` for a document outside the indexed workspace.
   */
  citationsFor(document: vscode.TextDocument): ResolvedCitation[] {
    if (!this.tracks(document.uri)) return [];
    const key = document.uri.toString();
    const changes = this.changesSinceIndexed.get(key) ?? [];
    const cached = this.citationCache.get(key);
    let citations: ResolvedCitation[];
    if (cached && cached.generation === this.generation && cached.changeCount <= changes.length) {
      if (cached.changeCount === changes.length) return cached.citations;
      citations = shiftRanges(cached.citations, changes.slice(cached.changeCount));
    } else {
      citations = shiftRanges(this.current.citationsIn(pathOf(document.uri)), changes);
    }
    this.citationCache.set(key, { generation: this.generation, path: pathOf(document.uri), changeCount: changes.length, citations });
    return citations;
  }

  /**
   * The places that cite `d` (cached until the index changes).
   * @returns the citations, sorted by path and position.
   */
  citationsOf(d: IndexedDecision): ResolvedCitation[] {
    if (this.citationsOfGeneration !== this.generation) {
      this.citationsOfCache.clear();
      this.citationsOfGeneration = this.generation;
    }
    let citations = this.citationsOfCache.get(d);
    if (!citations) this.citationsOfCache.set(d, (citations = this.current.citationsOf(d)));
    return citations;
  }

  /**
   * Indexes the current text of `document` now when its edits are not in the index yet (after a
   * command changed a record and reads the index right away). Costs a full read of the text.
   * @returns true when the document is part of the indexed workspace.
   */
  syncDocument(document: vscode.TextDocument): boolean {
    if (!this.tracks(document.uri)) return false;
    const key = document.uri.toString();
    if (this.documentVersions.get(key) !== document.version) {
      this.edits.delete(key);
      this.indexDocument(document);
    }
    return true;
  }

  /** @returns true when edits of `document` are not in the index yet. */
  isStale(document: vscode.TextDocument): boolean {
    return (this.changesSinceIndexed.get(document.uri.toString())?.length ?? 0) > 0;
  }

  /**
   * Rebuilds the index from scratch: discovers the decision folders of each workspace folder,
   * lists and reads all files, and swaps the new index in. Shows progress in the status bar.
   * A running build is cancelled.
   */
  rebuild(reason: string): Promise<void> {
    this.buildSource?.cancel();
    this.buildSource?.dispose();
    const source = new vscode.CancellationTokenSource();
    this.buildSource = source;
    this.logger.info(`Indexing decisions (${reason})`);
    void vscode.commands.executeCommand('setContext', 'decisionLens.indexing', true);
    const run = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Indexing decisions') },
      () => this.build(source.token),
    );
    const building: Promise<void> = Promise.resolve(run).then(
      () => undefined,
      (error) => this.logger.error(`Indexing failed: ${describe(error)}`),
    ).finally(() => {
      if (this.building === building) {
        this.building = undefined;
        this.resolveFirstBuild();
        void vscode.commands.executeCommand('setContext', 'decisionLens.indexing', false);
      }
    });
    this.building = building;
    return building;
  }

  dispose(): void {
    this.disposed = true;
    this.buildSource?.cancel();
    this.buildSource?.dispose();
    this.indexSubscription?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.resolveFirstBuild();
  }

  private async build(token: vscode.CancellationToken): Promise<void> {
    const started = Date.now();
    const reader = createWorkspaceReader(token);
    const roots: RootState[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const settings = readSettings(folder);
      const exclude = excludeGlobs(settings, folder);
      let decisionFolders: DecisionFolder[] = [];
      try {
        decisionFolders = await discoverDecisionFolders(reader, folder.uri.path, { ...discoverySettings(settings, folder), exclude }, this.logger);
      } catch (error) {
        this.logger.error(`Finding decision folders in ${folder.name} failed: ${describe(error)}`);
      }
      if (token.isCancellationRequested) return;
      roots.push({ folder, settings, decisionFolders, excluded: excludeMatcher(exclude, this.logger) });
    }

    const folders = roots.flatMap((r) => r.decisionFolders);
    for (const f of folders) {
      this.logger.info(`Decision ${f.kind} ${f.path} (from ${f.source}${f.missing ? ', does not exist' : ''}); prefixes: ${describePrefixes(f)}`);
    }
    // Every prefix every folder learned, plus the extra ones from the settings.
    const prefixes = new Set<string>(folders.flatMap((f) => prefixesOf(f)));
    if (prefixes.size === 0) prefixes.add(DEFAULT_FOLDER_PREFIX);
    for (const root of roots) {
      for (const p of root.settings.citationPrefixes) {
        const n = normalizePrefix(p);
        if (n) prefixes.add(n);
      }
    }
    const index = new DecisionIndex({
      folders,
      citationPrefixes: [...prefixes],
      // Matching rules are index-wide: comment-only unless a workspace folder turns it off.
      commentsOnly: roots.every((r) => r.settings.commentsOnly),
      logger: this.logger,
    });

    const files: vscode.Uri[] = [];
    for (const root of roots) {
      const globs = excludeGlobs(root.settings, root.folder);
      const found = await vscode.workspace.findFiles(
        new vscode.RelativePattern(root.folder, '**/*'),
        simpleGlobs(globs),
        root.settings.maxFiles,
        token,
      );
      if (token.isCancellationRequested) return;
      if (found.length >= root.settings.maxFiles) {
        this.logger.warn(`${root.folder.name}: more than ${root.settings.maxFiles} files; the rest are not indexed (setting decisionLens.index.maxFiles)`);
      }
      for (const uri of found) if (!root.excluded(relative(root.folder.uri.path, uri.path))) files.push(uri);
    }
    // Records first, so the first citations read already resolve.
    files.sort((a, b) => Number(!isDecisionPath(b.path, folders)) - Number(!isDecisionPath(a.path, folders)));

    const indexed = new Set<string>();
    const versions = new Map<string, number>();
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    let skipped = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length && !token.isCancellationRequested) {
        const uri = files[next++];
        const document = open.get(uri.toString());
        if (document) {
          index.upsert(uri.path, document.getText(), document.languageId);
          versions.set(uri.toString(), document.version);
          indexed.add(uri.path);
          continue;
        }
        const text = await this.readFile(uri);
        if (text === undefined) {
          skipped++;
          continue;
        }
        index.upsert(uri.path, text);
        indexed.add(uri.path);
      }
    };
    await Promise.all(Array.from({ length: READ_PARALLELISM }, worker));
    if (token.isCancellationRequested || this.disposed) return;

    this.roots = roots;
    this.indexed = indexed;
    this.documentVersions = versions;
    this.attach(index);
    const previous = this.current;
    this.current = index;
    this.generation++;
    this.citationCache.clear();
    previous.dispose();
    // Edits made while the build read files: index the documents' current text.
    for (const document of vscode.workspace.textDocuments) {
      if (this.tracks(document.uri) && versions.get(document.uri.toString()) !== document.version) this.indexDocument(document);
    }
    const decisions = index.decisions().length;
    void vscode.commands.executeCommand('setContext', 'decisionLens.hasDecisions', decisions > 0);
    this.logger.info(`Indexed ${decisions} decisions in ${folders.length} folders and ${indexed.size} files in ${Date.now() - started} ms (${skipped} skipped)`);
    this.changeEmitter.fire({ paths: [], records: true, citations: true });
  }

  /** Subscribes to `index` changes (dropping the previous index's subscription). */
  private attach(index: DecisionIndex): void {
    this.indexSubscription?.dispose();
    this.indexSubscription = index.onDidChange((change) => {
      if (change.records) {
        // Records decide what every citation resolves to: every cached answer is stale.
        this.generation++;
      } else {
        // Only these files' citations changed: other documents' cached citations still hold.
        const changed = new Set(change.paths);
        for (const [key, entry] of this.citationCache) if (changed.has(entry.path)) this.citationCache.delete(key);
        this.citationsOfCache.clear();
      }
      this.changeEmitter.fire(change);
    });
  }

  /**
   * Reads a file for the index.
   * @returns its text (BOM dropped, as in an editor), or `undefined` for a binary, too large or
   *   unreadable file (logged).
   */
  private async readFile(uri: vscode.Uri): Promise<string | undefined> {
    const name = basename(uri.path);
    const dot = name.lastIndexOf('.');
    if (dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) return undefined;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0) return undefined;
      if (stat.size > MAX_FILE_BYTES) {
        this.logger.info(`Skipped ${uri.path}: ${stat.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
        return undefined;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_FILE_BYTES) {
        this.logger.info(`Skipped ${uri.path}: ${bytes.byteLength} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
        return undefined;
      }
      if (looksBinary(bytes)) {
        this.logger.trace(`Skipped ${uri.path}: binary`);
        return undefined;
      }
      return utf8.decode(bytes);
    } catch (error) {
      this.logger.warn(`Cannot read ${uri.path}: ${describe(error)}`);
      return undefined;
    }
  }

  /** True for files of a workspace folder that are not excluded. */
  private tracks(uri: vscode.Uri): boolean {
    if (!isWorkspaceFile(uri)) return false;
    const root = this.roots.find((r) => r.folder.uri.toString() === vscode.workspace.getWorkspaceFolder(uri)?.uri.toString());
    if (!root) return this.roots.length === 0;
    return !root.excluded(relative(root.folder.uri.path, uri.path));
  }

  private indexDocument(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const key = document.uri.toString();
    const text = document.getText();
    if (text.length > MAX_FILE_BYTES) return;
    this.documentVersions.set(key, document.version);
    this.changesSinceIndexed.delete(key);
    this.indexed.add(pathOf(document.uri));
    this.current.upsert(pathOf(document.uri), text, document.languageId);
  }

  private async applyFileEvents(events: readonly { uri: vscode.Uri; event: FileEvent }[]): Promise<void> {
    if (this.building) await this.building;
    let rediscover = false;
    const folders = this.folders;
    for (const { uri, event } of events) {
      const name = basename(uri.path);
      if (DISCOVERY_FILES.has(name) || (event === 'changed' && !this.indexed.has(uri.path) && this.mayStartFolder(uri.path, folders))) {
        rediscover = true;
        break;
      }
    }
    if (rediscover) {
      await this.rebuild('decision folders changed');
      return;
    }
    for (const { uri, event } of events) {
      if (this.disposed) return;
      const path = pathOf(uri);
      if (event === 'deleted') {
        for (const p of [...this.indexed]) {
          if (isInside(p, path)) {
            this.indexed.delete(p);
            this.current.remove(p);
          }
        }
        continue;
      }
      if (!this.tracks(uri)) continue;
      const key = uri.toString();
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (open) {
        // The document is the truth while it is open; its change events re-index it.
        if (this.documentVersions.get(key) !== open.version) this.indexDocument(open);
        continue;
      }
      const text = await this.readFile(uri);
      if (text === undefined) {
        if (this.indexed.delete(path)) this.current.remove(path);
        continue;
      }
      this.indexed.add(path);
      this.current.upsert(path, text);
    }
  }

  /**
   * True when a new Markdown file could make discovery find a folder it has not found yet: a
   * decision log name, or a file in one of the usual decision folders that is not known.
   */
  private mayStartFolder(path: string, folders: readonly DecisionFolder[]): boolean {
    const name = basename(path).toLowerCase();
    if (!name.endsWith('.md') && !name.endsWith('.markdown')) return false;
    if (name === 'decisions.md' || name === 'decision-log.md') return !folders.some((f) => f.path === path);
    if (folders.some((f) => f.kind === 'folder' && isInside(path, f.path))) return false;
    return /\/(doc\/adr|docs\/adrs?|docs\/decisions|doc\/architecture\/decisions|docs\/architecture\/decisions|docs\/madr\/decisions|adr)\/[^/]+$/i.test(path);
  }

  /** Starts watching every workspace folder and runs the first build. */
  start(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const push = (event: FileEvent) => (uri: vscode.Uri): void => {
      if (isWorkspaceFile(uri)) this.fileEvents.push(uri.toString(), { uri, event });
    };
    this.disposables.push(watcher, watcher.onDidCreate(push('changed')), watcher.onDidChange(push('changed')), watcher.onDidDelete(push('deleted')));
    void this.rebuild('workspace opened');
  }
}

/** @returns true when `path` is a record file of one of `folders` (a cheap check for ordering). */
function isDecisionPath(path: string, folders: readonly DecisionFolder[]): boolean {
  return folders.some((f) => (f.kind === 'log' ? f.path === path : isInside(path, f.path)));
}

/** @returns true when the first 8 KiB contain a NUL byte (how Git and VS Code detect binary files). */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.byteLength, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
