import { createHmac, timingSafeEqual } from 'node:crypto';

/** Deliveries older than this are replays (docs/adr/0004-verify-webhook-signatures-with-hmac.md). */
export const MAX_AGE_SECONDS = 5 * 60;

export interface SignedDelivery {
  /** Raw request body, exactly as received. */
  body: Buffer;
  /** `X-Partner-Timestamp` header: seconds since the epoch. */
  timestamp: string;
  /** `X-Partner-Signature` header: `sha256=<hex>`. */
  signature: string;
}

/**
 * Checks a partner's HMAC-SHA256 signature over `timestamp + "." + body`.
 * Returns false for a wrong secret, a changed body or a stale timestamp.
 */
export function verifySignature(delivery: SignedDelivery, secret: string, nowSeconds = Date.now() / 1000): boolean {
  const sentAt = Number(delivery.timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(nowSeconds - sentAt) > MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', secret)
    .update(`${delivery.timestamp}.`)
    .update(delivery.body)
    .digest();
  const given = Buffer.from(delivery.signature.replace(/^sha256=/, ''), 'hex');
  // Constant-time comparison, as ADR-4 asks.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
