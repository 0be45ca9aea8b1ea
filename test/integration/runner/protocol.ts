// What the integration harness (plain Node) and the test-runner extension (inside the extension
// host) exchange: a config file named by DECISION_LENS_TEST_CONFIG, a "started" marker and a
// results file, all JSON.

/** Environment variable naming the runner's config file. */
export const CONFIG_ENV = 'DECISION_LENS_TEST_CONFIG';

/** Written by the harness before code-server starts. Paths are absolute. */
export interface RunnerConfig {
  /** Fixture workspace name (for the report). */
  workspace: string;
  /** `mocha/lib/mocha.cjs` of the repository's node_modules. */
  mocha: string;
  /** Compiled test files (CommonJS bundles, `vscode` external), run in this order. */
  files: string[];
  /** Written (JSON `StartedMarker`) as soon as the runner activates. */
  startedFile: string;
  /** Written (JSON `RunnerResults`) once mocha has finished or could not load the tests. */
  resultsFile: string;
  /** mocha's per-test timeout in ms. */
  timeoutMs: number;
  /** Only tests whose full title matches this regular expression. */
  grep?: string;
}

/** Proof that the extension host started and activated the runner. */
export interface StartedMarker {
  vscodeVersion: string;
  appName: string;
  pid: number;
  time: string;
}

/** One test's outcome. */
export interface TestOutcome {
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  /** Duration in ms (absent for pending tests). */
  durationMs?: number;
  error?: { message: string; stack?: string };
}

/** The results file. */
export interface RunnerResults {
  workspace: string;
  vscodeVersion: string;
  stats: { tests: number; passes: number; failures: number; pending: number; durationMs: number };
  tests: TestOutcome[];
  /** mocha's spec report as mocha printed it (no colours). */
  report: string;
  /** Set when the tests could not be loaded or mocha could not run at all. */
  fatal?: string;
}
