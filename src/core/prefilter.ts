/**
 * The citation prefilter: a pattern that matches every text in which {@link findCitations} can
 * find a citation, built from the finder's own grammar (its prefixes, annotation names and
 * record extensions), so the editor and the CLI can ask ripgrep for the files that may cite a
 * decision and read only those.
 *
 * The finder runs the same pattern as its first test (`hint`): a text the prefilter does not
 * match is never searched, so "no prefilter match => no citation" holds by construction and
 * stays true as the grammar grows. Every part is plain ASCII with `|`, `(?:)`, `[..]` and `\(`
 * only, so it means the same in JavaScript and in Rust's `regex` (ripgrep).
 */
import { ANNOTATION_NAME_HINT, RECORD_EXTENSION_HINT, cleanCitationPrefixes, escapeRegExp, labelHint } from './citations';
import { DEFAULT_FOLDER_PREFIX, DEFAULT_LOG_PREFIX, normalizePrefix } from './config';

/** What {@link citationPrefilter} returns. */
export interface CitationPrefilter {
  /**
   * The alternatives, each a regular expression source valid in JavaScript and in ripgrep:
   * one per cleaned prefix (longest first), the lower-case Sphinx labels of those prefixes
   * (`<seed-0101>`), the annotation names (`@decision(`, `@ADR(`, `@MADR(`) and the record
   * extensions (`.md`, `.markdown`, `.rst`, `.adoc`, `.html`).
   */
  readonly parts: readonly string[];
  /** The parts joined with `|`. */
  readonly source: string;
  /** True when prefixes match in any case (JavaScript flag `i`, ripgrep `--ignore-case`). */
  readonly ignoreCase: boolean;
}

/**
 * Builds the prefilter for a set of citation prefixes.
 * @param prefixes citation prefixes as the index passes them to the finder (`['ADR', 'DL']`);
 *   entries that are not a prefix (`''`, `'A-B'`) are dropped as the finder drops them.
 * @param ignoreCase the finder's `ignoreCase` option.
 * @returns the pattern parts; never empty (the annotation and extension parts are always there).
 */
export function citationPrefilter(prefixes: readonly string[], ignoreCase = false): CitationPrefilter {
  const clean = cleanCitationPrefixes(prefixes);
  // Lower-case Sphinx labels (`seed-0101`) are read only when prefixes are case-sensitive.
  const lower = ignoreCase ? [] : [...new Set(clean.map((p) => p.toLowerCase()).filter((p) => !clean.includes(p)))];
  const parts = [...clean.map(escapeRegExp), ...(lower.length > 0 ? [labelHint(lower)] : []), ANNOTATION_NAME_HINT, RECORD_EXTENSION_HINT];
  return { parts, source: parts.join('|'), ignoreCase };
}

/**
 * The prefilter as a JavaScript regular expression (no `g` flag: `test` keeps no state).
 * @returns the compiled pattern.
 */
export function prefilterRegExp(filter: CitationPrefilter): RegExp {
  return new RegExp(filter.source, filter.ignoreCase ? 'i' : '');
}

/**
 * The prefixes a workspace can cite with, known before discovery runs: discovery gives folders
 * {@link DEFAULT_FOLDER_PREFIX} or {@link DEFAULT_LOG_PREFIX} unless the settings name one, so
 * these two plus every prefix in the settings are a superset. A prefilter built from them can be
 * searched while discovery runs; {@link coversPrefilter} tells whether it still covers the
 * prefilter of the prefixes found.
 * @param settingsPrefixes every prefix the settings name (folders, folder prefixes, citation prefixes).
 */
export function prefixesBeforeDiscovery(settingsPrefixes: readonly string[]): string[] {
  return [...new Set([DEFAULT_FOLDER_PREFIX, DEFAULT_LOG_PREFIX, ...settingsPrefixes.map((p) => normalizePrefix(p)).filter((p): p is string => p !== undefined)])];
}

/** @returns true when every text `actual` matches, `guess` matches too (its parts include all of `actual`'s). */
export function coversPrefilter(guess: CitationPrefilter, actual: CitationPrefilter): boolean {
  if (guess.ignoreCase !== actual.ignoreCase && !guess.ignoreCase) return false;
  const parts = new Set(guess.parts);
  return actual.parts.every((p) => parts.has(p));
}
