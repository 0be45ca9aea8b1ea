// Test-only web extension (see README.md): a workspace held in memory on the `dltest:` scheme,
// with a file search provider for it (unless the setting `dltest.fileSearch` is false), running in the web worker extension host. The files are
// bundled in by test/e2e/web.e2e.ts (esbuild `define` of DLTEST_FILES: workspace-relative path ->
// UTF-8 text, under the folder DLTEST_ROOT).
import * as vscode from 'vscode';

declare const DLTEST_FILES: Record<string, string>;
declare const DLTEST_ROOT: string;

const SCHEME = 'dltest';
const encoder = new TextEncoder();

interface Entry {
  type: vscode.FileType;
  ctime: number;
  mtime: number;
  data?: Uint8Array;
}

/** A file system in memory: paths are `/root/dir/file` (no trailing slash), folders implied by files. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(files: Record<string, string>, root: string) {
    const now = Date.now();
    this.entries.set('/', { type: vscode.FileType.Directory, ctime: now, mtime: now });
    for (const [rel, text] of Object.entries(files)) this.put(`/${root}/${rel}`, encoder.encode(text), now);
  }

  /** Every file path under `folder` (a path, no trailing slash). */
  filesUnder(folder: string): string[] {
    const prefix = folder === '/' ? '/' : `${folder}/`;
    return [...this.entries].filter(([p, e]) => e.type === vscode.FileType.File && p.startsWith(prefix)).map(([p]) => p);
  }

  private put(path: string, data: Uint8Array, now: number): void {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      if (!this.entries.has(dir)) this.entries.set(dir, { type: vscode.FileType.Directory, ctime: now, mtime: now });
    }
    const old = this.entries.get(path);
    this.entries.set(path, { type: vscode.FileType.File, ctime: old?.ctime ?? now, mtime: now, data });
  }

  private get(uri: vscode.Uri): Entry {
    const entry = this.entries.get(normal(uri.path));
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const entry = this.get(uri);
    return { type: entry.type, ctime: entry.ctime, mtime: entry.mtime, size: entry.data?.byteLength ?? 0 };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const dir = normal(uri.path);
    if (this.get(uri).type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotADirectory(uri);
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const out: [string, vscode.FileType][] = [];
    for (const [path, entry] of this.entries) {
      if (path !== dir && path.startsWith(prefix) && !path.slice(prefix.length).includes('/')) out.push([path.slice(prefix.length), entry.type]);
    }
    return out;
  }

  createDirectory(uri: vscode.Uri): void {
    const now = Date.now();
    this.entries.set(normal(uri.path), { type: vscode.FileType.Directory, ctime: now, mtime: now });
    this.emitter.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const entry = this.get(uri);
    if (entry.type !== vscode.FileType.File || !entry.data) throw vscode.FileSystemError.FileIsADirectory(uri);
    return entry.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const path = normal(uri.path);
    const exists = this.entries.has(path);
    if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (exists && options.create && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    this.put(path, content, Date.now());
    this.emitter.fire([{ type: exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    const path = normal(uri.path);
    this.get(uri);
    for (const key of [...this.entries.keys()]) if (key === path || key.startsWith(`${path}/`)) this.entries.delete(key);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(from: vscode.Uri, to: vscode.Uri, options: { overwrite: boolean }): void {
    const source = normal(from.path);
    const target = normal(to.path);
    if (this.entries.has(target) && !options.overwrite) throw vscode.FileSystemError.FileExists(to);
    this.get(from);
    for (const [key, entry] of [...this.entries]) {
      if (key === source || key.startsWith(`${source}/`)) {
        this.entries.delete(key);
        this.entries.set(target + key.slice(source.length), entry);
      }
    }
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to }]);
  }
}

function normal(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

/** The proposed `fileSearchProvider` API's shapes (vscode.proposed.fileSearchProvider.d.ts). */
interface FileSearchProvider {
  provideFileSearchResults(query: { pattern: string }, options: { folder: vscode.Uri; maxResults?: number }, token: vscode.CancellationToken): vscode.Uri[];
}

/** Quick open's loose match: the pattern's characters in order, case and spaces ignored. */
function fuzzy(pattern: string, path: string): boolean {
  const wanted = pattern.toLowerCase().replace(/\s+/g, '');
  const text = path.toLowerCase();
  let i = 0;
  for (const ch of text) if (i < wanted.length && ch === wanted[i]) i++;
  return i === wanted.length;
}

export function activate(context: vscode.ExtensionContext): void {
  const fs = new MemoryFileSystem(DLTEST_FILES, DLTEST_ROOT);
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isCaseSensitive: true }));
  const search: FileSearchProvider = {
    provideFileSearchResults(query, options) {
      const folder = normal(options.folder.path);
      const files = fs.filesUnder(folder).filter((p) => fuzzy(query.pattern, p.slice(folder.length + 1)));
      return files.slice(0, options.maxResults ?? files.length).map((p) => options.folder.with({ path: p }));
    },
  };
  const workspace = vscode.workspace as unknown as { registerFileSearchProvider(scheme: string, provider: FileSearchProvider): vscode.Disposable };
  // `dltest.fileSearch: false` leaves the scheme without file search, as many file systems are.
  if (vscode.workspace.getConfiguration('dltest').get<boolean>('fileSearch', true)) {
    context.subscriptions.push(workspace.registerFileSearchProvider(SCHEME, search));
  }
}
