import { installedKubectls, type Kubectl, kubectl, type Obj } from '@n1v1/fake-kubernetes';
import { afterEach, describe, expect, it } from 'vitest';
import { kubernetesDeployer } from '../src/deployers/kubernetes/kubernetes-deployer.js';
import { testDeployContext } from './helpers/deploy-context.js';
import { type SeededCluster, seededCluster } from './helpers/kubernetes-cluster.js';

const NS = 'n1v1-staging';
const kubectls = await installedKubectls();
const clusters: SeededCluster[] = [];

afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.close()));
});

async function cluster(): Promise<SeededCluster> {
  const c = await seededCluster({ namespace: NS });
  clusters.push(c);
  return c;
}

const deployer = (c: SeededCluster, rolloutTimeoutSec = 20) =>
  kubernetesDeployer({
    config: {
      type: 'kubernetes',
      image: 'ghcr.io/acme/n1v1:{version}',
      kubeconfig: c.kubeconfig,
      replicas: 2,
      rolloutTimeoutSec,
    },
    service: 'n1v1',
    pollMs: 50,
  });

/** What `kubectl get deploy,rs -o yaml` shows of a rollout, without uids, times and resourceVersions. */
async function settled(c: SeededCluster): Promise<Obj> {
  const view = () => {
    const d = c.deployment('n1v1-canary');
    const sets = c.fake.cluster
      .list('ReplicaSet', NS)
      .filter((rs) => rs.metadata.name.startsWith('n1v1-canary-'))
      .map((rs) => ({
        name: rs.metadata.name,
        annotations: rs.metadata.annotations,
        replicas: rs.spec.replicas,
        template: rs.spec.template,
      }));
    return {
      generation: d.metadata.generation,
      observed: d.status.observedGeneration,
      annotations: Object.fromEntries(
        Object.entries(d.metadata.annotations).filter(
          ([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration',
        ),
      ),
      spec: d.spec,
      status: { replicas: d.status.replicas ?? 0, updated: d.status.updatedReplicas ?? 0 },
      sets,
    };
  };
  await expect
    .poll(() => view().generation === view().observed && view().status.replicas === 0, {
      timeout: 20_000,
    })
    .toBe(true);
  return view();
}

describe.each(kubectls)('the deployer rollback against kubectl $version', (k: Kubectl) => {
  it('leaves the same Deployment and ReplicaSets as kubectl scale --replicas=0 and kubectl rollout undo', async () => {
    const [ours, theirs] = [await cluster(), await cluster()];
    const runs = await Promise.all(
      [ours, theirs].map(async (c) => {
        const { ctx, records } = testDeployContext({ version: '1.1.0' });
        await deployer(c).deploy(ctx);
        return { ctx, records };
      }),
    );
    await deployer(ours).rollback(runs[0]!.ctx, runs[0]!.records);
    await kubectl(k, theirs.kubeconfig, 'scale', 'deployment/n1v1-canary', '--replicas=0');
    await kubectl(k, theirs.kubeconfig, 'rollout', 'undo', 'deployment/n1v1-canary');
    const [a, b] = [await settled(ours), await settled(theirs)];
    expect(a).toEqual(b);
    expect(a.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/n1v1:1.0.0');
    expect(a.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(await kubectl(k, ours.kubeconfig, 'rollout', 'history', 'deployment/n1v1-canary')).toBe(
      await kubectl(k, theirs.kubeconfig, 'rollout', 'history', 'deployment/n1v1-canary'),
    );
  });
});

describe('undo from the journal', () => {
  it('restores the template recorded before the deploy when the run died before the new ReplicaSet existed', async () => {
    const c = await cluster();
    const first = testDeployContext({ version: '1.1.0' });
    await deployer(c).deploy(first.ctx);
    c.fake.cluster.stop();
    const second = testDeployContext({ version: '1.2.0' });
    await expect(deployer(c, 1).deploy(second.ctx)).rejects.toThrow(
      'rollout of n1v1-canary not finished after 1 s',
    );
    expect(
      c.deployment('n1v1-canary').metadata.annotations['deployment.kubernetes.io/revision'],
    ).toBe('2');
    // A revision guess would take revision 1 (1.0.0) here: one too far.
    expect(await deployer(c).rollback(second.ctx, second.records)).toBe(
      'scaled n1v1-canary to 0; rolled n1v1-canary back to revision 2',
    );
    for (let i = 0; i < 10; i++) c.fake.cluster.step();
    expect(c.image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.1.0');
    expect(
      c.deployment('n1v1-canary').metadata.annotations['deployment.kubernetes.io/revision'],
    ).toBe('2');
    expect(
      c.fake.cluster
        .list('ReplicaSet', NS)
        .filter((rs) => rs.metadata.name.startsWith('n1v1-canary-')),
    ).toHaveLength(2);
  });

  it('restores the recorded template itself when its ReplicaSet was pruned', async () => {
    const c = await cluster();
    const first = testDeployContext({ version: '1.1.0' });
    await deployer(c).deploy(first.ctx);
    for (const rs of c.fake.cluster
      .list('ReplicaSet', NS)
      .filter(
        (r) =>
          r.spec.template.spec.containers[0].image.endsWith(':1.0.0') &&
          r.metadata.name.startsWith('n1v1-canary-'),
      ))
      c.fake.cluster.remove(c.fake.cluster.type('ReplicaSet'), rs);
    expect(await deployer(c).rollback(first.ctx, first.records)).toBe(
      'scaled n1v1-canary to 0; restored the pod template of n1v1-canary recorded before the deploy (its ReplicaSet was pruned)',
    );
    expect(c.image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.0.0');
  });
});
