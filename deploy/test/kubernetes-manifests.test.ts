import { readFileSync } from 'node:fs';
import { installedKubectls, type Kubectl } from '@n1v1/fake-kubernetes';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { validateWithKubernetesSchemas } from './kubernetes-schemas.js';
import { deployDir, runTool } from './run-tool.js';

const kubectls = await installedKubectls();

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked field by field below
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  rules?: any[];
}

/** Kustomize v5 warns about the fields kept for v2.0.3 (kubectl 1.20); nothing else may be said. */
const DEPRECATION = /^# Warning: '(bases|patchesJson6902|commonLabels)' is deprecated\./;

function render(overlay: string, k: Kubectl): Manifest[] {
  const result = runTool(k.path, ['kustomize', `kubernetes/overlays/${overlay}`]);
  expect(result.stderr.split('\n').filter((l) => l && !DEPRECATION.test(l))).toEqual([]);
  expect(result.status).toBe(0);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as Manifest);
}

function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not in the rendered manifests`);
  return found;
}

const cases = kubectls.flatMap((k) =>
  (
    [
      ['staging', 'n1v1-staging', 1],
      ['production', 'n1v1-production', 3],
    ] as const
  ).map(([overlay, namespace, replicas]) => ({
    k,
    overlay,
    namespace,
    replicas,
    version: k.version,
  })),
);

describe.each(cases)(
  'the $overlay overlay rendered by kubectl $version',
  ({ k, overlay, namespace, replicas: stableReplicas }) => {
    const manifests = render(overlay, k);

    it('renders into its own namespace, which it creates', () => {
      expect(manifests.length).toBeGreaterThanOrEqual(11);
      for (const manifest of manifests)
        if (manifest.kind !== 'Namespace') expect(manifest.metadata.namespace).toBe(namespace);
      expect(find(manifests, 'Namespace', namespace).metadata.namespace).toBeUndefined();
    });

    it('validates every object against the Kubernetes JSON schemas (kubernetes-models) and the fake API server in strict mode', async () => {
      expect(await validateWithKubernetesSchemas(manifests)).toEqual([]);
    });

    it('routes the canary: one Service over both tracks, one per track, and a disruption budget for the stable pods', () => {
      const shared = find(manifests, 'Service', 'n1v1');
      expect(shared.spec.selector).toEqual({ app: 'n1v1' });
      expect(find(manifests, 'Service', 'n1v1-stable').spec.selector).toEqual({
        app: 'n1v1',
        track: 'stable',
      });
      expect(find(manifests, 'Service', 'n1v1-canary').spec.selector).toEqual({
        app: 'n1v1',
        track: 'canary',
      });
      const pdb = find(manifests, 'PodDisruptionBudget', 'n1v1');
      expect(pdb.spec).toEqual({
        maxUnavailable: 1,
        selector: { matchLabels: { app: 'n1v1', track: 'stable' } },
      });
    });

    it('gives the read-only root filesystem a writable /tmp', () => {
      for (const name of ['n1v1', 'n1v1-canary']) {
        const pod = find(manifests, 'Deployment', name).spec.template.spec;
        expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
        expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
        expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
      }
    });

    it('runs a stable and a canary Deployment with the labels of their track', () => {
      const stable = find(manifests, 'Deployment', 'n1v1');
      const canary = find(manifests, 'Deployment', 'n1v1-canary');
      expect(stable.spec.replicas).toBe(stableReplicas);
      expect(canary.spec.replicas).toBe(0);
      expect(stable.spec.template.metadata.labels).toMatchObject({ app: 'n1v1', track: 'stable' });
      expect(canary.spec.template.metadata.labels).toMatchObject({ app: 'n1v1', track: 'canary' });
    });

    it.each(['n1v1', 'n1v1-canary'])(
      'gives %s liveness on /health, readiness on /ready and a startup probe',
      (name) => {
        const pod = find(manifests, 'Deployment', name).spec.template;
        const container = pod.spec.containers[0];
        expect(container.livenessProbe.httpGet.path).toBe('/health');
        expect(container.readinessProbe.httpGet.path).toBe('/ready');
        expect(container.startupProbe.httpGet.path).toBe('/health');
        expect(container.resources.requests).toMatchObject({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(container.resources.limits).toMatchObject({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(pod.metadata.annotations).toMatchObject({
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': '8000',
          'prometheus.io/path': '/metrics',
        });
        expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
        expect(container.env).toContainEqual({ name: 'N1V1_ENVIRONMENT', value: overlay });
      },
    );

    it('leaves the pod time to finish the health-server shutdown before it is killed', () => {
      for (const name of ['n1v1', 'n1v1-canary']) {
        const pod = find(manifests, 'Deployment', name).spec.template.spec;
        const env = Object.fromEntries(
          pod.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]),
        );
        const shutdownSec =
          (Number(env.N1V1_SHUTDOWN_DELAY_MS) + Number(env.N1V1_SHUTDOWN_TIMEOUT_MS)) / 1000;
        expect(shutdownSec).toBeGreaterThan(0);
        expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(shutdownSec);
      }
    });

    it('grants the canary runner only get, list, watch and patch on Deployments and their scale, and list on ReplicaSets', () => {
      const role = find(manifests, 'Role', 'n1v1-canary-runner');
      const granted = role.rules!.flatMap((rule) =>
        rule.resources.flatMap((resource: string) =>
          rule.verbs.map((verb: string) => `${resource}:${verb}`),
        ),
      );
      expect(granted.sort()).toEqual(
        [
          'deployments:get',
          'deployments:list',
          'deployments:watch',
          'deployments:patch',
          'deployments/scale:get',
          'deployments/scale:patch',
          'replicasets:list',
        ].sort(),
      );
      const binding = find(manifests, 'RoleBinding', 'n1v1-canary-runner') as Manifest & {
        roleRef: { kind: string; name: string };
        subjects: unknown[];
      };
      expect(binding.roleRef).toMatchObject({ kind: 'Role', name: 'n1v1-canary-runner' });
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: 'n1v1-canary-runner', namespace },
      ]);
      expect(find(manifests, 'ServiceAccount', 'n1v1-canary-runner').kind).toBe('ServiceAccount');
    });
  },
);

describe('deploy/README.md', () => {
  const readme = readFileSync(`${deployDir}README.md`, 'utf8');
  const manifests = render('staging', kubectls[0]!);

  it('gives canary and baseline URLs of Services that exist, on their ports, selecting one track each', () => {
    const config = JSON.parse(
      /```json\n([\s\S]*?)\n {3}```/.exec(readme)![1]!.replace(/^ {3}/gm, ''),
    );
    const staging = config.environments.staging;
    for (const [key, track] of [
      ['canaryUrl', 'canary'],
      ['baselineUrl', 'stable'],
    ] as const) {
      const url = new URL(staging[key]);
      const [name, ns, svc] = url.hostname.split('.');
      expect([ns, svc]).toEqual(['n1v1-staging', 'svc']);
      const service = find(manifests, 'Service', name!);
      expect(service.spec.ports.map((p: { port: number }) => p.port)).toContain(
        Number(url.port || 80),
      );
      expect(service.spec.selector).toEqual({ app: 'n1v1', track });
    }
  });
});
