import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the Discord-like server received. */
export interface ReceivedMessage {
  path: string;
  body: { embeds?: Array<{ title?: string; fields?: Array<{ name: string; value: string }> }> };
}

export interface DiscordServer {
  /** The API base to give the Discord sink. */
  apiBase: string;
  /** A webhook URL on this server (token included: it must never show up in output). */
  webhookUrl: string;
  token: string;
  messages: ReceivedMessage[];
  /** Delay before answering, in ms (a slow Discord). */
  delayMs: number;
  /** Status to answer with (204 like Discord; 500 for an outage). */
  status: number;
  close(): Promise<void>;
}

/** A small Discord-like server on loopback that records the webhook messages it gets. */
export async function startDiscordServer(): Promise<DiscordServer> {
  const token = 'test-token-0123456789abcdefghijklmnop';
  const state = { messages: [] as ReceivedMessage[], delayMs: 0, status: 204 };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const answer = () => {
        if (state.status === 204)
          state.messages.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') });
        res.writeHead(state.status, { 'content-type': 'application/json' });
        res.end(state.status === 204 ? undefined : '{"message":"down"}');
      };
      if (state.delayMs > 0) setTimeout(answer, state.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const apiBase = `http://127.0.0.1:${port}/api/v10`;
  return Object.assign(state, {
    apiBase,
    token,
    webhookUrl: `${apiBase}/webhooks/123456789012345678/${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** The event types of the received messages, read from the embed titles' order of arrival. */
export function titles(server: DiscordServer): string[] {
  return server.messages.map((m) => m.body.embeds?.[0]?.title ?? '');
}
