import * as assert from 'node:assert/strict';
import { range } from '../../../src/core/model';
import type { TextChange } from '../../../src/host/shift';
import { shiftRanges } from '../../../src/host/shift';

const item = (line: number, from: number, to: number): { range: ReturnType<typeof range>; id: string } => ({ range: range(line, from, line, to), id: `${line}:${from}` });
const change = (sl: number, sc: number, el: number, ec: number, text: string): TextChange => ({ range: range(sl, sc, el, ec), text });

describe('shiftRanges', () => {
  const items = [item(0, 3, 11), item(5, 10, 18), item(9, 0, 8)];

  it('moves ranges below an inserted line down and keeps ranges above', () => {
    const out = shiftRanges(items, [change(2, 0, 2, 0, '// new line\n')]);
    assert.deepEqual(out.map((i) => i.range), [range(0, 3, 0, 11), range(6, 10, 6, 18), range(10, 0, 10, 8)]);
  });

  it('moves a range on the same line after an edit by the length difference', () => {
    const [, moved] = shiftRanges(items, [change(5, 2, 5, 4, 'abcdef')]);
    assert.deepEqual(moved.range, range(5, 14, 5, 22));
  });

  it('joins lines: a deleted line break moves later ranges up and right', () => {
    // delete from the end of line 4 (character 7) to the start of line 5
    const out = shiftRanges(items, [change(4, 7, 5, 0, '')]);
    assert.deepEqual(out[1].range, range(4, 17, 4, 25));
    assert.deepEqual(out[2].range, range(8, 0, 8, 8));
  });

  it('drops a range that an edit touches', () => {
    const out = shiftRanges(items, [change(5, 12, 5, 13, 'X')]);
    assert.deepEqual(out.map((i) => i.id), ['0:3', '9:0']);
    assert.deepEqual(shiftRanges(items, [change(0, 11, 0, 11, '5')]).map((i) => i.id), ['5:10', '9:0'], 'typing right after a citation changes it');
  });

  it('applies several changes in order', () => {
    const out = shiftRanges(items, [change(0, 0, 0, 0, 'a\nb\n'), change(3, 0, 4, 0, '')]);
    assert.deepEqual(out.map((i) => i.range), [range(2, 3, 2, 11), range(6, 10, 6, 18), range(10, 0, 10, 8)]);
  });
});
