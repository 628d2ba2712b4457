import type { Server, ServerResponse } from 'node:http';
import { keepListener } from '../http/attach.js';

/**
 * Watches a server's requests so a shutdown can drain them: once draining, every response
 * carries `Connection: close`, so keep-alive clients open a new connection (to another
 * instance) instead of reusing one that is about to close, and each socket closes as soon
 * as its last response is out. Idle sockets are left to the shutdown's `idleCloseMs`: closing
 * one the moment another request ends would reset a request its client is sending on it.
 */
export class RequestTracker {
  private readonly inflight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    // Prepended so the flag is set before the application writes its headers.
    server.prependListener('request', this.onRequest);
  }

  get count(): number {
    return this.inflight.size;
  }

  /** From now on, connections close after their current response. */
  drain(): void {
    this.draining = true;
    for (const res of this.inflight) if (!res.headersSent) res.shouldKeepAlive = false;
  }

  dispose(): void {
    this.server.removeListener('request', this.onRequest);
  }

  private readonly onRequest = keepListener((_req: unknown, res: ServerResponse): void => {
    if (this.draining) res.shouldKeepAlive = false;
    this.inflight.add(res);
    res.once('close', () => this.inflight.delete(res));
  });
}
