// Bundles: the extension (Node, CJS, 'vscode' external), the CLI (Node, CJS, with a shebang),
// the web extension (web worker, CJS, 'vscode' external) and the New Decision form (browser,
// IIFE). `--production` minifies, `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { webExtensionBuild } from './scripts/lib/webBuild.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The index build's worker threads (src/host/buildWorkers.ts), beside extension.js and cli.js.
    ...common,
    entryPoints: { buildWorker: 'src/host/buildWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];

// The web extension (package.json `browser`): no Node built-in may be reachable from its entry.
if (existsSync('src/web/extension.ts')) builds.push(webExtensionBuild(common));

if (existsSync('src/webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

// The design review panel (browser, IIFE): `dist/review.js` and `dist/review.css`.
if (existsSync('src/webview/review/main.ts')) {
  builds.push({
    ...common,
    entryPoints: { review: 'src/webview/review/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

// The Decision Map (browser, IIFE): the webview panel's script and the static site's
// (`decision-lens export --html` copies dist/map.js and dist/map.css).
if (existsSync('src/webview/map/main.ts')) {
  builds.push({
    ...common,
    entryPoints: { map: 'src/webview/map/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}

// The form's icons: the codicon style sheet and font, next to the webview bundle (the only
// folder the webview may load from).
if (existsSync('src/webview/main.ts')) {
  mkdirSync('dist', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/${file}`);
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

