/**
 * `Key: value` lines, the metadata form shared by adr-tools (`Date: 2016-02-12`), MADR 2
 * (`* Status: accepted`), log4brains (`- Deciders: John Doe, Foo bar`) and decision logs
 * (`Decision maker: PM`, `**Trade-offs**: ...`). Also the splitting of people and tag lists.
 */
import { normaliseKey } from './frontMatter';
import { relationKind } from './relations';

/** The decision fields a key can fill. */
export type FieldName =
  | 'status'
  | 'date'
  | 'decisionMakers'
  | 'consulted'
  | 'informed'
  | 'tags'
  | 'context'
  | 'decision'
  | 'consideredOptions'
  | 'tradeOffs'
  | 'consequences'
  | 'technicalStory'
  | 'chosenOption'
  | 'id'
  | 'appliesTo'
  | 'title'
  | 'relation';

const KEYS: ReadonlyMap<string, FieldName> = new Map<string, FieldName>([
  ['status', 'status'],
  ['state', 'status'],
  ['date', 'date'],
  ['decided', 'date'],
  ['decidedon', 'date'],
  ['decisiondate', 'date'],
  ['dateofdecision', 'date'],
  // ingot `- Created: 2026-08-08`, neon `Created on: 2023-09-08`, buildpacks `- Start Date: 2021-06-30`.
  ['created', 'date'],
  ['createdon', 'date'],
  ['startdate', 'date'],
  ['deciders', 'decisionMakers'],
  ['decider', 'decisionMakers'],
  ['decisionmaker', 'decisionMakers'],
  ['decisionmakers', 'decisionMakers'],
  ['decisionmakerss', 'decisionMakers'],
  ['decidedby', 'decisionMakers'],
  ['approvers', 'decisionMakers'],
  ['approvedby', 'decisionMakers'],
  ['owner', 'decisionMakers'],
  ['owners', 'decisionMakers'],
  ['consulted', 'consulted'],
  ['informed', 'informed'],
  ['tags', 'tags'],
  ['tag', 'tags'],
  ['labels', 'tags'],
  ['context', 'context'],
  ['background', 'context'],
  ['problem', 'context'],
  ['problemstatement', 'context'],
  ['contextandproblemstatement', 'context'],
  ['decision', 'decision'],
  ['decisionoutcome', 'decision'],
  ['outcome', 'decision'],
  ['alternatives', 'consideredOptions'],
  ['alternativesconsidered', 'consideredOptions'],
  ['consideredalternatives', 'consideredOptions'],
  ['consideredoptions', 'consideredOptions'],
  ['optionsconsidered', 'consideredOptions'],
  ['options', 'consideredOptions'],
  ['tradeoffs', 'tradeOffs'],
  ['tradeoff', 'tradeOffs'],
  ['consequences', 'consequences'],
  ['technicalstory', 'technicalStory'],
  ['chosenoption', 'chosenOption'],
  ['id', 'id'],
  ['appliesto', 'appliesTo'],
  ['affectedpaths', 'appliesTo'],
  ['affects', 'appliesTo'],
  // buildpacks RFCs: `- Name: Remove Stacks & Mixins` under `# Meta`.
  ['name', 'title'],
  ['title', 'title'],
]);

/**
 * The field a key names (`Decision maker(s)` → `decisionMakers`, `Superceded by` → `relation`).
 * @returns the field, or `undefined` for keys we do not read.
 */
