import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listJournals } from '../src/run/journal.js';
import { promote } from '../src/run/promote-canary.js';
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

/** staging deploys canaries with scripts; production only promotes, with the script given. */
function writeConfig(productionPromote: string): void {
  writeFileSync(
    `${workspace.cwd}/n1v1.config.json`,
    JSON.stringify({
      environments: {
        staging: {
          deployer: { type: 'command', deploy: 'echo deployed', rollback: 'true' },
        },
        production: {
          deployer: {
            type: 'command',
            deploy: 'echo deployed',
            rollback: 'true',
            promote: productionPromote,
          },
        },
      },
    }),
  );
}

/** A passing canary of 7.1.0 in staging, against two healthy example services. */
async function passStaging(): Promise<void> {
  const quiet = { log: () => {} };
  const canary = await startExampleService({ port: 0, ...quiet });
  const baseline = await startExampleService({ port: 0, ...quiet });
  services.push(canary, baseline);
  const report = await runCanary({
    cwd: workspace.cwd,
    env: 'staging',
    version: '7.1.0',
    handleSignals: false,
    notifier: null,
    canaryUrl: canary.url,
    baselineUrl: baseline.url,
    traffic: { enabled: true },
    monitor: { durationSec: 6, intervalSec: 2 },
  });
  expect(report.verdict, report.reason).toBe('ready');
}

describe('promoting a canary that passed in staging to production', () => {
  it('runs production’s promote script as a run of its own, and reports a failing one as promote-failed until it works', async () => {
    writeConfig('echo "registry is read-only" >&2; exit 5');
    await passStaging();

    const plan = await promote({ cwd: workspace.cwd, dryRun: true, noBake: true, notifier: null });
    expect(plan).toMatchObject({
      outcome: 'planned',
      env: 'production',
      version: '7.1.0',
      detail: 'dry run: would promote 7.1.0 to production',
    });
    expect(listJournals(workspace.stateDir, 'production')).toHaveLength(0);

    const recorder = recordingNotifier();
    const failed = await promote({ cwd: workspace.cwd, noBake: true, notifier: recorder.notifier });
    expect(failed).toMatchObject({
      action: 'promote',
      env: 'production',
      version: '7.1.0',
      outcome: 'promote-failed',
      ok: false,
    });
    expect(failed.detail).toContain('exited with code 5: registry is read-only');
    expect(recorder.events.map((e) => e.type)).toEqual(['deploy.started', 'deploy.failed']);

    const journals = listJournals(workspace.stateDir, 'production');
    expect(journals).toHaveLength(1);
    const lines = readFileSync(journals[0]!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; data?: Record<string, unknown> });
    expect(lines[0]).toMatchObject({
      type: 'run.started',
      data: { kind: 'promote', version: '7.1.0' },
    });
    expect(lines.at(-1)).toMatchObject({ type: 'run.finished', data: { verdict: 'failed' } });

    // Once the script works, the same passed canary is promoted.
    writeConfig('echo "$N1V1_VERSION" > promoted-version.txt');
    const again = recordingNotifier();
    const promoted = await promote({
      cwd: workspace.cwd,
      noBake: true,
      env: 'production',
      version: '7.1.0',
      notifier: again.notifier,
    });
    expect(promoted).toMatchObject({ outcome: 'promoted', ok: true, version: '7.1.0' });
    expect(readFileSync(join(workspace.cwd, 'promoted-version.txt'), 'utf8').trim()).toBe('7.1.0');
    expect(again.events.map((e) => e.type)).toEqual(['deploy.started', 'deploy.succeeded']);
  });
});
