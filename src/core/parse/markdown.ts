/**
 * Markdown structure for the parsers, from markdown-it (CommonMark): which lines are headings,
 * paragraphs, list items, code and HTML blocks. Only the block pass runs over whole files;
 * inline Markdown (links, emphasis, code spans) is parsed for the few snippets a record needs
 * (title, status, options, relation lines), which keeps a 3 KB record well under a millisecond.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

/** A heading. Lines are absolute (0-based) in the file. */
export interface MdHeading {
  readonly level: number;
  /** First line of the heading (for setext headings, the first text line). */
  readonly line: number;
  /** Line after the heading (exclusive end). */
  readonly endLine: number;
  /** The heading's inline Markdown as written, without `#` markers. */
  readonly raw: string;
  readonly setext: boolean;
}

/** A paragraph, possibly inside list items and block quotes. Lines are absolute. */
export interface MdParagraph {
  readonly startLine: number;
  /** Exclusive end line. */
  readonly endLine: number;
  /** The inline Markdown as markdown-it sees it (container markers and indentation removed). */
  readonly raw: string;
  /** Nesting depth of bullet/ordered lists around the paragraph (0: not in a list). */
  readonly listDepth: number;
  /** Marker of the innermost list item (`-`, `*`, `+`, `.` or `)`), when in a list. */
  readonly listMarker?: string;
  /** True when the paragraph starts its list item (its first line carries the list marker). */
  readonly firstInItem: boolean;
  /** Depth of block quotes around the paragraph. */
  readonly quoteDepth: number;
}

/** The block structure of a Markdown text. */
export interface MdOutline {
  readonly headings: readonly MdHeading[];
  readonly paragraphs: readonly MdParagraph[];
}

const blockParser = new MarkdownIt('commonmark', { html: true });
blockParser.core.ruler.disable(['inline', 'text_join']);
/**
 * The same, without markdown-it's `normalize` rule (CR and CRLF to LF, NUL to U+FFFD), for texts
 * with neither: there it changes nothing, yet rewrites every line break of the text.
 */
const plainBlockParser = new MarkdownIt('commonmark', { html: true });
plainBlockParser.core.ruler.disable(['normalize', 'inline', 'text_join']);

const inlineParser = new MarkdownIt('commonmark', { html: true });
// Only the text of inline Markdown is used: skip URL normalisation (punycode, percent-encoding).
inlineParser.normalizeLink = (url: string): string => url;
inlineParser.normalizeLinkText = (url: string): string => url;
inlineParser.validateLink = (): boolean => true;

/**
 * Reads the block structure of `markdown`.
 * @param markdown Markdown text (no front matter, no BOM).
 * @param lineOffset added to every line number (the line where `markdown` starts in its file).
 * @returns headings and paragraphs in document order. Never throws for any string input.
 */
export function readOutline(markdown: string, lineOffset: number): MdOutline {
  const tokens = (/[\r\0]/.test(markdown) ? blockParser : plainBlockParser).parse(markdown, {});
  const headings: MdHeading[] = [];
  const paragraphs: MdParagraph[] = [];
  let listDepth = 0;
  let quoteDepth = 0;
  const markers: string[] = [];
  const itemFresh: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        const map = t.map ?? [0, 1];
        headings.push({
          level: Number(t.tag.slice(1)) || 1,
          line: map[0] + lineOffset,
          endLine: map[1] + lineOffset,
          raw: inline?.type === 'inline' ? inline.content : '',
          setext: t.markup === '=' || t.markup === '-',
        });
        markItemUsed(itemFresh);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open':
        markers.push(t.markup || '-');
        itemFresh.push(true);
        break;
      case 'list_item_close':
        markers.pop();
        itemFresh.pop();
        break;
      case 'blockquote_open':
        quoteDepth++;
        markItemUsed(itemFresh);
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        const map = t.map ?? [0, 1];
        const fresh = itemFresh.length > 0 && itemFresh[itemFresh.length - 1];
        paragraphs.push({
          startLine: map[0] + lineOffset,
          endLine: map[1] + lineOffset,
          raw: inline?.type === 'inline' ? inline.content : '',
          listDepth,
          listMarker: markers.length > 0 ? markers[markers.length - 1] : undefined,
          firstInItem: fresh,
          quoteDepth,
        });
        markItemUsed(itemFresh);
        break;
      }
      case 'fence':
      case 'code_block':
      case 'html_block':
      case 'hr':
        markItemUsed(itemFresh);
        break;
      default:
        break;
    }
  }
  return { headings, paragraphs };
}

function markItemUsed(itemFresh: boolean[]): void {
  if (itemFresh.length > 0) itemFresh[itemFresh.length - 1] = false;
}

/**
 * Plain text of inline Markdown: emphasis, links and code markers removed, HTML comments
 * dropped, entities decoded, whitespace collapsed.
 */
export function inlineText(raw: string): string {
  if (!/[\\`*_[\]<>&!~]/.test(raw)) return raw.replace(/\s+/g, ' ').trim();
  return tokensText(inlineTokens(raw)).replace(/\s+/g, ' ').trim();
}

function inlineTokens(raw: string): Token[] {
  const tokens = inlineParser.parseInline(raw, {});
  return tokens.length > 0 && tokens[0].children ? tokens[0].children : [];
}

function tokensText(tokens: readonly Token[]): string {
  let out = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
      case 'text_special':
      case 'code_inline':
        out += t.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += ' ';
        break;
      case 'image':
        out += t.children ? tokensText(t.children) : t.content;
        break;
      case 'html_inline':
        if (!t.content.startsWith('<!--')) out += t.content;
        break;
      default:
        break;
    }
  }
  return out;
}
