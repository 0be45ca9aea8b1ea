// Every record of ../shared/corpus x every edit (status to each CHANGE_STATUSES value, supersede,
// amend) x LF / CRLF / CR / BOM / mixed variants (and a YAML comment variant for front matter): the edit
// is refused with a message, or the record read back has the requested status or relation,
// every other field is unchanged and every byte outside the edited value is unchanged.
// The checks here are the test's own (offsets, parse, comparison), not verify.ts's.
import { strict as assert } from 'node:assert';
import { relative } from 'node:path';
import type { Decision, Range } from '../../src/core/model';
import { parseRecord, parseRecordWithPlaces } from '../../src/core/parse/parseRecord';
import type { RecordPlaces } from '../../src/core/parse/places';
import { applyEdits, editParseOptions } from '../../src/core/templates/edits';
import type { TextEdit } from '../../src/core/templates/edits';
import type { RelatedRecord } from '../../src/core/templates/recordData';
import { CHANGE_STATUSES } from '../../src/core/templates/recordData';
import type { EditRequest } from '../../src/core/templates/verify';
import { verifiedEdits } from '../../src/core/templates/verify';
import { CORPUS, corpusRecords } from './parseHelpers';

const NEWER: RelatedRecord = { title: 'Use a new approach', number: 9999, display: 'ADR-9999', href: '9999-use-a-new-approach.md', stem: '9999-use-a-new-approach' };
const NEWER_ENTRY: RelatedRecord = { title: 'Use a new approach', number: 99, display: 'DL-99', stem: 'DECISIONS' };

const REQUESTS = (log: boolean): { name: string; request: EditRequest }[] => [
  ...CHANGE_STATUSES.map((status) => ({ name: `status ${status}`, request: { kind: 'status', status } as EditRequest })),
  { name: 'supersede', request: { kind: 'link', link: 'superseded-by', other: log ? NEWER_ENTRY : NEWER } },
  { name: 'amend', request: { kind: 'link', link: 'amended-by', other: log ? NEWER_ENTRY : NEWER } },
];

