/**
 * The decision index: every decision record of a workspace and every citation of one, kept up to
 * date one file at a time.
 *
 * Per-file entries: `upsert(path, text)` replaces what one file contributed and `remove(path)`
 * drops it; nothing else is re-read. Lookups by key are `Map` hits. Relations are resolved lazily
 * (once after records change, then cached), both ways: `A supersedes B` also gives
 * `B superseded by A`.
 */
import type { DecisionFolder } from './config';
import { DEFAULT_FOLDER_PREFIX, normalizePrefix } from './config';
import { findCitations } from './citations';
import { compileGlobs } from './glob';
import { isDecisionFile, isTemplatePath } from './discovery';
import { Emitter } from './event';
import type { Event } from './event';
import type { Citation, Decision, DecisionRef, Relation, RelationKind } from './model';
import { INVERSE_RELATION } from './model';
import type { Logger } from './ports';
import { nullLogger } from './ports';
import { isDecisionLogName } from './parse/decisionLog';
import { parseRecord } from './parse/parseRecord';
import { prefixesOf } from './prefixes';
import { basename, dirname, isInside, join, normalize, relative } from './paths';

/** A decision as the index knows it: the parsed record plus its citation identity and folder. */
export type IndexedDecision = Decision & {
  /** Lookup key, no padding: `ADR-5`, `DL-1`, `ADR-20201016-use-markdown`, `ADR-package1/20200101-first-adr`. */
  readonly key: string;
  /** How to show and cite it: `ADR-0005`, `DL-1`, `ADR-20201016-use-markdown`. */
  readonly display: string;
  /** Citation prefix: its folder's display prefix, or the record's own (`id: MADR-0005`) when the folder has it not. */
  readonly prefix: string;
  /**
   * Every key it is found by: one per prefix its folder learned (`ADR-5`, `MADR-5`; see
   * `prefixes.ts`) and its own; {@link IndexedDecision.key} first.
   */
  readonly keys: readonly string[];
  readonly folder: DecisionFolder;
};

/**
 * A citation with the file it is in and the decision it resolves to (absent when unknown).
 * `path` is the citing file; for `path` and `link` citations the path as written (the finder's
 * `Citation.path`) is in `citedPath`.
 */
export type ResolvedCitation = Citation & {
  /** Absolute POSIX path of the file the citation is in. */
  readonly path: string;
  /** For `path` and `link` forms: the cited path as written, without `#anchor`. */
  readonly citedPath?: string;
  readonly decision?: IndexedDecision;
  /** True when the citation is in a decision record (a link or id between records), not in code or other docs. */
  readonly inRecord?: boolean;
  /**
   * Every decision the citation may mean, sorted by path, when more than one does (two records
   * share the number, `@ADR(28)`): `decision` is the first of them.
   */
  readonly candidates?: readonly IndexedDecision[];
  /**
   * For a path or URL that names a decision log without naming an entry (`docs/DECISIONS.md`):
   * the log's path. `decision` is then absent: the citation is of the log as a whole.
   */
  readonly log?: string;
  /** The cited path or URL names the record's file, but in another folder (the record moved). */
  readonly moved?: boolean;
  /** A URL to a record of another repository: no local record has that path or file name. */
  readonly external?: boolean;
};

/** What a citation resolves to (see {@link DecisionIndex.resolveCitationDetail}). */
export interface CitationResolution {
  /** The decision, the first by path when several match. */
  readonly decision?: IndexedDecision;
  /** All decisions that match equally well, sorted by path; more than one means ambiguous. */
  readonly candidates: readonly IndexedDecision[];
  /** The log a path names without naming an entry. */
  readonly log?: string;
  /** Resolved by file name alone: the path's folders are not the record's. */
  readonly moved?: boolean;
}

/**
 * The inverse of a relation stated by another record: `B` gets `superseded-by A` from
 * `A supersedes B`. `target` names the record that stated it.
 */
export interface DerivedRelation {
  readonly kind: RelationKind;
  /** A verb for display: `Superseded by`, `Amended by`, `Supersedes`, `Related to`. */
  readonly verb: string;
  readonly target: DecisionRef;
  readonly derived: true;
  /** The relation as stated in the other record. */
  readonly statedIn: Relation;
}

/** What changed in one index update. */
export interface IndexChange {
  /** Files whose entries changed. */
  readonly paths: string[];
  /** Whether records (decisions) changed. */
  readonly records: boolean;
  /** Whether citations changed. */
  readonly citations: boolean;
  /**
   * Set by the editor's first build when its records are in and the citations of the rest of
   * the workspace are still being read: features may answer for open documents only until the
   * next change.
   */
  readonly partial?: boolean;
}

/** Options of {@link DecisionIndex}. */
export interface DecisionIndexOptions {
  readonly folders: readonly DecisionFolder[];
  /** Prefixes the citation finder looks for; default: every folder's prefix (`ADR` when none). */
  readonly citationPrefixes?: readonly string[];
  /** Look for citations only in comments (default true; Markdown is read whole). */
  readonly commentsOnly?: boolean;
  /** Match citation prefixes in any case (`adr-5`); default false (see `citations.ts`). */
  readonly ignoreCase?: boolean;
  readonly logger?: Logger;
}

type FileEntry =
  | { readonly kind: 'record'; readonly decisions: IndexedDecision[]; readonly citations: Citation[]; readonly parsed: readonly Decision[] }
  | { readonly kind: 'source'; readonly citations: Citation[] };

/**
 * What the index derived from one file's text, as {@link DecisionIndex.savedEntry} returns it
 * and {@link DecisionIndex.restore} takes it back (a cache across sessions): the records as the
 * parser returned them (absent for a source file) and the citations as the finder found them.
 * Plain JSON data.
 */
