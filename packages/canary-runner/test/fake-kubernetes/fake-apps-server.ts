import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ClusterOptions, FakeCluster, type Obj } from './cluster.js';
import { applyPatch, PatchError } from './patches.js';

/** One request the fake answered, for assertions ("no mutating call in a dry run"). */
export interface SeenRequest {
  method: string;
  path: string;
  contentType?: string;
  body?: unknown;
}

export interface FakeAppsServer {
  url: string;
  cluster: FakeCluster;
  requests: SeenRequest[];
  close(): Promise<void>;
}

const DEPLOYMENT = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)(\/scale)?$/;
const REPLICASETS = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/replicasets$/;

/**
 * A local server that follows the apps/v1 REST semantics the canary runner relies on
 * (no real API server can be installed here): GET and PATCH of Deployments with the three
 * patch content types, the `scale` subresource, ReplicaSet lists by label selector,
 * generation/observedGeneration, and errors as `Status` objects.
 */
export async function startFakeAppsServer(options: ClusterOptions = {}): Promise<FakeAppsServer> {
  const cluster = new FakeCluster(options);
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = raw ? safeJson(raw) : undefined;
      const url = new URL(req.url ?? '/', 'http://fake');
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(body === undefined ? {} : { body }),
      });
      try {
        route(cluster, req, url, body, res);
      } catch (error) {
        const code = error instanceof PatchError ? 422 : 500;
        status(res, code, code === 422 ? 'Invalid' : 'InternalError', (error as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cluster,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        cluster.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(
  cluster: FakeCluster,
  req: IncomingMessage,
  url: URL,
  body: unknown,
  res: ServerResponse,
): true {
  const rs = REPLICASETS.exec(url.pathname);
  if (rs && req.method === 'GET') {
    const selector = parseSelector(url.searchParams.get('labelSelector') ?? '');
    const items = [...cluster.replicaSets.values()].filter(
      (r) =>
        r.metadata.namespace === rs[1] &&
        Object.entries(selector).every(([k, v]) => r.metadata.labels[k] === v),
    );
    return send(res, 200, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSetList',
      metadata: { resourceVersion: '1' },
      items,
    });
  }
  const match = DEPLOYMENT.exec(url.pathname);
  if (!match)
    return status(
      res,
      404,
      'NotFound',
      `the server could not find the requested resource (${url.pathname})`,
    );
  const [, namespace, name, scale] = match;
  const deployment = cluster.deployments.get(`${namespace}/${name}`);
  if (!deployment) return status(res, 404, 'NotFound', `deployments.apps "${name}" not found`);
  if (req.method === 'GET') return send(res, 200, scale ? toScale(deployment) : deployment);
  if (req.method !== 'PATCH')
    return status(res, 405, 'MethodNotAllowed', `${req.method} is not supported`);
  const contentType = req.headers['content-type'] ?? '';
  const before = structuredClone(deployment);
  const patched = applyPatch(contentType, scale ? toScale(deployment) : deployment, body) as
    | Obj
    | undefined;
  if (!patched)
    return status(
      res,
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
    );
  if (scale) {
    deployment.spec.replicas = patched.spec.replicas;
  } else {
    deployment.metadata = {
      ...patched.metadata,
      name,
      namespace,
      uid: before.metadata.uid,
      generation: before.metadata.generation,
    };
    deployment.spec = patched.spec;
  }
  cluster.updated(before, deployment);
  return send(res, 200, scale ? toScale(deployment) : deployment);
}

function toScale(d: Obj): Obj {
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: d.metadata.name,
      namespace: d.metadata.namespace,
      resourceVersion: d.metadata.resourceVersion,
    },
    spec: { replicas: d.spec.replicas },
    status: {
      replicas: d.status.replicas ?? 0,
      selector: Object.entries(d.spec.selector.matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

function parseSelector(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
}

/** Answers JSON; returns true so that a route can `return send(...)`. */
function send(res: ServerResponse, code: number, body: unknown): true {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}

function status(res: ServerResponse, code: number, reason: string, message: string): true {
  return send(res, code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  });
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