/** The variants of a text: its line ends as LF, CRLF and CR, with a BOM, and a YAML comment in its front matter. */
function variants(text: string): { name: string; text: string }[] {
  const lf = text.replace(/\r\n?/g, '\n');
  const out = [
    { name: 'LF', text: lf },
    { name: 'CRLF', text: lf.replace(/\n/g, '\r\n') },
    { name: 'CR', text: lf.replace(/\n/g, '\r') },
    { name: 'BOM', text: '\uFEFF' + lf },
    // Every third line break CRLF, the others LF: an insertion takes the break of its line.
    { name: 'mixed', text: lf.split('\n').map((l, i, all) => (i === all.length - 1 ? l : l + (i % 3 === 1 ? '\r\n' : '\n'))).join('') },
  ];
  if (/^---\n[\s\S]*?\n---\n/.test(lf)) {
    out.push({ name: 'YAML comment', text: lf.replace(/^---\n/, '---\n# front matter kept as written\n').replace(/^(status:[^\n#]*)$/m, '$1 # keep this comment') });
  }
  return out;
}

/** Offsets of a position, by the test's own line split. */
function offsetOf(text: string, p: Range['start']): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const c = text[i];
    if (c === undefined) break;
    i++;
    if (c === '\r' && text[i] === '\n') i++;
    if (c === '\r' || c === '\n') line++;
  }
  return i + p.character;
}

function lineBreakKinds(text: string): Set<string> {
  return new Set(text.match(/\r\n|\r|\n/g) ?? []);
}

function comparable(d: Decision): unknown {
  return {
    format: d.format === 'dotnet-adr' ? 'nygard' : d.format,
    identity: d.identity,
    title: d.title,
    date: d.date,
    decisionMakers: d.decisionMakers,
    consulted: d.consulted,
    informed: d.informed,
    tags: d.tags,
    sections: d.sections,
    appliesTo: d.appliesTo,
    problems: d.problems.filter((p) => p.code !== 'status-unrecognised').map((p) => p.code).sort(),
  };
}

interface Tally {
  applied: number;
  unchanged: number;
  refused: Map<string, number>;
}

/** Checks one edit of one decision; returns a failure description or undefined. */
function checkOne(file: string, text: string, before: readonly Decision[], index: number, places: RecordPlaces | undefined, req: EditRequest, tally: Tally): string | undefined {
  const d = before[index];
  const result = verifiedEdits(text, d, req);
  if (!result.ok) {
    if (typeof result.message !== 'string' || result.message.length < 10) return 'refused without a message';
    if (req.kind === 'status' && places?.status) return `refused a status change of a record that has a status: ${result.message}`;
    const key = result.message.replace(/\/[^\s]*\.md/g, 'FILE').replace(/"[^"]*"/g, '"…"').replace(/already superseded by .*?;/, 'already superseded by …;');
    tally.refused.set(key, (tally.refused.get(key) ?? 0) + 1);
    return undefined;
  }
  if (result.edits.length === 0) {
    tally.unchanged++;
    return undefined;
  }
  tally.applied++;
  const out = applyEdits(text, result.edits);
  if (out !== result.text) return 'verifiedEdits text differs from applying its edits';
  // Bytes outside the edits, by the test's own offsets.
  const spans = result.edits.map((e: TextEdit) => ({ s: offsetOf(text, e.range.start), e: offsetOf(text, e.range.end), t: e.newText })).sort((a, b) => a.s - b.s);
  let rebuilt = '';
  let at = 0;
  for (const sp of spans) {
    rebuilt += text.slice(at, sp.s) + sp.t;
    at = sp.e;
  }
  rebuilt += text.slice(at);
  if (rebuilt !== out) return 'bytes outside the edits changed';
  // Each replacement lies inside the value the parser read (the status, or a link list); the rest are insertions.
  for (const sp of spans) {
    if (sp.s === sp.e) continue;
    const inside = [places?.status?.range, ...d.relations.map((r) => r.range)].some((r) => r && offsetOf(text, r.start) <= sp.s && sp.e <= offsetOf(text, r.end));
    if (!inside) return `replaced ${JSON.stringify(text.slice(sp.s, sp.e))}, which is not the value the parser read`;
  }
  if (text.startsWith('\uFEFF') !== out.startsWith('\uFEFF')) return 'BOM lost or added';
  const kinds = lineBreakKinds(text);
  for (const k of lineBreakKinds(out)) if (kinds.size > 0 && !kinds.has(k)) return `line break ${JSON.stringify(k)} added`;
  const after = parseRecord(out, file, editParseOptions(d));
  if (after.length !== before.length) return 'number of decisions changed';
  const now = after[index];
  if (req.kind === 'status') {
    if (now.status.kind !== req.status) return `status reads ${now.status.kind} ("${now.status.text}")`;
  } else {
    if (req.link === 'superseded-by' && now.status.kind !== 'superseded') return `status reads ${now.status.kind} after supersede`;
    const other = req.other;
    if (!now.relations.some((r) => r.kind === req.link && (r.target.path === other.href || r.target.id === other.display || (!other.href && r.target.title === other.title)))) {
      return `no ${req.link} relation read back`;
    }
    // Idempotent: the same edit again changes nothing.
    const again = verifiedEdits(out, now, req);
    if (!again.ok || again.edits.length > 0) return `not idempotent: ${again.ok ? JSON.stringify(again.edits) : again.message}`;
  }
  // A record of no known format becomes MADR when it gets a front matter status, and dotnet-adr
  // is told from Nygard by its status wording: the format may follow the status, nothing else may.
  const formatFree = (x: Decision): unknown => ({ ...(comparable(x) as object), format: before[index].format === 'unknown' && !before[index].status.text ? '' : (comparable(x) as { format: string }).format });
  assert.deepEqual(formatFree(now), formatFree(before[index]), `${file}: fields changed`);
  // Relations outside the edited value are all still there.
  const touched = (r: Range): boolean => spans.some((sp) => offsetOf(text, r.start) < Math.max(sp.e, sp.s + 1) && sp.s < offsetOf(text, r.end));
  for (const r of before[index].relations) {
    if (touched(r.range)) continue;
    if (!now.relations.some((n) => n.kind === r.kind && n.target.text === r.target.text)) return `relation ${r.kind} ${r.target.text} lost`;
  }
  for (let j = 0; j < before.length; j++) {
    if (j !== index && JSON.stringify([comparable(before[j]), before[j].status]) !== JSON.stringify([comparable(after[j]), after[j].status])) {
      return `another entry changed: ${before[j].title}`;
    }
  }
  return undefined;
}

describe('edits on every corpus record (property)', function () {
  this.timeout(120_000);

  it('either refuse with a message or change only the requested status or relation', () => {
    const tally: Tally = { applied: 0, unchanged: 0, refused: new Map() };
    const failures: string[] = [];
    const perKind = new Map<string, number>();
    let records = 0;
    for (const { path, text } of corpusRecords()) {
      variants(text).forEach((v) => {
        const read = parseRecordWithPlaces(v.text, path);
        const decisions = read.map((x) => x.decision);
        if (v.name === 'LF') records += read.length;
        read.forEach(({ decision, places }, index) => {
          REQUESTS(decision.format === 'decision-log').forEach(({ name, request }) => {
            perKind.set(name, (perKind.get(name) ?? 0) + 1);
            let failure: string | undefined;
            try {
              failure = checkOne(path, v.text, decisions, index, places, request, tally);
            } catch (e) {
              failure = e instanceof Error ? e.message.split('\n')[0] : String(e);
            }
            if (failure) failures.push(`${relative(CORPUS, path)}#${index} [${v.name}] ${name}: ${failure}`);
          });
        });
      });
    }
    const refusedTotal = [...tally.refused.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `${records} decisions; ${[...perKind.values()].reduce((a, b) => a + b, 0)} edits: ${tally.applied} applied, ${tally.unchanged} already so, ${refusedTotal} refused`,
      ...[...tally.refused.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `  ${n} refused: ${m}`),
    ];
    console.log(lines.join('\n'));
    assert.deepEqual(failures.slice(0, 30), [], `${failures.length} failures`);
  });
});
