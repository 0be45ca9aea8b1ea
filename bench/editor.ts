/**
 * The benchmark's "in the editor" section: opens a tree in code-server (the integration tests'
 * harness, `test/harness/codeServer.ts`) with the packaged extension and a benchmark-only runner
 * extension (`bench/editorRunner/`), twice: a first session with an empty cache and a reopen of
 * the same workspace (same user data, so the same `storageUri` and its index cache). The runner
 * measures inside the extension host; this file starts and stops everything by pid.
 *
 * Run by `bench/main.ts` as `node --import tsx bench/editor.ts CONFIG.json` (the harness is ESM
 * and TypeScript, not part of the bench bundle); prints one JSON line of {@link EditorRun}.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  extensionVsix, freePort, installExtensions, launchBrowser, log, makeRunDir, packageHelperExtension, REPO_ROOT, startCodeServer, waitForWorkbench,
} from '../test/harness/codeServer';
import type { BrowserSession, CodeServer } from '../test/harness/codeServer';
import type { EditorBenchConfig, EditorBenchResults } from './editorRunner/protocol';
import { BENCH_CONFIG_ENV } from './editorRunner/protocol';

/** What the orchestrator is told (by `bench/main.ts`). */
export interface EditorRunInput {
  readonly root: string;
  readonly hover: EditorBenchConfig['hover'];
  readonly record?: EditorBenchConfig['record'];
  /** Sessions with a fresh user data folder (first index, no cache); each is followed by a reopen. */
  readonly runs: number;
  readonly vsix?: string;
  /** Write each session's extension-host CPU profile into this folder. */
  readonly profileDir?: string;
}

/** What it prints. */
export interface EditorRun {
  readonly first: EditorBenchResults[];
  readonly reopen: EditorBenchResults[];
  readonly errors: string[];
}

const RUNNER_DIR = join(REPO_ROOT, 'bench', 'editorRunner');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));


/** One code-server session on `root` with `userRunDir`'s user data; resolves with the runner's results. */
async function session(name: string, input: EditorRunInput, runDir: string, extensionsDir: string, withRecord: boolean, port: number): Promise<EditorBenchResults> {
  const dir = join(runDir, name);
  mkdirSync(dir, { recursive: true });
  const resultsFile = join(dir, 'results.json');
  rmSync(resultsFile, { force: true });
  const config: EditorBenchConfig = { session: name, resultsFile, hover: input.hover, ...(withRecord && input.record ? { record: input.record } : {}), ...(input.profileDir ? { profileFile: join(input.profileDir, `editor-${name}.cpuprofile`) } : {}) };
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;
  try {
    // The user data folder is the run's own and is shared by the first session and the reopen.
    // The same port for the reopen: the remote authority (host:port) is part of the workspace's
    // identity, so another port would be another workspace storage, without the cache.
    server = await startCodeServer({ runDir, extensionsDir, port, env: { [BENCH_CONFIG_ENV]: configFile } });
    log(`[bench ${name}] code-server pid ${server.pid} on ${server.url}`);
    browser = await launchBrowser();
    await browser.page.goto(`${server.url}?folder=${encodeURIComponent(input.root)}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await waitForWorkbench(browser.page, 180_000);
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      try {
        return JSON.parse(readFileSync(resultsFile, 'utf8')) as EditorBenchResults;
      } catch {
        await sleep(250);
      }
    }
    throw new Error(`no results from the bench runner within 300 s\n${server.logTail(40)}`);
  } finally {
    await browser?.close();
    await server?.stop();
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as EditorRunInput;
  const out: { first: EditorBenchResults[]; reopen: EditorBenchResults[]; errors: string[] } = { first: [], reopen: [], errors: [] };
  const base = makeRunDir('bench-editor');
  try {
    if (input.vsix) process.env.DECISION_LENS_VSIX = input.vsix;
    const vsix = extensionVsix();
    const runner = await packageHelperExtension(RUNNER_DIR, base, 'decision-lens-bench-runner');
    const extensionsDir = join(base, 'extensions');
    installExtensions(extensionsDir, join(base, 'install-user-data'), [vsix, runner]);
    for (let i = 0; i < input.runs; i++) {
      const runDir = join(base, `run-${i + 1}`);
      mkdirSync(runDir, { recursive: true });
      try {
        const port = await freePort();
        out.first.push(await session(`first-${i + 1}`, input, runDir, extensionsDir, true, port));
        // Let the cache write (2 s after the build) finish before the window closes... it did:
        // the session ended after the runner's edit; the reopen reads it.
        out.reopen.push(await session(`reopen-${i + 1}`, input, runDir, extensionsDir, false, port));
      } catch (error) {
        out.errors.push(error instanceof Error ? error.message : String(error));
      }
      const storage = join(runDir, 'user-data', 'User', 'workspaceStorage');
      try {
        for (const ws of readdirSync(storage)) log(`[bench] storage ${ws}: ${readdirSync(join(storage, ws)).join(', ')}`);
      } catch {
        // no storage
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ first: [], reopen: [], errors: [error instanceof Error ? (error.stack ?? error.message) : String(error)] })}\n`);
    process.exit(1);
  },
);
