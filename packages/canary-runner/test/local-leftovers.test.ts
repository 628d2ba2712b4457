import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pidAlive } from '../src/run/pid-alive.js';
import type { CanaryProgress } from '../src/run/report-types.js';
import { rollback } from '../src/run/rollback-canary.js';
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

describe('what a local run leaves running', () => {
  it('is named at the end of the run, and a manual rollback stops all of it', async () => {
    const logs: string[] = [];
    const report = await runCanary({
      cwd: workspace.cwd,
      version: '2.0.0',
      handleSignals: false,
      notifier: null,
      localCommand: exampleServiceCommand(),
      monitor: { durationSec: 4, intervalSec: 2 },
      analysis: { minSamples: 10 },
      onProgress: (event: CanaryProgress) => {
        if (event.type === 'log') logs.push(event.message);
      },
    });
    expect(report.verdict, report.reason).toBe('ready');
    const [stablePid, canaryPid] = workspace.recordedPids();
    expect(pidAlive(stablePid!) && pidAlive(canaryPid!)).toBe(true);
    expect(logs.at(-1)).toMatch(
      new RegExp(
        `^left running: canary 2\\.0\\.0 pid ${canaryPid} \\(http://127\\.0\\.0\\.1:\\d+\\), stable stable pid ${stablePid} \\(http://127\\.0\\.0\\.1:\\d+\\); "n1v1 rollback --env=staging" stops them`,
      ),
    );

    const manual = await rollback({ cwd: workspace.cwd, notifier: null });
    expect(manual).toMatchObject({ outcome: 'rolled-back', ok: true });
    expect(manual.detail).toContain(`stopped canary pid ${canaryPid}`);
    expect(manual.detail).toContain(`stopped the local stable stable (pid ${stablePid}`);
    expect(pidAlive(canaryPid!) || pidAlive(stablePid!)).toBe(false);
    expect(await rollback({ cwd: workspace.cwd, notifier: null })).toMatchObject({
      outcome: 'nothing-to-do',
      ok: true,
      detail: 'no canary to roll back in staging',
    });
  });
});
