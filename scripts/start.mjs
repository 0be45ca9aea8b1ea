#!/usr/bin/env node
// `npm start`: builds Decision Lens and opens the example workspace (examples/workspace) with it.
// - With a desktop VS Code (`code` on PATH): `code --extensionDevelopmentPath=<repo> examples/workspace`.
// - Otherwise (or with --web): packages the VSIX, installs it into the cached code-server and serves
//   the workbench on http://127.0.0.1:PORT (PORT from $PORT, else 8080, else a free port) until Ctrl-C.
//
//   npm start                 # desktop VS Code when available, else code-server
//   npm start -- --web        # always code-server
//   npm start -- --web-worker # code-server, with Decision Lens in the browser's web worker
//                             # extension host (dist/web/extension.js), as in vscode.dev
//   PORT=9000 npm start -- --web
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureTestDeps } from './install-test-deps.mjs';
import { cacheDir, CODE_SERVER_VERSION, codeServerEntry } from './lib/testEnv.mjs';
import { packageVsix, REPO_ROOT } from './lib/vsix.mjs';

const log = (message) => console.log(`[start] ${message}`);
const EXAMPLE = join(REPO_ROOT, 'examples', 'workspace');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, options = {}) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message})`);
}

/** The desktop VS Code CLI on PATH, unless it is code-server's own remote CLI. */
function desktopCode() {
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (!found || /code-server|remote-cli/.test(found)) return undefined;
  return found;
}

/** Whether 127.0.0.1:port can be listened on. */
function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port chosen by the OS. */
function anyPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Sets (or removes) `remote.extensionKind: { "decision-lens.decision-lens": ["web"] }` in the
 * session's user settings: code-server runs an extension with `main` and `browser` in its Node
 * extension host unless told to run it in the web worker. Settings that are not plain JSON are
 * left alone, with a message.
 */
function webWorkerSetting(file, on) {
  let settings;
  try {
    settings = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    log(`${file} is not plain JSON; set remote.extensionKind there yourself`);
    return;
  }
  const kinds = { ...(settings['remote.extensionKind'] ?? {}) };
  if (on) kinds['decision-lens.decision-lens'] = ['web'];
  else delete kinds['decision-lens.decision-lens'];
  if (Object.keys(kinds).length > 0) settings['remote.extensionKind'] = kinds;
  else delete settings['remote.extensionKind'];
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  if (on) log('Decision Lens runs in the web worker extension host (remote.extensionKind: web)');
}

async function main() {
  const webWorker = process.argv.includes('--web-worker');
  const web = webWorker || process.argv.includes('--web');
  if (!existsSync(join(REPO_ROOT, 'node_modules'))) run(npm, ['ci', '--no-audit', '--no-fund']);
  run(npm, ['run', '--silent', 'build']);

  const code = web ? undefined : desktopCode();
  if (code) {
    run(code, ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, EXAMPLE]);
    log(`opened ${EXAMPLE} in VS Code with the extension from ${REPO_ROOT}`);
    return;
  }

  await ensureTestDeps();
  const home = join(cacheDir(), 'start');
  const extensionsDir = join(home, 'extensions');
  const userDataDir = join(home, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settings)) {
    writeFileSync(settings, `${JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'typescript.validate.enable': false,
    }, null, 2)}\n`);
  }
  webWorkerSetting(settings, webWorker);
  const configFile = join(home, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const vsix = join(home, 'decision-lens.vsix');
  rmSync(vsix, { force: true });
  packageVsix({ out: vsix, quiet: true });
  run(process.execPath, [codeServerEntry(), '--config', configFile, '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force']);

  const wanted = Number(process.env.PORT ?? 8080);
  const port = (await portFree(wanted)) ? wanted : await anyPort();
  if (port !== wanted) log(`port ${wanted} is taken; using ${port}`);
  const args = [
    codeServerEntry(), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', configFile,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ];
  const server = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (chunk) => process.stdout.write(chunk));
  server.stderr.on('data', (chunk) => process.stderr.write(chunk));
  const stop = (signal) => {
    log(`${signal}: stopping code-server (pid ${server.pid})`);
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
    setTimeout(() => {
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
      process.exit(0);
    }, 3000).unref();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));
  server.on('exit', (code, signal) => {
    log(`code-server exited (${code ?? signal})`);
    process.exit(code ?? 0);
  });

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(EXAMPLE)}`;
  for (let i = 0; i < 200; i++) {
    try {
      // eslint-disable-next-line no-undef
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  log(`code-server ${CODE_SERVER_VERSION} with Decision Lens on the example workspace:`);
  log(`  ${url}`);
  log('Ctrl-C stops it.');
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
