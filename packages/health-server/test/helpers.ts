import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealth, type Health, type HealthOptions } from '../src/index.js';

/** Every health object a test creates, closed after each test. */
const created = new Set<Health>();
const servers = new Set<Server>();

export function makeHealth(overrides: Partial<HealthOptions> = {}): Health {
  const health = createHealth({
    service: 'n1v1',
    version: '1.4.2',
    releaseId: 'abc123',
    logger: silentLogger,
    ...overrides,
  });
  created.add(health);
  return health;
}

export const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Listens on 127.0.0.1, port 0; closed by `cleanup()`. */
export async function listen(server: Server): Promise<string> {
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function cleanup(): Promise<void> {
  await Promise.all(
    [...servers].map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
          if (!server.listening) resolve();
        }),
    ),
  );
  servers.clear();
  await Promise.all([...created].map((health) => health.close()));
  created.clear();
}

/** Resolves once `predicate` is true, polling (with `poll` run before each look); rejects after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  timeoutMs = 10_000,
  poll: () => Promise<void> | void = () => {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await poll();
    if (predicate()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A promise with its resolve function, for checks the test releases by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** GET over node:http (no connection limit per host) resolving to the status code. */
export function getStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field.
export type Body = any;

/** The JSON body of a fetch response, for field-by-field assertions. */
export async function bodyOf(res: Response): Promise<Body> {
  return res.json();
}

/** The `http_requests_total` samples of a scrape, sorted. */
export async function requestsTotal(health: Health): Promise<string[]> {
  return (await health.registry.metrics())
    .split('\n')
    .filter((line) => line.startsWith('http_requests_total{'))
    .sort();
}
