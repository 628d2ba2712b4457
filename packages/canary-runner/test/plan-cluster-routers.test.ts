import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryOptions } from '../src/run/canary-options.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';

let workspace: ReturnType<typeof canaryWorkspace>;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

/** A dry run of two steps through a router inside a cluster nobody can reach: nothing is called. */
function dryRun(router: CanaryOptions['router']): Promise<Awaited<ReturnType<typeof runCanary>>> {
  return runCanary({
    cwd: workspace.cwd,
    version: '9.0.0',
    dryRun: true,
    handleSignals: false,
    notifier: null,
    canaryUrl: 'http://127.0.0.1:9/canary',
    deployer: { type: 'command', deploy: 'exit 1', rollback: 'exit 1' },
    router,
    steps: [
      { weight: 10, holdSec: 30 },
      { weight: 50, holdSec: 30 },
    ],
  });
}

describe('dry runs of stepped runs through cluster routers', () => {
  it('plans the HTTPRoute’s backendRef weights step by step, starting at 0', async () => {
    const report = await dryRun({ type: 'gateway-api', namespace: 'shop', route: 'web' });
    expect(report.verdict).toBe('planned');
    const summaries = report.plan!.map((a) => a.summary);
    expect(summaries).toContain(
      "read HTTPRoute shop/web and set the canary's backendRef weight to 0",
    );
    const weights = summaries.filter((s) => s.includes('PUT HTTPRoute shop/web'));
    expect(weights.map((s) => s.replace(/^.*backendRefs: /, ''))).toEqual([
      expect.stringMatching(/ 90, .* 10$/),
      expect.stringMatching(/ 50, .* 50$/),
      expect.stringMatching(/ 100, .* 0$/),
    ]);
  });

  it('plans the canary Ingress annotations step by step, for the service’s canary Ingress by default', async () => {
    const report = await dryRun({ type: 'nginx-ingress' });
    const summaries = report.plan!.map((a) => a.summary);
    const start = summaries.find((s) => s.startsWith('set the canary annotations of Ingress'));
    expect(start).toMatch(/^set the canary annotations of Ingress default\/.+-canary to weight 0$/);
    const weights = summaries
      .filter((s) => s.includes('annotations: canary-weight'))
      .map((s) => s.replace(/^.*canary-weight /, ''));
    expect(weights).toEqual(['10', '50', '0']);
  });
});
