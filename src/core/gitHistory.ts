/**
 * The history features over a {@link GitRunner}: the repository's history read once and kept by
 * HEAD (an advanced HEAD reads only `<old>..HEAD`), provenance of every record, drift of every
 * accepted decision, number collisions with other refs. Shared by `decision-lens` (the runner is
 * `src/cli/git.ts`) and the editor (`src/host/git.ts`). Pure: git runs behind the port.
 */
import type { DecisionIndex, IndexedDecision } from './index';
import type { Problem, StatusKind } from './model';
import { isInside, relative } from './paths';
import { parseRecord } from './parse/parseRecord';
import { identityFromFileName } from './parse/identity';
import type { Collision, Drift, Provenance, RepoHistory } from './history';
import {
  FileList,
  buildHistory,
  defaultAgainst,
  driftOf,
  filesMatching,
  findCollisions,
  freeNumberOnRefs,
  logArgs,
  numbersOnRefs,
  parseCatFileBatch,
  parseGitLog,
  provenanceOf,
  seqOf,
  versionsToRead,
} from './history';

/** Why git could not answer. */
export type GitErrorKind = 'not-found' | 'not-a-repository' | 'timeout' | 'too-large' | 'cancelled' | 'failed';

/** A git command that did not succeed. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly kind: GitErrorKind,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Options of one git run. */
export interface GitRunOptions {
  /** Bytes written to git's standard input (then closed). */
  readonly input?: string;
  /** Most bytes of output accepted; more is a `too-large` {@link GitError}. Default: the runner's. */
  readonly maxBytes?: number;
  /** Milliseconds before git is stopped with a `timeout` {@link GitError}. Default: the runner's. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Runs git in one repository. */
export interface GitRunner {
  /**
   * Runs `git <args>` in the repository (no shell: each argument is passed as it is).
   * @returns standard output as bytes.
   * @throws GitError when git is missing, fails, takes too long, prints too much or is cancelled.
   */
  run(args: readonly string[], options?: GitRunOptions): Promise<Uint8Array>;
}

const decoder = new TextDecoder('utf-8');
async function text(git: GitRunner, args: readonly string[], options?: GitRunOptions): Promise<string> {
  return decoder.decode(await git.run(args, options));
}

/** The repository a folder is in. */
export interface RepoInfo {
  /** Absolute POSIX path of the working tree's top. */
  readonly top: string;
  /** HEAD's commit, `''` when the repository has no commits yet. */
  readonly head: string;
  readonly shallow: boolean;
  /** The current branch (`undefined` on a detached HEAD). */
  readonly branch?: string;
}

/**
 * Asks git about the repository the runner runs in.
 * @param toPosix turns the path git prints into the index's path form (`C:\x` → `/C:/x` on Windows hosts).
 * @returns the repository, or `undefined` when the folder is not in one or git is missing.
 */
export async function repoInfo(git: GitRunner, toPosix: (p: string) => string = (p) => p, signal?: AbortSignal): Promise<RepoInfo | undefined> {
  let lines: string[];
  try {
    lines = (await text(git, ['rev-parse', '--show-toplevel', '--is-shallow-repository'], { signal })).split('\n');
  } catch (e) {
    if (e instanceof GitError && e.kind === 'cancelled') throw e;
    return undefined;
  }
  const top = lines[0]?.trim();
  if (!top) return undefined;
  const head = (await text(git, ['rev-parse', '--verify', '-q', 'HEAD'], { signal }).catch(() => '')).trim();
  let branch: string | undefined;
  try {
    branch = (await text(git, ['symbolic-ref', '--short', '-q', 'HEAD'], { signal })).trim() || undefined;
  } catch {
    branch = undefined;
  }
  return { top: toPosix(top), head, shallow: lines[1]?.trim() === 'true', ...(branch ? { branch } : {}) };
}

/** Provenance and drift of the decisions of one index. */
export interface HistoryReport {
  readonly repo: RepoInfo;
  readonly provenance: ReadonlyMap<IndexedDecision, Provenance>;
  /** Per accepted decision with an acceptance commit. */
  readonly drift: ReadonlyMap<IndexedDecision, Drift>;
  /** `applies-to` globs that match no file at HEAD (warnings). */
  readonly problems: readonly Problem[];
}

/** Most bytes of `git log` output read (a 10,000-commit history prints a few MB). */
export const MAX_LOG_BYTES = 512 * 1024 * 1024;

/**
 * The repository's history kept by HEAD. `history()` reads the whole log once; after HEAD moved
 * forward it reads only the new commits (`<old>..HEAD`); after a HEAD that is no descendant (a
 * checkout, a rebase) it reads the whole log again.
 */
export class GitHistory {
  private cached: RepoHistory | undefined;
  private versions = new Map<string, string>();
  /** Provenance by HEAD, record file, key and current status: a re-read at the same HEAD parses nothing again. */
  private provenanceCache = new Map<string, Provenance | null>();
  private provenanceHead = '';

