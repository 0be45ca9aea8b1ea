// `npm run bench`: installs ripgrep when it is missing (Debian, as root), bundles the benchmark
// (bench/main.ts plus the real core) with esbuild, and runs it with --expose-gc so the index's
// memory can be measured after a forced collection. Options: `npm run bench -- --help`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const log = (m) => process.stderr.write(`[bench] ${m}\n`);

function hasRipgrep() {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Installs Debian's `ripgrep` with apt-get (after `apt-get update`) when `rg` is missing. */
function ensureRipgrep() {
  if (hasRipgrep()) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    log('ripgrep (rg) is missing and this is not root: install it with `apt-get install ripgrep`; the ripgrep comparison is skipped');
    return;
  }
  log('installing ripgrep with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'ripgrep'], { stdio: 'inherit', env }) : update;
  if (install.status !== 0 || !hasRipgrep()) log('installing ripgrep failed; the ripgrep comparison is skipped');
}

// `--only adversarial` / `--only map` need no ripgrep.
if (!args.includes('--help') && !args.includes('-h') && !args.includes('--only') && !args.some((a) => a.startsWith('--only='))) ensureRipgrep();

const outDir = join(repo, 'node_modules', '.cache', 'decision-lens-bench');
mkdirSync(outDir, { recursive: true });
const bundle = join(outDir, 'bench.cjs');
await esbuild.build({
  entryPoints: [join(repo, 'bench', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  sourcemap: 'linked',
  external: ['vscode'],
  logLevel: 'warning',
});

// The core-alone measurement keeps every file's text in memory (about 1 GB at --scale large).
const nodeArgs = ['--expose-gc', '--enable-source-maps', '--max-old-space-size=6144'];
if (args.includes('--profile')) {
  const dir = join(repo, 'bench', 'profiles');
  mkdirSync(dir, { recursive: true });
  nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir);
  log(`CPU profile → ${dir}`);
}
const child = spawn(process.execPath, [...nodeArgs, bundle, ...args], {
  cwd: repo,
  stdio: 'inherit',
  env: { ...process.env, DECISION_LENS_REPO: repo },
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.pid) process.kill(child.pid, signal);
  });
}
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
