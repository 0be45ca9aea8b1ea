// The review agenda on the real corpus: MADR's pros and cons kept by the parser, the agenda model
// (options side by side, chosen option, ages, citations, relations) and its Markdown writer,
// checked by parsing the written Markdown back with markdown-it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Agenda, AgendaItem } from '../../src/core/agenda';
import { agendaMarkdown, buildAgenda, daysBetween, selectForReview, sortForAgenda } from '../../src/core/agenda';
import type { IndexedDecision } from '../../src/core/index';
import { DecisionIndex } from '../../src/core/index';
import { parseRecord } from '../../src/core/parse/parseRecord';
import { scanWorkspace } from '../../src/cli/scan';
import type { ScanResult } from '../../src/cli/scan';

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const EXAMPLE = resolve(__dirname, '../../examples/workspace');

function parse(file: string): ReturnType<typeof parseRecord>[number] {
  return parseRecord(readFileSync(resolve(CORPUS, file), 'utf8'), resolve(CORPUS, file))[0];
}

function item(agenda: Agenda, id: string): AgendaItem {
  const found = agenda.items.find((i) => i.id === id);
  assert.ok(found, `${id} is on the agenda (${agenda.items.map((i) => i.id).join(', ')})`);
  return found;
}

describe('pros and cons of the options (parser)', () => {
  it('keeps each option of MADR 0015 with its Good and Bad arguments and its description', () => {
    const d = parse('madr/docs/decisions/0015-include-consulting-informed-of-raci.md');
    const options = d.sections.prosAndCons ?? [];
    assert.deepEqual(
      options.map((o) => o.title),
      ['Include "Consulted" and "Informed" of RACI', 'Include all fields of RACI'],
    );
    assert.deepEqual(options[0].pros, ['these two roles of RACI are well understood.', 'we make these fields optional, thus it keeps MADR still lightweight.']);
    assert.deepEqual(options[0].cons, ['it adds two additional fields']);
    assert.equal(options[1].description, 'This would add "Responsible", "Accountable", "Consulted", and "Informed"');
    assert.equal(options[1].cons.length, 2);
  });

  it('reads the four options of a winery record, `<!-- optional -->` headings included', () => {
    const d = parse('winery/docs/adr/0030-deployable-docker-components.md');
    const options = d.sections.prosAndCons ?? [];
    assert.equal(options.length, 4);
    assert.deepEqual(options[3].pros.length, 2);
    assert.deepEqual(options[3].cons, ['complex architecture']);
    assert.ok(options.every((o) => o.neutral.length === 0));
  });

  it('reads Neutral arguments (MADR 3+) and keeps inline Markdown of an argument', () => {
    const text = [
      '# Use X',
      '',
      '## Considered Options',
      '',
      '* X',
      '* Y',
      '',
      '## Pros and Cons of the Options',
      '',
      '### X',
      '',
      '* Good, because `x` is *fast*',
      '* Neutral, because nobody cares',
      '* Bad, because [docs](https://x.example) are thin',
      '',
      '### Y',
      '',
      '* Good, because [argument a]',
      '',
    ].join('\n');
    const d = parseRecord(text, '/r/docs/decisions/0001-use-x.md')[0];
    const options = d.sections.prosAndCons ?? [];
    assert.equal(options.length, 1, 'an option with only template placeholders is left out');
    assert.deepEqual(options[0].pros, ['`x` is *fast*']);
    assert.deepEqual(options[0].neutral, ['nobody cares']);
    assert.deepEqual(options[0].cons, ['[docs](https://x.example) are thin']);
  });

  it('keeps nothing from the MADR template (placeholders only)', () => {
    // Read as a record (a template file name is no decision).
    const text = readFileSync(resolve(CORPUS, 'madr/template/adr-template.md'), 'utf8');
    const d = parseRecord(text, '/r/docs/decisions/0001-x.md')[0];
    assert.ok(d.sections.consideredOptions, 'the template lists options');
    assert.equal(d.sections.prosAndCons, undefined);
  });
});

