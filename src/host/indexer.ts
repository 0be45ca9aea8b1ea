import * as vscode from 'vscode';
import type { DecisionFolder } from '../core/config';
import { DEFAULT_FOLDER_PREFIX, normalizePrefix } from '../core/config';
import { discoverDecisionFolders } from '../core/discovery';
import type { IndexChange, IndexedDecision, ResolvedCitation, SavedEntry } from '../core/index';
import { DecisionIndex } from '../core/index';
import { basename, isInside, relative } from '../core/paths';
import type { Logger, WorkspaceReader } from '../core/ports';
import { citationPrefilter, coversPrefilter, prefixesBeforeDiscovery } from '../core/prefilter';
import { logMayHoldNumber } from '../core/parse/decisionLog';
import { DEFAULT_EXCLUDED_DIRS } from '../core/config';
import type { CacheSnapshot, CachedFile } from './cache';
import { IndexCache, cacheKey } from './cache';
import type { LocalFiles, LocalListOptions } from './localFiles';
import { filterListing, matchListing } from './listing';
import { Coalescer } from './coalesce';
import type { EarlyCatalogue } from './earlyCatalogue';
import { earlyCatalogue } from './earlyCatalogue';
import type { TextChange } from './shift';
import { shiftRanges } from './shift';
import { isWorkspaceFile, pathOf } from './paths';
import type { Settings } from './settings';
import { describePrefixes, prefixesOf } from '../core/prefixes';
import { INDEX_SETTINGS, discoverySettings, excludeGlobs, readSettings } from './settings';
import { createWorkspaceReader, excludeMatcher } from './workspaceReader';
import { findOrWalk } from './findOrWalk';
import type { BuildFileJob, BuildWorkerFile, BuildWorkerPool, BuildWorkerSession } from './buildProtocol';
import { hasBinaryExtension } from './fileRules';

/** Files larger than this (bytes) are not indexed. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Quiet time (ms) after file watcher events before changed files are read. */
const WATCH_DEBOUNCE_MS = 300;
/** Longest line an answer before the records are in reads (longer ones wait for the whole index). */
const MAX_EARLY_LINE = 10_000;
/** Most files a reopen from the cache adds or removes in place; more and the build reads every file again. */
const MAX_VERIFY_CHANGES = 500;
/** Quiet time (ms) after edits of an open document before it is re-indexed (the first edit after a pause is at once). */
const EDIT_DEBOUNCE_MS = 150;
/** Fewer local files than this in a phase are read on the extension host's thread (a worker costs ~30 ms to start). */
const MIN_WORKER_FILES = 96;
/**
 * How long (ms) after activation the workbench is taken to be starting: a reopen ready from the
 * cache lists and discovers the workspace again only then, and the diagnostics of files not open
 * wait until then ({@link WorkspaceIndexer.startupLeftMs}).
 */
const STARTUP_MS = 2500;
/** Files read at the same time while indexing through `workspace.fs`. */
const READ_PARALLELISM = 8;
/** Longest stretch (ms) of synchronous local reads before the indexer yields to the extension host. */
const SLICE_MS = 30;
/** Least time (ms) between two progress messages. */
const PROGRESS_MS = 200;
/** Delay (ms) after a build before the cache is written, off the hot path. */
const CACHE_WRITE_DELAY_MS = 2000;

/** Files whose change can add or remove decision folders: discovery runs again. */
const DISCOVERY_FILES = new Set(['.adr-dir', '.log4brains.yml', '.log4brains.yaml', 'adr.config.json']);

const utf8 = new TextDecoder('utf-8');

/** A root's state in the current build: its discovered folders and exclude matcher. */
interface RootState {
  readonly folder: vscode.WorkspaceFolder;
  readonly settings: Settings;
  readonly decisionFolders: readonly DecisionFolder[];
  readonly excluded: (relativePath: string) => boolean;
  /** Every file of the folder from ripgrep (excludes applied), when the fast path serves it. */
  readonly listing?: readonly string[];
}

/** Options of {@link WorkspaceIndexer}. */
export interface IndexerOptions {
  /**
   * Local file access (Node's fs and ripgrep) for `file:` workspace folders; absent in a web
   * extension host, where every file goes through `workspace.fs`.
   */
  readonly local?: LocalFiles;
  /** `vscode.env.appRoot`, where VS Code's own ripgrep is. */
  readonly appRoot?: string;
  /** `ExtensionContext.storageUri`: the index cache across sessions lives there. */
  readonly storage?: vscode.Uri;
  /** The extension's version, part of the cache key. */
  readonly version?: string;
  /**
   * Build worker threads (`buildWorkers.ts` over `dist/buildWorker.js`): local files of a build
   * are read and parsed there. Without them (or when a worker fails) they are read on the
   * extension host's thread in slices.
   */
  readonly buildWorkers?: BuildWorkerPool;
  /** Fewer local files than this in a phase are read on the extension host's thread (default {@link MIN_WORKER_FILES}). */
  readonly minWorkerFiles?: number;
}

/** What {@link WorkspaceIndexer.earlyCitationsAt} answers from while the first build reads the records. */
interface EarlyRecords {
  readonly folders: readonly DecisionFolder[];
  readonly prefixes: readonly string[];
  readonly commentsOnly: boolean;
  /** Paths of the records the build is reading. */
  readonly records: readonly string[];
  /** The records read for early answers so far (an index of them and the asked lines). */
  index?: DecisionIndex;
  readonly loaded: Set<string>;
  /** The records by name and number (made once the main thread is idle, or at the first question). */
  catalogue?: EarlyCatalogue;
}

/** One file to read in a build. */
interface ReadJob {
  readonly uri: vscode.Uri;
  /** Read with {@link LocalFiles} (a fast-path root) rather than `workspace.fs`. */
  readonly local: boolean;
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
  private recordsIn = false;
  /** The first build's records to come, for answers asked before they are in (see {@link earlyCitationsAt}). */
  private early: EarlyRecords | undefined;
  private readonly recordsPhase: Promise<void>;
  /** Resolves when {@link earlyCitationsAt} can first answer (the first build found its records to read). */
  private readonly earlyPhase: Promise<void>;
  private resolveEarly: () => void = () => undefined;
  private resolveRecords: () => void = () => undefined;
  /** True while a build upserts into the live index: per-file change events are held back. */
  private quiet = false;
  private readonly cache: IndexCache;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private cacheWritten: Promise<void> = Promise.resolve();
  private resolveCacheWritten: () => void = () => undefined;
  /** Phase times of the last build, for tests and the benchmark. */
  private lastStats: BuildStats | undefined;
  /**
   * When (ms since the epoch) the indexer was made (activation), the first build's records were
   * in, and the first build was done: for the benchmark and the log.
   */
  readonly timings: { readonly createdAt: number; recordsAt?: number; readyAt?: number } = { createdAt: Date.now() };

