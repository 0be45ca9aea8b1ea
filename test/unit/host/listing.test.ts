import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileGlobs } from '../../../src/core/glob';
import { matchListing } from '../../../src/host/listing';

const BASE = '/w/repo';

/** What `matchListing` must keep: the files below `base` whose relative path one of the globs matches. */
function reference(files: readonly string[], base: string, include: readonly string[]): string[] {
  const globs = compileGlobs(include);
  return files.filter((p) => p.startsWith(`${base}/`) && p.length > base.length + 1 && globs.matches(p.slice(base.length + 1)));
}

// Names and globs over a small alphabet, so that matches are frequent: dot files, `*`, `?`, classes.
const letter = fc.constantFrom('a', 'b', 'd', '.', '-', '_', 'm');
const name = fc.array(letter, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
const path = fc.array(name, { minLength: 1, maxLength: 5 }).map((segments) => `${BASE}/${segments.join('/')}`);
const outside = fc.array(name, { minLength: 1, maxLength: 3 }).map((segments) => `/w/other/${segments.join('/')}`);
const nameGlob = fc.array(fc.oneof(letter, fc.constantFrom('*', '?', '[ab]', '[!a]', '*.md')), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

describe('matchListing', () => {
  it('keeps what the globs match, with `**/<name>` globs decided by the file name alone', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(path, outside), { maxLength: 40 }), fc.array(nameGlob, { minLength: 1, maxLength: 4 }), (files, names) => {
        const include = names.map((n) => `**/${n}`);
        assert.deepEqual(matchListing(files, BASE, include), reference(files, BASE, include));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps what the globs match when some glob has folders in it', () => {
    const folderGlob = fc.tuple(name, nameGlob, fc.nat(4)).map(([dir, n, shape]) => [`${dir}/${n}`, `${dir}/**/${n}`, `**/${dir}/${n}`, `${dir}/*`, `**/${dir}/**`][shape]);
    fc.assert(
      fc.property(fc.array(path, { maxLength: 40 }), fc.array(fc.oneof(nameGlob.map((n) => `**/${n}`), folderGlob), { minLength: 1, maxLength: 4 }), (files, include) => {
        assert.deepEqual(matchListing(files, BASE, include), reference(files, BASE, include));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds what discovery asks for in a listing: configuration files, records, dot folders, nothing outside the base', () => {
    const files = [
      `${BASE}/.adr-dir`,
      `${BASE}/doc/adr/0001-record-architecture-decisions.md`,
      `${BASE}/.github/decisions/0002-x.md`,
      `${BASE}/docs/.log4brains.yml`,
      `${BASE}/src/app.ts`,
      `${BASE}/README.markdown`,
      `${BASE}/seed/0128.rst`,
      `/w/repo-other/docs/adr/0001-x.md`,
      `/w/other/DECISIONS.md`,
    ];
    const include = ['**/.adr-dir', '**/.log4brains.yml', '**/adr.config.json', '**/*.md', '**/*.markdown', '**/*.rst'];
    assert.deepEqual(matchListing(files, BASE, include), [
      `${BASE}/.adr-dir`,
      `${BASE}/doc/adr/0001-record-architecture-decisions.md`,
      `${BASE}/.github/decisions/0002-x.md`,
      `${BASE}/docs/.log4brains.yml`,
      `${BASE}/README.markdown`,
      `${BASE}/seed/0128.rst`,
    ]);
  });
});
