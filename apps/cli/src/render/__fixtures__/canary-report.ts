import type { CanaryReport, LookRecord } from '@n1v1/canary-runner';

/** A look as a run records it, with the figures the renderers print. */
export function look(overrides: Partial<LookRecord> = {}): LookRecord {
  return {
    index: 3,
    kind: 'interval',
    elapsedSec: 15.2,
    status: 'pass',
    health: {
      ok: true,
      detail: 'GET /health answered 200 (pass), GET /ready answered 200 (pass)',
      failuresInRow: 0,
    },
    canary: { requests: 250, errors: 1, errorRate: 0.004, p99Ms: 4.95 },
    baseline: { requests: 248, errors: 0, errorRate: 0, p99Ms: 4.9 },
    checks: [],
    problems: [],
    ...overrides,
  };
}

/** A report of a rolled-back run: every optional part present. */
export function rolledBackReport(overrides: Partial<CanaryReport> = {}): CanaryReport {
  return {
    schemaVersion: 1,
    runId: '20250101T120000Z-abc123',
    service: 'n1v1',
    env: 'staging',
    version: '2.0.0',
    verdict: 'rolled-back',
    passed: false,
    reason: 'error rate 5.20% (13/250) above the limit 1.00% (p=2.1e-5)',
    dryRun: false,
    startedAt: '2025-01-01T12:00:00.000Z',
    durationMs: 9000,
    deployer: 'local',
    metricsSource: 'scrape',
    canaryUrl: 'http://127.0.0.1:4001',
    baselineUrl: 'http://127.0.0.1:4000',
    timeline: [],
    looks: [
      look({
        status: 'fail',
        canary: { requests: 250, errors: 13, errorRate: 0.052, p99Ms: 4.95 },
      }),
    ],
    statistics: {} as CanaryReport['statistics'],
    recovered: [
      {
        runId: '20250101T110000Z-dead00',
        version: '1.9.0',
        ok: true,
        detail: 'stopped canary pid 41',
      },
    ],
    rollback: { trigger: 'error rate', ok: true, detail: 'stopped canary pid 42', durationMs: 230 },
    notifications: [
      { type: 'deploy.started', at: '', status: 'delivered', sinks: [] },
      { type: 'deploy.failed', at: '', status: 'undelivered', sinks: [] },
    ],
    journal: '/work/.n1v1/runs/staging/20250101T120000Z-abc123.jsonl',
    ...overrides,
  };
}
