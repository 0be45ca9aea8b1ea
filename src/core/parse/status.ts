/**
 * Status normalisation: the words teams write (`Accepted`, `accepted ✅`, `Superseded by
 * [ADR-0005](0005-x.md)`, `Proposed`, `Draft`, `Rejected`, `Deprecated`, `Reverted by ...`)
 * mapped to a {@link StatusKind}.
 */
import type { StatusKind } from '../model';

interface Rule {
  readonly kind: StatusKind;
  readonly pattern: RegExp;
}

// Order matters only for matches at the same position; otherwise the earliest word wins.
const RULES: readonly Rule[] = [
  { kind: 'rejected', pattern: /\bnot\s+(?:accepted|approved|adopted)\b/ },
  { kind: 'superseded', pattern: /\b(?:supersed|superced|superseed)\w*|\breplaced\b/ },
  { kind: 'deprecated', pattern: /\b(?:deprecat\w*|obsolete|retired|reverted|revoked|sunset\w*|archived|no longer)\b/ },
  { kind: 'rejected', pattern: /\b(?:reject\w*|declined|denied|refused|withdrawn|abandoned|dismissed)\b/ },
  { kind: 'draft', pattern: /\b(?:draft\w*|wip|work in progress)\b/ },
  {
    kind: 'proposed',
    pattern: /\b(?:propos\w*|pending|suggested|rfc|under (?:review|discussion|consideration)|in (?:review|discussion)|for review|review(?:ed|ing)?|open for comments?)\b/,
  },
  {
    kind: 'accepted',
    pattern: /\b(?:accept\w*|approved|adopted|agreed|decided|active|implemented|done|final(?:i[sz]ed)?|in effect|in force|valid|completed?)\b/,
  },
];

/** `superseded by` / `replaced by` with a target, not qualified by "partly". */
const SUPERSEDED_BY = /(?<!\bpart(?:ly|ially)\s)\b(?:supersed|superced|superseed)ed\s+by\b|(?<!\bpart(?:ly|ially)\s)\breplaced\s+by\b/;

/**
 * Maps a status as written to its kind.
 * @param text the status in plain text (Markdown already removed), any case, any trailing
 *   decoration (`accepted ✅`, `Accepted (2020-01-01)`).
 * @returns the kind, or `unknown` for an empty status, a template placeholder listing several
 *   statuses (`[proposed | rejected | accepted]`), or words we do not recognise (`on hold`).
 */
export function statusKind(text: string): StatusKind {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!t) return 'unknown';
  if (/\|/.test(t) && RULES.filter((r) => r.pattern.test(t)).length > 1) return 'unknown';
  if (SUPERSEDED_BY.test(t)) return 'superseded';
  let best: StatusKind = 'unknown';
  let bestAt = Number.POSITIVE_INFINITY;
  for (const rule of RULES) {
    const m = rule.pattern.exec(t);
    if (m && m.index < bestAt) {
      best = rule.kind;
      bestAt = m.index;
    }
  }
  return best;
}
