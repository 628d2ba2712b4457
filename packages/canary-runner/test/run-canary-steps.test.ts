import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal } from '../src/run/journal.js';
import { pidAlive } from '../src/run/pid-alive.js';
import type { CanaryProgress } from '../src/run/report-types.js';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { exampleServiceCommand } from './helpers/example-service.js';

const INTERVAL_SEC = 2;

let workspace: ReturnType<typeof canaryWorkspace>;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const ADMIN_TOKEN = 'steps-admin-token';

/** A local run through a real haproxy: the example service as stable and canary. */
function steppedOptions(version: string, onProgress: (event: CanaryProgress) => void) {
  return {
    cwd: workspace.cwd,
    version,
    handleSignals: false,
    notifier: null,
    // The canary's fault switches answer its admin token only.
    deployer: {
      type: 'local' as const,
      command: exampleServiceCommand(),
      keepRunning: false,
      env: { N1V1_ADMIN_TOKEN: ADMIN_TOKEN },
    },
    router: { type: 'haproxy' as const },
    monitor: { intervalSec: INTERVAL_SEC },
    analysis: { minSamples: 20 },
    traffic: { ratePerSec: 200 },
    smoke: { enabled: false },
    onProgress,
  };
}

function haproxyPidOf(journal: string): number {
  const started = readJournal(journal).find((e) => e.type === 'router.started');
  return (started!.data!.record as { pid: number }).pid;
}

