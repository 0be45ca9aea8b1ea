// Where the test tools live: the pinned code-server (a real VS Code server and web workbench,
// installed from npm into a cache outside the repository) and the system Chromium.
// Node built-ins only: this module runs before `node_modules` exists.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * code-server release the tests run in. 4.100.3 ships VS Code 1.100.3 and names Node 20 in its
 * `engines`, the machine's Node, so its native modules build against the machine's headers.
 */
export const CODE_SERVER_VERSION = '4.100.3';

/**
 * The `@vscode/ripgrep` module inside this code-server release and the ripgrep-prebuilt release its
 * postinstall downloads from GitHub (unreachable here). The install seeds that download's cache
 * with Debian's `rg` instead. Read them from
 * `lib/vscode/node_modules/@vscode/ripgrep/{package.json,lib/postinstall.js}` when changing
 * CODE_SERVER_VERSION.
 */
export const CODE_SERVER_RIPGREP = { packageVersion: '1.15.11', release: 'v13.0.0-10' };

/** Debian packages the tests and the benchmark need: the browser, Kerberos headers for code-server's `kerberos` module, ripgrep (code-server's search and the benchmark). */
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep'];

/** Build tools node-gyp needs for code-server's native modules (already on the machine image; installed when missing). */
export const BUILD_PACKAGES = ['g++', 'make', 'python3'];

/** Chromium that playwright-core drives (never a browser downloaded by Playwright). */
export const CHROMIUM_PATH = process.env.DECISION_LENS_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Cache folder shared by every clone on the machine: `$DECISION_LENS_CACHE`, else
 * `$XDG_CACHE_HOME/decision-lens`, else `~/.cache/decision-lens`.
 * @returns {string} absolute path (may not exist yet)
 */
export function cacheDir() {
  if (process.env.DECISION_LENS_CACHE) return process.env.DECISION_LENS_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'decision-lens');
}

/**
 * Folder the pinned code-server is installed into (an npm prefix keyed by version).
 * @returns {string}
 */
export function codeServerDir() {
  return join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

/**
 * The code-server entry script, run with the machine's Node (`node <entry> ...`).
 * @returns {string}
 */
export function codeServerEntry() {
  return join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * Marker written after an install was verified by starting the server; its absence means the
 * install is missing, partial or broken and is redone.
 * @returns {string}
 */
export function codeServerMarker() {
  return join(codeServerDir(), '.verified');
}

/**
 * Whether the pinned code-server is installed and was verified.
 * @returns {boolean}
 */
export function codeServerReady() {
  return existsSync(codeServerMarker()) && existsSync(codeServerEntry());
}
