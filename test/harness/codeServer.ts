// Shared by the integration runner and the end-to-end helper: a real VS Code (code-server) on a
// temp copy of a fixture workspace, with extensions installed from VSIX files, opened in headless
// Chromium driven by playwright-core. Every process started here is stopped by its pid.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser, BrowserServer, Page } from 'playwright-core';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, codeServerEntry, codeServerReady } from '../../scripts/lib/testEnv.mjs';
import { packageVsix, REPO_ROOT } from '../../scripts/lib/vsix.mjs';

export { REPO_ROOT };

/** Fixture workspaces: `test/fixtures/workspaces/<name>/` or `<name>.code-workspace` beside them. */
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures', 'workspaces');

/** Workspace names that are not under FIXTURES_DIR: `example` is the repository's example workspace. */
const WORKSPACE_ALIASES: Record<string, string> = { example: join(REPO_ROOT, 'examples', 'workspace') };

/** Chromium flags for a machine with a closed network (see docs/TESTING.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

/** User settings every test session starts with: no welcome page, no tips, no update or telemetry traffic. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'github.gitAuthentication': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  // Fixture workspaces have no node_modules: TypeScript would only report missing modules.
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
};

/** What the workbench opens: a folder, or a multi-root `.code-workspace` file. */
export type OpenTarget = { folder: string } | { workspaceFile: string };

/** Prints a harness line, prefixed so it stands out from the tools' own output. */
export function log(message: string): void {
  console.log(`[harness] ${message}`);
}

/** Returns a fresh temp folder `<tmp>/decision-lens-<prefix>-XXXX`; one per run, so parallel runs never share state. */
export function makeRunDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `decision-lens-${prefix}-`));
}

/** A free TCP port on 127.0.0.1 (the OS picks it; the caller retries if someone takes it first). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Throws unless the pinned code-server is installed (it is installed by
 * `node scripts/install-test-deps.mjs`, which `npm test` runs first).
 */
export function assertCodeServerInstalled(): void {
  if (!codeServerReady()) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed: run node scripts/install-test-deps.mjs`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: run node scripts/install-test-deps.mjs`);
}

/** Names of the fixture workspaces that exist (folders and `.code-workspace` files), plus the aliases. */
export function fixtureWorkspaceNames(): string[] {
  const names = new Set(Object.keys(WORKSPACE_ALIASES));
  if (existsSync(FIXTURES_DIR)) {
    for (const entry of readdirSync(FIXTURES_DIR, { withFileTypes: true })) {
      if (entry.isDirectory()) names.add(entry.name);
      else if (entry.name.endsWith('.code-workspace')) names.add(entry.name.slice(0, -'.code-workspace'.length));
    }
  }
  return [...names].sort();
}

/**
 * Copies a fixture workspace into `intoDir` so tests may change files freely.
 * `name` is a fixture name (`test/fixtures/workspaces/<name>.code-workspace` wins over the folder
 * `<name>/`; `example` is `examples/workspace/`) or an absolute path to a folder.
 * For a `.code-workspace` file every folder it lists (relative to the file) is copied with it,
 * keeping the same relative layout. Symlinks are copied as the files they point to.
 * @returns what to open: the copied folder or the copied workspace file
 * @throws Error when the workspace does not exist
 */
export function copyWorkspace(name: string, intoDir: string): OpenTarget {
  const workspaceFile = join(FIXTURES_DIR, `${name}.code-workspace`);
  if (!name.startsWith('/') && existsSync(workspaceFile)) {
    const root = join(intoDir, 'workspace');
    mkdirSync(root, { recursive: true });
    const text = readFileSync(workspaceFile, 'utf8');
    const parsed = JSON.parse(text) as { folders?: { path?: string }[] };
    for (const folder of parsed.folders ?? []) {
      if (!folder.path || folder.path.startsWith('/')) throw new Error(`${workspaceFile}: folder paths must be relative`);
      const source = resolve(FIXTURES_DIR, folder.path);
      const target = resolve(root, folder.path);
      if (!existsSync(source)) throw new Error(`${workspaceFile}: folder ${folder.path} does not exist`);
      cpSync(source, target, { recursive: true, dereference: true });
    }
    const copied = join(root, basename(workspaceFile));
    writeFileSync(copied, text);
    return { workspaceFile: copied };
  }
  const source = name.startsWith('/') ? name : WORKSPACE_ALIASES[name] ?? join(FIXTURES_DIR, name);
  if (!existsSync(source) || !statSync(source).isDirectory()) {
    throw new Error(`no fixture workspace "${name}": expected ${join(FIXTURES_DIR, name)}/ or ${workspaceFile}`);
  }
  const target = join(intoDir, 'workspace', name.startsWith('/') ? basename(name) : name);
  cpSync(source, target, { recursive: true, dereference: true });
  return { folder: target };
}

