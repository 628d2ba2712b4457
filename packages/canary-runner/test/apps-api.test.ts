import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppsApi, describeApiError } from '../src/deployers/kubernetes/apps-api.js';

const servers: Server[] = [];
let dir: string | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A loopback API server that answers every request with a Deployment named after it. */
async function apiServer(name: string, seen: string[]): Promise<string> {
  const server = createServer((req, res) => {
    seen.push(`${name} ${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name } }));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A kubeconfig with two clusters, `first` current. */
function kubeconfig(first: string, second: string): string {
  dir = mkdtempSync(join(tmpdir(), 'n1v1-apps-api-'));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
  - name: first
    cluster: { server: "${first}", insecure-skip-tls-verify: true }
  - name: second
    cluster: { server: "${second}", insecure-skip-tls-verify: true }
users:
  - name: me
    user: {}
contexts:
  - name: first
    context: { cluster: first, user: me }
  - name: second
    context: { cluster: second, user: me }
current-context: first
`,
  );
  return file;
}

describe('createAppsApi', () => {
  it('talks to the current cluster of the kubeconfig file it is given', async () => {
    const seen: string[] = [];
    const file = kubeconfig(await apiServer('one', seen), await apiServer('two', seen));
    const { api } = createAppsApi({ type: 'kubernetes', kubeconfig: file } as never);
    const deployment = await api.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(deployment.metadata?.name).toBe('one');
    expect(seen).toEqual(['one GET /apis/apps/v1/namespaces/shop/deployments/web']);
  });

  it('talks to the cluster of the context the config names', async () => {
    const seen: string[] = [];
    const file = kubeconfig(await apiServer('one', seen), await apiServer('two', seen));
    const { api } = createAppsApi({
      type: 'kubernetes',
      kubeconfig: file,
      context: 'second',
    } as never);
    await api.readNamespacedDeployment({ name: 'web', namespace: 'shop' });
    expect(seen).toEqual(['two GET /apis/apps/v1/namespaces/shop/deployments/web']);
  });

  it('uses the default kubeconfig ($KUBECONFIG) when the config names no cluster', async () => {
    const seen: string[] = [];
    vi.stubEnv(
      'KUBECONFIG',
      kubeconfig(await apiServer('one', seen), await apiServer('two', seen)),
    );
    const { api } = createAppsApi({ type: 'kubernetes' } as never);
    await api.readNamespacedDeployment({ name: 'api', namespace: 'default' });
    expect(seen).toEqual(['one GET /apis/apps/v1/namespaces/default/deployments/api']);
  });
});

describe('describeApiError', () => {
  it('gives the status code and the API’s message from a JSON body', () => {
    expect(
      describeApiError({
        code: 404,
        body: JSON.stringify({ message: 'deployments.apps "web" not found' }),
      }),
    ).toBe('404 deployments.apps "web" not found');
    expect(describeApiError({ code: 409, body: { message: 'the object has been modified' } })).toBe(
      '409 the object has been modified',
    );
  });

  it('gives the raw body when it is not JSON, and the code alone without a body', () => {
    expect(describeApiError({ code: 502, body: 'Bad Gateway' })).toBe('502 Bad Gateway');
    expect(describeApiError({ code: 500 })).toBe('500');
  });

  it('gives the first line of an error that is not an API answer', () => {
    expect(describeApiError(new Error('connect ECONNREFUSED 127.0.0.1:6443\n  at x'))).toBe(
      'cannot reach the API server (connect ECONNREFUSED 127.0.0.1:6443) from the kubeconfig; is the cluster up and the server address right?',
    );
    expect(describeApiError('socket hang up')).toBe('socket hang up');
  });
});