  /**
   * @param git runs git in the repository.
   * @param repo the repository ({@link repoInfo}).
   */
  constructor(
    private readonly git: GitRunner,
    public repo: RepoInfo,
  ) {}

  /**
   * The history at HEAD now.
   * @returns the history; an empty one for a repository without commits.
   * @throws GitError when git fails (the caller shows no history).
   */
  async history(signal?: AbortSignal): Promise<RepoHistory> {
    const head = (await text(this.git, ['rev-parse', '--verify', '-q', 'HEAD'], { signal }).catch(() => '')).trim();
    this.repo = { ...this.repo, head };
    if (head === '') return (this.cached = { head: '', commits: [], files: new Map(), shallow: this.repo.shallow });
    const old = this.cached;
    if (old && old.head === head) return old;
    if (old && old.head !== '') {
      const ancestor = await this.git.run(['merge-base', '--is-ancestor', old.head, head], { signal }).then(
        () => true,
        (e: unknown) => {
          if (e instanceof GitError && e.kind === 'cancelled') throw e;
          return false;
        },
      );
      if (ancestor) {
        const log = await text(this.git, logArgs(`${old.head}..${head}`), { maxBytes: MAX_LOG_BYTES, signal });
        return (this.cached = buildHistory(parseGitLog(log), head, old, this.repo.shallow));
      }
    }
    const log = await text(this.git, logArgs(head), { maxBytes: MAX_LOG_BYTES, signal });
    return (this.cached = buildHistory(parseGitLog(log), head, undefined, this.repo.shallow));
  }

  /** The repository-relative path of an index path, or `undefined` outside the repository. */
  relativePath(path: string): string | undefined {
    if (!isInside(path, this.repo.top)) return undefined;
    return relative(this.repo.top, path);
  }

  /**
   * Reads file versions with one `git cat-file --batch` (versions read before are kept).
   * @param blobs blob ids.
   */
  async readVersions(blobs: Iterable<string>, signal?: AbortSignal): Promise<ReadonlyMap<string, string>> {
    const wanted = [...new Set(blobs)].filter((b) => !this.versions.has(b));
    if (wanted.length > 0) {
      const out = await this.git.run(['cat-file', '--batch'], { input: wanted.join('\n') + '\n', maxBytes: MAX_LOG_BYTES, signal });
      for (const [id, t] of parseCatFileBatch(out)) this.versions.set(id, t);
    }
    return this.versions;
  }

  /**
   * Provenance of every record of an index, and drift of every accepted decision.
   * @param index the index (its paths must be in the repository's path form).
   * @param root the folder `applies-to` globs are relative to (the workspace folder, `--root`).
   */
  async report(index: DecisionIndex, root: string, signal?: AbortSignal): Promise<HistoryReport> {
    const history = await this.history(signal);
    const decisions = index.decisions();
    const rels = new Map<IndexedDecision, string>();
    const blobs: string[] = [];
    const filesRead = new Set<string>();
    for (const d of decisions) {
      const rel = this.relativePath(d.path);
      if (rel === undefined) continue;
      rels.set(d, rel);
      const h = history.files.get(rel);
      if (h && !filesRead.has(rel)) {
        filesRead.add(rel);
        blobs.push(...versionsToRead(h));
      }
    }
    if (this.provenanceHead !== history.head) {
      this.provenanceCache.clear();
      this.provenanceHead = history.head;
    }
    const uncached = [...rels].filter(([d, rel]) => !this.provenanceCache.has(provenanceKey(d, rel)));
    const texts = uncached.length > 0 ? await this.readVersions(blobs, signal) : this.versions;
    const parsed = new Map<string, ReturnType<typeof parseRecord>>();
    const provenance = new Map<IndexedDecision, Provenance>();
    for (const [d, rel] of rels) {
      const cacheKey = provenanceKey(d, rel);
      const known = this.provenanceCache.get(cacheKey);
      if (known !== undefined) {
        if (known) provenance.set(d, known);
        continue;
      }
      const statusAt = (t: string, blob: string): StatusKind | undefined => {
        const key = `${rel}\0${blob}`;
        let list = parsed.get(key);
        if (!list) {
          list = parseRecord(t, d.path, { ...(d.folder.kind === 'log' ? { kind: 'log' as const } : {}), ...(d.folder.format ? { format: d.folder.format } : {}), ...(d.folder.tool ? { tool: d.folder.tool } : {}) });
          parsed.set(key, list);
        }
        return sameRecord(list, d)?.status.kind;
      };
      const p = provenanceOf(history, rel, statusAt, texts, d.status.kind, d.folder.kind === 'log');
      this.provenanceCache.set(cacheKey, p ?? null);
      if (p) provenance.set(d, p);
    }
    return { repo: this.repo, provenance, ...this.driftOf(index, root, history, provenance) };
  }

