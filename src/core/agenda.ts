/**
 * A design review agenda: the decisions to review, each with what a review weighs (its context,
 * the considered options side by side with their pros and cons where MADR's "Pros and Cons of
 * the Options" states them, the chosen option, trade-offs and consequences, who decides, is
 * consulted and informed, how long it has been proposed, how many places in code cite it, and
 * its relations), and a Markdown writer for it ("Copy as Markdown", "Export Agenda...",
 * `decision-lens review`). Pure: the caller gives today's date and how paths are shown.
 */
import type { DecisionIndex, IndexedDecision } from './index';
import type { FormatFamily, RelationKind, StatusKind } from './model';
import { escapeMarkdownText, safeMarkdown } from './render/safeMarkdown';

/** One considered option on the agenda. Texts are Markdown as the record writes them. */
export interface AgendaOption {
  /** The option's title in plain text. */
  readonly title: string;
  readonly description?: string;
  readonly pros: readonly string[];
  readonly cons: readonly string[];
  readonly neutral: readonly string[];
  /** True for the record's chosen option. */
  readonly chosen: boolean;
}

/** One relation of a decision on the agenda, its own or derived from the other record. */
export interface AgendaRelation {
  readonly kind: RelationKind;
  /** The verb as written (`Superseded by`, `Amends`) or, when derived, the inverse verb. */
  readonly verb: string;
  /** The other decision's id as displayed (`ADR-0002`), or the reference as written when it resolves to nothing. */
  readonly target: string;
  /** The other decision's title, when it resolves. */
  readonly targetTitle?: string;
  /** The other decision's path (as the agenda's `relativePath` shows it), when it resolves. */
  readonly targetPath?: string;
  /** The other decision's key, when it resolves (to open it). */
  readonly targetKey?: string;
  /** False when the reference points at no known decision. */
  readonly resolved: boolean;
}

/** One decision on the agenda. */
export interface AgendaItem {
  /** Index key (`ADR-5`), to act on the decision. */
  readonly key: string;
  /** Id as displayed: `ADR-0005`. */
  readonly id: string;
  readonly title: string;
  /** The title as written, with inline Markdown. */
  readonly titleMarkdown: string;
  /** Path of the record's file, as `relativePath` shows it. */
  readonly path: string;
  /** 0-based line where the record starts (a decision log entry's heading). */
  readonly line: number;
  readonly format: FormatFamily;
  readonly status: { readonly kind: StatusKind; readonly text: string };
  /** `YYYY-MM-DD` (or the date as written when it is not a calendar date). */
  readonly date?: string;
  /**
   * Whole days from the record's date to `today` (0 on the day itself), when the date is a
   * calendar date not after today. For a proposed or draft decision: how long it has been proposed.
   */
  readonly ageDays?: number;
  readonly context?: string;
  readonly decision?: string;
  readonly chosenOption?: string;
  /** Considered options, with the arguments MADR states for each; options only argued for are added. */
  readonly options: readonly AgendaOption[];
  readonly consequences?: string;
  readonly tradeOffs?: string;
  readonly decisionMakers: readonly string[];
  readonly consulted: readonly string[];
  readonly informed: readonly string[];
  readonly tags: readonly string[];
  /** Places in code and documents (not other records) that cite the decision. */
  readonly citations: number;
  readonly relations: readonly AgendaRelation[];
  /**
   * Provenance and drift from the repository's history, plain text each marked as from git
   * ("Created by Alice on 2025-01-10 (git)"); absent without git. Filled by the caller, which
   * reads the history (the editor's git service, the command line's history pass).
   */
  readonly history?: readonly string[];
}

/** A review agenda. */
export interface Agenda {
  /** The day the agenda is for, `YYYY-MM-DD`. */
  readonly today: string;
  readonly items: readonly AgendaItem[];
}

