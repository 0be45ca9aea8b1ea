/**
 * A worker thread of the index build (bundled as `dist/buildWorker.js`): reads the files of each
 * job with Node's fs, as the extension host's local reads do (`nodeFs.readTextFile`: size limit,
 * NUL byte = binary, BOM dropped) or as the command line's guarded reads do
 * (`nodeWorkspace.readIndexFile`), derives what the index keeps of each (`DecisionIndex.derive`,
 * the same data the cache across sessions holds) and posts it back. The
 * thread that owns the index restores the entries in order (`DecisionIndex.restore`), so the
 * index is the one an in-thread build makes, while parsing runs on other cores and the extension
 * host stays free to answer.
 */
import { parentPort } from 'node:worker_threads';
import { DecisionIndex } from '../core/index';
import type { BuildWorkerConfig, BuildWorkerFile, BuildWorkerJob, BuildWorkerMessage, BuildWorkerReply } from './buildProtocol';
import { hasBinaryExtension } from './fileRules';
import { statSync } from 'node:fs';
import { readIndexFile } from '../cli/nodeWorkspace';
import { readTextFile } from './nodeFs';

// Set by the first message (and again when a later phase of the build has other settings).
let config: BuildWorkerConfig | undefined;
let index: DecisionIndex | undefined;

function stat(path: string): { size: number; mtime: number } | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? { size: s.size, mtime: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** @returns what the index derives from `path`, or why it is not indexed. */
function readOne(config: BuildWorkerConfig, index: DecisionIndex, path: string, cached: readonly [number, number] | null, target: string | null): BuildWorkerFile {
  if (hasBinaryExtension(path)) return { kind: 'skipped', reason: 'binary-name' };
  if (config.reader === 'cli') {
    const file = readIndexFile(path, target ?? undefined);
    if (!('text' in file)) return { kind: 'skipped', reason: file.skipped, ...(file.detail !== undefined ? { detail: file.detail } : {}) };
    return derive(index, path, file.text, 0, 0);
  }
  if (cached) {
    const s = stat(path);
    if (s && s.size === cached[0] && s.mtime === cached[1]) return { kind: 'cached' };
  }
  const r = readTextFile(path, config.maxFileBytes);
  if (!('text' in r)) return { kind: 'skipped', reason: r.skipped, ...(r.size !== undefined ? { size: r.size } : {}) };
  return derive(index, path, r.text, r.size, r.mtime);
}

function derive(index: DecisionIndex, path: string, text: string, size: number, mtime: number): BuildWorkerFile {
  // Each file's entry stands alone: the worker keeps no index of the workspace.
  return { kind: 'text', size, mtime, entry: index.derive(path, text) };
}

parentPort?.on('message', (message: BuildWorkerMessage) => {
  if ('config' in message) {
    config = message.config;
    index?.dispose();
    index = new DecisionIndex({ folders: config.folders, citationPrefixes: [...config.citationPrefixes], commentsOnly: config.commentsOnly });
    return;
  }
  const job: BuildWorkerJob = message;
  let reply: BuildWorkerReply;
  try {
    if (!config || !index) throw new Error('a job came before the settings');
    const [c, i] = [config, index];
    reply = { id: job.id, files: job.paths.map((p, n) => readOne(c, i, p, job.cached[n] ?? null, job.targets?.[n] ?? null)) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
