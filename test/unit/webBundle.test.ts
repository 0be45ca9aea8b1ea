// The web extension bundle (package.json `browser`): built as esbuild.config.mjs builds it, in
// memory, it must contain every feature and none of the Node-only modules, and the build must fail
// when a Node built-in becomes reachable from the web entry.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import type { BuildFailure, Metafile } from 'esbuild';
import { webExtensionBuild } from '../../scripts/lib/webBuild.mjs';

const REPO = resolve(__dirname, '../..');

describe('web extension bundle', function () {
  let inputs: string[] = [];
  let outputs: string[] = [];

  before(async function () {
    const result = await build({ ...webExtensionBuild({ bundle: true, logLevel: 'silent' }), absWorkingDir: REPO, write: false, metafile: true });
    assert.deepEqual(result.errors, []);
    const meta = result.metafile as Metafile;
    inputs = Object.keys(meta.inputs).map((p) => relative(REPO, resolve(REPO, p)));
    outputs = Object.keys(meta.outputs).map((p) => relative(REPO, resolve(REPO, p)));
  });

  it('is the file package.json names as `browser`, next to the Node `main`', function () {
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main?: string; browser?: string };
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(outputs.includes('dist/web/extension.js'), `outputs: ${outputs.join(', ')}`);
    const ignore = readFileSync(join(REPO, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/web/extension.js'), '.vscodeignore ships the web bundle');
  });

  it('composes every feature that needs no Node, and the indexer', function () {
    for (const file of [
      'src/features/tree/register.ts', 'src/features/codelens/register.ts', 'src/features/hover/register.ts',
      'src/features/navigation/register.ts', 'src/features/diagnostics/register.ts', 'src/features/completion/register.ts',
      'src/features/newDecision/register.ts', 'src/features/commands/openDecision.ts', 'src/features/commands/showCitations.ts',
      'src/host/indexer.ts', 'src/host/workspaceReader.ts', 'src/host/findOrWalk.ts',
    ]) {
      assert.ok(inputs.includes(file), `${file} is in the web bundle`);
    }
  });

  it('leaves out the Node-only parts: Node fs, ripgrep and the CLI', function () {
    for (const file of ['src/host/nodeFs.ts', 'src/host/ripgrep.ts', 'src/extension.ts']) {
      assert.ok(!inputs.includes(file), `${file} must not be in the web bundle`);
    }
    assert.deepEqual(inputs.filter((p) => p.startsWith('src/cli/')), []);
  });

  it('fails the build, naming the importer, when a Node built-in becomes reachable', async function () {
    // An entry that composes the Node file reader, as src/extension.ts does.
    const entry = "import { createNodeFiles } from './host/nodeFs';\nexport const files = createNodeFiles();\n";
    const options = webExtensionBuild({ bundle: true, logLevel: 'silent' });
    delete options.entryPoints;
    await assert.rejects(
      build({ ...options, absWorkingDir: REPO, write: false, stdin: { contents: entry, resolveDir: join(REPO, 'src'), sourcefile: 'entry.ts', loader: 'ts' } }),
      (error: BuildFailure) => {
        const texts = error.errors.map((e) => e.text);
        assert.ok(texts.some((t) => t.includes('"node:fs"') && t.includes('nodeFs.ts')), texts.join('\n'));
        assert.ok(texts.some((t) => t.includes('"node:child_process"') && t.includes('ripgrep.ts')), texts.join('\n'));
        return true;
      },
    );
  });
});