export interface SavedEntry {
  readonly decisions?: readonly Decision[];
  readonly citations: readonly Citation[];
}


const VERB: Record<RelationKind, string> = {
  supersedes: 'Supersedes',
  'superseded-by': 'Superseded by',
  amends: 'Amends',
  'amended-by': 'Amended by',
  clarifies: 'Clarifies',
  'clarified-by': 'Clarified by',
  'relates-to': 'Related to',
};

/** Resolved relation graph, rebuilt lazily after records change. */
interface RelationGraph {
  readonly out: Map<IndexedDecision, { relation: Relation | DerivedRelation; target?: IndexedDecision }[]>;
}

/**
 * Longest key (after trimming, UTF-16 code units) {@link normalizeKey} and
 * {@link DecisionIndex.get} look up; a longer text is no key. Record keys are short
 * (`ADR-20201016-use-markdown-architectural-decision-records` is 55).
 */
export const MAX_KEY_LENGTH = 200;

/**
 * Normalises a key as a user or a record may write it: `adr-0005`, `ADR 5`, `ADR5` → `ADR-5`;
 * `ADR-0009-tracing-policy` → `ADR-9`; `ADR-20201016-Use-X` → `ADR-20201016-use-x`.
 * Linear in `text`: a text longer than {@link MAX_KEY_LENGTH} after trimming is no key, and
 * the patterns run only on bounded texts.
 * @returns the normalised key, or `undefined` when `text` is no key.
 */
export function normalizeKey(text: string): string | undefined {
  if (typeof text !== 'string' || text.trim().length > MAX_KEY_LENGTH) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9_]*?)[-\s]?(\d+)(?:-(.+?))?\s*$/.exec(text);
  if (m) {
    const prefix = m[1].toUpperCase();
    const digits = m[2];
    if (m[3] !== undefined && digits.length === 8 && /^(19|20)/.test(digits)) return `${prefix}-${digits}-${m[3].toLowerCase()}`;
    return `${prefix}-${Number.parseInt(digits, 10)}`;
  }
  const s = /^\s*([A-Za-z][A-Za-z0-9_]*)-([^\s]+)\s*$/.exec(text);
  if (s) return `${s[1].toUpperCase()}-${s[2].toLowerCase()}`;
  return undefined;
}

function keyOf(prefix: string, number: number | undefined, slug: string | undefined): string | undefined {
  if (number !== undefined && Number.isFinite(number)) return `${prefix}-${number}`;
  if (slug !== undefined && slug !== '') return `${prefix}-${slug.toLowerCase()}`;
  return undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pull<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(value);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(key);
}

/** A record's file name: numbered (`0005-x.md`, `adr-083-x.md`, `0128.rst`) or date-named (`20200101-x.md`). */
const RECORD_LIKE_NAME = /^(?:[A-Za-z]{2,10}[-_]?)?\d{2,9}(?:[-_.][^/]*)?\.(?:md|markdown|rst)$/i;

/** Files a folder change can make records: only Markdown files are records (see `isDecisionFile`). */
const MARKDOWN = /\.(?:md|markdown|rst)$/i;

function byPath(a: IndexedDecision, b: IndexedDecision): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.range.start.line - b.range.start.line;
}

/**
 * The index of a workspace's decisions and citations.
 *
 * Paths are absolute POSIX paths (see `model.ts`). `upsert` routes a file in a decision folder
 * (see `isDecisionFile`) to the record parser and any other file to the citation finder.
 * Never throws on bad input: unreadable records keep their problems for `checkIndex`.
 */
export class DecisionIndex {
  private folders: readonly DecisionFolder[];
  private citationPrefixes: readonly string[];
  private readonly explicitPrefixes: boolean;
  private readonly commentsOnly: boolean;
  private readonly ignoreCase: boolean;
  private readonly logger: Logger;
  private readonly changeEmitter: Emitter<IndexChange>;

  private readonly files = new Map<string, FileEntry>();
  /**
   * Language of every file, and the text of those a folder change can turn into records or back
   * (Markdown files and files held as records), so `setFolders` can re-route them. Other files
   * keep no text: holding every source file's text would make the index as large as the
   * workspace (see `bench/`).
   */
  private readonly sources = new Map<string, { text?: string; languageId?: string }>();
  private readonly byKey = new Map<string, IndexedDecision[]>();
  /** Decisions by number for prefix-less citations (`@decision(5)`). */
  private readonly byNumber = new Map<number, IndexedDecision[]>();
  private readonly byBasename = new Map<string, IndexedDecision[]>();
  private readonly byTitle = new Map<string, IndexedDecision[]>();
  private readonly governingDecisions = new Set<IndexedDecision>();
  private readonly matchers = new WeakMap<IndexedDecision, (path: string) => boolean>();
  /** Files citing a key (`ADR-5`, `*-5` for prefix-less) or a basename (`0005-x.md`). */
  private readonly citingFiles = new Map<string, Set<string>>();
  private graph: RelationGraph | undefined;
  private sortedDecisions: IndexedDecision[] | undefined;
  /**
   * Resolved citations of the files asked about (CodeLens, hovers and `citationsOf` ask again and
   * again); dropped for a file when it changes and for all files when records change.
   */
  private readonly resolvedCitations = new Map<string, readonly ResolvedCitation[]>();

  /** Fires after each `upsert`, `remove` and `setFolders` that changed something. */
  readonly onDidChange: Event<IndexChange>;

  constructor(options: DecisionIndexOptions) {
    this.folders = options.folders;
    this.explicitPrefixes = options.citationPrefixes !== undefined;
    this.citationPrefixes = options.citationPrefixes ?? DecisionIndex.prefixesOf(options.folders);
    this.commentsOnly = options.commentsOnly ?? true;
    this.ignoreCase = options.ignoreCase ?? false;
    this.logger = options.logger ?? nullLogger;
    this.changeEmitter = new Emitter<IndexChange>((error) => this.logger.error(`Index change listener failed: ${String(error)}`));
    this.onDidChange = this.changeEmitter.event;
  }

