/**
 * The command line's candidate-first scan: the guarded walk of `NodeWorkspace` lists the folder,
 * ripgrep finds the files whose text matches the citation prefilter (`core/prefilter.ts`, the
 * finder's own first test); only records and those files are read. The index is the same as
 * `scanWorkspace`'s full read (a unit test compares them on generated trees and the corpus).
 */
import { existsSync, statSync } from 'node:fs';
import { delimiter, join as joinNative } from 'node:path';
import { DEFAULT_EXCLUDED_DIRS, DEFAULT_EXCLUDES } from '../core/config';
import { isDecisionFile } from '../core/discovery';
import type { Logger } from '../core/ports';
import { nullLogger } from '../core/ports';
import { dirname, normalize } from '../core/paths';
import { citationPrefilter, coversPrefilter, prefixesBeforeDiscovery } from '../core/prefilter';
import { WorkerThreads, workerCount } from '../host/buildWorkers';
import { bundledRipgrep, ripgrepFiles } from '../host/ripgrep';

import { MAX_FILE_BYTES, NodeWorkspace, hasBinaryExtension, toNative } from './nodeWorkspace';
import type { ScanOptions, ScanResult } from './scan';
import { MIN_WORKER_FILES, discoverAndIndex, readAhead, readCliSettings, readIntoIndex, workerScript } from './scan';

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
 *
 * The folder is walked by {@link NodeWorkspace} exactly as the full read walks it (regular files
 * inside the root only, links resolved and confined, every skipped file reported); ripgrep only
 * narrows which of the listed files are opened: a listed file is read when it is a record (in a
 * decision folder, or a log), a symbolic link (ripgrep does not follow them), or matched by the
 * prefilter.
 * @param rgPath the ripgrep to run (see {@link findRipgrep}).
 * @returns the filled index, as `scanWorkspace` builds it, with the files skipped by the walk and
 *   the reads. Rejects when ripgrep fails, so the caller can fall back to the full read.
 */
export async function ripgrepScan(options: ScanOptions, rgPath: string): Promise<ScanResult> {
  const logger: Logger = options.logger ?? nullLogger;
  const root = normalize(options.root);
  const reader = new NodeWorkspace(root, logger);
  const settings = await readCliSettings(reader, root, logger);
  const exclude = settings.discovery.exclude ?? DEFAULT_EXCLUDES;
  // Prune the default folders in ripgrep when the excludes hold them, as they do unless replaced.
  const pruned = DEFAULT_EXCLUDED_DIRS.filter((d) => exclude.includes(`**/${d}/**`));
  // The candidates are searched while the folder is walked and discovered, with every prefix
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
  // One walk: discovery's own listings are answered from it.
  const listing = (await reader.findFiles(root, ['**/*'], exclude)).sort();
  // A large tree: the worker threads load while it is discovered.
  const script = workerScript(options);
  const threads = script && listing.length >= MIN_WORKER_FILES ? new WorkerThreads(script, options.workers ?? workerCount(listing.length)) : undefined;
  try {
    const { folders, index, prefixes } = await discoverAndIndex(reader, { ...options, root }, settings, logger);
    // With two threads or more, the records are read now, on threads of their own, while
    // ripgrep's answer and the sizes are awaited; the files that can cite on the others.
    const lanes = threads?.split();
    const isRecord = new Set(listing.filter((p) => isDecisionFile(p, folders) !== undefined));
    let progressed = 0;
    let total = isRecord.size; // until the files that can cite are known
    const onFile = (): void => {
      if (++progressed % 200 === 0) options.onProgress?.(progressed, total);
    };
    const records = lanes ? readAhead(index, reader, [...isRecord], lanes[0], onFile) : undefined;
    const actual = citationPrefilter(prefixes);
    const matching = new Set((await (coversPrefilter(guess, actual) ? early : search(actual))).files.map((p) => normalize(p)));
    // Files over the size limit are opened too: ripgrep passes over them, the read names them as skipped.
    const sizes = new Map<string, number>();
    for (const p of listing) {
      if (hasBinaryExtension(p)) continue;
      try {
        sizes.set(p, statSync(toNative(p)).size);
      } catch {
        // gone meanwhile: not read
      }
    }
    const tooLarge = (p: string): boolean => (sizes.get(p) ?? 0) > MAX_FILE_BYTES;
    const toRead = listing.filter((p) => matching.has(p) || reader.isLink(p) || tooLarge(p) || isRecord.has(p));
    total = toRead.length;
    const ahead = lanes && records ? [records, readAhead(index, reader, toRead.filter((p) => !isRecord.has(p)), lanes[1], onFile)] : undefined;
    let read = await readIntoIndex(index, reader, toRead, options, logger, threads, ahead);
    // Files ripgrep searched and ruled out were read too (by ripgrep): counted like the full read
    // counts them, leaving out what it would skip unread (binary extensions, over the size limit).
    const opened = new Set(toRead);
    for (const [p, size] of sizes) if (!opened.has(p) && size <= MAX_FILE_BYTES) read++;
    logger.trace(`ripgrep: ${listing.length} files listed, ${matching.size} may cite, ${toRead.length} read (${dirname(root)})`);
    return { index, folders, filesRead: read, skipped: reader.skipped };
  } finally {
    threads?.dispose();
  }
}
