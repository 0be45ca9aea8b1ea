import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Decision } from '../../src/core/model';
import { range } from '../../src/core/model';
import { citationComment, citationInsertion, citationText } from '../../src/core/templates/citation';
import { applyEdits, linkEdits, statusEdits } from '../../src/core/templates/edits';
import { detectNamingScheme, nextNumber, padNumber, planFileName } from '../../src/core/templates/numbering';
import { appendEntryEdit, detectTemplateFormat, logHeadingLevel, planRecord, relatedRecord, templateFormatOf } from '../../src/core/templates/plan';
import type { RecordData } from '../../src/core/templates/recordData';
import { emptyRecordData } from '../../src/core/templates/recordData';
import { fileNameProblem, isWindowsReservedName, slugify } from '../../src/core/templates/slug';
import { globProblem, isIsoDate, splitList, validateRecordData } from '../../src/core/templates/validate';
import { renderRecord } from '../../src/core/templates/writers';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

describe('slugify', () => {
  it('lower-cases and joins words with single dashes', () => {
    assert.equal(slugify('Use Webhooks instead of Polling'), 'use-webhooks-instead-of-polling');
  });

  it('turns accented and other Latin letters into ASCII', () => {
    assert.equal(slugify('Café crème brûlée'), 'cafe-creme-brulee');
    assert.equal(slugify('Straße, Øresund, Łódź, Æther, Œuvre'), 'strasse-oresund-lodz-aether-oeuvre');
    assert.equal(slugify('Ｆｕｌｌｗｉｄｔｈ ＡＢＣ'), 'fullwidth-abc');
  });

  it('transliterates Greek and Cyrillic and drops scripts it cannot spell', () => {
    assert.equal(slugify('Использовать Kafka'), 'ispolzovat-kafka');
    assert.equal(slugify('Λάμδα'), 'lamda');
    assert.equal(slugify('使用 webhooks 🚀'), 'webhooks');
    assert.equal(slugify('決定'), 'decision');
  });

  it('treats punctuation as word breaks and keeps meaningful symbols as words', () => {
    assert.equal(slugify('Don\'t use C++ & "Java"!'), 'dont-use-c-plus-plus-and-java');
    assert.equal(slugify('  --Use: MySQL/Postgres? (v2.0)...  '), 'use-mysql-postgres-v2-0');
    assert.equal(slugify('a\\b|c<d>e*f?g"h'), 'a-b-c-d-e-f-g-h');
  });

  it('cuts very long titles at a word break', () => {
    const title = 'Record architecture decisions in a lightweight format that every engineer can read and write quickly without tools';
    const slug = slugify(title);
    assert.ok(slug.length <= 60, slug);
    assert.ok(title.toLowerCase().replace(/ /g, '-').startsWith(slug), slug);
    assert.ok(!slug.endsWith('-'));
    assert.equal(slugify('x'.repeat(500)).length, 60);
    assert.equal(slugify('one two three four', { maxLength: 10 }), 'one-two');
  });

  it('never returns a Windows reserved device name', () => {
    for (const name of ['con', 'CON', 'nul', 'Prn', 'aux', 'com1', 'COM9', 'lpt3']) {
      const slug = slugify(name);
      assert.ok(!isWindowsReservedName(slug), `${name} → ${slug}`);
      assert.equal(slug, `${name.toLowerCase()}-decision`);
    }
    assert.equal(slugify('Con artists'), 'con-artists');
    assert.equal(slugify('NUL.'), 'nul-decision');
  });

  it('always returns a safe, non-empty slug (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (title) => {
        const slug = slugify(title);
        assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok(slug.length <= 60);
        assert.equal(fileNameProblem(`${slug}.md`), undefined);
        assert.equal(fileNameProblem(slug), undefined);
      }),
      { numRuns: 500 },
    );
  });

  it('names the problem of unsafe file names', () => {
    assert.match(fileNameProblem('con.md') ?? '', /reserved/);
    assert.match(fileNameProblem('a:b.md') ?? '', /not allowed/);
    assert.match(fileNameProblem('abc.') ?? '', /dot or a space/);
    assert.equal(fileNameProblem('0001-con.md'), undefined);
  });
});