  private static prefixesOf(folders: readonly DecisionFolder[]): string[] {
    const set = new Set<string>();
    // Every learned prefix of every folder, so citations with any of them are found.
    for (const f of folders) for (const p of prefixesOf(f)) set.add(p);
    if (set.size === 0) set.add(DEFAULT_FOLDER_PREFIX);
    return [...set];
  }

  /** The folders and logs the index routes files by. */
  getFolders(): readonly DecisionFolder[] {
    return this.folders;
  }

  /** The prefixes citations are looked for with. */
  getCitationPrefixes(): readonly string[] {
    return this.citationPrefixes;
  }

  /** True when citations are looked for in comments (and Markdown prose) only. */
  isCommentsOnly(): boolean {
    return this.commentsOnly;
  }

  /**
   * Replaces the folders (after a settings or config file change) and re-routes every Markdown
   * file and record the index holds. Fires one change event for all of them.
   * @returns paths of other files whose citations may be out of date because the citation
   *   prefixes changed; the index keeps no text for them, so the caller upserts them again
   *   (`[]` when the prefixes stayed the same, the usual case).
   */
  setFolders(folders: readonly DecisionFolder[]): string[] {
    const prefixesBefore = this.citationPrefixes;
    this.folders = folders;
    if (!this.explicitPrefixes) this.citationPrefixes = DecisionIndex.prefixesOf(folders);
    const prefixesChanged =
      prefixesBefore.length !== this.citationPrefixes.length || prefixesBefore.some((p) => !this.citationPrefixes.includes(p));
    const paths: string[] = [];
    const stale: string[] = [];
    for (const [path, source] of this.sources) (source.text !== undefined ? paths : stale).push(path);
    for (const path of paths) this.removeEntry(path);
    for (const path of paths) {
      const source = this.sources.get(path);
      if (source?.text !== undefined) this.addEntry(path, source.text, source.languageId);
    }
    this.invalidate();
    this.changeEmitter.fire({ paths, records: true, citations: true });
    return prefixesChanged ? stale : [];
  }

  /**
   * Adds or replaces one file's entries.
   * @param path absolute POSIX path.
   * @param text the file's text.
   * @param languageId VS Code language id, for the comment syntax (default: from the file name).
   */
  upsert(path: string, text: string, languageId?: string): void {
    const p = normalize(path);
    const before = this.files.get(p);
    this.removeEntry(p);
    const after = this.addEntry(p, text, languageId);
    this.sources.set(p, after?.kind === 'record' || MARKDOWN.test(p) ? { text, languageId } : { languageId });
    const records = before?.kind === 'record' || after?.kind === 'record';
    if (records) this.invalidate();
    const citations = (before?.citations.length ?? 0) > 0 || (after?.citations.length ?? 0) > 0 || before?.kind === 'source' || after?.kind === 'source';
    this.changeEmitter.fire({ paths: [p], records, citations });
  }

  /** Drops one file's entries (a deleted file). Nothing happens for a file the index does not hold. */
  remove(path: string): void {
    const p = normalize(path);
    const before = this.files.get(p);
    this.sources.delete(p);
    if (!before) return;
    this.removeEntry(p);
    if (before.kind === 'record') this.invalidate();
    this.changeEmitter.fire({ paths: [p], records: before.kind === 'record', citations: before.kind === 'source' || before.citations.length > 0 });
  }

  /** Drops everything. */
  clear(): void {
    const paths = [...this.files.keys()];
    for (const p of paths) this.removeEntry(p);
    this.sources.clear();
    this.invalidate();
    if (paths.length > 0) this.changeEmitter.fire({ paths, records: true, citations: true });
  }

  /** @returns true when the index holds an entry for `path`. */
  has(path: string): boolean {
    return this.files.has(normalize(path));
  }

  /** @returns every indexed decision, sorted by path (log entries in file order). */
  decisions(): IndexedDecision[] {
    if (!this.sortedDecisions) {
      const all: IndexedDecision[] = [];
      for (const entry of this.files.values()) if (entry.kind === 'record') all.push(...entry.decisions);
      all.sort(byPath);
      this.sortedDecisions = all;
    }
    return [...this.sortedDecisions];
  }

  /**
   * All decisions with a key, duplicates included.
   * @param key as a user writes it: `ADR-0005`, `adr-5`, `ADR 5`, `DL-1`, `ADR-20201016-use-x`;
   *   a bare number (`5`, `0005`) or slug (`20201016-use-x`) matches under any prefix; a key
   *   longer than {@link MAX_KEY_LENGTH} matches nothing.
   */
  get(key: string): IndexedDecision[] {
    if (typeof key !== 'string' || key.trim().length > MAX_KEY_LENGTH) return [];
    const bare = /^\s*(\d+)\s*$/.exec(key);
    if (bare) return [...(this.byNumber.get(Number.parseInt(bare[1], 10)) ?? [])].sort(byPath);
    const k = normalizeKey(key);
    const found = k ? (this.byKey.get(k) ?? []) : [];
    if (found.length > 0 || !/^\s*[\w./-]+\s*$/.test(key)) return [...found].sort(byPath);
    // A slug without prefix (`20201016-use-markdown`, `package1/20200101-first-adr`): any prefix.
    const slug = key.trim().toLowerCase();
    const out: IndexedDecision[] = [];
    for (const prefix of new Set(this.folders.flatMap((f) => prefixesOf(f)))) out.push(...(this.byKey.get(`${prefix}-${slug}`) ?? []));
    return out.sort(byPath);
  }

