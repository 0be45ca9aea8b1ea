import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findCitations, isDecisionLikePath } from '../../src/core/citations';
import type { CitationOptions } from '../../src/core/citations';
import type { Citation } from '../../src/core/model';

const PREFIXES = ['ADR', 'MADR', 'DL', 'DEC'];

function find(text: string, options: Partial<CitationOptions> = {}): Citation[] {
  return findCitations(text, { prefixes: PREFIXES, commentsOnly: false, ...options });
}

/** The text each citation's range covers, taken from the source text itself. */
function covered(text: string, c: Citation): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (c.range.start.line === c.range.end.line) return lines[c.range.start.line].slice(c.range.start.character, c.range.end.character);
  const parts = [lines[c.range.start.line].slice(c.range.start.character)];
  for (let l = c.range.start.line + 1; l < c.range.end.line; l++) parts.push(lines[l]);
  parts.push(lines[c.range.end.line].slice(0, c.range.end.character));
  return parts.join('\n');
}

function texts(text: string, options: Partial<CitationOptions> = {}): string[] {
  return find(text, options).map((c) => c.text);
}

describe('findCitations', () => {
  describe('id forms', () => {
    const cases: [string, string, Partial<Citation>][] = [
      ['see ADR-0005 here', 'ADR-0005', { form: 'id', prefix: 'ADR', number: 5 }],
      ['see ADR-5.', 'ADR-5', { form: 'id', prefix: 'ADR', number: 5 }],
      ['see ADR 5, and', 'ADR 5', { form: 'id', prefix: 'ADR', number: 5 }],
      ['see ADR 0007)', 'ADR 0007', { form: 'id', prefix: 'ADR', number: 7 }],
      ['according ADR0015.', 'ADR0015', { form: 'id', prefix: 'ADR', number: 15 }],
      ['MADR-101 says', 'MADR-101', { form: 'id', prefix: 'MADR', number: 101 }],
      ['per MADR 009-tracing-policy.', 'MADR 009-tracing-policy', { form: 'id', prefix: 'MADR', number: 9, slug: 'tracing-policy' }],
      ['ADR-022 §3b applies', 'ADR-022 §3b', { form: 'id', prefix: 'ADR', number: 22, section: '3b' }],
      ['ADR-022§4.1', 'ADR-022§4.1', { form: 'id', prefix: 'ADR', number: 22, section: '4.1' }],
      ['DL-1: partner', 'DL-1', { form: 'id', prefix: 'DL', number: 1 }],
      ['DEC-0042', 'DEC-0042', { form: 'id', prefix: 'DEC', number: 42 }],
      ['ADR-20201016-use-markdown', 'ADR-20201016-use-markdown', { form: 'id', prefix: 'ADR', slug: '20201016-use-markdown' }],
    ];
    for (const [text, cited, fields] of cases) {
      it(`finds ${cited} in "${text}"`, () => {
        const found = find(text);
        assert.equal(found.length, 1, JSON.stringify(found));
        const c = found[0];
        assert.equal(c.text, cited);
        assert.equal(covered(text, c), cited);
        for (const [k, v] of Object.entries(fields)) assert.deepEqual((c as unknown as Record<string, unknown>)[k], v, k);
        if (fields.number === undefined) assert.equal(c.number, undefined);
      });
    }

    it('drops zero padding: ADR-0005, ADR-005 and ADR-5 cite the same number', () => {
      assert.deepEqual(
        find('ADR-0005 ADR-005 ADR-5 ADR 05').map((c) => c.number),
        [5, 5, 5, 5],
      );
    });

    it('reports exact ranges on later lines and after CRLF line ends', () => {
      const text = 'line one\r\n  // see ADR-12 and\r\n\tMADR-3';
      const found = find(text);
      assert.deepEqual(
        found.map((c) => [c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character]),
        [
          [1, 9, 1, 15],
          [2, 1, 2, 7],
        ],
      );
      for (const c of found) assert.equal(covered(text, c), c.text);
    });

    it('counts columns in UTF-16 code units after astral characters', () => {
      const text = '// 🚀 ADR-7';
      const [c] = find(text);
      assert.equal(c.range.start.character, '// 🚀 '.length);
      assert.equal(covered(text, c), 'ADR-7');
    });
  });

  describe('no false positives', () => {
    const none: [string, string][] = [
      ['MADR-5 when only ADR is a prefix', 'MADR-5'],
      ['a prefix glued to a word', 'XADR-5 ADR-5x ADR_5 fooADR-5'],
      ['identifiers with dashes', 'superseded-by-ADR-0006 and x-ADR-5'],
      ['version numbers', 'Chosen option: "MADR 2.1.2 with patch" and MADR 4.0.0'],
      ['lower case prefixes in prose', 'the adr-5 css class and adr-tools'],
      ['a prefix without a number', 'ADR- ADR stands for ADR-x'],
      ['a number too long to be an id', 'ADR-12345678901'],
    ];
    for (const [what, text] of none) {
      it(`ignores ${what}`, () => {
        const found = find(text, { prefixes: what.startsWith('MADR-5') ? ['ADR'] : PREFIXES });
        assert.deepEqual(
          found.map((c) => c.text),
          [],
        );
      });
    }

    it('still finds MADR-5 when MADR is a prefix, and only as MADR', () => {
      const found = find('MADR-5', { prefixes: ['ADR', 'MADR'] });
      assert.deepEqual(
        found.map((c) => [c.prefix, c.number]),
        [['MADR', 5]],
      );
    });

    it('accepts lower-case prefixes with ignoreCase', () => {
      const found = find('see adr-5 and Adr 6', { ignoreCase: true });
      assert.deepEqual(
        found.map((c) => [c.text, c.prefix, c.number]),
        [
          ['adr-5', 'ADR', 5],
          ['Adr 6', 'ADR', 6],
        ],
      );
    });

    it('finds nothing without prefixes or text', () => {
      assert.deepEqual(findCitations('ADR-5', { prefixes: [] }), []);
      assert.deepEqual(findCitations('', { prefixes: PREFIXES }), []);
      assert.deepEqual(findCitations('ADR-5', { prefixes: ['not a prefix!', '-'] }), []);
    });
  });

  describe('annotations', () => {
    it('reads @ADR(5) with the annotation name as prefix', () => {
      const [c] = find('@ADR(5)\nclass X {}');
      assert.equal(c.form, 'annotation');
      assert.equal(c.text, '@ADR(5)');
      assert.equal(c.prefix, 'ADR');
      assert.equal(c.number, 5);
    });

    it('reads @decision(DL-1) with the prefix of the id inside', () => {
      const [c] = find('  @decision(DL-1)');
      assert.deepEqual([c.form, c.text, c.prefix, c.number, c.range.start.character], ['annotation', '@decision(DL-1)', 'DL', 1, 2]);
    });

    it('reads @Decision("ADR-0005") and a bare @decision(7) without prefix', () => {
      const found = find('@Decision("ADR-0005") @decision(7)');
      assert.deepEqual(
        found.map((c) => [c.text, c.prefix, c.number]),
        [
          ['@Decision("ADR-0005")', 'ADR', 5],
          ['@decision(7)', undefined, 7],
        ],
      );
    });

    it('does not take e-adr style two-argument annotations for a citation', () => {
      assert.deepEqual(texts('`@ADR("category", number)`'), []);
    });
  });

  describe('paths and links', () => {
    it('finds a path to a record, with and without #anchor', () => {
      const text = '// docs/adr/0008-global-trusted-request-service.md and docs/adr/0009-x.md#consequences.';
      const found = find(text, { commentsOnly: true, languageId: 'typescript' });
      assert.deepEqual(
        found.map((c) => [c.form, c.text, c.path, c.anchor]),
        [
          ['path', 'docs/adr/0008-global-trusted-request-service.md', 'docs/adr/0008-global-trusted-request-service.md', undefined],
          ['path', 'docs/adr/0009-x.md#consequences', 'docs/adr/0009-x.md', 'consequences'],
        ],
      );
      for (const c of found) assert.equal(covered(text, c), c.text);
    });

    it('finds a path or link to a .markdown record when nothing else in the file looks like a citation', () => {
      assert.deepEqual(texts('// see docs/adr/0005-use-x.markdown', { commentsOnly: true, languageId: 'typescript' }), ['docs/adr/0005-use-x.markdown']);
      assert.deepEqual(texts('Read [the record](docs/adr/0005-use-x.markdown#decision).'), ['[the record](docs/adr/0005-use-x.markdown#decision)']);
    });

    it('ignores paths and URLs to other Markdown files', () => {
      assert.deepEqual(texts('see README.md, docs/guide.md, CHANGELOG.md and https://x.org/docs/guide.md'), []);
    });

    it('finds relative and log paths', () => {
      assert.deepEqual(texts('../adr/0002-use-x.md ./0003-y.md DECISIONS.md decisions/use-kafka.md'), [
        '../adr/0002-use-x.md',
        './0003-y.md',
        'DECISIONS.md',
        'decisions/use-kafka.md',
      ]);
    });

    it('finds Markdown links to records as one citation over the whole link', () => {
      const text = 'See [ADR-0008](0008-add-status-field.md) and [the log](../DECISIONS.md#dl-2 "log").';
      const found = find(text);
      assert.deepEqual(
        found.map((c) => [c.form, c.text, c.path, c.anchor]),
        [
          ['link', '[ADR-0008](0008-add-status-field.md)', '0008-add-status-field.md', undefined],
          ['link', '[the log](../DECISIONS.md#dl-2 "log")', '../DECISIONS.md', 'dl-2'],
        ],
      );
    });

    it('takes a link to a record URL for one citation, with the repository path', () => {
      const found = find('[ADR-0012](https://github.com/home-assistant/architecture/blob/master/adr/0012-x.md)');
      assert.deepEqual(
        found.map((c) => [c.form, c.text, c.path, c.url]),
        [['link', '[ADR-0012](https://github.com/home-assistant/architecture/blob/master/adr/0012-x.md)', 'adr/0012-x.md', 'https://github.com/home-assistant/architecture/blob/master/adr/0012-x.md']],
      );
    });

    it('does not take links to web pages for citations, but finds ids in their text', () => {
      const found = find('[ADR-0012](https://github.com/home-assistant/architecture/pull/12)');
      assert.deepEqual(
        found.map((c) => [c.form, c.text]),
        [['id', 'ADR-0012']],
      );
    });

    it('decodes percent-encoded link targets and angle-bracket targets', () => {
      const found = find('[x](<docs/adr/0001 use x.md>) [y](docs/adr/0002%20use%20y.md)');
      assert.deepEqual(
        found.map((c) => c.path),
        ['docs/adr/0001 use x.md', 'docs/adr/0002 use y.md'],
      );
    });

    it('isDecisionLikePath tells record paths from other files', () => {
      assert.equal(isDecisionLikePath('0005-x.md'), true);
      assert.equal(isDecisionLikePath('doc/adr/whatever.md'), true);
      assert.equal(isDecisionLikePath('docs/adr/README.md'), false);
      assert.equal(isDecisionLikePath('docs/adr/template.md'), false);
      assert.equal(isDecisionLikePath('docs/guide.md'), false);
    });
  });

  describe('comment awareness', () => {
    const cases: [string, string, string, string[]][] = [
      ['typescript', 'x.ts', 'const a = "ADR-1"; // ADR-2\n/* ADR-3\n ADR-4 */ f(`ADR-5 // ADR-6`);', ['ADR-2', 'ADR-3', 'ADR-4']],
      ['python', 'x.py', 's = "ADR-1 # no"  # ADR-2\ndef f():\n    """Docstring ADR-3."""\n    x = \'ADR-4\'', ['ADR-2', 'ADR-3']],
      ['shellscript', 'x.sh', 'echo "ADR-1" # ADR-2\necho ${#ADR-3}\n# ADR-4', ['ADR-2', 'ADR-4']],
      ['sql', 'x.sql', "SELECT 'ADR-1' -- ADR-2\n/* ADR-3 */", ['ADR-2', 'ADR-3']],
      ['lua', 'x.lua', 'x = "ADR-1" -- ADR-2\n--[[ ADR-3\nADR-4 ]]', ['ADR-2', 'ADR-3', 'ADR-4']],
      ['html', 'x.html', '<p>ADR-1</p><!-- ADR-2 -->', ['ADR-2']],
      ['css', 'x.css', '.adr { content: "ADR-1"; } /* ADR-2 */', ['ADR-2']],
      ['latex', 'x.tex', 'Text ADR-1 \\% ADR-3\n% ADR-2', ['ADR-2']],
      ['erlang', 'x.erl', '-module(x). % ADR-2\nf() -> "ADR-1".', ['ADR-2']],
      ['clojure', 'x.clj', '(def x "ADR-1") ; ADR-2', ['ADR-2']],
      ['haskell', 'x.hs', 'x = "ADR-1" -- ADR-2\n{- ADR-3 -}', ['ADR-2', 'ADR-3']],
      ['ruby', 'x.rb', 'x = "ADR-1" # ADR-2\n=begin\nADR-3\n=end', ['ADR-2', 'ADR-3']],
      ['go', 'x.go', 's := `ADR-1 // no`\n// ADR-2', ['ADR-2']],
      ['rust', 'x.rs', "fn f<'a>(x: &'a str) {} // ADR-2\nlet s = \"ADR-1\";", ['ADR-2']],
      ['yaml', 'x.yml', 'key: ADR-1 # ADR-2', ['ADR-2']],
      ['csharp', 'x.cs', '/// <summary>ADR-2</summary>\nvar s = @"ADR-1";', ['ADR-2']],
      ['vb', 'x.vb', 'Dim s = "ADR-1" \' ADR-2\nREM ADR-3', ['ADR-2', 'ADR-3']],
      ['powershell', 'x.ps1', '$x = "ADR-1" # ADR-2\n<# ADR-3 #>', ['ADR-2', 'ADR-3']],
    ];
    for (const [languageId, fileName, text, expected] of cases) {
      it(`${languageId}: only comments count`, () => {
        assert.deepEqual(texts(text, { commentsOnly: true, languageId }), expected, 'by language id');
        assert.deepEqual(texts(text, { commentsOnly: true, fileName: `/w/src/${fileName}` }), expected, 'by file name');
      });
    }

    it('comments only is the default', () => {
      assert.deepEqual(
        findCitations('s = "ADR-1" // ADR-2', { prefixes: ['ADR'], languageId: 'javascript' }).map((c) => c.text),
        ['ADR-2'],
      );
    });

    it('commentsOnly: false matches anywhere in code', () => {
      assert.deepEqual(texts('s = "ADR-1" // ADR-2', { commentsOnly: false, languageId: 'javascript' }), ['ADR-1', 'ADR-2']);
    });

    it('reads Markdown and plain text whole', () => {
      assert.deepEqual(texts('# Notes\nWe follow ADR-1.\n```ts\nx // ADR-2\n```', { commentsOnly: true, languageId: 'markdown' }), ['ADR-1', 'ADR-2']);
      assert.deepEqual(texts('ADR-3', { commentsOnly: true, fileName: 'notes.txt' }), ['ADR-3']);
    });

    it('keeps ranges exact inside comments', () => {
      const text = 'const x = 1;\n  /* see\n     ADR-0042 §2 */ // @ADR(3)';
      const found = find(text, { commentsOnly: true, languageId: 'typescript' });
      assert.deepEqual(
        found.map((c) => c.text),
        ['ADR-0042 §2', '@ADR(3)'],
      );
      for (const c of found) assert.equal(covered(text, c), c.text);
      assert.deepEqual(found[0].range.start, { line: 2, character: 5 });
    });

    it('an unclosed block comment runs to the end of the file', () => {
      assert.deepEqual(texts('x(); /* ADR-1\nADR-2', { commentsOnly: true, languageId: 'c' }), ['ADR-1', 'ADR-2']);
    });

    it('uses common comment markers for unknown file types', () => {
      assert.deepEqual(texts('value ADR-1 # ADR-2\n// ADR-3', { commentsOnly: true, fileName: 'x.unknownext' }), ['ADR-2', 'ADR-3']);
    });

    it('a // inside a string is not a comment', () => {
      assert.deepEqual(texts('const url = "http://x/ADR-1"; f(); // ADR-2', { commentsOnly: true, languageId: 'typescript' }), ['ADR-2']);
    });
  });

  describe('properties', () => {
    it('never throws, and every range lies in the text and covers the citation text', () => {
      const alphabet = ['ADR', 'MADR', 'DL', '-', ' ', '5', '0', '§', '3b', '@', '(', ')', '//', '#', '/*', '*/', '"', "'", '\n', '\r\n', '[', ']', '.md', '/', 'docs/adr/', 'x', '`', '<!--', '-->', '"""', '%', ';', '--', '🚀', '\\', 'https://github.com/o/r/blob/main/', '://', '@ADR(', '@MADR(value = ', ']: ', '](', '<https://', '.html', 'RFC', 'D', 'seed-', ':link: ', '?plain=1#L9', '~~~'];
      const textArb = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((parts) => parts.join('')),
      );
      const languages = ['typescript', 'python', 'shellscript', 'markdown', 'restructuredtext', 'java', 'sql', 'latex', 'html', 'lua', 'ruby', 'vb', undefined];
      fc.assert(
        fc.property(textArb, fc.constantFrom(...languages), fc.boolean(), fc.boolean(), (text, languageId, commentsOnly, ignoreCase) => {
          const found = findCitations(text, { prefixes: ['ADR', 'MADR', 'DL', 'RFC', 'D', 'SEED'], languageId, commentsOnly, ignoreCase });
          const lines = text.split(/\r\n|\r|\n/);
          for (const c of found) {
            for (const p of [c.range.start, c.range.end]) {
              assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line}`);
              assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character}`);
            }
            assert.equal(covered(text, c).replace(/\r?\n|\r/g, '\n'), c.text.replace(/\r?\n|\r/g, '\n'));
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
