import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';

let workspace: ReturnType<typeof canaryWorkspace>;
const services: RunningService[] = [];
let brokenBaseline: Server | undefined;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await new Promise<void>((r) => (brokenBaseline ? brokenBaseline.close(() => r()) : r()));
  brokenBaseline = undefined;
  await workspace.cleanup();
});

/** A baseline whose metrics endpoint is broken: every /metrics answers 503. */
async function baselineWithBrokenMetrics(): Promise<string> {
  brokenBaseline = createServer((_req, res) => {
    res.writeHead(503);
    res.end('metrics exporter down');
  });
  await new Promise<void>((r) => brokenBaseline?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(brokenBaseline.address() as AddressInfo).port}`;
}

describe('a canary run whose metrics cannot be read', () => {
  it('never passes: it rolls back once more looks in a row go unread than the error limit allows', async () => {
    const canary = await startExampleService({ port: 0, log: () => {} });
    services.push(canary);
    const report = await runCanary({
      cwd: workspace.cwd,
      version: '6.0.0',
      handleSignals: false,
      notifier: null,
      canaryUrl: canary.url,
      baselineUrl: await baselineWithBrokenMetrics(),
      deployer: { type: 'command', deploy: 'echo deployed', rollback: 'echo rolled back' },
      smoke: { enabled: false },
      traffic: { enabled: true },
      monitor: { durationSec: 30, intervalSec: 1, consecutiveErrorLimit: 1 },
    });
    expect(report.verdict).toBe('rolled-back');
    expect(report.passed).toBe(false);
    expect(report.reason).toBe(
      "2 looks in a row without a reading (consecutiveErrorLimit 1): could not scrape the baseline's /metrics: answered 503",
    );
    expect(report.looks.length).toBeGreaterThanOrEqual(2);
    expect(report.rollback?.ok).toBe(true);
  });
});