  /** @returns the decisions of one file (one for a record, one per entry for a log). */
  recordsIn(path: string): IndexedDecision[] {
    const entry = this.files.get(normalize(path));
    return entry?.kind === 'record' ? [...entry.decisions] : [];
  }

  /** @returns paths of every file indexed as a source of citations. */
  sourcePaths(): string[] {
    const out: string[] = [];
    for (const [path, entry] of this.files) if (entry.kind === 'source') out.push(path);
    return out;
  }

  /**
   * Resolves a citation to a decision.
   *
   * Ids and annotations resolve by key (`ADR-5`); when several folders share the key, the folder
   * whose project contains `fromPath` wins, then the first by path. Paths and links resolve
   * relative to the citing file, then by the end of a record's path (`docs/adr/0005-x.md` from
   * anywhere in the workspace).
   * @param c the citation.
   * @param fromPath absolute path of the file the citation is in.
   * @returns the decision, or `undefined` when none matches.
   */
  resolveCitation(c: Citation | ResolvedCitation, fromPath: string): IndexedDecision | undefined {
    return this.resolveCitationDetail(c, fromPath).decision;
  }

  /**
   * Resolves a citation with everything the checks and the editor need: every decision it may
   * mean (ambiguity), the log it names, whether it found the record by file name only (moved).
   *
   * Ids and annotations resolve by key; among same-key decisions, those of the folder whose
   * project contains `fromPath` (deepest project first), then all of them sorted by path. A URL
   * resolves by the end of its repository path (`docs/adr/0018-x.md` matches any record whose path
   * ends so), then by file name (moved). A path resolves relative to the citing file, then by its
   * end (a repo-root path from anywhere), then, for links, paths in code and URLs, by file name. A
   * path to a decision log cites an entry only when its `#anchor` names one; else the log.
   * @param c the citation.
   * @param fromPath absolute path of the file the citation is in.
   */
  resolveCitationDetail(c: Citation | ResolvedCitation, fromPath: string): CitationResolution {
    const from = normalize(fromPath);
    if (c.form === 'path' || c.form === 'link') {
      const cited = citedPathOf(c);
      if (cited === undefined) return { candidates: [] };
      const url = c.url !== undefined;
      // By file name when the folders are wrong: links, URLs, paths in code, and paths with folders in
      // documents (a bare `0001-title.md` in prose is mostly an example of a name).
      const byName = c.form === 'link' || url || !/\.(md|markdown|mdx)$/i.test(from) || cited.includes('/');
      return this.resolvePathDetail(cited, from, c.anchor, { byName, url });
    }
    let list: readonly IndexedDecision[];
    if (c.prefix === undefined) {
      if (c.number === undefined) return { candidates: [] };
      list = this.byNumber.get(c.number) ?? [];
    } else {
      const key = keyOf(c.prefix, c.number, c.number === undefined ? c.slug : undefined);
      if (key === undefined) return { candidates: [] };
      list = this.byKey.get(key) ?? [];
    }
    const candidates = this.best(list, from);
    return candidates.length > 0 ? { decision: candidates[0], candidates } : { candidates };
  }

  /**
   * Whether an unresolved path citation points into a decision folder (a broken link to a record)
   * rather than at some other Markdown file.
   */
  pointsIntoDecisionFolder(c: Citation | ResolvedCitation, fromPath: string): boolean {
    const cited = citedPathOf(c);
    if (cited === undefined) return false;
    const target = join(dirname(normalize(fromPath)), cited);
    // A missing file named like a record (`0005-x.md`, `adr-083-x.md`, `20200101-x.md`) is a
    // broken link to a record; `../DOCS_README.md` or `buildpack.md` is some other document.
    if (isDecisionFile(target, this.folders)) return RECORD_LIKE_NAME.test(basename(target));
    if (c.form === 'link' || cited.startsWith('./') || cited.startsWith('../') || cited.startsWith('/')) return false;
    const dir = dirname(normalize(cited));
    if (dir === '.') return false;
    return this.folders.some((f) => f.kind === 'folder' && (f.path === dir || f.path.endsWith('/' + dir)));
  }

  /**
   * @returns the citations in one file, each with its decision when it resolves. For a decision
   *   record these are its ids and links to other records (`inRecord: true`).
   */
  citationsIn(path: string): ResolvedCitation[] {
    const p = normalize(path);
    const cached = this.resolvedCitations.get(p);
    if (cached) return [...cached];
    const entry = this.files.get(p);
    if (!entry) return [];
    const resolved = this.resolveAll(entry.citations, p, entry.kind === 'record');
    this.resolvedCitations.set(p, resolved);
    return [...resolved];
  }

  /**
   * The citations of one file that touch one line, resolved. Cheaper than {@link citationsIn}
   * when that file's citations are not resolved yet (after a record changed): only those on the
   * line are resolved.
   * @param line 0-based line.
   */
  citationsOnLine(path: string, line: number): ResolvedCitation[] {
    const p = normalize(path);
    const onLine = (c: Citation): boolean => c.range.start.line <= line && c.range.end.line >= line;
    const cached = this.resolvedCitations.get(p);
    if (cached) return cached.filter(onLine);
    const entry = this.files.get(p);
    if (!entry) return [];
    return this.resolveAll(entry.citations.filter(onLine), p, entry.kind === 'record');
  }

  /**
   * @param options `includeRecords`: also the places in other decision records that cite `d`
   *   (default false: code and other documents only).
   * @returns every place that cites `d`, sorted by path and position.
   */
  citationsOf(d: IndexedDecision, options: { includeRecords?: boolean } = {}): ResolvedCitation[] {
    const candidates = new Set<string>();
    const add = (k: string): void => {
      for (const p of this.citingFiles.get(k) ?? []) candidates.add(p);
    };
    for (const k of d.keys) add(k);
    if (d.identity.number !== undefined) add(`*-${d.identity.number}`);
    add('@' + basename(d.path).toLowerCase());
    const out: ResolvedCitation[] = [];
    for (const path of [...candidates].sort()) {
      if (options.includeRecords !== true && this.files.get(path)?.kind === 'record') continue;
      for (const c of this.citationsIn(path)) if (c.decision === d) out.push(c);
    }
    return out;
  }

