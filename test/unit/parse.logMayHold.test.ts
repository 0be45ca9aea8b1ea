import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as fc from 'fast-check';
import { logMayHoldNumber } from '../../src/core/parse/decisionLog';
import { parseRecord } from '../../src/core/parse/parseRecord';

const CORPUS = resolve(__dirname, '../../../shared/corpus');

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (/\.(?:md|markdown)$/i.test(name)) out.push(path);
  }
  return out;
}

/** Every entry the parser reads from `text` as a decision log (none when it is not one). */
function logEntries(text: string, path: string): number[] {
  return parseRecord(text, path)
    .filter((d) => d.format === 'decision-log')
    .map((d) => d.identity?.number)
    .filter((n): n is number => n !== undefined);
}

describe('logMayHoldNumber', () => {
  it('holds for every entry of every decision log of the corpus', () => {
    let entries = 0;
    for (const file of markdownFiles(CORPUS)) {
      const text = readFileSync(file, 'utf8');
      for (const n of logEntries(text, file.replace(/[^/]+$/, 'DECISIONS.md'))) {
        entries++;
        assert.ok(logMayHoldNumber(text, n), `${file}: entry ${n}`);
      }
    }
    assert.ok(entries > 50, `the corpus has logs (${entries} entries)`);
  });

  it('holds for every entry of generated logs: ids in headings, ordinals, setext headings, quotes and lists', () => {
    const heading = fc.record({
      level: fc.integer({ min: 1, max: 4 }),
      setext: fc.boolean(),
      id: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 300 }).map((n) => `DL-${n}: `), fc.integer({ min: 1, max: 300 }).map((n) => `${n}. `)),
      container: fc.constantFrom('', '> ', '- ', '  '),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      fields: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(heading, { minLength: 2, maxLength: 40 }), (hs) => {
        const text = hs
          .map((h, i) => {
            const title = `${h.id}Decision ${String.fromCharCode(97 + (i % 26))}`;
            const head = h.setext && h.level <= 2 ? `${h.container}${title}${h.eol}${h.container}${h.level === 1 ? '===' : '---'}` : `${h.container}${'#'.repeat(h.level)} ${title}`;
            const body = h.fields ? `${h.eol}${h.eol}Date: 2025-01-0${(i % 9) + 1}${h.eol}Decision: Use a${h.eol}Status: Accepted` : `${h.eol}${h.eol}Some prose.`;
            return `${head}${body}${h.eol}${h.eol}`;
          })
          .join('');
        for (const n of logEntries(text, '/w/DECISIONS.md')) assert.ok(logMayHoldNumber(text, n), `entry ${n} of:\n${text}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('rules out a number a log neither writes nor reaches by its entries', () => {
    const log = Array.from({ length: 48 }, (_, i) => `## Choice ${String.fromCharCode(65 + (i % 26))}\n\nDate: 2021-07-18\nDecision: Use it.\n`).join('\n');
    assert.deepEqual(logEntries(log, '/w/decision-log.md').at(-1), 48);
    assert.equal(logMayHoldNumber(log, 48), true);
    assert.equal(logMayHoldNumber(log, 112), false);
    assert.equal(logMayHoldNumber(`${log}\nSee also 0112.\n`, 112), true);
  });
});