describe('a run with weighted steps through haproxy', () => {
  it('cuts a canary that fails at the 25 % step to 0 % before its rollback starts, within one interval + 1 s', async () => {
    let failedAt = 0;
    let faultSet: Promise<number> | undefined;
    let canaryUrl = '';
    const report = await runCanary({
      ...steppedOptions('2.0.0-breaks', (event) => {
        if (event.type !== 'log') return;
        canaryUrl ||= /started canary .* on (http:\/\/\S+)/.exec(event.message)?.[1] ?? '';
        if (event.message.startsWith('traffic step 2/3') && !failedAt) {
          // The canary breaks right when it gets its 25 %: every trading request fails.
          failedAt = Date.now();
          faultSet = fetch(`${canaryUrl}/admin/faults`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
            body: JSON.stringify({ errorRate: 1 }),
          }).then((r) => r.status);
        }
      }),
      steps: [
        { weight: 5, holdSec: 4 },
        { weight: 25, holdSec: 20 },
        { weight: 50, holdSec: 4 },
      ],
    });
    expect(await faultSet).toBe(200);
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(/^step 2\/3 \(25 %\): error rate/);
    expect(report.steps?.map((s) => [s.weightPercent, s.status])).toEqual([
      [5, 'pass'],
      [25, 'fail'],
    ]);
    const first = report.steps![0]!;
    expect(Math.abs(first.routed!.canarySharePercent! - 5)).toBeLessThanOrEqual(2);

    const journal = readJournal(report.journal!);
    const cut = journal.find((e) => e.type === 'traffic.cut')!;
    const rollbackStarted = journal.find(
      (e) => e.type === 'step.started' && e.step === 'rollback',
    )!;
    expect(cut.data).toMatchObject({ weightPercent: 0 });
    expect(cut.seq).toBeLessThan(rollbackStarted.seq);
    const cutMs = Date.parse(cut.at) - failedAt;
    const stepLooks = report.looks
      .filter((l) => l.step === 2)
      .map((l) => `${l.elapsedSec} s ${l.status} ${l.canary?.requests} req ${l.reason ?? ''}`);
    expect(
      cutMs,
      `failure to weight 0 took ${cutMs} ms; looks: ${stepLooks.join('; ')}`,
    ).toBeLessThanOrEqual(INTERVAL_SEC * 1000 + 1000);
    expect(report.router).toMatchObject({ type: 'haproxy', cut: { ok: true } });
    expect(pidAlive(haproxyPidOf(report.journal!))).toBe(false);
  });

  it('raises a healthy canary step by step, gives it 100 % and promotes it', async () => {
    const report = await runCanary({
      ...steppedOptions('2.1.0', () => {}),
      steps: [
        { weight: 10, holdSec: 3 },
        { weight: 50, holdSec: 3 },
      ],
      autoPromote: true,
    });
    expect(report.verdict).toBe('promoted');
    expect(report.steps?.map((s) => [s.kind, s.weightPercent, s.status])).toEqual([
      ['step', 10, 'pass'],
      ['step', 50, 'pass'],
      ['promotion', 100, 'pass'],
    ]);
    for (const step of report.steps!.filter((s) => s.kind === 'step')) {
      expect(Math.abs(step.routed!.canarySharePercent! - step.weightPercent)).toBeLessThanOrEqual(
        2,
      );
    }
    const weights = readJournal(report.journal!)
      .filter((e) => e.type === 'traffic.weight')
      .map((e) => e.data?.weightPercent);
    expect(weights).toEqual([10, 50, 100]);
    expect(report.looks.every((look) => look.step === 1 || look.step === 2)).toBe(true);
    expect(pidAlive(haproxyPidOf(report.journal!))).toBe(false);
  });

  it('plans the weight changes of a router inside the cluster, and its return to stable after the promotion', async () => {
    const report = await runCanary({
      ...steppedOptions('2.3.0', () => {}),
      dryRun: true,
      autoPromote: true,
      router: { type: 'gateway-api', server: 'http://127.0.0.1:1', stableService: 'n1v1-stable' },
      steps: [{ weight: 10, holdSec: 30 }],
    });
    const summaries = report.plan!.map((a) => `[${a.step}] ${a.summary}`);
    expect(summaries.filter((s) => s.includes('HTTPRoute'))).toEqual([
      "[traffic] read HTTPRoute default/n1v1 and set the canary's backendRef weight to 0",
      '[traffic] step 1/1 (10 %): PUT HTTPRoute default/n1v1 backendRefs: n1v1-stable 90, n1v1-canary 10',
      '[traffic] promotion (100 %): PUT HTTPRoute default/n1v1 backendRefs: n1v1-stable 0, n1v1-canary 100',
      '[promote] after the promotion the stable takes all traffic again: PUT HTTPRoute default/n1v1 backendRefs: n1v1-stable 100, n1v1-canary 0',
      '[fail] on any failure, before the rollback: PUT HTTPRoute default/n1v1 backendRefs: n1v1-stable 100, n1v1-canary 0',
    ]);
    const nginx = await runCanary({
      ...steppedOptions('2.3.1', () => {}),
      dryRun: true,
      router: { type: 'nginx-ingress', server: 'http://127.0.0.1:1' },
      steps: [{ weight: 10, holdSec: 30 }],
    });
    expect(nginx.plan!.map((a) => a.summary)).toContain(
      'set the canary annotations of Ingress default/n1v1-canary to weight 0',
    );
    const command = await runCanary({
      ...steppedOptions('2.3.2', () => {}),
      dryRun: true,
      router: { type: 'command', command: './set-weight.sh' },
      steps: [{ weight: 10, holdSec: 30 }],
    });
    expect(command.plan!.map((a) => a.summary)).toContain(
      'nothing to start: the router command runs at each weight change',
    );
  });

  it('shows every weight change of a dry run in order, from the same steps, and takes none', async () => {
    const report = await runCanary({
      ...steppedOptions('2.2.0', () => {}),
      dryRun: true,
      autoPromote: true,
      steps: [
        { weight: 5, holdSec: 30, match: { header: { name: 'x-canary', value: 'internal' } } },
        { weight: 25, holdSec: 60, gate: 'manual' },
        { weight: 50, holdSec: 60 },
      ],
    });
    expect(report.verdict).toBe('planned');
    const changes = report
      .plan!.filter((a) => a.summary.includes('haproxy runtime API'))
      .map((a) => a.summary.replace(/^.*haproxy runtime API: /, ''));
    expect(changes).toEqual([
      '5 % to the canary, and requests with header x-canary: internal',
      '25 % to the canary',
      '50 % to the canary',
      '100 % to the canary',
      '0 % to the canary',
    ]);
    const steps = report.plan!.map((a) => a.step);
    expect(steps.indexOf('fail')).toBeLessThan(steps.indexOf('rollback'));
    expect(report.plan!.some((a) => a.summary.includes('wait for a manual approval'))).toBe(true);
    expect(workspace.recordedPids()).toEqual([]);
  });
});
