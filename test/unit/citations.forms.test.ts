/**
 * The citation forms real projects write (annotations in code, record URLs, Markdown code, short
 * prefixes, public series, Sphinx labels) and how the index resolves them: by URL path, moved
 * records, logs, ambiguity; and the checks about them.
 */
import * as assert from 'node:assert/strict';
import { checkIndex } from '../../src/core/checks';
import { findCitations, markdownCode, recordUrl } from '../../src/core/citations';
import type { CitationOptions } from '../../src/core/citations';
import type { DecisionFolder } from '../../src/core/config';
import { DecisionIndex } from '../../src/core/index';
import type { Citation, Problem } from '../../src/core/model';

function find(text: string, options: Partial<CitationOptions> = {}): Citation[] {
  return findCitations(text, { prefixes: ['ADR', 'MADR', 'RFC', 'D'], fileName: 'x.java', ...options });
}

function texts(text: string, options: Partial<CitationOptions> = {}): string[] {
  return find(text, options).map((c) => c.text);
}

const ADR: DecisionFolder = { path: '/w/docs/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w' };
const LOG: DecisionFolder = { path: '/w/docs/DECISIONS.md', prefix: 'D', kind: 'log', source: 'default', root: '/w' };

function nygard(n: number, title: string, status: string, extra: string[] = []): string {
  return [`# ${n}. ${title}`, '', 'Date: 2024-03-01', '', '## Status', '', status, '', ...extra, '', '## Context', '', 'Why.', '', '## Decision', '', 'What.', ''].join('\n');
}