  /**
   * Drift of accepted decisions and `applies-to` globs that match nothing.
   * @param provenance from {@link GitHistory.report}.
   */
  driftOf(index: DecisionIndex, root: string, history: RepoHistory, provenance: ReadonlyMap<IndexedDecision, Provenance>): { drift: Map<IndexedDecision, Drift>; problems: Problem[] } {
    const files = new FileList(history.files.keys());
    const rootRel = this.relativePath(root);
    const globRoot = rootRel === undefined || rootRel === '' ? '' : `${rootRel}/`;
    const drift = new Map<IndexedDecision, Drift>();
    const problems: Problem[] = [];
    // Decisions often share their globs (one module, several decisions): each list is matched once.
    const matched = new Map<string, ReturnType<typeof filesMatching>>();
    for (const d of index.decisions()) {
      let governed = { paths: [] as string[], perGlob: [] as number[] };
      if (d.appliesTo.length > 0 && rootRel !== undefined) {
        const key = d.appliesTo.join('\0');
        governed = matched.get(key) ?? filesMatching(d.appliesTo, files, globRoot);
        matched.set(key, governed);
      }
      d.appliesTo.forEach((g, i) => {
        if (rootRel !== undefined && governed.perGlob[i] === 0 && history.files.size > 0) {
          problems.push({
            code: 'applies-to-no-match',
            severity: 'warning',
            message: `applies-to glob "${g}" of ${d.display} matches no file in the repository`,
            path: d.path,
            range: d.titleRange,
          });
        }
      });
      // Superseded, deprecated and rejected decisions never count: an `Accepted` record another one supersedes neither.
      if (d.status.kind !== 'accepted' || index.successorOf(d)) continue;
      const p = provenance.get(d);
      if (!p?.statusChanged || p.statusChanged.to !== 'accepted') continue;
      const seq = seqOf(history, p.statusChanged.commit);
      if (seq === undefined) continue;
      const own = this.relativePath(d.path);
      const citing: string[] = [];
      for (const c of index.citationsOf(d)) {
        const r = this.relativePath(c.path);
        if (r !== undefined) citing.push(r);
      }
      const all = [...governed.paths, ...citing].filter((f) => f !== own);
      drift.set(d, driftOf(history, seq, all));
    }
    return { drift, problems };
  }

