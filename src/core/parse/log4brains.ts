/**
 * log4brains (https://github.com/thomvaill/log4brains): MADR-derived records named
 * `YYYYMMDD-slug.md` (the slug is the record's id), metadata as `-` bullets, and relations in
 * `## Links`:
 *
 * ```
 * # Use the ADR slug as its unique ID
 *
 * - Status: accepted
 * - Deciders: John Doe, Foo bar
 * - Date: 2020-10-16
 * - Tags: foo, bar
 *
 * ## Links
 *
 * - Supersedes [20200926-use-the-adr-number-as-its-unique-id](20200926-use-the-adr-number-as-its-unique-id.md)
 * ```
 *
 * Tags are "space and/or comma separated" (the log4brains template); a status may be
 * `superseded by [slug](slug.md)`.
 */
import type { RecordContext, RecordParts } from './record';
import { metadataBulletMarker } from './madr2';

/** True for log4brains: `- Status:` style bullets, or a date-slug file name. */
export function looksLog4brains(ctx: RecordContext, parts: RecordParts): boolean {
  const marker = metadataBulletMarker(parts);
  return marker === '-' || (marker === undefined && ctx.name.dateSlug);
}
