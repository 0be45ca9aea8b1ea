/**
 * Record text written into code (issue 9, part 5): a citation comment's id and title can never
 * end the comment, break its line or carry markup, in each comment style of `commentSyntax.ts`;
 * the "cite the successor" quick fix never inserts a successor id that is not a plain id.
 */
import * as assert from 'node:assert/strict';
import { commentRegions, commentSyntaxFor } from '../../src/core/commentSyntax';
import type { CommentSyntax } from '../../src/core/commentSyntax';
import { DecisionIndex } from '../../src/core/index';
import { isInsideAny } from '../../src/core/paths';
import { citationComment, sanitizeCommentText } from '../../src/core/templates/citation';
import type { CitationTarget } from '../../src/core/templates/citation';
import { isSafeCitation, successorCitationText } from '../../src/features/diagnostics/successorCitation';

/** A title that tries every comment closer, opener, a line break, a continuation and a bidi override. */
const HOSTILE =
  'Use X */ alert(1) /* -->\n<script>x</script> --!> *) (* -} {- ]] --[[ #> <# |# #| %} } =end =cut "\u202e\u2066 \r\nnext line \u001b[31m \\';

function target(title: string, display = 'ADR-0012'): CitationTarget {
  return { display, title };
}

/**
 * The comment written for `languageId`, checked the way a reader of that language would: the
 * comment is one line, and the comment finder (which knows each language's comment syntax) sees
 * exactly one comment covering the whole line, so nothing of the title is left as code.
 */
function assertOneComment(languageId: string, fileName: string, title = HOSTILE): string {
  const text = citationComment(languageId, fileName, target(title));
  assert.ok(!/[\r\n\u2028\u2029]/.test(text), `${languageId}: a line break in ${JSON.stringify(text)}`);
  // eslint-disable-next-line no-control-regex -- control characters are what this matches
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text), `${languageId}: a control character in ${JSON.stringify(text)}`);
  assert.ok(text.includes('ADR-0012'), text);
  const syntax = commentSyntaxFor(languageId, fileName) as CommentSyntax;
  // Code after the comment (`x = 1`): it must stay code (the comment ends where it should).
  const source = `${text}\nx = 1\n`;
  const regions = commentRegions(source, syntax);
  assert.equal(regions.length, 1, `${languageId}: ${JSON.stringify(text)} reads as ${regions.length} comments`);
  // The region is the comment's text: it starts after the opener and ends at the closer or the
  // end of the line, so the title is inside and `x = 1` outside.
  const [start, end] = regions[0];
  const opener = /^\S+/.exec(text)?.[0] ?? '';
  const closer = syntax.block.find(([open]) => open === opener)?.[1] ?? '';
  assert.ok(start <= opener.length + 1, `${languageId}: the comment starts at ${start}`);
  assert.ok(end >= text.length - closer.length && end <= text.length + 1, `${languageId}: the comment ends at ${end}, the line at ${text.length}: ${JSON.stringify(text)}`);
  return text;
}

