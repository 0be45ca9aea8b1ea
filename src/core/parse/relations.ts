/**
 * Relations between decisions as records write them:
 * - adr-tools: `Supersedes [1. Title](0001-title.md)`, `Superceded by [2. Title](0002-title.md)`
 *   (adr-tools' spelling), `Amends`, `Amended by`, `Clarifies`, `Clarified by`, and any
 *   `<verb> [N. Title](file.md)` that `adr new -l` writes;
 * - log4brains and MADR 2 `## Links`: `- Supersedes [slug](slug.md)`, `- Refined by [..](..)`;
 * - dotnet-adr: `Superseded by ADR 0002 - Title` (plain text);
 * - home-assistant style: `Replaces: [ADR-0002](./0002-x.md)`;
 * - decision logs: `Amends: <title of another entry>` or `Supersedes: DL-3`.
 */
import type { DecisionRef, Relation, RelationKind } from '../model';
import { inlineText } from './markdown';

const VERBS: ReadonlyMap<string, RelationKind> = new Map<string, RelationKind>([
  ['supersedes', 'supersedes'],
  ['supercedes', 'supersedes'],
  ['superseeds', 'supersedes'],
  ['replaces', 'supersedes'],
  ['superseded by', 'superseded-by'],
  ['superceded by', 'superseded-by'],
  ['superseeded by', 'superseded-by'],
  ['replaced by', 'superseded-by'],
  ['amends', 'amends'],
  ['amended by', 'amended-by'],
  ['clarifies', 'clarifies'],
  ['clarified by', 'clarified-by'],
  ['relates to', 'relates-to'],
  ['related to', 'relates-to'],
  ['related', 'relates-to'],
  ['see also', 'relates-to'],
  ['depends on', 'relates-to'],
  ['refines', 'relates-to'],
  ['refined by', 'relates-to'],
  ['extends', 'relates-to'],
  ['extended by', 'relates-to'],
]);

/**
 * The relation kind of a verb as written (`Superceded by`, `amends:`, `Is superseded by`).
 * @returns the kind, or `undefined` when the verb is not one we know.
 */