/** Absolute path of the folder or workspace file that `target` opens. */
export function targetPath(target: OpenTarget): string {
  return 'folder' in target ? target.folder : target.workspaceFile;
}

/**
 * Installs VSIX files into `extensionsDir` with code-server's own CLI (which also writes the
 * `extensions.json` the server reads). Throws with the CLI output when an install fails.
 */
export function installExtensions(extensionsDir: string, userDataDir: string, vsixPaths: readonly string[]): void {
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const configFile = join(userDataDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [codeServerEntry(), '--config', configFile, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  for (const vsix of vsixPaths) args.push('--install-extension', vsix);
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const installed = output.split('\n').filter((l) => /successfully installed/i.test(l)).length;
  if (result.status !== 0 || installed < vsixPaths.length) {
    throw new Error(`installing ${vsixPaths.join(', ')} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
  for (const line of output.split('\n').filter((l) => /successfully installed/i.test(l))) log(line.trim());
}

/**
 * Registers the language packs installed in `extensionsDir` in `userDataDir/languagepacks.json`,
 * as VS Code's language pack service does when it installs one (`postInstall` of
 * `vs/platform/languagePacks/node/languagePacks.ts`). code-server's `--install-extension` CLI
 * never starts that service, and without the file the server resolves every `--locale` to English.
 * @returns the language ids registered (e.g. `['de']`)
 */
export function registerLanguagePacks(extensionsDir: string, userDataDir: string): string[] {
  type Localization = { languageId?: unknown; languageName?: unknown; localizedLanguageName?: unknown; translations?: { id: string; path: string }[] };
  const packs: Record<string, { hash: string; extensions: { extensionIdentifier: { id: string }; version: string }[]; translations: Record<string, string>; label: string }> = {};
  for (const entry of existsSync(extensionsDir) ? readdirSync(extensionsDir, { withFileTypes: true }) : []) {
    if (!entry.isDirectory()) continue;
    const folder = join(extensionsDir, entry.name);
    let manifest: { publisher?: string; name?: string; version?: string; contributes?: { localizations?: Localization[] } };
    try {
      manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue;
    }
    const id = `${manifest.publisher ?? ''}.${manifest.name ?? ''}`.toLowerCase();
    for (const l of manifest.contributes?.localizations ?? []) {
      if (typeof l.languageId !== 'string' || !Array.isArray(l.translations)) continue;
      const pack = (packs[l.languageId] ??= { hash: '', extensions: [], translations: {}, label: String(l.localizedLanguageName ?? l.languageName ?? l.languageId) });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version ?? '0.0.0' });
      for (const t of l.translations) pack.translations[t.id] = join(folder, t.path);
      pack.hash = createHash('md5').update(pack.extensions.map((e) => `${e.extensionIdentifier.id}${e.version}`).join('')).digest('hex');
    }
  }
  mkdirSync(userDataDir, { recursive: true });
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return Object.keys(packs);
}

/** Process ids of all descendants of `pid` (Linux /proc), deepest first. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try { entries = readdirSync('/proc'); } catch { return []; }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const child of children.get(p) ?? []) {
      walk(child);
      out.push(child);
    }
  };
  walk(pid);
  return out;
}

/** Whether a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a process we started, its process group and any descendant that left the group:
 * SIGTERM, then SIGKILL after `graceMs`.
 */
export async function stopProcessTree(pid: number, graceMs = 5000): Promise<void> {
  const tree = [...descendants(pid), pid];
  const signal = (sig: NodeJS.Signals): void => {
    try { process.kill(-pid, sig); } catch { /* no such group */ }
    for (const p of tree) {
      try { process.kill(p, sig); } catch { /* already gone */ }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && tree.some(alive)) await sleep(100);
  if (tree.some(alive)) signal('SIGKILL');
}

/** Processes to stop when the harness itself is interrupted. */
const running = new Set<() => Promise<void>>();
let handlersInstalled = false;
function track(stop: () => Promise<void>): () => void {
  if (!handlersInstalled) {
    handlersInstalled = true;
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(sig, () => {
        log(`${sig}: stopping ${running.size} process(es)`);
        void Promise.allSettled([...running].map((s) => s())).then(() => process.exit(130));
      });
    }
  }
  running.add(stop);
  return () => running.delete(stop);
}

/** A running code-server. */
export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly userDataDir: string;
  readonly logFile: string;
  /** Last `lines` lines of the server's output and of the remote extension host's logs. */
  logTail(lines?: number): string;
  /** False once the server process has exited. */
  isRunning(): boolean;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** Per-run folder for the server's data, config and log. */
  runDir: string;
  extensionsDir: string;
  /** Extra environment for the server and so for the remote extension host. */
  env?: Record<string, string>;
  /** User settings merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Port to listen on; default: a free one (retried when taken). */
  port?: number;
  /** How long to wait for `/healthz`, in ms; default 90 s. */
  timeoutMs?: number;
  /**
   * Workspace trust: `disabled` (default: `--disable-workspace-trust`, every folder is trusted)
   * or `untrusted` (trust on, the opened folder in Restricted Mode; see {@link UNTRUSTED_SETTINGS}).
   */
  workspaceTrust?: WorkspaceTrust;
  /**
   * VS Code's display language (`--locale`, e.g. `de`). VS Code resolves it only when an installed
   * language pack provides it (else the session is in English); see
   * `test/fixtures/extensions/language-pack-de/`.
   */
  locale?: string;
}

/** How a session treats workspace trust (see `CodeServerOptions.workspaceTrust`). */
export type WorkspaceTrust = 'disabled' | 'untrusted';

/**
 * User settings of an `untrusted` session. VS Code 1.100 (code-server 4.100.3) trusts nothing
 * when trust is enabled (`security.workspace.trust.enabled`, and no `--disable-workspace-trust`)
 * and the folder is not in the trusted list; a fresh user data folder and browser profile have an
 * empty list. No startup dialog asks (`startupPrompt: never`), so the folder stays untrusted
 * (Restricted Mode) and nobody has to answer a modal dialog; the banner stays hidden too.
 */
export const UNTRUSTED_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * Per-workspace session options: `test/fixtures/workspaces/<name>.options.json`, e.g.
 * `{ "workspaceTrust": "untrusted" }`. Missing file: the defaults.
 * @throws Error when the file is not valid JSON or names an unknown value
 */
export function workspaceOptions(name: string): { workspaceTrust: WorkspaceTrust } {
  const file = join(FIXTURES_DIR, `${name}.options.json`);
  if (name.startsWith('/') || !existsSync(file)) return { workspaceTrust: 'disabled' };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { workspaceTrust?: unknown };
  const trust = parsed.workspaceTrust ?? 'disabled';
  if (trust !== 'disabled' && trust !== 'untrusted') throw new Error(`${file}: workspaceTrust must be "disabled" or "untrusted", not ${JSON.stringify(trust)}`);
  return { workspaceTrust: trust };
}

function tailOf(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function findFiles(dir: string, test: (name: string) => boolean): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(path, test));
    else if (test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Starts code-server on 127.0.0.1 with `--auth none`, no telemetry, no update check and no
 * workspace trust (unless `workspaceTrust: 'untrusted'`), in its own process group, and waits
 * until `/healthz` answers.
 * @throws Error with the tail of the server log when it exits or does not answer in time
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  assertCodeServerInstalled();
  const untrusted = options.workspaceTrust === 'untrusted';
  const userDataDir = join(options.runDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...DEFAULT_SETTINGS, ...(untrusted ? UNTRUSTED_SETTINGS : {}), ...options.settings }, null, 2)}\n`,
  );
  const configFile = join(options.runDir, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  if (options.locale) {
    const languages = registerLanguagePacks(options.extensionsDir, userDataDir);
    if (!languages.includes(options.locale.split('-')[0])) log(`no language pack for --locale ${options.locale} is installed: VS Code will be in English`);
  }
  const timeoutMs = options.timeoutMs ?? 90_000;
  let lastError: Error | undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = options.port ?? (await freePort());
    const logFile = join(options.runDir, `code-server-${attempt}.log`);
    const fd = openSync(logFile, 'a');
    const args = [
      codeServerEntry(),
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', configFile,
      '--disable-telemetry', '--disable-update-check', ...(untrusted ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override', '--ignore-last-opened',
      '--user-data-dir', userDataDir, '--extensions-dir', options.extensionsDir,
      ...(options.locale ? ['--locale', options.locale] : []),
    ];
    const child: ChildProcess = spawn(process.execPath, args, {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, ...options.env, VSCODE_PROXY_URI: '' },
    });
    closeSync(fd);
    const pid = child.pid;
    if (pid === undefined) throw new Error('code-server did not start');
    let exitCode: number | string | null | undefined;
    child.on('exit', (code, sig) => { exitCode = code ?? sig; });
    const stop = async (): Promise<void> => { await stopProcessTree(pid); };
    const untrack = track(stop);
    const logTail = (lines = 60): string => {
      const parts = [`--- code-server output (${logFile}) ---`, tailOf(logFile, lines)];
      for (const file of findFiles(join(userDataDir, 'logs'), (n) => /exthost|extensionHost/i.test(n))) {
        parts.push(`--- ${relative(options.runDir, file)} ---`, tailOf(file, lines));
      }
      return parts.join('\n');
    };
    const deadline = Date.now() + timeoutMs;
    let ready = false;
    while (Date.now() < deadline && exitCode === undefined) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) { ready = true; break; }
      } catch {
        // not listening yet
      }
      await sleep(300);
    }
    if (ready) {
      return {
        url: `http://127.0.0.1:${port}/`,
        port,
        pid,
        userDataDir,
        logFile,
        logTail,
        isRunning: () => exitCode === undefined,
        stop: async () => { untrack(); await stop(); },
      };
    }
    untrack();
    await stop();
    const output = tailOf(logFile, 40);
    lastError = new Error(exitCode === undefined
      ? `code-server did not answer on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output}`
      : `code-server exited (${exitCode}) before answering on 127.0.0.1:${port}:\n${output}`);
    if (options.port !== undefined || !/EADDRINUSE/.test(output)) break;
    log(`port ${port} was taken; retrying on another`);
  }
  throw lastError ?? new Error('code-server did not start');
}