describe('numbering', () => {
  const adrTools = readdirSync(join(CORPUS, 'adr-tools/doc/adr'));
  const madr = readdirSync(join(CORPUS, 'madr/docs/decisions'));
  const log4brains = readdirSync(join(CORPUS, 'log4brains/docs/adr'));

  it('takes the number after the highest one in the folder', () => {
    assert.equal(nextNumber(adrTools), 10);
    assert.equal(nextNumber(madr), 19);
    assert.equal(nextNumber([]), 1);
    assert.equal(nextNumber(['README.md', 'template.md']), 1);
    // Gaps are not filled; duplicates and other widths count.
    assert.equal(nextNumber(['0001-a.md', '0007-b.md', '0007-c.md', '012-d.md']), 13);
  });

  it('does not count dates of log4brains file names as numbers', () => {
    assert.equal(nextNumber(log4brains), 1);
    assert.equal(nextNumber(['20201016-x.md', '0003-y.md']), 4);
  });

  it('detects NNNN, NNN and YYYYMMDD naming schemes', () => {
    assert.deepEqual(detectNamingScheme(adrTools), { kind: 'number', width: 4 });
    assert.deepEqual(detectNamingScheme(madr), { kind: 'number', width: 4 });
    assert.deepEqual(detectNamingScheme(log4brains), { kind: 'date' });
    assert.deepEqual(detectNamingScheme(['001-a.md', '002-b.md', '010-c.md', 'README.md']), { kind: 'number', width: 3 });
    assert.deepEqual(detectNamingScheme([]), { kind: 'number', width: 4 });
    assert.deepEqual(detectNamingScheme([], { kind: 'date' }), { kind: 'date' });
  });

  it('plans the next free name and skips taken names', () => {
    const scheme = { kind: 'number', width: 4 } as const;
    assert.deepEqual(planFileName(adrTools, scheme, 'use-webhooks', '2026-05-01'), {
      fileName: '0010-use-webhooks.md',
      number: 10,
      numberText: '0010',
      bumped: false,
    });
    const bumped = planFileName(adrTools, scheme, 'use-webhooks', '2026-05-01', ['0010-use-webhooks.md']);
    assert.equal(bumped.fileName, '0011-use-webhooks.md');
    assert.equal(bumped.bumped, true);
    assert.equal(padNumber(12, 3), '012');
    assert.equal(padNumber(12345, 4), '12345');
  });

  it('names log4brains records by date and adds a suffix when the name is taken', () => {
    const first = planFileName(log4brains, { kind: 'date' }, 'use-lunr-for-search', '2020-11-03');
    assert.equal(first.fileName, '20201103-use-lunr-for-search-2.md');
    assert.equal(first.slugId, '20201103-use-lunr-for-search-2');
    assert.equal(first.bumped, true);
    const fresh = planFileName(log4brains, { kind: 'date' }, 'use-webhooks', '2026-05-01');
    assert.deepEqual(fresh, { fileName: '20260501-use-webhooks.md', slugId: '20260501-use-webhooks', bumped: false });
  });

  it('compares names case-insensitively (macOS and Windows file systems)', () => {
    const plan = planFileName(['20260501-Use-Webhooks.md'], { kind: 'date' }, 'use-webhooks', '2026-05-01');
    assert.equal(plan.fileName, '20260501-use-webhooks-2.md');
  });
});

