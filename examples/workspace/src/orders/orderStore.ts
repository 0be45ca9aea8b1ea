import { IdempotencyKeys } from './idempotency.js';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface PartnerOrder {
  eventId: string;
  orderId: string;
  lines: OrderLine[];
}

export interface StoredOrder extends PartnerOrder {
  partnerId: string;
  unknownLineCount: number;
  receivedAt: Date;
}

/** Orders by partner and order id. In production this is the `orders` table. */
export class OrderStore {
  private readonly orders = new Map<string, StoredOrder>();
  private readonly keys = new IdempotencyKeys();

  /**
   * Stores an order event unless this partner already delivered it (ADR-0005).
   * Returns false for a duplicate delivery.
   */
  async saveOnce(partnerId: string, order: PartnerOrder, unknownLineCount: number): Promise<boolean> {
    if (!this.keys.claim(partnerId, order.eventId)) return false;
    this.orders.set(`${partnerId}/${order.orderId}`, { ...order, partnerId, unknownLineCount, receivedAt: new Date() });
    return true;
  }

  get(partnerId: string, orderId: string): StoredOrder | undefined {
    return this.orders.get(`${partnerId}/${orderId}`);
  }
}
