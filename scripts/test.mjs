#!/usr/bin/env node
// `npm test`: installs what the tests need, then lint, type-check, unit, build, package (VSIX),
// integration (a real VS Code) and end-to-end (a real browser). Prints each stage with its
// duration and a summary; exits 1 when any stage fails. Node built-ins only until `npm ci` ran.
//
//   npm test                                  # everything, as CI runs it
//   npm test -- --only unit                   # one stage (comma-separate several)
//   npm test -- --only integration            # build, package, then the integration tier
//   npm test -- --only integration --workspace example --grep smoke
//   npm test -- --only e2e --spec test/e2e/workbench.e2e.ts
//   npm test -- --skip e2e                    # everything but some stages
//   npm test -- --list                        # the stage names
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestDeps } from './install-test-deps.mjs';
import { CODE_SERVER_VERSION } from './lib/testEnv.mjs';
import { REPO_ROOT } from './lib/vsix.mjs';

/** Stages in order; `needs` are added automatically when a stage is selected with --only. */
const STAGES = [
  { name: 'deps', about: 'npm ci when node_modules is missing or stale; Debian packages and code-server' },
  { name: 'lint', about: 'eslint' },
  { name: 'typecheck', about: 'tsc --noEmit' },
  { name: 'unit', about: 'mocha, test/unit/**/*.test.ts' },
  { name: 'build', about: 'esbuild bundles in dist/' },
  { name: 'package', about: 'vsce package into a temp folder', needs: ['build'] },
  { name: 'integration', about: 'test/integration/suite/<workspace>/ in code-server', needs: ['build', 'package'] },
  { name: 'e2e', about: 'test/e2e/*.e2e.ts in code-server and Chromium', needs: ['build', 'package'] },
];

/** A stage that runs longer than this is stopped and fails (CI allows 90 minutes for everything). */
const STAGE_TIMEOUT_MS = {
  deps: 30 * 60_000, lint: 10 * 60_000, typecheck: 10 * 60_000, unit: 15 * 60_000, build: 5 * 60_000,
  package: 5 * 60_000, integration: 40 * 60_000, e2e: 30 * 60_000,
};

function usage() {
  console.log('usage: npm test -- [--only a,b] [--skip a,b] [--grep REGEXP] [--workspace NAME]... [--spec FILE]... [--list]');
  for (const stage of STAGES) console.log(`  ${stage.name.padEnd(12)} ${stage.about}`);
}

function parseArgs(argv) {
  const options = { only: undefined, skip: new Set(), grep: undefined, workspaces: [], specs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const names = (text) => {
      const list = text.split(',').map((s) => s.trim()).filter(Boolean);
      for (const name of list) if (!STAGES.some((s) => s.name === name)) throw new Error(`unknown stage "${name}"`);
      return list;
    };
    if (arg === '--only') options.only = new Set([...(options.only ?? []), ...names(value())]);
    else if (arg === '--skip') for (const n of names(value())) options.skip.add(n);
    else if (arg === '--grep') options.grep = value();
    else if (arg === '--workspace') options.workspaces.push(value());
    else if (arg === '--spec') options.specs.push(value());
    else if (arg === '--list' || arg === '--help' || arg === '-h') { usage(); process.exit(0); }
    else throw new Error(`unknown argument ${arg} (npm test -- --help)`);
  }
  return options;
}

/** The stages to run: all, or the selected ones plus what they need; deps always runs first. */
function selectStages(options) {
  let wanted = new Set(STAGES.map((s) => s.name));
  if (options.only) {
    wanted = new Set(['deps', ...options.only]);
    for (const name of options.only) for (const need of STAGES.find((s) => s.name === name).needs ?? []) wanted.add(need);
  }
  for (const name of options.skip) wanted.delete(name);
  return STAGES.filter((s) => wanted.has(s.name));
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Children running now, stopped by process group on Ctrl-C or a stage timeout. */
const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n[test] ${signal}: stopping`);
    for (const child of children) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    }
    setTimeout(() => {
      for (const child of children) {
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      }
      process.exit(130);
    }, 5000).unref();
  });
}

/**
 * Runs a command in its own process group, passing its output through and keeping the last
 * 256 KB of it for counting tests.
 * @returns {Promise<{ code: number; output: string; timedOut: boolean }>}
 */
function runCommand(command, args, { env = {}, timeoutMs }) {
  return new Promise((resolve) => {
    console.log(`[test] $ ${[command, ...args].join(' ')}`);
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.add(child);
    let output = '';
    const keep = (chunk) => {
      output += chunk;
      if (output.length > 512_000) output = output.slice(-256_000);
    };
    child.stdout.on('data', (chunk) => { process.stdout.write(chunk); keep(chunk); });
    child.stderr.on('data', (chunk) => { process.stderr.write(chunk); keep(chunk); });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`[test] stopping ${command} after ${seconds(timeoutMs)}`);
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000).unref();
    }, timeoutMs);
    child.on('error', (error) => { keep(`\n${error.message}\n`); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: code ?? (signal ? 1 : 0), output, timedOut });
    });
  });
}

/** Counts from mocha's spec reporter ("N passing", "N failing", "N pending"). */
function mochaCounts(output) {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const count = (word) => {
    const matches = [...plain.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return matches.length ? Number(matches[matches.length - 1][1]) : 0;
  };
  return { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
}

/** Counts from a closing "label: N passed, N failed[, N skipped]" line. */
function closingLineCounts(output, label) {
  const matches = [...output.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?$`, 'gm'))];
  const last = matches[matches.length - 1];
  return last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3] ?? 0) } : undefined;
}

