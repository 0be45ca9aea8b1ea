import * as vscode from 'vscode';
import type { DecisionFolder } from '../core/config';
import type { SavedEntry } from '../core/index';
import type { Logger } from '../core/ports';
import type { LocalFiles } from './localFiles';

/** Version of the cache file's layout; a file of another version is ignored. */
const FORMAT = 1;
/** The cache file in the workspace's storage folder. */
const FILE_NAME = 'index-cache.json';
/** A cache file larger than this (bytes) is neither read nor written: the cache stays bounded. */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** One file's cache entry: size (bytes) and mtime (ms) it was read at, and what the index derived. */
export interface CachedFile {
  readonly size: number;
  readonly mtime: number;
  readonly entry: SavedEntry;
}

interface CacheFile {
  readonly format: number;
  readonly key: string;
  readonly files: Record<string, [number, number, SavedEntry]>;
  readonly snapshot?: CacheSnapshot;
}

/**
 * What a reopened workspace needs to be ready from the cache before it is listed and
 * discovered again: the decision folders of each workspace folder, valid while the settings
 * that decide listing and discovery are the same (`settingsKey`).
 */
export interface CacheSnapshot {
  /** The extension version and every setting that decides what is listed and discovered (see {@link cacheKey}). */
  readonly settingsKey: string;
  /** Per workspace folder (by URI string): its decision folders and logs as discovery found them. */
  readonly roots: readonly { readonly uri: string; readonly folders: readonly DecisionFolder[] }[];
}

/**
 * A cache of the index across sessions, in `ExtensionContext.storageUri` (per workspace): per
 * file, size + mtime -> its citations and records. It is keyed by the extension version and the
 * settings that change what the index derives from a text (citation prefixes, comment-only
 * matching, decision folders): another key, another layout, a corrupt or oversized file all read
 * as an empty cache. Written after a build, off the hot path, through a temporary file and a
 * rename so a crash never leaves half a file.
 */
export class IndexCache {
  private loaded: Map<string, CachedFile> | undefined;
  private loadedKey: string | undefined;
  /** The cache file as read (once per session), until a key asks for its entries. */
  private file: Promise<Partial<CacheFile> | undefined> | undefined;
  /** What happened to the cache file last: for the log, tests and the benchmark. */
  readonly state: { file?: string; loaded?: number; written?: number; error?: string } = {};

  constructor(
    private readonly storage: vscode.Uri | undefined,
    private readonly logger: Logger,
    /** Reads and writes the file directly when the storage is on the local disk (no round trip). */
    private readonly local?: LocalFiles,
  ) {}

  /**
   * The snapshot of the last session, when it was made under `settingsKey`, with the cache key
   * its entries were made under: a reopen can be ready from it (see `WorkspaceIndexer`).
   * @returns `undefined` when there is no cache, it has no snapshot or another settings key.
   */
  async snapshot(settingsKey: string): Promise<{ readonly key: string; readonly snapshot: CacheSnapshot } | undefined> {
    const doc = await this.read();
    const snap = doc?.snapshot;
    if (!doc || typeof doc.key !== 'string' || !snap || snap.settingsKey !== settingsKey || !Array.isArray(snap.roots)) return undefined;
    const roots = snap.roots.filter((r) => typeof r?.uri === 'string' && Array.isArray(r.folders));
    return roots.length === snap.roots.length ? { key: doc.key, snapshot: snap } : undefined;
  }

  /**
   * The cache's entries, read from the file once.
   * @param key the current key (see {@link cacheKey}).
   * @returns the entries by path; empty when there is no cache, it has another key, or it cannot be read.
   */
  async load(key: string): Promise<Map<string, CachedFile>> {
    if (this.loaded && this.loadedKey === key) return this.loaded;
    const out = new Map<string, CachedFile>();
    const doc = this.loaded ? undefined : await this.read();
    this.loaded = out;
    this.loadedKey = key;
    if (!doc || doc.format !== FORMAT || doc.key !== key || typeof doc.files !== 'object' || doc.files === null) return out;
    for (const [path, value] of Object.entries(doc.files)) {
      if (!Array.isArray(value) || value.length !== 3) continue;
      const [size, mtime, entry] = value;
      if (typeof size !== 'number' || typeof mtime !== 'number' || !isSavedEntry(entry)) continue;
      out.set(path, { size, mtime, entry });
    }
    this.state.loaded = out.size;
    return out;
  }

