// Integration harness (plain Node, run with tsx): for each folder test/integration/suite/<workspace>/,
// compiles its *.test.ts, opens a temp copy of the fixture workspace in code-server with the packaged
// extension and the test-runner extension installed, lets headless Chromium connect the workbench,
// waits for the runner's results and prints mocha's report. Exit code 1 when a test fails, a session
// times out or anything cannot start.
//
//   node --import tsx test/integration/run.ts [--vsix FILE] [--grep REGEXP] [--timeout MS] [--test-timeout MS]
//     [--keep] [--suites DIR] [workspace ...]
//
// --timeout: ms to wait for a session's results once its tests started; --test-timeout: mocha's
// per-test timeout (default 60000); --keep: keep the temp folder; --suites: another suite root
// (default test/integration/suite).
//
// Environment: DECISION_LENS_VSIX (packaged extension; default: build and package now),
// DECISION_LENS_IT_TIMEOUT (ms to wait for a session's results once its tests started; default 600000).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import {
  alive, assertCodeServerInstalled, copyWorkspace, extensionVsix, installExtensions, launchBrowser, log, makeRunDir,
  packageHelperExtension, REPO_ROOT, startCodeServer, targetPath, waitForWorkbench, workbenchUrl, workspaceOptions,
} from '../harness/codeServer';
import type { BrowserSession, CodeServer } from '../harness/codeServer';
import { CONFIG_ENV } from './runner/protocol';
import type { RunnerConfig, RunnerResults, StartedMarker } from './runner/protocol';

let SUITE_DIR = join(REPO_ROOT, 'test', 'integration', 'suite');
const RUNNER_DIR = join(REPO_ROOT, 'test', 'integration', 'runner');
const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'integration');
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/** How long a workbench gets to start the extension host and activate the runner, per attempt. */
const START_TIMEOUT_MS = 180_000;
/** Attempts per workspace when the workbench does not come up (a flaky load, never a failing test). */
const START_ATTEMPTS = 3;

interface Options {
  vsix?: string;
  grep?: string;
  timeoutMs: number;
  testTimeoutMs: number;
  keep: boolean;
  workspaces: string[];
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    timeoutMs: Number(process.env.DECISION_LENS_IT_TIMEOUT ?? 600_000),
    testTimeoutMs: 60_000,
    keep: false,
    workspaces: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--vsix') options.vsix = value();
    else if (arg === '--grep') options.grep = value();
    else if (arg === '--timeout') options.timeoutMs = Number(value());
    else if (arg === '--test-timeout') options.testTimeoutMs = Number(value());
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--suites') SUITE_DIR = resolve(value());
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.workspaces.push(arg);
  }
  return options;
}

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(path));
    else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

/** Workspaces that have a suite folder with at least one test file. */
function suites(selected: string[]): { workspace: string; files: string[] }[] {
  if (!existsSync(SUITE_DIR)) return [];
  const all = readdirSync(SUITE_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const name of selected) {
    if (!all.includes(name)) throw new Error(`no suite folder test/integration/suite/${name}/ (have: ${all.join(', ') || 'none'})`);
  }
  return all
    .filter((name) => selected.length === 0 || selected.includes(name))
    .map((workspace) => ({ workspace, files: testFiles(join(SUITE_DIR, workspace)) }))
    .filter((s) => s.files.length > 0);
}


/** The folder code-server installed the test-runner extension into. */
function runnerInstallDir(extensionsDir: string): string {
  const name = readdirSync(extensionsDir).find((n) => n.startsWith('decision-lens.decision-lens-test-runner-'));
  if (!name) throw new Error(`the test-runner extension is not in ${extensionsDir}`);
  return join(extensionsDir, name);
}

