import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handlePartnerWebhook } from './webhooks/partnerWebhook.js';
import { OrderStore } from './orders/orderStore.js';

const PORT = Number(process.env.PORT ?? 8787);

/**
 * Partner orders arrive as webhooks; see ADR-0003 for why we stopped polling.
 * The server binds to loopback; the ingress proxy terminates TLS in front of it.
 */
export function startServer(store = new OrderStore()): ReturnType<typeof createServer> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/webhooks\/partners\/([a-z0-9-]+)$/.exec(request.url ?? '');
    if (request.method === 'POST' && match) {
      void handlePartnerWebhook(match[1], request, response, store);
      return;
    }
    if (request.method === 'GET' && request.url === '/healthz') {
      response.writeHead(200).end('ok');
      return;
    }
    response.writeHead(404).end();
  });
  server.listen(PORT, '127.0.0.1');
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer();
}
