/** How long a delivered event id is remembered, in days (ADR 5). */
export const KEY_RETENTION_DAYS = 7;

/**
 * Remembers which `(partner, event)` pairs were stored, so a partner's retry never creates a
 * second order. See ADR-0005: in production this is a unique key in the orders database.
 */
export class IdempotencyKeys {
  private readonly seen = new Map<string, number>();

  /** Returns true the first time a partner's event id is claimed, false for every retry. */
  claim(partnerId: string, eventId: string, now = Date.now()): boolean {
    const key = `${partnerId}:${eventId}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  /** Forgets keys older than KEY_RETENTION_DAYS; the nightly job calls this. */
  expire(now = Date.now()): number {
    const cutoff = now - KEY_RETENTION_DAYS * 24 * 60 * 60 * 1000;
    let removed = 0;
    for (const [key, at] of this.seen) {
      if (at < cutoff) {
        this.seen.delete(key);
        removed++;
      }
    }
    return removed;
  }
}
