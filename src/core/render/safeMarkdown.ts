/**
 * A record's Markdown, re-written as a safe subset of Markdown for places that render it (hovers,
 * the agenda export): paragraphs, bullet and ordered lists, block quotes, code spans and code
 * blocks, emphasis and strong emphasis, and links whose target is `http:`, `https:` or relative.
 * Everything else is kept as the text it was written as, escaped: HTML (`<img onerror=...>`),
 * images (`![x](y)`), links of any other scheme (`[x](command:...)`, `javascript:`), theme icons
 * (`$(alert)`). Headings become strong paragraphs, so a record cannot restructure the card.
 *
 * Parsed by markdown-it (CommonMark, `html: false`), the same parser the record parsers use.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

const parser = new MarkdownIt('commonmark', { html: false });
// Links are checked below (only http(s) and relative targets survive); keep every link token so
// a refused link is shown as written instead of being half-parsed.
parser.validateLink = (): boolean => true;
parser.normalizeLink = (url: string): string => url;
parser.normalizeLinkText = (url: string): string => url;

/** Options of {@link safeMarkdown}. */
export interface SafeMarkdownOptions {
  /**
   * Longest text kept, in characters of visible text (default: no limit); the rest is cut at a
   * word and `…` is added.
   */
  readonly maxChars?: number;
  /** Whether relative link targets are kept (default true; the hover sets the record as base). */
  readonly relativeLinks?: boolean;
}

/**
 * @param href a link target as written.
 * @returns true when a link to it may be rendered: `http:` / `https:` URLs and relative
 *   references (no scheme, not protocol-relative `//host`).
 */
