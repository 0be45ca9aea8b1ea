/**
 * Rewrites a citation so it cites another decision (the quick fix for citations of superseded
 * decisions). No `vscode` import: unit tested.
 */
import type { IndexedDecision, ResolvedCitation } from '../../core/index';
import { basename, dirname, normalize, relative } from '../../core/paths';

/**
 * The text that replaces `citation.text` so that it cites `successor`, in the citation's own style:
 * - ids keep their separator and zero padding (`ADR 2` → `ADR 20`, `ADR-0002` → `ADR-0020`);
 *   a section (`§3b`) of the old decision is dropped; a successor without a number is cited
 *   by its displayed id (`ADR-20201016-use-slugs`);
 * - annotations keep their name (`@ADR(2)` → `@ADR(20)`, `@decision(DL-1)` → `@decision(DL-4)`);
 * - paths and links keep their style: the file name is swapped when both records are in the same
 *   folder, otherwise the path is relative to the citing file; an anchor is dropped.
 *
 * The successor's id and path come from its record (front matter, file name): the new text is
 * checked with {@link isSafeCitation}, and a successor whose id is not a plain id gets no rewrite.
 *
 * @param citation a resolved citation (its `decision` is the superseded record).
 * @param successor the decision to cite instead.
 * @returns the new text, or `undefined` when the citation cannot be rewritten (then no quick fix).
 */
export function successorCitationText(citation: ResolvedCitation, successor: IndexedDecision): string | undefined {
  const text = rewrittenCitation(citation, successor);
  // The text goes into code: only when it is still a plain citation of the form replaced.
  return text !== undefined && isSafeCitation(citation.form, text) ? text : undefined;
}

/**
 * A plain decision id: `ADR-0020`, `ADR 20`, `adr-20`, `DL-4`, `ADR-20201016-use-slugs`. What a
 * successor's id (from its front matter or file name) must look like to be written into code.
 */
export const PLAIN_ID = /^[A-Za-z][A-Za-z0-9_]*(?:[- \u00a0]?\d+)?(?:-[A-Za-z0-9_.]+)*$/;

/** A path as a citation writes it: no white space, quotes, brackets, markup or control characters. */
const PLAIN_PATH = /^[A-Za-z0-9_./~@+%,=-]+$/;

/**
 * Whether a rewritten citation is still a plain citation of its form: an id is {@link PLAIN_ID};
 * an annotation is `@Name(` + a plain id or number + `)`; a path is {@link PLAIN_PATH} (with
 * `#anchor`); a link is `[text](plain path)`. Anything else (markup, a comment closer, a line
 * break from a record's front matter or file name) is never inserted.
 */
export function isSafeCitation(form: ResolvedCitation['form'], text: string): boolean {
  switch (form) {
    case 'id':
      return PLAIN_ID.test(text) && /\d|-[A-Za-z]/.test(text);
    case 'annotation': {
      const m = /^@[A-Za-z][A-Za-z0-9_]*\(\s*(["']?)([^"'()]*)\1\s*\)$/.exec(text);
      return m !== null && (/^\d+$/.test(m[2]) || PLAIN_ID.test(m[2]));
    }
    case 'path':
      return PLAIN_PATH.test(text.replace(/#[A-Za-z0-9_.-]*$/, ''));
    case 'link': {
      const m = /^\[([^\]\n<>]*)\]\(\s*<?([^)\s>]+)>?\s*\)$/.exec(text);
      // eslint-disable-next-line no-control-regex -- control characters are what this matches
      return m !== null && PLAIN_PATH.test(m[2].replace(/#[A-Za-z0-9_.-]*$/, '')) && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(m[1]);
    }
    default:
      return false;
  }
}

function rewrittenCitation(citation: ResolvedCitation, successor: IndexedDecision): string | undefined {
  const old = citation.decision;
  switch (citation.form) {
    case 'id': {
      const m = /^([A-Za-z][A-Za-z0-9_]*)([-\s\u00a0]?)(\d+)/.exec(citation.text);
      if (!m || successor.identity.number === undefined) return successor.display;
      const prefix = m[1] === m[1].toUpperCase() ? successor.prefix : successor.prefix.toLowerCase();
      return `${prefix}${m[2]}${pad(successor.identity.number, m[3].length)}`;
    }
    case 'annotation': {
      const m = /^(@[A-Za-z][A-Za-z0-9_]*\(\s*["']?)(.*?)(["']?\s*\))$/.exec(citation.text);
      if (!m) return undefined;
      const inner = m[2];
      const withPrefix = /^([A-Za-z][A-Za-z0-9_]*)([- ]?)(\d+)/.exec(inner);
      let next: string;
      if (successor.identity.number === undefined) next = successor.display;
      else if (withPrefix) next = `${successor.prefix}${withPrefix[2]}${pad(successor.identity.number, withPrefix[3].length)}`;
      else if (/^\d+/.test(inner)) next = pad(successor.identity.number, /^\d+/.exec(inner)?.[0].length ?? 1);
      else next = successor.display;
      return `${m[1]}${next}${m[3]}`;
    }
    case 'path':
    case 'link': {
      // A URL keeps its repository and ref: only the file name changes, within one folder.
      if (citation.url !== undefined) {
        if (!old || dirname(old.path) !== dirname(successor.path)) return undefined;
        const name = basename(old.path);
        const at = citation.text.lastIndexOf(name);
        if (at < 0) return undefined;
        return citation.text.slice(0, at) + basename(successor.path) + citation.text.slice(at + name.length).replace(/^#[^)\s">]*/, '');
      }
      const written = writtenPath(citation);
      if (written === undefined || !old) return undefined;
      const newPath = rewritePath(written, old.path, successor.path, dirname(normalize(citation.path)));
      const at = citation.form === 'link' ? citation.text.lastIndexOf('](') + 2 : 0;
      const found = citation.text.indexOf(written, at);
      if (found < 0) return undefined;
      const rest = citation.text.slice(found + written.length).replace(/^#[^)\s">]*/, '');
      return citation.text.slice(0, found) + newPath + rest;
    }
    default:
      return undefined;
  }
}

/**
 * The path as written in a path or link citation, without `#anchor`. (`ResolvedCitation.path` is
 * the citing file, so the written path is read from the text.)
 */
function writtenPath(citation: ResolvedCitation): string | undefined {
  if (citation.form === 'path') return citation.text.replace(/#.*$/, '');
  const m = /\]\(\s*<?([^)\s>#]+)/.exec(citation.text);
  return m?.[1];
}

function rewritePath(written: string, oldPath: string, newPath: string, fromDir: string): string {
  if (dirname(oldPath) === dirname(newPath)) {
    const slash = written.lastIndexOf('/');
    return (slash >= 0 ? written.slice(0, slash + 1) : '') + basename(newPath);
  }
  const rel = relative(fromDir, newPath);
  return written.startsWith('./') && !rel.startsWith('../') ? './' + rel : rel || basename(newPath);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