function brief(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.path.replace('/w/', '')}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.code}`);
}

describe('citation forms of real projects', () => {
  describe('annotations count in code, not only in comments', () => {
    it('finds @ADR(38), @ADR("0038"), @Decision(...) and @MADR(value = 1, ...) in Java code', () => {
      const text = [
        'import io.github.adr.embedded.ADR;',
        '@ADR(38)',
        'public class A {',
        '  public void m(@ADR("0038") String x, @Decision("ADR-0005") int y) {}',
        '  @MADR(value = 1, title = "Use Markdown")',
        '  void n() {}',
        '}',
      ].join('\n');
      const found = find(text);
      assert.deepEqual(
        found.map((c) => [c.form, c.text, c.prefix, c.number, c.range.start.line]),
        [
          ['annotation', '@ADR(38)', 'ADR', 38, 1],
          ['annotation', '@ADR("0038")', 'ADR', 38, 3],
          ['annotation', '@Decision("ADR-0005")', 'ADR', 5, 3],
          ['annotation', '@MADR(value = 1', 'MADR', 1, 4],
        ],
      );
    });

    it('an annotation whose name is no known prefix cites by number (@MADR(1) in an ADR-only workspace)', () => {
      const [c] = find('@MADR(value = 1, title = "x") class A {}', { prefixes: ['ADR'] });
      assert.deepEqual([c.prefix, c.number], [undefined, 1]);
    });

    it('ids in code stay no citations without --anywhere, and the import of the annotation is none', () => {
      assert.deepEqual(texts('String s = "ADR-1"; import io.github.adr.embedded.ADR;'), []);
      assert.deepEqual(texts('import io.github.adr.embedded.ADR; // ADR-2', { commentsOnly: false }), ['ADR-2']);
    });
  });

  describe('URLs to records', () => {
    const cases: [string, string, string | undefined][] = [
      ['https://github.com/org/repo/blob/main/doc/adr/0018-x.md', 'doc/adr/0018-x.md', undefined],
      ['https://github.com/org/repo/blob/538e2312a617c65d489d391892c70b2e4d7407b5/docs/rfcs/035-x.md', 'docs/rfcs/035-x.md', undefined],
      ['https://github.com/org/repo/blob/b8abe33/text/0096-remove-stacks-mixins.md?plain=1#L97', 'text/0096-remove-stacks-mixins.md', undefined],
      ['https://github.com/org/repo/blob/main/docs/gaps.md#gap-018', 'docs/gaps.md', 'gap-018'],
      ['https://github.com/org/repo/tree/main/docs/adr/0001-x.md', 'docs/adr/0001-x.md', undefined],
      ['https://raw.githubusercontent.com/org/repo/main/docs/adr/0002-x.md', 'docs/adr/0002-x.md', undefined],
      ['https://gitlab.com/group/sub/repo/-/blob/main/docs/adr/0003-x.md', 'docs/adr/0003-x.md', undefined],
      ['https://bitbucket.org/org/repo/src/main/docs/adr/0004-x.md', 'docs/adr/0004-x.md', undefined],
      ['https://codeberg.org/org/repo/src/branch/main/docs/adr/0005-x.md', 'docs/adr/0005-x.md', undefined],
      ['https://github.com/cometbft/cometbft/blob/master/docs/architecture/adr-006-trust-metric.md', 'docs/architecture/adr-006-trust-metric.md', undefined],
    ];
    for (const [url, path, anchor] of cases) {
      it(`reads ${url}`, () => {
        assert.deepEqual(recordUrl(url), { url, path, ...(anchor !== undefined ? { anchor } : {}) });
        const found = find(`  // see ${url}.`);
        assert.deepEqual(
          found.map((c) => [c.form, c.text, c.path, c.url]),
          [['path', url, path, url]],
        );
      });
    }

    it('issue and pull-request links and web pages are no record URLs', () => {
      for (const url of ['https://github.com/org/repo/pull/735', 'https://github.com/org/repo/issues/5796', 'https://tools.ietf.org/html/rfc3986#section-2.1', 'https://github.com/org/repo/blob/main/README.md']) {
        assert.equal(recordUrl(url), undefined, url);
        assert.deepEqual(texts(`// ${url}`), [], url);
      }
    });

    it('finds record URLs in strings of code, autolinks and link definitions', () => {
      const url = 'https://github.com/buildpacks/rfcs/blob/main/text/0096-remove-stacks-mixins.md';
      assert.deepEqual(texts(`\tlogger.Warn("deprecated, see ${url}")`, { fileName: 'x.go' }), [url]);
      assert.deepEqual(texts(`/// <${url}>`, { fileName: 'x.rs' }), [url]);
      const def = find(`//! [RFC-0002]: ${url}`, { fileName: 'x.rs' });
      assert.deepEqual(
        def.map((c) => [c.form, c.text, c.path]),
        [['link', `[RFC-0002]: ${url}`, 'text/0096-remove-stacks-mixins.md']],
      );
    });

    it('a reference definition to a pull request leaves the id in its label', () => {
      assert.deepEqual(texts('// [RFC 103]: https://github.com/cometbft/cometbft/pull/735', { fileName: 'x.go' }), ['RFC 103']);
    });
  });

  describe('Markdown code is not links', () => {
    it('a link in a code span or a fenced block is not a link; its id still counts', () => {
      const text = 'Write `superseded by [ADR-0005](0005-example.md)` like this.\n\n```\n[x](0006-y.md)\n```\n[ADR-7](0007-z.md)';
      const found = findCitations(text, { prefixes: ['ADR'], fileName: 'guide.md' });
      assert.deepEqual(
        found.map((c) => [c.form, c.text]),
        [
          ['id', 'ADR-0005'],
          ['link', '[ADR-7](0007-z.md)'],
        ],
      );
    });

    it('markdownCode finds spans of equal backtick runs and fences, and no fence in a drawn HTML comment', () => {
      const text = 'a `x` b ``y ` z`` c\n<!--~~~\n  ~~~-->\n~~~\ncode\n~~~\n';
      assert.deepEqual(
        markdownCode(text).map(([s, e]) => text.slice(s, e)),
        ['`x`', '``y ` z``', '~~~\ncode\n~~~'],
      );
    });
  });

  describe('short prefixes and public series', () => {
    it('D12 counts as a whole word, glued or with a dash, and is tentative', () => {
      const found = find('// (D12) and D-3 decided; not D 4, D12.1, D12/x, test_D12, BM_D12, D12-foo, na.D12()');
      assert.deepEqual(
        found.map((c) => [c.text, c.tentative]),
        [
          ['D12', true],
          ['D-3', true],
        ],
      );
    });

    it('RFC ids are tentative (IETF RFC 3986 looks the same); method calls and member names are none', () => {
      const found = find('// RFC 3986, RFC-6962, RFC3849 and na.RFC1918() or o.RFC4380()');
      assert.deepEqual(
        found.map((c) => [c.text, c.tentative]),
        [
          ['RFC 3986', true],
          ['RFC-6962', true],
          ['RFC3849', true],
        ],
      );
      assert.equal(find('// ADR-5')[0].tentative, undefined);
    });

    it('lower-case Sphinx labels count in reStructuredText only', () => {
      const rst = ':ref:`SEED-0101 <seed-0101>` and :ref:`seed-0102`\n   :link: seed-0108\n';
      assert.deepEqual(
        findCitations(rst, { prefixes: ['SEED'], fileName: 'docs.rst' }).map((c) => [c.text, c.prefix, c.number]),
        [
          ['SEED-0101', 'SEED', 101],
          ['seed-0101', 'SEED', 101],
          ['seed-0102', 'SEED', 102],
          ['seed-0108', 'SEED', 108],
        ],
      );
      assert.deepEqual(
        findCitations('`seed-0102` <seed-5>', { prefixes: ['SEED'], fileName: 'x.md' }).map((c) => c.text),
        [],
      );
    });
  });

  describe('sentences', () => {
    it('numbers sentences: one across comment lines that continue, two after a period or a bare line', () => {
      const found = find('// See ADR-12 (which\n// supersedes ADR-7). Then ADR-3\n// ADR-4', { fileName: 'x.ts' });
      assert.deepEqual(
        found.map((c) => [c.text, c.sentence]),
        [
          ['ADR-12', 0],
          ['ADR-7', 0],
          ['ADR-3', 1],
          ['ADR-4', 2],
        ],
      );
    });
  });
});

