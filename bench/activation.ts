/**
 * Activation cost: how long the packaged extension bundle takes to load (before `activate` runs),
 * and how large the VSIX is. The bundle and the VSIX are built from a copy of the work tree with
 * the production build, so the numbers are those of what users install and the work tree is not
 * touched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, percentile } from './rng';

/** What {@link measureActivation} found. */
export interface ActivationResult {
  /** Milliseconds to `require` the production `dist/extension.js` in a fresh process (median). */
  readonly loadMs?: number;
  readonly loadP95Ms?: number;
  readonly loadRuns: number;
  /** Bytes of the production `dist/extension.js`. */
  readonly bundleBytes?: number;
  /** Bytes of the packaged `.vsix`. */
  readonly vsixBytes?: number;
  /** Files in the VSIX, as `vsce ls` lists them. */
  readonly vsixFiles?: readonly string[];
  /** Why a figure is missing. */
  readonly notes: readonly string[];
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'out', 'test-results', '.vscode-test']);

/**
 * Copies the work tree to `staging` (without `node_modules`, which is linked, and without
 * build output), runs the production build there, loads the bundle `runs` times in fresh Node
 * processes with a stub `vscode` module (so `activate` never runs), and packages the VSIX with
 * `vsce package --no-dependencies`.
 * @param repo the work tree.
 * @param staging an empty temporary folder.
 * @param options `vsix: false` skips packaging.
 * @returns the measurements; a step that fails is reported in `notes`, never thrown.
 */
export function measureActivation(repo: string, staging: string, runs: number, options: { vsix: boolean }): ActivationResult {
  const notes: string[] = [];
  mkdirSync(staging, { recursive: true });
  cpSync(repo, staging, {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(repo.length).replace(/^\/+/, '');
      const first = rel.split('/')[0];
      if (SKIP.has(first)) return false;
      if (rel.endsWith('.vsix') || rel === 'bench/results.json') return false;
      return true;
    },
  });
  symlinkSync(join(repo, 'node_modules'), join(staging, 'node_modules'), 'dir');
  const build = spawnSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: staging, encoding: 'utf8' });
  const bundle = join(staging, 'dist', 'extension.js');
  if (build.status !== 0 || !existsSync(bundle)) {
    notes.push(`production build failed: ${(build.stderr || build.stdout || '').trim().split('\n').slice(-3).join(' ')}`);
    return { loadRuns: 0, notes };
  }
  const bundleBytes = statSync(bundle).size;

  const probe = join(staging, 'load-probe.cjs');
  writeFileSync(probe, `const API_NAMES = ${JSON.stringify(vscodeApiNames(repo))};\n${LOAD_PROBE}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [probe, bundle], { encoding: 'utf8' });
    if (r.status !== 0) {
      const error = (r.stderr || '').split('\n').find((l) => /^\w*Error\b/.test(l)) ?? (r.stderr || '').trim().slice(0, 300);
      notes.push(`loading the bundle failed: ${error}`);
      break;
    }
    try {
      const out = JSON.parse(r.stdout) as { ms: number; activate: boolean };
      if (!out.activate) notes.push('the bundle exports no activate function');
      times.push(out.ms);
    } catch {
      notes.push(`unexpected probe output: ${r.stdout.slice(0, 200)}`);
      break;
    }
  }

  let vsixBytes: number | undefined;
  let vsixFiles: string[] | undefined;
  if (options.vsix) {
    const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
    const out = join(staging, 'decision-lens.vsix');
    // The same flags as `npm run package`.
    const flags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license'];
    const pack = spawnSync(process.execPath, [vsce, 'package', ...flags, '--out', out], { cwd: staging, encoding: 'utf8', input: 'y\n' });
    if (pack.status === 0 && existsSync(out)) {
      vsixBytes = statSync(out).size;
      const ls = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: staging, encoding: 'utf8' });
      if (ls.status === 0) vsixFiles = ls.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    } else {
      notes.push(`vsce package failed: ${(pack.stderr || pack.stdout || '').trim().split('\n').slice(-3).join(' ')}`);
    }
  }
  return {
    loadMs: times.length ? median(times) : undefined,
    loadP95Ms: times.length ? percentile(times, 95) : undefined,
    loadRuns: times.length,
    bundleBytes,
    vsixBytes,
    vsixFiles,
    notes,
  };
}

/**
 * @returns the top-level names the `vscode` module exports (classes, namespaces, enums, functions,
 * constants), from `@types/vscode`, so the stub module has the same own properties as the real one.
 */
function vscodeApiNames(repo: string): string[] {
  try {
    const d = readFileSync(join(repo, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
    return [...new Set([...d.matchAll(/^\texport (?:class|namespace|enum|function|const|let|var) (\w+)/gm)].map((m) => m[1]))];
  } catch {
    return [];
  }
}

/**
 * Runs in a fresh Node process: answers `require('vscode')` with a stub that accepts any
 * property access, call or construction, times `require(bundle)`, and prints JSON. It never
 * calls `activate`.
 */
const LOAD_PROBE = `'use strict';
const Module = require('module');
function stub(name) {
  const cache = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(t, key) {
      if (key === '__esModule') return false;
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      if (key === 'prototype') return t.prototype;
      if (!cache.has(key)) cache.set(key, stub(name + '.' + String(key)));
      return cache.get(key);
    },
    apply() { return stub(name + '()'); },
    construct() { return stub('new ' + name); },
  });
}
// A plain object with the real module's names (bundlers copy own properties), each a stub.
const vscode = Object.fromEntries(API_NAMES.map((n) => [n, stub('vscode.' + n)]));
const original = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return original.call(this, request, parent, isMain);
};
const bundle = process.argv[2];
const started = process.hrtime.bigint();
const ext = require(bundle);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
Module._load = original;
process.stdout.write(JSON.stringify({ ms, activate: typeof ext.activate === 'function' }));
`;
