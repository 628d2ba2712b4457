import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ExampleServiceOptions,
  type RunningService,
  startExampleService,
} from '@n1v1/example-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CanaryOptions } from '../src/run/canary-options.js';
import { listJournals } from '../src/run/journal.js';
import { promote } from '../src/run/promote-canary.js';
import { rollback } from '../src/run/rollback-canary.js';
import { runCanary } from '../src/run/run-canary.js';
import { verdictExitCode } from '../src/run/verdict-exit-code.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { recordingNotifier } from './helpers/recording-notifier.js';
import { expectValidReport } from './helpers/report-schema.js';

let workspace: ReturnType<typeof canaryWorkspace>;
const services: RunningService[] = [];

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await workspace.cleanup();
});

/** A run whose deploy and rollback are shell scripts, against example services already running. */
async function options(
  canary: ExampleServiceOptions,
  deployer: { rollback: string; deploy?: string },
  extra: Partial<CanaryOptions> = {},
): Promise<CanaryOptions> {
  const quiet = { log: () => {} };
  const c = await startExampleService({ port: 0, ...canary, ...quiet });
  const b = await startExampleService({ port: 0, ...quiet });
  services.push(c, b);
  return {
    cwd: workspace.cwd,
    version: '5.0.0',
    handleSignals: false,
    notifier: null,
    canaryUrl: c.url,
    baselineUrl: b.url,
    deployer: {
      type: 'command',
      deploy: deployer.deploy ?? 'echo deployed',
      rollback: deployer.rollback,
      promote: 'echo promoted $N1V1_VERSION',
    },
    traffic: { enabled: true },
    monitor: { durationSec: 6, intervalSec: 2 },
    ...extra,
  };
}