/** Compiles one workspace's tests to CommonJS bundles (`vscode` and `mocha` external, `.js.map` beside each). */
async function compileTests(workspace: string, files: string[], outDir: string): Promise<string[]> {
  const base = join(SUITE_DIR, workspace);
  await build({
    entryPoints: files,
    outbase: base,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  return files.map((file) => join(outDir, relative(base, file).replace(/\.ts$/, '.js')));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Rewrites `file.js:line:column` positions of the compiled tests in stack traces to the test
 * sources (`test/integration/suite/...ts:line:column`) with the `.js.map` files esbuild wrote.
 * The extension host formats stacks itself, so Node's own source-map support does not apply there.
 */
function sourceMapper(testsDir: string): (text: string) => string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapFor = (file: string): SourceMap | undefined => {
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, undefined);
      }
    }
    return maps.get(file);
  };
  const prefix = testsDir.endsWith('/') ? testsDir : `${testsDir}/`;
  return (text) => text.replace(/(\/[^\s():'"]+\.js):(\d+):(\d+)/g, (whole, file: string, line: string, column: string) => {
    if (!file.startsWith(prefix)) return whole;
    const entry = mapFor(file)?.findEntry(Number(line) - 1, Number(column) - 1) as
      { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!entry?.originalSource || entry.originalLine === undefined) return whole;
    const source = entry.originalSource.startsWith('file://') ? new URL(entry.originalSource).pathname : resolve(dirname(file), entry.originalSource);
    return `${relative(REPO_ROOT, source)}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  });
}

/** Applies `map` to the report and to every error stack of `results`. */
function mapResults(results: RunnerResults, map: (text: string) => string): RunnerResults {
  return {
    ...results,
    report: map(results.report),
    ...(results.fatal ? { fatal: map(results.fatal) } : {}),
    tests: results.tests.map((t) => (t.error ? { ...t, error: { message: t.error.message, ...(t.error.stack ? { stack: map(t.error.stack) } : {}) } } : t)),
  };
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function saveScreenshot(browser: BrowserSession | undefined, name: string): Promise<void> {
  if (!browser) return;
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await browser.page.screenshot({ path, timeout: 15_000 });
    log(`screenshot: ${relative(REPO_ROOT, path)}`);
  } catch {
    // the page is gone
  }
}

interface SessionOutcome {
  workspace: string;
  results?: RunnerResults;
  error?: string;
  seconds: number;
}

/**
 * Runs one workspace's tests in its own code-server session, retrying when the workbench does not
 * start the extension host. Never throws: problems are returned as `error`.
 */
async function runSession(
  suite: { workspace: string; files: string[] },
  runDir: string,
  extensionsDir: string,
  options: Options,
): Promise<SessionOutcome> {
  const startedAt = Date.now();
  const seconds = (): number => Math.round((Date.now() - startedAt) / 100) / 10;
  const sessionDir = join(runDir, suite.workspace);
  mkdirSync(sessionDir, { recursive: true });
  // The tests are compiled into the installed runner extension's folder, so VS Code attributes
  // their `require('vscode')` to the runner (as for any extension's own modules).
  const testsDir = join(runnerInstallDir(extensionsDir), 'tests', suite.workspace);
  let compiled: string[];
  try {
    compiled = await compileTests(suite.workspace, suite.files, testsDir);
  } catch (error) {
    return { workspace: suite.workspace, error: `compiling the tests failed: ${String(error)}`, seconds: seconds() };
  }
  let target;
  let sessionOptions;
  try {
    sessionOptions = workspaceOptions(suite.workspace);
    target = copyWorkspace(suite.workspace, sessionDir);
  } catch (error) {
    return { workspace: suite.workspace, error: String(error instanceof Error ? error.message : error), seconds: seconds() };
  }
  const config: RunnerConfig = {
    workspace: suite.workspace,
    mocha: join(REPO_ROOT, 'node_modules', 'mocha', 'lib', 'mocha.cjs'),
    files: compiled,
    startedFile: join(sessionDir, 'started.json'),
    resultsFile: join(sessionDir, 'results.json'),
    timeoutMs: options.testTimeoutMs,
    ...(options.grep ? { grep: options.grep } : {}),
  };
  const configFile = join(sessionDir, 'runner-config.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  log(`[${suite.workspace}] ${compiled.length} test file(s); workspace ${targetPath(target)}${sessionOptions.workspaceTrust === 'untrusted' ? ' (workspace trust on, folder untrusted)' : ''}`);

  let lastError = 'the workbench never started';
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    let server: CodeServer | undefined;
    let browser: BrowserSession | undefined;
    const attemptDir = join(sessionDir, `attempt-${attempt}`);
    mkdirSync(attemptDir, { recursive: true });
    rmSync(config.startedFile, { force: true });
    rmSync(config.resultsFile, { force: true });
    try {
      server = await startCodeServer({ runDir: attemptDir, extensionsDir, env: { [CONFIG_ENV]: configFile }, workspaceTrust: sessionOptions.workspaceTrust });
      log(`[${suite.workspace}] code-server pid ${server.pid} on ${server.url} (attempt ${attempt}/${START_ATTEMPTS})`);
      browser = await launchBrowser();
      const url = workbenchUrl(server, target);
      await browser.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
      await waitForWorkbench(browser.page, START_TIMEOUT_MS);
      const startDeadline = Date.now() + START_TIMEOUT_MS;
      let started: StartedMarker | undefined;
      while (!started && Date.now() < startDeadline) {
        started = readJson<StartedMarker>(config.startedFile);
        if (!started) await sleep(500);
      }
      if (!started) {
        lastError = `the extension host did not activate the test runner within ${START_TIMEOUT_MS / 1000} s`;
        log(`[${suite.workspace}] ${lastError}`);
        await saveScreenshot(browser, `integration-${suite.workspace}-start-${attempt}`);
        console.log(server.logTail(30));
        continue;
      }
      log(`[${suite.workspace}] VS Code ${started.vscodeVersion} (${started.appName}); extension host pid ${started.pid}; tests running`);
      const deadline = Date.now() + options.timeoutMs;
      let results: RunnerResults | undefined;
      let died: string | undefined;
      while (!results && !died && Date.now() < deadline) {
        results = readJson<RunnerResults>(config.resultsFile);
        if (results) break;
        if (!server.isRunning()) died = `code-server (pid ${server.pid}) exited while the tests ran`;
        else if (!alive(started.pid)) died = `the extension host (pid ${started.pid}) exited while the tests ran`;
        else await sleep(500);
      }
      if (!results && died) {
        results = readJson<RunnerResults>(config.resultsFile);
      }
      if (!results && died) {
        await saveScreenshot(browser, `integration-${suite.workspace}-crash`);
        return {
          workspace: suite.workspace,
          error: `${died}\n${server.logTail(80)}\n--- browser console ---\n${browser.console.slice(-30).join('\n')}`,
          seconds: seconds(),
        };
      }
      if (!results) {
        // A hung extension host or test: no retry, this is a failure of the code under test.
        await saveScreenshot(browser, `integration-${suite.workspace}-timeout`);
        const tail = server.logTail(80);
        const consoleTail = browser.console.slice(-30).join('\n');
        return {
          workspace: suite.workspace,
          error: `no results within ${options.timeoutMs / 1000} s after the tests started (a hung test or extension host)\n${tail}\n--- browser console ---\n${consoleTail}`,
          seconds: seconds(),
        };
      }
      if (results.stats.failures > 0) await saveScreenshot(browser, `integration-${suite.workspace}-failed`);
      return { workspace: suite.workspace, results: mapResults(results, sourceMapper(testsDir)), seconds: seconds() };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      log(`[${suite.workspace}] attempt ${attempt} failed: ${lastError}`);
      await saveScreenshot(browser, `integration-${suite.workspace}-start-${attempt}`);
      if (server) console.log(server.logTail(30));
    } finally {
      await browser?.close();
      await server?.stop();
    }
  }
  return { workspace: suite.workspace, error: `gave up after ${START_ATTEMPTS} attempts: ${lastError}`, seconds: seconds() };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  assertCodeServerInstalled();
  const selected = suites(options.workspaces);
  if (selected.length === 0) {
    log('no integration tests found under test/integration/suite/<workspace>/');
    return 1;
  }
  const runDir = makeRunDir('integration');
  log(`run folder ${runDir}`);
  let failed = false;
  try {
    if (options.vsix) process.env.DECISION_LENS_VSIX = options.vsix;
    const vsix = extensionVsix();
    const runnerVsix = await packageHelperExtension(RUNNER_DIR, runDir, 'decision-lens-test-runner');
    const extensionsDir = join(runDir, 'extensions');
    installExtensions(extensionsDir, join(runDir, 'install-user-data'), [vsix, runnerVsix]);

    const outcomes: SessionOutcome[] = [];
    for (const suite of selected) {
      const outcome = await runSession(suite, runDir, extensionsDir, options);
      outcomes.push(outcome);
      mkdirSync(RESULTS_DIR, { recursive: true });
      if (outcome.results) {
        writeFileSync(join(RESULTS_DIR, `${suite.workspace}.json`), `${JSON.stringify(outcome.results, null, 2)}\n`);
        writeFileSync(join(RESULTS_DIR, `${suite.workspace}.txt`), `${outcome.results.report}\n`);
        console.log(`\n===== ${suite.workspace} =====`);
        console.log(outcome.results.report);
        if (outcome.results.fatal) console.log(`\nThe runner could not run the tests:\n${outcome.results.fatal}`);
      } else {
        console.log(`\n===== ${suite.workspace}: ERROR =====\n${outcome.error}`);
      }
    }

    console.log('\nIntegration summary');
    let passed = 0;
    let failures = 0;
    let pending = 0;
    for (const o of outcomes) {
      if (o.results) {
        passed += o.results.stats.passes;
        failures += o.results.stats.failures;
        pending += o.results.stats.pending;
        const ok = o.results.stats.failures === 0 && !o.results.fatal;
        if (!ok) failed = true;
        console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${o.workspace}: ${o.results.stats.passes} passed, ${o.results.stats.failures} failed, ${o.results.stats.pending} pending (VS Code ${o.results.vscodeVersion}, ${o.seconds} s)`);
        if (o.results.stats.tests === 0 && !o.results.fatal) {
          failed = true;
          console.log(`       no test ran in ${o.workspace}${options.grep ? ` (grep ${options.grep})` : ''}`);
        }
      } else {
        failed = true;
        failures += 1;
        console.log(`  FAIL ${o.workspace}: ${o.error?.split('\n')[0]} (${o.seconds} s)`);
      }
    }
    console.log(`integration: ${passed} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  } finally {
    if (failed || options.keep) log(`kept ${runDir} for inspection (server logs under <workspace>/attempt-N/)`);
    else rmSync(runDir, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[harness] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exit(1);
  },
);