describe('validateRecordData', () => {
  const valid: RecordData = {
    ...emptyRecordData('2026-05-01'),
    title: 'Use webhooks',
    consideredOptions: ['Webhooks', 'Polling'],
    chosenOption: 'Webhooks',
  };

  it('accepts a complete record', () => {
    assert.deepEqual(validateRecordData(valid, 'nygard'), []);
  });

  it('requires a title and a real date', () => {
    const messages = validateRecordData({ ...valid, title: '  ', date: '2026-02-30' }, 'madr4');
    assert.deepEqual(messages.map((m) => [m.field, m.severity]), [['title', 'error'], ['date', 'error']]);
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('1.5.2026'), false);
  });

  it('rejects a chosen option that is not among the options, and duplicate options', () => {
    const messages = validateRecordData({ ...valid, consideredOptions: ['A', 'A'], chosenOption: 'B' }, 'madr4');
    assert.deepEqual(messages.map((m) => m.field), ['consideredOptions', 'chosenOption']);
  });

  it('warns when names will not read back as separate people in a one-line format', () => {
    assert.deepEqual(validateRecordData({ ...valid, decisionMakers: ['ann', 'bob'] }, 'nygard').map((m) => [m.field, m.severity]), [['decisionMakers', 'warning']]);
    assert.deepEqual(validateRecordData({ ...valid, decisionMakers: ['ann', 'bob'] }, 'madr4'), []);
  });

  it('rejects a duplicate title in a decision log but only warns in a folder', () => {
    assert.equal(validateRecordData(valid, 'decision-log', ['use WEBHOOKS'])[0].severity, 'error');
    assert.equal(validateRecordData(valid, 'nygard', ['use WEBHOOKS'])[0].severity, 'warning');
  });

  it('checks tags and applies-to globs', () => {
    assert.equal(validateRecordData({ ...valid, tags: ['a b'] }, 'madr4')[0].field, 'tags');
    assert.equal(validateRecordData({ ...valid, appliesTo: ['src/**/*.ts', 'lib/{a,b}/**'] }, 'madr4').length, 0);
    // One-line formats cannot hold a glob with a comma; front matter can.
    assert.equal(validateRecordData({ ...valid, appliesTo: ['lib/{a,b}/**'] }, 'nygard')[0].field, 'appliesTo');
    assert.equal(validateRecordData({ ...valid, appliesTo: ['lib/{a,b}/**'] }, 'decision-log')[0].field, 'appliesTo');
    assert.match(globProblem('/etc/passwd') ?? '', /absolute/);
    assert.match(globProblem('C:\\src') ?? '', /absolute/);
    assert.match(globProblem('../other/**') ?? '', /leaves/);
    assert.match(globProblem('src/{a,b') ?? '', /unbalanced/);
    assert.deepEqual(splitList(' Ann, Bob ,, '), ['Ann', 'Bob']);
  });
});

describe('format detection', () => {
  const sample = (format: Decision['format'], path: string, text = ''): { format: Decision['format']; path: string; text: string } => ({ format, path, text });

  it('follows the majority of the records, ties to the newest', () => {
    const nygard = detectTemplateFormat([sample('nygard', '/a/0001-x.md'), sample('madr4', '/a/0002-y.md', '## Decision Drivers'), sample('nygard', '/a/0003-z.md')], { kind: 'folder', path: '/a' });
    assert.equal(nygard.format, 'nygard');
    assert.match(nygard.reason, /2 of 3/);
    const tie = detectTemplateFormat([sample('nygard', '/a/0001-x.md'), sample('madr3', '/a/0002-y.md')], { kind: 'folder', path: '/a' });
    assert.equal(tie.format, 'madr3');
  });

  it('tells MADR 4 full from minimal by the full template\'s sections', () => {
    assert.equal(templateFormatOf('madr4', '# T\n\n## Pros and Cons of the Options\n'), 'madr4');
    assert.equal(templateFormatOf('madr4', '# T\n\n## Considered Options\n'), 'madr4-minimal');
    assert.equal(templateFormatOf('dotnet-adr', ''), 'nygard');
    assert.equal(templateFormatOf('unknown', ''), undefined);
  });

  it('falls back to the folder\'s configuration, then Nygard', () => {
    assert.equal(detectTemplateFormat([], { kind: 'log', path: '/DECISIONS.md' }).format, 'decision-log');
    assert.equal(detectTemplateFormat([], { kind: 'folder', path: '/docs/adr', source: 'log4brains' }).format, 'log4brains');
    assert.equal(detectTemplateFormat([], { kind: 'folder', path: '/docs/madr' }).format, 'madr4');
    assert.equal(detectTemplateFormat([sample('unknown', '/a/x.md')], { kind: 'folder', path: '/a', source: 'adr-dir' }).format, 'nygard');
  });
});

