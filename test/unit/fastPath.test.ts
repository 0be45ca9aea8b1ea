import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
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
});
