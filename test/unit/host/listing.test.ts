import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileGlobs } from '../../../src/core/glob';
import { filterListing, matchListing } from '../../../src/host/listing';

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

/**
 * What `filterListing` must keep, as the command line's walk and the editor's exclude matcher
 * decide: a file is out when a glob matches it, one of its folders, or everything in one of its
 * folders (`<folder>/\u0000`).
 */
function filterReference(files: readonly string[], root: string, exclude: readonly string[]): string[] {
  const globs = compileGlobs(exclude);
  return files.filter((p) => {
    if (!p.startsWith(`${root}/`) || p.length <= root.length + 1) return false;
    const segments = p.slice(root.length + 1).split('/');
    for (let k = 1; k < segments.length; k++) {
      const dir = segments.slice(0, k).join('/');
      if (globs.matches(dir) || globs.matches(`${dir}/\u0000`)) return false;
    }
    return !globs.matches(segments.join('/'));
  });
}

describe('filterListing', () => {
  // `files.exclude` and `search.exclude` write `**/<name>` and `**/<name>/**` (tested by name),
  // teams add folder globs; `**/?` and `**/*` match any name, the `<folder>/\u0000` too.
  const segment = fc.oneof(name, nameGlob, fc.constantFrom('*', '?', '[!a]', '*.md', '.git', 'a.b', '{a,b}', '!a', '\\a'));
  const excludeGlob = fc.oneof(
    segment.map((s) => `**/${s}`),
    segment.map((s) => `**/${s}/**`),
    fc.tuple(name, segment).map(([d, s]) => `${d}/${s}`),
    fc.tuple(name, segment).map(([d, s]) => `**/${d}/${s}/**`),
    segment,
  );

  it('keeps what the walk keeps, whatever the excludes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(path, outside), { maxLength: 40 }), fc.array(excludeGlob, { maxLength: 5 }), (files, exclude) => {
        assert.deepEqual(filterListing(files, BASE, exclude, []), filterReference(files, BASE, exclude));
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves out the folders and files named by the editor\'s default excludes', () => {
    const files = [`${BASE}/src/a.ts`, `${BASE}/.git/config`, `${BASE}/web/node_modules/x/index.js`, `${BASE}/x.code-search`, `${BASE}/doc/.DS_Store`, `${BASE}/bower_components`, `/w/other/a.ts`];
    const exclude = ['**/.git', '**/.DS_Store', '**/node_modules', '**/bower_components', '**/*.code-search'];
    assert.deepEqual(filterListing(files, BASE, exclude, []), [`${BASE}/src/a.ts`]);
    assert.deepEqual(filterListing(files, BASE, exclude, []), filterReference(files, BASE, exclude));
  });
});