export function relationKind(verb: string): RelationKind | undefined {
  const v = verb
    .toLowerCase()
    .replace(/[*_:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^is /, '');
  return VERBS.get(v);
}

/** A piece of a line: its text and where it starts in the file. */
export interface LineSlice {
  readonly line: number;
  /** Column (UTF-16) of `text[0]` in the file. */
  readonly character: number;
  readonly text: string;
}

// [text](href "title") with one level of nested brackets in the text.
const LINK = /\[((?:\\.|[^\\[\]]|\[[^\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/y;
const BETWEEN_LINKS = /[\s,;&]*(?:(?:and|or)\s+)?/y;
// What may follow the last link, after trimming: nothing, punctuation, or a date.
const TRAILER = /^(?:[-–—,]?[ \t]*\(?\d{4}-\d{2}-\d{2}\)?)?[ \t]*[.;,]?$/;
const VERB_TEXT = /^[A-Za-z][A-Za-z'’ -]*$/;

/**
 * Reads the relations written on one line: `<verb> [text](target.md)` (one or several links,
 * optionally followed by a date), or a known verb followed by a plain id (`Superseded by ADR
 * 0002 - Title`).
 * @param slice the line's content after list and quote markers.
 * @param unknownVerbs also accept verbs we do not know (as `relates-to`) when the line is only
 *   the verb and links to `.md` files, as in `## Links` and `## Status` sections.
 * @returns the relations, each with the range of the whole relation text.
 */
export function relationsInLine(slice: LineSlice, unknownVerbs: boolean): Relation[] {
  const text = slice.text;
  const lb = text.indexOf('[');
  if (lb > 0) return linkRelations(slice, lb, unknownVerbs);
  if (lb < 0) return plainRelation(slice);
  return [];
}

function linkRelations(slice: LineSlice, lb: number, unknownVerbs: boolean): Relation[] {
  const text = slice.text;
  const verbRaw = text.slice(0, lb);
  const verbClean = verbRaw.replace(/[*_]/g, '').trim();
  const colon = verbClean.endsWith(':');
  const verb = (colon ? verbClean.slice(0, -1) : verbClean).trim();
  if (!VERB_TEXT.test(verb) || verb.split(/\s+/).length > 5) return [];
  const kind = relationKind(verb);
  if (!kind && (!unknownVerbs || colon || verb.split(/\s+/).length > 4)) return [];
  const links: { start: number; end: number; textRaw: string; href: string }[] = [];
  let pos = lb;
  for (;;) {
    LINK.lastIndex = pos;
    const m = LINK.exec(text);
    if (!m) break;
    links.push({ start: m.index, end: m.index + m[0].length, textRaw: m[1], href: m[2] });
    BETWEEN_LINKS.lastIndex = m.index + m[0].length;
    const sep = BETWEEN_LINKS.exec(text);
    pos = sep ? sep.index + sep[0].length : m.index + m[0].length;
    if (text.charCodeAt(pos) !== 91 /* [ */) break;
  }
  if (links.length === 0) return [];
  // Emphasis around the relation (`**superseded by [..](..)**`) is no trailer; after a
  // `Supersedes:` key the rest of the value may be prose (`, many others`).
  if (!colon && !TRAILER.test(text.slice(links[links.length - 1].end).replace(/[*_]+/g, '').trim())) return [];
  const verbStart = verbRaw.search(/\S/);
  const end = text.trimEnd().length;
  const range = {
    start: { line: slice.line, character: slice.character + verbStart },
    end: { line: slice.line, character: slice.character + end },
  };
  const out: Relation[] = [];
  for (const l of links) {
    const target = refFromLink(l.textRaw, l.href, text.slice(l.start, l.end));
    if (!target) continue;
    if (!kind && !(target.path && /\.(?:md|markdown|mdx)$/i.test(target.path))) continue;
    out.push({ kind: kind ?? 'relates-to', verb, target, range });
  }
  return out;
}

const PLAIN_VERB = new RegExp(
  `^(?:\\*\\*|__)?((?:is\\s+)?(?:${[...VERBS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((v) => v.replace(/ /g, '\\s+'))
    .join('|')}))\\b(?:\\*\\*|__)?`,
  'i',
);
// Always matches (every part optional), so it never backtracks over long blank runs.
const PLAIN_SEPARATOR = /^[ \t]*:?(?:\*\*|__)?[ \t]*/;

function plainRelation(slice: LineSlice): Relation[] {
  const text = slice.text.trimEnd();
  const m = PLAIN_VERB.exec(text);
  if (!m) return [];
  const rest = text.slice(m[0].length);
  const sep = PLAIN_SEPARATOR.exec(rest)?.[0] ?? '';
  if (sep === '') return [];
  const kind = relationKind(m[1]);
  const value = rest.slice(sep.length).replace(/(?:\*\*|__)$/, '').replace(/\.$/, '');
  const target = urlRef(value) ?? idRef(value);
  if (!kind || !target) return [];
  const start = text.search(/\S/);
  return [
    {
      kind,
      verb: m[1].replace(/\s+/g, ' '),
      target,
      range: { start: { line: slice.line, character: slice.character + start }, end: { line: slice.line, character: slice.character + text.length } },
    },
  ];
}

/**
 * A reference from a Markdown link.
 * @param textRaw the link text (inline Markdown).
 * @param href the link target as written (may be `<...>`, may have `#anchor`).
 * @param source the whole link as written, for {@link DecisionRef.text}.
 * @param anchors accept links to a heading of the same file (`#use-webhooks`, decision logs)
 *   as a reference by title.
 * @returns the reference, or `undefined` when the link names neither a local file nor an id
 *   (an external page such as a GitHub discussion).
 */
export function refFromLink(textRaw: string, href: string, source: string, anchors = false): DecisionRef | undefined {
  const text = inlineText(textRaw);
  let h = href.trim();
  if (h.startsWith('<') && h.endsWith('>')) h = h.slice(1, -1);
  const hash = h.indexOf('#');
  const pathPart = hash >= 0 ? h.slice(0, hash) : h;
  const external = /^[a-z][a-z0-9+.-]*:/i.test(pathPart) || pathPart.startsWith('//');
  const named = nameRef(text);
  const path = !external && pathPart ? pathPart : external ? recordPathInUrl(h) : undefined;
  if (!path && !named.id) {
    return anchors && hash === 0 && named.title ? { text: source, title: named.title } : undefined;
  }
  return { text: source, ...(named.id ? { id: named.id } : {}), ...(path ? { path } : {}), ...(named.title ? { title: named.title } : {}) };
}

/**
 * The repository path of a record a URL points at: a GitHub or GitLab file URL
 * (`https://github.com/org/repo/blob/main/text/0022-x.md`, `.../-/blob/<ref>/...`, pinned to a
 * commit, with `?plain=1` or `#L97`) to a Markdown or reStructuredText file.
 * @returns `text/0022-x.md`, or `undefined` for any other URL (a pull request, an issue).
 */
export function recordPathInUrl(url: string): string | undefined {
  const m = /^https?:\/\/[^/\s]+\/(?:[^/\s]+\/){2}(?:-\/)?(?:blob|tree|raw)\/[^/\s]+\/([^\s?#]+\.(?:md|markdown|mdx|rst))(?:[?#]\S*)?$/i.exec(url.trim());
  return m ? m[1] : undefined;
}

/** A reference written as a bare URL to a record (`Supersedes: https://github.com/.../0022-x.md`). */
function urlRef(text: string): DecisionRef | undefined {
  const t = text.trim().replace(/^<(.*)>$/, '$1');
  const path = recordPathInUrl(t);
  return path ? { text: t, path } : undefined;
}

/**
 * A reference written as plain text that states an id: `ADR-0005`, `ADR 0002 - Title`, `0005`,
 * `20201016-use-x`. Returns `undefined` for text that is not an id.
 */
export function idRef(text: string): DecisionRef | undefined {
  const t = text.trim();
  const named = nameRef(t);
  return named.id ? { text: t, id: named.id, ...(named.title ? { title: named.title } : {}) } : undefined;
}

/**
 * A reference written as plain text in a decision log: an id (`DL-3`, `#3`), a link, or the
 * title of another entry.
 */
export function logRefs(value: string): DecisionRef[] {
  const v = value.trim().replace(/\.$/, '');
  if (!v) return [];
  const links: DecisionRef[] = [];
  const linkRe = new RegExp(LINK.source, 'g');
  for (let m = linkRe.exec(v); m; m = linkRe.exec(v)) {
    const r = refFromLink(m[1], m[2], m[0], true);
    if (r) links.push(r);
  }
  if (links.length > 0) return links;
  const parts = v.split(/\s*[,;]\s*|\s+and\s+/).filter((p) => p);
  if (parts.length > 0 && parts.every((p) => idOf(p.replace(/^#/, '')))) {
    return parts.map((p) => ({ text: p, id: idOf(p.replace(/^#/, '')) as string }));
  }
  const plain = inlineText(v);
  const named = nameRef(plain);
  if (named.id) return [{ text: v, id: named.id, ...(named.title ? { title: named.title } : {}) }];
  return [{ text: v, title: plain }];
}

function idOf(text: string): string | undefined {
  const t = text.trim();
  if (/^(?:[A-Za-z]{1,10}[-_ ]?)?\d{1,9}$/.test(t)) return t;
  if (/^\d{8}-[\w.-]+$/.test(t) || /^\d{1,9}-[A-Za-z0-9][\w.-]*$/.test(t)) return t;
  return undefined;
}

function nameRef(text: string): { id?: string; title?: string } {
  const t = text.trim();
  const numbered = /^(\d{1,9})\.\s+(\S.*)$/.exec(t);
  if (numbered) return { id: numbered[1], title: numbered[2] };
  const withTitle = /^((?:[A-Za-z]{1,10}[-_ ]?)?\d{1,9})\s*[:\-–—.]\s+(\S.*)$/.exec(t);
  if (withTitle) return { id: withTitle[1], title: withTitle[2] };
  const id = idOf(t);
  if (id) return { id };
  return t ? { title: t } : {};
}
