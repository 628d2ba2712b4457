import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryOptions } from '../src/run/canary-options.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { type SeededCluster, seededCluster } from './helpers/kubernetes-cluster.js';

let workspace: ReturnType<typeof canaryWorkspace>;
let cluster: SeededCluster;
const services: RunningService[] = [];

beforeAll(async () => {
  // The example services below share this process's event loop with the runner, which loads
  // the Kubernetes client on its first step: load it now, or that second of module loading
  // would fail their event-loop liveness check mid-run (separate processes in real use).
  await import('@kubernetes/client-node');
});

beforeEach(async () => {
  workspace = canaryWorkspace();
  cluster = await seededCluster({ namespace: 'n1v1-staging', stableReplicas: 1 });
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await cluster.close();
  await workspace.cleanup();
});

/** The canary and stable pods' traffic is served by example services on loopback. */
async function options(
  canaryFaults: { errorRate?: number },
  extra: Partial<CanaryOptions> = {},
): Promise<CanaryOptions> {
  const quiet = { log: () => {} };
  const canary = await startExampleService({
    port: 0,
    version: '1.1.0',
    ...canaryFaults,
    ...quiet,
  });
  const stable = await startExampleService({ port: 0, version: '1.0.0', ...quiet });
  services.push(canary, stable);
  return {
    cwd: workspace.cwd,
    version: '1.1.0',
    handleSignals: false,
    notifier: null,
    canaryUrl: canary.url,
    baselineUrl: stable.url,
    deployer: {
      type: 'kubernetes',
      image: 'ghcr.io/acme/n1v1:{version}',
      kubeconfig: cluster.kubeconfig,
      rolloutTimeoutSec: 20,
    },
    traffic: { enabled: true },
    monitor: { durationSec: 6, intervalSec: 2 },
    ...extra,
  };
}

const image = (name: string) => cluster.image(name);

describe('a kubernetes canary run', () => {
  it('rolls the canary Deployment out, watches it and leaves it ready', async () => {
    const report = await runCanary(await options({}));
    expect(report.verdict, report.reason).toBe('ready');
    expect(image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.1.0');
    expect(image('n1v1')).toBe('ghcr.io/acme/n1v1:1.0.0');
  });

  it('scales the canary to zero and undoes it when it fails', async () => {
    const report = await runCanary(await options({ errorRate: 0.3 }));
    expect(report.verdict).toBe('rolled-back');
    expect(report.rollback?.detail).toBe(
      'scaled n1v1-canary to 0; rolled n1v1-canary back to revision 1',
    );
    expect(image('n1v1-canary')).toBe('ghcr.io/acme/n1v1:1.0.0');
    expect(cluster.deployment('n1v1-canary').spec.replicas).toBe(0);
  });

  it('sends no request to the API server on a dry run', async () => {
    const seeded = cluster.fake.requests.length;
    const report = await runCanary(await options({}, { dryRun: true, autoPromote: true }));
    expect(report.verdict).toBe('planned');
    expect(cluster.fake.requests).toHaveLength(seeded);
    expect(report.plan!.filter((a) => a.kind === 'kubernetes').map((a) => a.step)).toEqual([
      'deploy',
      'deploy',
      'deploy',
      'promote',
      'promote',
      'rollback',
      'rollback',
    ]);
  });
});
