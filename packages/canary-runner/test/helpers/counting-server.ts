import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP backend on 127.0.0.1:0 that counts the requests it answered. */
export interface CountingServer {
  url: string;
  readonly hits: number;
  /** Status it answers with from now on (500 makes it a failing canary). */
  status: number;
  close(): Promise<void>;
}

export async function startCountingServer(name: string): Promise<CountingServer> {
  let hits = 0;
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(state.status, { 'content-type': 'text/plain', 'x-served-by': name });
    res.end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return hits;
    },
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Sends `count` GET requests to `url`, `concurrency` at a time, and resolves to how many
 * each backend answered (its `x-served-by` header). Bounded by count and by `timeoutMs`.
 */
export async function sendRequests(
  url: string,
  count: number,
  options: { concurrency?: number; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Record<string, number>> {
  const served: Record<string, number> = {};
  let next = 0;
  const deadline = AbortSignal.timeout(options.timeoutMs ?? 60_000);
  const worker = async () => {
    while (next < count && !deadline.aborted) {
      next++;
      const response = await fetch(url, {
        ...(options.headers ? { headers: options.headers } : {}),
        signal: deadline,
      });
      await response.arrayBuffer();
      const by = response.headers.get('x-served-by') ?? `status ${response.status}`;
      served[by] = (served[by] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return served;
}