export function fieldOfKey(key: string): FieldName | undefined {
  const cached = keyCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const f = KEYS.get(normaliseKey(key.replace(/[’']/g, ''))) ?? (relationKind(key) ? 'relation' : undefined);
  if (keyCache.size > 2000) keyCache.clear();
  keyCache.set(key, f ?? null);
  return f;
}

/** Keys seen before: most files repeat the same few (`Date`, `Status`, `Deciders`). */
const keyCache = new Map<string, FieldName | null>();

/** One `Key: value` line. */
export interface KeyLine {
  /** The key as written, without emphasis markers and colon. */
  readonly key: string;
  readonly field: FieldName;
  /** The value as written (inline Markdown), trimmed. */
  readonly value: string;
  /** Offset in the content where the key (including emphasis markers) starts. */
  readonly keyStart: number;
  /** Offset in the content where the value starts. */
  readonly valueStart: number;
  /** Offset just past the value. */
  readonly valueEnd: number;
}

// `Key: value`, `**Key**: value`, `**Key:** value`, `__Key__: value`
const KEY_LINE = /^(?:(\*\*|__)([^*_:\n]{1,60}?)(:?)\1[ \t]*(:?)|([A-Za-z][A-Za-z0-9 ()'’/-]{0,60}?)[ \t]*(:))(?!\/\/)[ \t]*(.*)$/;

/**
 * Reads a `Key: value` line whose key is one we know.
 * @param content the line's content after list and quote markers.
 * @returns the key line, or `undefined`.
 */
export function readKeyLine(content: string): KeyLine | undefined {
  if (!content.includes(':')) return undefined;
  const m = KEY_LINE.exec(content);
  if (!m) return undefined;
  let key: string;
  if (m[1]) {
    if (!m[3] && !m[4]) return undefined;
    key = m[2].trim();
  } else {
    key = m[5].trim();
  }
  const field = fieldOfKey(key);
  if (!field) return undefined;
  let value = m[7];
  let valueStart = content.length - value.length;
  // `Status: **Accepted**` keeps its emphasis in the value; strip a lone closing `**` left by `**Key:** value`.
  const lead = /^\s*/.exec(value)?.[0].length ?? 0;
  valueStart += lead;
  value = value.slice(lead).trimEnd();
  return { key, field, value, keyStart: 0, valueStart, valueEnd: valueStart + value.length };
}

/**
 * Splits a list of people: `John Doe, Foo bar` → two names; `PM and tech lead jointly` stays
 * one entry; `PM, with the tech lead's risk assessment` stays one entry because its second part
 * does not read as a name.
 */
export function splitPeople(value: string): string[] {
  const v = value.trim().replace(/[.;]$/, '').trim();
  if (!v) return [];
  const parts = v.split(/\s*[;,]\s*/).filter((p) => p);
  if (parts.length > 1 && parts.every((p) => /^[\p{Lu}@\d"'([]/u.test(p))) return parts;
  return [v];
}

/** Splits tags written as `frontend, frameworks` or `#a #b` or `a b` (log4brains). */
export function splitTags(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((t) => t.replace(/^#/, '').trim())
    .filter((t) => t);
}

/**
 * Splits considered options written on one line: `A (x, y); B` → `A (x, y)`, `B`. Commas split
 * only when every part is short (a list of names rather than a sentence).
 */
export function splitOptions(value: string): string[] {
  const v = value.trim();
  if (!v) return [];
  const semi = splitTopLevel(v, ';');
  if (semi.length > 1) return semi.map(cleanOption).filter((s) => s);
  const comma = splitTopLevel(v, ',');
  if (comma.length > 1 && comma.every((p) => p.trim().split(/\s+/).length <= 5)) return comma.map(cleanOption).filter((s) => s);
  return [cleanOption(v)].filter((s) => s);
}

function cleanOption(s: string): string {
  return s.trim().replace(/^(?:or|and)\s+/i, '').replace(/[.;,]$/, '').trim();
}

function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === '“') quote = c === '“' ? '”' : '"';
    else if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === sep && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.filter((p) => p.trim());
}

/**
 * Reads `Chosen option: "X", because ...` (MADR): the option without quotes.
 * @returns the option, or `undefined` when the line is not a chosen-option line or names none.
 */
export function readChosenOption(value: string): string | undefined {
  const v = value.trim();
  if (/^(?:""|“”|''|‘’)/.test(v)) return undefined;
  const quoted = /^(?:"([^"]+)"|“([^”]+)”|'([^']+)'|‘([^’]+)’)/.exec(v);
  if (quoted) return (quoted[1] ?? quoted[2] ?? quoted[3] ?? quoted[4]).trim() || undefined;
  const bare = /^(.+?)(?:,\s*because\b|$)/i.exec(v);
  const option = bare ? bare[1].trim().replace(/[.,]$/, '') : '';
  return option || undefined;
}
