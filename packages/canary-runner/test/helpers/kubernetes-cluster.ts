import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FakeKubernetes,
  type FakeKubernetesOptions,
  type KubeconfigOptions,
  type Obj,
  startFakeKubernetes,
  writeKubeconfig,
} from '@n1v1/fake-kubernetes';

/** A fake cluster with the stable and canary Deployments of a service already rolled out. */
export interface SeededCluster {
  fake: FakeKubernetes;
  kubeconfig: string;
  deployment(name: string): Obj;
  image(name: string): string;
  close(): Promise<void>;
}

/** Creates a Deployment through the fake's admission, as `kubectl apply` would, and lets it roll out. */
export function seedDeployment(
  fake: FakeKubernetes,
  namespace: string,
  name: string,
  image: string,
  replicas: number,
): void {
  const labels = { app: 'n1v1', track: name.endsWith('-canary') ? 'canary' : 'stable' };
  fake.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } },
    },
  });
  for (let i = 0; i < 4 * replicas + 6; i++) fake.cluster.step();
}

/**
 * The fake with `<service>` (stable) and `<service>-canary` in `namespace`, and a kubeconfig
 * whose context names that namespace, as a user's would.
 */
export async function seededCluster(options: {
  namespace: string;
  stableReplicas?: number;
  canaryReplicas?: number;
  failingImages?: string[];
  fake?: FakeKubernetesOptions;
  kubeconfig?: Partial<KubeconfigOptions>;
}): Promise<SeededCluster> {
  const fake = await startFakeKubernetes({
    stepMs: 40,
    failingImages: options.failingImages ?? [],
    ...options.fake,
  });
  seedDeployment(
    fake,
    options.namespace,
    'n1v1',
    'ghcr.io/acme/n1v1:1.0.0',
    options.stableReplicas ?? 2,
  );
  seedDeployment(
    fake,
    options.namespace,
    'n1v1-canary',
    'ghcr.io/acme/n1v1:1.0.0',
    options.canaryReplicas ?? 0,
  );
  const kubeconfig = writeKubeconfig(
    { server: fake.url, namespace: options.namespace, ...options.kubeconfig },
    mkdtempSync(join(tmpdir(), 'n1v1-kube-')),
  );
  const deployment = (name: string) => fake.cluster.get('Deployment', options.namespace, name)!;
  return {
    fake,
    kubeconfig,
    deployment,
    image: (name) => deployment(name).spec.template.spec.containers[0].image,
    close: () => fake.close(),
  };
}
