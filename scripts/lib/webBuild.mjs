// The web extension's bundle options (package.json `browser`), shared by esbuild.config.mjs and
// the unit test that builds it in memory (test/unit/webBundle.test.ts).
import { builtinModules } from 'node:module';

/**
 * The web worker bundle `dist/web/extension.js`: platform browser, format cjs, `vscode` external,
 * and the {@link noNodeBuiltins} check. Exported for the unit test that builds it in memory.
 * @param {import('esbuild').BuildOptions} base options shared with the other bundles
 * @returns {import('esbuild').BuildOptions}
 */
export function webExtensionBuild(base) {
  return {
    ...base,
    entryPoints: { extension: 'src/web/extension.ts' },
    outdir: 'dist/web',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    plugins: [noNodeBuiltins()],
  };
}

/**
 * An esbuild plugin that fails the build when a Node built-in (`node:fs`, `fs`, `path`, ...) is
 * imported anywhere reachable from the entry, naming the importing file, so a Node-only module
 * (src/host/nodeFs.ts, src/host/ripgrep.ts) never slips into the web extension.
 * @returns {import('esbuild').Plugin}
 */
export function noNodeBuiltins() {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || !(builtins.has(args.path) || args.path.startsWith('node:'))) return undefined;
        return { errors: [{ text: `the web extension must not use the Node built-in "${args.path}" (imported by ${args.importer}); keep Node-only code behind src/extension.ts` }] };
      });
    },
  };
}