describe('resolving and checking real-project citations', () => {
  it('a URL resolves by its repository path, from any file; another repository record is external', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert('/w/docs/adr/0018-version.md', nygard(18, 'Version', 'Accepted'));
    index.upsert('/w/src/deep/a/b/C.java', '// https://github.com/org/repo/blob/main/docs/adr/0018-version.md\n// https://github.com/other/x/blob/main/docs/adr/0099-none.md\n');
    const [here, other] = index.citationsIn('/w/src/deep/a/b/C.java');
    assert.equal(here.decision?.display, 'ADR-0018');
    assert.equal(here.moved, undefined);
    assert.equal(other.decision, undefined);
    assert.equal(other.external, true);
    assert.deepEqual(brief(checkIndex(index)), []);
  });

  it('a path or URL to a record that moved resolves by file name and says so', () => {
    const folder: DecisionFolder = { ...ADR, path: '/w/docs/references/architecture/tendermint-core' };
    const index = new DecisionIndex({ folders: [folder] });
    index.upsert('/w/docs/references/architecture/tendermint-core/adr-047-evidence.md', nygard(47, 'Evidence', 'Accepted'));
    index.upsert('/w/light/detector.go', '// See cometbft/docs/architecture/adr-047-evidence.md\n// https://github.com/cometbft/cometbft/blob/main/docs/architecture/adr-047-evidence.md\n');
    const found = index.citationsIn('/w/light/detector.go');
    assert.deepEqual(
      found.map((c) => [c.decision?.path, c.moved]),
      [
        ['/w/docs/references/architecture/tendermint-core/adr-047-evidence.md', true],
        ['/w/docs/references/architecture/tendermint-core/adr-047-evidence.md', true],
      ],
    );
    const problems = checkIndex(index);
    assert.deepEqual(brief(problems), ['light/detector.go:1:8 info record-moved', 'light/detector.go:2:4 info record-moved']);
    assert.match(problems[0].message, /now docs\/references\/architecture\/tendermint-core\/adr-047-evidence\.md/);
  });

  it('a path to a decision log cites the log unless its anchor names an entry; the id after it cites the entry', () => {
    const index = new DecisionIndex({ folders: [ADR, LOG], citationPrefixes: ['ADR', 'D'] });
    index.upsert('/w/docs/DECISIONS.md', '# Decisions\n\n## D1: First\n\nDate: 2024-01-01\nDecision: one.\n\n## D14: Fourteenth\n\nDate: 2024-02-01\nDecision: two.\n');
    const entries = index.recordsIn('/w/docs/DECISIONS.md');
    assert.equal(entries.length, 2);
    index.upsert('/w/src/a.ts', `// see docs/DECISIONS.md D14\n// and docs/DECISIONS.md#${entries[1].display.toLowerCase()}\n`);
    const found = index.citationsIn('/w/src/a.ts');
    assert.deepEqual(
      found.map((c) => [c.text, c.decision?.display, c.log]),
      [
        ['docs/DECISIONS.md', undefined, '/w/docs/DECISIONS.md'],
        ['D14', entries[1].display, undefined],
        [`docs/DECISIONS.md#${entries[1].display.toLowerCase()}`, entries[1].display, undefined],
      ],
    );
    assert.deepEqual(brief(checkIndex(index)), []);
    assert.deepEqual(
      index.citationsOfLog('/w/docs/DECISIONS.md').map((c) => [c.path, c.range.start.line]),
      [['/w/src/a.ts', 0]],
    );
  });

  it('an id two records share is ambiguous: both are named, sorted by path, in check and in the citation', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    // Indexed in reverse order: resolution must not depend on it.
    index.upsert('/w/docs/adr/0028-use-namespaces.md', nygard(28, 'Use namespaces', 'Accepted'));
    index.upsert('/w/docs/adr/0028-semantics.md', nygard(28, 'Semantics', 'Accepted'));
    index.upsert('/w/src/T.java', '@ADR(28)\nclass T {}\n');
    const [c] = index.citationsIn('/w/src/T.java');
    assert.deepEqual(
      c.candidates?.map((d) => d.path),
      ['/w/docs/adr/0028-semantics.md', '/w/docs/adr/0028-use-namespaces.md'],
    );
    assert.equal(c.decision?.path, '/w/docs/adr/0028-semantics.md');
    const problems = checkIndex(index).filter((p) => p.code === 'ambiguous-citation');
    assert.deepEqual(brief(problems), ['src/T.java:1:1 warning ambiguous-citation']);
    assert.match(problems[0].message, /docs\/adr\/0028-semantics\.md.*docs\/adr\/0028-use-namespaces\.md/);
  });

  it('a tentative id that exists is a citation; one that does not is none, and no problem', () => {
    const RFC: DecisionFolder = { path: '/w/docs/rfcs', prefix: 'RFC', kind: 'folder', source: 'default', root: '/w' };
    const index = new DecisionIndex({ folders: [RFC] });
    index.upsert('/w/docs/rfcs/035-membership.md', '# Membership\n\nText.\n');
    index.upsert('/w/src/a.rs', '// RFC-035 and RFC 3986\n');
    assert.deepEqual(
      index.citationsIn('/w/src/a.rs').map((c) => c.text),
      ['RFC-035'],
    );
    assert.deepEqual(brief(checkIndex(index)), []);
  });

  it('no cites-superseded when the same sentence cites the successor', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert('/w/docs/adr/0007-old.md', nygard(7, 'Old', 'Superseded by [12. New](0012-new.md)'));
    index.upsert('/w/docs/adr/0012-new.md', nygard(12, 'New', 'Accepted', ['Supersedes [7. Old](0007-old.md)']));
    index.upsert('/w/src/a.ts', '// See ADR-0012 (which supersedes ADR-0007)\n// We still do ADR-0007.\n');
    assert.deepEqual(brief(checkIndex(index)), ['src/a.ts:2:16 warning cites-superseded']);
  });

  it('a repo-root path in code is no wrong link, and a wrong one gets the shortest working path', () => {
    const index = new DecisionIndex({ folders: [ADR] });
    index.upsert('/w/docs/adr/0042-x.md', nygard(42, 'X', 'Accepted'));
    index.upsert('/w/a/b/c/d/e/f/g/h/i/J.ts', '// [ADR-42](docs/adr/0042-x.md) and [ADR-42](adr/old/0042-x.md)\n');
    const problems = checkIndex(index);
    assert.deepEqual(brief(problems), ['a/b/c/d/e/f/g/h/i/J.ts:1:37 warning link-path']);
    assert.match(problems[0].message, /its file is docs\/adr\/0042-x\.md$/);
  });
});

