import { type RunningService, startExampleService } from '@n1v1/example-service';
import type { AccessRule } from '@n1v1/fake-kubernetes';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryProgress } from '../src/run/report-types.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { type SeededCluster, seededCluster } from './helpers/kubernetes-cluster.js';

const EVERYTHING: AccessRule[] = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }];
/** What the deployer's user keeps while its read of Deployments is revoked. */
const NO_GET: AccessRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['list', 'watch', 'patch', 'update', 'create'] },
];

let workspace: ReturnType<typeof canaryWorkspace>;
let cluster: SeededCluster;
const rules: Record<string, AccessRule[]> = {};
const services: RunningService[] = [];

beforeAll(async () => {
  // Loaded now, not on the run's first step: see run-canary-kubernetes.test.ts.
  await import('@kubernetes/client-node');
});

beforeEach(async () => {
  workspace = canaryWorkspace();
  rules.deployer = EVERYTHING;
  cluster = await seededCluster({
    namespace: 'n1v1-staging',
    stableReplicas: 1,
    // The RBAC of a real API server: a role edited mid-run makes the status check throw.
    fake: { access: { tokens: { 'deploy-token': 'deployer' }, rules } },
    kubeconfig: { token: 'deploy-token' },
  });
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await cluster.close();
  await workspace.cleanup();
});

/**
 * A kubernetes run whose deployer loses the right to read the canary Deployment after the
 * first look, and gets it back once `errorLooks` looks have failed to read it.
 */
async function runWithStatusOutage(errorLooks: number, consecutiveErrorLimit: number) {
  const quiet = { log: () => {} };
  const canary = await startExampleService({ port: 0, version: '1.1.0', ...quiet });
  const stable = await startExampleService({ port: 0, version: '1.0.0', ...quiet });
  services.push(canary, stable);
  let failedLooks = 0;
  const onProgress = (event: CanaryProgress) => {
    if (event.type !== 'look') return;
    if (event.look.status === 'error') failedLooks++;
    if (event.look.index === 1) rules.deployer = NO_GET;
    if (failedLooks >= errorLooks) rules.deployer = EVERYTHING;
  };
  return runCanary({
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
    smoke: { enabled: false },
    traffic: { enabled: true },
    monitor: { durationSec: 8, intervalSec: 1, consecutiveErrorLimit },
    onProgress,
  });
}

describe('a deployer status check that throws', () => {
  it('spends the consecutive-error budget and the run goes on when the check recovers within it', async () => {
    const report = await runWithStatusOutage(2, 2);
    expect(report.verdict, report.reason).toBe('ready');
    const failed = report.looks.filter((l) => l.status === 'error');
    expect(failed).toHaveLength(2);
    expect(failed[0]!.reason).toMatch(/^deployer status check failed: .*forbidden/i);
    expect(report.looks.at(-1)!.status).toBe('pass');
  });

  it('rolls the canary back once more looks in a row fail than consecutiveErrorLimit allows', async () => {
    const report = await runWithStatusOutage(2, 1);
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(
      /^2 looks in a row without a reading \(consecutiveErrorLimit 1\): deployer status check failed: .*forbidden/i,
    );
    expect(report.rollback?.ok).toBe(true);
    expect(cluster.deployment('n1v1-canary').spec.replicas).toBe(0);
  });
});
