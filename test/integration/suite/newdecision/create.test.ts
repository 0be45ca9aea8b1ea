// Creating records the way the New Decision form's submit does (the `decisionLens.createDecision`
// command the webview's handler calls), in every format, into copies of corpus folders; each
// record is read back from disk with the project's parser and compared field by field.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Decision } from '../../../../src/core/model';
import type { FormValues } from '../../../../src/features/newDecision/protocol';
import { api, fileUri, waitFor } from '../editor/helpers';
import {
  closeEditors, create, created, decisionId, formValues, list, parsed, preview, readBytes, readDisk, targets, writeDisk,
} from './helpers';

/** A fully filled form, the way a person fills it. */
function filled(target: string, format: FormValues['format'], title: string, patch: Partial<FormValues> = {}): FormValues {
  return formValues(target, format, {
    title,
    status: 'accepted',
    date: '2026-05-01',
    decisionMakers: 'Ann Lee, Bob Smith',
    consulted: 'Carol Jones',
    informed: 'Dan Brown, Support Team',
    context: 'The partner rate-limits its API.\n\nPolling every order exceeds the limit past 2,000 orders.',
    options: ['Webhooks', 'Polling', 'WebSocket stream'],
    chosenOption: 'Webhooks',
    decision: 'it is the only option within the rate limit.',
    consequences: 'We run a receiver endpoint and handle duplicate deliveries.',
    tags: 'api, partner',
    appliesTo: 'src/partner/**\nsrc/jobs/*.py',
    ...patch,
  });
}

/** Asserts that a record read back from disk has every field of the form. */
function assertForm(d: Decision, v: FormValues, family: Decision['format']): void {
  assert.equal(d.format, family);
  assert.equal(d.title, v.title);
  assert.equal(d.status.kind, v.status);
  assert.equal(d.date, v.date);
  assert.deepEqual(d.decisionMakers, ['Ann Lee', 'Bob Smith']);
  assert.deepEqual(d.consulted, ['Carol Jones']);
  assert.deepEqual(d.informed, ['Dan Brown', 'Support Team']);
  assert.deepEqual(d.tags, ['api', 'partner']);
  assert.deepEqual(d.appliesTo, ['src/partner/**', 'src/jobs/*.py']);
  assert.deepEqual(d.problems, []);
  if (family === 'decision-log') {
    assert.equal(d.sections.context, 'The partner rate-limits its API. Polling every order exceeds the limit past 2,000 orders.');
    assert.deepEqual(d.sections.consideredOptions, ['Polling', 'WebSocket stream']);
    assert.equal(d.sections.decision, 'Webhooks, because it is the only option within the rate limit.');
    assert.equal(d.sections.tradeOffs, v.consequences);
  } else {
    assert.equal(d.sections.context, v.context);
    assert.deepEqual(d.sections.consideredOptions, v.options);
    assert.equal(d.sections.chosenOption, 'Webhooks');
    assert.equal(d.sections.decision, 'Chosen option: "Webhooks", because it is the only option within the rate limit.');
    assert.equal(d.sections.consequences, v.consequences);
  }
}

