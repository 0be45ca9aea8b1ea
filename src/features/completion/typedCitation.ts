/** Recognises a citation being typed; no `vscode` import, unit tested. */

/**
 * Finds a citation being typed at the end of `linePrefix`.
 * - ids: `ADR-`, `ADR-00`, `ADR 1`, `ADR` (the prefix alone, when completion is invoked);
 * - annotations: `@ADR(`, `@decision(`, `@decision(DL-`.
 * @param prefixes the citation prefixes (`ADR`, `MADR`, `DL`), matched case-sensitively.
 * @returns the column where the replaced text starts, the prefix typed (`undefined` for
 *   `@decision(` without one: any prefix) and whether it is an annotation; or `undefined`.
 */
export function citationBeingTyped(
  linePrefix: string,
  prefixes: readonly string[],
): { start: number; prefix: string | undefined; annotation: boolean } | undefined {
  const clean = prefixes.filter((p) => /^[A-Za-z][A-Za-z0-9_]*$/.test(p)).sort((a, b) => b.length - a.length);
  if (clean.length === 0) return undefined;
  const P = clean.join('|');
  const annotation = new RegExp(`@(?:${P}|[Dd]ecision|DECISION)\\(\\s*["']?((${P})[- ]?)?(\\d*)$`).exec(linePrefix);
  if (annotation) {
    const inner = (annotation[1] ?? '') + annotation[3];
    return { start: linePrefix.length - inner.length, prefix: annotation[2], annotation: true };
  }
  const id = new RegExp(`(?<![\\w-])(${P})(?:[- ](\\d*))?$`).exec(linePrefix);
  if (id) return { start: id.index, prefix: id[1], annotation: false };
  return undefined;
}
