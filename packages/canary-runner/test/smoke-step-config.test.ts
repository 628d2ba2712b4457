import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryOptions } from '../src/run/canary-options.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { exampleServiceCommand } from './helpers/example-service.js';

let workspace: ReturnType<typeof canaryWorkspace>;
beforeEach(() => {
  workspace = canaryWorkspace();
});
afterEach(async () => {
  await workspace.cleanup();
});

const run = (smoke: CanaryOptions['smoke']) =>
  runCanary({
    cwd: workspace.cwd,
    version: '2.1.0',
    handleSignals: false,
    notifier: null,
    localCommand: exampleServiceCommand(),
    deployer: { type: 'local', keepRunning: false },
    monitor: { durationSec: 4, intervalSec: 2 },
    smoke,
  });

describe("the canary's smoke step", () => {
  it('takes the smoke configuration of n1v1 smoke --config: its profile and its checks', async () => {
    writeFileSync(
      join(workspace.cwd, 'smoke.json'),
      JSON.stringify({
        profile: 'generic',
        checks: [{ name: 'orders', path: '/api/v1/orders/none', expectStatus: 200 }],
      }),
    );
    const report = await run({ config: 'smoke.json' });
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(
      /^smoke test failed: orders: GET \/api\/v1\/orders\/none: expected HTTP 200, got HTTP 404/,
    );
  });

  it('refuses a smoke configuration that is missing or invalid before deploying anything', async () => {
    await expect(run({ config: 'missing.json' })).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
    await expect(
      run({ profile: 'generic', config: { checks: [{ name: 'load', path: '/x' }] } }),
    ).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining(
        'environments.staging.smoke.config: "checks[0].name" is "load"',
      ),
    });
    expect(workspace.recordedPids()).toEqual([]);
  });
});
