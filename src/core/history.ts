/**
 * History from git, pure: one `git log` pass over the repository read into per-file histories
 * with renames followed, and what the product derives from them - provenance of a record (who
 * created it, who last changed it, who last changed its status), drift of an accepted decision
 * (commits and files changed since its acceptance in the files it governs or that cite it) and
 * number collisions with records on other refs.
 *
 * Nothing here runs git: the host runs the commands this module names ({@link logArgs},
 * `git cat-file --batch` for the record versions, `git ls-tree` for other refs) and hands the
 * output in (see `gitHistory.ts` for the orchestration, `src/cli/git.ts` for the Node runner).
 *
 * Paths are repository-relative POSIX paths as git prints them (`docs/adr/0001-x.md`).
 *
 * Source of the formats: git-log(1) "PRETTY FORMATS" (`%H %P %an %ae %aI %ct %s`), "RAW OUTPUT
 * FORMAT" of git-diff(1) (`:100644 100644 <src> <dst> R100\0old\0new\0` with `-z`), git-cat-file(1)
 * "BATCH OUTPUT" (`<sha> blob <size>\n<content>\n`).
 */
import { compileGlobs } from './glob';
import { identityFromFileName } from './parse/identity';

/** Marks the start of a commit in the log output (two record separators, `DLC`, a unit separator). */
const COMMIT_MARK = '\x1e\x1eDLC\x1f';
/** The `--format` of the log pass: hash, parents, author name, author e-mail, author date (ISO 8601), committer time (s), subject. */
export const LOG_FORMAT = '%x1e%x1eDLC%x1f%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%ct%x1f%s';

/**
 * The arguments of the one log pass (`git <args>`): every commit reachable from `range`
 * (default `HEAD`), newest first with no parent before its children (`--date-order`), each with
 * its raw diff (`--raw`, full blob ids) with renames detected (`-M`), NUL-separated (`-z`), so
 * any file name reads back exactly. Merge commits carry no diff (their changes are in the
 * commits merged).
 * @param range `HEAD`, or `<old>..HEAD` for an incremental update.
 */
export function logArgs(range = 'HEAD'): string[] {
  return [
    '-c', 'log.showSignature=false',
    '-c', 'core.quotePath=false',
    'log', '-z', '--raw', '-M', '--no-abbrev', '--date-order', '--no-color', '--no-ext-diff', '--no-textconv',
    `--format=${LOG_FORMAT}`, range, '--',
  ];
}

/** One commit of the log. */
export interface Commit {
  /** Full object id (40 hex digits, 64 in a SHA-256 repository). */
  readonly hash: string;
  readonly parents: readonly string[];
  readonly author: string;
  readonly email: string;
  /** Author date as git prints `%aI`: `2025-03-02T10:11:12+01:00`. */
  readonly date: string;
  /** Committer time, seconds since the epoch. */
  readonly time: number;
  readonly subject: string;
  /** Position in the history, 0 for the oldest commit read: a larger `seq` is a later commit (in `--date-order`). */
  readonly seq: number;
}

/** What a commit did to one file (the raw diff's status letter). */
export type ChangeKind = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

/** One file changed by one commit. */
export interface FileChange {
  /** The commit's `seq` (see {@link Commit.seq}). */
  readonly seq: number;
  readonly kind: ChangeKind;
  /** The file's path after the commit. */
  readonly path: string;
  /** For renames and copies, the path before. */
  readonly from?: string;
  /** The blob id of the file's content after the commit (absent for a deletion). */
  readonly blob?: string;
}

/** The history of one file that exists at HEAD, renames followed, newest change first. */
export interface FileHistory {
  /** The path at HEAD. */
  readonly path: string;
  readonly changes: FileChange[];
}

/** The repository's history as read at one HEAD. */
export interface RepoHistory {
  /** The HEAD commit the history was read at (`''` for a repository without commits). */
  readonly head: string;
  /** Every commit read, oldest first: `commits[c.seq] === c`. */
  readonly commits: readonly Commit[];
  /** Per file at HEAD (repository-relative path). */
  readonly files: ReadonlyMap<string, FileHistory>;
  /** True in a shallow clone: the oldest commit read is a graft, the history before it is missing. */
  readonly shallow: boolean;
}

