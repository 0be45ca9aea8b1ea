// Polling intake for partners that cannot send webhooks yet.
// Written for ADR-0002; webhooks replaced it for everyone else (ADR-0003), and the product log
// keeps it alive for one partner: @decision(DL-3)
import type { OrderStore, PartnerOrder } from '../orders/orderStore.js';

/** Minutes between two polls of one partner. */
export const POLL_INTERVAL_MINUTES = 15;

/** Partners that still send no webhooks. */
export const POLLED_PARTNERS = ['tailspin'];

/** Fetches the orders a partner changed since `since` and stores the ones not seen yet. */
export async function pollPartner(
  partnerId: string,
  baseUrl: string,
  since: Date,
  store: OrderStore,
): Promise<number> {
  const response = await fetch(`${baseUrl}/orders?changedSince=${encodeURIComponent(since.toISOString())}`);
  if (!response.ok) throw new Error(`${partnerId}: ${response.status} ${response.statusText}`);
  const orders = (await response.json()) as PartnerOrder[];
  let stored = 0;
  for (const order of orders) {
    if (await store.saveOnce(partnerId, order, 0)) stored++;
  }
  return stored;
}
