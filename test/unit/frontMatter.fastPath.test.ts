// The front matter fast path (`simplePairs` in src/core/parse/frontMatter.ts) against the `yaml`
// package it stands in for: on every front matter of the corpus and the benchmark's records, and
// on generated ones mixing what the fast path reads with what it must leave to `yaml` (quotes,
// comments, nulls, indentation, tabs, `: ` and ` #` in values, odd keys), the entries, ranges,
// problems and validity are the same.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as fc from 'fast-check';
import { SCALES, generateRepo } from '../../bench/generate';
import { readFrontMatter, readFrontMatterWithYaml, simplePairs } from '../../src/core/parse/frontMatter';
import { LineIndex } from '../../src/core/parse/text';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) markdownFiles(p, out);
    else if (/\.(md|markdown|mdx)$/i.test(name)) out.push(p);
  }
  return out;
}

/** Both readings of `text`'s front matter, as plain data. */
function both(text: string): { fast: unknown; yaml: unknown } {
  const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x] : x)));
  const lines = new LineIndex(text);
  return { fast: json(readFrontMatter(lines, 0, 'r.md')), yaml: json(readFrontMatterWithYaml(lines, 0, 'r.md')) };
}

/** The YAML between the fences, when `text` has front matter. */
function yamlOf(text: string): string | undefined {
  const m = /^---[ \t]*\r?\n([\s\S]*?\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  return m?.[1];
}

describe('front matter fast path', function () {
  this.timeout(120_000);

  it('reads every front matter of the corpus and of the benchmark records as yaml does, and most of them itself', () => {
    const work = mkdtempSync(join(tmpdir(), 'decision-lens-fm-'));
    try {
      generateRepo(work, SCALES.small, 1);
      let withFrontMatter = 0;
      let fast = 0;
      for (const file of [...markdownFiles(CORPUS), ...markdownFiles(work)]) {
        const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
        const r = both(text);
        assert.deepEqual(r.fast, r.yaml, file);
        const src = yamlOf(text);
        if (src === undefined) continue;
        withFrontMatter++;
        if (simplePairs(src)) fast++;
      }
      assert.ok(withFrontMatter > 50, `${withFrontMatter} files with front matter`);
      // Not a test that passes by never taking the fast path.
      assert.ok(fast > withFrontMatter / 2, `${fast} of ${withFrontMatter} read by the fast path`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('reads generated front matter as yaml does, whichever of the two reads it', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/()$@&*!%'"`=+~?-]{0,8}$/);
    const anyChar = fc.constantFrom(' ', ':', '#', '[', ']', '{', '}', ',', '\t', '"', "'", '-', '?', '|', '>', '!', '&', '*', '%', '@', '`', '~', '\u2028', '\u00e9', '\u{1F600}', '\u0085', '\ufeff', 'a', '1');
    const messy = fc.array(fc.oneof(word, anyChar), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    const scalar = fc.oneof(
      { weight: 4, arbitrary: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')) },
      { weight: 1, arbitrary: fc.constantFrom('null', 'Null', '~', 'true', 'False', '2024-05-01', '1.5', '0x1F', '-1', '.inf', 'http://x.org/a:b', 'a: b', 'a #b', 'a#b', 'a:', "it's", '"q"', "'q'", 'a, b, c', '(x)', '$v', '/p') },
      { weight: 2, arbitrary: messy },
    );
    const flow = fc.array(fc.oneof(word, messy, fc.constantFrom('', ' ', 'null', 'a b')), { maxLength: 4 }).chain((items) =>
      fc.constantFrom(', ', ',', ' , ', ',\t').map((sep) => `[${items.join(sep)}]`),
    );
    const key = fc.constantFrom('status', 'date', 'decision-makers', 'consulted', 'tags', 'superseded_by', 'id', 'Status', '_k', 'k-', 'Date');
    const oddKey = fc.constantFrom('null', 'True', 'true', 'FALSE', 'a b', '1x', 'é', '"k"', 'x'.repeat(130));
    const plainWords = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    const quoted = fc.tuple(fc.constantFrom('"', "'"), fc.oneof(plainWords, messy, fc.constantFrom('', ' ', ' a ', 'a\\b', "it''s", 'a, b', '#x', '[x]'))).map(([q, v]) => `${q}${v}${q}`);
    const words = fc.oneof({ weight: 3, arbitrary: plainWords }, { weight: 1, arbitrary: quoted });
    const goodFlow = fc.array(words, { maxLength: 4 }).chain((items) => fc.constantFrom(', ', ',', ' , ').map((sep) => `[${items.join(sep)}]`));
    const blockSeq = fc
      .tuple(fc.constantFrom('', ' ', '  ', '    '), fc.array(fc.tuple(words, fc.constantFrom('', ' ')), { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '  '))
      .map(([indent, items, sp]) => items.map(([v, end]) => `\n${indent}-${sp}${v}${end}`).join(''));
    // Lines the fast path may read (it still leaves some to yaml: `null`, `a: b`, `a #b` among the scalars).
    const good = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(key, fc.constantFrom(' ', '  '), fc.oneof({ weight: 4, arbitrary: words }, { weight: 1, arbitrary: goodFlow }), fc.constantFrom('', ' ')).map(([k, sp, v, end]) => `${k}:${sp}${v}${end}`) },
      { weight: 1, arbitrary: fc.tuple(key, fc.constantFrom('', ' '), blockSeq).map(([k, end, items]) => `${k}:${end}${items}`) },
    );
    const bad = fc.oneof(
      fc.tuple(fc.oneof(key, oddKey), fc.constantFrom(' ', '  ', '\t', ''), fc.oneof(scalar, flow), fc.constantFrom('', ' ', '\t', '\r')).map(([k, sp, v, end]) => `${k}:${sp}${v}${end}`),
      fc.constantFrom('', '   ', '# comment', '  - item', '- item', '   - item', '  -', '  - a: b', '  - - a', 'list:', 'key:', '  nested: x', 'k: v # c', '? complex', '- a', '%YAML 1.2', 'a: |', 'a: >-', '  continued', '\tx: y'),
    );
    // Simple lines, and now and then one line of anything.
    const lines = fc.tuple(fc.array(good, { minLength: 1, maxLength: 8 }), fc.option(fc.tuple(bad, fc.nat()), { freq: 2 })).map(([ls, extra]) => {
      if (!extra) return ls;
      const at = extra[1] % (ls.length + 1);
      return [...ls.slice(0, at), extra[0], ...ls.slice(at)];
    });
    let runs = 0;
    let fast = 0;
    fc.assert(
      fc.property(lines, fc.boolean(), (ls, crlf) => {
        const nl = crlf ? '\r\n' : '\n';
        const src = `${ls.map((l) => l.replace(/\n/g, nl)).join(nl)}${nl}`;
        const text = `---${nl}${src}---${nl}# Title${nl}`;
        const r = both(text);
        assert.deepEqual(r.fast, r.yaml);
        runs++;
        if (simplePairs(src)) fast++;
      }),
      { numRuns: 3000, seed: 7 },
    );
    // Both readers are exercised: the fast path on a good share of the inputs, yaml on the rest.
    assert.ok(fast > runs / 10 && fast < runs * 0.9, `${fast} of ${runs} read by the fast path`);
  });
});