/**
 * Why node_modules must be (re)installed, or undefined when it matches package-lock.json:
 * every locked package is installed at the locked version (optional platform packages may be absent).
 */
function nodeModulesProblem() {
  const hidden = join(REPO_ROOT, 'node_modules', '.package-lock.json');
  if (!existsSync(join(REPO_ROOT, 'node_modules'))) return 'node_modules is missing';
  if (!existsSync(hidden)) return 'node_modules has no .package-lock.json';
  const locked = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(hidden, 'utf8')).packages ?? {};
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '' || entry.link) continue;
    const have = installed[path];
    if (!have) {
      if (entry.optional) continue;
      return `${path} is not installed`;
    }
    if (have.version !== entry.version) return `${path} is ${have.version}, package-lock.json wants ${entry.version}`;
  }
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
    if (!locked[`node_modules/${name}`]) return `${name} is in package.json but not in package-lock.json`;
  }
  return undefined;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Stage implementations: each returns { ok, counts?, note? }. */
function stageRunners(options, state) {
  const mochaBin = join(REPO_ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const grepArgs = options.grep ? ['--grep', options.grep] : [];
  // mocha's output is piped through here: colours only when it ends up on a terminal.
  const colorArgs = [process.stdout.isTTY ? '--color' : '--no-color'];
  return {
    async deps() {
      const problem = nodeModulesProblem();
      if (problem) {
        console.log(`[test] ${problem}: npm ci`);
        let result = await runCommand(npm, ['ci', '--no-audit', '--no-fund'], { timeoutMs: STAGE_TIMEOUT_MS.deps });
        if (result.code !== 0 && !result.timedOut) {
          console.log('[test] npm ci failed; trying once more in 10 s (a registry hiccup?)');
          await new Promise((resolve) => setTimeout(resolve, 10_000));
          result = await runCommand(npm, ['ci', '--no-audit', '--no-fund'], { timeoutMs: STAGE_TIMEOUT_MS.deps });
        }
        if (result.code !== 0) return { ok: false, note: 'npm ci failed' };
        const still = nodeModulesProblem();
        if (still) return { ok: false, note: `after npm ci: ${still}` };
      } else {
        console.log('[test] node_modules matches package-lock.json');
      }
      const needBrowser = state.selected.some((s) => s.name === 'integration' || s.name === 'e2e');
      if (needBrowser) {
        await ensureTestDeps();
      }
      return { ok: true };
    },
    async lint() {
      const result = await runCommand(npm, ['run', '--silent', 'lint'], { timeoutMs: STAGE_TIMEOUT_MS.lint });
      return { ok: result.code === 0, timedOut: result.timedOut };
    },
    async typecheck() {
      const result = await runCommand(npm, ['run', '--silent', 'typecheck'], { timeoutMs: STAGE_TIMEOUT_MS.typecheck });
      return { ok: result.code === 0, timedOut: result.timedOut };
    },
    async unit() {
      const result = await runCommand(process.execPath, [mochaBin, ...colorArgs, ...grepArgs], { timeoutMs: STAGE_TIMEOUT_MS.unit });
      const counts = mochaCounts(result.output);
      return { ok: result.code === 0 && counts.failed === 0, counts, timedOut: result.timedOut };
    },
    async build() {
      const result = await runCommand(npm, ['run', '--silent', 'build'], { timeoutMs: STAGE_TIMEOUT_MS.build });
      return { ok: result.code === 0, timedOut: result.timedOut };
    },
    async package() {
      state.vsixDir = mkdtempSync(join(tmpdir(), 'decision-lens-vsix-'));
      const out = join(state.vsixDir, 'decision-lens.vsix');
      const script = `import('./scripts/lib/vsix.mjs').then((m) => { const r = m.packageVsix({ out: ${JSON.stringify(out)} }); console.log('[test] VSIX ' + r.path + ' (' + Math.round(r.bytes / 1024) + ' KB)'); })`;
      const result = await runCommand(process.execPath, ['--input-type=module', '-e', script], { timeoutMs: STAGE_TIMEOUT_MS.package });
      if (result.code !== 0 || !existsSync(out)) return { ok: false, timedOut: result.timedOut };
      state.vsix = out;
      return { ok: true, note: out };
    },
    async integration() {
      const args = ['--import', 'tsx', 'test/integration/run.ts', '--vsix', state.vsix, ...grepArgs, ...options.workspaces];
      const result = await runCommand(process.execPath, args, { timeoutMs: STAGE_TIMEOUT_MS.integration });
      const counts = closingLineCounts(result.output, 'integration');
      return { ok: result.code === 0, counts, timedOut: result.timedOut };
    },
    async e2e() {
      // mocha merges the config's spec list with the command line's: with --spec, use a copy of
      // the config without it.
      let configFile = 'test/e2e/.mocharc.json';
      if (options.specs.length > 0) {
        const config = JSON.parse(readFileSync(join(REPO_ROOT, configFile), 'utf8'));
        delete config.spec;
        state.e2eConfigDir = mkdtempSync(join(tmpdir(), 'decision-lens-e2e-config-'));
        configFile = join(state.e2eConfigDir, 'mocharc.json');
        writeFileSync(configFile, JSON.stringify(config));
      }
      const args = [mochaBin, '--config', configFile, ...colorArgs, ...grepArgs, ...options.specs];
      const result = await runCommand(process.execPath, args, { env: { DECISION_LENS_VSIX: state.vsix }, timeoutMs: STAGE_TIMEOUT_MS.e2e });
      const counts = mochaCounts(result.output);
      return { ok: result.code === 0 && counts.failed === 0, counts, timedOut: result.timedOut };
    },
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const selected = selectStages(options);
  const state = { selected, vsix: undefined, vsixDir: undefined, e2eConfigDir: undefined };
  const runners = stageRunners(options, state);
  const npmVersion = spawnSync(npm, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  console.log(`[test] Node ${process.version}, npm ${npmVersion}, code-server ${CODE_SERVER_VERSION}${process.env.CI ? ', CI' : ''}`);
  console.log(`[test] stages: ${selected.map((s) => s.name).join(', ')}`);
  const results = [];
  const started = Date.now();
  const failedNames = new Set();
  try {
    for (const stage of selected) {
      const blockedBy = ['deps', ...(stage.needs ?? [])].find((n) => failedNames.has(n));
      if (blockedBy) {
        console.log(`\n[test] ==== ${stage.name}: skipped (${blockedBy} failed)`);
        results.push({ name: stage.name, status: 'skipped', ms: 0, note: `${blockedBy} failed` });
        failedNames.add(stage.name);
        continue;
      }
      console.log(`\n[test] ==== ${stage.name}: ${stage.about}`);
      const t0 = Date.now();
      let outcome;
      try {
        outcome = await runners[stage.name]();
      } catch (error) {
        console.error(`[test] ${stage.name}: ${error instanceof Error ? error.message : String(error)}`);
        outcome = { ok: false };
      }
      const ms = Date.now() - t0;
      if (outcome.ok && outcome.counts && outcome.counts.passed + outcome.counts.failed === 0 && !options.grep) {
        outcome = { ...outcome, ok: false, note: 'no test ran' };
      }
      if (outcome.timedOut) outcome.note = `stopped after ${seconds(STAGE_TIMEOUT_MS[stage.name])}`;
      const status = outcome.ok ? 'passed' : 'FAILED';
      if (!outcome.ok) failedNames.add(stage.name);
      console.log(`[test] ==== ${stage.name} ${status} in ${seconds(ms)}`);
      results.push({ name: stage.name, status, ms, counts: outcome.counts, note: outcome.note });
    }
  } finally {
    for (const dir of [state.vsixDir, state.e2eConfigDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  }

  console.log('\n[test] Summary');
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    const counts = r.counts ? ` ${r.counts.passed} passed, ${r.counts.failed} failed${r.counts.skipped ? `, ${r.counts.skipped} skipped` : ''}` : '';
    const note = r.note && !r.note.endsWith('.vsix') ? ` (${r.note})` : '';
    console.log(`  ${r.status.padEnd(7)} ${r.name.padEnd(12)} ${seconds(r.ms).padStart(8)}${counts}${note}`);
    if (r.counts) {
      passed += r.counts.passed;
      failed += r.counts.failed;
      skipped += r.counts.skipped;
    }
    // A failed stage without test counts (lint, build, a crashed runner) counts as one failure.
    if (r.status !== 'passed' && (!r.counts || r.counts.failed === 0)) failed += 1;
  }
  const ok = results.every((r) => r.status === 'passed');
  console.log(`  total ${seconds(Date.now() - started)}; ${ok ? 'all stages passed' : `failed: ${[...failedNames].join(', ')}`}`);
  console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => { process.exitCode = code; },
  (error) => {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
