/**
 * MADR 2.x (https://adr.github.io/madr/, template 2.1.2): metadata as `*` bullets under the
 * title, `Technical Story:`, and MADR's body (`## Considered Options`, `## Decision Outcome`
 * with `Chosen option: "..."`, `### Positive Consequences` / `### Negative Consequences`,
 * `## Links` with `* Refined by [ADR-0005](0005-example.md)`):
 *
 * ```
 * # Use Markdown Architectural Decision Records
 *
 * * Status: accepted
 * * Deciders: Oliver, Anna
 * * Date: 2018-09-02
 *
 * Technical Story: https://github.com/adr/madr/issues/1
 * ```
 *
 * The body conventions are shared with MADR 3/4 and log4brains and read in `record.ts`.
 */
import type { RecordParts } from './record';

const METADATA_FIELDS = new Set(['status', 'date', 'decisionMakers', 'tags', 'consulted', 'informed']);

/** The list marker of the header's metadata bullets (`*`, `-`, `+`), if the header has any. */
export function metadataBulletMarker(parts: RecordParts): string | undefined {
  const bullet = parts.header.find((k) => METADATA_FIELDS.has(k.field) && k.paragraph.listDepth > 0);
  return bullet?.paragraph.listMarker;
}

/** True for MADR 2 metadata: `* Status:` / `* Deciders:` / `* Date:` bullets (`*` or `+`). */
export function looksMadr2(parts: RecordParts): boolean {
  const marker = metadataBulletMarker(parts);
  return marker === '*' || marker === '+';
}

/** True when the body follows MADR's structure (considered options, decision outcome, chosen option). */
export function hasMadrBody(parts: RecordParts): boolean {
  return parts.sections.some((s) => s.key === 'consideredOptions' || s.key === 'prosAndCons' || /^decision outcome$/i.test(s.title));
}