/** Options of {@link buildAgenda}. */
export interface AgendaOptions {
  /** Today as `YYYY-MM-DD` (UTC); ages are counted up to it. */
  readonly today: string;
  /** How a record's absolute path is shown (relative to the root or workspace folder). */
  readonly relativePath: (path: string) => string;
}

/** Statuses a review is about by default: proposed decisions. */
export const REVIEW_STATUSES: readonly StatusKind[] = ['proposed'];

/** Order of statuses on an agenda: undecided first. */
const STATUS_ORDER: readonly StatusKind[] = ['proposed', 'draft', 'on-hold', 'unknown', 'accepted', 'rejected', 'not-implemented', 'deprecated', 'superseded'];

/**
 * Selects decisions for a review.
 * @param decisions candidates (every decision of the index, the tree's selection, ...).
 * @param statuses the status kinds to keep; empty or absent keeps every decision.
 * @returns the decisions with one of those statuses, in agenda order (see {@link sortForAgenda}).
 */
export function selectForReview(decisions: readonly IndexedDecision[], statuses: readonly StatusKind[] = REVIEW_STATUSES): IndexedDecision[] {
  const keep = new Set(statuses);
  return sortForAgenda(keep.size === 0 ? decisions : decisions.filter((d) => keep.has(d.status.kind)));
}

/**
 * Agenda order: undecided statuses first, then the longest waiting (oldest date) first, undated
 * after dated, then by id and path. Does not change `decisions`.
 */
export function sortForAgenda(decisions: readonly IndexedDecision[]): IndexedDecision[] {
  const rank = (d: IndexedDecision): number => {
    const r = STATUS_ORDER.indexOf(d.status.kind);
    return r < 0 ? STATUS_ORDER.length : r;
  };
  return [...decisions].sort((a, b) => {
    const byStatus = rank(a) - rank(b);
    if (byStatus !== 0) return byStatus;
    const da = calendarDate(a.date);
    const db = calendarDate(b.date);
    if (da !== db) return da === undefined ? 1 : db === undefined ? -1 : da < db ? -1 : 1;
    if (a.path !== b.path) return a.path < b.path ? -1 : 1;
    return a.range.start.line - b.range.start.line;
  });
}

/**
 * Builds the agenda of `decisions`, in the order given.
 * @param index the index the decisions are in (citations and relations are read from it).
 * @param decisions the decisions to review (see {@link selectForReview}).
 * @param options today's date and how paths are shown.
 * @throws never; a record without sections gives an item with only its metadata.
 */
export function buildAgenda(index: DecisionIndex, decisions: readonly IndexedDecision[], options: AgendaOptions): Agenda {
  return { today: options.today, items: decisions.map((d) => agendaItem(index, d, options)) };
}

function agendaItem(index: DecisionIndex, d: IndexedDecision, options: AgendaOptions): AgendaItem {
  const s = d.sections;
  const age = daysBetween(d.date, options.today);
  const item: { -readonly [K in keyof AgendaItem]: AgendaItem[K] } = {
    key: d.key,
    id: d.display,
    title: d.title,
    titleMarkdown: d.titleMarkdown ?? d.title,
    path: options.relativePath(d.path),
    line: d.range.start.line,
    format: d.format,
    status: { kind: d.status.kind, text: d.status.text },
    options: optionsOf(d),
    decisionMakers: [...d.decisionMakers],
    consulted: [...d.consulted],
    informed: [...d.informed],
    tags: [...d.tags],
    citations: index.citationsOf(d).length,
    relations: index.relationsOf(d).map(({ relation, target }) => {
      const t = relation.target;
      const base = { kind: relation.kind, verb: relation.verb };
      if (target) {
        return { ...base, target: target.display, targetTitle: target.title, targetPath: options.relativePath(target.path), targetKey: target.key, resolved: true };
      }
      return { ...base, target: t.text || (t.id ?? t.path ?? t.title ?? ''), resolved: false };
    }),
  };
  if (d.date) item.date = d.date;
  if (age !== undefined) item.ageDays = age;
  if (s.context) item.context = s.context;
  if (s.decision) item.decision = s.decision;
  if (s.chosenOption) item.chosenOption = s.chosenOption;
  if (s.consequences) item.consequences = s.consequences;
  if (s.tradeOffs) item.tradeOffs = s.tradeOffs;
  return item;
}