export function isSafeLinkTarget(href: string, relativeLinks = true): boolean {
  const h = href.trim();
  if (/^https?:\/\/[^\s]/i.test(h)) return true;
  if (!relativeLinks) return false;
  if (h === '' || h.startsWith('//') || h.startsWith('\\')) return false;
  // A scheme (`command:`, `javascript:`, `file:`, `vscode:`), also with control characters or
  // entities smuggled in before the colon, is no relative reference.
  if (/^[^/?#]*:/.test(h) || [...h].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return false;
  return true;
}

/**
 * Escapes text so that Markdown shows it as written: emphasis, code, link (brackets, and `(`
 * after one), table and theme-icon characters always, list, heading and quote markers at the start, `<` and `&` as entities.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]|$~]/g, '\\$&')
    .replace(/\\\]\(/g, '\\]\\(')
    .replace(/^(\s*)([#+\-=>])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/**
 * Re-writes a record's Markdown as safe Markdown (see the module doc).
 * @param markdown Markdown text from a record file (any string).
 * @returns Markdown whose only links are http(s) or relative, with no HTML, images, command
 *   links or theme icons; blocks separated by blank lines. Never throws.
 */
export function safeMarkdown(markdown: string, options: SafeMarkdownOptions = {}): string {
  let tokens: Token[];
  try {
    tokens = parser.parse(String(markdown ?? ''), {});
  } catch {
    return escapeMarkdownText(String(markdown ?? ''));
  }
  const writer = new Writer(options.maxChars ?? Number.POSITIVE_INFINITY, options.relativeLinks !== false);
  return writer.blocks(tokens).replace(/\n{3,}/g, '\n\n').trim();
}

/** Walks markdown-it's block tokens and writes the safe subset. */
class Writer {
  private budget: number;
  private cut = false;

  constructor(
    maxChars: number,
    private readonly relativeLinks: boolean,
  ) {
    this.budget = maxChars;
  }

  blocks(tokens: readonly Token[]): string {
    const out: string[] = [];
    // Prefixes of the open containers: `> ` for quotes, list item indentation.
    const lists: { ordered: boolean; n: number }[] = [];
    let prefix = '';
    let itemStart = false;
    const prefixes: string[] = [];
    const line = (text: string): void => {
      const lines = text.split('\n');
      for (let k = 0; k < lines.length; k++) {
        const first = k === 0 && itemStart;
        out.push((first ? prefixes.slice(0, -1).join('') + markerOf(lists) : prefix) + lines[k]);
      }
      itemStart = false;
    };
    for (let i = 0; i < tokens.length && !this.cut; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'blockquote_open':
          prefixes.push('> ');
          prefix = prefixes.join('');
          break;
        case 'blockquote_close':
          prefixes.pop();
          prefix = prefixes.join('');
          out.push(prefix.trimEnd());
          break;
        case 'bullet_list_open':
        case 'ordered_list_open':
          lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) - 1 });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          lists.pop();
          out.push(prefix.trimEnd());
          break;
        case 'list_item_open': {
          const list = lists[lists.length - 1];
          if (list) list.n++;
          prefixes.push(' '.repeat(markerOf(lists).length));
          prefix = prefixes.join('');
          itemStart = true;
          break;
        }
        case 'list_item_close':
          prefixes.pop();
          prefix = prefixes.join('');
          itemStart = false;
          break;
        case 'heading_open': {
          const inline = tokens[i + 1];
          const text = this.inline(inline?.children ?? []);
          if (text) line(`**${text}**`);
          out.push(prefix.trimEnd());
          i += 2;
          break;
        }
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          const text = this.inline(inline?.children ?? []);
          if (text) line(text);
          // A tight list keeps its items together; elsewhere a blank line ends the paragraph.
          if (!t.hidden) out.push(prefix.trimEnd());
          i += 2;
          break;
        }
        case 'fence':
        case 'code_block': {
          const content = t.content.replace(/\n$/, '');
          const kept = this.take(content);
          const fence = '`'.repeat(Math.max(3, longestRun(kept, '`') + 1));
          line(`${fence}\n${kept}\n${fence}`);
          out.push(prefix.trimEnd());
          break;
        }
        case 'hr':
          line('---');
          out.push(prefix.trimEnd());
          break;
        default:
          break;
      }
    }
    while (out.length > 0 && out[out.length - 1].trim() === '') out.pop();
    if (this.cut && out.length > 0 && !out[out.length - 1].endsWith('…')) out.push('', '…');
    return out.join('\n');
  }

  /** Inline tokens as safe Markdown. */
  private inline(tokens: readonly Token[]): string {
    let out = '';
    for (let i = 0; i < tokens.length && !this.cut; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'text':
        case 'text_special':
          out += escapeMarkdownText(this.take(t.content));
          break;
        case 'softbreak':
          // A soft line break renders as a space; one line keeps phrases searchable.
          out += ' ';
          break;
        case 'hardbreak':
          out += '  \n';
          break;
        case 'code_inline': {
          const content = this.take(t.content.replace(/[\r\n]+/g, ' '));
          const fence = '`'.repeat(longestRun(content, '`') + 1);
          // A space on each side only where CommonMark needs it (content starting or ending with a backtick or a space).
          const pad = /^[` ]|[` ]$/.test(content) ? ' ' : '';
          out += `${fence}${pad}${content}${pad}${fence}`;
          break;
        }
        case 'em_open':
          out += '*';
          break;
        case 'em_close':
          out += '*';
          break;
        case 'strong_open':
          out += '**';
          break;
        case 'strong_close':
          out += '**';
          break;
        case 'link_open': {
          const close = closingLink(tokens, i);
          const href = t.attrGet('href') ?? '';
          const inner = this.inline(tokens.slice(i + 1, close));
          if (t.markup === 'autolink') {
            out += isSafeLinkTarget(href, false) ? `[${inner}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)` : escapeMarkdownText(`<${href}>`);
          } else if (isSafeLinkTarget(href, this.relativeLinks)) {
            out += `[${inner}](<${href.trim().replace(/[<>\s\\]/g, encodeURIComponent)}>)`;
          } else {
            // Shown as written, so the reader sees where it pointed; never a link.
            out += `\\[${inner}\\]\\(${escapeMarkdownText(`${href}${linkTitle(t)}`)}\\)`;
          }
          i = close;
          break;
        }
        case 'image': {
          const alt = t.children ? plainText(t.children) : t.content;
          out += `!\\[${escapeMarkdownText(this.take(alt))}\\]\\(${escapeMarkdownText(`${t.attrGet('src') ?? ''}${linkTitle(t)}`)}\\)`;
          break;
        }
        default:
          // html_inline cannot occur (html: false); any other token is shown as its text.
          if (t.content) out += escapeMarkdownText(this.take(t.content));
          break;
      }
    }
    return out;
  }

  /** Spends the budget of visible characters on `text`; cuts at a word when it runs out. */
  private take(text: string): string {
    if (text.length <= this.budget) {
      this.budget -= text.length;
      return text;
    }
    const cut = text.slice(0, Math.max(0, this.budget));
    const space = cut.lastIndexOf(' ');
    this.budget = 0;
    this.cut = true;
    return (space > cut.length * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '') + '…';
  }
}

function markerOf(lists: readonly { ordered: boolean; n: number }[]): string {
  const list = lists[lists.length - 1];
  if (!list) return '';
  return list.ordered ? `${list.n}. ` : '- ';
}

function closingLink(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].type === 'link_open') depth++;
    else if (tokens[j].type === 'link_close' && --depth === 0) return j;
  }
  return tokens.length - 1;
}

function linkTitle(t: Token): string {
  const title = t.attrGet('title');
  return title ? ` "${title}"` : '';
}

function plainText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.children ? plainText(t.children) : t.content)).join('');
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
