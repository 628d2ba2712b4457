import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCanary } from '../src/run/run-canary.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { recordingNotifier } from './helpers/recording-notifier.js';

let workspace: ReturnType<typeof canaryWorkspace>;
const services: RunningService[] = [];

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await workspace.cleanup();
});

describe('a canary run the caller aborts', () => {
  it('stops watching, rolls the canary back and gives the caller’s reason', async () => {
    const quiet = { log: () => {} };
    const canary = await startExampleService({ port: 0, ...quiet });
    const baseline = await startExampleService({ port: 0, ...quiet });
    services.push(canary, baseline);
    const caller = new AbortController();
    const recorder = recordingNotifier();
    const pending = runCanary({
      cwd: workspace.cwd,
      version: '6.1.0',
      handleSignals: false,
      notifier: recorder.notifier,
      signal: caller.signal,
      canaryUrl: canary.url,
      baselineUrl: baseline.url,
      deployer: { type: 'command', deploy: 'echo deployed', rollback: 'echo rolled back' },
      smoke: { enabled: false },
      traffic: { enabled: true },
      monitor: { durationSec: 120, intervalSec: 1 },
      onProgress: (event) => {
        // Aborted once the watch is under way, as a deploy freeze would.
        if (event.type === 'look') caller.abort(new Error('deploy freeze started'));
      },
    });
    const report = await pending;
    expect(report.verdict).toBe('rolled-back');
    expect(report.reason).toBe('deploy freeze started');
    expect(report.rollback).toMatchObject({ ok: true, trigger: 'deploy freeze started' });
    expect(recorder.events.map((e) => e.type)).toEqual([
      'deploy.started',
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]);
  });
});