describe('a canary run with the command deployer', () => {
  it('fails the smoke test of a canary that is not ready, and rolls back with the rollback script', async () => {
    const report = await runCanary(
      await options({ exchange: 'fail' }, { rollback: 'echo rolled back $N1V1_RUN_ID' }),
    );
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toMatch(/^smoke test failed: ready: /);
    expect(report.smoke?.status).toBe('fail');
    expect(report.rollback?.detail).toMatch(
      /^rollback script "echo rolled back \$N1V1_RUN_ID" succeeded/,
    );
  });

  it('reports a failed rollback script as rollback-failed: exit 3, and says so in a notification', async () => {
    const recorder = recordingNotifier();
    const report = await runCanary(
      await options(
        { errorRate: 0.3 },
        { rollback: 'echo "cluster unreachable" >&2; exit 4' },
        { notifier: recorder.notifier },
      ),
    );
    expect(report.verdict).toBe('rollback-failed');
    expectValidReport(report);
    expect(verdictExitCode(report.verdict)).toBe(3);
    expect(report.reason).toMatch(
      /; rollback failed: rollback script .* exited with code 4: cluster unreachable$/,
    );
    expect(recorder.events.map((e) => e.type)).toEqual([
      'deploy.started',
      'deploy.failed',
      'rollback.started',
      'rollback.failed',
    ]);
    // The canary is still out there: a manual rollback tries again (and fails again, loudly).
    const manual = await rollback({ cwd: workspace.cwd, notifier: null });
    expect(manual).toMatchObject({ outcome: 'rollback-failed', ok: false });
  });

  it('calls the state unknown when the rollback itself runs out of time', async () => {
    const report = await runCanary(
      await options({ errorRate: 0.3 }, { rollback: 'sleep 30' }, { timeouts: { rollbackSec: 1 } }),
    );
    expect(report.verdict).toBe('unknown');
    expect(verdictExitCode(report.verdict)).toBe(3);
    expect(report.reason).toMatch(/rollback failed: rollback timed out after 1 s$/);
  });

  it('fails the run when the deploy script fails, before anything is watched', async () => {
    const report = await runCanary(
      await options({}, { deploy: 'echo "no such image" >&2; exit 2', rollback: 'true' }),
    );
    expect(report).toMatchObject({ verdict: 'rolled-back', looks: [] });
    expect(report.reason).toBe(
      'deploy script "echo \\"no such image\\" >&2; exit 2" exited with code 2: no such image',
    );
  });

  it('ends inconclusive, never passed, when nothing is sent to the canary, extended only under extend', async () => {
    const quiet = { traffic: { enabled: false }, monitor: { durationSec: 4, intervalSec: 2 } };
    const failed = await runCanary(
      await options({}, { rollback: 'true' }, { ...quiet, analysis: { insufficientData: 'fail' } }),
    );
    expect(failed, failed.reason).toMatchObject({
      verdict: 'rolled-back',
      analysisOutcome: 'inconclusive',
    });
    expect(failed.reason).toMatch(
      /^inconclusive after \d+ s: insufficient data for the error rate over 0-\d+(\.\d)? s: \d+ requests, need 50/,
    );
    expect(failed.looks).toHaveLength(2);
    const kept = await runCanary(
      await options(
        {},
        { rollback: 'true' },
        { ...quiet, analysis: { insufficientData: 'pass', onInconclusive: 'keep' } },
      ),
    );
    expect(kept, kept.reason).toMatchObject({
      verdict: 'failed',
      passed: false,
      analysisOutcome: 'inconclusive',
    });
    expect(kept.timeline.map((t) => t.event)).toContain('rollback.skipped');
    const extended = await runCanary(
      await options(
        {},
        { rollback: 'true' },
        { ...quiet, analysis: { insufficientData: 'extend', maxExtendSec: 2 } },
      ),
    );
    expect(extended.verdict).toBe('rolled-back');
    expect(extended.reason).toMatch(/^inconclusive after \d+ s: /);
    expect(extended.looks).toHaveLength(3);
  });

  it('auto-promotes a passing canary with the promote script, and plans promote and rollback on dry runs', async () => {
    const report = await runCanary(await options({}, { rollback: 'true' }, { autoPromote: true }));
    expect(report.verdict).toBe('promoted');
    expect(report.promotion?.detail).toMatch(
      /^promote script "echo promoted \$N1V1_VERSION" succeeded/,
    );
    const again = await promote({
      cwd: workspace.cwd,
      env: 'staging',
      dryRun: true,
      notifier: null,
    });
    expect(again).toMatchObject({ outcome: 'planned', ok: true, version: '5.0.0' });
    expect(again.plan!.map((a) => `${a.step} ${a.kind}`)).toEqual([
      'promote notification',
      'bake http',
      'promote command',
      'bake http',
      'bake notification',
      'bake notification',
      'bake notification',
      'promote notification',
      'promote notification',
    ]);
    const none = await rollback({ cwd: workspace.cwd, dryRun: true, notifier: null });
    expect(none).toMatchObject({
      outcome: 'planned',
      detail: 'dry run: no canary to roll back in staging',
      plan: [],
    });
  });

  it("keeps the deployer's environment values out of the journal, and still gives them to a later rollback", async () => {
    const token = 'tok-s3cr3t-4f1c9e';
    const deployer = {
      type: 'command' as const,
      deploy: 'echo deployed',
      rollback: 'printf "%s" "$API_TOKEN" > rollback-token.txt',
      env: { API_TOKEN: token },
    };
    writeFileSync(
      join(workspace.cwd, 'n1v1.config.json'),
      JSON.stringify({ environments: { staging: { deployer } } }),
    );
    const run = await options({ errorRate: 0.3 }, deployer, { noRollback: true });
    const report = await runCanary({ ...run, deployer });
    expect(report.verdict).toBe('failed');
    const journal = listJournals(workspace.stateDir, 'staging')
      .map((file) => readFileSync(file, 'utf8'))
      .join('');
    expect(journal).toContain('API_TOKEN');
    expect(journal).not.toContain(token);

    const manual = await rollback({ cwd: workspace.cwd, notifier: null });
    expect(manual.ok).toBe(true);
    expect(readFileSync(join(workspace.cwd, 'rollback-token.txt'), 'utf8')).toBe(token);
    const after = listJournals(workspace.stateDir, 'staging')
      .map((file) => readFileSync(file, 'utf8'))
      .join('');
    expect(after).not.toContain(token);
  });
});