describe('New Decision: creating records', function () {
  this.timeout(60_000);

  before(async () => {
    await api();
  });

  afterEach(async () => {
    await closeEditors();
  });

  it('detects the format of each target from its records', async () => {
    const byLabel = new Map((await targets()).map((t) => [t.label, t]));
    assert.deepEqual(
      ['doc/adr', 'docs/decisions', 'docs/minimal', 'docs/madr3', 'docs/madr2', 'architecture/adr', 'DECISIONS.md', 'notes/decision-log.md'].map((l) => [l, byLabel.get(l)?.format]),
      [
        ['doc/adr', 'nygard'],
        ['docs/decisions', 'madr4'],
        ['docs/minimal', 'madr4-minimal'],
        ['docs/madr3', 'madr3'],
        ['docs/madr2', 'madr2'],
        ['architecture/adr', 'log4brains'],
        ['DECISIONS.md', 'decision-log'],
        ['notes/decision-log.md', 'decision-log'],
      ],
    );
    assert.equal(byLabel.get('docs/madr2')?.prefix, 'MTWO');
  });

  const cases: { target: string; format: FormValues['format']; title: string; file: string; display: string; family: Decision['format'] }[] = [
    { target: 'doc/adr', format: 'nygard', title: 'Use webhooks for partner updates', file: 'doc/adr/0010-use-webhooks-for-partner-updates.md', display: 'ADR-0010', family: 'nygard' },
    { target: 'docs/decisions', format: 'madr4', title: 'Record consulted people', file: 'docs/decisions/0017-record-consulted-people.md', display: 'MADR-0017', family: 'madr4' },
    { target: 'docs/minimal', format: 'madr4-minimal', title: 'Ship logs to one store', file: 'docs/minimal/0002-ship-logs-to-one-store.md', display: 'MIN-0002', family: 'madr4' },
    { target: 'docs/madr3', format: 'madr3', title: 'Use read replicas', file: 'docs/madr3/003-use-read-replicas.md', display: 'MTHREE-003', family: 'madr3' },
    { target: 'docs/madr2', format: 'madr2', title: 'Cache reports for a day', file: 'docs/madr2/0003-cache-reports-for-a-day.md', display: 'MTWO-0003', family: 'madr2' },
    { target: 'architecture/adr', format: 'log4brains', title: 'Use Algolia for search', file: 'architecture/adr/20260501-use-algolia-for-search.md', display: 'LFB-20260501-use-algolia-for-search', family: 'log4brains' },
  ];

  for (const c of cases) {
    it(`writes ${c.format} into ${c.target} with the next name, opens it, and every field reads back`, async () => {
      const values = filled(c.target, c.format, c.title);
      const planned = await preview(values);
      assert.equal(planned.relativePath, c.file);
      assert.equal(planned.action, `Create ${c.file}`);
      assert.deepEqual(planned.messages.filter((m) => m.severity === 'error'), []);

      const result = await created(values);
      assert.equal(result.relativePath, c.file);
      assert.equal(result.display, c.display);
      assert.equal(result.note, undefined);
      // The text on disk is the text the preview showed.
      assert.equal(await readDisk(c.file), planned.text);
      const [d] = await parsed(c.file);
      assertForm(d, values, c.family);
      // The new record is open in the editor and the index knows it.
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), fileUri(c.file).toString());
      const a = await api();
      await waitFor(() => a.decisions().some((x) => x.display === c.display && x.title === c.title), `${c.display} is indexed`);
    });
  }

  it('appends a decision log entry and leaves the other entries byte for byte', async () => {
    const before = await readDisk('DECISIONS.md');
    const entriesBefore = await parsed('DECISIONS.md');
    const values = filled('DECISIONS.md', 'decision-log', 'Sign webhook payloads');
    assert.equal((await preview(values)).action, 'Add DL-5 to DECISIONS.md');
    const result = await created(values);
    assert.equal(result.display, 'DL-5');
    const after = await readDisk('DECISIONS.md');
    assert.ok(after.startsWith(before), 'the existing text is unchanged');
    const entries = await parsed('DECISIONS.md');
    assert.equal(entries.length, entriesBefore.length + 1);
    assert.deepEqual(entries.slice(0, entriesBefore.length), entriesBefore);
    assertForm(entries[entries.length - 1], values, 'decision-log');
    // The editor shows the log at the new entry's heading.
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), fileUri('DECISIONS.md').toString());
    assert.equal(editor?.document.lineAt(editor.selection.active.line).text, '## Sign webhook payloads');
  });

  it('keeps the CRLF line ends and the BOM of a decision log', async () => {
    const before = await readBytes('notes/decision-log.md');
    assert.deepEqual([...before.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const values = filled('notes/decision-log.md', 'decision-log', 'Release on Mondays during the holidays');
    const result = await created(values);
    assert.equal(result.display, 'NOTE-3');
    const after = await readBytes('notes/decision-log.md');
    assert.deepEqual([...after.slice(0, before.length)], [...before], 'the existing bytes are unchanged');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(after);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    assert.ok(text.endsWith('\r\n'));
    const entries = await parsed('notes/decision-log.md');
    assert.deepEqual(entries.map((e) => e.title), ['Release every Tuesday', 'Freeze releases in December', 'Release on Mondays during the holidays']);
    assertForm(entries[2], values, 'decision-log');
  });

  it('takes the next free number at the moment of creating, not when the form was opened', async () => {
    const values = filled('doc/adr', 'nygard', 'Publish the tool as a Homebrew formula');
    const planned = await preview(values);
    const taken = planned.relativePath;
    assert.match(taken, /^doc\/adr\/(\d{4})-publish-the-tool-as-a-homebrew-formula\.md$/);
    const number = Number(/(\d{4})/.exec(taken)?.[1]);
    // Someone else adds a record with that number after the form showed it.
    const theirs = `doc/adr/${String(number).padStart(4, '0')}-someone-elses-record.md`;
    await writeDisk(theirs, '# Someone else\n\nDate: 2026-05-01\n\n## Status\n\nProposed\n');
    const result = await created(values);
    assert.equal(result.relativePath, `doc/adr/${String(number + 1).padStart(4, '0')}-publish-the-tool-as-a-homebrew-formula.md`);
    assert.equal(await readDisk(theirs), '# Someone else\n\nDate: 2026-05-01\n\n## Status\n\nProposed\n');
    const [d] = await parsed(result.relativePath);
    assert.equal(d.identity.number, number + 1);
    assert.equal(d.title, values.title);
  });

  it('never overwrites a file of the same name (date-named folder)', async () => {
    const sentinel = '# Use RabbitMQ\n\n- Status: proposed\n- Date: 2026-05-01\n\nWritten by someone else; must survive.\n';
    await writeDisk('architecture/adr/20260501-use-rabbitmq.md', sentinel);
    const result = await created(filled('architecture/adr', 'log4brains', 'Use RabbitMQ'));
    assert.equal(result.relativePath, 'architecture/adr/20260501-use-rabbitmq-2.md');
    assert.equal(await readDisk('architecture/adr/20260501-use-rabbitmq.md'), sentinel);
    const [d] = await parsed(result.relativePath);
    assert.equal(d.identity.slug, '20260501-use-rabbitmq-2');
    assert.deepEqual(d.decisionMakers, ['Ann Lee', 'Bob Smith']);
  });

  it('concurrent creates in one folder get distinct numbers and never overwrite each other', async () => {
    const titles = ['Use gRPC', 'Use REST', 'Use GraphQL', 'Use SOAP', 'Use JSON-RPC'];
    const results = await Promise.all(titles.map((title) => created(filled('docs/fresh', 'madr4', title))));
    const files = results.map((r) => r.relativePath).sort();
    assert.equal(new Set(files).size, titles.length);
    const numbers = files.map((f) => Number(/docs\/fresh\/(\d{4})-/.exec(f)?.[1])).sort((a, b) => a - b);
    assert.deepEqual(numbers, [1, 2, 3, 4, 5]);
    for (const r of results) {
      const [d] = await parsed(r.relativePath);
      assert.ok(titles.includes(d.title), `${r.relativePath} holds its own record`);
      assert.equal(r.relativePath.endsWith(`-${d.title.toLowerCase().replace(/[^a-z]+/g, '-')}.md`), true, `${r.relativePath} is "${d.title}"`);
    }
    assert.deepEqual(await list('docs/fresh'), ['README.md', ...files.map((f) => f.split('/').pop() as string)].sort());
  });

  it('supersedes an adr-tools record with a MADR 4 record, editing both records', async () => {
    const old = 'doc/adr/0005-help-comments.md';
    const oldBefore = (await parsed(old))[0];
    const values = filled('docs/decisions', 'madr4', 'Generate help from a manifest', {
      relationKind: 'supersedes',
      relationTarget: await decisionId(old, 'Help comments'),
    });
    const planned = await preview(values);
    assert.match(planned.note ?? '', /ADR-0005 will also be marked as superseded by MADR-\d{4}/);
    const result = await created(values);
    const created_ = (await parsed(result.relativePath))[0];
    assert.deepEqual(created_.relations.map((r) => [r.kind, r.target.id]), [['supersedes', 'ADR-0005']]);
    assertForm(created_, values, 'madr4');

    const oldAfter = (await parsed(old))[0];
    assert.equal(oldAfter.status.kind, 'superseded');
    const link = oldAfter.relations.find((r) => r.kind === 'superseded-by');
    assert.equal(link?.target.path, `../../${result.relativePath}`);
    // Its own link and its text stay.
    assert.ok(oldAfter.relations.some((r) => r.kind === 'amended-by'));
    assert.equal(oldAfter.sections.decision, oldBefore.sections.decision);
    // Both records were saved, and the index sees the chain.
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isDirty));
    const a = await api();
    await waitFor(() => a.decisions().find((d) => d.display === 'ADR-0005')?.status === 'superseded', 'ADR-0005 is superseded in the index');
  });

  it('amends a decision log entry from a log4brains record', async () => {
    const values = filled('architecture/adr', 'log4brains', 'Retry webhook deliveries with backoff', {
      relationKind: 'amends',
      relationTarget: await decisionId('DECISIONS.md', 'Use webhooks instead of polling'),
    });
    const result = await created(values);
    const [d] = await parsed(result.relativePath);
    assert.deepEqual(d.relations.map((r) => [r.kind, r.target.path]), [['amends', '../../DECISIONS.md']]);
    const entry = (await parsed('DECISIONS.md')).find((e) => e.title.startsWith('Use webhooks instead of polling'));
    assert.ok(entry);
    assert.equal(entry.status.kind, 'accepted', 'amending does not change the status');
    const amended = entry.relations.find((r) => r.kind === 'amended-by');
    assert.equal(amended?.target.path, result.relativePath);
  });

  it('supersedes an entry of the same decision log with a new entry', async () => {
    const values = filled('DECISIONS.md', 'decision-log', 'Reserve 15% of each sprint for technical work', {
      relationKind: 'supersedes',
      relationTarget: await decisionId('DECISIONS.md', 'Keep 20% of each sprint'),
    });
    const before = await parsed('DECISIONS.md');
    await created(values);
    const after = await parsed('DECISIONS.md');
    assert.equal(after.length, before.length + 1);
    const old = after.find((e) => e.title.startsWith('Keep 20% of each sprint'));
    assert.equal(old?.status.kind, 'superseded');
    assert.deepEqual(old?.relations.map((r) => [r.kind, r.target.title]), [['superseded-by', 'Reserve 15% of each sprint for technical work']]);
    const neu = after[after.length - 1];
    assert.deepEqual(neu.relations.map((r) => [r.kind, r.target.title]), [['supersedes', 'Keep 20% of each sprint for technical initiatives']]);
  });

  it('refuses invalid values and writes nothing', async () => {
    const before = await list('doc/adr');
    const answer = await create(formValues('doc/adr', 'nygard', { title: '   ', date: '2026-13-01', tags: 'api, c++' }));
    assert.ok('error' in answer);
    assert.deepEqual(answer.messages.filter((m) => m.severity === 'error').map((m) => m.field).sort(), ['date', 'tags', 'title']);
    const wrongFormat = await create(formValues('DECISIONS.md', 'nygard', { title: 'A log entry in the wrong format' }));
    assert.ok('error' in wrongFormat);
    assert.deepEqual(wrongFormat.messages.map((m) => m.field), ['format']);
    assert.deepEqual(await list('doc/adr'), before);
  });
});
