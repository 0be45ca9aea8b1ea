/**
 * Record Markdown as HTML for the review cards: markdown-it with `html: false` (HTML in a record
 * is text), no images (`![x](y)` is a `!` and, when safe, a link), links only to http(s) and
 * relative targets, and DOMPurify over the output with a short allow-list of tags and the `href`
 * and `title` attributes. The result is a DocumentFragment, never assigned as HTML text.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { isSafeLinkTarget } from '../../core/render/safeMarkdown';

const md = new MarkdownIt('commonmark', { html: false, linkify: false });
md.disable('image');
md.validateLink = (url: string): boolean => isSafeLinkTarget(url);

const ALLOWED_TAGS = ['p', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Headings inside record text are shown as strong paragraphs: the card keeps its own outline. */
md.renderer.rules.heading_open = (): string => '<p><strong>';
md.renderer.rules.heading_close = (): string => '</strong></p>';

/**
 * @param markdown record text (any string).
 * @param inline render one paragraph without the `<p>` (titles, table cells).
 * @returns sanitised nodes to append.
 */
export function renderMarkdown(markdown: string, inline = false): DocumentFragment {
  const html = inline ? md.renderInline(markdown) : md.render(markdown);
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title'],
    ALLOWED_URI_REGEXP: /^(?:https?:\/\/|(?![a-z][a-z0-9+.-]*:)[^/\\])/i,
    RETURN_DOM_FRAGMENT: true,
  });
}
