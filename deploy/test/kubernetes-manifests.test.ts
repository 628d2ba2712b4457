import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runTool } from './run-tool.js';

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked field by field below
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  rules?: any[];
}

/**
 * kustomize v5 notes `bases` and `patchesJson6902` as deprecated; the manifests keep them
 * because they are what Debian's kubectl 1.20 (kustomize v2.0.3) understands. Any other
 * output on stderr still fails the render.
 */
const DEPRECATION_NOTE = /^# Warning: '(bases|patchesJson6902)' is deprecated\..*$/;

function render(overlay: string): Manifest[] {
  const result = runTool('kubectl', ['kustomize', `kubernetes/overlays/${overlay}`]);
  const stderr = result.stderr
    .split('\n')
    .filter((line) => line !== '' && !DEPRECATION_NOTE.test(line));
  expect(stderr).toEqual([]);
  expect(result.status).toBe(0);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as Manifest);
}

function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind}/${name} is not in the rendered manifests`);
  return found;
}

describe.each([
  ['staging', 'n1v1-staging', 1],
  ['production', 'n1v1-production', 3],
])('the %s overlay', (overlay, namespace, stableReplicas) => {
  const manifests = render(overlay);

  it('renders with kubectl kustomize into its own namespace', () => {
    expect(manifests.length).toBeGreaterThanOrEqual(7);
    for (const manifest of manifests) expect(manifest.metadata.namespace).toBe(namespace);
  });

  it('runs a stable and a canary Deployment behind one Service that selects both', () => {
    const stable = find(manifests, 'Deployment', 'n1v1');
    const canary = find(manifests, 'Deployment', 'n1v1-canary');
    expect(stable.spec.replicas).toBe(stableReplicas);
    expect(canary.spec.replicas).toBe(0);
    expect(stable.spec.template.metadata.labels).toMatchObject({ app: 'n1v1', track: 'stable' });
    expect(canary.spec.template.metadata.labels).toMatchObject({ app: 'n1v1', track: 'canary' });
    const service = find(manifests, 'Service', 'n1v1');
    expect(service.spec.selector).toEqual({ app: 'n1v1' });
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
});