/** The workbench URL that opens `target`. */
export function workbenchUrl(server: CodeServer, target: OpenTarget): string {
  const query = 'folder' in target ? `folder=${encodeURIComponent(target.folder)}` : `workspace=${encodeURIComponent(target.workspaceFile)}`;
  return `${server.url}?${query}`;
}

/** A headless Chromium started by us (its pid is known) with one page. */
export interface BrowserSession {
  readonly browser: Browser;
  readonly page: Page;
  readonly pid: number;
  /** Browser console lines seen so far (errors and warnings). */
  readonly console: string[];
  close(): Promise<void>;
}

/**
 * Launches `/usr/bin/chromium` headless through playwright-core with the closed-network flags and
 * a fresh profile, and opens one page of `viewport` size.
 */
export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<BrowserSession> {
  const server: BrowserServer = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 120_000,
  });
  const pid = server.process().pid;
  if (pid === undefined) throw new Error('Chromium did not start');
  const stopBrowserProcess = async (): Promise<void> => { await stopProcessTree(pid, 3000); };
  const untrack = track(stopBrowserProcess);
  try {
    const browser = await chromium.connect(server.wsEndpoint(), { timeout: 60_000 });
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        consoleLines.push(`[${message.type()}] ${message.text()}`);
        if (consoleLines.length > 400) consoleLines.splice(0, 100);
      }
    });
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
    return {
      browser,
      page,
      pid,
      console: consoleLines,
      close: async () => {
        untrack();
        await browser.close().catch(() => undefined);
        await server.close().catch(() => undefined);
        await stopBrowserProcess();
      },
    };
  } catch (error) {
    untrack();
    await stopBrowserProcess();
    throw error;
  }
}

