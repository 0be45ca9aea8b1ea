import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import picomatch from 'picomatch';
import { NodeWorkspace, toPosix } from '../../src/cli/nodeWorkspace';
import { MAX_GLOB_ALTERNATIVES, compileGlob, compileGlobs, isPortableGlob } from '../../src/core/glob';
import type { GlobStats } from '../../src/core/glob';
import { DecisionIndex } from '../../src/core/index';
import type { Logger } from '../../src/core/ports';

function glob(source: string): (path: string, stats?: GlobStats) => boolean {
  const r = compileGlob(source);
  assert.ok(r.ok, `${source} compiles`);
  return (path, stats) => r.glob.matches(path, stats);
}

describe('glob matcher', () => {
  it('matches the globs teams write in settings and applies-to the way picomatch does', () => {
    const cases: [string, string, boolean][] = [
      ['src/payments/**', 'src/payments/a/b.ts', true],
      ['src/payments/**', 'src/payments', true],
      ['src/payments/**', 'src/paymentsx/a.ts', false],
      ['**/*.ts', 'a.ts', true],
      ['**/*.ts', 'src/deep/a.ts', true],
      ['**/*.ts', 'src/deep/a.tsx', false],
      ['*.md', 'docs/a.md', false],
      ['docs/adr/*.md', 'docs/adr/0001-x.md', true],
      ['docs/adr/*.md', 'docs/adr/sub/0001-x.md', false],
      ['src/{api,web}/**/*.ts', 'src/web/x/y.ts', true],
      ['src/{api,web}/**/*.ts', 'src/cli/y.ts', false],
      ['**/node_modules/**', 'a/node_modules/b/c.js', true],
      ['**/.git/**', '.git/HEAD', true],
      ['*', '.env', true],
      ['a/**/b', 'a/b', true],
      ['a/**/b', 'a/x/y/b', true],
      ['./src/*.ts', 'src/a.ts', true],
      ['!src/**', 'lib/a.ts', true],
      ['!src/**', 'src/a.ts', false],
      ['file[0-9].txt', 'file7.txt', true],
      ['file[!0-9].txt', 'file7.txt', false],
      ['file[[:alpha:]].txt', 'fileQ.txt', true],
      ['v{1..3}/x', 'v2/x', true],
      ['v{1..3}/x', 'v4/x', false],
      ['\\*.md', '*.md', true],
      ['\\*.md', 'a.md', false],
      ['a?c', 'abc', true],
      ['a?c', 'a/c', false],
      ['*', 'a/b', false],
      ['a/*', 'a/', false],
    ];
    // Where picomatch is inconsistent, a trailing `/**` matches zero segments after any segment.
    assert.equal(glob('build*/**')('build-x'), true);
    for (const [g, p, expected] of cases) {
      assert.equal(glob(g)(p), expected, `${g} on ${p}`);
      // picomatch reads `[!0-9]` as a set holding `!`; bash, VS Code and minimatch negate it, as here.
      if (!g.includes('[!')) assert.equal(picomatch(g, { dot: true })(p), expected, `picomatch agrees: ${g} on ${p}`);
    }
  });

  it('agrees with picomatch on generated globs and paths', () => {
    const segChar = fc.constantFrom('a', 'b', '.', '-');
    // Relative paths as the indexer has them: no `.` or `..` segments.
    const pathSeg = fc
      .array(segChar, { minLength: 1, maxLength: 4 })
      .map((cs) => cs.join(''))
      .filter((s) => s !== '.' && s !== '..');
    const path = fc.array(pathSeg, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
    const token = fc.constantFrom('a', 'b', '.', '-', '*', '?', '[ab]', '[^a]', '[a-b]', '{a,b}', '{a,.}');
    const globSeg = fc.oneof(
      { weight: 1, arbitrary: fc.constant('**') },
      { weight: 5, arbitrary: fc.array(token, { minLength: 1, maxLength: 4 }).map((t) => t.join('')) },
    );
    const pattern = fc
      .array(globSeg, { minLength: 1, maxLength: 4 })
      .map((s) => s.join('/'))
      // Left out, picomatch quirks: `**` inside a segment, and a trailing `/**` after a segment
      // with a `*`, which picomatch does not let match zero segments (`*/**` misses `a`, while
      // `a/**` and `?/**` match `a`); here `x/**` always matches `x`.
      .filter((g) => !/[^/]\*\*|\*\*[^/]/.test(g) && !/(?:^|\/)(?!\*\*\/)[^/]*\*[^/]*(?:\/\*\*)+$/.test(g));
    fc.assert(
      fc.property(pattern, fc.array(path, { minLength: 1, maxLength: 8 }), (g, paths) => {
        const mine = glob(g);
        const theirs = picomatch(g, { dot: true });
        for (const p of paths) assert.equal(mine(p), theirs(p), `${g} on ${p}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('decides the shapes settings write most (`**/x/**`, `**/x`, `**/*.md`, `*.md`, `a/b/**`, `a/b`) as the segment matcher does', () => {
    // `{,}` expands to the same glob (twice) and takes it off the string tests, onto the segment matcher.
    const segChar = fc.constantFrom('a', 'b', '.', '-', 'x');
    const name = fc
      .array(segChar, { minLength: 1, maxLength: 3 })
      .map((cs) => cs.join(''))
      .filter((n) => n !== '.' && n !== '..'); // a leading `./` is dropped before either matcher
    // Paths as anything may ask: empty segments, a leading or trailing `/`, the `\u0000` of the walk.
    const pathSeg = fc.oneof({ weight: 6, arbitrary: name }, { weight: 1, arbitrary: fc.constantFrom('', '\u0000', '..') });
    const path = fc.array(pathSeg, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
    const literalPath = fc.array(name, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
    const shape = fc.oneof(
      name.map((n) => [`**/${n}/**`, `**/{,}${n}/**`]),
      name.map((n) => [`**/${n}`, `**/{,}${n}`]),
      name.map((n) => [`**/*${n}`, `**/{,}*${n}`]),
      name.map((n) => [`*${n}`, `{,}*${n}`]),
      literalPath.map((l) => [`${l}/**`, `{,}${l}/**`]),
      literalPath.map((l) => [l, `{,}${l}`]),
    );
    const negate = fc.constantFrom('', '!', './');
    fc.assert(
      fc.property(shape, negate, fc.array(path, { minLength: 1, maxLength: 10 }), ([quick, general], prefix, paths) => {
        const a = glob(prefix + quick);
        const b = glob(prefix + general);
        const both = compileGlobs([prefix + quick, 'zz/**']);
        const reference = compileGlobs([prefix + general, 'zz/**']);
        for (const p of paths) {
          assert.equal(a(p), b(p), `${prefix}${quick} on ${JSON.stringify(p)}`);
          assert.equal(both.matches(p), reference.matches(p), `[${prefix}${quick}, zz/**] on ${JSON.stringify(p)}`);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('answers exponential-looking globs in steps linear in the path', () => {
    const g = glob('*a*a*a*a*a*a*a*a*ab');
    const steps = (n: number): number => {
      const stats = { steps: 0 };
      assert.equal(g('a'.repeat(n), stats), false);
      return stats.steps;
    };
    const s1 = steps(1000);
    const s2 = steps(2000);
    // The classic algorithm: at most (path + 1) x (glob + 1) steps, so doubling the path at most doubles them.
    assert.ok(s1 <= 1001 * 20, `steps for 1,000 characters: ${s1}`);
    assert.ok(s2 <= 2 * s1 + 20, `steps for 2,000 characters: ${s2} (1,000: ${s1})`);
    assert.equal(g('a'.repeat(50) + 'b'), true);

    const deep = glob('**/a/**/a/**/a/**/a/**/a/**/b');
    const stats = { steps: 0 };
    const segs = Array.from({ length: 500 }, () => 'a').join('/');
    assert.equal(deep(segs, stats), false);
    assert.ok(stats.steps <= 501 * 12 * 2, `steps for 500 segments: ${stats.steps}`);
  });

  it('rejects what it cannot match safely, with a reason, and keeps the other globs of a list', () => {
    for (const g of ['', '@(a|b)', 'x/!(y)', 'a'.repeat(2000), '{a,b}'.repeat(9), '{1..100000}', '{'.repeat(20) + 'a' + '}'.repeat(20)]) {
      const r = compileGlob(g);
      assert.equal(r.ok, false, `${g.slice(0, 40)} is rejected`);
      if (!r.ok) assert.ok(r.reason.length > 0);
    }
    assert.equal(compileGlob('{a,b}'.repeat(8)).ok, MAX_GLOB_ALTERNATIVES >= 256);
    const set = compileGlobs(['@(a|b)', 'src/**']);
    assert.deepEqual(
      set.rejected.map((r) => r.source),
      ['@(a|b)'],
    );
    assert.equal(set.matches('src/a.ts'), true);
    assert.equal(set.matches('a'), false);
  });

  it('hands only short globs to VS Code’s own glob engine', () => {
    assert.equal(isPortableGlob('**/node_modules/**'), true);
    assert.equal(isPortableGlob('**/*.min.js'), true);
    assert.equal(isPortableGlob('*a*a*a*a*a*a*a*a*ab'), false);
    assert.equal(isPortableGlob('{a,b}/**'), false);
    assert.equal(isPortableGlob('@(a|b)'), false);
  });

  it('never throws on arbitrary globs and paths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (g, p) => {
        const r = compileGlob(g);
        if (r.ok) assert.equal(typeof r.glob.matches(p), 'boolean');
      }),
      { numRuns: 5000 },
    );
  });

  it('an applies-to glob it cannot match is a warning on the record; the record’s other globs still govern', () => {
    const index = new DecisionIndex({ folders: [{ path: '/w/docs/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w' }] });
    const record = ['---', 'status: accepted', 'applies-to:', '  - "@(api|web)/**"', '  - src/payments/**', '---', '# Use X', ''].join('\n');
    index.upsert('/w/docs/adr/0001-use-x.md', record);
    const d = index.recordsIn('/w/docs/adr/0001-use-x.md')[0];
    const problem = d.problems.find((p) => p.code === 'applies-to-glob-unsupported');
    assert.ok(problem, JSON.stringify(d.problems));
    assert.equal(problem.severity, 'warning');
    assert.match(problem.message, /@\(api\|web\)\/\*\*.*extglobs/);
    assert.deepEqual(index.governing('/w/src/payments/a.ts', '/w').map((g) => g.path), ['/w/docs/adr/0001-use-x.md']);
    assert.deepEqual(index.governing('/w/api/a.ts', '/w'), []);
    // An exponential glob is fine: it is matched in linear time.
    index.upsert('/w/docs/adr/0002-y.md', ['---', 'applies-to: ["*a*a*a*a*a*a*a*a*ab"]', '---', '# Y', ''].join('\n'));
    assert.equal(index.recordsIn('/w/docs/adr/0002-y.md')[0].problems.length, 0);
    assert.deepEqual(index.governing('/w/' + 'a'.repeat(5000), '/w').map((g) => g.path), []);
  });

  it('the command line’s walk honours an exponential exclude glob and ignores, with a warning, one it cannot match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decision-lens-glob-'));
    try {
      mkdirSync(join(dir, 'src'));
      for (const name of ['src/aaaaaaaaaaaaaaaaaaaaaaaaaaaaab', 'src/aaaaaaaaaaaaaaaaaaaaaaaaaaaaac', 'src/x.ts']) writeFileSync(join(dir, name), 'x');
      const warnings: string[] = [];
      const logger: Logger = { trace: () => undefined, info: () => undefined, error: () => undefined, warn: (m) => void warnings.push(m) };
      const root = toPosix(dir);
      const found = await new NodeWorkspace(undefined, logger).findFiles(root, ['**/*'], ['src/*a*a*a*a*a*a*a*a*ab', '@(x)']);
      assert.deepEqual(found.map((f) => f.slice(root.length + 1)).sort(), ['src/aaaaaaaaaaaaaaaaaaaaaaaaaaaaac', 'src/x.ts']);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /"@\(x\)" is ignored: extglobs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
