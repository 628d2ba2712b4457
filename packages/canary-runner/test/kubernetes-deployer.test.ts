import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kubernetesDeployer } from '../src/deployers/kubernetes/kubernetes-deployer.js';
import { testDeployContext } from './helpers/deploy-context.js';
import { type SeededCluster, seededCluster } from './helpers/kubernetes-cluster.js';

let cluster: SeededCluster;

beforeEach(async () => {
  cluster = await seededCluster({
    namespace: 'trading',
    failingImages: ['ghcr.io/acme/n1v1:broken'],
  });
});

afterEach(async () => {
  await cluster.close();
});

function deployer(extra: Record<string, unknown> = {}) {
  return kubernetesDeployer({
    config: {
      type: 'kubernetes',
      image: 'ghcr.io/acme/n1v1:{version}',
      kubeconfig: cluster.kubeconfig,
      replicas: 2,
      rolloutTimeoutSec: 20,
      ...extra,
    },
    service: 'n1v1',
    canaryUrl: 'http://127.0.0.1:1',
    pollMs: 50,
  });
}

const canary = () => cluster.deployment('n1v1-canary');
const requests = () => cluster.fake.requests;

describe('the kubernetes deployer against the fake API server', () => {
  it('works in the namespace of the kubeconfig context, sets the canary image with a strategic merge patch and waits for the rollout', async () => {
    const { ctx, records, lines } = testDeployContext({ version: '1.1.0' });
    const result = await deployer().deploy(ctx);
    expect(result.canaryUrl).toBe('http://127.0.0.1:1');
    expect(records).toMatchObject({
      namespace: 'trading',
      deployment: 'n1v1-canary',
      previousImage: 'ghcr.io/acme/n1v1:1.0.0',
      previousReplicas: 0,
      previousRevision: '1',
      previousTemplate: {
        spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/n1v1:1.0.0' }] },
      },
    });
    const patch = requests().find((r) => r.method === 'PATCH');
    expect(patch).toMatchObject({
      path: '/apis/apps/v1/namespaces/trading/deployments/n1v1-canary',
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(cluster.image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.1.0');
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

  it('uses the configured namespace over the context one', async () => {
    const { ctx } = testDeployContext({ version: '1.1.0' });
    await expect(deployer({ namespace: 'elsewhere' }).deploy(ctx)).rejects.toThrow(
      'kubernetes: reading n1v1-canary failed: 404 deployments.apps "n1v1-canary" not found',
    );
    expect(requests().at(-1)?.path).toBe(
      '/apis/apps/v1/namespaces/elsewhere/deployments/n1v1-canary',
    );
  });

  it('fails the deploy when the rollout exceeds its progress deadline', async () => {
    await fetch(`${cluster.fake.url}/apis/apps/v1/namespaces/trading/deployments/n1v1-canary`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { progressDeadlineSeconds: 1 } }),
    });
    const { ctx } = testDeployContext({ version: 'broken' });
    await expect(deployer().deploy(ctx)).rejects.toThrow(
      'deployment "n1v1-canary" exceeded its progress deadline',
    );
    expect((await deployer().status(ctx, {})).healthy).toBe(false);
  });

  it('rolls back by scaling the canary to zero and undoing to the recorded template, reusing its ReplicaSet as kubectl does', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    expect(canary().metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    const detail = await deployer().rollback(ctx, records);
    expect(detail).toBe('scaled n1v1-canary to 0; rolled n1v1-canary back to revision 1');
    expect(requests().find((r) => r.path.endsWith('/scale'))).toMatchObject({
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { replicas: 0 } },
    });
    const undo = requests().find((r) => r.contentType === 'application/json-patch+json');
    expect((undo!.body as Array<{ path: string }>).map((op) => op.path)).toEqual([
      '/spec/template',
      '/metadata/annotations',
    ]);
    expect(cluster.image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.0.0');
    expect(canary().spec.template.metadata.labels['pod-template-hash']).toBeUndefined();
    expect(canary().spec.replicas).toBe(0);
    await expect
      .poll(() => canary().metadata.annotations['deployment.kubernetes.io/revision'])
      .toBe('3');
    expect(
      cluster.fake.cluster
        .list('ReplicaSet', 'trading')
        .filter((rs) => rs.metadata.name.startsWith('n1v1-canary-')),
    ).toHaveLength(2);
  });

  it('is idempotent: a second rollback changes nothing more', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    await deployer().rollback(ctx, records);
    const patches = requests().filter((r) => r.method === 'PATCH').length;
    expect(await deployer().rollback(ctx, records)).toBe(
      'scaled n1v1-canary to 0; it already runs ghcr.io/acme/n1v1:1.0.0',
    );
    expect(
      requests().filter((r) => r.method === 'PATCH' && !r.path.endsWith('/scale')),
    ).toHaveLength(patches - 1);
    expect(await deployer().rollback(ctx, {})).toBe(
      'nothing was changed on n1v1-canary; nothing to undo',
    );
  });

  it('undoes a journal without a recorded template (an older version of the runner) to the previous revision', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    const { previousTemplate: _t, ...old } = records;
    expect(await deployer().rollback(ctx, old)).toBe(
      'scaled n1v1-canary to 0; rolled n1v1-canary back to revision 1',
    );
    expect(cluster.image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.0.0');
  });

  it('refuses to undo a paused Deployment and says how to resume it', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    await fetch(`${cluster.fake.url}/apis/apps/v1/namespaces/trading/deployments/n1v1-canary`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ spec: { paused: true } }),
    });
    await expect(deployer().rollback(ctx, records)).rejects.toThrow(
      'resume n1v1-canary first (kubectl rollout resume deployment/n1v1-canary)',
    );
  });

  it('promotes by setting the stable image, waiting for its rollout and scaling the canary to zero', async () => {
    const { ctx, records } = testDeployContext({ version: '1.1.0' });
    await deployer().deploy(ctx);
    const detail = await deployer().promote(ctx, records);
    expect(detail).toContain('deployment "n1v1" successfully rolled out');
    expect(cluster.image('n1v1')).toBe('ghcr.io/acme/n1v1:1.1.0');
    expect(cluster.deployment('n1v1').status.availableReplicas).toBe(2);
    expect(canary().spec.replicas).toBe(0);
    expect(records.previousStableImage).toBe('ghcr.io/acme/n1v1:1.0.0');

    // A failed bake puts back the image the promotion replaced, and waits for it.
    const restored = await deployer().restore(ctx, records);
    expect(restored).toMatch(
      /successfully rolled out; n1v1 runs ghcr\.io\/acme\/n1v1:1\.0\.0 again$/,
    );
    expect(cluster.image('n1v1')).toBe('ghcr.io/acme/n1v1:1.0.0');
    await expect(deployer().restore(ctx, {})).rejects.toThrow(
      'the image n1v1 ran before the promotion was not recorded; roll it back by hand',
    );
  });

  it('says which API call failed and how, naming the missing deployment', async () => {
    const { ctx } = testDeployContext();
    await expect(deployer({ canaryDeployment: 'nope' }).deploy(ctx)).rejects.toThrow(
      'kubernetes: reading nope failed: 404 deployments.apps "nope" not found',
    );
    await expect(deployer({ container: 'sidecar' }).deploy(ctx)).rejects.toThrow(
      'deployment n1v1-canary has no container sidecar',
    );
  });

  it('plans the exact patches for a dry run without calling the API', () => {
    const { ctx } = testDeployContext({ version: '2.0.0' });
    const seeded = requests().length;
    const plan = ['deploy', 'rollback', 'promote'].flatMap((step) =>
      deployer().plan(step as 'deploy', ctx),
    );
    expect(requests()).toHaveLength(seeded);
    expect(plan.map((a) => a.summary).join('\n')).toContain(
      'PATCH /apis/apps/v1/namespaces/trading/deployments/n1v1-canary (application/strategic-merge-patch+json)',
    );
    expect(JSON.stringify(plan)).toContain('ghcr.io/acme/n1v1:2.0.0');
    expect(plan.some((a) => a.summary.includes('/scale (application/merge-patch+json)'))).toBe(
      true,
    );
  });
});
