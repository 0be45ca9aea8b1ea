import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Decision, Range } from '../../src/core/model';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { EXPECTED, NOT_DECISIONS } from './corpusExpected';
import type { ExpectedRecord } from './corpusExpected';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

function read(file: string): string {
  return readFileSync(join(CORPUS, file), 'utf8');
}

function textAt(text: string, r: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

function describeRow(row: ExpectedRecord): string {
  return `${row.file}${row.entry !== undefined ? ` #${row.entry + 1}` : ''}: ${row.title}`;
}

describe('parseRecord on the real corpus', () => {
  before(function () {
    if (!existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS} (clone shared/ beside the repository)`);
  });

  it('covers at least 60 records across every family in the corpus', () => {
    assert.ok(EXPECTED.length >= 60, `only ${EXPECTED.length} rows`);
    const families = new Set(EXPECTED.map((r) => r.format));
    for (const f of ['nygard', 'madr4', 'log4brains', 'decision-log'] as const) assert.ok(families.has(f), `no ${f} row`);
    const folders = ['adr-tools/', 'madr/', 'log4brains/', 'integration-tests/ro-project/', 'home-assistant/', 'decision-log/'];
    folders.push('winery/', 'neon/', 'pigweed/', 'ingot/docs/adr/', 'ingot/rfcs/', 'ingot/docs/gaps.md', 'cometbft/', 'buildpacks/');
    for (const folder of folders) {
      assert.ok(EXPECTED.some((r) => r.file.includes(folder)), `no row from ${folder}`);
    }
  });

  for (const row of EXPECTED) {
    it(describeRow(row), () => {
      const text = read(row.file);
      // As the index reads them: a file in a decision folder is one record, a log has entries.
      const decisions = parseRecord(text, join(CORPUS, row.file), { kind: row.entry !== undefined ? 'log' : 'record' });
      const d: Decision | undefined = decisions[row.entry ?? 0];
      assert.ok(d, `no decision ${row.entry ?? 0} (got ${decisions.length})`);
      if (row.entry === undefined) assert.equal(decisions.length, 1, 'one decision per record file');

      assert.equal(d.format, row.format, 'format');
      const identity: Record<string, unknown> = {};
      if (row.number !== undefined) identity.number = row.number;
      if (row.numberText !== undefined) identity.numberText = row.numberText;
      if (row.slug !== undefined) identity.slug = row.slug;
      if (row.prefix !== undefined) identity.prefix = row.prefix;
      assert.deepEqual({ ...d.identity }, identity, 'identity');
      assert.equal(d.title, row.title, 'title');
      assert.equal(d.titleMarkdown, row.titleMarkdown, 'title as written, with its Markdown');
      assert.equal(d.status.kind, row.status, `status kind (status text "${d.status.text}")`);
      if (row.statusText !== undefined) assert.equal(d.status.text, row.statusText, 'status text');
      assert.equal(d.date, row.date, 'date');
      assert.deepEqual(d.decisionMakers, row.decisionMakers ?? [], 'decision makers');
      assert.deepEqual(d.tags, row.tags ?? [], 'tags');
      if (row.chosenOption !== undefined) assert.equal(d.sections.chosenOption, row.chosenOption, 'chosen option');
      assert.deepEqual(
        d.problems.map((p) => p.code).sort(),
        [...(row.problems ?? [])].sort(),
        `problems: ${d.problems.map((p) => p.message).join('; ')}`,
      );

      const relations = d.relations.map((r) => ({
        kind: r.kind,
        ...(r.target.path !== undefined ? { path: r.target.path } : {}),
        ...(r.target.id !== undefined ? { id: r.target.id } : {}),
        ...(r.target.title !== undefined ? { title: r.target.title } : {}),
      }));
      assert.deepEqual(relations, row.relations ?? [], 'relations');
      for (const r of d.relations) {
        // The range covers the relation as written: it contains the link or id text.
        assert.ok(textAt(text, r.range).includes(r.target.text), `relation range "${textAt(text, r.range)}" lacks "${r.target.text}"`);
        assert.ok(textAt(text, r.range).toLowerCase().includes(r.verb.toLowerCase()), 'relation range includes the verb');
      }

      if (!(row.problems ?? []).includes('missing-title')) {
        const written = textAt(text, d.titleRange);
        assert.equal(written.replace(/\s*\n\s*/g, ' '), row.titleMarkdown ?? row.title, 'title range covers the title as written');
      }
      if (row.entry === undefined) {
        const lines = text.split(/\r\n|\r|\n/);
        assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } });
      }
    });
  }

  it('reads every entry of the decision log, in order, with its fields', () => {
    const text = read('decision-log/DECISIONS.md');
    const entries = parseRecord(text, join(CORPUS, 'decision-log/DECISIONS.md'));
    assert.equal(entries.length, 4);
    const first = entries[0];
    assert.deepEqual(first.sections.consideredOptions, ['Polling (simple, but hits the rate limit)', 'WebSocket stream (the partner does not offer one)']);
    assert.equal(
      first.sections.tradeOffs,
      'We must run a receiver endpoint and handle retries and duplicate deliveries, but we avoid rate limits entirely.',
    );
    assert.equal(first.sections.decision, 'Receive partner order updates through webhook notifications instead of polling.');
    assert.match(first.sections.context ?? '', /^The partner rate-limits its API/);
    // Entry ranges: from the heading to the entry's last line, without overlapping.
    assert.equal(textAt(text, { start: first.range.start, end: { line: first.range.start.line, character: 200 } }), '## Use webhooks instead of polling for the partner API');
    for (let i = 1; i < entries.length; i++) assert.ok(entries[i].range.start.line > entries[i - 1].range.end.line);
    assert.equal(textAt(text, { start: entries[3].range.end, end: entries[3].range.end }), '');
    assert.match(text.split('\n')[entries[3].range.end.line], /^Amends: /);
  });

  for (const file of NOT_DECISIONS) {
    it(`${file} is not a decision`, () => {
      assert.deepEqual(parseRecord(read(file), join(CORPUS, file)), []);
    });
  }

  it('reads every Markdown file of the corpus without throwing, with ranges inside the text', function () {
    this.timeout(60000);
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.md')) files.push(p);
      }
    };
    walk(CORPUS);
    assert.ok(files.length > 100);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const d of parseRecord(text, f, { kind: 'record' })) {
        assert.ok(!d.problems.some((p) => p.code === 'parser-error'), `${f}: ${d.problems.map((p) => p.message).join('; ')}`);
        assert.ok(d.title.length > 0, `${f}: empty title`);
      }
    }
  });
});
