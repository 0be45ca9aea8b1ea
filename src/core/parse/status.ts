/**
 * Status normalisation: the words teams write mapped to a {@link StatusKind}; the text as
 * written is kept beside it (`Status.text`). The vocabulary, from the corpus's records:
 * - proposed: `Proposed`, `Proposal`, `pending`, `In review`, `Open For Comments`,
 *   `open_for_comments`, `Last Call`, `Intent Approved` (pigweed SEEDs: the intent is approved,
 *   the design is still under review), `RFC`;
 * - accepted: `Accepted`, `**Accepted**`, `[accepted ]`, `Accepted (by consensus), implemented`,
 *   `Adopted`, `Approved.`, `Implemented`, `Implemented (moved to cosmos-sdk)`, `Partially Accepted`;
 * - rejected: `Rejected`, `Rejected in favour of ADR 111`, `Declined`, `Withdrawn`, `not accepted`;
 * - not-implemented: `Not-Implemented`, `Not implemented` (never accepted);
 * - on-hold: `On Hold`, `Postponed`, `Deferred`, `Parked`;
 * - deprecated: `Deprecated`, `Reverted`, `Obsolete`, `Retired`;
 * - superseded: `Superseded`, `Superseded by [ADR-0005](0005-x.md)`, `Replaced by ...`;
 * - draft: `Draft`, `Draft.`, `WIP`.
 */
import type { StatusKind } from '../model';

interface Rule {
  readonly kind: StatusKind;
  readonly pattern: RegExp;
}

// Order matters only for matches at the same position; otherwise the earliest word wins.
const RULES: readonly Rule[] = [
  { kind: 'not-implemented', pattern: /\bnot[\s-]+(?:implemented|done|built)\b/ },
  { kind: 'rejected', pattern: /\bnot\s+(?:accepted|approved|adopted)\b/ },
  { kind: 'proposed', pattern: /\bintent\s+approved\b/ },
  { kind: 'on-hold', pattern: /\b(?:on\s+hold|postponed|deferred|parked|paused)\b/ },
  { kind: 'superseded', pattern: /\b(?:supersed|superced|superseed)\w*|\breplaced\b/ },
  { kind: 'deprecated', pattern: /\b(?:deprecat\w*|obsolete|retired|reverted|revoked|sunset\w*|archived|no longer)\b/ },
  { kind: 'rejected', pattern: /\b(?:reject\w*|declined|denied|refused|withdrawn|abandoned|dismissed)\b/ },
  { kind: 'draft', pattern: /\b(?:draft\w*|wip|work in progress)\b/ },
  {
    kind: 'proposed',
    pattern: /\b(?:propos\w*|pending|suggested|rfc|under (?:review|discussion|consideration)|in (?:review|discussion)|for review|review(?:ed|ing)?|open for comments?|last call)\b/,
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
 *   statuses (`[proposed | rejected | accepted]`), or words we do not recognise (`Meta`).
 */
export function statusKind(text: string): StatusKind {
  const t = text.toLowerCase().replace(/[\s_]+/g, ' ').trim();
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
