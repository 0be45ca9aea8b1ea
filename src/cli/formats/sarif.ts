/**
 * `decision-lens check --format sarif`: the problems as a SARIF 2.1.0 log, for GitHub code
 * scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers.
 *
 * Format: OASIS Static Analysis Results Interchange Format 2.1.0
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), schema
 * `test/fixtures/sarif/sarif-schema-2.1.0.json`. Columns are UTF-16 code units (`columnKind`
 * `utf16CodeUnits`), lines and columns 1-based, `endColumn` one past the last character, as the
 * core's half-open ranges are.
 */
import { createHash } from 'node:crypto';
import type { DecisionIndex } from '../../core/index';
import type { Problem, Range, Severity } from '../../core/model';
import { rel } from '../format';
import type { CheckRule } from './rules';
import { knownRules, ruleOf } from './rules';

/** The key of our fingerprint in `partialFingerprints`; the `/v1` changes when its recipe does. */
export const FINGERPRINT_KEY = 'decisionLens/v1';

/** SARIF `level` of a severity. */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

/**
 * A path relative to the root as a URI reference: each segment percent-encoded (`a b.md` →
 * `a%20b.md`), `/` between them.
 */
export function uriOf(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

/** The SARIF region of a 0-based half-open range; an empty range is a point (no end). */
export function regionOf(r: Range): { startLine: number; startColumn: number; endLine?: number; endColumn?: number } {
  const start = { startLine: r.start.line + 1, startColumn: r.start.character + 1 };
  if (r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character <= r.start.character)) return start;
  return { ...start, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/**
 * What a problem is about, without its place: the citation text at its range (`ADR-0007`,
 * `docs/adr/0004-x.md`), or the id of the record it is in plus the relation it names, or the
 * message for a file that holds no record. Line numbers never enter it, so the fingerprint
 * stays when lines above move.
 */
function subjectOf(index: DecisionIndex, p: Problem): string {
  const same = (a: Range, b: Range): boolean =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  const citation = index.citationsOnLine(p.path, p.range.start.line).find((c) => same(c.range, p.range));
  if (citation) return `citation\u0000${citation.text}`;
  const record = index
    .recordsIn(p.path)
    .find((d) => d.range.start.line <= p.range.start.line && (p.range.start.line <= d.range.end.line || d.range.end.line < d.range.start.line));
  if (record) {
    const relation = index.relationsOf(record).find((r) => 'range' in r.relation && same(r.relation.range, p.range));
    const named = relation ? `\u0000${relation.relation.verb}\u0000${relation.relation.target.text}` : '';
    return `record\u0000${record.key}${named}`;
  }
  // No record here (a config file, a skipped file): the message names what is wrong, not where.
  return `file\u0000${p.message.replace(/\b(line|column|col)s? \d+(:\d+)?/gi, '$1')}`;
}

/**
 * Fingerprints stable across commits: SHA-256 of rule, path relative to the root and subject
 * (see {@link subjectOf}), then `:n` for the n-th problem with the same hash in the file (so two
 * identical citations on different lines stay two alerts).
 * @returns one fingerprint per problem, in the order given.
 */
export function fingerprints(index: DecisionIndex, root: string, problems: readonly Problem[]): string[] {
  const seen = new Map<string, number>();
  return problems.map((p) => {
    const hash = createHash('sha256').update(`${p.code}\u0000${rel(root, p.path)}\u0000${subjectOf(index, p)}`).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

function ruleJson(rule: CheckRule): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: rule.short },
    fullDescription: { text: rule.full },
    help: { text: rule.help },
    defaultConfiguration: { level: sarifLevel(rule.level) },
  };
}

/**
 * The SARIF log of a check run.
 * @param index the index the problems were found in (for fingerprints).
 * @param root absolute POSIX path of `--root`; result URIs are relative to it (`%SRCROOT%`).
 * @param problems every problem, absolute paths, sorted as `check` prints them.
 * @param version the tool's version (package.json).
 * @returns a SARIF 2.1.0 log object, one run; stringify it with `jsonText`.
 */
export function sarifLog(index: DecisionIndex, root: string, problems: readonly Problem[], version: string): Record<string, unknown> {
  const rules: CheckRule[] = [...knownRules()];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  for (const p of problems) {
    if (ruleIndex.has(p.code)) continue;
    ruleIndex.set(p.code, rules.length);
    rules.push(ruleOf(p.code, p.severity));
  }
  const prints = fingerprints(index, root, problems);
  const results = problems.map((p, i) => ({
    ruleId: p.code,
    ruleIndex: ruleIndex.get(p.code),
    level: sarifLevel(p.severity),
    message: { text: p.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(rel(root, p.path)), uriBaseId: '%SRCROOT%' },
          region: regionOf(p.range),
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Decision Lens',
            semanticVersion: version,
            version,
            rules: rules.map(ruleJson),
          },
        },
        // Where `%SRCROOT%` was on this machine, for local SARIF viewers; code scanning resolves it to the checkout.
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${root.startsWith('/') ? '' : '/'}${uriOf(root.replace(/\/+$/, ''))}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
