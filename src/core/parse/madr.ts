/**
 * MADR 3.x and 4.x (https://adr.github.io/madr/): metadata in YAML front matter.
 *
 * ```
 * ---
 * status: accepted            # or "superseded by ADR-0123" / "superseded by [ADR-0005](0005-x.md)"
 * date: 2024-01-15
 * decision-makers: [Alice, Bob] # MADR 4; MADR 3 calls it `deciders`
 * consulted: Carol
 * informed: everyone
 * ---
 * ```
 *
 * Also read: `tags`, and the keys teams add: `id` (`ADR-0123`, which gives the record's prefix),
 * `supersedes` / `superseded-by` (ids, paths or Markdown links), `applies-to` / `affectedPaths`
 * (globs of the code a decision governs). Values that are not text (a YAML mapping, as in the
 * MADR template's `{placeholder}`) are reported and ignored.
 */
import type { DecisionRef, Problem, Relation, RelationKind } from '../model';
import type { FrontMatter, FrontMatterEntry } from './frontMatter';
import { idRef, logRefs } from './relations';
import type { MetaValue, RecordMeta } from './record';

const DECISION_KEYS = ['status', 'date', 'deciders', 'decisionmakers', 'consulted', 'informed', 'id', 'supersedes', 'supersededby'];

const RELATION_KEYS: readonly [string, RelationKind, string][] = [
  ['supersedes', 'supersedes', 'supersedes'],
  ['supersededby', 'superseded-by', 'superseded-by'],
  ['amends', 'amends', 'amends'],
  ['amendedby', 'amended-by', 'amended-by'],
  ['clarifies', 'clarifies', 'clarifies'],
  ['clarifiedby', 'clarified-by', 'clarified-by'],
  ['relatesto', 'relates-to', 'relates-to'],
  ['related', 'relates-to', 'related'],
];

/**
 * Which MADR version front matter belongs to: `madr3` when it names `deciders`, `madr4`
 * otherwise; `undefined` when the front matter carries no decision metadata (only Jekyll keys).
 */
export function madrVersion(fm: FrontMatter | undefined): 'madr3' | 'madr4' | undefined {
  if (!fm) return undefined;
  if (!DECISION_KEYS.some((k) => fm.entries.has(k))) return undefined;
  return fm.entries.has('deciders') && !fm.entries.has('decisionmakers') ? 'madr3' : 'madr4';
}

/**
 * Reads the decision metadata of front matter.
 * @param fm the front matter.
 * @param path the file, for problems.
 * @param problems receives `front-matter-value` warnings for keys whose value is not text.
 */
export function frontMatterMeta(fm: FrontMatter, path: string, problems: Problem[]): RecordMeta {
  const value = (...keys: string[]): MetaValue | undefined => {
    for (const k of keys) {
      const e = fm.entries.get(k);
      if (!e || e.kind === 'empty') continue;
      if (e.kind === 'other') {
        problems.push({
          code: 'front-matter-value',
          severity: 'warning',
          message: `Front matter \`${e.key}\` should be text or a list of texts; it is ignored.`,
          path,
          range: e.range,
        });
        continue;
      }
      return metaOf(e);
    }
    return undefined;
  };
  const relations: Relation[] = [];
  for (const [key, kind, verb] of RELATION_KEYS) {
    const e = fm.entries.get(key);
    if (!e || (e.kind !== 'scalar' && e.kind !== 'list')) continue;
    e.values.forEach((v, i) => {
      for (const target of refsOf(v)) relations.push({ kind, verb: e.key || verb, target, range: e.valueRanges[i] ?? e.range });
    });
  }
  return {
    status: value('status'),
    date: value('date', 'lastupdated'),
    decisionMakers: value('decisionmakers', 'deciders'),
    consulted: value('consulted'),
    informed: value('informed'),
    tags: value('tags', 'categories'),
    id: value('id', 'adrid'),
    appliesTo: value('appliesto', 'affectedpaths', 'paths'),
    technicalStory: value('technicalstory'),
    relations,
  };
}

/** References in a front matter relation value: an id, a path to a record, or Markdown links. */
function refsOf(value: string): DecisionRef[] {
  const v = value.trim();
  const path = /^([^\s[\]()]+\.(?:md|markdown|mdx))(?:#\S*)?$/i.exec(v);
  if (path) return [{ text: v, path: path[1] }];
  const id = idRef(v);
  if (id) return [id];
  return logRefs(v).filter((r) => r.id || r.path);
}

function metaOf(e: FrontMatterEntry): MetaValue {
  return e.kind === 'list' ? { raw: e.values.join(', '), items: e.values, range: e.range } : { raw: e.values[0] ?? '', range: e.range };
}
