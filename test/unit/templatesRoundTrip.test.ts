// Every record writer's output, read back with the project's parser: each field the form
// collected must come back as the user typed it, in every format.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Decision, FormatFamily } from '../../src/core/model';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { applyEdits, linkEdits, statusEdits } from '../../src/core/templates/edits';
import { appendEntryEdit, planRecord, relatedRecord } from '../../src/core/templates/plan';
import type { RecordData, RelatedRecord, TemplateFormat } from '../../src/core/templates/recordData';
import { TEMPLATE_FORMATS, emptyRecordData } from '../../src/core/templates/recordData';
import { validateRecordData } from '../../src/core/templates/validate';
import { renderRecord } from '../../src/core/templates/writers';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

/** The family the parser reports for a record written in each format. */
const FAMILY: Record<TemplateFormat, FormatFamily> = {
  nygard: 'nygard',
  madr2: 'madr2',
  madr3: 'madr3',
  madr4: 'madr4',
  'madr4-minimal': 'madr4',
  log4brains: 'log4brains',
  'decision-log': 'decision-log',
};

const FULL: RecordData = {
  title: 'Use webhooks instead of polling for the partner API',
  status: 'accepted',
  date: '2026-05-01',
  decisionMakers: ['Ann Lee', 'Bob Smith'],
  consulted: ['Carol Jones'],
  informed: ['Dan Brown', 'Support team'],
  context: 'The partner rate-limits its API.\n\nPolling every order every minute exceeds the limit past 2,000 orders.',
  consideredOptions: ['Webhooks', 'Polling', 'WebSocket stream'],
  chosenOption: 'Webhooks',
  decision: 'it is the only option within the rate limit.',
  consequences: 'We run a receiver endpoint and handle retries and duplicate deliveries.',
  tags: ['api', 'partner'],
  appliesTo: ['src/partner/**', 'src/webhooks/*.ts'],
};

const HELP_COMMENTS: RelatedRecord = { title: 'Help comments', number: 5, display: 'ADR-0005', href: '../adr/0005-help-comments.md', stem: '0005-help-comments' };

/** Writes a record in a format (as a new file, or appended to a decision log) and reads it back. */
function roundTrip(data: RecordData, format: TemplateFormat, relation?: { kind: 'supersedes' | 'amends'; target: RelatedRecord }): { text: string; decision: Decision; path: string } {
  if (format === 'decision-log') {
    const log = readFileSync(join(CORPUS, 'decision-log/DECISIONS.md'), 'utf8');
    const before = parseRecord(log, '/w/DECISIONS.md');
    const plan = planRecord(data, format, { kind: 'log', path: '/w/DECISIONS.md', prefix: 'DL', entryCount: before.length, logText: log }, relation);
    const text = applyEdits(log, [appendEntryEdit(log, plan.text)]);
    const after = parseRecord(text, '/w/DECISIONS.md');
    assert.equal(after.length, before.length + 1, 'one entry more');
    // The entries that were there are read exactly as before.
    assert.deepEqual(after.slice(0, before.length), before);
    assert.equal(plan.display, `DL-${before.length + 1}`);
    return { text, decision: after[after.length - 1], path: plan.path };
  }
  // A log4brains folder is named by date, the others by number (the folder's names decide).
  const fileNames = format === 'log4brains' ? ['20200101-a.md', 'README.md'] : ['0001-a.md', '0011-b.md'];
  const plan = planRecord(data, format, { kind: 'folder', path: '/w/docs/decisions', prefix: 'ADR', fileNames }, relation);
  const [decision] = parseRecord(plan.text, plan.path);
  return { text: plan.text, decision, path: plan.path };
}

