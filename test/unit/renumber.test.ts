// Renumber a decision (issue 13, item 2): the plan on a fixture workspace with every citation form,
// the refusals, and on the real records of ../shared/corpus, applied and indexed again.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname as nativeDirname, join, resolve } from 'node:path';
import { scanWorkspace } from '../../src/cli/scan';
import type { DecisionIndex, IndexedDecision } from '../../src/core/index';
import { parseRecord, parseRecordWithPlaces } from '../../src/core/parse/parseRecord';
import { dirname } from '../../src/core/paths';
import type { RenumberPlan } from '../../src/core/renumber';
import { nextFreeNumber, parseRecordNumber, planRenumber, renumberDigits, renumberedFileName, verifyRenumber } from '../../src/core/renumber';
import { applyEdits } from '../../src/core/templates/edits';
import { LineIndex } from '../../src/core/parse/text';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

const FILES: Record<string, string> = {
  'docs/adr/0001-record-architecture-decisions.md': '# 1. Record architecture decisions\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe record decisions.\n',
  'docs/adr/0012-use-x.md':
    '# 12. Use X\n\nDate: 2026-02-03\n\n## Status\n\nSuperseded by [13. Use Y](0013-use-y.md)\n\n## Context\n\nPort 12 is open. ADR-0012 is this record.\n\n## Decision\n\nUse X.\n',
  'docs/adr/0013-use-y.md':
    '# 13. Use Y\n\nDate: 2026-03-04\n\n## Status\n\nAccepted\n\nSupersedes [12. Use X](0012-use-x.md)\n\n## Context\n\nADR 12 was too slow; see also ADR-0001.\n',
  'docs/adr/0014-use-z.md':
    '---\nstatus: accepted\ndate: 2026-04-05\namends: ADR-0012\n---\n\n# Use Z\n\n## Context and Problem Statement\n\nZ refines [ADR-0012](0012-use-x.md) and ADR-012 §3b.\n',
  'src/app.ts': '// See ADR-0012 for why X.\nconst port = 12; // ADR-0013 too\n/* docs/adr/0012-use-x.md */\n',
  'src/Service.java': 'import io.github.adr.embedded.ADR;\n\n@ADR(12)\npublic class Service {\n  @ADR("0012") void run() {}\n}\n',
  'tools/run.py':
    '# https://github.com/o/r/blob/main/docs/adr/0012-use-x.md#L3\n# pinned: https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/docs/adr/0012-use-x.md\nx = 12\n',
  'README.md': 'See [Use X](docs/adr/0012-use-x.md#context), ADR-0012 and [ADR 12][x].\n\n[x]: docs/adr/0012-use-x.md\n',
};

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(nativeDirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

async function indexOf(root: string): Promise<DecisionIndex> {
  return (await scanWorkspace({ root, ripgrep: false })).index;
}

function plan(index: DecisionIndex, d: IndexedDecision, n: number, extra: Partial<Parameters<typeof planRenumber>[0]> = {}): ReturnType<typeof planRenumber> {
  return planRenumber({
    index,
    decision: d,
    newNumber: n,
    readText: (p) => readFileSync(p, 'utf8'),
    folderFileNames: readdirSync(dirname(d.path)),
    ...extra,
  });
}

function ok(p: ReturnType<typeof planRenumber>): RenumberPlan {
  assert.ok(p.ok, p.ok ? '' : p.message);
  return p;
}

/** Writes a plan's results and renames the record, as the CLI does. */
function apply(p: RenumberPlan): void {
  for (const f of p.files) if (f.after !== f.before) writeFileSync(f.path, f.after);
  if (p.newPath !== p.oldPath) renameSync(p.oldPath, p.newPath);
}

function one(index: DecisionIndex, id: string): IndexedDecision {
  const found = index.get(id);
  assert.equal(found.length, 1, `${id}: ${found.map((d) => d.path).join(', ')}`);
  return found[0];
}

describe('renumber a decision', function () {
  this.timeout(120_000);
  let root = '';

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'decision-lens-renumber-'));
    write(root, FILES);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('moves 0012-use-x.md to 0015-use-x.md and rewrites every citation in its own form, and nothing else', async () => {
    const index = await indexOf(root);
    const p = ok(plan(index, one(index, 'ADR-12'), 15));
    assert.equal(p.newPath, join(root, 'docs/adr/0015-use-x.md'));
    assert.equal(p.newDisplay, 'ADR-0015');
    const after = new Map(p.files.map((f) => [f.path.slice(root.length + 1), f.after]));
    assert.deepEqual([...after.keys()], ['README.md', 'docs/adr/0012-use-x.md', 'docs/adr/0013-use-y.md', 'docs/adr/0014-use-z.md', 'src/Service.java', 'src/app.ts', 'tools/run.py']);
    assert.equal(after.get('docs/adr/0012-use-x.md'), FILES['docs/adr/0012-use-x.md'].replace('# 12. Use X', '# 15. Use X').replace('ADR-0012 is', 'ADR-0015 is'));
    assert.equal(after.get('docs/adr/0013-use-y.md'), FILES['docs/adr/0013-use-y.md'].replace('[12. Use X](0012-use-x.md)', '[15. Use X](0015-use-x.md)').replace('ADR 12 was', 'ADR 15 was'));
    assert.equal(
      after.get('docs/adr/0014-use-z.md'),
      FILES['docs/adr/0014-use-z.md'].replace('amends: ADR-0012', 'amends: ADR-0015').replace('[ADR-0012](0012-use-x.md)', '[ADR-0015](0015-use-x.md)').replace('ADR-012 §3b', 'ADR-015 §3b'),
    );
    assert.equal(after.get('src/app.ts'), '// See ADR-0015 for why X.\nconst port = 12; // ADR-0013 too\n/* docs/adr/0015-use-x.md */\n');
    assert.equal(after.get('src/Service.java'), FILES['src/Service.java'].replace('@ADR(12)', '@ADR(15)').replace('@ADR("0012")', '@ADR("0015")'));
    assert.equal(after.get('tools/run.py'), FILES['tools/run.py'].replace('blob/main/docs/adr/0012-use-x.md', 'blob/main/docs/adr/0015-use-x.md'));
    assert.equal(after.get('README.md'), 'See [Use X](docs/adr/0015-use-x.md#context), ADR-0015 and [ADR 15][x].\n\n[x]: docs/adr/0015-use-x.md\n');
    // The URL pinned to a commit keeps the old name, and says so.
    assert.deepEqual(
      p.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]),
      [['tools/run.py', 'a URL pinned to a commit, where the file keeps its old name']],
    );
    assert.equal(p.citations, 15);

    // Applied and indexed again: every citation that meant ADR-0012 now means ADR-0015.
    const before = index.citationsOf(one(index, 'ADR-12'), { includeRecords: true }).length;
    apply(p);
    const again = await indexOf(root);
    assert.equal(again.get('ADR-12').length, 0);
    const moved = one(again, 'ADR-15');
    assert.equal(moved.path, p.newPath);
    assert.equal(moved.title, 'Use X');
    assert.equal(moved.status.kind, 'superseded');
    assert.equal(again.citationsOf(moved, { includeRecords: true }).length, before - 1, 'all but the pinned URL');
    assert.equal(again.successorOf(moved)?.display, 'ADR-0013');
    assert.equal(again.relationsOf(one(again, 'ADR-14')).find((r) => r.relation.kind === 'amends')?.target, moved);
  });

  it('keeps the padding each citation was written with, and widens it when the number needs more digits', async () => {
    const index = await indexOf(root);
    const p = ok(plan(index, one(index, 'ADR-12'), 1234));
    const after = new Map(p.files.map((f) => [f.path.slice(root.length + 1), f.after]));
    assert.equal(p.newPath, join(root, 'docs/adr/1234-use-x.md'));
    assert.match(after.get('docs/adr/0014-use-z.md') ?? '', /ADR-1234 §3b/);
    assert.match(after.get('docs/adr/0013-use-y.md') ?? '', /ADR 1234 was/);
    assert.match(after.get('src/Service.java') ?? '', /@ADR\("1234"\)/);
    assert.equal(renumberDigits('0012', 5), '0005');
    assert.equal(renumberDigits('012', 5), '005');
    assert.equal(renumberDigits('12', 5), '5');
    assert.equal(renumberDigits('9', 10), '10');
    assert.equal(renumberDigits('0999', 1000), '1000');
    assert.equal(renumberedFileName('ADR-012-use-x.md', 12, 3), 'ADR-003-use-x.md');
    assert.equal(renumberedFileName('20201016-use-x.md', 20201016, 3), undefined);
    assert.equal(renumberedFileName('0005-x.md', 12, 3), undefined);
  });

  it('offers the next free number as New Decision does, and skips numbers the history says are taken elsewhere', async () => {
    const index = await indexOf(root);
    const d = one(index, 'ADR-12');
    const names = readdirSync(dirname(d.path));
    assert.equal(nextFreeNumber(index, d, names), 15);
    assert.equal(nextFreeNumber(index, d, [...names, '0015-other.md']), 16);
    const elsewhere = (_f: unknown, n: number): string | undefined => (n === 15 || n === 16 ? `used on origin/main` : undefined);
    assert.equal(nextFreeNumber(index, d, names, elsewhere), 17);
    const refused = plan(index, d, 15, { takenElsewhere: elsewhere });
    assert.ok(!refused.ok && refused.message === 'Number 15 is taken: used on origin/main.', refused.ok ? '' : refused.message);
  });

  it('refuses a number a record or a file already has, the same number, a file it may not write, and an unnumbered record', async () => {
    write(root, { 'docs/adr/0020-notes.txt': 'x', 'docs/adr/20201016-dated.md': '# Dated\n\n- Status: accepted\n' });
    const index = await indexOf(root);
    const d = one(index, 'ADR-12');
    const message = (r: ReturnType<typeof planRenumber>): string => (r.ok ? 'planned' : r.message);
    assert.equal(message(plan(index, d, 13)), 'Number 13 is taken: ADR-0013 (0013-use-y.md) already has number 13.');
    assert.equal(message(plan(index, d, 20)), 'Number 20 is taken: 0020-notes.txt already uses number 20.');
    assert.equal(message(plan(index, d, 12)), 'ADR-0012 already has number 12.');
    assert.equal(message(plan(index, d, 0)), 'The new number must be a whole number from 1 to 999999999.');
    assert.match(message(plan(index, d, 15, { cannotWrite: (p) => (p.endsWith('app.ts') ? 'the workspace is not trusted' : undefined) })), /src\/app\.ts cannot be changed: the workspace is not trusted\.$/);
    assert.match(message(plan(index, one(index, 'ADR-20201016-dated'), 30)), /has no number/);
    assert.match(message(plan(index, d, 15, { readText: (p) => (p.endsWith('README.md') ? undefined : readFileSync(p, 'utf8')) })), /README\.md cannot be read\./);
    // A file changed since the index read it: refused, not guessed.
    assert.match(message(plan(index, d, 15, { readText: (p) => (p.endsWith('app.ts') ? '\n' + readFileSync(p, 'utf8') : readFileSync(p, 'utf8')) })), /app\.ts changed since it was read/);
  });

  it('leaves a citation that also means another record (two records share the number) and says so', async () => {
    write(root, { 'docs/adr/0012-use-w.md': '# 12. Use W\n\n## Status\n\nProposed\n' });
    const index = await indexOf(root);
    const w = index.get('ADR-12').find((x) => x.path.endsWith('0012-use-w.md'));
    assert.ok(w);
    const p = ok(plan(index, w, 15));
    assert.equal(p.newPath, join(root, 'docs/adr/0015-use-w.md'));
    assert.deepEqual(
      p.files.map((f) => f.path.slice(root.length + 1)),
      ['docs/adr/0012-use-w.md'],
    );
    assert.ok(p.skipped.length > 0 && p.skipped.every((s) => /^also means ADR-0012 \(0012-use-x\.md\)$/.test(s.reason)), JSON.stringify(p.skipped.map((s) => s.reason)));
  });

  it('renumbers a decision log entry by its heading id, in the log, and its citations', async () => {
    write(root, {
      'DECISIONS.md': '# Decisions\n\n## DEC-004: Use webhooks\n\nDate: 2026-02-15\nStatus: Accepted\n\n## DEC-005: Ship a workaround\n\nDate: 2026-03-02\nStatus: Accepted\nAmends: DEC-004\n',
      'src/hook.ts': '// DEC-004: webhooks, not polling\n',
    });
    const index = await indexOf(root);
    const d = one(index, 'DEC-4');
    assert.equal(d.format, 'decision-log');
    assert.equal(nextFreeNumber(index, d, []), 6);
    const p = ok(plan(index, d, 9, { folderFileNames: [] }));
    assert.equal(p.newPath, p.oldPath);
    const after = new Map(p.files.map((f) => [f.path.slice(root.length + 1), f.after]));
    assert.equal(after.get('DECISIONS.md'), readFileSync(join(root, 'DECISIONS.md'), 'utf8').replace('## DEC-004:', '## DEC-009:').replace('Amends: DEC-004', 'Amends: DEC-009'));
    assert.equal(after.get('src/hook.ts'), '// DEC-009: webhooks, not polling\n');
    const taken = plan(index, d, 5, { folderFileNames: [] });
    assert.ok(!taken.ok && /DEC-005 .* already has number 5/.test(taken.message), taken.ok ? '' : taken.message);
  });

  it('rewrites a percent-encoded file name, and leaves a URL to another path (another repository) as written', async () => {
    write(root, {
      'docs/adr/0007-abci++.md': '# 7. ABCI++\n\n## Status\n\nAccepted\n',
      'NOTES.md': 'See [ABCI++](docs/adr/0007-abci%2B%2B.md) and [upstream](https://github.com/other/repo/blob/main/spec/0007-abci%2B%2B.md).\n',
    });
    const index = await indexOf(root);
    const p = ok(plan(index, one(index, 'ADR-7'), 21));
    assert.equal(p.newPath, join(root, 'docs/adr/0021-abci++.md'));
    const notes = p.files.find((f) => f.path.endsWith('NOTES.md'));
    assert.equal(notes?.after, 'See [ABCI++](docs/adr/0021-abci%2B%2B.md) and [upstream](https://github.com/other/repo/blob/main/spec/0007-abci%2B%2B.md).\n');
    assert.deepEqual(
      p.skipped.map((x) => x.reason),
      ["a URL to another path than the record's (another repository or an old location), where the file keeps its name"],
    );
  });

  it('the check refuses edits outside citations and the record\'s number, and edits of other digits', async () => {
    const index = await indexOf(root);
    const p = ok(plan(index, one(index, 'ADR-12'), 15));
    assert.equal(verifyRenumber(p, index), undefined);
    const tamper = (path: string, find: string, from: string, to: string): RenumberPlan => {
      const files = p.files.map((f) => {
        if (!f.path.endsWith(path)) return f;
        const lines = new LineIndex(f.before);
        const at = f.before.indexOf(find) + find.indexOf(from);
        const edits = [...f.edits, { range: lines.rangeOf(at, at + from.length), newText: to }];
        return { ...f, edits, after: applyEdits(f.before, edits) };
      });
      return { ...p, files };
    };
    // `Port 12` in the record's prose is the old number, but no citation of it.
    const t1 = tamper('0012-use-x.md', 'Port 12', '12', '15');
    assert.match(verifyRenumber(t1, index) ?? '', /0012-use-x\.md:11:6: an edit is in no citation, relation or number of the record$/);
    assert.match(verifyRenumber(tamper('app.ts', 'port = 12', '12', '15'), index) ?? '', /app\.ts:2:14: an edit is in no citation/);
    // Another citation's digits, or text that is not digits.
    assert.match(verifyRenumber(tamper('app.ts', 'ADR-0013', '0013', '0015'), index) ?? '', /an edit would replace "0013" by "0015"/);
    assert.match(verifyRenumber(tamper('README.md', 'See', 'See', 'Saw'), index) ?? '', /an edit would replace "See" by "Saw"/);
  });

  it('keeps a BOM and CRLF line ends, and rewrites a heading on the BOM line', async () => {
    write(root, {
      'docs/adr/0030-crlf.md': '\uFEFF# ADR-0030: CRLF record\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\nSee ADR-0030 and ADR-0012.\r\n',
      'src/crlf.ts': '\uFEFF// ADR-0030 first\r\nconst y = 30;\r\n',
    });
    const index = await indexOf(root);
    const p = ok(plan(index, one(index, 'ADR-30'), 31));
    const after = new Map(p.files.map((f) => [f.path.slice(root.length + 1), f.after]));
    assert.equal(after.get('docs/adr/0030-crlf.md'), '\uFEFF# ADR-0031: CRLF record\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\nSee ADR-0031 and ADR-0012.\r\n');
    assert.equal(after.get('src/crlf.ts'), '\uFEFF// ADR-0031 first\r\nconst y = 30;\r\n');
  });

  it('reads the number a user types: 15, 0015, ADR-0015; nothing else', () => {
    assert.equal(parseRecordNumber('15'), 15);
    assert.equal(parseRecordNumber(' 0015 '), 15);
    assert.equal(parseRecordNumber('ADR-0015'), 15);
    assert.equal(parseRecordNumber('0'), undefined);
    assert.equal(parseRecordNumber('1e3'), undefined);
    assert.equal(parseRecordNumber('1234567890'), undefined);
    assert.equal(parseRecordNumber('-3'), undefined);
  });
});

