import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryOptions } from '../src/run/canary-options.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';

let workspace: ReturnType<typeof canaryWorkspace>;
const services: RunningService[] = [];

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await workspace.cleanup();
});

/**
 * Users' requests, as the user's own load balancer would send them to both versions: the
 * command router has no entry point of its own. Bounded in count and time.
 */
function userTraffic(urls: string[]): { stop(): Promise<void> } {
  let stopped = false;
  const until = Date.now() + 60_000;
  const loop = (async () => {
    for (let i = 0; i < 6000 && !stopped && Date.now() < until; i++) {
      await Promise.all(
        urls.map((url) => fetch(`${url}/`, { signal: AbortSignal.timeout(2000) }).catch(() => {})),
      );
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

async function steppedOptions(): Promise<CanaryOptions> {
  const quiet = { log: () => {} };
  const canary = await startExampleService({ port: 0, ...quiet });
  const baseline = await startExampleService({ port: 0, ...quiet });
  services.push(canary, baseline);
  return {
    cwd: workspace.cwd,
    version: '8.0.0',
    handleSignals: false,
    notifier: null,
    canaryUrl: canary.url,
    baselineUrl: baseline.url,
    deployer: {
      type: 'command',
      deploy: 'echo deployed',
      rollback: 'true',
      promote: 'echo promoted',
    },
    router: {
      type: 'command',
      command: `echo "$N1V1_CANARY_WEIGHT" >> ${join(workspace.cwd, 'weights.txt')}`,
    },
    steps: [{ weight: 20, holdSec: 3 }],
    autoPromote: true,
    monitor: { intervalSec: 1 },
    analysis: { minSamples: 20 },
    smoke: { enabled: false },
  };
}

describe('a stepped run through the command router', () => {
  it('plans the steps without starting anything, since the script runs at each weight change', async () => {
    const plan = await runCanary({ ...(await steppedOptions()), dryRun: true });
    expect(plan.verdict).toBe('planned');
    expect(plan.plan?.map((a) => a.summary)).toContain(
      'nothing to start: the router command runs at each weight change',
    );
    expect(() => readFileSync(join(workspace.cwd, 'weights.txt'))).toThrow();
  });

  it('sets each weight with the script, gives the canary 100 % to promote, then all traffic back to the promoted stable', async () => {
    const options = await steppedOptions();
    const traffic = userTraffic([options.canaryUrl!, options.baselineUrl!]);
    try {
      const report = await runCanary(options);
      expect(report.verdict, report.reason).toBe('promoted');
      expect(report.steps?.[0]).toMatchObject({ weightPercent: 20, status: 'pass' });
    } finally {
      await traffic.stop();
    }
    const weights = readFileSync(join(workspace.cwd, 'weights.txt'), 'utf8').trim().split('\n');
    expect(weights).toEqual(['20', '100', '0']);
  });
});