/** Asserts every field of `data` was read back from the record. */
function assertFields(decision: Decision, data: RecordData, format: TemplateFormat): void {
  assert.equal(decision.format, FAMILY[format]);
  assert.equal(decision.title, data.title);
  assert.equal(decision.status.kind, data.status);
  assert.equal(decision.date, data.date);
  assert.deepEqual(decision.decisionMakers, data.decisionMakers);
  assert.deepEqual(decision.consulted, data.consulted);
  assert.deepEqual(decision.informed, data.informed);
  assert.deepEqual(decision.tags, data.tags);
  assert.deepEqual(decision.appliesTo, data.appliesTo);
  assert.deepEqual(decision.problems, []);
  const s = decision.sections;
  if (format === 'decision-log') {
    // A log entry is one line per field; alternatives are the options not chosen.
    assert.equal(s.context, data.context.replace(/\s+/g, ' ').trim());
    assert.deepEqual(s.consideredOptions ?? [], data.consideredOptions.filter((o) => o !== data.chosenOption));
    assert.equal(s.decision, `${data.chosenOption}, because ${data.decision}`);
    assert.equal(s.tradeOffs, data.consequences);
  } else {
    assert.equal(s.context, data.context);
    assert.deepEqual(s.consideredOptions, data.consideredOptions);
    assert.equal(s.chosenOption, data.chosenOption);
    assert.equal(s.decision, `Chosen option: "${data.chosenOption}", because ${data.decision}`);
    assert.equal(s.consequences, data.consequences);
  }
}

