#!/usr/bin/env node
// Installs what the integration and end-to-end tests need on a fresh Debian bookworm machine:
// Debian's chromium, libkrb5-dev and ripgrep (apt, only when missing) and the pinned code-server
// (npm, into a cache outside the repository keyed by its version, verified by starting it).
// Idempotent: a second run only checks. Node built-ins only: it runs before `npm ci`.
//
//   node scripts/install-test-deps.mjs            # install what is missing
//   node scripts/install-test-deps.mjs --check    # exit 1 when something is missing, install nothing
/* global fetch */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APT_PACKAGES, BUILD_PACKAGES, CHROMIUM_PATH, CODE_SERVER_RIPGREP, CODE_SERVER_VERSION, codeServerDir, codeServerEntry, codeServerMarker, codeServerReady,
} from './lib/testEnv.mjs';

const log = (message) => console.log(`[test-deps] ${message}`);

/**
 * Runs a command with inherited output; throws with the command line when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/**
 * Debian packages from `names` that are not installed (dpkg's status is not "install ok installed").
 * @param {readonly string[]} names
 * @returns {string[]}
 */
function missingDebianPackages(names) {
  return names.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

/** Installs the missing Debian packages with apt-get (needs root; CI runs as root). */
function ensureDebianPackages(checkOnly) {
  if (!existsSync('/usr/bin/dpkg-query')) {
    log('not a Debian system: skipping apt; install chromium, libkrb5-dev (Kerberos headers) and ripgrep yourself');
    return true;
  }
  const wanted = [...APT_PACKAGES, ...BUILD_PACKAGES];
  const missing = missingDebianPackages(wanted);
  if (missing.length === 0) {
    log(`Debian packages present: ${wanted.join(', ')}`);
    return true;
  }
  if (checkOnly) {
    log(`missing Debian packages: ${missing.join(', ')}`);
    return false;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(', ')}: run as root, or: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...missing], { env });
  const still = missingDebianPackages(missing);
  if (still.length > 0) throw new Error(`apt-get did not install: ${still.join(', ')}`);
  return true;
}

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts the installed code-server on a free loopback port with a throw-away data dir, waits for
 * `/healthz` to answer and for the workbench page to be served, then stops it by its process group.
 * Throws with the server's output when it does not come up within `timeoutMs`.
 */
async function verifyCodeServer(timeoutMs = 60_000) {
  const scratch = mkdtempSync(join(tmpdir(), 'decision-lens-verify-'));
  const port = await freePort();
  const args = [
    codeServerEntry(), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--config', join(scratch, 'config.yaml'),
    '--user-data-dir', join(scratch, 'user'), '--extensions-dir', join(scratch, 'extensions'),
  ];
  writeFileSync(join(scratch, 'config.yaml'), 'cert: false\n');
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exited) throw new Error(`code-server exited during the check:\n${output}`);
      if (Date.now() > deadline) throw new Error(`code-server did not answer on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output}`);
      try {
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        const page = await fetch(`http://127.0.0.1:${port}/`);
        const html = await page.text();
        if (health.ok && page.ok && html.includes('workbench')) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const version = spawnSync(process.execPath, [codeServerEntry(), '--config', join(scratch, 'config.yaml'), '--version'], { encoding: 'utf8' });
    const line = version.stdout.split('\n').find((l) => /^\d+\.\d+\.\d+/.test(l)) ?? version.stdout.trim();
    log(`code-server answers on 127.0.0.1:${port}; version ${line}`);
  } finally {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Seeds the download cache of code-server's `@vscode/ripgrep` postinstall (which would fetch a
 * prebuilt `rg` from GitHub) with the machine's `rg`, under `tmp`, the TMPDIR of the install.
 */
function seedRipgrepCache(tmp) {
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('rg (Debian package ripgrep) is missing; code-server needs it');
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[arch()];
  if (!target) throw new Error(`no ripgrep target for ${arch()}`);
  const cache = join(tmp, `vscode-ripgrep-cache-${CODE_SERVER_RIPGREP.packageVersion}`);
  const staging = join(tmp, 'rg-staging');
  mkdirSync(cache, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, join(staging, 'rg'));
  const asset = join(cache, `ripgrep-${CODE_SERVER_RIPGREP.release}-${target}.tar.gz`);
  run('tar', ['czf', asset, '-C', staging, 'rg']);
}