/** A commit as read from the log, with its raw diff entries. */
export interface LoggedCommit {
  readonly hash: string;
  readonly parents: readonly string[];
  readonly author: string;
  readonly email: string;
  readonly date: string;
  readonly time: number;
  readonly subject: string;
  readonly changes: readonly { kind: ChangeKind; path: string; from?: string; blob?: string }[];
}

const ZERO_ID = /^0+$/;

/**
 * Reads the output of `git log` run with {@link logArgs}.
 * @param text the whole output, decoded as UTF-8.
 * @returns the commits in the order printed (newest first). Malformed parts (a truncated last
 *   entry) are skipped, never thrown on.
 */
export function parseGitLog(text: string): LoggedCommit[] {
  const out: LoggedCommit[] = [];
  let at = text.indexOf(COMMIT_MARK);
  while (at >= 0) {
    const start = at + COMMIT_MARK.length;
    const next = text.indexOf(COMMIT_MARK, start);
    const end = next < 0 ? text.length : next;
    const headerEnd = text.indexOf('\0', start);
    const header = text.slice(start, headerEnd < 0 || headerEnd > end ? end : headerEnd);
    const f = header.split('\x1f');
    if (f.length >= 7 && /^[0-9a-f]{40,64}$/.test(f[0])) {
      const changes: { kind: ChangeKind; path: string; from?: string; blob?: string }[] = [];
      if (headerEnd >= 0 && headerEnd < end) {
        // `:old-mode new-mode old-blob new-blob STATUS\0path\0[path2\0]`, after a `\n`.
        const parts = text.slice(headerEnd + 1, end).split('\0');
        for (let i = 0; i < parts.length; i++) {
          const meta = parts[i].replace(/^\n/, '');
          if (!meta.startsWith(':')) continue;
          const m = meta.split(' ');
          const letter = (m[4] ?? '').charAt(0) as ChangeKind;
          const dst = m[3] ?? '';
          const blob = ZERO_ID.test(dst) ? undefined : dst;
          if (letter === 'R' || letter === 'C') {
            const from = parts[i + 1];
            const path = parts[i + 2];
            i += 2;
            if (from !== undefined && path !== undefined) changes.push({ kind: letter, path, from, ...(blob ? { blob } : {}) });
          } else if (letter === 'A' || letter === 'M' || letter === 'D' || letter === 'T') {
            const path = parts[i + 1];
            i += 1;
            if (path !== undefined) changes.push({ kind: letter, path, ...(blob && letter !== 'D' ? { blob } : {}) });
          }
        }
      }
      out.push({
        hash: f[0],
        parents: f[1] === '' ? [] : f[1].split(' '),
        author: f[2],
        email: f[3],
        date: f[4],
        time: Number(f[5]) || 0,
        subject: f.slice(6).join('\x1f'),
        changes,
      });
    }
    at = next;
  }
  return out;
}

/**
 * Builds per-file histories from logged commits, following renames backwards the way
 * `git log --follow` does: a file's history is its changes at its path at HEAD, then at the path
 * it was renamed from, and so on, until the commit that added it. A path deleted and added again
 * starts a new history.
 *
 * @param logged the commits of `base.head..head` (or of all history without `base`), newest
 *   first as {@link parseGitLog} returns them.
 * @param head the HEAD they were read at.
 * @param base the history at an earlier HEAD that is an ancestor of `head`: its commits keep their
 *   `seq`, its files are carried over (renamed, dropped when deleted) under the new commits.
 * @param shallow whether the repository is a shallow clone.
 * @returns the history at `head`. Linear in the number of changes.
 */
