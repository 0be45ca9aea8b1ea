import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { Decision, StatusKind } from '../../src/core/model';
import { parseRecord } from '../../src/core/parse/parseRecord';
import type { ParseOptions } from '../../src/core/parse/parseRecord';
import { allRanges, corpusRecords, rangeInside } from './parseHelpers';

const KINDS: readonly StatusKind[] = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded', 'draft', 'not-implemented', 'on-hold', 'unknown'];


/** Parses and checks what every caller relies on: no throw, sane values, ranges inside the text. */
function check(text: string, path: string, options?: ParseOptions): Decision[] {
  let ds: Decision[] = [];
  assert.doesNotThrow(() => {
    ds = parseRecord(text, path, options);
  });
  assert.ok(Array.isArray(ds));
  for (const d of ds) {
    assert.equal(typeof d.title, 'string');
    assert.ok(d.title.length > 0, 'a title, from the file name at worst');
    assert.ok(KINDS.includes(d.status.kind));
    assert.ok(d.identity.number !== undefined || d.identity.slug !== undefined, 'a number or a slug');
    assert.ok(!d.problems.some((p) => p.code === 'parser-error'), d.problems.map((p) => p.message).join('; '));
    for (const r of allRanges(d)) assert.ok(rangeInside(text, r), `range ${JSON.stringify(r)} outside the text`);
    for (const rel of d.relations) assert.ok(rel.target.id || rel.target.path || rel.target.title);
  }
  return ds;
}

type Mutation = (text: string) => string;

/** Edits a real record the way files get damaged: truncation, stray bytes, line ends, lost lines, broken YAML. */
function mutation(): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const insert = (piece: string): fc.Arbitrary<Mutation> => at.map((i) => (t: string) => t.slice(0, i % (t.length + 1)) + piece + t.slice(i % (t.length + 1)));
  const lineOp = (op: (lines: string[], i: number) => string[]): fc.Arbitrary<Mutation> =>
    at.map((i) => (t: string) => {
      const lines = t.split('\n');
      return op(lines, i % lines.length).join('\n');
    });
  return fc.oneof(
    at.map((i) => (t: string) => t.slice(0, i % (t.length + 1))),
    insert('\r\n'),
    insert('\r'),
    insert('\uFEFF'),
    insert('\0'),
    insert('\n---\n'),
    insert('[link](0001-x.md'),
    insert('\n# '),
    insert('\n```\n'),
    insert('<!--'),
    insert('\ud800'),
    fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
    fc.constant((t: string) => '\uFEFF' + t),
    fc.constant((t: string) => '---\nstatus: [accepted\ndate: "2020\n---\n' + t),
    fc.constant((t: string) => t.replace(/^---\n/, '---\nstatus: : :\n  - x\n\t- y\n')),
    fc.constant((t: string) => t.replace(/\n---\n/, '\n')),
    lineOp((lines, i) => [...lines.slice(0, i), lines[i], ...lines.slice(i)]),
    lineOp((lines, i) => [...lines.slice(0, i), ...lines.slice(i + 1)]),
    lineOp((lines, i) => [...lines.slice(0, i), `Superseded by [${lines[i]}](${lines[i]}.md)`, ...lines.slice(i + 1)]),
    lineOp((lines, i) => [...lines.slice(0, i), `${lines[i]}: ${lines[i]}`, ...lines.slice(i + 1)]),
  );
}

/** Markdown built from the pieces records are made of, in random order. */
function recordLike(): fc.Arbitrary<string> {
  const word = fc.constantFrom('Use', 'Kafka', 'ADR-0005', '`code`', '**bold**', '0002', '[x](0003-x.md)', 'é', '🚀', '|', ':', '#', '-', '*', '"');
  const words = fc.array(word, { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));
  const piece = fc.oneof(
    words.map((w) => `# ${w}`),
    words.map((w) => `## ${w}`),
    fc.constantFrom('## Status', '## Context', '## Decision', '## Consequences', '## Considered Options', '## Links', '## Decision Outcome'),
    words.map((w) => `Status: ${w}`),
    words.map((w) => `- Status: ${w}`),
    words.map((w) => `* Deciders: ${w}`),
    words.map((w) => `Date: ${w}`),
    fc.constantFrom('Date: 2020-02-30', 'Date: 31/12/2020', 'Chosen option: "X", because', 'Technical Story: y'),
    words.map((w) => `Superseded by ${w}`),
    words.map((w) => `Supersedes [${w}](0001-${w}.md)`),
    words.map((w) => `Amends: ${w}`),
    words.map((w) => `* ${w}`),
    fc.constantFrom('---', '```', '~~~', '> quote', '<!-- c -->', '', '', ''),
    words.map((w) => `status: ${w}`),
  );
  return fc.array(piece, { maxLength: 30 }).chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)));
}

