import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySignature } from './verifySignature.js';
import type { OrderStore, PartnerOrder } from '../orders/orderStore.js';
import { partnerSecret } from './partners.js';

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Receives one partner order event (ADR-0003): verify, store once, answer 202.
 * Processing happens after the answer so partners never time out on us.
 */
export async function handlePartnerWebhook(
  partnerId: string,
  request: IncomingMessage,
  response: ServerResponse,
  store: OrderStore,
): Promise<void> {
  const secret = partnerSecret(partnerId);
  const body = await readBody(request);
  const delivery = {
    body,
    timestamp: String(request.headers['x-partner-timestamp'] ?? ''),
    signature: String(request.headers['x-partner-signature'] ?? ''),
  };
  if (!secret || !verifySignature(delivery, secret)) {
    response.writeHead(401).end();
    return;
  }
  const order = JSON.parse(body.toString('utf8')) as PartnerOrder;
  // Unknown product lines are kept and flagged, never dropped: @decision(DL-1)
  const unknownLines = order.lines.filter((line) => !line.sku.startsWith('PO-'));
  await store.saveOnce(partnerId, order, unknownLines.length);
  response.writeHead(202).end();
}
