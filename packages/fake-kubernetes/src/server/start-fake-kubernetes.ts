import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../api/api-error.js';
import { typeOfObject } from '../api/resource-types.js';
import { type ClusterOptions, FakeCluster } from '../controllers/fake-cluster.js';
import type { Obj } from '../store/object-store.js';
import { type AccessPolicy, authenticate, authorize } from './access-policy.js';
import { handleDiscovery } from './discovery-handler.js';
import { ObjectWriter } from './object-writer.js';
import { parseResourcePath } from './request-route.js';
import { handleResource, verbOf } from './resource-handler.js';

/** One request the fake answered, for assertions ("no mutating call in a dry run"). */
export interface SeenRequest {
  method: string;
  path: string;
  query: string;
  contentType?: string;
  userAgent?: string;
  user: string;
  status: number;
  body?: unknown;
}

export interface FakeKubernetesOptions extends ClusterOptions {
  /** Serve HTTPS with this certificate and key (PEM); plain HTTP without. */
  tls?: {
    cert: string;
    key: string;
    /** CA (PEM) whose client certificates are accepted. */
    clientCa?: string;
  };
  /** Authentication and RBAC; absent, every request is allowed. */
  access?: AccessPolicy;
}

export interface FakeKubernetes {
  url: string;
  port: number;
  cluster: FakeCluster;
  requests: SeenRequest[];
  /**
   * Creates an object through the same admission path as a POST (defaults, validation),
   * without HTTP or credentials: for seeding a test. Its namespace is created when missing.
   */
  create(object: Obj): Obj;
  close(): Promise<void>;
}

/** Starts the fake API server on 127.0.0.1 and an ephemeral port. */
export async function startFakeKubernetes(
  options: FakeKubernetesOptions = {},
): Promise<FakeKubernetes> {
  const cluster = new FakeCluster(options);
  const writer = new ObjectWriter(cluster);
  const requests: SeenRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
        user: '',
        status: 0,
        ...(raw ? { body: safeJson(raw) } : {}),
      };
      requests.push(seen);
      try {
        seen.user = authenticate(options.access, req);
        if (handleDiscovery(url, req, res, `${req.headers.host ?? '127.0.0.1'}`)) {
          seen.status = res.statusCode;
          return;
        }
        const route = parseResourcePath(url.pathname);
        if (!route)
          throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
        authorize(options.access, seen.user, {
          verb: verbOf(seen.method, route, url.searchParams),
          type: route.type,
          namespace: route.namespace,
          ...(route.name ? { name: route.name } : {}),
          ...(route.subresource ? { subresource: route.subresource } : {}),
        });
        const reply = handleResource(cluster, writer, route, req, url.searchParams, raw, res);
        seen.status = reply?.status ?? 200;
        if (!reply) return;
        const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
        if (reply.warnings?.length)
          headers.warning = reply.warnings.map((w) => `299 - "${w.replaceAll('"', '\\"')}"`);
        res.writeHead(reply.status, headers);
        res.end(JSON.stringify(reply.body));
      } catch (error) {
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError(
                500,
                'InternalError',
                `Internal error occurred: ${(error as Error).message}`,
              );
        seen.status = failure.code;
        res.writeHead(failure.code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(failure.toStatus()));
      }
    });
  };
  const server: Server = options.tls
    ? createHttpsServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          ...(options.tls.clientCa
            ? { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: false }
            : {}),
        },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    cluster,
    requests,
    create: (object) => {
      const type = typeOfObject(object.apiVersion, object.kind);
      if (!type) throw new Error(`the fake does not serve ${object.apiVersion} ${object.kind}`);
      const namespace = type.namespaced ? (object.metadata?.namespace ?? 'default') : '';
      if (namespace && !cluster.get('Namespace', '', namespace))
        writer.create(
          cluster.type('Namespace'),
          '',
          { metadata: { name: namespace } },
          { manager: 'fake-kubernetes', dryRun: false, fieldValidation: 'Strict' },
        );
      return writer.create(type, namespace, object, {
        manager: 'fake-kubernetes',
        dryRun: false,
        fieldValidation: 'Strict',
      }).object;
    },
    close: () =>
      new Promise<void>((resolve) => {
        cluster.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