  /**
   * @returns the places in code and documents that cite a decision log as a whole (a path to it
   *   naming no entry: `docs/DECISIONS.md`), sorted by path and position.
   * @param logPath absolute path of the log file.
   */
  citationsOfLog(logPath: string): ResolvedCitation[] {
    const log = normalize(logPath);
    const out: ResolvedCitation[] = [];
    for (const path of [...(this.citingFiles.get('@' + basename(log).toLowerCase()) ?? [])].sort()) {
      if (this.files.get(path)?.kind === 'record') continue;
      for (const c of this.citationsIn(path)) if (c.log === log) out.push(c);
    }
    return out;
  }

  /** @returns every citation in the workspace, resolved, those in records included (`inRecord`). */
  allCitations(): ResolvedCitation[] {
    const out: ResolvedCitation[] = [];
    for (const [path, entry] of this.files) {
      out.push(...this.resolveAll(entry.citations, path, entry.kind === 'record'));
    }
    return out;
  }

  /**
   * Decisions whose `applies-to` globs match a file.
   * @param path absolute path of the file.
   * @param root absolute path of the workspace folder the globs are relative to.
   */
  governing(path: string, root: string): IndexedDecision[] {
    const rel = relative(normalize(root), normalize(path));
    if (rel.startsWith('../') || rel === '..') return [];
    const out: IndexedDecision[] = [];
    for (const d of this.governingDecisions) {
      let matcher = this.matchers.get(d);
      if (!matcher) {
        // Linear-time globs (src/core/glob.ts); the parser reports the ones it cannot match on the record.
        const set = compileGlobs(d.appliesTo.map((g) => g.replace(/^\.?\//, '')));
        matcher = (p: string): boolean => set.matches(p);
        this.matchers.set(d, matcher);
      }
      if (matcher(rel)) out.push(d);
    }
    return out.sort(byPath);
  }

  /**
   * Relations of a decision, its own and those derived from records that point at it
   * (`superseded-by A` from `A supersedes B`), each with its target when it resolves.
   * A derived relation that repeats one the record states itself is left out. Cycles are fine.
   */
  relationsOf(d: IndexedDecision): { relation: Relation | DerivedRelation; target?: IndexedDecision }[] {
    return [...(this.relationGraph().out.get(d) ?? [])];
  }

  /**
   * @returns the decision that supersedes `d` (stated by either record), or `undefined`.
   */
  successorOf(d: IndexedDecision): IndexedDecision | undefined {
    for (const r of this.relationsOf(d)) if (r.relation.kind === 'superseded-by' && r.target && r.target !== d) return r.target;
    return undefined;
  }

  /**
   * Follows `superseded by` to the end of the chain (cycle-safe).
   * @returns the last successor, or `undefined` when `d` has none.
   */
  latestSuccessorOf(d: IndexedDecision): IndexedDecision | undefined {
    const seen = new Set<IndexedDecision>([d]);
    let current = this.successorOf(d);
    let last: IndexedDecision | undefined;
    while (current && !seen.has(current)) {
      seen.add(current);
      last = current;
      current = this.successorOf(current);
    }
    return last;
  }

  /**
   * Resolves a relation target as written in `from`'s record: by path relative to the record,
   * by id (prefix-less ids use the record's prefix and prefer its folder), by title (log entries).
   */
  resolveRef(ref: DecisionRef, from: IndexedDecision): IndexedDecision | undefined {
    if (ref.path !== undefined && ref.path !== '') {
      const found = this.resolvePath(ref.path, from.path);
      if (found) return found;
    }
    if (ref.id !== undefined && ref.id !== '') {
      const found = this.resolveId(ref.id, from);
      if (found) return found;
    }
    if (ref.path !== undefined && ref.path !== '') {
      const found = this.resolvePath(ref.path, from.path, undefined, true);
      if (found) return found;
    }
    if (ref.title !== undefined && ref.title.trim() !== '') {
      const list = [...(this.byTitle.get(ref.title.trim().toLowerCase()) ?? [])].sort(byPath);
      return list.find((d) => d.path === from.path && d !== from) ?? this.pick(list.filter((d) => d !== from), from.path);
    }
    return undefined;
  }

  /** Releases listeners. */
  /**
   * What the index derived from `path`'s text, for a cache: the parsed records (record files
   * only) and the citations found.
   * @returns the entry, or `undefined` when the index holds nothing for `path`.
   */
  savedEntry(path: string): SavedEntry | undefined {
    const entry = this.files.get(normalize(path));
    if (!entry) return undefined;
    return entry.kind === 'record' ? { decisions: entry.parsed, citations: entry.citations } : { citations: entry.citations };
  }

  /**
   * What {@link upsert} derives from one file's text, as {@link savedEntry} would then give it,
   * without adding anything to the index: a build worker's work, restored by the index's owner.
   * @param path absolute POSIX path.
   * @returns the parsed records (a file of a decision folder or a log) and the citations found.
   */
  derive(path: string, text: string, languageId?: string): SavedEntry {
    const p = normalize(path);
    return this.deriveIn(p, text, languageId, isDecisionFile(p, this.folders));
  }

  /**
   * Adds one file's entries from a {@link savedEntry} of the same text (the caller checked that
   * the file did not change and that prefixes and matching rules are the same), without parsing or
   * searching it again. Fires a change event as {@link upsert} does. The text is not kept, so a
   * later {@link setFolders} returns the path among those to upsert again.
   * @returns false (and changes nothing) when the saved entry was made under other folders: a
   *   record saved for a file that is no record now, or the other way round.
   */
  restore(path: string, saved: SavedEntry, languageId?: string): boolean {
    const p = normalize(path);
    const folder = isDecisionFile(p, this.folders);
    if ((folder !== undefined) !== (saved.decisions !== undefined)) return false;
    const before = this.files.get(p);
    this.removeEntry(p);
    this.resolvedCitations.delete(p);
    const citations = isTemplatePath(p) ? [] : [...saved.citations];
    let after: FileEntry;
    if (folder && saved.decisions) {
      const decisions = saved.decisions.map((d) => this.toIndexed(d, folder));
      after = { kind: 'record', decisions, citations, parsed: saved.decisions };
      for (const d of decisions) this.addDecision(d);
    } else {
      after = { kind: 'source', citations };
    }
    this.files.set(p, after);
    for (const k of this.citationKeys(citations)) {
      let set = this.citingFiles.get(k);
      if (!set) this.citingFiles.set(k, (set = new Set()));
      set.add(p);
    }
    this.sources.set(p, { languageId });
    const records = before?.kind === 'record' || after.kind === 'record';
    if (records) this.invalidate();
    this.changeEmitter.fire({ paths: [p], records, citations: true });
    return true;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  // ---- internals ----

  private withDecision(c: Citation, path: string, inRecord: boolean): ResolvedCitation {
    const r = this.resolveCitationDetail(c, path);
    const decision = r.decision;
    return {
      ...c,
      path,
      ...(c.path !== undefined ? { citedPath: c.path } : {}),
      ...(decision ? { decision } : {}),
      ...(inRecord ? { inRecord: true } : {}),
      ...(r.candidates.length > 1 ? { candidates: r.candidates } : {}),
      ...(r.log !== undefined ? { log: r.log } : {}),
      ...(r.moved === true ? { moved: true } : {}),
      ...(!decision && r.log === undefined && c.url !== undefined ? { external: true } : {}),
    };
  }

  /**
   * Resolved citations of one file entry, without tentative ones that resolve to nothing (`RFC 3986`).
   * An ambiguous citation whose sentence also cites one of its candidates by path or URL is that
   * candidate (`RFC-035 <https://.../035-membership.md>`).
   */
  private resolveAll(citations: readonly Citation[], path: string, inRecord: boolean): ResolvedCitation[] {
    const out: ResolvedCitation[] = [];
    let ambiguous = false;
    for (const c of citations) {
      const r = this.withDecision(c, path, inRecord);
      if (c.tentative === true && !r.decision) continue;
      if (r.candidates !== undefined) ambiguous = true;
      out.push(r);
    }
    if (!ambiguous) return out;
    return out.map((r) => {
      if (r.candidates === undefined || r.sentence === undefined) return r;
      const settled = out.find((o) => o !== r && o.sentence === r.sentence && o.candidates === undefined && o.decision !== undefined && r.candidates?.includes(o.decision));
      if (!settled?.decision) return r;
      const { candidates: _dropped, ...rest } = r;
      return { ...rest, decision: settled.decision };
    });
  }

  private resolveId(id: string, from: IndexedDecision): IndexedDecision | undefined {
    const trimmed = id.trim();
    const bare = /^(\d+)(?:-(.*))?$/.exec(trimmed);
    if (bare) {
      const digits = bare[1];
      const key =
        bare[2] !== undefined && digits.length === 8 && /^(19|20)/.test(digits)
          ? `${from.prefix}-${trimmed.toLowerCase()}`
          : `${from.prefix}-${Number.parseInt(digits, 10)}`;
      const list = [...(this.byKey.get(key) ?? [])].sort(byPath);
      const sameFolder = list.find((d) => d.folder.path === from.folder.path);
      if (sameFolder) return sameFolder;
      if (list.length > 0) return this.pick(list, from.path);
      if (bare[2] === undefined || digits.length !== 8) {
        const any = [...(this.byNumber.get(Number.parseInt(digits, 10)) ?? [])].sort(byPath);
        return any.find((d) => d.folder.path === from.folder.path);
      }
      return undefined;
    }
    const key = normalizeKey(trimmed);
    if (key === undefined) return undefined;
    const list = [...(this.byKey.get(key) ?? [])].sort(byPath);
    return list.find((d) => d.folder.path === from.folder.path) ?? this.pick(list, from.path);
  }

  /**
   * Resolves a cited path: relative to the citing file (never for URLs), then (for paths that do
   * not start with `/`, `./` or `../`) by the end of a record's path, then, when `byName` is set,
   * by file name alone (a link whose folders are wrong, a record that moved; `moved: true`).
   */
  private resolvePath(target: string, fromPath: string, anchor?: string, byName = false): IndexedDecision | undefined {
    return this.resolvePathDetail(target, fromPath, anchor, { byName, url: false }).decision;
  }

  private resolvePathDetail(target: string, fromPath: string, anchor: string | undefined, how: { byName: boolean; url: boolean }): CitationResolution {
    let t = target.trim();
    try {
      t = decodeURIComponent(t);
    } catch {
      // keep as written
    }
    t = t.replace(/\\/g, '/').replace(/[?#].*$/, '');
    if (t === '') return { candidates: [] };
    let decisions: IndexedDecision[] | undefined;
    let moved = false;
    if (!how.url) {
      const direct = this.files.get(t.startsWith('/') ? normalize(t) : join(dirname(fromPath), t));
      if (direct?.kind === 'record') decisions = direct.decisions;
    }
    const relativeOnly = !how.url && (t.startsWith('./') || t.startsWith('../'));
    if (!decisions && (how.url || !t.startsWith('/')) && !relativeOnly) {
      const suffix = '/' + normalize(t.replace(/^\/+/, ''));
      const list = (this.byBasename.get(basename(t).toLowerCase()) ?? []).filter((d) => d.path.endsWith(suffix));
      decisions = this.sameFile(list, fromPath);
    }
    if (!decisions && how.byName) {
      decisions = this.sameFile(this.byBasename.get(basename(t).toLowerCase()) ?? [], fromPath);
      if (decisions) moved = true;
    }
    if (!decisions && how.url) {
      // A docs-site page (`seed/0105-old-slug.html`): the record with that number in a folder of that name.
      const page = /(?:^|\/)([^/]+)\/(\d+)[-_.][^/]*$/.exec(t);
      if (page) {
        const folderName = page[1].toLowerCase();
        const list = (this.byNumber.get(Number.parseInt(page[2], 10)) ?? []).filter((d) => basename(dirname(d.path)).toLowerCase() === folderName);
        decisions = this.sameFile(list, fromPath);
      }
    }
    if (!decisions || decisions.length === 0) return { candidates: [] };
    const m = moved ? { moved: true } : {};
    if (decisions.length > 1 || decisions[0]?.folder.kind === 'log') {
      // A log (or a file of several entries): the anchor names the entry, else the citation is of the log.
      if (anchor !== undefined) {
        const a = anchor.toLowerCase();
        const byAnchor = decisions.find((d) => slugify(d.title) === a || slugify(d.display) === a || d.key.toLowerCase() === a || slugify(`${d.display} ${d.title}`) === a);
        if (byAnchor) return { decision: byAnchor, candidates: [byAnchor], ...m };
      }
      return { candidates: [], log: decisions[0].path, ...m };
    }
    return { decision: decisions[0], candidates: [decisions[0]], ...m };
  }

  /** The decisions of the one file among `list` that `best` picks first, or `undefined`. */
  private sameFile(list: readonly IndexedDecision[], fromPath: string): IndexedDecision[] | undefined {
    const best = this.best(list, fromPath)[0];
    return best ? list.filter((d) => d.path === best.path).sort(byPath) : undefined;
  }

  /**
   * The same-key decisions a citation from `from` means: those of the folder whose project
   * contains `from` (the deepest), else all; sorted by path. One element unless ambiguous.
   */
  private best(list: readonly IndexedDecision[], from: string): IndexedDecision[] {
    if (list.length <= 1) return [...list];
    let bestDepth = -2;
    let out: IndexedDecision[] = [];
    for (const d of [...list].sort(byPath)) {
      const root = d.folder.root ?? '/';
      const depth = isInside(from, root) ? root.length : isInside(from, d.folder.path) ? d.folder.path.length : -1;
      if (depth > bestDepth) {
        out = [d];
        bestDepth = depth;
      } else if (depth === bestDepth) out.push(d);
    }
    return out;
  }

  /** Picks among same-key decisions: the folder whose project contains `from`, then path order. */
  private pick(list: readonly IndexedDecision[], from: string): IndexedDecision | undefined {
    if (list.length <= 1) return list[0];
    let best: IndexedDecision | undefined;
    let bestDepth = -2;
    for (const d of [...list].sort(byPath)) {
      const root = d.folder.root ?? '/';
      const depth = isInside(from, root) ? root.length : isInside(from, d.folder.path) ? d.folder.path.length : -1;
      if (depth > bestDepth) {
        best = d;
        bestDepth = depth;
      }
    }
    return best;
  }

  private addEntry(path: string, text: string, languageId?: string): FileEntry | undefined {
    this.resolvedCitations.delete(path);
    const folder = isDecisionFile(path, this.folders);
    const { decisions: parsed, citations } = this.deriveIn(path, text, languageId, folder);
    let entry: FileEntry;
    if (folder && parsed) {
      const decisions = parsed.map((d) => this.toIndexed(d, folder));
      entry = { kind: 'record', decisions, citations, parsed };
      for (const d of decisions) this.addDecision(d);
    } else {
      entry = { kind: 'source', citations };
    }
    this.files.set(path, entry);
    for (const k of this.citationKeys(citations)) {
      let set = this.citingFiles.get(k);
      if (!set) this.citingFiles.set(k, (set = new Set()));
      set.add(path);
    }
    return entry;
  }

  /** What {@link derive} gives for a normalised `path` whose decision folder (if any) is `folder`. */
  private deriveIn(path: string, text: string, languageId: string | undefined, folder: DecisionFolder | undefined): { decisions?: Decision[]; citations: Citation[] } {
    const citations = this.findIn(path, text, folder ? 'markdown' : languageId);
    return folder ? { decisions: this.parseIn(path, text, folder), citations } : { citations };
  }

  /** The decisions of a file of `folder` (a parser failure is logged and gives none). */
  private parseIn(path: string, text: string, folder: DecisionFolder): Decision[] {
    try {
      // A file in a decision folder is one record (however many H1s and `Key: value` lines
      // its body has), unless it is named like a decision log (`decision-log.md`).
      return parseRecord(text, path, {
        kind: folder.kind === 'log' || isDecisionLogName(path) ? 'log' : 'record',
        ...(folder.tool !== undefined ? { tool: folder.tool } : {}),
      });
    } catch (error) {
      this.logger.error(`${path}: parser failed (${String(error)})`);
      return [];
    }
  }

  private findIn(path: string, text: string, languageId: string | undefined): Citation[] {
    if (isTemplatePath(path)) return [];
    try {
      return findCitations(text, {
        prefixes: this.citationPrefixes,
        ...(languageId !== undefined ? { languageId } : {}),
        fileName: path,
        commentsOnly: this.commentsOnly,
        ignoreCase: this.ignoreCase,
      });
    } catch (error) {
      this.logger.error(`${path}: citation finder failed (${String(error)})`);
      return [];
    }
  }

  private removeEntry(path: string): void {
    this.resolvedCitations.delete(path);
    const entry = this.files.get(path);
    if (!entry) return;
    this.files.delete(path);
    if (entry.kind === 'record') for (const d of entry.decisions) this.removeDecision(d);
    for (const k of this.citationKeys(entry.citations)) {
      const set = this.citingFiles.get(k);
      if (set) {
        set.delete(path);
        if (set.size === 0) this.citingFiles.delete(k);
      }
    }
  }

  private citationKeys(citations: readonly Citation[]): Set<string> {
    const keys = new Set<string>();
    for (const c of citations) {
      if (c.form === 'path' || c.form === 'link') {
        if (c.path !== undefined) keys.add('@' + basename(c.path).toLowerCase());
      } else if (c.prefix === undefined) {
        if (c.number !== undefined) keys.add(`*-${c.number}`);
      } else {
        const k = keyOf(c.prefix, c.number, c.number === undefined ? c.slug : undefined);
        if (k) keys.add(k);
      }
    }
    return keys;
  }

  private toIndexed(d: Decision, folder: DecisionFolder): IndexedDecision {
    const folderPrefixes = prefixesOf(folder);
    const own = normalizePrefix(d.identity.prefix);
    const prefix = own !== undefined && !folderPrefixes.includes(own) ? own : folder.prefix;
    let slug = d.identity.slug;
    let number = d.identity.number;
    const name = basename(d.path);
    if (number !== undefined && folder.kind === 'folder' && /^(19|20)\d{6}-/.test(name) && d.identity.numberText === name.slice(0, 8)) {
      // A log4brains date-named record (`20201016-use-x.md`): its id is the slug, not the date.
      number = undefined;
      slug = undefined;
    }
    let keySlug: string | undefined;
    if (number === undefined) {
      if (slug === undefined || slug === '') slug = name.replace(/\.(md|markdown)$/i, '');
      // log4brains ids of package records are `<package>/<slug>`.
      keySlug = folder.package !== undefined ? `${folder.package}/${slug}` : slug;
    }
    const key = keyOf(prefix, number, keySlug) ?? `${prefix}-${name.toLowerCase()}`;
    const keys = [key];
    // A record that names itself with a prefix its folder does not have (`id: MADR-0005` in a
    // folder known as `ADR`) keeps that id alone; otherwise every prefix of the folder finds it.
    for (const p of prefix === own && own !== folder.prefix ? [] : folderPrefixes) {
      const k = keyOf(p, number, keySlug) ?? `${p}-${name.toLowerCase()}`;
      if (!keys.includes(k)) keys.push(k);
    }
    const display = number !== undefined ? `${prefix}-${d.identity.numberText ?? String(number)}` : `${prefix}-${keySlug ?? ''}`;
    const identity = number === d.identity.number && slug === d.identity.slug ? d.identity : { ...d.identity, number, numberText: number === undefined ? undefined : d.identity.numberText, slug };
    return { ...d, identity, key, keys, display, prefix, folder };
  }

  private addDecision(d: IndexedDecision): void {
    for (const k of d.keys) push(this.byKey, k, d);
    if (d.identity.number !== undefined) push(this.byNumber, d.identity.number, d);
    push(this.byBasename, basename(d.path).toLowerCase(), d);
    if (d.title.trim() !== '') push(this.byTitle, d.title.trim().toLowerCase(), d);
    if (d.appliesTo.length > 0) this.governingDecisions.add(d);
  }

  private removeDecision(d: IndexedDecision): void {
    for (const k of d.keys) pull(this.byKey, k, d);
    if (d.identity.number !== undefined) pull(this.byNumber, d.identity.number, d);
    pull(this.byBasename, basename(d.path).toLowerCase(), d);
    if (d.title.trim() !== '') pull(this.byTitle, d.title.trim().toLowerCase(), d);
    this.governingDecisions.delete(d);
  }

  private invalidate(): void {
    this.graph = undefined;
    this.sortedDecisions = undefined;
    this.resolvedCitations.clear();
  }

  private relationGraph(): RelationGraph {
    if (this.graph) return this.graph;
    const out = new Map<IndexedDecision, { relation: Relation | DerivedRelation; target?: IndexedDecision }[]>();
    const all = this.decisions();
    for (const d of all) out.set(d, []);
    const stated: { from: IndexedDecision; relation: Relation; target?: IndexedDecision }[] = [];
    for (const d of all) {
      for (const relation of d.relations) {
        const target = this.resolveRef(relation.target, d);
        stated.push({ from: d, relation, target });
        out.get(d)?.push(target ? { relation, target } : { relation });
      }
    }
    for (const { from, relation, target } of stated) {
      if (!target || target === from) continue;
      const inverse = INVERSE_RELATION[relation.kind];
      const own = out.get(target) ?? [];
      if (own.some((r) => r.target === from && r.relation.kind === inverse)) continue;
      const derived: DerivedRelation = {
        kind: inverse,
        verb: VERB[inverse],
        target: { text: from.display, id: from.display, path: from.path, title: from.title },
        derived: true,
        statedIn: relation,
      };
      own.push({ relation: derived, target: from });
      out.set(target, own);
    }
    this.graph = { out };
    return this.graph;
  }
}

/** The cited path of a finder citation or of a resolved one (whose `path` is the citing file). */
function citedPathOf(c: Citation | ResolvedCitation): string | undefined {
  return 'citedPath' in c || 'decision' in c ? (c as ResolvedCitation).citedPath : c.path;
}

/** GitHub-style heading anchor: lower case, spaces to `-`, punctuation dropped. */
function slugify(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}
