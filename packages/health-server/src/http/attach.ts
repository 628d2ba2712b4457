import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NodeHandler } from './node-handler.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const KEEP = Symbol.for('@n1v1/health-server.keep-listener');

/** Marks a 'request' listener that must see every request, probes included (the shutdown's tracker). */
export function keepListener<T extends Listener>(listener: T): T {
  (listener as unknown as Record<symbol, boolean>)[KEEP] = true;
  return listener;
}

/**
 * Serves the contract routes on `server` ahead of its application, as terminus does: a probe
 * or scrape is answered before express builds its request, runs middleware and matches
 * routes, and everything else goes to the application untouched. Returns a function that
 * undoes it.
 */
export function attachToServer(server: Server, handle: NodeHandler): () => void {
  const app = server
    .listeners('request')
    .filter(
      (listener) => (listener as unknown as Record<symbol, unknown>)[KEEP] !== true,
    ) as Listener[];
  for (const listener of app) server.removeListener('request', listener);
  const front: Listener = (req, res) => {
    if (handle(req, res)) return;
    for (const listener of app) listener.call(server, req, res);
  };
  server.on('request', front);
  return () => {
    server.removeListener('request', front);
    for (const listener of app) server.on('request', listener);
  };
}