/**
 * Serialises installs between concurrent runs on one machine with a lock folder; a lock whose
 * owner process is gone is taken over.
 * @template T
 * @param {string} lockPath
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function withLock(lockPath, work) {
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockPath);
      writeFileSync(join(lockPath, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let owner = NaN;
      try { owner = Number(readFileSync(join(lockPath, 'pid'), 'utf8')); } catch { /* being written */ }
      let alive = true; // without a pid the owner is writing it right now
      if (Number.isInteger(owner) && owner > 0) {
        try { process.kill(owner, 0); } catch { alive = false; }
      }
      if (!alive) {
        log(`taking over a stale install lock left by process ${owner}`);
        rmSync(lockPath, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`waiting for another install (process ${owner}) to finish`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockPath, { recursive: true, force: true });
  }
}

/**
 * Installs code-server@CODE_SERVER_VERSION into its cache folder with npm, running its install
 * scripts (its postinstall builds the VS Code server's native modules), then verifies it starts.
 */
async function ensureCodeServer(checkOnly) {
  const dir = codeServerDir();
  if (codeServerReady()) {
    log(`code-server ${CODE_SERVER_VERSION} present in ${dir}`);
    return true;
  }
  if (checkOnly) {
    log(`code-server ${CODE_SERVER_VERSION} missing in ${dir}`);
    return false;
  }
  mkdirSync(join(dir, '..'), { recursive: true });
  await withLock(`${dir}.lock`, async () => {
    if (codeServerReady()) return; // another run finished it while we waited
    log(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (the first install takes a few minutes)`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // code-server's postinstall (as root) insists on npm_config_unsafe_perm, then runs
    // `npm install` in lib/vscode and lib/vscode/extensions, building the server's native modules.
    // A package.json of its own keeps the install out of any project and approves the install
    // scripts of code-server and of the native modules it builds (npm 11's `allowScripts`).
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({
      name: 'decision-lens-code-server',
      private: true,
      description: 'code-server for the Decision Lens integration and end-to-end tests',
      dependencies: { 'code-server': CODE_SERVER_VERSION },
      allowScripts: { 'code-server': true, argon2: true },
    }, null, 2)}\n`);
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    seedRipgrepCache(tmp);
    const env = { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
    try {
      const npmArgs = ['install', '--prefix', dir, '--foreground-scripts', '--no-audit', '--no-fund', '--omit=dev'];
      try {
        run('npm', npmArgs, { cwd: dir, env });
      } catch (error) {
        log(`${error.message}; trying once more (a registry hiccup?)`);
        run('npm', npmArgs, { cwd: dir, env });
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    if (!existsSync(codeServerEntry())) throw new Error(`npm finished but ${codeServerEntry()} is missing`);
    await verifyCodeServer();
    writeFileSync(codeServerMarker(), `${new Date().toISOString()}\n`);
    log(`code-server ${CODE_SERVER_VERSION} installed and verified`);
  });
  return true;
}

/**
 * Installs (or, with `checkOnly`, checks) everything the integration and end-to-end tests need.
 * @param {{ checkOnly?: boolean }} [options]
 * @returns {Promise<boolean>} true when everything is present
 */
export async function ensureTestDeps({ checkOnly = false } = {}) {
  const apt = ensureDebianPackages(checkOnly);
  if (apt && !existsSync(CHROMIUM_PATH)) {
    if (checkOnly) return false;
    throw new Error(`${CHROMIUM_PATH} is missing although the chromium package is installed`);
  }
  const server = await ensureCodeServer(checkOnly);
  return apt && server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const checkOnly = process.argv.includes('--check');
  ensureTestDeps({ checkOnly }).then(
    (ok) => { process.exitCode = ok ? 0 : 1; },
    (error) => { console.error(`[test-deps] ${error.message}`); process.exitCode = 1; },
  );
}
