import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CanaryProgress, type CanaryReport, runCanary } from '@n1v1/canary-runner';
import type { Benchmark } from './lib/benchmark.js';
import { median } from './lib/time-command.js';

// The library runs no service of its own: the example service, a dependency of the bench.
const exampleServiceCommand = [
  process.execPath,
  join(
    dirname(createRequire(import.meta.url).resolve('@n1v1/example-service/package.json')),
    'dist',
    'main.js',
  ),
];

const INTERVAL_SEC = 5;
const TARGET_MS = INTERVAL_SEC * 1000 + 2000;

interface Trial {
  /** From the moment the canary starts failing to the rollback's start, in ms. */
  detectMs: number;
  report: CanaryReport;
}

/**
 * One local run with the default settings (60 s window, a decision every 5 s, 50 synthetic
 * requests/s), the example service as stable and canary. `failFromStart`: the canary is a
 * bad version (5 % errors) from its first request, so the clock starts with monitoring.
 * Otherwise it starts healthy and is switched to 5 % errors 2.5 s into monitoring (half an
 * interval), through the service's admin route (with its admin token); the clock starts then.
 */
/** The canary's admin token: its fault switches answer nobody else. */
const ADMIN_TOKEN = 'bench-admin-token';

async function trial(failFromStart: boolean): Promise<Trial> {
  const cwd = mkdtempSync(join(tmpdir(), 'n1v1-bench-canary-'));
  let failingSince = 0;
  let rollbackAt = 0;
  let canaryUrl = '';
  const onProgress = (event: CanaryProgress) => {
    if (event.type === 'log')
      canaryUrl = /started canary .* on (http:\/\/\S+)/.exec(event.message)?.[1] ?? canaryUrl;
    if (event.type !== 'phase') return;
    if (event.phase === 'monitoring') {
      if (failFromStart) failingSince = performance.now();
      else
        setTimeout(() => {
          failingSince = performance.now();
          void fetch(`${canaryUrl}/admin/faults`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
            body: JSON.stringify({ errorRate: 0.05 }),
          });
        }, 2500);
    }
    if (event.phase === 'rolling-back' && rollbackAt === 0) rollbackAt = performance.now();
  };
  try {
    const report = await runCanary({
      cwd,
      version: 'bench',
      notifier: null,
      handleSignals: false,
      deployer: {
        type: 'local',
        command: exampleServiceCommand,
        keepRunning: false,
        env: {
          N1V1_ADMIN_TOKEN: ADMIN_TOKEN,
          ...(failFromStart ? { N1V1_ERROR_RATE: '0.05' } : {}),
        },
      },
      onProgress,
    });
    if (report.verdict !== 'rolled-back')
      throw new Error(`expected a rollback, got ${report.verdict}: ${report.reason}`);
    return { detectMs: rollbackAt - failingSince, report };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const benchmark: Benchmark = {
  name: 'canary-rollback-time',
  description: `time from a canary starting to fail (5 % errors) to the rollback's start, default settings (decision every ${INTERVAL_SEC} s), real local run of the example service`,
  async run() {
    const fromStart: number[] = [];
    for (let i = 0; i < 3; i++) fromStart.push((await trial(true)).detectMs);
    const midRun: number[] = [];
    for (let i = 0; i < 2; i++) midRun.push((await trial(false)).detectMs);
    const target = `<= ${TARGET_MS} ms (one interval + 2 s)`;
    return [
      {
        metric: 'bad version: median time to rollback start',
        value: median(fromStart),
        unit: 'ms',
        target,
      },
      { metric: 'bad version: worst of 3', value: Math.max(...fromStart), unit: 'ms', target },
      { metric: 'fails mid-interval: median of 2', value: median(midRun), unit: 'ms' },
      { metric: 'fails mid-interval: worst of 2', value: Math.max(...midRun), unit: 'ms' },
    ];
  },
};

export default benchmark;