describe('parseRecord properties', () => {
  const files = corpusRecords();
  const paths = fc.constantFrom('/w/doc/adr/0005-x.md', '/w/docs/adr/20201016-x.md', '/w/DECISIONS.md', '/w/decision-log.md', '/w/docs/decisions/x.md', '');
  const options = fc.constantFrom<ParseOptions | undefined>(undefined, { kind: 'record' }, { kind: 'log' }, { format: 'dotnet-adr' });

  it('never throws on random strings, and keeps every range inside the text', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), paths, options, (text, path, opts) => {
        check(text, path, opts);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on random bytes decoded as UTF-8 or Latin-1', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('utf-8', 'latin1', 'utf-16le'), paths, (bytes, encoding, path) => {
        check(new TextDecoder(encoding).decode(bytes), path);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on record-like Markdown, with any line ends', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(recordLike(), paths, options, (text, path, opts) => {
        check(text, path, opts);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on damaged real records', function () {
    this.timeout(120000);
    assert.ok(files.length > 80);
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutation(), { minLength: 1, maxLength: 4 }), options, (file, edits, opts) => {
        const text = edits.reduce((t, edit) => edit(t), file.text);
        check(text, file.path, opts);
      }),
      { numRuns: 400 },
    );
  });

  /** Parses a text with LF, CRLF and CR line ends and asserts the three readings are equal. */
  const sameWithAnyLineEnds = (text: string, path: string, source: string): void => {
    const strip = (ds: Decision[]): unknown => JSON.parse(JSON.stringify(ds));
    // Some records are CRLF already (buildpacks' 0042): every variant starts from LF.
    const lf = text.replace(/\r\n?/g, '\n');
    const expected = strip(check(lf, path));
    assert.deepEqual(strip(check(lf.replace(/\n/g, '\r\n'), path)), expected, `${source} with CRLF line ends`);
    assert.deepEqual(strip(check(lf.replace(/\n/g, '\r'), path)), expected, `${source} with CR line ends`);
  };

  it('reads a record the same with CRLF, CR or LF line ends', function () {
    this.timeout(60000);
    const seed = Date.now() ^ (Math.random() * 0x7fffffff);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...files).map((f) => ({ text: f.text, source: f.path })),
          recordLike().map((t) => ({ text: t, source: 'generated record' })),
        ),
        paths,
        (sample, path) => {
          try {
            sameWithAnyLineEnds(sample.text, path, sample.source);
          } catch (error) {
            throw new Error(`seed ${seed}: ${sample.source} read as ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
        },
      ),
      { numRuns: 200, seed },
    );
  });

  it('reads every corpus record the same with CRLF, CR or LF line ends, at its own path', function () {
    this.timeout(120000);
    assert.ok(files.length > 500, `${files.length} records`);
    for (const f of files) sameWithAnyLineEnds(f.text, f.path, f.path);
  });

  it('reads a record the same with a BOM, shifted by one column on line 0 only', function () {
    this.timeout(60000);
    const shift = (ds: Decision[]): unknown =>
      JSON.parse(JSON.stringify(ds), (key, value) => {
        if (value && typeof value === 'object' && typeof value.line === 'number' && typeof value.character === 'number' && value.line === 0) {
          return { line: 0, character: Math.max(0, value.character - 1) };
        }
        return value;
      });
    fc.assert(
      fc.property(fc.constantFrom(...files).map((f) => f.text), paths, (text, path) => {
        const plain = check(text, path);
        const withBom = check('\uFEFF' + text, path);
        assert.deepEqual(shift(withBom), JSON.parse(JSON.stringify(plain)));
      }),
      { numRuns: 150 },
    );
  });
});
