/**
 * The command line's candidate-first scan: ripgrep lists the folder's files (for discovery) and
 * the files whose text matches the citation prefilter (`core/prefilter.ts`, the finder's own
 * first test); only records and those files are read. The index is the same as
 * `scanWorkspace`'s full read (a unit test compares them on generated trees and the corpus).
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join as joinNative } from 'node:path';
import { DEFAULT_EXCLUDED_DIRS, DEFAULT_EXCLUDES } from '../core/config';
import { discoverDecisionFolders, isDecisionFile } from '../core/discovery';
import { DecisionIndex } from '../core/index';
import type { Logger, WorkspaceReader } from '../core/ports';
import { nullLogger } from '../core/ports';
import { dirname, isInside, normalize } from '../core/paths';
import { citationPrefilter, coversPrefilter, prefixesBeforeDiscovery } from '../core/prefilter';
import { prefixesOf } from '../core/prefixes';
import { filterListing, matchListing } from '../host/listing';
import { bundledRipgrep, ripgrepFiles } from '../host/ripgrep';

/** Only Markdown files are records (see `isDecisionFile`): a cheap test first. */
const RECORD_NAME = /\.(?:md|markdown)$/i;
import { MAX_FILE_BYTES, NodeWorkspace, hasBinaryExtension, toNative } from './nodeWorkspace';
import type { ScanOptions, ScanResult } from './scan';
import { readCliSettings } from './scan';

/** Where VS Code installs keep their application folder (`vscode.env.appRoot`), by platform. */
function vscodeAppRoots(): string[] {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
  if (process.platform === 'darwin') {
    return ['Visual Studio Code', 'Visual Studio Code - Insiders', 'VSCodium'].map((n) => `/Applications/${n}.app/Contents/Resources/app`);
  }
  if (process.platform === 'win32') {
    const local = process.env.LOCALAPPDATA ?? '';
    const programs = process.env.ProgramFiles ?? 'C:\\Program Files';
    return [joinNative(local, 'Programs', 'Microsoft VS Code', 'resources', 'app'), joinNative(programs, 'Microsoft VS Code', 'resources', 'app')];
  }
  return [
    '/usr/share/code/resources/app',
    '/usr/lib/code/resources/app',
    '/opt/visual-studio-code/resources/app',
    '/snap/code/current/usr/share/code/resources/app',
    '/usr/share/codium/resources/app',
    `${home}/.vscode-server/bin`,
  ];
}

/**
 * Finds ripgrep for the CLI: `DECISION_LENS_RG`, then `rg` on the PATH, then the ripgrep of a
 * VS Code install.
 * @returns the executable's path, or `undefined` when there is none.
 */
export function findRipgrep(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.DECISION_LENS_RG;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = joinNative(dir, exe);
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      // not here
    }
  }
  for (const appRoot of vscodeAppRoots()) {
    const rg = bundledRipgrep(appRoot);
    if (rg) return rg;
  }
  return undefined;
}

/**
 * Indexes a folder reading only records and the files ripgrep says may cite a decision.
 * @param rgPath the ripgrep to run (see {@link findRipgrep}).
 * @returns the filled index, as `scanWorkspace` builds it; `skipped` lists only the files that
 *   were read and skipped (a file ripgrep ruled out is never opened). Rejects when ripgrep fails,
 *   so the caller can fall back to the full read.
 */
export async function ripgrepScan(options: ScanOptions, rgPath: string): Promise<ScanResult> {
  const logger: Logger = options.logger ?? nullLogger;
  const root = normalize(options.root);
  const reader = new NodeWorkspace(root, logger);
  const settings = await readCliSettings(reader, root, logger);
  const exclude = settings.discovery.exclude ?? DEFAULT_EXCLUDES;
  // Prune the default folders in ripgrep when the excludes hold them, as they do unless replaced.
  const pruned = DEFAULT_EXCLUDED_DIRS.filter((d) => exclude.includes(`**/${d}/**`));
  // The candidates are searched while the folder is listed and discovered, with every prefix
  // possible before discovery (a superset); checked against the prefixes found below.
  const guess = citationPrefilter(
    prefixesBeforeDiscovery([
      ...settings.citationPrefixes,
      ...(options.prefixes ?? []),
      ...Object.values(settings.discovery.prefixes ?? {}),
      ...(settings.discovery.folders ?? []).flatMap((f) => (f.prefix ? [f.prefix] : [])),
    ]),
  );
  const search = (prefilter: typeof guess): Promise<{ files: string[] }> =>
    ripgrepFiles({ rgPath, paths: [toNative(root)], prefilter, maxFileBytes: MAX_FILE_BYTES, excludedDirs: pruned, follow: false });
  const early = search(guess);
  early.catch(() => undefined); // awaited below
  const listed = await ripgrepFiles({ rgPath, paths: [toNative(root)], excludedDirs: pruned, follow: false });
  const listing = filterListing(listed.files, root, exclude, pruned);
  const files = new Set(listing);

  const listingReader: WorkspaceReader = {
    readText: (path) => reader.readText(path),
    findFiles(base: string, include: readonly string[], exclude2: readonly string[]): Promise<string[]> {
      if (include.length === 0) return Promise.resolve([]);
      const under = normalize(base);
      return Promise.resolve(filterListing(matchListing(listing, under, include), under, exclude2, pruned));
    },
    exists(path: string): Promise<boolean> {
      const p = normalize(path);
      if (files.has(p) || listing.some((f) => isInside(f, p))) return Promise.resolve(true);
      return reader.exists(p);
    },
  };
  const folders = await discoverDecisionFolders(listingReader, root, settings.discovery, logger);
  const prefixes = new Set<string>([...folders.flatMap((f) => prefixesOf(f)), ...settings.citationPrefixes, ...(options.prefixes ?? [])]);
  if (prefixes.size === 0) prefixes.add('ADR');
  const index = new DecisionIndex({
    folders,
    citationPrefixes: [...prefixes],
    commentsOnly: options.commentsOnly ?? settings.commentsOnly ?? true,
    logger,
  });
  const actual = citationPrefilter([...prefixes]);
  const matching = await (coversPrefilter(guess, actual) ? early : search(actual));
  const toRead = new Set<string>();
  for (const p of listing) if (RECORD_NAME.test(p) && isDecisionFile(p, folders)) toRead.add(p);
  for (const p of matching.files) {
    const n = normalize(p);
    if (files.has(n)) toRead.add(n);
  }
  const sorted = [...toRead].sort();
  let read = 0;
  options.onProgress?.(0, sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    const file = await reader.readTextFile(sorted[i]);
    if ('text' in file) {
      index.upsert(file.path, file.text);
      read++;
    } else {
      reader.skip(file.path, file.skipped, file.detail);
    }
    if (i % 200 === 199) options.onProgress?.(i + 1, sorted.length);
  }
  options.onProgress?.(sorted.length, sorted.length);
  // Files ripgrep searched and ruled out were read too (by ripgrep): counted like the full read
  // counts them, leaving out what it would skip unread (binary extensions, over the size limit).
  for (const p of listing) {
    if (toRead.has(p) || hasBinaryExtension(p)) continue;
    try {
      if (statSync(toNative(p)).size <= MAX_FILE_BYTES) read++;
    } catch {
      // gone meanwhile: not read
    }
  }
  logger.trace(`ripgrep: ${listing.length} files listed, ${matching.files.length} may cite, ${sorted.length} read (${dirname(root)})`);
  return { index, folders, filesRead: read, skipped: reader.skipped };
}