export function buildHistory(logged: readonly LoggedCommit[], head: string, base?: RepoHistory, shallow = false): RepoHistory {
  const offset = base ? base.commits.length : 0;
  const commits: Commit[] = base ? [...base.commits] : [];
  const n = logged.length;
  for (let i = n - 1; i >= 0; i--) {
    const c = logged[i];
    commits.push({ hash: c.hash, parents: c.parents, author: c.author, email: c.email, date: c.date, time: c.time, subject: c.subject, seq: offset + (n - 1 - i) });
  }
  const files = new Map<string, FileHistory>();
  // Path as of the commit being read -> the path at HEAD it became, or null: not a file at HEAD.
  const alias = new Map<string, string | null>();
  const resolve = (path: string): string | null => {
    const known = alias.get(path);
    if (known !== undefined) return known;
    alias.set(path, path);
    return path;
  };
  const push = (headPath: string, change: FileChange): void => {
    const h = files.get(headPath);
    if (h) h.changes.push(change);
    else files.set(headPath, { path: headPath, changes: [change] });
  };
  for (let i = 0; i < n; i++) {
    const c = logged[i];
    const seq = offset + (n - 1 - i);
    for (const ch of c.changes) {
      if (ch.kind === 'D') {
        // Deleted here and not added back later (an add, read first, would have ended the alias).
        if (!alias.has(ch.path)) alias.set(ch.path, null);
        continue;
      }
      const target = resolve(ch.path);
      if (target !== null) push(target, { seq, kind: ch.kind, path: ch.path, ...(ch.from !== undefined ? { from: ch.from } : {}), ...(ch.blob ? { blob: ch.blob } : {}) });
      if (ch.kind === 'A' || ch.kind === 'C') alias.set(ch.path, null);
      else if (ch.kind === 'R') {
        alias.set(ch.path, null);
        if (ch.from !== undefined) alias.set(ch.from, target);
      }
    }
  }
  if (base) {
    for (const [path, h] of base.files) {
      const target = alias.has(path) ? alias.get(path) : path;
      if (target === null || target === undefined) continue;
      const into = files.get(target);
      if (into) into.changes.push(...h.changes);
      else files.set(target, { path: target, changes: [...h.changes] });
    }
  }
  return { head, commits, files, shallow: shallow || (base?.shallow ?? false) };
}

// ---------------------------------------------------------------------------------------------
// Record versions (git cat-file --batch)

/**
 * Reads the output of `git cat-file --batch` (`<id> blob <size>\n<bytes>\n` per object, or
 * `<id> missing\n`).
 * @param bytes the whole output.
 * @returns the text of each blob (UTF-8) by id.
 */
export function parseCatFileBatch(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const decoder = new TextDecoder('utf-8');
  let i = 0;
  while (i < bytes.length) {
    const nl = bytes.indexOf(10, i);
    if (nl < 0) break;
    const header = decoder.decode(bytes.subarray(i, nl)).split(' ');
    i = nl + 1;
    if (header.length !== 3) continue;
    const size = Number(header[2]);
    if (!Number.isFinite(size) || i + size > bytes.length) break;
    out.set(header[0], decoder.decode(bytes.subarray(i, i + size)));
    i += size + 1;
  }
  return out;
}

/** Most versions of one record read to find its status change (the newest ones). */
export const MAX_VERSIONS_PER_RECORD = 64;

/**
 * The blob ids of a file's versions to read for its status history, newest first, at most
 * {@link MAX_VERSIONS_PER_RECORD}.
 */
