/**
 * Coalesces bursts of per-key events (file watcher events, document edits) into batches.
 *
 * Plain TypeScript without `vscode` so it can be unit tested with a fake clock.
 */
import type { Disposable } from '../core/ports';

/** The timer functions a {@link Coalescer} uses; injectable so tests control time. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The real clock. */
export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Options of a {@link Coalescer}. */
export interface CoalescerOptions<K, V> {
  /** Quiet time in milliseconds after the last event before a batch is flushed. */
  readonly delayMs: number;
  /**
   * Longest time in milliseconds an event waits while events keep arriving; default 4 × `delayMs`.
   * A steady stream of events therefore still flushes regularly.
   */
  readonly maxWaitMs?: number;
  /**
   * Flushes the first event after a quiet time at once (leading edge): a single edit is handled
   * without waiting; the events that follow it within `delayMs` are debounced as usual.
   */
  readonly leading?: boolean;
  /** Combines a pending value with a new one for the same key; default: the newer value wins. */
  readonly merge?: (pending: V, next: V) => V;
  /** Receives each batch (one entry per key). A rejected promise is reported to `onError`. */
  readonly flush: (batch: Map<K, V>) => void | Promise<void>;
  readonly onError?: (error: unknown) => void;
  readonly scheduler?: Scheduler;
}

/**
 * Collects `(key, value)` events and hands them to `flush` in one batch once no event arrived for
 * `delayMs` (trailing debounce), or after `maxWaitMs` at the latest; with `leading`, the first
 * event after a quiet time is flushed at once. Events for the same key
 * are merged, so a file saved ten times in a burst is read once. Batches never overlap: events
 * that arrive while a flush runs wait for the next batch.
 */
export class Coalescer<K, V> implements Disposable {
  private pending = new Map<K, V>();
  private timer: unknown;
  private firstEventAt: number | undefined;
  /** When the last batch was flushed (the leading edge waits for `delayMs` of quiet after it). */
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | undefined;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];
  private readonly scheduler: Scheduler;
  private readonly maxWaitMs: number;

  constructor(private readonly options: CoalescerOptions<K, V>) {
    this.scheduler = options.scheduler ?? realScheduler;
    this.maxWaitMs = options.maxWaitMs ?? options.delayMs * 4;
  }

  /** Number of keys waiting for the next batch. */
  get size(): number {
    return this.pending.size;
  }

  /** Records an event for `key`; (re)starts the quiet-time timer. Ignored after `dispose`. */
  push(key: K, value: V): void {
    if (this.disposed) return;
    const previous = this.pending.get(key);
    const merge = this.options.merge;
    this.pending.set(key, previous !== undefined && merge ? merge(previous, value) : value);
    const now = this.scheduler.now();
    const quiet = this.firstEventAt === undefined && this.running === undefined && now - this.lastFlushAt >= this.options.delayMs;
    this.firstEventAt ??= now;
    const waited = now - this.firstEventAt;
    // The leading edge: flushed on a timer of 0, after the caller's event handler returns.
    const delay = this.options.leading && quiet ? 0 : Math.max(0, Math.min(this.options.delayMs, this.maxWaitMs - waited));
    this.schedule(delay);
  }

  /** Drops a pending event for `key` (e.g. the file was handled another way). */
  delete(key: K): void {
    this.pending.delete(key);
  }

  /** Flushes pending events now, after a running flush finished. */
  async flushNow(): Promise<void> {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.run();
  }

  /** @returns a promise that resolves once nothing is pending and no flush is running. */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.notifyIdle();
  }

  private isIdle(): boolean {
    return this.pending.size === 0 && this.running === undefined;
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private async run(): Promise<void> {
    while (this.running) await this.running;
    if (this.pending.size === 0 || this.disposed) {
      this.notifyIdle();
      return;
    }
    const batch = this.pending;
    this.pending = new Map();
    this.firstEventAt = undefined;
    this.lastFlushAt = this.scheduler.now();
    this.running = (async () => {
      try {
        await this.options.flush(batch);
      } catch (error) {
        this.options.onError?.(error);
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    if (this.pending.size > 0 && this.timer === undefined && !this.disposed) this.schedule(this.options.delayMs);
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (!this.isIdle() && !this.disposed) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