describe('citation comments from record text', () => {
  const styles: [string, string, string, RegExp][] = [
    ['line //', 'typescript', 'a.ts', /^\/\/ ADR-0012: Use X/],
    ['line // in C (no trailing \\ continuation)', 'c', 'a.c', /^\/\/ ADR-0012: .*[^\\]$/],
    ['line #', 'python', 'a.py', /^# ADR-0012: Use X/],
    ['line # (shell)', 'shellscript', 'a.sh', /^# ADR-0012/],
    ['line --', 'sql', 'a.sql', /^-- ADR-0012/],
    ['line -- with nesting {- -} (Haskell)', 'haskell', 'a.hs', /^-- ADR-0012/],
    ['line -- with --[[ ]] (Lua)', 'lua', 'a.lua', /^-- ADR-0012/],
    ['line %', 'latex', 'a.tex', /^% ADR-0012/],
    ['line % with %{ %} (MATLAB)', 'matlab', 'a.m', /^% ADR-0012/],
    ['line ; with #| |# (Lisp)', 'lisp', 'a.lisp', /^; ADR-0012/],
    ['line ; (INI)', 'ini', 'a.ini', /^; ADR-0012/],
    ["line ' (Visual Basic)", 'vb', 'a.vb', /^' ADR-0012/],
    ['line REM (batch)', 'bat', 'a.bat', /^REM ADR-0012/],
    ['line ! (Fortran)', 'fortran-modern', 'a.f90', /^! ADR-0012/],
    ['line " (Vim)', 'vim', 'a.vim', /^" ADR-0012/],
    ['line # with <# #> (PowerShell)', 'powershell', 'a.ps1', /^# ADR-0012/],
    ['line // with (* *) (F#)', 'fsharp', 'a.fs', /^\/\/ ADR-0012/],
    ['line // with { } (Pascal)', 'pascal', 'a.pas', /^\/\/ ADR-0012/],
    ['block /* */ (CSS)', 'css', 'a.css', /^\/\* ADR-0012: Use X alert\(1\) .* \*\/$/],
    ['block <!-- --> (HTML)', 'html', 'a.html', /^<!-- ADR-0012: Use X .* -->$/],
    ['block (* *) (OCaml)', 'ocaml', 'a.ml', /^\(\* ADR-0012: Use X .* \*\)$/],
  ];
  for (const [style, languageId, fileName, shape] of styles) {
    it(`${style}: one comment on one line, nothing of the title left as code`, () => {
      const syntax = commentSyntaxFor(languageId, fileName);
      assert.notEqual(syntax, 'whole-text', `${languageId} has a comment syntax`);
      const text = assertOneComment(languageId, fileName);
      assert.match(text, shape);
    });
  }

  it('block /* */: removes every closer, also those a single pass would leave (**//)', () => {
    const css = commentSyntaxFor('css', 'a.css') as CommentSyntax;
    assert.equal(sanitizeCommentText('a **// b */*/ c', css, 'block'), 'a b c');
    assert.equal(citationComment('css', 'a.css', target('Use */ body { display: none } /*')), '/* ADR-0012: Use body { display: none } */');
  });

  it('block <!-- -->: no markup and no -- or --!> left', () => {
    const html = citationComment('html', 'a.html', target('A --> <script src=x></script> <!-- B --!> C'));
    assert.equal(html, '<!-- ADR-0012: A script src=x/script B -! C -->');
    assert.ok(!/--[^>]/.test(html.slice(4, -3)), html);
  });

  it('block (* *): no quote left to hide the closer from OCaml', () => {
    const text = citationComment('ocaml', 'a.ml', target('Say "hi *) let x = 1 (* {|raw|}'));
    assert.equal(text, '(* ADR-0012: Say hi let x = 1 raw *)');
  });

  it('line comments: a trailing backslash would continue the comment onto the code below', () => {
    assert.equal(citationComment('c', 'a.c', target('Paths like C:\\')), '// ADR-0012: Paths like C:');
    assert.equal(citationComment('shellscript', 'a.sh', target('Escape \\ \\')), '# ADR-0012: Escape');
  });

  it('keeps ordinary titles as they are', () => {
    assert.equal(citationComment('typescript', 'a.ts', target('Use webhooks (not polling) for 2/3 of <events>')), '// ADR-0012: Use webhooks (not polling) for 2/3 of <events>');
    assert.equal(citationComment('css', 'a.css', target('Use BEM / no *')), '/* ADR-0012: Use BEM / no * */');
    assert.equal(citationComment('html', 'a.html', target('Use ARIA - not divs')), '<!-- ADR-0012: Use ARIA - not divs -->');
  });

  it('Markdown: the title is text, not HTML or a link', () => {
    const md = citationComment('markdown', 'README.md', target('Use <script>x</script> [and](javascript:x)\nnext'), 'docs/adr/0012-x.md');
    assert.equal(md, 'See [ADR-0012](docs/adr/0012-x.md): Use \\<script\\>x\\</script\\> \\[and\\](javascript:x) next.');
  });
});

describe('cite the successor: only plain ids are written into code', () => {
  function superseded(successorFrontMatter: string, successorName: string): { index: DecisionIndex; path: string } {
    const index = new DecisionIndex({ folders: [{ path: '/ws/adr', prefix: 'ADR', kind: 'folder', source: 'adr-dir' }] });
    index.upsert('/ws/adr/0002-old.md', '---\nstatus: superseded\n---\n# Old\n\nx\n');
    index.upsert(`/ws/adr/${successorName}`, `---\n${successorFrontMatter}status: accepted\nsupersedes: ADR-0002\n---\n# New\n\nx\n`);
    const path = '/ws/src/app.ts';
    index.upsert(path, '// ADR-0002\n// @ADR(2)\n');
    return { index, path };
  }

  it('a successor whose front-matter id is markup gets no rewrite (no quick fix)', () => {
    const { index, path } = superseded('id: "<!-- ADR-x --> <script>alert(1)</script>"\n', 'new-evil.md');
    const citations = index.citationsIn(path);
    const [old] = index.get('ADR-2');
    const successor = old && index.latestSuccessorOf(old);
    assert.ok(successor, 'the successor is found');
    assert.match(successor.display, /<script>/, 'the successor id as the record states it');
    assert.equal(citations.length, 2);
    for (const c of citations) assert.equal(successorCitationText(c, successor), undefined, c.text);
  });

  it('a successor with a plain id is cited as before', () => {
    const { index, path } = superseded('', '0007-new.md');
    const [old] = index.get('ADR-2');
    const successor = old && index.latestSuccessorOf(old);
    assert.ok(successor);
    assert.deepEqual(index.citationsIn(path).map((c) => successorCitationText(c, successor)), ['ADR-0007', '@ADR(7)']);
  });

  it('isSafeCitation accepts plain ids, annotations, paths and links only', () => {
    for (const id of ['ADR-0020', 'ADR 20', 'adr-20', 'DL-4', 'ADR-20201016-use-slugs']) assert.ok(isSafeCitation('id', id), id);
    for (const id of ['ADR-<script>', '<!-- ADR-x -->', 'ADR-1 */ x', 'ADR-1\nx', 'ADR', 'ADR-1 ', 'ADR-1)']) assert.ok(!isSafeCitation('id', id), id);
    assert.ok(isSafeCitation('annotation', '@ADR(20)'));
    assert.ok(isSafeCitation('annotation', '@decision("DL-4")'));
    assert.ok(!isSafeCitation('annotation', '@ADR(<b>)'));
    assert.ok(isSafeCitation('path', 'docs/adr/0020-x.md#y'));
    assert.ok(!isSafeCitation('path', 'docs/adr/0020 <x>.md'));
    assert.ok(isSafeCitation('link', '[policy](../adr/0020-x.md)'));
    assert.ok(!isSafeCitation('link', '[policy](../adr/0020-x.md) <img src=x>'));
    assert.ok(!isSafeCitation('link', '[policy](javascript:alert(1))'));
  });
});

describe('isInsideAny: where a record may be written', () => {
  const roots = ['/ws/app', '/ws/lib'];
  it('is true inside any root and for a root itself', () => {
    assert.ok(isInsideAny('/ws/app/docs/adr', roots));
    assert.ok(isInsideAny('/ws/lib', roots));
    assert.ok(isInsideAny('/ws/app/docs/../adr', roots));
  });
  it('is false for .. out of a root, absolute paths elsewhere, look-alike prefixes and relative paths', () => {
    assert.ok(!isInsideAny('/ws/app/../../etc/adr', roots));
    assert.ok(!isInsideAny('/ws/app/docs/../../other', roots));
    assert.ok(!isInsideAny('/etc/passwd', roots));
    assert.ok(!isInsideAny('/ws/application/docs', roots));
    assert.ok(!isInsideAny('docs/adr', roots));
    assert.ok(!isInsideAny('/ws/app', []));
  });
});