/**
 * The considered options with their arguments: the "Considered Options" list in its order, each
 * matched with its "Pros and Cons" sub-heading (by title, ignoring case, quotes, `Option N:`
 * numbering and a trailing description after ` - `), then options only the pros and cons name.
 */
function optionsOf(d: IndexedDecision): AgendaOption[] {
  const listed = d.sections.consideredOptions ?? [];
  const argued = d.sections.prosAndCons ?? [];
  const chosen = d.sections.chosenOption !== undefined ? optionKey(d.sections.chosenOption) : undefined;
  // Exact keys through a map; the looser match (a title followed by a description) looks at a
  // bounded number of the remaining options, so a record with thousands of options stays linear.
  const byKey = new Map<string, number[]>();
  const keys = argued.map((a) => optionKey(a.title));
  argued.forEach((_a, i) => {
    const k = keys[i];
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  const used = new Set<number>();
  const take = (k: string): number | undefined => {
    const exact = byKey.get(k)?.find((i) => !used.has(i));
    if (exact !== undefined) return exact;
    let looked = 0;
    for (let i = 0; i < argued.length && looked < LOOSE_MATCH_LIMIT; i++) {
      if (used.has(i)) continue;
      looked++;
      if (sameOption(keys[i], k)) return i;
    }
    return undefined;
  };
  const out: AgendaOption[] = [];
  for (const title of listed) {
    const k = optionKey(title);
    const at = take(k);
    if (at !== undefined) used.add(at);
    const args = at !== undefined ? argued[at] : undefined;
    out.push({
      title,
      ...(args?.description !== undefined ? { description: args.description } : {}),
      pros: args?.pros ?? [],
      cons: args?.cons ?? [],
      neutral: args?.neutral ?? [],
      chosen: chosen !== undefined && sameOption(k, chosen),
    });
  }
  argued.forEach((a, i) => {
    if (!used.has(i)) out.push({ ...a, chosen: chosen !== undefined && sameOption(keys[i], chosen) });
  });
  return out;
}

/** How many unmatched options the loose title match compares with, per considered option. */
const LOOSE_MATCH_LIMIT = 64;

function optionKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/^option\s*\d+\s*[:.-]\s*/, '')
    .replace(/["'`“”‘’*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Same option: equal keys, or one is the other followed by ` - description` / `: description` / ` (note)`. */
function sameOption(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.startsWith(short) && /^\s*(?:[-–—:,(]|\s)/.test(long.slice(short.length));
}

/** `YYYY-MM-DD` when `date` is a calendar date, else undefined. */
function calendarDate(date: string | undefined): string | undefined {
  return date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
}

/**
 * Whole days from `from` to `to`, both `YYYY-MM-DD` (UTC calendar days).
 * @returns undefined when either is no calendar date or `from` is after `to`.
 */
export function daysBetween(from: string | undefined, to: string): number | undefined {
  const a = utcDay(calendarDate(from));
  const b = utcDay(calendarDate(to));
  if (a === undefined || b === undefined || a > b) return undefined;
  return b - a;
}

function utcDay(date: string | undefined): number | undefined {
  if (date === undefined) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(t / 86_400_000);
}

/** Words of the Markdown agenda, so a caller can localise them (English by default). */
export interface AgendaWords {
  readonly heading: string;
  /** `{0}`: the number of decisions, `{1}`: today. */
  readonly summary: (count: number, today: string) => string;
  readonly empty: string;
  readonly status: string;
  readonly date: string;
  readonly proposedFor: (days: number) => string;
  readonly citedIn: (n: number) => string;
  readonly decisionMakers: string;
  readonly consulted: string;
  readonly informed: string;
  readonly tags: string;
  readonly file: string;
  readonly relations: string;
  readonly unresolved: string;
  readonly context: string;
  readonly consideredOptions: string;
  readonly chosen: string;
  readonly good: string;
  readonly neutral: string;
  readonly bad: string;
  readonly chosenOption: string;
  readonly decision: string;
  readonly tradeOffs: string;
  readonly consequences: string;
}

/** The English words of the Markdown agenda. */
export const ENGLISH_AGENDA_WORDS: AgendaWords = {
  heading: 'Design review agenda',
  summary: (n, today) => `${n} ${n === 1 ? 'decision' : 'decisions'} · ${today}`,
  empty: 'No decisions to review.',
  status: 'Status',
  date: 'Date',
  proposedFor: (days) => `proposed for ${days} ${days === 1 ? 'day' : 'days'}`,
  citedIn: (n) => (n === 1 ? 'cited in 1 place' : `cited in ${n} places`),
  decisionMakers: 'Decision makers',
  consulted: 'Consulted',
  informed: 'Informed',
  tags: 'Tags',
  file: 'File',
  relations: 'Relations',
  unresolved: 'not found',
  context: 'Context',
  consideredOptions: 'Considered options',
  chosen: 'chosen',
  good: 'Good',
  neutral: 'Neutral',
  bad: 'Bad',
  chosenOption: 'Chosen option',
  decision: 'Decision',
  tradeOffs: 'Trade-offs',
  consequences: 'Consequences',
};

/**
 * Writes the agenda as a Markdown document (CommonMark plus a GFM table of the options):
 * `# Design review agenda`, then per decision a `##` section with its metadata line, relations,
 * context, considered options (a table of the options with their pros, neutral points and cons,
 * the chosen one marked), the chosen option and the decision, trade-offs and consequences.
 * Record text is re-written by `safeMarkdown` (no HTML, images or links other than http(s) and
 * relative; headings become strong text so records cannot break the document's outline).
 * @returns the document, ending with a newline.
 */
export function agendaMarkdown(agenda: Agenda, words: AgendaWords = ENGLISH_AGENDA_WORDS): string {
  const out: string[] = [`# ${escapeMarkdownText(words.heading)}`, '', escapeMarkdownText(words.summary(agenda.items.length, agenda.today)), ''];
  if (agenda.items.length === 0) out.push(escapeMarkdownText(words.empty), '');
  const text = (s: string): string => escapeMarkdownText(s.replace(/\s+/g, ' ').trim());
  const block = (s: string): string => safeMarkdown(s, { relativeLinks: false });
  for (const item of agenda.items) {
    out.push(`## ${text(item.id)} ${inlineTitle(item.titleMarkdown)}`, '');
    const meta: string[] = [];
    const waiting = (item.status.kind === 'proposed' || item.status.kind === 'draft') && item.ageDays !== undefined;
    let status = `**${text(words.status)}:** ${text(waiting ? words.proposedFor(item.ageDays ?? 0) : item.status.kind)}`;
    const written = item.status.text.replace(/[*_[\].]/g, '').trim().toLowerCase();
    if (written && !written.includes(item.status.kind.replace('-', ' '))) status += ` (${text(item.status.text)})`;
    meta.push(status);
    if (item.date) meta.push(`**${text(words.date)}:** ${text(item.date)}`);
    meta.push(text(words.citedIn(item.citations)));
    const lines = [meta.join(' · ')];
    const people: string[] = [];
    if (item.decisionMakers.length > 0) people.push(`**${text(words.decisionMakers)}:** ${text(item.decisionMakers.join(', '))}`);
    if (item.consulted.length > 0) people.push(`**${text(words.consulted)}:** ${text(item.consulted.join(', '))}`);
    if (item.informed.length > 0) people.push(`**${text(words.informed)}:** ${text(item.informed.join(', '))}`);
    if (people.length > 0) lines.push(people.join(' · '));
    if (item.tags.length > 0) lines.push(`**${text(words.tags)}:** ${text(item.tags.join(', '))}`);
    for (const h of item.history ?? []) lines.push(text(h));
    lines.push(`**${text(words.file)}:** ${codeSpan(item.path)}`);
    out.push(lines.join('  \n'), '');
    if (item.relations.length > 0) {
      out.push(`**${text(words.relations)}:**`, '');
      for (const r of item.relations) {
        const what = r.resolved ? `${text(r.target)}${r.targetTitle ? ' ' + text(r.targetTitle) : ''}` : `${text(r.target)} (${text(words.unresolved)})`;
        out.push(`- ${text(r.verb)} ${what}`);
      }
      out.push('');
    }
    if (item.context) out.push(`### ${text(words.context)}`, '', block(item.context), '');
    if (item.options.length > 0) {
      out.push(`### ${text(words.consideredOptions)}`, '');
      const argued = item.options.some((o) => o.pros.length + o.cons.length + o.neutral.length > 0);
      if (argued) {
        out.push(...optionsTable(item.options, words), '');
        for (const o of item.options.filter((o) => o.description)) out.push(`**${text(o.title)}:** ${cell(o.description ?? '')}`, '');
      } else {
        for (const o of item.options) {
          out.push(`- ${text(o.title)}${o.chosen ? ` **(${text(words.chosen)})**` : ''}${o.description ? ': ' + cell(o.description) : ''}`);
        }
        out.push('');
      }
    }
    if (item.chosenOption) out.push(`**${text(words.chosenOption)}:** ${text(item.chosenOption)}`, '');
    if (item.decision) out.push(`### ${text(words.decision)}`, '', block(item.decision), '');
    if (item.tradeOffs) out.push(`### ${text(words.tradeOffs)}`, '', block(item.tradeOffs), '');
    if (item.consequences) out.push(`### ${text(words.consequences)}`, '', block(item.consequences), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** The options side by side: one row per option, its pros, neutral points and cons in columns. */
function optionsTable(options: readonly AgendaOption[], words: AgendaWords): string[] {
  const neutral = options.some((o) => o.neutral.length > 0);
  const head = [words.consideredOptions, words.good, ...(neutral ? [words.neutral] : []), words.bad].map((h) => escapeMarkdownText(h));
  const rows = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const o of options) {
    const title = `${escapeMarkdownText(o.title)}${o.chosen ? ` **(${escapeMarkdownText(words.chosen)})**` : ''}`;
    const list = (xs: readonly string[]): string => xs.map(cell).join(' <br> ') || ' ';
    rows.push(`| ${[title, list(o.pros), ...(neutral ? [list(o.neutral)] : []), list(o.cons)].join(' | ')} |`);
  }
  return rows;
}

/** One line of record Markdown for a table cell: safe, on one line, `|` escaped. */
function cell(markdown: string): string {
  return safeMarkdown(markdown, { relativeLinks: false }).replace(/\s*\n\s*/g, ' ');
}

/** A title's inline Markdown, made safe, on one line. */
function inlineTitle(markdown: string): string {
  return safeMarkdown(markdown.replace(/\s+/g, ' '), { relativeLinks: false })
    .replace(/^\*\*(.*)\*\*$/s, '$1')
    .replace(/\s*\n\s*/g, ' ');
}

/** A code span that holds `text` whatever backticks it contains. */
function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  let run = 0;
  for (const m of flat.matchAll(/`+/g)) run = Math.max(run, m[0].length);
  const fence = '`'.repeat(run + 1);
  return `${fence}${run > 0 || flat.startsWith(' ') ? ' ' : ''}${flat}${run > 0 || flat.endsWith(' ') ? ' ' : ''}${fence}`;
}
