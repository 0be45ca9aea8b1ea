import * as assert from 'node:assert/strict';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { allRanges, doc, one, rangeInside, textAt } from './parseHelpers';

describe('parseRecord on bad input', () => {
  it('reads an empty file as a record named after its file, with a warning', () => {
    for (const text of ['', '   \n\n\t', '\uFEFF', '\r\n\r\n']) {
      const d = one(text, '/w/doc/adr/0007-use-kafka.md');
      assert.deepEqual(d.identity, { number: 7, numberText: '0007' });
      assert.equal(d.title, 'Use kafka');
      assert.equal(d.status.kind, 'unknown');
      assert.deepEqual(d.problems.map((p) => [p.code, p.severity]), [['empty-record', 'warning']]);
      for (const r of allRanges(d)) assert.ok(rangeInside(text, r));
    }
  });

  it('reports a binary file at its first NUL byte instead of reading it', () => {
    const text = '# Title\nsome text\nab\0cd\n\0\0\0';
    const d = one(text, '/w/doc/adr/0003-image.md');
    assert.deepEqual(d.problems.map((p) => [p.code, p.severity, p.range.start.line, p.range.start.character]), [['binary-file', 'error', 2, 2]]);
    assert.equal(d.title, 'Image');
    assert.deepEqual(d.relations, []);
  });

  it('reads a file without any heading, named after its file, with a problem on line 0', () => {
    const text = 'We decided to use Kafka.\n\nStatus: accepted\n';
    const d = one(text, '/w/doc/adr/0004-kafka-for-events.md');
    assert.equal(d.title, 'Kafka for events');
    assert.equal(d.status.kind, 'accepted');
    assert.deepEqual(d.problems.map((p) => [p.code, p.range.start.line]), [['missing-title', 0]]);
  });

  it('reads a 5 MB record', function () {
    this.timeout(30000);
    const section = doc(['## Context', '', 'Lorem ipsum dolor sit amet, `code` and [a link](https://example.com).', '', '* item', '* Supersedes [1. X](0001-x.md)', '', '```', 'code', '```', '']);
    let text = doc(['# 9. Big record', '', 'Date: 2020-01-01', '', '## Status', '', 'Accepted', '', '']);
    while (text.length < 5 * 1024 * 1024) text += section;
    const d = one(text, '/w/doc/adr/0009-big.md');
    assert.equal(d.title, 'Big record');
    assert.equal(d.status.kind, 'accepted');
    assert.ok(d.relations.length > 10000);
    for (const r of allRanges(d)) assert.ok(rangeInside(text, r));
    assert.ok(d.sections.context?.startsWith('Lorem ipsum'));
  });

  it('reads a 5 MB decision log entry by entry', function () {
    this.timeout(60000);
    const parts: string[] = ['# Decision log', ''];
    let size = 0;
    for (let i = 1; size < 5 * 1024 * 1024; i++) {
      const entry = doc([`## Entry ${i}`, '', `Date: 2024-01-${String((i % 28) + 1).padStart(2, '0')}`, `Decision: Do thing ${i}.`, i > 1 ? `Supersedes: #${i - 1}` : 'Status: Accepted', '', 'Some prose without any colon in it at all, repeated to fill the line.'.repeat(3), '', '']);
      parts.push(entry);
      size += entry.length;
    }
    const text = parts.join('\n');
    const ds = parseRecord(text, '/w/DECISIONS.md');
    assert.equal(ds.length, parts.length - 2);
    assert.equal(ds[ds.length - 1].title, `Entry ${ds.length}`);
    assert.deepEqual(ds[ds.length - 1].relations.map((r) => [r.kind, r.target.id]), [['supersedes', String(ds.length - 1)]]);
    for (const d of ds) assert.ok(rangeInside(text, d.range) && rangeInside(text, d.titleRange));
  });

  it('reads a 5 MB single-line file and deep nesting without failing', () => {
    const line = '# ' + 'x'.repeat(5 * 1024 * 1024);
    const d = one(line, '/w/doc/adr/0001-long.md');
    assert.equal(d.title.length, 5 * 1024 * 1024);
    const nested = '# T\n\n' + '> '.repeat(5000) + '- '.repeat(5000) + 'Status: accepted\n' + '['.repeat(10000) + '\n' + '*'.repeat(10000) + '\n';
    const n = one(nested, '/w/doc/adr/0002-nested.md');
    assert.equal(n.title, 'T');
    for (const r of allRanges(n)) assert.ok(rangeInside(nested, r));
  });

  it('reads lines made to make regular expressions backtrack', () => {
    const blanks = ' '.repeat(200000);
    const lines = [
      `Supersedes${blanks}`,
      `Supersedes${blanks}x`,
      `Superseded by [x](0001-x.md)${blanks}z`,
      `- Status: ${blanks}accepted${blanks}`,
      `## ${':'.repeat(200000)}x`,
      `# ${'> '.repeat(50)}-  ${'>  '.repeat(50)}x`,
      `Date: ${'1 '.repeat(50000)}`,
      `Chosen option: ${', '.repeat(50000)}`,
      `${'[a](b.md) '.repeat(20000)}`,
    ];
    const text = doc(['---', `status: a${blanks}b`, `tags:${blanks}`, `  - x${blanks}`, '---', '# 1. Title', '', '## Status', '', ...lines, '']);
    const d = one(text, '/w/doc/adr/0001-title.md');
    assert.equal(d.title, 'Title');
    for (const r of allRanges(d)) assert.ok(rangeInside(text, r));
  });

  it('reads files with lone CR line ends like VS Code does', () => {
    const text = '# 2. Old Mac\r\rDate: 2001-01-01\r\r## Status\r\rSuperseded by [3. New](0003-new.md)\r';
    const d = one(text, '/w/doc/adr/0002-old-mac.md');
    assert.equal(d.title, 'Old Mac');
    assert.equal(d.date, '2001-01-01');
    assert.equal(d.status.kind, 'superseded');
    assert.equal(d.relations[0].range.start.line, 6);
    assert.equal(textAt(text, d.relations[0].range), 'Superseded by [3. New](0003-new.md)');
  });

  it('returns [] for files that are never decisions', () => {
    for (const name of ['README.md', 'readme.md', 'index.md', 'template.md', 'adr-template.md', 'adr-template-minimal.md', '0000-template.md', '000-template.md']) {
      assert.deepEqual(parseRecord('# 1. Title\n\n## Status\n\nAccepted\n', `/w/doc/adr/${name}`), [], name);
    }
  });

  it('accepts odd paths', () => {
    for (const path of ['', 'no-slash.md', '/', 'C:\\\\docs\\0001-x.md', '/w/doc/adr/.md', '/w/doc/adr/0001']) {
      const d = one('# Title\n', path);
      assert.equal(d.title, 'Title');
    }
  });

  it('keeps astral characters and tabs in UTF-16 columns', () => {
    const text = '# 1. 🚀 Launch\t plan\n\n## Status\n\n🎉 Accepted\n\nSupersedes [😀 0. Zero](0000-zero.md)\n';
    const d = one(text, '/w/doc/adr/0001-launch.md');
    assert.equal(d.title, '🚀 Launch plan');
    assert.equal(textAt(text, d.titleRange), '🚀 Launch\t plan');
    assert.equal(d.status.kind, 'accepted');
    assert.equal(textAt(text, d.relations[0].range), 'Supersedes [😀 0. Zero](0000-zero.md)');
  });
});
