/**
 * The reference scan: ripgrep looking for the same citation forms over the same files, so the
 * index's time can be read as a multiple of the fastest text search there is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EXCLUDED_DIRS } from '../src/core/config';

/** GNU time (Debian package `time`), to read ripgrep's CPU time; optional. */
const GNU_TIME = '/usr/bin/time';

/** @returns ripgrep's version line, or `undefined` when `rg` is not on the PATH. */
export function ripgrepVersion(): string | undefined {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || typeof r.stdout !== 'string') return undefined;
  return r.stdout.split('\n')[0].trim();
}

/**
 * A ripgrep (Rust regex) pattern for the citation forms of PRODUCT.md: `ADR-0005`, `ADR 5`,
 * `MADR 009-tracing-policy`, `ADR-022 §3b`, `@ADR(5)`, `@decision(DL-1)`, and paths or links to
 * Markdown records (`docs/adr/0008-x.md#anchor`). It is not comment-aware (ripgrep cannot be), so
 * it is ripgrep's easiest version of the same search.
 * @param prefixes citation prefixes in use (upper case).
 */
export function citationPattern(prefixes: readonly string[]): string {
  const p = [...new Set(prefixes)].sort((a, b) => b.length - a.length).join('|');
  return [
    `\\b(?:${p})[- ]?[0-9]+(?:-[a-z0-9][a-z0-9-]*)?(?: §[0-9]+[a-z]?)?`,
    `@(?:${p}|decision)\\([^)\\n]*\\)`,
    `[A-Za-z0-9_./-]+\\.md(?:#[A-Za-z0-9_-]+)?`,
  ].join('|');
}

/** One timed ripgrep run. */
export interface RipgrepRun {
  /** Wall-clock seconds from spawn to exit. */
  readonly seconds: number;
  /** Matches printed (one per line with `--only-matching`). */
  readonly matches: number;
  /** Worker threads ripgrep was allowed (0 = its default, one per core). */
  readonly threads: number;
  /** CPU seconds ripgrep used (user + system, all threads), when GNU time is installed. */
  readonly cpuSeconds?: number;
}

/**
 * Runs `rg --only-matching --line-number --column` for the pattern over `root`, skipping the
 * same folders the index skips, and counts the matches it prints.
 * @param threads `-j` value; 0 leaves ripgrep's default (all cores).
 * @returns the timing and match count; rejects when ripgrep cannot be started or fails.
 */
export function runRipgrep(root: string, pattern: string, threads = 0): Promise<RipgrepRun> {
  const args = ['--no-config', '--no-ignore', '--hidden', '--no-messages', '--only-matching', '--line-number', '--column', '--no-heading', '--color', 'never'];
  if (threads > 0) args.push('-j', String(threads));
  for (const d of DEFAULT_EXCLUDED_DIRS) args.push('-g', `!${d}/`);
  args.push('-e', pattern, root);
  const timed = existsSync(GNU_TIME);
  const scratch = timed ? mkdtempSync(join(tmpdir(), 'decision-lens-rg-')) : undefined;
  const timeFile = scratch ? join(scratch, 'time') : undefined;
  const [command, argv] = timeFile ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, 'rg', ...args]] : ['rg', args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let matches = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) matches++;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      let cpuSeconds: number | undefined;
      if (timeFile && scratch) {
        try {
          const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
          if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
        } catch {
          cpuSeconds = undefined;
        }
        rmSync(scratch, { recursive: true, force: true });
      }
      // 1 means "no match", which is a valid result for a tree without citations.
      if (code !== 0 && code !== 1) reject(new Error(`rg exited with ${code}: ${stderr.trim()}`));
      else resolve({ seconds, matches, threads, ...(cpuSeconds !== undefined ? { cpuSeconds } : {}) });
    });
  });
}
