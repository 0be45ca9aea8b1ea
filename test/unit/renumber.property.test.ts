// Renumber, property-tested: random workspaces whose code and documents cite several records in
// every form; after a renumber and a fresh index, each citation of the moved record means it under
// its new number, every other citation means what it meant, and no byte outside the rewritten
// digits changed.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { DecisionFolder } from '../../src/core/config';
import { DecisionIndex } from '../../src/core/index';
import { basename } from '../../src/core/paths';
import { planRenumber, renumberReadPaths } from '../../src/core/renumber';

const ADR: DecisionFolder = { path: '/w/docs/adr', prefix: 'ADR', kind: 'folder', source: 'default', root: '/w' };

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const fileOf = (n: number): string => `${pad(n, 4)}-record-${n}.md`;

/** A citation of record `n` in one of the forms the finder reads, for a comment or a document. */
const FORMS: readonly ((n: number, from: 'code' | 'doc') => string)[] = [
  (n) => `ADR-${pad(n, 4)}`,
  (n) => `ADR ${n}`,
  (n) => `ADR-${pad(n, 3)} §2`,
  (n) => `@ADR(${n})`,
  (n) => `@ADR("${pad(n, 4)}")`,
  (n, from) => (from === 'doc' ? `[ADR-${pad(n, 4)}](docs/adr/${fileOf(n)})` : `docs/adr/${fileOf(n)}`),
  (n, from) => (from === 'doc' ? `[${n}. Record ${n}](docs/adr/${fileOf(n)}#context)` : `https://github.com/o/r/blob/main/docs/adr/${fileOf(n)}`),
];

function build(files: ReadonlyMap<string, string>): DecisionIndex {
  const index = new DecisionIndex({ folders: [ADR] });
  for (const [path, text] of files) index.upsert(path, text);
  return index;
}

/** Each citation as `file: text -> cited record's path`, in file order. */
function meaning(index: DecisionIndex): string[] {
  return index
    .allCitations()
    .filter((c) => !c.inRecord)
    .map((c) => `${c.path}:${c.range.start.line}: ${c.text} -> ${c.decision ? basename(c.decision.path) : '?'}`)
    .sort();
}

describe('renumber (property)', function () {
  this.timeout(600_000);

  it('every citation of the moved record follows it, every other citation stays, nothing else changes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(4), fc.nat(FORMS.length - 1), fc.constantFrom<'ts' | 'py' | 'md'>('ts', 'py', 'md')), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 20_000 }),
        (numbers, uses, wanted) => {
          const files = new Map<string, string>();
          for (const n of numbers) files.set(`/w/docs/adr/${fileOf(n)}`, `# ${n}. Record ${n}\n\n## Status\n\nAccepted\n\n## Context\n\nPort ${n} and ${n}${n}.\n`);
          const lines = { ts: [] as string[], py: [] as string[], md: [] as string[] };
          for (const [which, form, lang] of uses) {
            const n = numbers[which % numbers.length];
            const text = FORMS[form](n, lang === 'md' ? 'doc' : 'code');
            lines[lang].push(lang === 'ts' ? `// see ${text} here; x = ${n};` : lang === 'py' ? `# see ${text} here (${n})` : `See ${text} here, ${n} times.`);
          }
          files.set('/w/src/a.ts', lines.ts.join('\n') + '\n');
          files.set('/w/src/b.py', lines.py.join('\n') + '\n');
          files.set('/w/README.md', lines.md.join('\n') + '\n');
          const index = build(files);
          const old = numbers[0];
          const d = index.get(`ADR-${old}`)[0];
          const newNumber = numbers.includes(wanted) ? 20_001 : wanted;
          const names = [...files.keys()].filter((p) => p.startsWith('/w/docs/adr/')).map(basename);
          const before = meaning(index);
          const plan = planRenumber({ index, decision: d, newNumber, readText: (p) => files.get(p), folderFileNames: names });
          assert.ok(plan.ok, plan.ok ? '' : plan.message);
          for (const f of plan.files) assert.ok(renumberReadPaths(index, d).includes(f.path), f.path);

          const after = new Map(files);
          for (const f of plan.files) after.set(f.path, f.after);
          after.delete(plan.oldPath);
          after.set(plan.newPath, plan.files.find((f) => f.path === plan.oldPath)?.after ?? files.get(plan.oldPath) ?? '');
          const again = build(after);
          const moved = again.get(`ADR-${newNumber}`);
          assert.equal(moved.length, 1);
          assert.equal(moved[0].title, `Record ${old}`);
          assert.equal(again.get(`ADR-${old}`).length, 0);

          // Each citation means what it meant, the moved record's under its new name.
          const newName = basename(plan.newPath);
          const expected = before.map((m) => m.replace(new RegExp(`-> ${fileOf(old).replace(/[.+]/g, '\\$&')}$`), `-> ${newName}`));
          const got = meaning(again);
          assert.equal(got.length, expected.length);
          // Texts changed only in their digits: compare with every run of digits blanked.
          const blank = (s: string): string => s.replace(/\d+/g, '#');
          assert.deepEqual(got.map(blank), expected.map(blank));
          assert.deepEqual(got.map((m) => m.slice(m.lastIndexOf(' -> '))), expected.map((m) => m.slice(m.lastIndexOf(' -> '))));
          // Outside the rewritten digits every byte is the same.
          for (const f of plan.files) assert.equal(f.after.replace(/\d+/g, '#'), f.before.replace(/\d+/g, '#'));
          for (const [path, text] of files) if (!plan.files.some((f) => f.path === path)) assert.equal(after.get(path), text);
        },
      ),
      { numRuns: 150 },
    );
  });
});
