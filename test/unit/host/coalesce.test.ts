import * as assert from 'node:assert/strict';
import type { Scheduler } from '../../../src/host/coalesce';
import { Coalescer } from '../../../src/host/coalesce';

/** A clock that only moves when the test says so. */
class FakeClock implements Scheduler {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  now(): number {
    return this.time;
  }
  /** Moves time forward, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await new Promise((r) => setImmediate(r));
    }
    this.time = end;
    await new Promise((r) => setImmediate(r));
  }
}

describe('Coalescer', () => {
  it('flushes one batch per burst, after the quiet time, with the last value per key', async () => {
    const clock = new FakeClock();
    const batches: Map<string, string>[] = [];
    const c = new Coalescer<string, string>({ delayMs: 100, scheduler: clock, flush: (b) => void batches.push(b) });
    c.push('a.ts', 'changed');
    await clock.advance(50);
    c.push('b.ts', 'changed');
    c.push('a.ts', 'deleted');
    await clock.advance(99);
    assert.equal(batches.length, 0, 'no flush while events keep arriving within the quiet time');
    await clock.advance(1);
    assert.equal(batches.length, 1);
    assert.deepEqual([...batches[0]], [['a.ts', 'deleted'], ['b.ts', 'changed']]);
  });

  it('with a leading edge, flushes the first event after a pause at once and debounces those that follow it', async () => {
    const clock = new FakeClock();
    const batches: string[][] = [];
    const c = new Coalescer<string, string>({ delayMs: 100, leading: true, scheduler: clock, flush: (b) => void batches.push([...b.values()]) });
    c.push('a.md', 'A');
    await clock.advance(0);
    assert.deepEqual(batches, [['A']], 'the first edit is not delayed');
    // Keys typed right after it: one batch after the quiet time.
    c.push('a.md', 'AB');
    await clock.advance(40);
    c.push('a.md', 'ABC');
    await clock.advance(99);
    assert.equal(batches.length, 1);
    await clock.advance(1);
    assert.deepEqual(batches, [['A'], ['ABC']]);
    // Within the quiet time of that flush: still debounced.
    await clock.advance(50);
    c.push('a.md', 'ABCD');
    await clock.advance(0);
    assert.equal(batches.length, 2);
    await clock.advance(100);
    assert.deepEqual(batches[2], ['ABCD']);
    // After a pause: at once again.
    await clock.advance(500);
    c.push('b.md', 'B');
    await clock.advance(0);
    assert.deepEqual(batches[3], ['B']);
    // Without the option the first event waits too.
    const plain: number[] = [];
    const d = new Coalescer<string, number>({ delayMs: 100, scheduler: clock, flush: (b) => void plain.push(...b.values()) });
    d.push('a.md', 1);
    await clock.advance(99);
    assert.deepEqual(plain, []);
    await clock.advance(1);
    assert.deepEqual(plain, [1]);
  });

  it('flushes after maxWait even when events never stop', async () => {
    const clock = new FakeClock();
    let flushed = 0;
    const c = new Coalescer<number, number>({ delayMs: 100, maxWaitMs: 250, scheduler: clock, flush: () => void flushed++ });
    for (let i = 0; i < 10; i++) {
      c.push(i, i);
      await clock.advance(60);
    }
    assert.ok(flushed >= 2, `expected regular flushes during a steady stream, got ${flushed}`);
  });

  it('merges values for the same key with the merge function', async () => {
    const clock = new FakeClock();
    let batch: Map<string, number> | undefined;
    const c = new Coalescer<string, number>({ delayMs: 10, scheduler: clock, merge: (a, b) => a + b, flush: (b) => void (batch = b) });
    c.push('x', 1);
    c.push('x', 2);
    c.push('x', 3);
    await clock.advance(10);
    assert.deepEqual([...(batch ?? [])], [['x', 6]]);
  });

  it('never runs two flushes at once; events during a flush go to the next batch', async () => {
    const clock = new FakeClock();
    const seen: string[][] = [];
    let release: (() => void) | undefined;
    let active = 0;
    let maxActive = 0;
    const c = new Coalescer<string, true>({
      delayMs: 10,
      scheduler: clock,
      flush: async (b) => {
        active++;
        maxActive = Math.max(maxActive, active);
        seen.push([...b.keys()]);
        await new Promise<void>((r) => (release = r));
        active--;
      },
    });
    c.push('a', true);
    await clock.advance(10);
    c.push('b', true);
    const flushing = c.flushNow();
    await clock.advance(20);
    assert.deepEqual(seen, [['a']]);
    release?.();
    await new Promise((r) => setImmediate(r));
    release?.();
    await flushing;
    await clock.advance(20);
    release?.();
    await c.whenIdle();
    assert.deepEqual(seen, [['a'], ['b']]);
    assert.equal(maxActive, 1);
  });

  it('whenIdle resolves after pending events were flushed, and reports flush errors', async () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    let flushed = false;
    const c = new Coalescer<string, true>({
      delayMs: 10,
      scheduler: clock,
      onError: (e) => errors.push(e),
      flush: () => {
        flushed = true;
        throw new Error('disk gone');
      },
    });
    c.push('a', true);
    let idle = false;
    const waiting = c.whenIdle().then(() => (idle = true));
    await clock.advance(5);
    assert.equal(idle, false);
    await clock.advance(5);
    await waiting;
    assert.equal(flushed, true);
    assert.equal(idle, true);
    assert.equal((errors[0] as Error).message, 'disk gone');
  });

  it('ignores events after dispose and releases waiters', async () => {
    const clock = new FakeClock();
    let flushed = 0;
    const c = new Coalescer<string, true>({ delayMs: 10, scheduler: clock, flush: () => void flushed++ });
    c.push('a', true);
    const waiting = c.whenIdle();
    c.dispose();
    await waiting;
    c.push('b', true);
    await clock.advance(100);
    assert.equal(flushed, 0);
  });
});