export function versionsToRead(h: FileHistory): string[] {
  const out: string[] = [];
  for (const c of h.changes) {
    if (c.blob) out.push(c.blob);
    if (out.length >= MAX_VERSIONS_PER_RECORD) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Provenance

/** A commit as provenance shows it. */
export interface CommitRef {
  /** Full object id. */
  readonly commit: string;
  readonly author: string;
  readonly email: string;
  /** `YYYY-MM-DD` of the author date (the day as the author's clock had it). */
  readonly date: string;
  readonly subject: string;
}

/**
 * Who created a record and when, who changed it last, who last changed its status: from git. For
 * an entry of a decision log, `created` is the commit that added the entry (when the versions
 * read reach back to it), `lastChanged` and `commits` are the log file's.
 */
export interface Provenance {
  readonly source: 'git';
  /** The commit that added the file (renames followed). In a shallow clone: the oldest commit read, see `shallow`. */
  readonly created: CommitRef;
  readonly lastChanged: CommitRef;
  /** The commit where the status became what it is now; absent when it cannot be told (versions not read). */
  readonly statusChanged?: CommitRef & { readonly from?: string; readonly to: string };
  /** Commits that touched the record. */
  readonly commits: number;
  /** True when the history is cut off by a shallow clone, so `created` may be later than the truth. */
  readonly shallow?: boolean;
}

/** @returns the commit's provenance form. */
export function commitRef(c: Commit): CommitRef {
  return { commit: c.hash, author: c.author, email: c.email, date: c.date.slice(0, 10), subject: c.subject };
}

/**
 * The provenance of a record.
 *
 * @param history the repository's history.
 * @param path the record's file, repository-relative.
 * @param statusAt reads the record's status kind from one version of its file (the parser's
 *   status, `undefined` when the record is not in that version); called newest first, only for
 *   the versions whose text is in `texts`.
 * @param texts file versions by blob id (from {@link parseCatFileBatch}); the newest
 *   {@link MAX_VERSIONS_PER_RECORD} are enough.
 * @param current the status kind the record has now (as the index read it).
 * @param entry true for an entry of a decision log: `created` is then the oldest version that has
 *   the entry (`statusAt` gives `undefined` for versions without it).
 * @returns provenance, or `undefined` when git has no history for the file (not committed yet).
 */
export function provenanceOf(
  history: RepoHistory,
  path: string,
  statusAt: (text: string, blob: string) => string | undefined,
  texts: ReadonlyMap<string, string>,
  current: string,
  entry = false,
): Provenance | undefined {
  const h = history.files.get(path);
  if (!h || h.changes.length === 0) return undefined;
  const newest = h.changes[0];
  const oldest = h.changes[h.changes.length - 1];
  const created = history.commits[oldest.seq];
  const last = history.commits[newest.seq];
  let statusChanged: Provenance['statusChanged'];
  // Newest first: the status change is the oldest version in the newest run of the current status.
  let runStart: FileChange | undefined;
  let from: string | undefined;
  let complete = false;
  // A decision log's entry absent from an older version of the log was added at `runStart`.
  let addedLater = false;
  let stoppedAt = h.changes.length;
  for (let i = 0; i < h.changes.length; i++) {
    const c = h.changes[i];
    const text = c.blob ? texts.get(c.blob) : undefined;
    if (text === undefined) break;
    const kind = statusAt(text, c.blob as string);
    if (kind === current) {
      runStart = c;
      if (i === h.changes.length - 1) complete = true;
      continue;
    }
    from = kind;
    addedLater = kind === undefined;
    complete = true;
    stoppedAt = i;
    break;
  }
  let addedIn = addedLater ? runStart : undefined;
  if (entry && !addedLater && stoppedAt < h.changes.length) {
    // An entry of a decision log: walk on to the oldest version that has it.
    let oldestWith: FileChange | undefined = h.changes[stoppedAt];
    for (let i = stoppedAt + 1; i < h.changes.length; i++) {
      const c = h.changes[i];
      const text = c.blob ? texts.get(c.blob) : undefined;
      if (text === undefined) {
        oldestWith = undefined;
        break;
      }
      if (statusAt(text, c.blob as string) === undefined) break;
      oldestWith = c;
    }
    if (oldestWith && oldestWith !== oldest) addedIn = oldestWith;
  }
  const createdIn = addedIn ? history.commits[addedIn.seq] : created;
  if (runStart && complete) {
    statusChanged = { ...commitRef(history.commits[runStart.seq]), to: current, ...(from !== undefined ? { from } : {}) };
  }
  const shallow = !addedIn && history.shallow && oldest.seq === 0 && oldest.kind === 'A';
  return {
    source: 'git',
    created: commitRef(createdIn),
    lastChanged: commitRef(last),
    ...(statusChanged ? { statusChanged } : {}),
    commits: h.changes.length,
    ...(shallow ? { shallow: true } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Drift

/** Changes since a decision was accepted, in the files it governs or that cite it. */
export interface Drift {
  /** Commits after the acceptance commit that changed at least one of the files. */
  readonly commits: number;
  /** Files among them changed by those commits. */
  readonly files: number;
  /** The files changed, repository-relative, sorted. */
  readonly paths: readonly string[];
  /** The acceptance commit's date, `YYYY-MM-DD`. */
  readonly since: string;
  /** The acceptance commit. */
  readonly sinceCommit: string;
}

/**
 * Sorted file list with a literal-prefix lookup, so the files a glob like `src/payments/**`
 * can match are found by binary search instead of testing every file.
 */
export class FileList {
  readonly sorted: readonly string[];
  constructor(paths: Iterable<string>) {
    this.sorted = [...paths].sort();
  }

  /** @returns the files that start with `prefix` (all files for `''`). */
  withPrefix(prefix: string): readonly string[] {
    if (prefix === '') return this.sorted;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < this.sorted.length && this.sorted[end].startsWith(prefix)) end++;
    return this.sorted.slice(lo, end);
  }
}

/**
 * The literal folder prefix of a glob: the segments before the first one with a wildcard, brace,
 * bracket or escape (`src/payments/**` → `src/payments/`); `''` for a negated glob or one whose
 * first segment is not literal.
 */
export function literalPrefix(glob: string): string {
  let g = glob;
  while (g.startsWith('./')) g = g.slice(2);
  if (g.startsWith('!')) return '';
  const segments = g.split('/');
  let prefix = '';
  for (let i = 0; i < segments.length - 1; i++) {
    if (/[*?[\]{}\\]/.test(segments[i])) break;
    prefix += segments[i] + '/';
  }
  return prefix;
}

/**
 * The files an `applies-to` list matches, and per glob how many it matches alone.
 * @param globs the globs as written, relative to `globRoot`.
 * @param files the repository's files at HEAD.
 * @param globRoot the folder the globs are relative to, repository-relative (`''` for the repository's top, else `sub/dir/`).
 * @returns repository-relative paths matched, and for each glob the count of files it matches.
 */
export function filesMatching(globs: readonly string[], files: FileList, globRoot: string): { paths: string[]; perGlob: number[] } {
  const paths = new Set<string>();
  const perGlob: number[] = [];
  for (const g of globs) {
    const clean = g.replace(/^\.?\//, '');
    const set = compileGlobs([clean]);
    let count = 0;
    for (const p of files.withPrefix(globRoot + literalPrefix(clean))) {
      const rel = p.slice(globRoot.length);
      if (set.matches(rel)) {
        count++;
        paths.add(p);
      }
    }
    perGlob.push(count);
  }
  return { paths: [...paths], perGlob };
}

/**
 * Drift of an accepted decision.
 * @param history the repository's history.
 * @param acceptedSeq the acceptance commit's `seq` (see {@link Provenance.statusChanged}).
 * @param files repository-relative files it governs or that cite it (the record itself is left out by the caller).
 * @returns the commits after the acceptance commit that changed any of the files, and those files.
 *   Linear in the changes of the files since acceptance.
 */
export function driftOf(history: RepoHistory, acceptedSeq: number, files: Iterable<string>): Drift {
  const commits = new Set<number>();
  const changed: string[] = [];
  for (const f of new Set(files)) {
    const h = history.files.get(f);
    if (!h) continue;
    let touched = false;
    for (const c of h.changes) {
      if (c.seq <= acceptedSeq) break;
      commits.add(c.seq);
      touched = true;
    }
    if (touched) changed.push(f);
  }
  const since = history.commits[acceptedSeq];
  return { commits: commits.size, files: changed.length, paths: changed.sort(), since: since ? since.date.slice(0, 10) : '', sinceCommit: since ? since.hash : '' };
}

/** @returns the `seq` of a commit by hash, or `undefined`. */
export function seqOf(history: RepoHistory, hash: string): number | undefined {
  let index = SEQ_INDEX.get(history);
  if (!index) {
    index = new Map(history.commits.map((c) => [c.hash, c.seq]));
    SEQ_INDEX.set(history, index);
  }
  return index.get(hash);
}
const SEQ_INDEX = new WeakMap<RepoHistory, Map<string, number>>();

// ---------------------------------------------------------------------------------------------
// Collisions across refs

/** A record whose number another record uses on another ref. */
export interface Collision {
  /** The local record's file, repository-relative. */
  readonly path: string;
  readonly number: number;
  /** The ref the other record is on (`origin/main`). */
  readonly ref: string;
  /** The other record's file on that ref, repository-relative. */
  readonly otherPath: string;
}

/** @returns the folder part of a repository-relative path (`''` at the top). */
function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * The records on other refs by folder and number, from `git ls-tree -r --name-only <ref> -- <folders>`.
 * @param refs per ref, the files it lists (repository-relative).
 * @returns folder → number → the files (with their ref) using that number there. Date-named and
 *   unnumbered files are left out.
 */
export function numbersOnRefs(refs: ReadonlyMap<string, readonly string[]>): Map<string, Map<number, { ref: string; path: string }[]>> {
  const out = new Map<string, Map<number, { ref: string; path: string }[]>>();
  for (const [ref, paths] of refs) {
    for (const p of paths) {
      if (!/\.(md|markdown|mdx|rst)$/i.test(p)) continue;
      const id = identityFromFileName(p);
      if (id.number === undefined) continue;
      const folder = folderOf(p);
      let byNumber = out.get(folder);
      if (!byNumber) out.set(folder, (byNumber = new Map()));
      const list = byNumber.get(id.number) ?? [];
      list.push({ ref, path: p });
      byNumber.set(id.number, list);
    }
  }
  return out;
}

/**
 * Records whose number a different record uses on another ref: two branches that each added
 * `0012-*.md` merge without a conflict and leave two 0012s.
 *
 * @param local the records here: repository-relative file and number (records in decision logs are left out by the caller).
 * @param onRefs from {@link numbersOnRefs}.
 * @param localFiles every record file here (a file on the ref that exists here too is the same record or a duplicate the local checks report).
 * @returns one collision per local record and other file, sorted by path.
 */
export function findCollisions(
  local: readonly { path: string; number: number }[],
  onRefs: ReadonlyMap<string, ReadonlyMap<number, readonly { ref: string; path: string }[]>>,
  localFiles: ReadonlySet<string>,
): Collision[] {
  const out: Collision[] = [];
  const seen = new Set<string>();
  for (const r of local) {
    const others = onRefs.get(folderOf(r.path))?.get(r.number);
    if (!others) continue;
    for (const o of others) {
      if (o.path === r.path || localFiles.has(o.path)) continue;
      const key = `${r.path}\0${o.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ path: r.path, number: r.number, ref: o.ref, otherPath: o.path });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.otherPath < b.otherPath ? -1 : 1));
}

/**
 * File names a folder uses on other refs, for New Decision and Renumber: pass them with the
 * folder's own names to `planFileName` so the new number is free here and there.
 * @param onRefs from {@link numbersOnRefs}.
 * @param folder the folder, repository-relative (`docs/adr`).
 * @returns the file names (not paths) of numbered records in that folder on the refs.
 */
export function freeNumberOnRefs(onRefs: ReadonlyMap<string, ReadonlyMap<number, readonly { ref: string; path: string }[]>>, folder: string): string[] {
  const byNumber = onRefs.get(folder.replace(/\/+$/, ''));
  if (!byNumber) return [];
  const names = new Set<string>();
  for (const list of byNumber.values()) for (const o of list) names.add(o.path.slice(o.path.lastIndexOf('/') + 1));
  return [...names];
}

/**
 * The ref `check --against` compares with when none is given: the upstream of the current
 * branch, else `origin/HEAD`, else `main` or `master` when present.
 * @param upstream `git rev-parse --abbrev-ref @{upstream}` (`undefined` when there is none).
 * @param refs the refs present (`git for-each-ref --format=%(refname:short)` plus `origin/HEAD` when it resolves).
 * @param current the current branch's name.
 */
export function defaultAgainst(upstream: string | undefined, refs: readonly string[], current: string | undefined): string | undefined {
  if (upstream) return upstream;
  if (refs.includes('origin/HEAD')) return 'origin/HEAD';
  for (const r of ['main', 'master', 'origin/main', 'origin/master']) if (refs.includes(r) && r !== current) return r;
  return undefined;
}