describe('planRecord', () => {
  const data: RecordData = { ...emptyRecordData('2026-05-01'), title: 'Use webhooks', status: 'accepted' };

  it('plans a numbered record in the folder\'s width with the folder prefix', () => {
    const plan = planRecord(data, 'nygard', { kind: 'folder', path: '/w/docs/adr', prefix: 'ADR', fileNames: ['001-a.md', '002-b.md'] });
    assert.equal(plan.path, '/w/docs/adr/003-use-webhooks.md');
    assert.equal(plan.display, 'ADR-003');
    assert.equal(plan.number, 3);
    assert.match(plan.text, /^# 3\. Use webhooks$/m);
  });

  it('plans a log4brains record by date, and a log entry by its ordinal', () => {
    const l4b = planRecord(data, 'log4brains', { kind: 'folder', path: '/w/docs/adr', prefix: 'ADR', fileNames: [] });
    assert.equal(l4b.fileName, '20260501-use-webhooks.md');
    assert.equal(l4b.display, 'ADR-20260501-use-webhooks');
    const log = planRecord(data, 'decision-log', { kind: 'log', path: '/w/DECISIONS.md', prefix: 'DL', entryCount: 4, logText: '# Log\r\n\r\n### One\r\n' });
    assert.equal(log.display, 'DL-5');
    assert.equal(log.path, '/w/DECISIONS.md');
    assert.match(log.text, /^### Use webhooks\r\n/);
  });

  it('links related records relative to the new record\'s folder', () => {
    const other = relatedRecord({ path: '/w/doc/adr/0005-help-comments.md', title: 'Help comments', number: 5, display: 'ADR-0005' }, '/w/docs/decisions');
    assert.equal(other.href, '../../doc/adr/0005-help-comments.md');
    assert.equal(other.stem, '0005-help-comments');
    assert.equal(relatedRecord({ path: '/w/D.md', title: 'X', display: 'DL-1' }, '/w', true).href, undefined);
  });
});

describe('appendEntryEdit', () => {
  const entry = '## New entry\n\nDate: 2026-05-01\nStatus: Proposed\n';

  it('appends after one blank line and keeps a final line break', () => {
    const log = '# Log\n\n## Old\n\nStatus: Accepted\n';
    assert.equal(applyEdits(log, [appendEntryEdit(log, entry)]), log + '\n' + entry);
  });

  it('adds the missing final line break of the log first', () => {
    const log = '# Log\n\n## Old\nStatus: Accepted';
    assert.equal(applyEdits(log, [appendEntryEdit(log, entry)]), log + '\n\n' + entry);
  });

  it('keeps CRLF line ends and leaves existing entries byte for byte', () => {
    const log = '# Log\r\n\r\n## Old\r\nStatus: Accepted\r\n\r\n';
    const out = applyEdits(log, [appendEntryEdit(log, entry)]);
    assert.ok(out.startsWith(log));
    assert.equal(out.slice(log.length), entry.replace(/\n/g, '\r\n'));
    assert.ok(!/[^\r]\n/.test(out));
  });

  it('reads the heading level of a log\'s entries', () => {
    assert.equal(logHeadingLevel(readFileSync(join(CORPUS, 'decision-log/DECISIONS.md'), 'utf8')), 2);
    assert.equal(logHeadingLevel('# Log\n\n### A\n\n### B\n\n## Archive\n'), 3);
    assert.equal(logHeadingLevel(''), 2);
  });
});

/** A decision as the parser reports it, for the edit functions (they use the format and entry range). */
function decisionOf(text: string, path: string, format: Decision['format'], entry?: [number, number]): Decision {
  const lines = text.split(/\r\n|\n/);
  return {
    path,
    format,
    identity: {},
    title: '',
    status: { kind: 'unknown', text: '' },
    decisionMakers: [],
    consulted: [],
    informed: [],
    tags: [],
    sections: {},
    relations: [],
    appliesTo: [],
    range: entry ? range(entry[0], 0, entry[1], 0) : range(0, 0, lines.length - 1, 0),
    titleRange: range(0, 0),
    problems: [],
  };
}

describe('status and link edits', () => {
  const read = (p: string): string => readFileSync(join(CORPUS, p), 'utf8');
  const newer = { title: 'Use webhooks', number: 12, display: 'ADR-0012', href: '0012-use-webhooks.md', stem: '0012-use-webhooks' };

  it('supersedes an adr-tools record the way adr-tools does', () => {
    const text = read('adr-tools/doc/adr/0005-help-comments.md');
    const result = linkEdits(text, decisionOf(text, '/x/0005-help-comments.md', 'nygard'), 'superseded-by', newer);
    assert.ok(result.ok);
    const out = applyEdits(text, result.edits);
    assert.match(out, /## Status\n\nSuperseded by \[12\. Use webhooks\]\(0012-use-webhooks\.md\)\n\nAmended by \[9\. Help scripts\]\(0009-help-scripts\.md\)\n\n## Context/);
    assert.doesNotMatch(out, /^Accepted$/m);
    // Nothing else changed.
    assert.equal(out.split('## Context')[1], text.split('## Context')[1]);
  });

  it('adds relation lines below the status of an adr-tools record, once', () => {
    const text = read('adr-tools/doc/adr/0009-help-scripts.md');
    const d = decisionOf(text, '/x/0009-help-scripts.md', 'nygard');
    const result = linkEdits(text, d, 'amended-by', newer);
    assert.ok(result.ok);
    const out = applyEdits(text, result.edits);
    assert.match(out, /Amends \[5\. Help comments\]\(0005-help-comments\.md\)\n\nAmended by \[12\. Use webhooks\]\(0012-use-webhooks\.md\)\n\n## Context/);
    const again = linkEdits(out, d, 'amended-by', newer);
    assert.ok(again.ok);
    assert.equal(again.edits.length, 0);
  });

  it('changes the status word of an adr-tools record and keeps its links', () => {
    const text = read('adr-tools/doc/adr/0009-help-scripts.md');
    const result = statusEdits(text, decisionOf(text, '/x/0009.md', 'nygard'), 'deprecated');
    assert.ok(result.ok);
    const out = applyEdits(text, result.edits);
    assert.match(out, /## Status\n\nDeprecated\n\nAmends \[5\. Help comments\]/);
  });

  it('writes MADR front matter status and keeps the rest of the front matter', () => {
    const text = '---\nstatus: accepted # was proposed\ndate: 2024-01-02\ndecision-makers: Ann\n---\n\n# Use X\n\n## Context and Problem Statement\n\nText.\n';
    const d = decisionOf(text, '/x/0003-use-x.md', 'madr4');
    const result = linkEdits(text, d, 'superseded-by', newer);
    assert.ok(result.ok);
    const out = applyEdits(text, result.edits);
    assert.equal(out, text.replace('status: accepted', 'status: superseded by ADR-0012'));
    const amended = linkEdits(text, d, 'amended-by', newer);
    assert.ok(amended.ok);
    assert.match(applyEdits(text, amended.edits), /decision-makers: Ann\namended-by: ADR-0012\n---\n/);
  });

  it('adds a status to MADR front matter that has none, and refuses broken YAML', () => {
    const text = '---\nparent: Decisions\nnav_order: 3\n---\n# Use X\n';
    const result = statusEdits(text, decisionOf(text, '/x/0003-use-x.md', 'madr4'), 'accepted');
    assert.ok(result.ok);
    assert.equal(applyEdits(text, result.edits), '---\nparent: Decisions\nnav_order: 3\nstatus: accepted\n---\n# Use X\n');
    const broken = '---\nstatus: [accepted\n---\n# Use X\n';
    const refused = statusEdits(broken, decisionOf(broken, '/x/0003-use-x.md', 'madr4'), 'deprecated');
    assert.equal(refused.ok, false);
  });

  it('supersedes a log4brains record as log4brains writes it', () => {
    const text = read('log4brains/docs/adr/20201103-use-lunr-for-search.md');
    const l4b = { title: 'Use Elasticsearch', display: '20260501-use-elasticsearch', href: '20260501-use-elasticsearch.md', stem: '20260501-use-elasticsearch' };
    const result = linkEdits(text, decisionOf(text, '/x/20201103-use-lunr-for-search.md', 'log4brains'), 'superseded-by', l4b);
    assert.ok(result.ok);
    const out = applyEdits(text, result.edits);
    assert.match(out, /^- Status: superseded by \[20260501-use-elasticsearch\]\(20260501-use-elasticsearch\.md\)$/m);
    assert.equal(out.split('\n').length, text.split('\n').length);
  });

  it('adds a Supersedes link to the Links section of a log4brains record, creating it when missing', () => {
    const text = '# New\n\n- Status: accepted\n- Date: 2026-05-01\n\n## Context and Problem Statement\n\nText.\n';
    const old = { title: 'Old', display: '20200101-old', href: '20200101-old.md', stem: '20200101-old' };
    const result = linkEdits(text, decisionOf(text, '/x/20260501-new.md', 'log4brains'), 'supersedes', old);
    assert.ok(result.ok);
    assert.equal(applyEdits(text, result.edits), text + '\n## Links\n\n- Supersedes [20200101-old](20200101-old.md)\n');
    const withLinks = read('log4brains/docs/adr/20201016-use-the-adr-slug-as-its-unique-id.md');
    const second = linkEdits(withLinks, decisionOf(withLinks, '/x/20201016-use-the-adr-slug-as-its-unique-id.md', 'log4brains'), 'amends', old);
    assert.ok(second.ok);
    assert.match(applyEdits(withLinks, second.edits), /- Supersedes \[20200926-use-the-adr-number-as-its-unique-id\]\(20200926-use-the-adr-number-as-its-unique-id\.md\)\n- Amends \[20200101-old\]\(20200101-old\.md\)\n$/);
  });

  it('edits only its own entry of a decision log', () => {
    const text = read('decision-log/DECISIONS.md');
    const lines = text.split('\n');
    const start = lines.indexOf('## Ship a manual refund workaround for the largest customer first');
    const end = lines.indexOf('## Keep 20% of each sprint for technical initiatives') - 1;
    const d = decisionOf(text, '/x/DECISIONS.md', 'decision-log', [start, end]);
    const newerEntry = { title: 'Refund through the payment service', display: 'DL-5', stem: 'DECISIONS' };
    const result = linkEdits(text, d, 'superseded-by', newerEntry);
    assert.ok(result.ok);
    const out = applyEdits(text, result.edits);
    const outLines = out.split('\n');
    assert.deepEqual(outLines.slice(0, start + 8), lines.slice(0, start + 8));
    assert.equal(outLines[start + 8], 'Status: Superseded');
    assert.equal(outLines[start + 9], 'Superseded by: Refund through the payment service');
    assert.deepEqual(outLines.slice(start + 10), lines.slice(start + 9));
    const status = statusEdits(text, d, 'rejected');
    assert.ok(status.ok);
    assert.equal(applyEdits(text, status.edits), text.replace(/(Decision maker: PM, with the tech lead's risk assessment\n)Status: Accepted/, '$1Status: Rejected'));
  });

  it('keeps CRLF line ends when inserting lines', () => {
    const text = read('adr-tools/doc/adr/0009-help-scripts.md').replace(/\n/g, '\r\n');
    const result = linkEdits(text, decisionOf(text, '/x/0009-help-scripts.md', 'nygard'), 'amended-by', newer);
    assert.ok(result.ok);
    const out = applyEdits(text, result.edits);
    assert.ok(!/[^\r]\n/.test(out));
    assert.match(out, /Amended by \[12\. Use webhooks\]/);
  });

  it('refuses to guess where a record without a status has its status', () => {
    const text = '# Just a note\n\nSome text.\n';
    const result = statusEdits(text, decisionOf(text, '/x/0001-note.md', 'unknown'), 'accepted');
    assert.equal(result.ok, false);
  });

  it('writes a MADR 2 status bullet and a Links bullet with the record\'s own marker', () => {
    const text = renderRecord({ ...emptyRecordData('2026-05-01'), title: 'Old', status: 'accepted' }, { format: 'madr2' });
    const d = decisionOf(text, '/x/0004-old.md', 'madr2');
    const sup = linkEdits(text, d, 'superseded-by', newer);
    assert.ok(sup.ok);
    assert.match(applyEdits(text, sup.edits), /^\* Status: superseded by \[ADR-0012\]\(0012-use-webhooks\.md\)$/m);
    const amended = linkEdits(text, d, 'amended-by', newer);
    assert.ok(amended.ok);
    assert.match(applyEdits(text, amended.edits), /## Links\n\n\* Amended by \[ADR-0012\]\(0012-use-webhooks\.md\)\n$/);
  });
});

describe('citation comments', () => {
  const adr = { display: 'ADR-0012', title: 'Use  webhooks' };

  it('uses the language\'s comment syntax', () => {
    assert.equal(citationComment('typescript', 'a.ts', adr), '// ADR-0012: Use webhooks');
    assert.equal(citationComment('python', 'a.py', adr), '# ADR-0012: Use webhooks');
    assert.equal(citationComment('sql', 'a.sql', adr), '-- ADR-0012: Use webhooks');
    assert.equal(citationComment('css', 'a.css', adr), '/* ADR-0012: Use webhooks */');
    assert.equal(citationComment('html', 'a.html', adr), '<!-- ADR-0012: Use webhooks -->');
    assert.equal(citationComment(undefined, 'Dockerfile', adr), '# ADR-0012: Use webhooks');
    assert.equal(citationComment('markdown', 'README.md', adr, 'docs/adr/0012-use-webhooks.md'), 'See [ADR-0012](docs/adr/0012-use-webhooks.md): Use webhooks.');
  });

  it('cites records without a number by their path', () => {
    assert.equal(citationText({ display: 'ADR-20260501-use-x', title: 'Use X', relativePath: 'docs/adr/20260501-use-x.md', slugId: true }), 'docs/adr/20260501-use-x.md: Use X');
  });

  it('places the comment on an empty line, after code at the end of a line, or above the line', () => {
    assert.deepEqual(citationInsertion('', 3, 0, '// c', '\n', true, '    '), { position: { line: 3, character: 0 }, text: '    // c' });
    assert.deepEqual(citationInsertion('  x = 1', 3, 7, '# c', '\n', true), { position: { line: 3, character: 7 }, text: ' # c' });
    assert.deepEqual(citationInsertion('  x = 1', 3, 2, '# c', '\r\n', true), { position: { line: 3, character: 0 }, text: '  # c\r\n' });
    // Block comments never follow code.
    assert.deepEqual(citationInsertion('  a { }', 0, 7, '/* c */', '\n', false), { position: { line: 0, character: 0 }, text: '  /* c */\n' });
  });
});