  /** Fires after the index changed: a file was re-indexed, or a rebuild was swapped in. */
  readonly onDidChange: vscode.Event<IndexChange> = this.changeEmitter.event;

  constructor(
    private readonly logger: Logger,
    private readonly options: IndexerOptions = {},
  ) {
    this.cache = new IndexCache(options.storage, logger, options.local);
    this.earlyPhase = new Promise<void>((resolve) => (this.resolveEarly = resolve));
    this.recordsPhase = new Promise<void>((resolve) => (this.resolveRecords = resolve)).then(() => {
      this.recordsIn = true;
      this.early?.index?.dispose();
      this.early = undefined;
      this.timings.recordsAt ??= Date.now();
    });
    this.current = new DecisionIndex({ folders: [], logger });
    this.firstBuild = new Promise<void>((resolve) => (this.resolveFirstBuild = resolve)).then(() => {
      this.ready = true;
      this.timings.readyAt ??= Date.now();
    });
    this.fileEvents = new Coalescer({
      delayMs: WATCH_DEBOUNCE_MS,
      flush: (batch) => this.applyFileEvents([...batch.values()]),
      onError: (error) => this.logger.error(`Updating the index failed: ${describe(error)}`),
    });
    this.edits = new Coalescer({
      delayMs: EDIT_DEBOUNCE_MS,
      // One edit (a paste, a quick fix, the first key of a burst) reaches the tree and CodeLens at
      // once; the keys typed after it wait for the pause.
      leading: true,
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
   * Runs `answer` now when the records of the first build are in, else once they are: hover,
   * definition, references and Go to Decision answer from the records while citations of the
   * rest of the workspace are still being read (open documents are indexed with the records).
   */
  afterRecords<T>(answer: () => T): T | Promise<T> {
    return this.recordsIn ? answer() : this.recordsPhase.then(answer);
  }

  /**
   * Before the first build's records are in (and once its decision folders are found): the
   * citations at `position` in `document`, resolved against only the records they can name, read
   * now: those whose file name holds the cited number, slug or file name (in the folders of the
   * cited prefix, when a folder has it), and the decision logs with that prefix.
   * A hover answers from it in milliseconds while a large workspace is still being read; what
   * needs the whole index (where else a decision is cited, its successor) is not in it.
   * @returns the citations and the small index they resolve in (`citations` empty: no citation
   *   there), or `undefined` when this cannot answer: no decision folders found yet, the records
   *   are in, or none of the records read answers the citation.
   */
  earlyCitationsAt(document: vscode.TextDocument, position: vscode.Position): { citations: ResolvedCitation[]; index: DecisionIndex } | undefined {
    const early = this.early;
    const local = this.options.local;
    if (this.recordsIn || !early || !local || !this.tracks(document.uri) || position.line >= document.lineCount) return undefined;
    // Only the asked line is read (whatever the file's size), as a file of its own in the small
    // index; its citations count in comments and code.
    const line = document.lineAt(position.line).text;
    if (line.length > MAX_EARLY_LINE) return undefined;
    const index = this.earlyIndex(early);
    // Beside the document (its links resolve from there), never a record itself.
    const path = `${pathOf(document.uri)}.line`;
    const at = position.character;
    const here = (c: { range: ResolvedCitation['range'] }): boolean => c.range.start.character <= at && at <= c.range.end.character;
    this.quiet = true;
    try {
      index.upsert(path, line, document.languageId);
      const raw = (index.savedEntry(path)?.citations ?? []).filter(here);
      if (raw.length === 0) return { citations: [], index };
      early.catalogue ??= earlyCatalogue(early.records, early.folders);
      const catalogue = early.catalogue;
      const known = new Set(early.folders.flatMap((f) => prefixesOf(f)));
      const wanted = new Set<string>();
      // The logs wanted, with the entry numbers asked for (`undefined`: by path or slug, any entry).
      const logs = new Map<string, number[] | undefined>();
      for (const c of raw) {
        const number = c.number !== undefined ? new RegExp(`(?:^|\\D)0*${c.number}(?:\\D|$)`) : undefined;
        const name = c.path !== undefined ? basename(c.path).toLowerCase() : undefined;
        const slug = c.slug?.toLowerCase();
        // A prefix some folder has narrows the records to that folder's (and the logs with it).
        const prefix = c.prefix !== undefined && known.has(c.prefix) ? c.prefix : undefined;
        for (const f of early.folders) {
          if (f.kind !== 'log' || (prefix !== undefined && !prefixesOf(f).includes(prefix))) continue;
          const numbers = logs.has(f.path) ? logs.get(f.path) : [];
          logs.set(f.path, numbers && c.number !== undefined && c.path === undefined && c.slug === undefined ? [...numbers, c.number] : undefined);
        }
        // A number alone is looked up by the numbers in the names; the test below still decides.
        const byNumber = c.number !== undefined && name === undefined && slug === undefined && Number.isSafeInteger(c.number);
        for (const r of byNumber ? (catalogue.byNumber.get(String(c.number)) ?? []) : catalogue.all) {
          if (prefix !== undefined && !r.prefixes.includes(prefix)) continue;
          if ((number && number.test(r.name)) || (name && r.name === name) || (slug && r.name.includes(slug))) wanted.add(r.path);
        }
      }
      for (const p of wanted) {
        if (early.loaded.has(p)) continue;
        early.loaded.add(p);
        const read = this.localRead(local, p, undefined);
        if (read.kind === 'text') index.upsert(p, read.text);
      }
      // A log is parsed only when it can hold an entry asked for (a long log parses in tens of
      // milliseconds on this thread, before the parser is compiled); one left out now is read
      // again for a later question.
      for (const [p, numbers] of logs) {
        if (early.loaded.has(p)) continue;
        const read = this.localRead(local, p, undefined);
        if (read.kind !== 'text') continue;
        if (numbers && /\.(?:md|markdown)$/i.test(p) && !numbers.some((n) => logMayHoldNumber(read.text, n))) continue;
        early.loaded.add(p);
        index.upsert(p, read.text);
      }
    } finally {
      this.quiet = false;
    }
    const citations = index
      .citationsIn(path)
      .filter(here)
      .map((c) => ({ ...c, path: pathOf(document.uri), range: { start: { line: position.line, character: c.range.start.character }, end: { line: position.line, character: c.range.end.character } } }));
    // A citation none of those records answers may name one found by its title or front matter:
    // left to the whole index.
    const first = citations.at(0);
    return first && (first.decision !== undefined || first.log !== undefined) ? { citations, index } : undefined;
  }

  /** The index of the records read for early answers (made at the first use). */
  private earlyIndex(early: EarlyRecords): DecisionIndex {
    early.index ??= new DecisionIndex({ folders: early.folders, citationPrefixes: early.prefixes, commentsOnly: false, logger: this.logger });
    return early.index;
  }

  /**
   * Readies the early answers while the workers read the records (this thread is mostly idle
   * then): the records' catalogue, and one record (not a log) parsed into the early index, so
   * that the first question finds the code compiled. Cold, in the editor's first build, the
   * catalogue took about 110 ms and the first parse about 80 ms of a hover's time.
   */
  private prepareEarly(early: EarlyRecords): void {
    const local = this.options.local;
    if (this.early !== early || !local) return;
    early.catalogue ??= earlyCatalogue(early.records, early.folders);
    const logs = new Set(early.folders.filter((f) => f.kind === 'log').map((f) => f.path));
    const first = early.catalogue.all.find((r) => r.prefixes.length > 0 && !logs.has(r.path) && !early.loaded.has(r.path));
    if (!first) return;
    early.loaded.add(first.path);
    const read = this.localRead(local, first.path, undefined);
    if (read.kind !== 'text') return;
    this.quiet = true;
    try {
      this.earlyIndex(early).upsert(first.path, read.text);
    } finally {
      this.quiet = false;
    }
  }

  /**
   * Answers with `early` (an answer from {@link earlyCitationsAt}) when it can, now or once the
   * first build knows its records, else with `answer` once the records are in.
   * @param early `{ value }`, or `undefined` when the early lookup cannot answer.
   */
  answerEarly<T>(early: () => { value: T } | undefined, answer: () => T): T | Promise<T> {
    if (this.recordsIn) return answer();
    const now = early();
    if (now) return now.value;
    if (this.early) return this.recordsPhase.then(answer);
    return Promise.race([this.earlyPhase, this.recordsPhase]).then(() => (this.recordsIn ? answer() : (early()?.value ?? this.recordsPhase.then(answer))));
  }

  /** Resolves when the records of the first build are in the index (or the build failed). */
  whenRecordsReady(): Promise<void> {
    return this.recordsPhase;
  }

  /** The index cache's file and what was last read from and written to it. */
  get cacheState(): { readonly file?: string; readonly loaded?: number; readonly written?: number; readonly error?: string } {
    return this.cache.state;
  }

  /** Phase times and counts of the last finished build, `undefined` before the first. */
  get buildStats(): BuildStats | undefined {
    return this.lastStats;
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
   * Milliseconds until the workbench is taken to have started ({@link STARTUP_MS} after this
   * indexer was made, at activation); 0 once it has. Work that can wait (verifying a reopen, the
   * diagnostics of files not open) waits for it.
   */
  startupLeftMs(): number {
    return Math.max(0, this.timings.createdAt + STARTUP_MS - Date.now());
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
    // A document the index has not read yet (opened while a build reads the workspace): its
    // citations come from its own text, now.
    if (!this.documentVersions.has(key) && !document.isClosed) {
      this.edits.delete(key);
      this.indexDocument(document);
    }
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
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Decision Lens'), cancellable: true },
      (progress, cancel) => {
        cancel.onCancellationRequested(() => source.cancel());
        return this.build(source.token, progress);
      },
    );
    const building: Promise<void> = Promise.resolve(run).then(
      () => undefined,
      (error) => this.logger.error(`Indexing failed: ${describe(error)}`),
    ).finally(() => {
      if (this.building === building) {
        this.building = undefined;
        this.resolveRecords();
        this.resolveFirstBuild();
        void vscode.commands.executeCommand('setContext', 'decisionLens.indexing', false);
      }
    });
    this.building = building;
    return building;
  }

  dispose(): void {
    this.disposed = true;
    this.early?.index?.dispose();
    this.early = undefined;
    this.buildSource?.cancel();
    this.buildSource?.dispose();
    this.indexSubscription?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.resolveCacheWritten();
    this.resolveRecords();
    this.resolveFirstBuild();
  }

  /** Stops the running build, keeping what it has read (the command Decision Lens: Stop Indexing). */
  stopIndexing(): void {
    if (this.building) this.logger.info('Indexing stopped');
    this.buildSource?.cancel();
  }

  private async build(token: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string }>): Promise<void> {
    const started = Date.now();
    let phaseStart = started;
    const phases: Record<string, number> = {};
    const mark = (name: string): void => {
      const now = Date.now();
      phases[name] = (phases[name] ?? 0) + now - phaseStart;
      phaseStart = now;
    };
    const abort = new AbortController();
    const cancelSub = token.onCancellationRequested(() => abort.abort());
    const threads: { session?: BuildWorkerSession } = {};
    try {
      await this.buildPhases(token, abort.signal, started, phases, mark, progress, threads);
    } finally {
      cancelSub.dispose();
      threads.session?.dispose();
    }
  }

  private async buildPhases(
    token: vscode.CancellationToken,
    signal: AbortSignal,
    started: number,
    phases: Record<string, number>,
    mark: (name: string) => void,
    progress: vscode.Progress<{ message?: string }> | undefined,
    threads: { session?: BuildWorkerSession },
  ): Promise<void> {
    const local = this.options.local;
    const appRoot = this.options.appRoot ?? '';
    const listOptions = (folder: vscode.WorkspaceFolder): LocalListOptions => ({
      excludedDirs: DEFAULT_EXCLUDED_DIRS,
      follow: vscode.workspace.getConfiguration('search', folder).get<boolean>('followSymlinks') !== false,
      appRoot,
      signal,
    });
    const roots: RootState[] = [];
    const allSettings = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ folder, settings: readSettings(folder) }));
    // What decides listing and discovery: a reopen with the same may be ready from the cache.
    const settingsKey = cacheKey(
      this.options.version ?? '0',
      allSettings.map(({ folder, settings }) => [folder.uri.toString(), settings, excludeGlobs(settings, folder), listOptions(folder).follow]),
    );
    const snapshotRoots = (states: readonly RootState[]): CacheSnapshot => ({ settingsKey, roots: states.map((r) => ({ uri: r.folder.uri.toString(), folders: r.decisionFolders })) });
    const optimistic = !this.ready && !this.recordsIn && local && this.options.storage ? await this.readyFromCache(allSettings, settingsKey, local, started) : undefined;
    if (token.isCancellationRequested) return;
    if (optimistic) {
      mark('from cache');
      // Ready from the cache: the workspace is listed and discovered again once the workbench has
      // started (its first editors and hovers come first), to find files added or removed meanwhile.
      const wait = this.startupLeftMs();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const stop = token.onCancellationRequested(() => done());
          const timer = setTimeout(() => done(), wait);
          function done(): void {
            clearTimeout(timer);
            stop.dispose();
            resolve();
          }
        });
        if (token.isCancellationRequested) return;
        mark('wait');
      }
    }
    // The candidates are searched while the folder is listed and discovered, with the prefixes
    // possible before discovery (a superset); checked against the prefixes found below.
    const guess = citationPrefilter(
      prefixesBeforeDiscovery(allSettings.flatMap(({ settings: s }) => [...s.citationPrefixes, ...Object.values(s.folderPrefixes), ...s.folders.flatMap((f) => (f.prefix ? [f.prefix] : []))])),
    );
    const speculative = new Map<string, Promise<string[]>>();
    for (const { folder, settings } of allSettings) {
      const exclude = excludeGlobs(settings, folder);
      const excluded = excludeMatcher(exclude, this.logger);
      let listing: string[] | undefined;
      if (local && folder.uri.scheme === 'file' && local.hasRipgrep(appRoot)) {
        // Below the records' priority: they are what the tree and hovers wait for.
        const search = local.filesMatching(folder.uri.path, guess, MAX_FILE_BYTES, { ...listOptions(folder), background: true });
        search.catch(() => undefined); // awaited (and its error handled) below, unless the build stops first
        speculative.set(folder.uri.toString(), search);
        try {
          const all = await local.listFiles(folder.uri.path, listOptions(folder));
          await nextTurn();
          listing = filterListing(all, folder.uri.path, exclude, DEFAULT_EXCLUDED_DIRS);
          await nextTurn();
          if (listing.length > settings.maxFiles) {
            this.logger.warn(`${folder.name}: more than ${settings.maxFiles} files; the rest are not indexed (setting decisionLens.index.maxFiles)`);
            listing = listing.sort().slice(0, settings.maxFiles);
          }
          // A large folder: the build's worker threads load while it is discovered, and serve
          // both the records and the files that can cite.
          if (!optimistic && !threads.session && listing.length >= (this.options.minWorkerFiles ?? MIN_WORKER_FILES)) threads.session = this.options.buildWorkers?.open?.();
        } catch (error) {
          if (token.isCancellationRequested) return;
          this.logger.warn(`Listing ${folder.name} with ripgrep failed, reading through the editor instead: ${describe(error)}`);
          listing = undefined;
        }
      }
      mark('list');
      const reader = listing && local ? listingReader(listing, local, exclude) : createWorkspaceReader(token);
      let decisionFolders: DecisionFolder[] = [];
      try {
        decisionFolders = await discoverDecisionFolders(reader, folder.uri.path, { ...discoverySettings(settings, folder), exclude }, this.logger);
      } catch (error) {
        this.logger.error(`Finding decision folders in ${folder.name} failed: ${describe(error)}`);
      }
      if (token.isCancellationRequested) return;
      roots.push({ folder, settings, decisionFolders, excluded, ...(listing ? { listing } : {}) });
      mark('discovery');
    }

    const { folders, prefixes, commentsOnly, index, key } = this.indexFor(roots);
    for (const f of folders) {
      this.logger.info(`Decision ${f.kind} ${f.path} (from ${f.source}${f.missing ? ', does not exist' : ''}); prefixes: ${describePrefixes(f)}`);
    }
    const cached = await this.cache.load(key);
    const nextCache = new Map<string, CachedFile>();
    mark('cache');

    // Records first (every file of a decision folder and every log), then the files that can cite.
    const records: ReadJob[] = [];
    const sources: ReadJob[] = [];
    let listed = 0;
    let paths: 'ripgrep' | 'editor' | 'mixed' | undefined;
    const prefilter = citationPrefilter([...prefixes]);
    const searches: { root: RootState; isRecord: Set<string> }[] = [];
    for (const root of roots) {
      const via = root.listing ? 'ripgrep' : 'editor';
      paths = paths === undefined || paths === via ? via : 'mixed';
      if (root.listing && local) {
        listed += root.listing.length;
        const isRecord = new Set<string>();
        for (const p of root.listing) {
          if (RECORD_NAME.test(p) && isDecisionPath(p, folders)) {
            isRecord.add(p);
            records.push({ uri: root.folder.uri.with({ path: p }), local: true });
          }
        }
        // The files that can cite are searched by ripgrep meanwhile; asked for after the records.
        searches.push({ root, isRecord });
        continue;
      }
      const globs = excludeGlobs(root.settings, root.folder);
      const found = await findOrWalk(root.folder.uri, ['**/*'], globs, { maxResults: root.settings.maxFiles, token, logger: this.logger });
      if (token.isCancellationRequested) return;
      if (found.length >= root.settings.maxFiles) {
        this.logger.warn(`${root.folder.name}: more than ${root.settings.maxFiles} files; the rest are not indexed (setting decisionLens.index.maxFiles)`);
      }
      for (const uri of found) {
        if (root.excluded(relative(root.folder.uri.path, uri.path))) continue;
        listed++;
        (isDecisionPath(uri.path, folders) ? records : sources).push({ uri, local: false });
      }
    }
    if (token.isCancellationRequested) return;
    mark('files');
    if (!this.ready && !this.recordsIn && local) {
      const early: EarlyRecords = { folders, prefixes: [...prefixes], commentsOnly, records: records.filter((j) => j.local).map((j) => j.uri.path), loaded: new Set() };
      this.early = early;
      this.resolveEarly();
      // Once the records are handed to the workers.
      setTimeout(() => this.prepareEarly(early), 0);
    }

    const total = listed;
    // Files listed by ripgrep are counted done until the search says they can cite.
    let done = listed - records.length - sources.length;
    let lastReport = 0;
    const report = (force = false): void => {
      const now = Date.now();
      if (!progress || (!force && now - lastReport < PROGRESS_MS)) return;
      lastReport = now;
      progress.report({ message: vscode.l10n.t('indexing {0} / {1} files', groupDigits(done), groupDigits(total)) });
    };
    report(true);

    const indexed = new Set<string>();
    const versions = new Map<string, number>();
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    let skipped = 0;
    let fromCache = 0;
    let filesRead = 0;
    let fromDocuments = 0;
    let viaWorkers = 0;
    /** @param lane the worker threads to read on (a group of a split session); default: all of them. */
    const readInto = async (jobs: readonly ReadJob[], lane?: BuildWorkerSession): Promise<void> => {
      /** @returns false when a cached entry no longer fits (made under other folders): read the file. */
      const apply = (job: ReadJob, read: ReadResult): boolean => {
        const path = job.uri.path;
        if (read.kind === 'skipped') {
          skipped++;
          done++;
          return true;
        }
        this.quiet = true;
        try {
          if (read.kind === 'cached') {
            if (!index.restore(path, read.cached.entry)) return false;
            fromCache++;
            nextCache.set(path, read.cached);
          } else if (read.kind === 'derived') {
            // Read and parsed by a build worker, with this index's folders and prefixes.
            if (!index.restore(path, read.entry)) return false;
            filesRead++;
            nextCache.set(path, { size: read.size, mtime: read.mtime, entry: read.entry });
          } else {
            index.upsert(path, read.text);
            filesRead++;
            const saved = index.savedEntry(path);
            if (saved && read.size !== undefined && read.mtime !== undefined) nextCache.set(path, { size: read.size, mtime: read.mtime, entry: saved });
          }
        } finally {
          this.quiet = false;
        }
        indexed.add(path);
        done++;
        return true;
      };
      const pending: ReadJob[] = [];
      const localJobs: ReadJob[] = [];
      for (const job of jobs) {
        const document = open.get(job.uri.toString());
        if (document) {
          done++;
          continue; // indexed from the document with the records
        }
        (job.local ? localJobs : pending).push(job);
      }
      const localWork = async (): Promise<void> => {
        if (!local) return;
        let rest: readonly ReadJob[] = localJobs;
        const pool = lane ?? threads.session ?? this.options.buildWorkers;
        if (pool && localJobs.length >= (this.options.minWorkerFiles ?? MIN_WORKER_FILES)) {
          const jobs: BuildFileJob[] = localJobs.map((job) => {
            const c = cached.get(job.uri.path);
            return c ? { path: job.uri.path, cached: { size: c.size, mtime: c.mtime } } : { path: job.uri.path };
          });
          const config = { folders: index.getFolders(), citationPrefixes: index.getCitationPrefixes(), commentsOnly, maxFileBytes: MAX_FILE_BYTES, reader: 'editor' as const };
          const readJobs = new Map(jobs.map((j, i) => [j, localJobs[i]]));
          const result = await pool.read(config, jobs, (job, file) => {
            const readJob = readJobs.get(job) as ReadJob;
            // Opened while the build ran (a live first build): the document's text is in already.
            if (versions.has(readJob.uri.toString())) {
              done++;
              return;
            }
            if (!apply(readJob, this.fromWorker(local, job.path, file, cached.get(job.path)))) apply(readJob, this.localRead(local, job.path, undefined));
            report();
          }, signal);
          viaWorkers += result.done;
          if (token.isCancellationRequested) return;
          if (result.error) this.logger.warn(`Index workers failed, reading the rest on this thread: ${result.error.message}`);
          else if (result.done < localJobs.length) this.logger.warn(`Index workers stopped after ${result.done} of ${localJobs.length} files`);
          rest = localJobs.slice(result.done);
        }
        let sliceStart = Date.now();
        for (const job of rest) {
          if (token.isCancellationRequested) return;
          // Opened while the build ran (a live first build): the document's text is in already.
          if (versions.has(job.uri.toString())) {
            done++;
            continue;
          }
          if (!apply(job, this.localRead(local, job.uri.path, cached.get(job.uri.path)))) apply(job, this.localRead(local, job.uri.path, undefined));
          if (Date.now() - sliceStart >= SLICE_MS) {
            report();
            await nextTurn();
            sliceStart = Date.now();
          }
        }
      };
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < pending.length && !token.isCancellationRequested) {
          const job = pending[next++];
          if (versions.has(job.uri.toString())) {
            done++;
            continue;
          }
          if (!apply(job, await this.readFile(job.uri, cached.get(job.uri.path)))) apply(job, await this.readFile(job.uri, undefined));
          report();
        }
      };
      await Promise.all([localWork(), ...Array.from({ length: READ_PARALLELISM }, worker)]);
    };

    const indexOpenDocuments = (): void => {
      fromDocuments += indexOpenDocumentsInto(index, roots, versions, indexed);
    };

    // The files ripgrep says can cite (asked once, after the records or, verifying a reopen, before).
    let searched = false;
    const collectSources = async (): Promise<void> => {
      if (searched) return;
      searched = true;
      for (const { root, isRecord } of searches) {
        const listing = root.listing as readonly string[];
        let candidates: readonly string[];
        try {
          const listedSet = new Set(listing);
          const early = coversPrefilter(guess, prefilter) ? speculative.get(root.folder.uri.toString()) : undefined;
          const matching = await (early ?? (local as LocalFiles).filesMatching(root.folder.uri.path, prefilter, MAX_FILE_BYTES, listOptions(root.folder)));
          candidates = matching.filter((p) => listedSet.has(p));
        } catch (error) {
          if (token.isCancellationRequested) return;
          this.logger.warn(`Searching ${root.folder.name} with ripgrep failed, reading every file: ${describe(error)}`);
          candidates = listing;
        }
        for (const p of candidates) {
          if (isRecord.has(p)) continue;
          sources.push({ uri: root.folder.uri.with({ path: p }), local: true });
          done--;
        }
      }
    };

    // A reopen ready from the cache: when listing and discovery find the same folders and the
    // same files to read, the live index stands (nothing is read or restored again).
    if (optimistic && key === optimistic.key) {
      await collectSources();
      if (token.isCancellationRequested || this.disposed) return;
      // Open documents are indexed from their text either way: they are left out of the comparison.
      const openPaths = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
      const wanted = new Set([...records, ...sources].map((j) => j.uri.path).filter((p) => !openPaths.has(p)));
      const had = new Set([...optimistic.indexed].filter((p) => !openPaths.has(p)));
      const missing = [...wanted].filter((p) => !had.has(p));
      const extra = [...had].filter((p) => !wanted.has(p));
      // A few files more or fewer (often those that were open in the last session, indexed from
      // their documents and so not in the cache): the live index takes them, nothing else is read.
      if (missing.length + extra.length <= MAX_VERIFY_CHANGES && local) {
        this.roots = roots;
        index.dispose();
        this.quiet = true;
        try {
          for (const p of extra) {
            this.indexed.delete(p);
            this.current.remove(p);
          }
          for (const p of missing) {
            const read = this.localRead(local, p, undefined);
            if (read.kind !== 'text') continue;
            this.indexed.add(p);
            this.current.upsert(p, read.text);
          }
        } finally {
          this.quiet = false;
        }
        mark('verify');
        this.lastStats = { ...(this.lastStats as BuildStats), phases: { ...(this.lastStats?.phases ?? {}), ...phases } };
        if (missing.length + extra.length === 0 && optimistic.filesRead === 0) {
          this.logger.info(`Index cache verified in ${Date.now() - started} ms: the workspace is as the cache had it`);
          return;
        }
        this.forgetAnswers();
        this.changeEmitter.fire({ paths: [], records: true, citations: true });
        this.logger.info(`Index cache verified in ${Date.now() - started} ms: ${missing.length} files added, ${extra.length} removed, ${optimistic.filesRead} read again`);
        // The next reopen finds them in the cache.
        this.scheduleCacheWrite(key, this.cacheEntries(local, cached, openPaths), snapshotRoots(roots));
        return;
      }
    }

    // ---- records, then the open documents: enough for the tree, hovers and Go to Decision.
    // With two worker threads or more, the files that can cite are read on threads of their own
    // as soon as ripgrep has listed them, while the records are parsed: each thread warms up one
    // parser, and the citations are mostly in when the records are.
    const lanes = threads.session?.split?.();
    const sourcesRead = lanes
      ? (async (): Promise<void> => {
          await collectSources();
          if (!token.isCancellationRequested && !this.disposed) await readInto(sources, lanes[1]);
        })()
      : undefined;
    sourcesRead?.catch(() => undefined); // awaited below, unless the build stops first
    await readInto(records, lanes?.[0]);
    if (token.isCancellationRequested || this.disposed) return;
    indexOpenDocuments();
    mark('records');
    // The first build goes live now: nothing older is there to show. A rebuild swaps at the end.
    const live = !this.ready && !this.recordsIn;
    if (live) {
      this.swapIn(index, roots, indexed, versions);
      this.resolveRecords();
      this.changeEmitter.fire({ paths: [], records: true, citations: true, partial: true });
      report(true);
    }

    // ---- every other file that can cite a decision (read meanwhile, with a split session).
    if (sourcesRead) {
      await sourcesRead;
    } else {
      await collectSources();
      if (token.isCancellationRequested || this.disposed) return;
      mark('search');
      await readInto(sources);
    }
    if (token.isCancellationRequested || this.disposed) {
      // A live build that was stopped: what it read is in the index, and the features hear of it.
      if (live && !this.disposed) {
        this.forgetAnswers();
        this.changeEmitter.fire({ paths: [], records: true, citations: true });
      }
      return;
    }
    mark('citations');

    if (live) {
      this.forgetAnswers();
      // Documents opened or edited meanwhile: their current text.
      for (const document of vscode.workspace.textDocuments) {
        if (this.tracks(document.uri) && this.documentVersions.get(document.uri.toString()) !== document.version) this.indexDocument(document);
      }
    } else if (optimistic && key === optimistic.key && filesRead === 0 && sameSet(indexed, optimistic.indexed)) {
      // The reopen was ready from the cache and listing and discovery found nothing else: the
      // live index stays (no change for the features); only the roots' listings are new.
      this.roots = roots;
      index.dispose();
      this.logger.info('Index cache verified: the workspace is as the cache had it');
    } else {
      this.swapIn(index, roots, indexed, versions);
    }
    const decisions = this.current.decisions().length;
    void vscode.commands.executeCommand('setContext', 'decisionLens.hasDecisions', decisions > 0);
    const ms = Date.now() - started;
    const times = Object.entries(phases).map(([name, t]) => `${name} ${t} ms`).join(', ');
    this.lastStats = { ms, phases: { ...phases }, filesListed: total, filesRead, fromCache, fromDocuments, skipped, viaWorkers, decisions, paths: paths ?? 'editor' };
    this.logger.info(
      `Indexed ${decisions} decisions in ${folders.length} folders and ${indexed.size} of ${total} files in ${ms} ms ` +
        `(${times}; ${fromCache} from the cache, ${skipped} skipped, ${viaWorkers} by worker threads, files listed by ${paths ?? 'the editor'})`,
    );
    this.changeEmitter.fire({ paths: [], records: true, citations: true });
    this.scheduleCacheWrite(key, nextCache, snapshotRoots(roots));
  }

  /**
   * The empty index for `roots`' decision folders: every prefix every folder learned plus the
   * extra ones of the settings, comment-only matching unless a workspace folder turns it off,
   * and the cache key of what it derives.
   */
  private indexFor(roots: readonly RootState[]): { folders: DecisionFolder[]; prefixes: Set<string>; commentsOnly: boolean; index: DecisionIndex; key: string } {
    const folders = roots.flatMap((r) => r.decisionFolders);
    const prefixes = new Set<string>(folders.flatMap((f) => prefixesOf(f)));
    if (prefixes.size === 0) prefixes.add(DEFAULT_FOLDER_PREFIX);
    for (const root of roots) {
      for (const p of root.settings.citationPrefixes) {
        const n = normalizePrefix(p);
        if (n) prefixes.add(n);
      }
    }
    const commentsOnly = roots.every((r) => r.settings.commentsOnly);
    const index = new DecisionIndex({ folders, citationPrefixes: [...prefixes], commentsOnly, logger: this.logger });
    const key = cacheKey(this.options.version ?? '0', {
      prefixes: [...prefixes].sort(),
      commentsOnly,
      folders: folders.map((f) => [f.path, f.prefix, f.kind, f.package ?? '', f.root ?? ''].join('|')).sort(),
    });
    return { folders, prefixes, commentsOnly, index, key };
  }

  /**
   * A reopened workspace, ready from the last session's cache before it is listed and discovered
   * again: when the settings that decide listing and discovery are those of the cache's snapshot,
   * the snapshot's decision folders make the index, every cached file is checked (size and
   * mtime): unchanged ones are restored, changed ones read again, missing ones left out; open
   * documents are indexed from their text. The index goes live, the records and the first build
   * are ready. The build that follows lists and discovers as usual and swaps its index in only
   * when it differs (new or deleted files, other folders).
   * @returns the cache key and the indexed paths, or `undefined` (nothing changed) when the cache
   *   cannot serve (none, another settings key or layout, a folder not on the local disk).
   */
  private async readyFromCache(
    allSettings: readonly { folder: vscode.WorkspaceFolder; settings: Settings }[],
    settingsKey: string,
    local: LocalFiles,
    started: number,
  ): Promise<{ key: string; indexed: Set<string>; filesRead: number } | undefined> {
    const found = await this.cache.snapshot(settingsKey);
    if (!found || found.snapshot.roots.length !== allSettings.length) return undefined;
    const roots: RootState[] = [];
    for (const { folder, settings } of allSettings) {
      const snap = found.snapshot.roots.find((r) => r.uri === folder.uri.toString());
      if (!snap || folder.uri.scheme !== 'file') return undefined;
      roots.push({ folder, settings, decisionFolders: [...snap.folders], excluded: excludeMatcher(excludeGlobs(settings, folder), this.logger) });
    }
    const { index, key } = this.indexFor(roots);
    const cached = key === found.key ? await this.cache.load(key) : new Map<string, CachedFile>();
    if (cached.size === 0) {
      index.dispose();
      return undefined;
    }
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
    const indexed = new Set<string>();
    const versions = new Map<string, number>();
    let fromCache = 0;
    let filesRead = 0;
    let skipped = 0;
    // Records first, as a build reads them; each group in path order.
    const paths = [...cached.keys()].sort();
    const ordered = [...paths.filter((p) => cached.get(p)?.entry.decisions !== undefined), ...paths.filter((p) => cached.get(p)?.entry.decisions === undefined)];
    this.quiet = true;
    try {
      for (const path of ordered) {
        const root = roots.find((r) => isInside(path, r.folder.uri.path));
        if (!root || root.excluded(relative(root.folder.uri.path, path)) || open.has(path)) continue;
        const entry = cached.get(path) as CachedFile;
        const stat = local.stat(path);
        if (!stat) continue; // deleted while the workspace was closed
        if (stat.size === entry.size && stat.mtime === entry.mtime && index.restore(path, entry.entry)) {
          fromCache++;
        } else {
          const read = this.localRead(local, path, undefined);
          if (read.kind !== 'text') {
            skipped++;
            continue;
          }
          index.upsert(path, read.text);
          filesRead++;
        }
        indexed.add(path);
      }
    } finally {
      this.quiet = false;
    }
    const fromDocuments = indexOpenDocumentsInto(index, roots, versions, indexed);
    this.swapIn(index, roots, indexed, versions);
    this.resolveRecords();
    this.resolveFirstBuild();
    const decisions = index.decisions().length;
    void vscode.commands.executeCommand('setContext', 'decisionLens.hasDecisions', decisions > 0);
    const ms = Date.now() - started;
    this.lastStats = { ms, phases: { 'from cache': ms }, filesListed: indexed.size, filesRead, fromCache, fromDocuments, skipped, viaWorkers: 0, decisions, paths: 'cache' };
    this.logger.info(`Ready from the index cache: ${decisions} decisions, ${indexed.size} files (${fromCache} unchanged, ${filesRead} read again) in ${ms} ms; checking the workspace for other changes`);
    this.changeEmitter.fire({ paths: [], records: true, citations: true });
    return { key, indexed, filesRead };
  }

  /**
   * What the cache should hold for the live index: each indexed file's entry with its size and
   * mtime now (the loaded entry when those did not change). Files open in the editor are left out.
   */
  private cacheEntries(local: LocalFiles, loaded: ReadonlyMap<string, CachedFile>, open: ReadonlySet<string>): Map<string, CachedFile> {
    const entries = new Map<string, CachedFile>();
    for (const path of this.indexed) {
      if (open.has(path)) continue;
      const stat = local.stat(path);
      if (!stat) continue;
      const before = loaded.get(path);
      if (before && before.size === stat.size && before.mtime === stat.mtime) {
        entries.set(path, before);
        continue;
      }
      const entry = this.current.savedEntry(path);
      if (entry) entries.set(path, { size: stat.size, mtime: stat.mtime, entry });
    }
    return entries;
  }

  /** Drops every cached answer (citations of a document, citations of a decision): the index changed under them. */
  private forgetAnswers(): void {
    this.generation++;
    this.citationCache.clear();
    this.citationsOfCache.clear();
  }

  /** Makes `index` the current index with the state of the build that made it. */
  private swapIn(index: DecisionIndex, roots: RootState[], indexed: Set<string>, versions: Map<string, number>): void {
    this.roots = roots;
    this.indexed = indexed;
    this.documentVersions = versions;
    this.attach(index);
    const previous = this.current;
    this.current = index;
    this.forgetAnswers();
    if (previous !== index) previous.dispose();
    // Edits made while the build read files: index the documents' current text.
    for (const document of vscode.workspace.textDocuments) {
      if (this.tracks(document.uri) && versions.get(document.uri.toString()) !== document.version) this.indexDocument(document);
    }
  }

  /** Writes the cache a little after a build, so the build's own work is never delayed by it. */
  private scheduleCacheWrite(key: string, files: Map<string, CachedFile>, snapshot: CacheSnapshot): void {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    else this.cacheWritten = new Promise<void>((resolve) => (this.resolveCacheWritten = resolve));
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      const done = this.resolveCacheWritten;
      if (this.disposed) return done();
      const t0 = Date.now();
      void this.cache.save(key, files, snapshot).then((bytes) => {
        if (bytes > 0) this.logger.info(`Index cache: ${files.size} files, ${(bytes / 1024 / 1024).toFixed(1)} MB written in ${Date.now() - t0} ms`);
        done();
      });
    }, CACHE_WRITE_DELAY_MS);
  }

  /** Resolves once the index cache of the last build is written (or was not to be written). */
  whenCacheWritten(): Promise<void> {
    return this.cacheWritten;
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
      // A build filling the live index reports once at its end, not once per file.
      if (this.quiet) return;
      this.changeEmitter.fire(change);
    });
  }

  /**
   * Reads a file for the index through `workspace.fs`.
   * @param cached the cache's entry for it: when size and mtime still match, it is not read.
   * @returns its text (BOM dropped, as in an editor), the cached entry, or `skipped` for a binary,
   *   too large or unreadable file (logged).
   */
  private async readFile(uri: vscode.Uri, cached?: CachedFile): Promise<ReadResult> {
    if (hasBinaryExtension(uri.path)) return SKIPPED;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) === 0) return SKIPPED;
      if (stat.size > MAX_FILE_BYTES) {
        this.logger.info(`Skipped ${uri.path}: ${stat.size} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
        return SKIPPED;
      }
      if (cached && cached.size === stat.size && cached.mtime === stat.mtime) return { kind: 'cached', cached };
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > MAX_FILE_BYTES) {
        this.logger.info(`Skipped ${uri.path}: ${bytes.byteLength} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
        return SKIPPED;
      }
      if (looksBinary(bytes)) {
        this.logger.trace(`Skipped ${uri.path}: binary`);
        return SKIPPED;
      }
      return { kind: 'text', text: utf8.decode(bytes), size: stat.size, mtime: stat.mtime };
    } catch (error) {
      this.logger.warn(`Cannot read ${uri.path}: ${describe(error)}`);
      return SKIPPED;
    }
  }

  /** What a build worker found for `path`, as a read result; same logs as {@link localRead}. */
  private fromWorker(local: LocalFiles, path: string, file: BuildWorkerFile, cached: CachedFile | undefined): ReadResult {
    if (file.kind === 'text') return { kind: 'derived', entry: file.entry, size: file.size, mtime: file.mtime };
    if (file.kind === 'cached') return cached ? { kind: 'cached', cached } : this.localRead(local, path, undefined);
    if (file.reason === 'too-large') this.logger.info(`Skipped ${path}: ${file.size ?? '?'} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
    else if (file.reason === 'binary') this.logger.trace(`Skipped ${path}: binary`);
    else if (file.reason === 'unreadable') this.logger.warn(`Cannot read ${path}`);
    return SKIPPED;
  }

  /** Reads a file for the index with {@link LocalFiles}; same rules and logs as {@link readFile}. */
  private localRead(local: LocalFiles, path: string, cached: CachedFile | undefined): ReadResult {
    if (hasBinaryExtension(path)) return SKIPPED;
    if (cached) {
      const stat = local.stat(path);
      if (stat && stat.size === cached.size && stat.mtime === cached.mtime) return { kind: 'cached', cached };
    }
    const r = local.readTextFile(path, MAX_FILE_BYTES);
    if ('text' in r) return { kind: 'text', text: r.text, size: r.size, mtime: r.mtime };
    if (r.skipped === 'too-large') this.logger.info(`Skipped ${path}: ${r.size ?? '?'} bytes is over the ${MAX_FILE_BYTES}-byte limit`);
    else if (r.skipped === 'binary') this.logger.trace(`Skipped ${path}: binary`);
    else this.logger.warn(`Cannot read ${path}`);
    return SKIPPED;
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
      const read = await this.readFile(uri);
      if (read.kind !== 'text') {
        if (this.indexed.delete(path)) this.current.remove(path);
        continue;
      }
      this.indexed.add(path);
      this.current.upsert(path, read.text);
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

/** Only Markdown files are records (see `isDecisionFile`): a cheap test first. */
const RECORD_NAME = /\.(?:md|markdown)$/i;

/** Phase times and counts of a build (see {@link WorkspaceIndexer.buildStats}). */
export interface BuildStats {
  /** Milliseconds from the start of the build to the index being complete. */
  readonly ms: number;
  /**
   * Milliseconds per phase: `from cache` (a reopen ready before listing), `list`, `discovery`,
   * `cache`, `files` (what to read), `records`, `search` (waiting for ripgrep's candidates),
   * `citations`. With worker threads split between the records and the files that can cite
   * (read at the same time), `citations` is the wait after the records and there is no `search`.
   */
  readonly phases: Readonly<Record<string, number>>;
  readonly filesListed: number;
  /** Files read from disk (not from the cache, not from open documents). */
  readonly filesRead: number;
  /** Files whose cache entry still held (same size and mtime). */
  readonly fromCache: number;
  /** Open documents indexed from their text. */
  readonly fromDocuments: number;
  readonly skipped: number;
  /** Local files read and parsed by build worker threads (see `buildWorkers.ts`). */
  readonly viaWorkers: number;
  readonly decisions: number;
  /**
   * How files were listed: ripgrep and Node's fs, the editor's `findFiles` and `workspace.fs`, or
   * (a reopen ready before listing) the last session's cache.
   */
  readonly paths: 'ripgrep' | 'editor' | 'mixed' | 'cache';
}

/** A file read for a build: its text, its still valid cache entry, or nothing to index. */
type ReadResult =
  | { readonly kind: 'text'; readonly text: string; readonly size?: number; readonly mtime?: number }
  | { readonly kind: 'derived'; readonly entry: SavedEntry; readonly size: number; readonly mtime: number }
  | { readonly kind: 'cached'; readonly cached: CachedFile }
  | { readonly kind: 'skipped' };

const SKIPPED: ReadResult = { kind: 'skipped' };

/**
 * A {@link WorkspaceReader} for discovery over a ripgrep listing of a workspace folder and local
 * reads: no `workspace.fs` round trip. Open documents win, as in `createWorkspaceReader`.
 */
function listingReader(listing: readonly string[], local: LocalFiles, listedExclude: readonly string[]): WorkspaceReader {
  let dirs: Set<string> | undefined;
  const files = new Set(listing);
  const listedWith = listedExclude.join('\u0000');
  return {
    async readText(path: string): Promise<string | undefined> {
      await nextTurn();
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.path === path);
      return open ? open.getText() : local.readText(path);
    },
    async findFiles(root: string, include: readonly string[], exclude: readonly string[]): Promise<string[]> {
      await nextTurn();
      const matching = matchListing(listing, root, include);
      // The listing was filtered with these excludes already (discovery asks with the same).
      if (exclude.join('\u0000') === listedWith) return matching;
      const excluded = excludeMatcher(exclude);
      return matching.filter((p) => !excluded(relative(root, p)));
    },
    async exists(path: string): Promise<boolean> {
      await nextTurn();
      if (files.has(path)) return true;
      if (!dirs) {
        dirs = new Set<string>();
        // Every folder above a listed file (listed paths are absolute and normal).
        for (const p of listing) {
          for (let end = p.lastIndexOf('/'); end > 0; end = p.lastIndexOf('/', end - 1)) {
            const d = p.slice(0, end);
            if (dirs.has(d)) break;
            dirs.add(d);
          }
        }
      }
      return dirs.has(path.replace(/\/+$/, '')) || local.stat(path) !== undefined;
    },
  };
}

/**
 * Indexes the open documents of `roots` (not excluded, not over the size limit) from their text
 * into `index`, unless that version is in already.
 * @returns how many were indexed.
 */
function indexOpenDocumentsInto(index: DecisionIndex, roots: readonly RootState[], versions: Map<string, number>, indexed: Set<string>): number {
  let n = 0;
  for (const document of vscode.workspace.textDocuments) {
    const uri = document.uri;
    if (document.isClosed || versions.get(uri.toString()) === document.version) continue;
    const root = roots.find((r) => r.folder.uri.toString() === vscode.workspace.getWorkspaceFolder(uri)?.uri.toString());
    if (!root || !isWorkspaceFile(uri) || root.excluded(relative(root.folder.uri.path, uri.path))) continue;
    const text = document.getText();
    if (text.length > MAX_FILE_BYTES) continue;
    index.upsert(uri.path, text, document.languageId);
    versions.set(uri.toString(), document.version);
    indexed.add(uri.path);
    n++;
  }
  return n;
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

/**
 * Resolves on a later turn of the event loop: the first build's long stretches of work on the
 * extension host's thread (listing, discovery) let its messages through in between, so the
 * workbench's requests (opening an editor, a hover) are not held up behind them.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `12340` → `12,340`, as `toLocaleString('en-US')` writes it, without the ICU number formatter
 * (whose first use costs ~50 ms of the first build's critical path).
 */
function groupDigits(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
