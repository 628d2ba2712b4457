import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubernetesDeployer } from '../src/deployers/kubernetes/kubernetes-deployer.js';
import { type FakeAppsServer, startFakeAppsServer } from './fake-kubernetes/fake-apps-server.js';
import { testDeployContext } from './helpers/deploy-context.js';

let server: FakeAppsServer;

beforeEach(async () => {
  server = await startFakeAppsServer({ failingImages: new Set(['ghcr.io/acme/n1v1:broken']) });
  server.cluster.addDeployment('trading', 'n1v1', 'ghcr.io/acme/n1v1:1.0.0', 2);
  server.cluster.addDeployment('trading', 'n1v1-canary', 'ghcr.io/acme/n1v1:1.0.0', 0);
});

afterEach(async () => {
  await server.close();
});

function deployer(extra: Record<string, unknown> = {}) {
  return kubernetesDeployer({
    config: {
      type: 'kubernetes',
      namespace: 'trading',
      image: 'ghcr.io/acme/n1v1:{version}',
      server: server.url,
      replicas: 2,
      rolloutTimeoutSec: 20,
      ...extra,
    },
    service: 'n1v1',
    canaryUrl: 'http://127.0.0.1:1',
    pollMs: 50,
  });
}

const canary = () => server.cluster.deployments.get('trading/n1v1-canary')!;
const image = (name: string) =>
  server.cluster.deployments.get(`trading/${name}`)!.spec.template.spec.containers[0].image;

describe('the kubernetes deployer against an apps/v1 API', () => {
  it('sets the canary image with a strategic merge patch and waits until the rollout is complete', async () => {
    const { ctx, records, lines } = testDeployContext({ version: '1.1.0' });
    const result = await deployer().deploy(ctx);
    expect(result.canaryUrl).toBe('http://127.0.0.1:1');
    expect(records).toMatchObject({
      namespace: 'trading',
      deployment: 'n1v1-canary',
      previousImage: 'ghcr.io/acme/n1v1:1.0.0',
      previousReplicas: 0,
    });
    const patch = server.requests.find((r) => r.method === 'PATCH');
    expect(patch?.contentType).toBe('application/strategic-merge-patch+json');
    expect(image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.1.0');
    expect(canary().status).toMatchObject({
      updatedReplicas: 2,
      availableReplicas: 2,
      replicas: 2,
    });
    expect(canary().status.observedGeneration).toBe(canary().metadata.generation);
    expect(lines.at(-1)).toBe('deployment "n1v1-canary" successfully rolled out');
    expect(lines.some((l) => l.startsWith('Waiting for deployment'))).toBe(true);
    expect(await deployer().status(ctx, records)).toEqual({
      healthy: true,
      detail: '2 canary replicas available',
    });
  });

  it('fails the deploy when the rollout exceeds its progress deadline', async () => {
    canary().spec.progressDeadlineSeconds = 1;
    const { ctx } = testDeployContext({ version: 'broken' });
    await expect(deployer().deploy(ctx)).rejects.toThrow(
      'deployment "n1v1-canary" exceeded its progress deadline',
    );
    expect((await deployer().status(ctx, {})).healthy).toBe(false);
  });

  it('rolls back by scaling the canary to zero and undoing to the previous revision, as kubectl does', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    expect(canary().metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    const detail = await deployer().rollback(ctx, records);
    expect(detail).toBe('scaled n1v1-canary to 0; rolled n1v1-canary back to revision 1');
    const scalePatch = server.requests.find((r) => r.path.endsWith('/scale'));
    expect(scalePatch).toMatchObject({
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 0 } },
    });
    const undo = server.requests.find((r) => r.contentType === 'application/json-patch+json');
    expect((undo!.body as Array<{ path: string }>).map((op) => op.path)).toEqual([
      '/spec/template',
      '/metadata/annotations',
    ]);
    expect(image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.0.0');
    expect(canary().spec.template.metadata.labels['pod-template-hash']).toBeUndefined();
    expect(canary().spec.replicas).toBe(0);
    // The old ReplicaSet is current again under a new revision number, as after `kubectl rollout undo`.
    await expect
      .poll(() => canary().metadata.annotations['deployment.kubernetes.io/revision'])
      .toBe('3');
  });

  it('is idempotent: a second rollback changes nothing more', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    await deployer().rollback(ctx, records);
    const patches = server.requests.filter((r) => r.method === 'PATCH').length;
    expect(await deployer().rollback(ctx, records)).toBe(
      'scaled n1v1-canary to 0; it already runs ghcr.io/acme/n1v1:1.0.0',
    );
    expect(
      server.requests.filter((r) => r.method === 'PATCH' && !r.path.endsWith('/scale')),
    ).toHaveLength(patches - 1);
    expect(await deployer().rollback(ctx, {})).toBe(
      'nothing was changed on n1v1-canary; nothing to undo',
    );
  });

  it('promotes by setting the stable image, waiting for its rollout and scaling the canary to zero', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    const detail = await deployer().promote(ctx, records);
    expect(detail).toContain('deployment "n1v1" successfully rolled out');
    expect(image('n1v1')).toBe('ghcr.io/acme/n1v1:1.1.0');
    expect(server.cluster.deployments.get('trading/n1v1')!.status.availableReplicas).toBe(2);
    expect(canary().spec.replicas).toBe(0);
    expect(records.previousStableImage).toBe('ghcr.io/acme/n1v1:1.0.0');

    // A failed bake puts back the image the promotion replaced, and waits for it.
    const restored = await deployer().restore(ctx, records);
    expect(restored).toMatch(
      /successfully rolled out; n1v1 runs ghcr\.io\/acme\/n1v1:1\.0\.0 again$/,
    );
    expect(image('n1v1')).toBe('ghcr.io/acme/n1v1:1.0.0');
    await expect(deployer().restore(ctx, {})).rejects.toThrow(
      'the image n1v1 ran before the promotion was not recorded; roll it back by hand',
    );
  });

  it('says which API call failed and how, naming the missing deployment', async () => {
    const { ctx } = testDeployContext();
    const missing = deployer({ canaryDeployment: 'nope' });
    await expect(missing.deploy(ctx)).rejects.toThrow(
      'kubernetes: reading nope failed: 404 deployments.apps "nope" not found',
    );
  });

  it('plans the exact patches for a dry run without calling the API', () => {
    const { ctx } = testDeployContext({ version: '2.0.0' });
    const plan = ['deploy', 'rollback', 'promote'].flatMap((step) =>
      deployer().plan(step as 'deploy', ctx),
    );
    expect(server.requests).toHaveLength(0);
    expect(plan.map((a) => a.summary).join('\n')).toContain(
      'PATCH /apis/apps/v1/namespaces/trading/deployments/n1v1-canary (application/strategic-merge-patch+json)',
    );
    expect(JSON.stringify(plan)).toContain('ghcr.io/acme/n1v1:2.0.0');
    expect(plan.some((a) => a.summary.includes('/scale (application/merge-patch+json)'))).toBe(
      true,
    );
  });
});