describe('docs-site pages of records', () => {
  it('a numbered .html page in a decision folder resolves to the record with that number there', () => {
    const SEED: DecisionFolder = { path: '/w/seed', prefix: 'SEED', kind: 'folder', source: 'default', root: '/w' };
    const index = new DecisionIndex({ folders: [SEED] });
    index.upsert('/w/seed/0105.md', '# 0105: Nested tokens\n\nText.\n');
    index.upsert('/w/pw_log/log.h', '// https://pigweed.dev/seed/0105-pw_tokenizer-pw_log-nested-tokens.html\n// https://pigweed.dev/docs/index.html\n');
    const found = index.citationsIn('/w/pw_log/log.h');
    assert.deepEqual(
      found.map((c) => [c.text, c.decision?.path]),
      [['https://pigweed.dev/seed/0105-pw_tokenizer-pw_log-nested-tokens.html', '/w/seed/0105.md']],
    );
  });
});

describe('deterministic resolution', () => {
  it('a relation to an id two records share resolves to the first by path, whatever the indexing order', () => {
    for (const order of [0, 1]) {
      const index = new DecisionIndex({ folders: [ADR] });
      const dupes: [string, string][] = [
        ['/w/docs/adr/0004-b.md', nygard(4, 'B', 'Accepted')],
        ['/w/docs/adr/0004-a.md', nygard(4, 'A', 'Accepted')],
      ];
      for (const [path, text] of order === 0 ? dupes : [...dupes].reverse()) index.upsert(path, text);
      index.upsert('/w/docs/adr/0009-c.md', nygard(9, 'C', 'Accepted', ['Amends ADR-0004']));
      const [c] = index.recordsIn('/w/docs/adr/0009-c.md');
      const targets = index.relationsOf(c).map((r) => r.target?.path);
      assert.deepEqual(targets, ['/w/docs/adr/0004-a.md'], `order ${order}`);
    }
  });
});
