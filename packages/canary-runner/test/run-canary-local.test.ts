import { createNotifier, discord } from '@n1v1/notifier';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryOptions } from '../src/run/canary-options.js';
import { pidAlive } from '../src/run/pid-alive.js';
import { runCanary } from '../src/run/run-canary.js';
import { verdictExitCode } from '../src/run/verdict-exit-code.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { type DiscordServer, startDiscordServer, titles } from './helpers/discord-server.js';
import { exampleServiceCommand } from './helpers/example-service.js';
import { expectValidReport } from './helpers/report-schema.js';

let workspace: ReturnType<typeof canaryWorkspace>;
let discordServer: DiscordServer;

beforeEach(async () => {
  workspace = canaryWorkspace();
  discordServer = await startDiscordServer();
});

afterEach(async () => {
  await workspace.cleanup();
  await discordServer.close();
});

/** A short local run of the real example service as stable and canary, reported to the Discord-like server. */
function run(faults: Record<string, string>, extra: Partial<CanaryOptions> = {}) {
  return runCanary({
    cwd: workspace.cwd,
    version: '2.0.0',
    handleSignals: false,
    notifier: createNotifier([
      discord({ webhookUrl: discordServer.webhookUrl, apiBase: discordServer.apiBase }),
    ]),
    deployer: {
      type: 'local',
      command: exampleServiceCommand(),
      env: faults,
      readyTimeoutSec: 5,
      keepRunning: false,
    },
    monitor: { durationSec: 8, intervalSec: 2 },
    ...extra,
  });
}

describe('a local canary run of the example service', () => {
  it('promotes a healthy canary and says so on Discord', async () => {
    const report = await run({}, { autoPromote: true });
    expect(report.reason).toMatch(/^healthy for 8 s/);
    expect(report.verdict).toBe('promoted');
    expectValidReport(report);
    expect(verdictExitCode(report.verdict)).toBe(0);
    expect(report.looks).toHaveLength(4);
    expect(report.looks.at(-1)).toMatchObject({ kind: 'interval', status: 'pass' });
    expect(report.analysisOutcome).toBe('pass');
    expect(report.looks[0]!.canary!.requests).toBeGreaterThan(50);
    expect(report.looks[0]!.baseline!.requests).toBeGreaterThan(50);
    expect(report.smoke?.status).toBe('pass');
    expect(report.notifications.map((n) => [n.type, n.status])).toEqual([
      ['deploy.started', 'delivered'],
      ['deploy.succeeded', 'delivered'],
    ]);
    expect(discordServer.messages).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain(discordServer.token);
    expect(workspace.recordedPids().filter(pidAlive)).toEqual([]);
  });

  it('rolls back a canary with 5 % errors, naming the error rate, with every notification', async () => {
    const report = await run({ N1V1_ERROR_RATE: '0.05' });
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(/error rate/);
    expect(report.rollback).toMatchObject({ ok: true });
    expectValidReport(report);
    expect(report.notifications.map((n) => n.type)).toEqual([
      'deploy.started',
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]);
    expect(titles(discordServer)).toHaveLength(4);
  });

  it('rolls back a canary 200 ms slower than its baseline, naming the latency', async () => {
    const report = await run({ N1V1_LATENCY_MS: '200' });
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(
      /^(median latency \d+ ms vs baseline \d+ ms over [\d.-]+ s: slower|[\d.]+% of requests slower than \d+ ms)/,
    );
  });

  it('rolls back a canary whose readiness check fails, naming the check', async () => {
    const report = await run({ N1V1_EXCHANGE: 'fail' });
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(
      /^canary \(pid \d+\) not ready after 5 s: GET \/ready answered 503/,
    );
    expect(report.looks).toEqual([]);
  });

  it('rolls back a canary that crashes at start, quoting its log', async () => {
    const report = await run({ N1V1_CRASH_ON_START: '1' });
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(/^canary \(pid \d+\) exited with code \d+ before it was ready/);
  });

  it('rolls back at once when the canary process dies while it is watched', async () => {
    let killed = 0;
    const report = await run(
      {},
      {
        monitor: { durationSec: 20, intervalSec: 2 },
        onProgress: (event) => {
          const pid =
            event.type === 'log'
              ? /^started canary .* as pid (\d+)/.exec(event.message)?.[1]
              : undefined;
          if (pid) killed = Number(pid);
          if (event.type === 'phase' && event.phase === 'monitoring')
            process.kill(killed, 'SIGKILL');
        },
      },
    );
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toBe(`canary process (pid ${killed}) is gone`);
    expect(report.rollback?.detail).toBe(`canary pid ${killed} was not running`);
  });

  it('rolls back a canary whose event loop hangs, on its probes or its smoke test', async () => {
    const report = await run(
      { N1V1_STALL_EVENT_LOOP_MS: '2500' },
      { monitor: { durationSec: 10, intervalSec: 2, requestTimeoutMs: 1000 } },
    );
    expect(report.verdict).toBe('rolled-back');
    // Whichever sees the stall first: the health probes, or the smoke test's requests and event-loop check.
    expect(report.reason).toMatch(
      /^(health check failed 2 times in a row: GET \/(health|ready) timed out|smoke test failed: (.*time|resources: event-loop delay))/,
    );
  });

  it('rolls back a canary whose exchange dependency hangs, as not ready', async () => {
    const report = await run({ N1V1_EXCHANGE: 'hang' });
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(
      /^canary \(pid \d+\) not ready after 5 s: GET \/ready (answered 503|timed out)/,
    );
  });
});
