// What `bench/editor.ts` (plain Node) and the bench runner extension (inside the extension host)
// exchange: a config file named by DECISION_LENS_BENCH_CONFIG and a results file, both JSON.

/** Environment variable naming the runner's config file. */
export const BENCH_CONFIG_ENV = 'DECISION_LENS_BENCH_CONFIG';

/** Written by the bench before code-server starts. Paths are absolute. */
export interface EditorBenchConfig {
  /** `first` (no cache yet) or `reopen` (the same workspace again, with the cache). */
  readonly session: string;
  readonly resultsFile: string;
  /** A source file with a citation, 0-based line and character inside it, and the decision's title. */
  readonly hover: { readonly file: string; readonly line: number; readonly character: number; readonly title: string };
  /** A record to edit (first session): its file and the 0-based range of its title. */
  readonly record?: { readonly file: string; readonly line: number; readonly start: number; readonly end: number };
  /** Write a CPU profile of the extension host, from the runner's activation to the index being ready, here. */
  readonly profileFile?: string;
}

/** Written by the runner. Times are milliseconds after Decision Lens's activation. */
export interface EditorBenchResults {
  readonly session: string;
  readonly vscodeVersion: string;
  /** When the runner itself started, after activation (negative: before). */
  readonly runnerStartMs: number;
  /** The first hover was asked at this time (the runner's editor was open), and answered (with the decision) at the next. */
  readonly hoverAskedMs?: number;
  readonly hoverAnsweredMs?: number;
  readonly hoverText?: string;
  readonly recordsMs?: number;
  readonly readyMs?: number;
  readonly buildStats?: unknown;
  /** Extension host CPU seconds (user + system) when the index was ready, since the process started. */
  readonly cpuSeconds: number;
  readonly rssMB: number;
  readonly heapUsedMB: number;
  /** A record title edit until the index (the tree's source) has it, and until CodeLens shows it. */
  readonly editToIndexMs?: number;
  readonly editToCodeLensMs?: number;
  /** The edit (`applyEdit`, a round trip through the workbench) until the extension host's change event. */
  readonly editArrivedMs?: number;
  /** How long the runner waited, the record open, for the machine to settle before the edit. */
  readonly editSettleMs?: number;
  /** Decision Lens's index cache: its file, entries read, bytes written. */
  readonly cache?: unknown;
  readonly error?: string;
}
