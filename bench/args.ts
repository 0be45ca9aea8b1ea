/** Command-line options of `npm run bench`. */
import { SCALES } from './generate';

/** Parsed options. */
export interface BenchOptions {
  /** `small`, `default` or `large` (see `SCALES`). */
  readonly scale: string;
  readonly seed: number;
  /** Measure an existing repository instead of a generated one. */
  readonly real?: string;
  /** Where to write the JSON results. */
  readonly out: string;
  /** Repetitions of each whole-workspace measurement (the report shows medians). */
  readonly runs: number;
  /** Repetitions of each per-request measurement. */
  readonly requestRuns: number;
  /** Generate into (and reuse) this folder instead of a fresh temporary one. */
  readonly dir?: string;
  /** Keep the generated folder. */
  readonly keep: boolean;
  /** Skip the cold-cache runs (they empty the machine's page cache). */
  readonly cold: boolean;
  /** Skip building the VSIX. */
  readonly vsix: boolean;
  /** Skip the activation measurement (production build and bundle load). */
  readonly activation: boolean;
  /** Run the adversarial-inputs measurement (bench/adversarial.ts); default true. */
  readonly adversarial: boolean;
  /**
   * Run only this measurement: `adversarial` (no workspace is generated), `map` (the workspace,
   * one index build and the Decision Map in Chromium) or `editor` (the workspace, one index build
   * and the code-server sessions with VS Code's ripgrep).
   */
  readonly only?: 'adversarial' | 'map' | 'editor';
  /** Measure in the editor (code-server) too; default on. */
  readonly editor: boolean;
  /** First-index sessions in the editor (each followed by a reopen with the cache). */
  readonly editorRuns: number;
  /** `--profile`: CPU profiles (the CLI's by node --cpu-prof, the extension host's by the runner) in bench/profiles/. */
  readonly profile: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --scale small|default|large  synthetic repository size (default: default = 2,000 records, 20,000 files, ~200 MB)
  --seed N                     generator seed (default 1); same seed and scale = same bytes
  --real DIR                   measure an existing repository instead (e.g. ../shared/corpus)
  --runs N                     repetitions of whole-workspace measurements, medians reported (default 3)
  --request-runs N             repetitions of per-request measurements (default 200)
  --out PATH                   JSON results (default bench/results.json)
  --dir DIR                    generate into DIR and reuse it on the next run with the same seed and scale
  --keep                       keep the generated temporary folder
  --no-cold                    skip cold-cache runs (they drop the machine's page cache)
  --no-vsix                    skip packaging the VSIX
  --no-activation              skip the production build, bundle load and VSIX
  --no-adversarial             skip the adversarial-inputs table (parser, citation finder, glob matcher on 0.1-2 MB)
  --only adversarial           run only the adversarial-inputs table (JSON: bench/results-adversarial.json unless --out)
  --only map                   run only the Decision Map in Chromium (first render, pan/zoom frames) on the tree
                               (JSON: bench/results-map.json unless --out); with --profile, Chromium CPU profiles
                               of the first loads in bench/profiles/map-*.cpuprofile
  --only editor                only the "in the editor" section (code-server sessions) on the tree, with VS Code's
                               ripgrep in the same run (JSON: bench/results-editor.json unless --out)
  --editor / --no-editor       measure in code-server too (default: on; needs node scripts/install-test-deps.mjs)
  --editor-runs N              code-server sessions, each a first index and a reopen with the cache (default 3)
  --profile                    write CPU profiles to bench/profiles/: the bench's own (node --cpu-prof) and the
                               extension host's from activation to ready in each editor session
`;

/**
 * Parses `argv` (without the node and script names).
 * @returns the options; throws an Error with a message for an unknown option or a bad value.
 */
export function parseArgs(argv: readonly string[], repo: string): BenchOptions {
  let scale = 'default';
  let seed = 1;
  let real: string | undefined;
  let out = `${repo}/bench/results.json`;
  let runs = 3;
  let requestRuns = 200;
  let dir: string | undefined;
  let keep = false;
  let cold = true;
  let vsix = true;
  let activation = true;
  let adversarial = true;
  let only: 'adversarial' | 'map' | 'editor' | undefined;
  let outGiven = false;
  let editor = true;
  let editorRuns = 3;
  let help = false;
  let profile = false;
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  const int = (text: string, name: string, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${text}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, name);
      i++;
      return v;
    };
    switch (name) {
      case '--scale':
        scale = take();
        if (!SCALES[scale]) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
        break;
      case '--seed':
        seed = int(take(), '--seed', 0);
        break;
      case '--real':
        real = take();
        break;
      case '--out':
        out = take();
        outGiven = true;
        break;
      case '--runs':
        runs = int(take(), '--runs', 1);
        break;
      case '--request-runs':
        requestRuns = int(take(), '--request-runs', 5);
        break;
      case '--dir':
        dir = take();
        break;
      case '--keep':
        keep = true;
        break;
      case '--no-cold':
        cold = false;
        break;
      case '--no-vsix':
        vsix = false;
        break;
      case '--no-activation':
        activation = false;
        vsix = false;
        break;
      case '--no-adversarial':
        adversarial = false;
        break;
      case '--only': {
        const what = take();
        if (what !== 'adversarial' && what !== 'map' && what !== 'editor') throw new Error(`--only takes adversarial, map or editor, got ${what}`);
        only = what;
        break;
      }
      case '--editor':
        editor = true;
        break;
      case '--no-editor':
        editor = false;
        break;
      case '--editor-runs':
        editorRuns = int(take(), '--editor-runs', 1);
        break;
      case '--profile':
        // The bench's own profile: scripts/bench.mjs starts Node with --cpu-prof.
        profile = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${a}\n\n${USAGE}`);
    }
  }
  if (only !== undefined && !outGiven) out = `${repo}/bench/results-${only}.json`;
  return { scale, seed, real, out, runs, requestRuns, dir, keep, cold, vsix, activation, adversarial, editor, editorRuns, profile, ...(only ? { only } : {}), help };
}