/**
 * Waits until the workbench has rendered (the workbench, its status bar and the activity bar).
 * @throws playwright's TimeoutError after `timeoutMs`
 */
export async function waitForWorkbench(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
}

let packagedVsix: string | undefined;

/**
 * The packaged extension under test: `$DECISION_LENS_VSIX` when set (`npm test` packages once and
 * sets it), else builds and packages the repository into a temp folder once per process.
 */
export function extensionVsix(): string {
  const fromEnv = process.env.DECISION_LENS_VSIX;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`DECISION_LENS_VSIX points at a missing file: ${fromEnv}`);
    return fromEnv;
  }
  if (packagedVsix && existsSync(packagedVsix)) return packagedVsix;
  log('DECISION_LENS_VSIX is not set: building and packaging the extension');
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'esbuild.config.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const out = join(makeRunDir('vsix'), 'decision-lens.vsix');
  packageVsix({ out, quiet: true });
  packagedVsix = out;
  return out;
}

/**
 * Bundles a helper extension that is never shipped (the integration test runner, the bench
 * runner) from `sourceDir` (`package.json`, `README.md`, `.vscodeignore`, `extension.ts`) and
 * packages it as a VSIX.
 * @param sourceDir the extension's source folder.
 * @param runDir where the bundled folder and the VSIX are written.
 * @param name the VSIX's file name without `.vsix`, and its folder's name.
 * @returns the VSIX's path.
 */
export async function packageHelperExtension(sourceDir: string, runDir: string, name: string): Promise<string> {
  const folder = join(runDir, name);
  mkdirSync(folder, { recursive: true });
  for (const file of ['package.json', 'README.md', '.vscodeignore']) cpSync(join(sourceDir, file), join(folder, file));
  await build({
    entryPoints: [join(sourceDir, 'extension.ts')],
    outfile: join(folder, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const out = join(runDir, `${name}.vsix`);
  packageVsix({ folder, out, skipLicense: true, quiet: true });
  return out;
}
