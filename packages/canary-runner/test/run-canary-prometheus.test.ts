import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/deployers/local/free-port.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { exampleServiceCommand } from './helpers/example-service.js';
import { type RunningPrometheus, startPrometheus } from './helpers/prometheus.js';

let workspace: ReturnType<typeof canaryWorkspace>;
let prometheus: RunningPrometheus | undefined;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await prometheus?.stop();
  await workspace.cleanup();
});

describe('a canary judged through a real Prometheus server', () => {
  it('rolls back a canary with errors, from PromQL over the HTTP API', async () => {
    const canaryPort = await freePort();
    const stablePort = await freePort();
    prometheus = await startPrometheus({
      'n1v1-canary': `http://127.0.0.1:${canaryPort}`,
      'n1v1-stable': `http://127.0.0.1:${stablePort}`,
    });
    const report = await runCanary({
      cwd: workspace.cwd,
      version: '4.0.0',
      handleSignals: false,
      notifier: null,
      deployer: {
        type: 'local',
        command: exampleServiceCommand(),
        canaryPort,
        stablePort,
        env: { N1V1_ERROR_RATE: '0.2' },
        keepRunning: false,
      },
      monitor: { durationSec: 12, intervalSec: 2 },
      metrics: {
        source: 'prometheus',
        url: prometheus.url,
        canarySelector: 'job="n1v1-canary"',
        baselineSelector: 'job="n1v1-stable"',
        scrapeIntervalSec: 1,
        queries: [
          {
            name: 'resident-memory-mb',
            query: 'max(process_resident_memory_bytes{{{selector}}}) / 1e6',
            max: 4096,
          },
        ],
      },
    });
    expect(report.metricsSource).toBe('prometheus');
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(/^error rate \d+\.\d+% \(\d+\/\d+\) above the limit 1\.00%/);
    const judged = report.looks.find((l) => l.canary && l.canary.requests > 0)!;
    expect(judged.checks.map((c) => c.name)).toContain('query:resident-memory-mb');
    expect(
      judged.checks.find((c) => c.name === 'query:resident-memory-mb')?.canary,
    ).toBeGreaterThan(1);
  });
});
