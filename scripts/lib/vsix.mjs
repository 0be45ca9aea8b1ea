// Packages an extension folder into a VSIX with @vscode/vsce, never prompting (no stdin in CI).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs `vsce package --no-dependencies` in `folder` and writes the VSIX to `out`.
 * The folder's `.vscodeignore` decides what ships. Relative README links and images are
 * rewritten to the manifest's `repository` as for the Marketplace; a folder without a
 * `repository` (a test fixture extension) is packaged with `--allow-missing-repository
 * --no-rewrite-relative-links`.
 * @param {{ folder?: string; out: string; skipLicense?: boolean; quiet?: boolean }} options
 *   `folder` defaults to the repository root; `skipLicense` for folders without a LICENSE file.
 * @returns {{ path: string; bytes: number }} the VSIX written
 * @throws Error with vsce's output when packaging fails
 */
export function packageVsix({ folder = REPO_ROOT, out, skipLicense = false, quiet = false }) {
  const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(vsce)) throw new Error(`${vsce} is missing: run npm ci first`);
  const args = [vsce, 'package', '--no-dependencies', '-o', out];
  if (!hasRepository(folder)) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
  if (skipLicense) args.push('--skip-license');
  const result = spawnSync(process.execPath, args, {
    cwd: folder,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true', VSCE_TELEMETRY: 'false' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !existsSync(out)) {
    throw new Error(`vsce package failed in ${folder} (exit ${result.status ?? result.signal}):\n${output}`);
  }
  if (!quiet) process.stdout.write(output);
  return { path: out, bytes: statSync(out).size };
}

/** @returns {boolean} true when `folder/package.json` has a `repository` field */
function hasRepository(folder) {
  try {
    return Boolean(JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).repository);
  } catch {
    return false;
  }
}
