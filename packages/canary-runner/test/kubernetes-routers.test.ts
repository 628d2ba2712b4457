import { writeKubeconfig } from '@n1v1/fake-kubernetes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatewayApiRouter } from '../src/traffic/routers/gateway-api/gateway-api-router.js';
import { loadKubeConfig } from '../src/traffic/routers/kubernetes/kube-config.js';
import { nginxIngressRouter } from '../src/traffic/routers/nginx-ingress/nginx-ingress-router.js';
import { startFakeObjectsServer } from './helpers/fake-objects-server.js';

const ROUTE = '/apis/gateway.networking.k8s.io/v1/namespaces/trading/httproutes/n1v1';
const INGRESS = '/apis/networking.k8s.io/v1/namespaces/trading/ingresses/n1v1-canary';
const signal = new AbortController().signal;

let fake: Awaited<ReturnType<typeof startFakeObjectsServer>>;

beforeEach(async () => {
  fake = await startFakeObjectsServer();
  fake.put(ROUTE, {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'n1v1', namespace: 'trading' },
    spec: {
      parentRefs: [{ name: 'public' }],
      rules: [{ backendRefs: [{ name: 'n1v1', port: 80 }] }],
    },
  });
  fake.put(INGRESS, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'n1v1-canary', namespace: 'trading', annotations: { team: 'trading' } },
    spec: { rules: [{ host: 'n1v1.example' }] },
  });
});

afterEach(async () => {
  await fake.close();
});

const backendsOf = (path: string) =>
  (fake.get(path)!.spec as { rules: Array<{ backendRefs: unknown[] }> }).rules.map(
    (r) => r.backendRefs,
  );

describe('the gateway-api router', () => {
  const router = () =>
    gatewayApiRouter({ type: 'gateway-api', namespace: 'trading', server: fake.url }, 'n1v1');

  it("sets the HTTPRoute's backend weights step by step and back to the stable Service", async () => {
    const r = router();
    expect((await r.start({ canaryUrl: 'http://c' }, signal)).record).toEqual({
      type: 'gateway-api',
      namespace: 'trading',
      route: 'n1v1',
      stableService: 'n1v1',
      canaryService: 'n1v1-canary',
      port: 80,
    });
    const seen: unknown[] = [];
    for (const weight of [5, 25, 0]) {
      await r.setWeight(weight);
      seen.push(backendsOf(ROUTE)[0]);
    }
    expect(seen).toEqual([
      [
        { name: 'n1v1', port: 80, weight: 95 },
        { name: 'n1v1-canary', port: 80, weight: 5 },
      ],
      [
        { name: 'n1v1', port: 80, weight: 75 },
        { name: 'n1v1-canary', port: 80, weight: 25 },
      ],
      [
        { name: 'n1v1', port: 80, weight: 100 },
        { name: 'n1v1-canary', port: 80, weight: 0 },
      ],
    ]);
    // The rest of the route is the user's and stays as it was.
    expect((fake.get(ROUTE)!.spec as { parentRefs: unknown }).parentRefs).toEqual([
      { name: 'public' },
    ]);
  });

  it('sends a header-matched step to the canary through a rule of its own', async () => {
    const r = router();
    expect(await r.setWeight(0, { header: { name: 'x-canary', value: 'internal' } })).toBe(
      'HTTPRoute trading/n1v1: 0 % to the canary, and requests with header x-canary: internal',
    );
    expect(backendsOf(ROUTE)).toEqual([
      [{ name: 'n1v1-canary', port: 80, weight: 1 }],
      [
        { name: 'n1v1', port: 80, weight: 100 },
        { name: 'n1v1-canary', port: 80, weight: 0 },
      ],
    ]);
    expect(r.plan(25)[0]!.summary).toBe(
      'PUT HTTPRoute trading/n1v1 backendRefs: n1v1 75, n1v1-canary 25',
    );
  });

  it('fails in one line when the route is missing or does not send to the stable Service', async () => {
    const missing = gatewayApiRouter(
      { type: 'gateway-api', namespace: 'trading', route: 'nope', server: fake.url },
      'n1v1',
    );
    await expect(missing.start({ canaryUrl: 'http://c' }, signal)).rejects.toThrow(
      'reading HTTPRoute trading/nope: 404 nope not found',
    );
    const other = gatewayApiRouter(
      { type: 'gateway-api', namespace: 'trading', server: fake.url, stableService: 'other' },
      'n1v1',
    );
    await expect(other.start({ canaryUrl: 'http://c' }, signal)).rejects.toThrow(
      'HTTPRoute trading/n1v1 has no rule with a backendRef to the stable Service other',
    );
  });
});

describe('the nginx-ingress router', () => {
  it('writes the canary annotations of the canary Ingress and keeps its other annotations', async () => {
    const r = nginxIngressRouter(
      { type: 'nginx-ingress', namespace: 'trading', server: fake.url },
      'n1v1',
    );
    expect((await r.start({ canaryUrl: 'http://c' }, signal)).record).toEqual({
      type: 'nginx-ingress',
      namespace: 'trading',
      ingress: 'n1v1-canary',
    });
    await r.setWeight(25, { header: { name: 'x-canary', value: 'internal' } });
    expect((fake.get(INGRESS)!.metadata as { annotations: unknown }).annotations).toEqual({
      team: 'trading',
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '25',
      'nginx.ingress.kubernetes.io/canary-weight-total': '100',
      'nginx.ingress.kubernetes.io/canary-by-header': 'x-canary',
      'nginx.ingress.kubernetes.io/canary-by-header-value': 'internal',
    });
    expect(r.weightPercent).toBe(25);
    expect(r.plan(50, { cookie: { name: 'canary', value: 'always' } })[0]!.summary).toBe(
      'PUT Ingress trading/n1v1-canary annotations: canary-weight 50, canary-by-cookie canary',
    );
    await r.close();
  });

  it('fails in one line when the canary Ingress does not exist', async () => {
    const r = nginxIngressRouter(
      { type: 'nginx-ingress', namespace: 'trading', canaryIngress: 'gone', server: fake.url },
      'n1v1',
    );
    await expect(r.setWeight(5)).rejects.toThrow(/^updating Ingress trading\/gone: 404/);
  });
});

describe('the Kubernetes connection of a router', () => {
  it("reads the user's kubeconfig file and context when no server is given", async () => {
    const file = writeKubeconfig({ server: fake.url, namespace: 'trading' });
    const { kc: plain } = await loadKubeConfig({ kubeconfig: file });
    const { kc } = await loadKubeConfig({ kubeconfig: file, context: plain.getCurrentContext() });
    expect(kc.getCurrentCluster()?.server).toBe(fake.url);
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe('trading');
  });
});