describe('record writers read back by the parser', () => {
  for (const format of TEMPLATE_FORMATS) {
    it(`${format}: every field comes back`, () => {
      const { decision } = roundTrip(FULL, format);
      assertFields(decision, FULL, format);
      assert.deepEqual(decision.relations, []);
    });

    it(`${format}: the new record's number or slug is its identity`, () => {
      const { decision, path } = roundTrip(FULL, format);
      if (format === 'decision-log') assert.equal(decision.identity.number, 5);
      else if (format === 'log4brains') {
        assert.equal(path, '/w/docs/decisions/20260501-use-webhooks-instead-of-polling-for-the-partner-api.md');
        assert.equal(decision.identity.slug, '20260501-use-webhooks-instead-of-polling-for-the-partner-api');
      } else {
        assert.equal(path, '/w/docs/decisions/0012-use-webhooks-instead-of-polling-for-the-partner-api.md');
        assert.equal(decision.identity.number, 12);
      }
    });

    it(`${format}: a supersede link points at the superseded record`, () => {
      const { decision } = roundTrip(FULL, format, { kind: 'supersedes', target: HELP_COMMENTS });
      assert.equal(decision.relations.length, 1);
      const [r] = decision.relations;
      assert.equal(r.kind, 'supersedes');
      if (format === 'madr3' || format === 'madr4' || format === 'madr4-minimal') assert.equal(r.target.id, 'ADR-0005');
      else assert.equal(r.target.path, '../adr/0005-help-comments.md');
      // Every other field is unchanged by the link.
      assertFields(decision, FULL, format);
    });

    it(`${format}: an amends link`, () => {
      const { decision } = roundTrip(FULL, format, { kind: 'amends', target: HELP_COMMENTS });
      assert.deepEqual(decision.relations.map((r) => r.kind), ['amends']);
    });

    it(`${format}: a record with only a title and a status`, () => {
      const minimal: RecordData = { ...emptyRecordData('2026-01-31'), title: 'Keep it simple', status: 'proposed' };
      const { decision } = roundTrip(minimal, format);
      assert.equal(decision.title, 'Keep it simple');
      assert.equal(decision.status.kind, 'proposed');
      assert.equal(decision.date, '2026-01-31');
      assert.deepEqual([decision.decisionMakers, decision.tags, decision.appliesTo], [[], [], []]);
      assert.deepEqual(decision.problems, []);
    });

    it(`${format}: CRLF line ends read the same`, () => {
      if (format === 'decision-log') return;
      const plan = planRecord(FULL, format, { kind: 'folder', path: '/w/d', prefix: 'ADR', fileNames: [] }, undefined, [], '\r\n');
      assert.ok(!/[^\r]\n/.test(plan.text));
      const [decision] = parseRecord(plan.text, plan.path);
      assertFields(decision, FULL, format);
    });
  }

  it('keeps any valid title, names and text (property)', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ][a-zà-ÿ]{1,9}$/);
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
    const name = fc.tuple(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), fc.stringMatching(/^[A-Z][a-z]{1,8}$/)).map(([a, b]) => `${a} ${b}`);
    const names = fc.uniqueArray(name, { maxLength: 3 });
    const data: fc.Arbitrary<RecordData> = fc.record({
      title: fc.tuple(sentence, fc.constantFrom('', '?', ' (v2)', ': the sequel', ' — über', ' & more')).map(([a, b]) => a + b),
      status: fc.constantFrom('proposed', 'accepted', 'rejected', 'deprecated'),
      date: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      decisionMakers: names,
      consulted: names,
      informed: names,
      context: sentence.map((s) => s + '.'),
      consideredOptions: fc.uniqueArray(sentence, { minLength: 0, maxLength: 4 }),
      chosenOption: fc.constant(''),
      decision: sentence,
      consequences: sentence,
      tags: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { maxLength: 3 }),
      appliesTo: fc.uniqueArray(fc.stringMatching(/^src\/[a-z]{1,6}\/\*\*$/), { maxLength: 2 }),
    }).map((d) => ({ ...d, chosenOption: d.consideredOptions[0] ?? '' }));
    fc.assert(
      fc.property(data, fc.constantFrom(...TEMPLATE_FORMATS), (d, format) => {
        if (validateRecordData(d, format).some((m) => m.severity === 'error')) return;
        const { decision } = roundTrip(d, format);
        assert.equal(decision.title, d.title);
        assert.equal(decision.status.kind, d.status);
        assert.equal(decision.date, d.date);
        assert.deepEqual(decision.decisionMakers, d.decisionMakers);
        assert.deepEqual(decision.consulted, d.consulted);
        assert.deepEqual(decision.informed, d.informed);
        assert.deepEqual(decision.tags, d.tags);
        assert.deepEqual(decision.appliesTo, d.appliesTo);
        if (format !== 'decision-log') {
          assert.equal(decision.sections.context, d.context);
          assert.deepEqual(decision.sections.consideredOptions ?? [], d.consideredOptions);
          if (d.chosenOption !== '') assert.equal(decision.sections.chosenOption, d.chosenOption);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('status and link edits read back by the parser', () => {
  const read = (p: string): string => readFileSync(join(CORPUS, p), 'utf8');
  const parsed = (text: string, path: string): Decision => parseRecord(text, path)[0];

  it('an adr-tools record superseded by a MADR 4 record in another folder', () => {
    const oldPath = '/w/doc/adr/0005-help-comments.md';
    const oldText = read('adr-tools/doc/adr/0005-help-comments.md');
    const plan = planRecord(FULL, 'madr4', { kind: 'folder', path: '/w/docs/decisions', prefix: 'MADR', fileNames: [] }, {
      kind: 'supersedes',
      target: relatedRecord({ path: oldPath, title: 'Help comments', number: 5, display: 'ADR-0005' }, '/w/docs/decisions'),
    });
    const back = relatedRecord({ path: plan.path, title: FULL.title, number: plan.number, display: plan.display }, '/w/doc/adr');
    const result = linkEdits(oldText, parsed(oldText, oldPath), 'superseded-by', back);
    assert.ok(result.ok);
    const old = parsed(applyEdits(oldText, result.edits), oldPath);
    assert.equal(old.status.kind, 'superseded');
    const superseded = old.relations.find((r) => r.kind === 'superseded-by');
    assert.ok(superseded);
    assert.equal(superseded.target.path, '../../docs/decisions/0001-use-webhooks-instead-of-polling-for-the-partner-api.md');
    // The record's own relation and text are still there.
    assert.ok(old.relations.some((r) => r.kind === 'amended-by' && r.target.path === '0009-help-scripts.md'));
    assert.equal(old.sections.context, parsed(oldText, oldPath).sections.context);
    const created = parsed(plan.text, plan.path);
    assert.deepEqual(created.relations.map((r) => [r.kind, r.target.id]), [['supersedes', 'ADR-0005']]);
  });

  it('a MADR record superseded: front matter status and link', () => {
    const path = '/w/docs/decisions/0003-use-x.md';
    const text = renderRecord(FULL, { format: 'madr4' });
    const result = linkEdits(text, parsed(text, path), 'superseded-by', { title: 'Use Y', number: 4, display: 'ADR-0004', href: '0004-use-y.md', stem: '0004-use-y' });
    assert.ok(result.ok);
    const d = parsed(applyEdits(text, result.edits), path);
    assert.equal(d.status.kind, 'superseded');
    assert.deepEqual(d.relations.map((r) => [r.kind, r.target.id]), [['superseded-by', 'ADR-0004']]);
    assertFields({ ...d, status: { kind: 'accepted', text: '' } }, FULL, 'madr4');
  });

  it('a log4brains record superseded, and its successor linked', () => {
    const oldPath = '/w/docs/adr/20201103-use-lunr-for-search.md';
    const oldText = read('log4brains/docs/adr/20201103-use-lunr-for-search.md');
    const next = { title: 'Use Elasticsearch', display: 'ADR-20260501-use-elasticsearch', href: '20260501-use-elasticsearch.md', stem: '20260501-use-elasticsearch' };
    const result = linkEdits(oldText, parsed(oldText, oldPath), 'superseded-by', next);
    assert.ok(result.ok);
    const old = parsed(applyEdits(oldText, result.edits), oldPath);
    assert.equal(old.status.kind, 'superseded');
    assert.ok(old.relations.some((r) => r.kind === 'superseded-by' && r.target.path === '20260501-use-elasticsearch.md'));
  });

  it('a decision log entry superseded by a new entry of the same log', () => {
    const path = '/w/DECISIONS.md';
    const log = read('decision-log/DECISIONS.md');
    const before = parseRecord(log, path);
    const old = before[0];
    const plan = planRecord({ ...FULL, title: 'Use a message queue for partner updates' }, 'decision-log', { kind: 'log', path, prefix: 'DL', entryCount: before.length, logText: log }, {
      kind: 'supersedes',
      target: relatedRecord({ path, title: old.title, number: 1, display: 'DL-1' }, '/w', true),
    });
    const oldEdits = linkEdits(log, old, 'superseded-by', relatedRecord({ path, title: 'Use a message queue for partner updates', number: 5, display: 'DL-5' }, '/w', true));
    assert.ok(oldEdits.ok);
    const text = applyEdits(log, [...oldEdits.edits, appendEntryEdit(log, plan.text)]);
    const after = parseRecord(text, path);
    assert.equal(after.length, 5);
    assert.equal(after[0].status.kind, 'superseded');
    assert.deepEqual(after[0].relations.map((r) => [r.kind, r.target.title]), [['superseded-by', 'Use a message queue for partner updates']]);
    assert.deepEqual(after[4].relations.map((r) => [r.kind, r.target.title]), [['supersedes', old.title]]);
    // The entries in between are read exactly as before.
    assert.deepEqual(after.slice(1, 4).map((d) => [d.title, d.status, d.sections]), before.slice(1, 4).map((d) => [d.title, d.status, d.sections]));
  });

  it('status changes are read back in every format', () => {
    for (const format of TEMPLATE_FORMATS) {
      if (format === 'decision-log') continue;
      const plan = planRecord(FULL, format, { kind: 'folder', path: '/w/d', prefix: 'ADR', fileNames: [] });
      for (const status of ['deprecated', 'rejected', 'proposed']) {
        const result = statusEdits(plan.text, parsed(plan.text, plan.path), status);
        assert.ok(result.ok, format);
        const d = parsed(applyEdits(plan.text, result.edits), plan.path);
        assert.equal(d.status.kind, status, `${format} → ${status}`);
        assert.equal(d.format, FAMILY[format]);
      }
    }
  });
});
