import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SCALES, generateRepo } from '../../bench/generate';
import { ripgrepScan, findRipgrep } from '../../src/cli/ripgrepScan';
import { scanWorkspace } from '../../src/cli/scan';
import type { ScanResult } from '../../src/cli/scan';
import { checkIndex } from '../../src/core/checks';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

/** What a user sees of an index: decisions, citations with what they resolve to, and problems. */
function summary(r: ScanResult): { decisions: string[]; citations: string[]; problems: string[]; folders: string[] } {
  const pos = (p: { line: number; character: number }): string => `${p.line}:${p.character}`;
  return {
    folders: r.folders.map((f) => `${f.kind} ${f.path} ${f.prefix} ${f.source}`).sort(),
    decisions: r.index.decisions().map((d) => `${d.path} ${pos(d.range.start)} ${d.key} ${d.status.kind} ${d.title} ${d.relations.length} ${d.problems.length}`),
    citations: r.index
      .allCitations()
      .map((c) => `${c.path} ${pos(c.range.start)}-${pos(c.range.end)} ${c.form} ${c.text} -> ${c.decision?.key ?? '?'}`)
      .sort(),
    problems: checkIndex(r.index).map((p) => `${p.path} ${pos(p.range.start)} ${p.severity} ${p.code} ${p.message}`).sort(),
  };
}

describe('candidate-first scan (ripgrep) builds the same index as reading every file', function () {
  this.timeout(120_000);
  const rg = findRipgrep();
  let work = '';
  before(function () {
    if (!rg) this.skip();
    work = mkdtempSync(join(tmpdir(), 'decision-lens-fastpath-'));
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('on a generated benchmark tree (small scale)', async () => {
    const root = join(work, 'bench');
    generateRepo(root, SCALES.small, 3);
    const slow = await scanWorkspace({ root, ripgrep: false });
    const fast = await ripgrepScan({ root }, rg as string);
    const a = summary(slow);
    const b = summary(fast);
    assert.ok(a.decisions.length >= 200 && a.citations.length > 100 && a.problems.length > 0, `${a.decisions.length} decisions, ${a.citations.length} citations, ${a.problems.length} problems`);
    assert.deepEqual(b.folders, a.folders);
    assert.deepEqual(b.decisions, a.decisions);
    assert.deepEqual(b.citations, a.citations);
    assert.deepEqual(b.problems, a.problems);
    assert.equal(fast.filesRead, slow.filesRead, 'files read (by ripgrep or the index)');
    assert.ok(fast.skipped.length <= slow.skipped.length);
  });

  it('on the real corpus, in comment-only and anywhere modes', async () => {
    for (const commentsOnly of [true, false]) {
      const slow = summary(await scanWorkspace({ root: CORPUS, ripgrep: false, commentsOnly }));
      const fast = summary(await ripgrepScan({ root: CORPUS, commentsOnly }, rg as string));
      assert.ok(slow.decisions.length > 100 && slow.citations.length > 50, `${slow.decisions.length} decisions, ${slow.citations.length} citations`);
      assert.deepEqual(fast, slow);
    }
  });

  it('honours decisionLens.exclude globs of every shape the same way (folders, file globs, nested paths)', async () => {
    const root = join(work, 'excludes');
    generateRepo(root, SCALES.small, 5);
    // Citing files in the folders the globs exclude, so a glob applied differently shows.
    const dirs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
    for (const dir of ['vendor', 'pkg/vendor', 'src/generated', 'tmp-out']) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'x.ts'), '// ADR-0001 and ADR-0404\n');
      writeFileSync(join(root, dir, 'y.min.js'), '// ADR-0002\n');
    }
    writeFileSync(join(root, 'a.min.js'), '// ADR-0003\n');
    mkdirSync(join(root, '.vscode'), { recursive: true });
    writeFileSync(
      join(root, '.vscode', 'settings.json'),
      JSON.stringify({ 'decisionLens.exclude': ['vendor', '**/generated/**', '*.min.js', `${dirs[0]}/**`, 'tmp-*'] }),
    );
    const slow = summary(await scanWorkspace({ root, ripgrep: false }));
    const fast = summary(await ripgrepScan({ root }, rg as string));
    assert.ok(!slow.citations.some((c) => c.includes('/vendor/x.ts') && !c.includes('/pkg/')), 'vendor/ is excluded');
    assert.ok(slow.citations.some((c) => c.includes('/pkg/vendor/x.ts')), 'pkg/vendor/ is not (a glob without a slash is relative to the root)');
    assert.deepEqual(fast, slow);
  });
});