describe('review agenda on the corpus', () => {
  let madr: ScanResult;
  let example: ScanResult;
  const today = '2026-12-01';

  before(async function () {
    this.timeout(120_000);
    madr = await scanWorkspace({ root: resolve(CORPUS, 'madr') });
    example = await scanWorkspace({ root: EXAMPLE });
  });

  it('puts the considered options side by side with their pros and cons, the chosen one marked', () => {
    const agenda = buildAgenda(madr.index, sortForAgenda(madr.index.decisions()), { today, relativePath: (p) => p.slice(CORPUS.length + 1) });
    const raci = item(agenda, 'ADR-0015');
    assert.deepEqual(
      raci.options.map((o) => [o.title, o.chosen, o.pros.length, o.cons.length]),
      [
        ['Include "Consulted" and "Informed" of RACI', true, 2, 1],
        ['Include all fields of RACI', false, 1, 2],
        ['Do not include anything of RACI', false, 0, 0],
      ],
    );
    assert.equal(raci.path, 'madr/docs/decisions/0015-include-consulting-informed-of-raci.md');
    assert.match(raci.context ?? '', /intersection between MADR and \[RACI\]/);
    // Options are matched to their arguments even when one writes `Option 1:` or other quotes.
    const withArgs = agenda.items.filter((i) => i.options.some((o) => o.pros.length > 0));
    assert.ok(withArgs.length >= 6, `only ${withArgs.length} MADR records with argued options`);
    for (const i of withArgs) {
      const titles = i.options.map((o) => o.title.toLowerCase());
      assert.equal(new Set(titles).size, titles.length, `${i.id}: an option is listed twice (${titles.join(' | ')})`);
    }
  });

  it('selects the proposed decisions, counts days proposed, citations and relations', () => {
    const proposed = selectForReview(example.index.decisions());
    assert.deepEqual(
      proposed.map((d) => d.display),
      ['ADR-0005', 'DL-4'],
      'proposed decisions, the longest waiting first',
    );
    const agenda = buildAgenda(example.index, proposed, { today, relativePath: (p) => p.slice(EXAMPLE.length + 1) });
    const adr5 = item(agenda, 'ADR-0005');
    assert.equal(adr5.date, '2024-06-03');
    assert.equal(adr5.ageDays, 911);
    assert.equal(adr5.chosenOption, 'A unique (partner_id, event_id) key in the orders database, kept for 7 days');
    assert.deepEqual(adr5.decisionMakers, ['Tom Okafor']);
    assert.deepEqual(adr5.consulted, ['Priya Raman (tech lead)', 'Database team']);
    const cited = example.index.citationsOf(example.index.get('ADR-5')[0]).length;
    assert.ok(cited > 0);
    assert.equal(adr5.citations, cited);
    const dl4 = item(agenda, 'DL-4');
    assert.equal(dl4.path, 'DECISIONS.md');
    assert.match(dl4.tradeOffs ?? '', /fewer support tickets/);
  });

  it('lists relations in both directions and says when one points nowhere', () => {
    const all = example.index.decisions();
    const agenda = buildAgenda(example.index, all, { today, relativePath: (p) => p });
    const superseded = agenda.items.filter((i) => i.relations.some((r) => r.kind === 'superseded-by' && r.resolved));
    assert.ok(superseded.length > 0, 'the example has a superseded decision');
    for (const i of superseded) {
      const r = i.relations.find((x) => x.kind === 'superseded-by');
      const successor = agenda.items.find((x) => x.key === r?.targetKey);
      assert.ok(successor?.relations.some((x) => x.kind === 'supersedes' && x.targetKey === i.key), `${successor?.id} supersedes ${i.id}`);
    }
    const index = new DecisionIndex({ folders: [{ path: '/w/docs/adr', prefix: 'ADR', kind: 'folder', source: 'test' } as never] });
    index.upsert('/w/docs/adr/0001-a.md', '# 1. A\n\nDate: 2026-11-30\n\n## Status\n\nProposed\n\nAmends [9. Gone](0009-gone.md)\n\n## Context\n\nx\n');
    const a = buildAgenda(index, index.decisions(), { today, relativePath: (p) => p });
    assert.deepEqual(
      a.items[0].relations.map((r) => [r.kind, r.target, r.resolved]),
      [['amends', '[9. Gone](0009-gone.md)', false]],
    );
    assert.equal(a.items[0].ageDays, 1);
  });

  it('counts days between calendar dates only', () => {
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2, 'a leap year');
    assert.equal(daysBetween('2026-12-01', '2026-12-01'), 0);
    assert.equal(daysBetween('2026-12-02', '2026-12-01'), undefined, 'a date after today');
    assert.equal(daysBetween('2026-02-30', '2026-12-01'), undefined, 'no such day');
    assert.equal(daysBetween('March 2020', '2026-12-01'), undefined);
    assert.equal(daysBetween(undefined, '2026-12-01'), undefined);
  });

  it('writes Markdown with a section per decision and a table of the options with their arguments', () => {
    const decisions = madr.index.decisions().filter((d: IndexedDecision) => d.display === 'ADR-0015' || d.display === 'ADR-0010');
    const agenda = buildAgenda(madr.index, sortForAgenda(decisions), { today, relativePath: (p) => p.slice(CORPUS.length + 1) });
    const md = agendaMarkdown(agenda);
    const tokens = new MarkdownIt('commonmark').enable('table').parse(md, {});
    const h2 = tokens.flatMap((t, i) => (t.type === 'heading_open' && t.tag === 'h2' ? [tokens[i + 1].content] : []));
    assert.equal(h2.length, 2);
    assert.ok(h2.some((h) => h.startsWith('ADR-0015 Include "Consulted" and "Informed" of RACI')), h2.join(' | '));
    const tables = tokens.filter((t) => t.type === 'table_open').length;
    assert.equal(tables, 2, 'one options table per decision');
    const cells = tokens.filter((t) => t.type === 'inline').map((t) => t.content);
    assert.ok(cells.some((c) => c.startsWith('Include "Consulted" and "Informed" of RACI **(chosen)**')));
    assert.ok(cells.some((c) => c.includes('these two roles of RACI are well understood.')));
    assert.match(md, /^\*\*File:\*\* `madr\/docs\/decisions\/0015-include-consulting-informed-of-raci\.md`$/m);
  });

  it('writes the history lines the caller adds (provenance and drift from git) as plain text', () => {
    const decisions = madr.index.decisions().filter((d: IndexedDecision) => d.display === 'ADR-0015');
    const agenda = buildAgenda(madr.index, decisions, { today, relativePath: (p) => p.slice(CORPUS.length + 1) });
    const withHistory: Agenda = { ...agenda, items: agenda.items.map((i) => ({ ...i, history: ['Created by O. *Kopp* on 2022-01-15 (git)', '3 commits in 2 files since accepted on 2022-02-01 (git)'] })) };
    const md = agendaMarkdown(withHistory);
    assert.match(md, /^Created by O\. \\\*Kopp\\\* on 2022-01-15 \(git\) {2}$/m);
    assert.match(md, /^3 commits in 2 files since accepted on 2022-02-01 \(git\) {2}$/m);
    assert.ok(!agendaMarkdown(agenda).includes('(git)'), 'no history, no lines');
  });

  it('writes record text safely: no HTML, images or command links reach the document', () => {
    const index = new DecisionIndex({ folders: [{ path: '/w/docs/adr', prefix: 'ADR', kind: 'folder', source: 'test' } as never] });
    const evil = [
      '# 7. Render <img src=x onerror=alert(1)> safely',
      '',
      '## Status',
      '',
      'Proposed',
      '',
      '## Context',
      '',
      'Click [here](command:workbench.action.terminal.new), <a href="command:x">quit</a>, ![t](https://t.example/p.png), see [spec](https://spec.example/a).',
      '',
      '# A heading inside the context',
      '',
      '<script>alert(1)</script>',
      '',
    ].join('\n');
    index.upsert('/w/docs/adr/0007-render.md', evil);
    const md = agendaMarkdown(buildAgenda(index, index.decisions(), { today, relativePath: (p) => p }));
    const html = new MarkdownIt('commonmark').render(md);
    assert.doesNotMatch(html, /<img|<a href="command|<script|<a href="x"/);
    assert.match(html, /<a href="https:\/\/spec\.example\/a">spec<\/a>/, 'an https link stays a link');
    assert.match(html, /\[here\]\(command:workbench\.action\.terminal\.new\)/, 'a command link is shown as written');
    assert.equal((html.match(/<h1>/g) ?? []).length, 1, 'record headings do not become headings of the agenda');
  });
});
