import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { findCitations } from '../../src/core/citations';
import { citationPrefilter, prefilterRegExp } from '../../src/core/prefilter';
import { ripgrepFiles } from '../../src/host/ripgrep';
import { findRipgrep } from '../../src/cli/ripgrepScan';

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const PREFIXES = ['ADR', 'MADR', 'DL', 'DEC', 'RFC', 'ADR_X'];

/** Every file of the corpus as text (the corpus is small: records and cited sources). */
function corpusTexts(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && statSync(path).size < 2 * 1024 * 1024) out.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  walk(CORPUS);
  return out;
}

/** Text pieces close to every citation form, so random texts often hold real citations. */
const PIECES = [
  'ADR', 'adr', 'MADR', 'DL', 'DEC', 'ADR_X', 'Adr', '-', ' ', '\u00a0', '§', '0005', '5', '12', '.', '.md', '.markdown', '.MD',
  '#', 'x', 'use-kafka', '@', '(', ')', '"', "'", 'decision', 'Decision', 'DECISION', '[', ']', 'docs/adr/', '0008-x.md', '//',
  '#', '/*', '*/', '\n', '\r\n', '<!--', '-->', '`', 'é', '\u{1F600}',
];

function check(text: string, options: { commentsOnly: boolean; ignoreCase: boolean; fileName?: string }): void {
  const found = findCitations(text, { prefixes: PREFIXES, ...options });
  if (found.length === 0) return;
  const re = prefilterRegExp(citationPrefilter(PREFIXES, options.ignoreCase));
  assert.ok(re.test(text), `prefilter misses a text with ${found.length} citations: ${JSON.stringify(text.slice(0, 200))}`);
  for (const c of found) assert.ok(re.test(c.text), `prefilter misses the citation ${JSON.stringify(c.text)}`);
}

describe('citationPrefilter', () => {
  it('has one part per usable prefix (longest first), their lower-case labels, the annotation names and the record extensions', () => {
    const f = citationPrefilter(['ADR', ' MADR- ', 'bad prefix', '', 'ADR']);
    assert.deepEqual(f.parts, ['MADR', 'ADR', '(?:[<\\x60]|:link: )(?:madr|adr)-[0-9]', '@(?:[Dd]ecision|DECISION|ADR|MADR)\\(', '\\.(?:md|markdown|rst|adoc|html?)']);
    // Case-insensitive prefixes match the labels already.
    assert.ok(!citationPrefilter(['ADR'], true).parts.some((p) => p.includes(':link:')));
    assert.equal(f.source, f.parts.join('|'));
    assert.equal(f.ignoreCase, false);
  });

  it('matches every corpus file and every citation in which findCitations finds one', () => {
    const texts = corpusTexts();
    assert.ok(texts.length > 100, `corpus at ${CORPUS} has ${texts.length} files`);
    let citing = 0;
    for (const { path, text } of texts) {
      for (const commentsOnly of [true, false]) {
        for (const ignoreCase of [false, true]) check(text, { commentsOnly, ignoreCase, fileName: path });
      }
      if (findCitations(text, { prefixes: PREFIXES, fileName: path, commentsOnly: false }).length > 0) citing++;
    }
    assert.ok(citing > 50, `only ${citing} corpus files cite`);
  });

  it('matches every random text in which findCitations finds a citation (property)', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), fc.constantFrom('a.ts', 'a.py', 'a.md', 'a.txt', 'a.sql', 'a.html'), (t, commentsOnly, ignoreCase, fileName) => {
        check(t, { commentsOnly, ignoreCase, fileName });
      }),
      { numRuns: 3000 },
    );
  });

  it('gives ripgrep the same answer: rg lists every file in which findCitations finds a citation', async function () {
    const rg = findRipgrep();
    if (!rg) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'decision-lens-prefilter-'));
    try {
      const samples = fc.sample(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join('')), { numRuns: 1500, seed: 7 });
      const texts = [...corpusTexts().map((t) => t.text), ...samples];
      const expected = new Set<string>();
      texts.forEach((text, i) => {
        const path = join(dir, `f${i}.md`);
        writeFileSync(path, text);
        if (findCitations(text, { prefixes: PREFIXES, fileName: path, commentsOnly: false }).length > 0) expected.add(path);
      });
      assert.ok(expected.size > 300, `${expected.size} citing texts`);
      const listed = new Set((await ripgrepFiles({ rgPath: rg as string, paths: [dir], prefilter: citationPrefilter(PREFIXES), excludedDirs: [], follow: false })).files);
      const missed = [...expected].filter((p) => !listed.has(p));
      assert.deepEqual(missed.map((p) => readFileSync(p, 'utf8').slice(0, 120)), []);
      // And it is a filter: texts without any hint are left out.
      assert.ok(listed.size < texts.length, `rg listed all ${texts.length} files`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
