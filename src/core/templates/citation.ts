/**
 * Citation comments: the text that makes a place in code cite a decision (`// ADR-0012: Use
 * webhooks`), in the comment syntax of the file's language.
 */
import type { CommentSyntax } from '../commentSyntax';
import { WHOLE_TEXT, commentSyntaxFor } from '../commentSyntax';
import type { Position } from '../model';

/** What a citation refers to. */
export interface CitationTarget {
  /** The citation id as the index displays it: `ADR-0012`, `DL-5`. */
  readonly display: string;
  readonly title: string;
  /**
   * For records that have no number (log4brains' date-slug ids): the record's path relative to
   * the workspace folder, which is cited instead of the id.
   */
  readonly relativePath?: string;
  /** True when `display` is a slug and not a `PREFIX-N` id. */
  readonly slugId?: boolean;
}

/** The text of a citation: `ADR-0012: Use webhooks`, or `docs/adr/20260501-use-x.md: Use X` for slug ids. */
export function citationText(target: CitationTarget): string {
  const ref = target.slugId && target.relativePath ? target.relativePath : target.display;
  const title = target.title.replace(/\s+/g, ' ').trim();
  return title === '' ? ref : `${ref}: ${title}`;
}

/**
 * Control characters, line and paragraph separators and bidirectional controls: none of them
 * belongs in a comment written into code (a line break would end a line comment, a bidi override
 * would make the code read differently from what it does).
 */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Makes record text (a title, an id, a path) safe inside a comment of `syntax`, so it can neither
 * end the comment nor change what the code around it means:
 * - every style: control characters, line breaks and bidirectional controls become spaces;
 *   runs of white space become one space;
 * - `line` comments: a trailing `\\` (a line continuation in C, C++ and shell) is dropped;
 * - every opener and closer of the language's block comments is removed (in line comments too),
 *   repeatedly (`**\/\/` would leave a closer after one pass; openers matter where comments nest:
 *   OCaml, Haskell, Rust, Swift); in HTML and XML (`<!-- -->`) `<`, `>` and `--` go too (`--!>`
 *   also ends a comment, and `--` is not allowed in one); in OCaml `"` and `{|` go (strings are
 *   read inside comments, an odd quote would hide the closer).
 * @param text the text from a record.
 * @param syntax the comment syntax the text is written in (see `commentSyntax.ts`).
 * @param style whether the text goes into a line comment or a block comment.
 * @returns the text, possibly shorter; `''` when nothing printable is left.
 */
export function sanitizeCommentText(text: string, syntax: CommentSyntax, style: 'line' | 'block'): string {
  let out = text.replace(UNPRINTABLE, ' ');
  // Block delimiters go in line comments too: inert there for a compiler, but a reader (or a
  // tool that looks for comments) should not see a comment open or close inside the citation.
  const delimiters = syntax.block.flatMap(([open, close]) => [open, close]).filter((d) => d !== '');
  const html = style === 'block' && syntax.block.some(([open]) => open === '<!--');
  const ocaml = style === 'block' && syntax.block.some(([open]) => open === '(*') && syntax.line.length === 0;
  for (let before = ''; before !== out; ) {
    before = out;
    for (const d of delimiters) out = out.split(d).join('');
    if (html) out = out.replace(/[<>]/g, '').replace(/-{2,}/g, '-');
    if (ocaml) out = out.replace(/"/g, '').split('{|').join('').split('|}').join('');
  }
  out = out.replace(/\s+/g, ' ').trim();
  if (style === 'line') out = out.replace(/(?:\s*(?:\\|\?\?\/))+$/, '');
  return out;
}

/**
 * A comment holding a citation in a language's syntax: a line comment when the language has
 * one (`// …`, `# …`, `-- …`), else a block comment (`/* … *\/`, `<!-- … -->`). In Markdown and
 * plain text the citation is a link or plain text. The id and title come from a record: they
 * are made safe for the comment with {@link sanitizeCommentText} (in Markdown: escaped, no HTML).
 *
 * @param languageId VS Code language id of the file.
 * @param fileName the file's name or path (used when the language id is unknown).
 * @param target the decision to cite.
 * @param markdownHref for Markdown: the record's path relative to the file, to write a link.
 * @returns the comment, without indentation or line break.
 */
export function citationComment(languageId: string | undefined, fileName: string | undefined, target: CitationTarget, markdownHref?: string): string {
  const text = citationText(target);
  const syntax = commentSyntaxFor(languageId, fileName);
  if (syntax === WHOLE_TEXT) {
    if (markdownHref === undefined) return `See ${escapeMarkdownText(text)}.`;
    const href = markdownHref.replace(UNPRINTABLE, '').replace(/[ ()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `See [${escapeLinkText(target.slugId && target.relativePath ? target.relativePath : target.display)}](${href}): ${escapeMarkdownText(target.title)}.`;
  }
  return comment(syntax, text);
}

function comment(syntax: CommentSyntax, text: string): string {
  const line = syntax.line.find((m) => m.trim() !== '');
  if (line !== undefined) return `${line.trimEnd()} ${sanitizeCommentText(text, syntax, 'line')}`;
  const block = syntax.block[0];
  if (block) return `${block[0]} ${sanitizeCommentText(text, syntax, 'block')} ${block[1]}`;
  return `// ${sanitizeCommentText(text, syntax, 'line')}`;
}

function escapeLinkText(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replace(/([[\]\\<>])/g, '\\$1');
}

/** Markdown text after a link: no line break, no raw HTML (`<` and `>` escaped), no link syntax. */
function escapeMarkdownText(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim().replace(/([[\]\\<>`])/g, '\\$1');
}

/** Where a citation comment goes and its full text. */
export interface CitationInsertion {
  readonly position: Position;
  readonly text: string;
}

/**
 * Where to put a citation comment for a cursor or a selection:
 * - on an empty line: on that line, indented like the code around it;
 * - after the code of a line (cursor at its end, language with line comments): appended to the
 *   line after a space;
 * - otherwise: on a new line above the line, with that line's indentation.
 *
 * @param lineText the text of the line the cursor (or the selection's first line) is on.
 * @param line that line's number (0-based).
 * @param character the cursor column (UTF-16); for a selection pass 0 so the comment goes above.
 * @param comment the comment ({@link citationComment}).
 * @param eol the document's line ending.
 * @param trailingAllowed whether the comment is a line comment that may follow code.
 * @param blankLineIndent for an empty line: the indentation of the code below (or above) it.
 * @returns the insertion.
 */
export function citationInsertion(
  lineText: string,
  line: number,
  character: number,
  comment: string,
  eol: string,
  trailingAllowed: boolean,
  blankLineIndent = '',
): CitationInsertion {
  if (lineText.trim() === '') {
    // An empty line takes the comment with the indentation of the code around it.
    const at = Math.min(character, lineText.length);
    const indent = at >= blankLineIndent.length ? '' : blankLineIndent.slice(at);
    return { position: { line, character: at }, text: indent + comment };
  }
  if (trailingAllowed && character >= lineText.trimEnd().length && character > 0) {
    return { position: { line, character: lineText.length }, text: (lineText.endsWith(' ') ? '' : ' ') + comment };
  }
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  return { position: { line, character: 0 }, text: indent + comment + eol };
}

/** @returns true when the language writes citations as line comments (they may follow code). */
export function hasLineComments(languageId: string | undefined, fileName: string | undefined): boolean {
  const syntax = commentSyntaxFor(languageId, fileName);
  return syntax !== WHOLE_TEXT && syntax.line.some((m) => m.trim() !== '');
}
