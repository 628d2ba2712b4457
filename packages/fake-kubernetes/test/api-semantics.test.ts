import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeKubernetes, startFakeKubernetes } from '../src/index.js';
import { call, DEPLOYMENTS, deployment, watchEvents } from './helpers/api.js';

let fake: FakeKubernetes;

beforeEach(async () => {
  // The controllers only move when a test calls step(), so resourceVersions stay put.
  fake = await startFakeKubernetes({ stepMs: 3_600_000 });
});
afterEach(async () => {
  await fake.close();
});

describe('the fake API server', () => {
  it('answers discovery, legacy and aggregated, and OpenAPI v2 as JSON and protobuf', async () => {
    expect((await call(fake.url, 'GET', '/version')).json.gitVersion).toMatch(/^v1\.30/);
    expect((await call(fake.url, 'GET', '/healthz')).status).toBe(200);
    expect((await call(fake.url, 'GET', '/api')).json.versions).toEqual(['v1']);
    const groups = (await call(fake.url, 'GET', '/apis')).json.groups.map(
      (g: { name: string }) => g.name,
    );
    expect(groups).toEqual(
      expect.arrayContaining([
        'apps',
        'gateway.networking.k8s.io',
        'policy',
        'rbac.authorization.k8s.io',
      ]),
    );
    const apps = (await call(fake.url, 'GET', '/apis/apps/v1')).json.resources.map(
      (r: { name: string }) => r.name,
    );
    expect(apps).toEqual([
      'deployments',
      'deployments/status',
      'deployments/scale',
      'replicasets',
      'replicasets/status',
      'replicasets/scale',
    ]);
    expect((await call(fake.url, 'GET', '/apis/apps/v9')).status).toBe(404);
    const aggregated = await call(fake.url, 'GET', '/apis', undefined, {
      accept:
        'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
    });
    expect(aggregated.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    const route = aggregated.json.items.find(
      (g: { metadata: { name: string } }) => g.metadata.name === 'gateway.networking.k8s.io',
    );
    expect(route.versions[0].resources.map((r: { resource: string }) => r.resource)).toEqual([
      'httproutes',
      'gateways',
    ]);
    const core = await call(fake.url, 'GET', '/api', undefined, {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
    });
    expect(
      core.json.items[0].versions[0].resources.some(
        (r: { resource: string }) => r.resource === 'services',
      ),
    ).toBe(true);
    const openapi = (await call(fake.url, 'GET', '/openapi/v2')).json;
    expect(
      openapi.definitions['io.k8s.api.core.v1.PodSpec'].properties.containers[
        'x-kubernetes-patch-merge-key'
      ],
    ).toBe('name');
    expect(
      openapi.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch.parameters.map(
        (p: { name: string }) => p.name,
      ),
    ).toContain('dryRun');
    const proto = await fetch(`${fake.url}/openapi/v2`, {
      headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    expect(proto.headers.get('content-type')).toBe(
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    expect(Buffer.from(await proto.arrayBuffer()).includes('io.k8s.api.apps.v1.Deployment')).toBe(
      true,
    );
    expect((await call(fake.url, 'GET', '/apis/apps/v1/namespaces/default/widgets')).status).toBe(
      404,
    );
  });

  it('creates with defaults, refuses duplicates, a missing namespace and a wrong body namespace', async () => {
    const created = await call(
      fake.url,
      'POST',
      DEPLOYMENTS,
      deployment('web', 'ghcr.io/acme/n1v1:1.0.0'),
    );
    expect(created.status).toBe(201);
    expect(created.json.metadata).toMatchObject({ generation: 1, namespace: 'default' });
    expect(created.json.spec).toMatchObject({
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(created.json.spec.template.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
    });
    expect((await call(fake.url, 'POST', DEPLOYMENTS, deployment('web', 'x:1'))).json.reason).toBe(
      'AlreadyExists',
    );
    const missing = await call(
      fake.url,
      'POST',
      '/apis/apps/v1/namespaces/nowhere/deployments',
      deployment('web', 'x:1'),
    );
    expect([missing.status, missing.json.message]).toEqual([404, 'namespaces "nowhere" not found']);
    const wrong = await call(fake.url, 'POST', DEPLOYMENTS, {
      ...deployment('other', 'x:1'),
      metadata: { name: 'other', namespace: 'kube-system' },
    });
    expect(wrong.status).toBe(400);
    const latest = await call(fake.url, 'POST', DEPLOYMENTS, deployment('latest', 'nginx'));
    expect(latest.json.spec.template.spec.containers[0].imagePullPolicy).toBe('Always');
  });

  it('rejects invalid objects with 422 and every cause, and bad types with 400', async () => {
    const bad = deployment('Bad_Name', '');
    bad.spec.replicas = -1;
    const res = await call(fake.url, 'POST', DEPLOYMENTS, bad);
    expect(res.status).toBe(422);
    expect(res.json.details.causes.map((c: { field: string }) => c.field)).toEqual([
      'metadata.name',
      'spec.replicas',
      'spec.template.spec.containers[0].image',
    ]);
    const typed = await call(fake.url, 'POST', DEPLOYMENTS, {
      ...deployment('typed', 'x:1'),
      spec: { ...deployment('typed', 'x:1').spec, replicas: 'two' },
    });
    expect([typed.status, typed.json.message]).toEqual([
      400,
      'json: cannot unmarshal string into Go struct field spec.replicas of type int32',
    ]);
    const strict = await call(fake.url, 'POST', `${DEPLOYMENTS}?fieldValidation=Strict`, {
      ...deployment('strict', 'x:1'),
      spec: { ...deployment('strict', 'x:1').spec, replicaz: 2 },
    });
    expect([strict.status, strict.json.message]).toEqual([
      400,
      'strict decoding error: unknown field "spec.replicaz"',
    ]);
    const warned = await call(fake.url, 'POST', DEPLOYMENTS, {
      ...deployment('warned', 'x:1'),
      spec: { ...deployment('warned', 'x:1').spec, replicaz: 2 },
    });
    expect(warned.headers.get('warning')).toBe('299 - "unknown field \\"spec.replicaz\\""');
    expect(warned.json.spec.replicaz).toBeUndefined();
    const svc = await call(fake.url, 'POST', '/api/v1/namespaces/default/services', {
      metadata: { name: 's' },
      spec: { ports: [{ port: 0 }, { port: 80 }] },
    });
    expect(svc.json.details.causes.map((c: { field: string }) => c.field)).toEqual([
      'spec.ports[0].port',
      'spec.ports[0].name',
      'spec.ports[1].name',
    ]);
  });

  it('keeps a PUT with a stale resourceVersion out (409) and bumps the generation only on spec changes', async () => {
    const created = (await call(fake.url, 'POST', DEPLOYMENTS, deployment('web', 'x:1'))).json;
    const labelled = structuredClone(created);
    labelled.metadata.labels.team = 'a';
    const put = await call(fake.url, 'PUT', `${DEPLOYMENTS}/web`, labelled);
    expect([put.status, put.json.metadata.generation]).toEqual([200, 1]);
    const stale = await call(fake.url, 'PUT', `${DEPLOYMENTS}/web`, created);
    expect([stale.status, stale.json.reason]).toEqual([409, 'Conflict']);
    const scaled = structuredClone(put.json);
    scaled.spec.replicas = 3;
    expect(
      (await call(fake.url, 'PUT', `${DEPLOYMENTS}/web`, scaled)).json.metadata.generation,
    ).toBe(2);
    expect((await call(fake.url, 'PUT', `${DEPLOYMENTS}/nope`, scaled)).status).toBe(404);
  });

  it('serves the scale and status subresources', async () => {
    await call(fake.url, 'POST', DEPLOYMENTS, deployment('web', 'x:1', 2));
    const scale = await call(fake.url, 'GET', `${DEPLOYMENTS}/web/scale`);
    expect(scale.json).toMatchObject({
      kind: 'Scale',
      spec: { replicas: 2 },
      status: { selector: 'app=web' },
    });
    const put = await call(fake.url, 'PUT', `${DEPLOYMENTS}/web/scale`, {
      ...scale.json,
      spec: { replicas: 4 },
    });
    expect(put.json.spec.replicas).toBe(4);
    expect(
      (
        await call(fake.url, 'PUT', `${DEPLOYMENTS}/web/scale`, {
          ...scale.json,
          spec: { replicas: 5 },
        })
      ).status,
    ).toBe(409);
    const negative = await call(
      fake.url,
      'PATCH',
      `${DEPLOYMENTS}/web/scale`,
      { spec: { replicas: -1 } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect([negative.status, negative.json.message]).toEqual([
      422,
      'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
    const status = await call(
      fake.url,
      'PATCH',
      `${DEPLOYMENTS}/web/status`,
      { status: { replicas: 99 }, spec: { replicas: 1 } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect([status.json.status.replicas, status.json.spec.replicas]).toEqual([99, 4]);
    const main = await call(
      fake.url,
      'PATCH',
      `${DEPLOYMENTS}/web`,
      { status: { replicas: 1 } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(main.json.status.replicas).not.toBe(1);
  });

  it('lists by label and field selectors and refuses unknown fields and bad syntax', async () => {
    for (const [name, tier] of [
      ['a', 'web'],
      ['b', 'web'],
      ['c', 'db'],
    ] as const) {
      const d = deployment(name, 'x:1');
      d.metadata.labels = { app: name, tier } as never;
      await call(fake.url, 'POST', DEPLOYMENTS, d);
    }
    const names = async (query: string) =>
      (await call(fake.url, 'GET', `${DEPLOYMENTS}?${query}`)).json.items?.map(
        (d: { metadata: { name: string } }) => d.metadata.name,
      );
    expect(await names('labelSelector=tier%3Dweb')).toEqual(['a', 'b']);
    expect(await names('labelSelector=tier!%3Dweb')).toEqual(['c']);
    expect(await names('labelSelector=tier%20in%20(db,cache)')).toEqual(['c']);
    expect(await names('labelSelector=tier%20notin%20(db),app')).toEqual(['a', 'b']);
    expect(await names('labelSelector=!tier')).toEqual([]);
    expect(await names('fieldSelector=metadata.name%3Db')).toEqual(['b']);
    expect(await names('fieldSelector=metadata.name!%3Db')).toEqual(['a', 'c']);
    expect(
      (await call(fake.url, 'GET', `${DEPLOYMENTS}?fieldSelector=spec.replicas%3D1`)).status,
    ).toBe(400);
    expect(
      (await call(fake.url, 'GET', `${DEPLOYMENTS}?labelSelector=a%20%3E%3E%20b`)).status,
    ).toBe(400);
    expect((await call(fake.url, 'GET', `${DEPLOYMENTS}?fieldSelector=garbage`)).status).toBe(400);
    expect((await call(fake.url, 'GET', '/apis/apps/v1/deployments')).json.items).toHaveLength(3);
    const removed = await call(fake.url, 'DELETE', `${DEPLOYMENTS}?labelSelector=tier%3Dweb`);
    expect(removed.json.items).toHaveLength(2);
    expect(await names('')).toEqual(['c']);
  });

  it('streams a watch from a resourceVersion, replays what came after it, and answers 410 for a too old one', async () => {
    const created = (await call(fake.url, 'POST', DEPLOYMENTS, deployment('web', 'x:1'))).json;
    const from = Number(created.metadata.resourceVersion);
    const events = watchEvents(
      fake.url,
      `${DEPLOYMENTS}?watch=true&fieldSelector=metadata.name%3Dweb&resourceVersion=${from}`,
      2,
    );
    await call(
      fake.url,
      'PATCH',
      `${DEPLOYMENTS}/web`,
      { metadata: { labels: { a: 'b' } } },
      { 'content-type': 'application/merge-patch+json' },
    );
    await call(fake.url, 'DELETE', `${DEPLOYMENTS}/web`, {});
    const seen = await events;
    expect(seen.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
    expect(seen.every((e) => Number(e.object.metadata.resourceVersion) > from)).toBe(true);
    const fresh = await watchEvents(fake.url, '/api/v1/namespaces?watch=1', 3);
    expect(fresh.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED default',
      'ADDED kube-public',
      'ADDED kube-system',
    ]);
    const ended = await watchEvents(
      fake.url,
      `${DEPLOYMENTS}?watch=true&timeoutSeconds=1&resourceVersion=${fake.cluster.store.resourceVersion}`,
      1,
      5000,
    );
    expect(ended).toEqual([]);
  });

  it('answers 410 Expired to a watch from a resourceVersion older than its history', async () => {
    for (let i = 0; i < 10_010; i++)
      fake.cluster.store.update(
        fake.cluster.type('Namespace'),
        fake.cluster.get('Namespace', '', 'default')!,
      );
    const [gone] = await watchEvents(
      fake.url,
      '/api/v1/namespaces?watch=true&resourceVersion=2',
      1,
    );
    expect(gone).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
  });

  it('deletes with a uid precondition and cascades to ReplicaSets and pods', async () => {
    await call(fake.url, 'POST', DEPLOYMENTS, deployment('web', 'x:1', 2));
    for (let i = 0; i < 4; i++) fake.cluster.step();
    expect(fake.cluster.list('Pod', 'default')).toHaveLength(2);
    expect(
      (await call(fake.url, 'DELETE', `${DEPLOYMENTS}/web`, { preconditions: { uid: 'other' } }))
        .status,
    ).toBe(409);
    expect((await call(fake.url, 'DELETE', `${DEPLOYMENTS}/web?dryRun=All`)).status).toBe(200);
    expect(fake.cluster.get('Deployment', 'default', 'web')).toBeDefined();
    const done = await call(fake.url, 'DELETE', `${DEPLOYMENTS}/web`);
    expect(done.json).toMatchObject({ kind: 'Status', status: 'Success' });
    expect(fake.cluster.list('ReplicaSet', 'default')).toEqual([]);
    expect(fake.cluster.list('Pod', 'default')).toEqual([]);
    expect((await call(fake.url, 'DELETE', `${DEPLOYMENTS}/web`)).status).toBe(404);
  });

  it('keeps a dry-run create out of storage and refuses an unknown dryRun value', async () => {
    const dry = await call(fake.url, 'POST', `${DEPLOYMENTS}?dryRun=All`, deployment('web', 'x:1'));
    expect([dry.status, dry.json.metadata.uid]).toEqual([201, 'dry-run']);
    expect(fake.cluster.get('Deployment', 'default', 'web')).toBeUndefined();
    expect(
      (await call(fake.url, 'POST', `${DEPLOYMENTS}?dryRun=Some`, deployment('web', 'x:1'))).status,
    ).toBe(400);
    expect(
      (
        await call(
          fake.url,
          'POST',
          `${DEPLOYMENTS}?fieldValidation=Loose`,
          deployment('web', 'x:1'),
        )
      ).status,
    ).toBe(400);
    expect((await call(fake.url, 'POST', DEPLOYMENTS, 'not json')).status).toBe(400);
    expect((await call(fake.url, 'POST', DEPLOYMENTS, [])).status).toBe(400);
  });

  it('refuses strategic merge on custom resources and unknown patch types with 415, and verbs pods do not have with 405', async () => {
    await call(
      fake.url,
      'POST',
      '/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes',
      {
        metadata: { name: 'r' },
        spec: {
          parentRefs: [{ name: 'gw' }],
          rules: [{ backendRefs: [{ name: 'web', port: 80 }] }],
        },
      },
    );
    const route = '/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes/r';
    expect(
      (
        await call(
          fake.url,
          'PATCH',
          route,
          { spec: {} },
          { 'content-type': 'application/strategic-merge-patch+json' },
        )
      ).status,
    ).toBe(415);
    expect(
      (await call(fake.url, 'PATCH', route, { spec: {} }, { 'content-type': 'text/plain' })).status,
    ).toBe(415);
    const weight = await call(
      fake.url,
      'PATCH',
      route,
      [{ op: 'replace', path: '/spec/rules/0/backendRefs/0/weight', value: 2_000_000 }],
      { 'content-type': 'application/json-patch+json' },
    );
    expect([weight.status, weight.json.details.causes[0].field]).toEqual([
      422,
      'spec.rules[0].backendRefs[0].weight',
    ]);
    expect(
      (await call(fake.url, 'POST', '/api/v1/namespaces/default/pods', { metadata: { name: 'p' } }))
        .status,
    ).toBe(405);
    expect((await call(fake.url, 'GET', '/api/v1/namespaces/default/pods/nope')).status).toBe(404);
    expect((await call(fake.url, 'GET', '/api/v1/namespaces/default/namespaces')).status).toBe(400);
  });
});

describe('seeding a test', () => {
  it('creates objects through admission, with their namespace, and refuses kinds it does not serve', async () => {
    const created = fake.create({
      ...deployment('web', 'x:1'),
      metadata: { name: 'web', namespace: 'trading' },
    });
    expect(created.spec.revisionHistoryLimit).toBe(10);
    expect(fake.cluster.get('Namespace', '', 'trading')).toBeDefined();
    expect(() =>
      fake.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } }),
    ).toThrow('the fake does not serve batch/v1 Job');
  });
});