describe('the parser gives the places where a record states its own number', () => {
  const ids = (text: string, path: string): [string, string, number, number][] =>
    (parseRecordWithPlaces(text, path)[0].places?.ids ?? []).map((p) => [p.source, p.raw, p.range.start.line, p.range.start.character]);

  it('the title heading, a front matter title and a front matter id, the digits only', () => {
    assert.deepEqual(ids('# 12. Use X\n', '/w/docs/adr/0012-use-x.md'), [['heading', '12', 0, 2]]);
    assert.deepEqual(ids('\uFEFF# ADR-0012: Use X\n', '/w/docs/adr/0012-use-x.md'), [['heading', '0012', 0, 7]]);
    assert.deepEqual(ids('# [ADR-5] Title\n', '/w/docs/adr/0005-t.md'), [['heading', '5', 0, 7]]);
    assert.deepEqual(ids('---\nid: "ADR-0012"\nstatus: accepted\n---\n\n# Use X\n', '/w/docs/adr/0012-use-x.md'), [['id-field', '0012', 1, 9]]);
    assert.deepEqual(ids('---\ntitle: "ADR-0012: Use X"\nstatus: accepted\n---\n\nText.\n', '/w/docs/adr/0012-use-x.md'), [['front-matter-title', '0012', 1, 12]]);
    assert.deepEqual(ids('# Use X\n', '/w/docs/adr/0012-use-x.md'), []);
  });

  it('a decision log entry heading', () => {
    const read = parseRecordWithPlaces('# Log\n\n### D12 — Title\n\nDecision: x\n', '/w/DECISIONS.md', { kind: 'log' });
    assert.deepEqual(
      read.map((r) => r.places?.ids?.map((p) => [p.raw, p.range.start.line, p.range.start.character])),
      [[['12', 2, 5]]],
    );
  });
});

