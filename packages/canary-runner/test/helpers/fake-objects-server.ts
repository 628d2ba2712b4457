import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Obj = { metadata?: { resourceVersion?: string; [k: string]: unknown }; [k: string]: unknown };

/**
 * A local stand-in for the two API paths the Kubernetes routers use, HTTPRoutes
 * (gateway.networking.k8s.io/v1) and Ingresses (networking.k8s.io/v1): GET and PUT of one
 * object with resourceVersion checks (a stale PUT gets 409 Conflict, as from a real API
 * server), and `Status` errors. `objects` is keyed by the request path.
 */
export async function startFakeObjectsServer() {
  const objects = new Map<string, Obj>();
  let version = 1;
  const writes: Array<{ path: string; body: Obj }> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const send = (code: number, body: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const failure = (code: number, message: string) =>
        send(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code });
      const current = objects.get(path);
      if (!current) return failure(404, `${path.split('/').at(-1)} not found`);
      if (req.method === 'GET') return send(200, current);
      if (req.method !== 'PUT') return failure(405, `${req.method} is not supported here`);
      const body = JSON.parse(raw) as Obj;
      if (body.metadata?.resourceVersion !== current.metadata?.resourceVersion) {
        return failure(
          409,
          'the object has been modified; please apply your changes to the latest version and try again',
        );
      }
      const stored = {
        ...body,
        metadata: { ...body.metadata, resourceVersion: String(++version) },
      };
      objects.set(path, stored);
      writes.push({ path, body: stored });
      send(200, stored);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    put(path: string, object: Obj) {
      objects.set(path, {
        ...object,
        metadata: { ...object.metadata, resourceVersion: String(++version) },
      });
    },
    get: (path: string) => objects.get(path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