  /**
   * The refs `--all-branches` compares with: every local and remote-tracking branch but the current one.
   */
  async branches(signal?: AbortSignal): Promise<string[]> {
    const out = await text(this.git, ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/remotes'], { signal });
    return out
      .split('\n')
      .map((l) => l.trim())
      .filter((r) => r !== '' && r !== this.repo.branch && !/\/HEAD$/.test(r) && r !== 'origin');
  }

  /** @returns whether `ref` names a commit here (`origin/main`, a tag, a hash). */
  async hasRef(ref: string, signal?: AbortSignal): Promise<boolean> {
    if (ref === '' || ref.startsWith('-')) return false;
    return this.git.run(['rev-parse', '--verify', '-q', `${ref}^{commit}`], { signal }).then(
      () => true,
      () => false,
    );
  }

  /** The default ref to compare with (see {@link defaultAgainst}), or `undefined` when there is none. */
  async defaultRef(signal?: AbortSignal): Promise<string | undefined> {
    const upstream = (await text(this.git, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'], { signal }).catch(() => '')).trim() || undefined;
    const refs = (await text(this.git, ['for-each-ref', '--format=%(refname:short)', 'refs/heads', 'refs/remotes'], { signal }).catch(() => ''))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const originHead = (await text(this.git, ['rev-parse', '--verify', '-q', 'refs/remotes/origin/HEAD'], { signal }).catch(() => '')).trim();
    if (originHead !== '') refs.push('origin/HEAD');
    return defaultAgainst(upstream, refs, this.repo.branch);
  }

  /**
   * The record files other refs have in the index's decision folders (one `git ls-tree` per ref).
   * @returns folder → number → files there, see {@link numbersOnRefs}.
   * @throws GitError for a ref that does not exist (`failed`).
   */
  async onRefs(index: DecisionIndex, refs: readonly string[], signal?: AbortSignal): Promise<ReturnType<typeof numbersOnRefs>> {
    const folders = index
      .getFolders()
      .filter((f) => f.kind === 'folder')
      .map((f) => this.relativePath(f.path))
      .filter((f): f is string => f !== undefined && f !== '');
    const lists = new Map<string, string[]>();
    if (folders.length === 0) return numbersOnRefs(lists);
    for (const ref of refs) {
      const out = await text(this.git, ['ls-tree', '-r', '--name-only', '-z', ref, '--', ...folders], { signal, maxBytes: 64 * 1024 * 1024 });
      lists.set(ref, out.split('\0').filter((p) => p !== ''));
    }
    return numbersOnRefs(lists);
  }

  /**
   * Records whose number another record uses on one of `refs`, as problems (`number-collision`).
   */
  async collisions(index: DecisionIndex, refs: readonly string[], signal?: AbortSignal): Promise<{ collisions: Collision[]; problems: Problem[] }> {
    const onRefs = await this.onRefs(index, refs, signal);
    const found = this.collisionsWith(index, onRefs);
    if (found.collisions.length === 0) return found;
    // A record renamed here (a new slug) is still the same record as its old name on the ref.
    const history = await this.history(signal);
    return this.collisionsWith(index, onRefs, history);
  }

  /**
   * {@link GitHistory.collisions} over refs already listed.
   * @param history when given, a file on the ref that is an earlier name of the record here (renames followed) is no collision.
   */
  collisionsWith(index: DecisionIndex, onRefs: ReturnType<typeof numbersOnRefs>, history?: RepoHistory): { collisions: Collision[]; problems: Problem[] } {
    const local: { path: string; number: number }[] = [];
    const localFiles = new Set<string>();
    const byRel = new Map<string, IndexedDecision>();
    for (const d of index.decisions()) {
      if (d.folder.kind !== 'folder') continue;
      const rel = this.relativePath(d.path);
      if (rel === undefined) continue;
      localFiles.add(rel);
      const n = identityFromFileName(rel).number;
      if (n === undefined) continue;
      local.push({ path: rel, number: n });
      byRel.set(rel, d);
    }
    const collisions = findCollisions(local, onRefs, localFiles).filter((c) => !history?.files.get(c.path)?.changes.some((ch) => ch.from === c.otherPath || ch.path === c.otherPath));
    const problems: Problem[] = collisions.map((c) => {
      const d = byRel.get(c.path) as IndexedDecision;
      return {
        code: 'number-collision',
        severity: 'error',
        message: `${d.display} is numbered ${c.number}, and ${c.otherPath} on ${c.ref} uses the same number for another record: merging both leaves two records numbered ${c.number} (renumber one)`,
        path: d.path,
        range: d.titleRange,
      };
    });
    return { collisions, problems };
  }

  /**
   * File names a folder uses on other refs, for a new record's number (see {@link freeNumberOnRefs}).
   * @param folder the folder's index path.
   */
  async namesOnRefs(index: DecisionIndex, folder: string, refs: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const rel = this.relativePath(folder);
    if (rel === undefined || refs.length === 0) return [];
    return freeNumberOnRefs(await this.onRefs(index, refs, signal), rel);
  }
}

function provenanceKey(d: IndexedDecision, rel: string): string {
  return `${rel}\0${d.key}\0${d.range.start.line}\0${d.status.kind}`;
}

/** The entry of a parsed version that is the same record as `d` (one record per file, or a log entry by number, slug or title). */
function sameRecord(list: readonly { identity: { number?: number; slug?: string }; title: string; status: { kind: StatusKind } }[], d: IndexedDecision): (typeof list)[number] | undefined {
  if (d.folder.kind !== 'log') return list[0];
  return (
    list.find((e) => d.identity.number !== undefined && e.identity.number === d.identity.number && e.title === d.title) ??
    list.find((e) => d.identity.slug !== undefined && e.identity.slug === d.identity.slug) ??
    list.find((e) => e.title === d.title)
  );
}