  /** Reads and parses the cache file once; `undefined` when it is missing, too large, corrupt or of another format. */
  private read(): Promise<Partial<CacheFile> | undefined> {
    this.file ??= (async () => {
      if (!this.storage) return undefined;
      const uri = vscode.Uri.joinPath(this.storage, FILE_NAME);
      this.state.file = uri.toString();
      this.state.loaded = 0;
      try {
        let text: string | undefined;
        if (this.local && uri.scheme === 'file') {
          const stat = this.local.stat(uri.path);
          if (!stat || stat.size > MAX_CACHE_BYTES) return undefined;
          text = this.local.readText(uri.path, MAX_CACHE_BYTES);
          if (text === undefined) return undefined;
        } else {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.size > MAX_CACHE_BYTES) return undefined;
          text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        }
        const doc = JSON.parse(text) as Partial<CacheFile>;
        return typeof doc === 'object' && doc !== null && doc.format === FORMAT ? doc : undefined;
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
          this.logger.info(`Index cache not used: ${error instanceof Error ? error.message : String(error)}`);
        }
        return undefined;
      }
    })();
    return this.file;
  }

  /**
   * Writes the cache file (replacing it): entries beyond {@link MAX_CACHE_BYTES} of JSON are left out.
   * @returns the bytes written, or 0 when nothing was written (no storage, or it failed: logged).
   */
  async save(key: string, files: ReadonlyMap<string, CachedFile>, snapshot?: CacheSnapshot): Promise<number> {
    this.loaded = new Map(files);
    this.loadedKey = key;
    this.file = undefined;
    if (!this.storage) return 0;
    const parts: string[] = [];
    let bytes = 100;
    for (const [path, f] of files) {
      const part = `${JSON.stringify(path)}:${JSON.stringify([f.size, f.mtime, f.entry])}`;
      bytes += part.length + 1;
      if (bytes > MAX_CACHE_BYTES) break;
      parts.push(part);
    }
    const snap = snapshot ? `,"snapshot":${JSON.stringify(snapshot)}` : '';
    const text = `{"format":${FORMAT},"key":${JSON.stringify(key)}${snap},"files":{${parts.join(',')}}}`;
    const data = new TextEncoder().encode(text);
    const target = vscode.Uri.joinPath(this.storage, FILE_NAME);
    const temp = vscode.Uri.joinPath(this.storage, `${FILE_NAME}.${Date.now()}.tmp`);
    try {
      await vscode.workspace.fs.createDirectory(this.storage);
      await vscode.workspace.fs.writeFile(temp, data);
      await vscode.workspace.fs.rename(temp, target, { overwrite: true });
      this.state.written = data.byteLength;
      return data.byteLength;
    } catch (error) {
      this.state.error = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Cannot write the index cache: ${error instanceof Error ? error.message : String(error)}`);
      try {
        await vscode.workspace.fs.delete(temp);
      } catch {
        // never written
      }
      return 0;
    }
  }
}

/**
 * The cache key: what, besides a file's bytes, decides what the index derives from it.
 * @param version the extension's version.
 * @param parts the citation prefixes, the matching rules and the decision folders, in any JSON form.
 */
export function cacheKey(version: string, parts: unknown): string {
  return `${version}|${JSON.stringify(parts)}`;
}

function isSavedEntry(value: unknown): value is SavedEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { citations?: unknown; decisions?: unknown };
  return Array.isArray(v.citations) && (v.decisions === undefined || Array.isArray(v.decisions));
}
