// The test-runner extension: inside the real extension host, runs mocha over the compiled
// integration tests named in the config file that DECISION_LENS_TEST_CONFIG points at, and writes
// a JSON results file with mocha's own spec report. Without that variable it does nothing.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import * as vscode from 'vscode';
import { CONFIG_ENV } from './protocol';
import type { RunnerConfig, RunnerResults, StartedMarker, TestOutcome } from './protocol';

type MochaModule = typeof Mocha;

function writeJsonAtomically(path: string, value: unknown): void {
  writeFileSync(`${path}.partial`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${path}.partial`, path);
}

/** Runs the tests named by the config; never throws (a failure to load is reported as `fatal`). */
async function runTests(configPath: string): Promise<void> {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as RunnerConfig;
  const header = `VS Code ${vscode.version} (${vscode.env.appName}, extension host pid ${process.pid}), workspace "${config.workspace}"`;
  console.log(`[decision-lens-test-runner] ${header}`);
  const started: StartedMarker = { vscodeVersion: vscode.version, appName: vscode.env.appName, pid: process.pid, time: new Date().toISOString() };
  writeJsonAtomically(config.startedFile, started);

  const lines: string[] = [header, ''];
  const outcomes: TestOutcome[] = [];
  const results = (stats: RunnerResults['stats'], fatal?: string): RunnerResults => ({
    workspace: config.workspace,
    vscodeVersion: vscode.version,
    stats,
    tests: outcomes,
    report: lines.join('\n'),
    ...(fatal ? { fatal } : {}),
  });

  let mochaModule: MochaModule;
  try {
    process.setSourceMapsEnabled?.(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mochaModule = require(config.mocha) as MochaModule;
  } catch (error) {
    writeJsonAtomically(config.resultsFile, results({ tests: 0, passes: 0, failures: 1, pending: 0, durationMs: 0 }, `cannot load mocha from ${config.mocha}: ${String(error)}`));
    return;
  }
  const Base = mochaModule.reporters.Base;
  const originalConsoleLog = Base.consoleLog;
  Base.consoleLog = (...data: unknown[]): void => {
    lines.push(format(...data));
  };

  class CollectingSpecReporter extends mochaModule.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      runner.on('pass', (test) => outcomes.push({ fullTitle: test.fullTitle(), file: test.file, state: 'passed', durationMs: test.duration }));
      runner.on('pending', (test) => outcomes.push({ fullTitle: test.fullTitle(), file: test.file, state: 'pending' }));
      runner.on('fail', (test, error: Error) => outcomes.push({
        fullTitle: test.fullTitle(),
        file: test.file,
        state: 'failed',
        durationMs: test.duration,
        error: { message: String(error?.message ?? error), stack: error?.stack },
      }));
    }
  }

  const started_ms = Date.now();
  try {
    const mocha = new mochaModule({
      ui: 'bdd',
      color: false,
      timeout: config.timeoutMs,
      reporter: CollectingSpecReporter,
      ...(config.grep ? { grep: config.grep } : {}),
    });
    for (const file of config.files) mocha.addFile(file);
    const stats = await new Promise<RunnerResults['stats']>((resolve, reject) => {
      try {
        const runner = mocha.run(() => {
          const s = runner.stats;
          resolve({
            tests: s?.tests ?? outcomes.length,
            passes: s?.passes ?? 0,
            failures: s?.failures ?? outcomes.filter((o) => o.state === 'failed').length,
            pending: s?.pending ?? 0,
            durationMs: s?.duration ?? Date.now() - started_ms,
          });
        });
      } catch (error) {
        reject(error);
      }
    });
    writeJsonAtomically(config.resultsFile, results(stats));
  } catch (error) {
    const message = error instanceof Error ? error.stack ?? error.message : String(error);
    lines.push('', `The tests could not be loaded or run:`, message);
    writeJsonAtomically(config.resultsFile, results({ tests: 0, passes: 0, failures: 1, pending: 0, durationMs: Date.now() - started_ms }, message));
  } finally {
    Base.consoleLog = originalConsoleLog;
  }
}

/** Starts the run when the harness asked for one. */
export function activate(): void {
  const configPath = process.env[CONFIG_ENV];
  if (!configPath) return;
  void runTests(configPath).catch((error: unknown) => {
    console.error('[decision-lens-test-runner] could not run the tests:', error);
  });
}

export function deactivate(): void {
  // Nothing to release: the harness stops the server when the results are written.
}