describe('renumber on the corpus', function () {
  this.timeout(600_000);
  let work = '';
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  // Each project: the record cited most, moved to the next free number, applied, indexed again.
  for (const project of ['adr-tools', 'madr', 'ingot', 'cometbft', 'winery', 'neon', 'home-assistant', 'buildpacks', 'decision-log']) {
    it(`${project}: the most cited record moves, and every citation of it follows`, async () => {
      work = mkdtempSync(join(tmpdir(), 'decision-lens-renumber-corpus-'));
      const root = join(work, project);
      cpSync(join(CORPUS, project), root, { recursive: true });
      const index = await indexOf(root);
      const numbered = index.decisions().filter((d) => d.identity.number !== undefined && !/\.rst$/.test(d.path) && index.get(d.key).length === 1);
      assert.ok(numbered.length > 0);
      const count = (d: IndexedDecision): number => index.citationsOf(d, { includeRecords: true }).length;
      const d = numbered.reduce((a, b) => (count(b) > count(a) ? b : a));
      const names = d.format === 'decision-log' ? [] : readdirSync(dirname(d.path));
      const n = nextFreeNumber(index, d, names);
      const p = plan(index, d, n, { folderFileNames: names });
      if (!p.ok && d.format === 'decision-log') {
        assert.match(p.message, /numbered by its place/);
        return;
      }
      const planned = ok(p);
      const cited = index.citationsOf(d, { includeRecords: true });
      const unresolvedBefore = index.allCitations().filter((c) => !c.decision && !c.log && !c.external).length;
      apply(planned);
      const again = await indexOf(root);
      const moved = again.recordsIn(planned.newPath).find((x) => x.identity.number === n);
      assert.ok(moved, `${planned.newPath} holds number ${n}`);
      assert.equal(moved.title, d.title);
      assert.equal(moved.status.kind, d.status.kind);
      const now = again.citationsOf(moved, { includeRecords: true });
      // Every citation is still a citation of it, but those left as written (listed in skipped).
      assert.equal(now.length, cited.length - planned.skipped.length, JSON.stringify(planned.skipped));
      const unresolvedAfter = again.allCitations().filter((c) => !c.decision && !c.log && !c.external).length;
      assert.ok(unresolvedAfter <= unresolvedBefore + planned.skipped.length, `${unresolvedAfter} unresolved citations, ${unresolvedBefore} before`);
      for (const f of planned.files) {
        const text = readFileSync(f.path === planned.oldPath ? planned.newPath : f.path, 'utf8');
        assert.equal(text, f.after);
      }
    });
  }

  it('every numbered record of every project has a plan that verifies (or a reason it cannot)', async () => {
    const reasons = new Map<string, number>();
    let planned = 0;
    let citations = 0;
    for (const project of readdirSync(CORPUS).filter((n) => !n.endsWith('.md'))) {
      const root = join(CORPUS, project);
      const index = await indexOf(root);
      for (const d of index.decisions()) {
        if (d.identity.number === undefined) continue;
        const names = d.format === 'decision-log' ? [] : readdirSync(dirname(d.path));
        const p = plan(index, d, nextFreeNumber(index, d, names), { folderFileNames: names });
        if (p.ok) {
          planned++;
          citations += p.citations;
          // The record read from its new text under its new name has the new number.
          const text = p.files.find((f) => f.path === p.oldPath)?.after ?? readFileSync(p.oldPath, 'utf8');
          const read = parseRecord(text, p.newPath, d.format === 'decision-log' ? { kind: 'log' } : { kind: 'record' });
          assert.ok(read.some((x) => x.identity.number === p.newNumber), `${p.newPath}`);
        } else {
          const reason = p.message.replace(/^.*?(has no number|reStructuredText|numbered by its place|taken|verif|differently|would|overlap).*$/, '$1');
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
      }
    }
    // Refusals are only the known kinds: reStructuredText SEEDs and log entries numbered by position.
    for (const reason of reasons.keys()) assert.ok(['reStructuredText', 'numbered by its place'].includes(reason), `unexpected refusal: ${reason}`);
    assert.ok(planned > 100, `${planned} planned`);
    assert.ok(citations > 100, `${citations} citations`);
  });
});
