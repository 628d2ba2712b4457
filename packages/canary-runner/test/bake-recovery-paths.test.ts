import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../src/run/journal.js';
import { promote } from '../src/run/promote-canary.js';
import { rollback } from '../src/run/rollback-canary.js';
import { listRuns } from '../src/run/run-history.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { passedCanary } from './helpers/passed-canary.js';
import { recordingNotifier } from './helpers/recording-notifier.js';

let workspace: ReturnType<typeof canaryWorkspace>;
const services: RunningService[] = [];

/** Production deployed by scripts that append what they were asked to a file. */
const deployer = {
  type: 'command' as const,
  deploy: 'true',
  rollback: 'true',
  promote: 'echo "promote $N1V1_VERSION" >> actions.txt',
};

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
  await workspace.cleanup();
});

function config(production: Record<string, unknown>): void {
  writeFileSync(
    join(workspace.cwd, 'n1v1.config.json'),
    JSON.stringify({ environments: { staging: {}, production } }),
  );
}

const actions = () => readFileSync(join(workspace.cwd, 'actions.txt'), 'utf8');

/** A promotion's journal as a runner killed at `cut` left it. */
function deadPromotion(
  cut: 'before-rollout' | 'rolling-out' | 'restoring',
  previousVersion?: string,
) {
  const journal = new Journal(workspace.stateDir, 'production', '20261201T090000Z-dead01');
  journal.append('run.started', {
    data: {
      version: '2.0.0',
      service: 'n1v1',
      env: 'production',
      pid: 999_999,
      deployer: 'command',
      deployerConfig: deployer,
      kind: 'promote',
    },
  });
  if (previousVersion) journal.append('deploy.record', { data: { previousVersion } });
  if (cut === 'before-rollout') return journal;
  journal.append('step.started', { step: 'promote' });
  if (cut === 'rolling-out') return journal;
  journal.append('promote.finished', { ok: true, data: { detail: 'promoted' } });
  journal.append('bake.started', { data: { durationSec: 60, intervalSec: 5 } });
  journal.append('step.started', {
    step: 'restore',
    data: { trigger: 'bake of 2.0.0 in production: error rate 9.00% above the limit 1.00%' },
  });
  return journal;
}

describe('a promotion that died, finished by the next run as its journal says', () => {
  it('closes one that died before rolling anything out', async () => {
    config({ canaryUrl: 'http://127.0.0.1:9', deployer });
    deadPromotion('before-rollout');
    const next = await rollback({ cwd: workspace.cwd, env: 'production', notifier: null });
    expect(next.recovered[0]!.detail).toMatch(/died before rolling 2\.0\.0 out; nothing changed$/);
    expect(listRuns(workspace.stateDir, 'production')[0]).toMatchObject({ finished: true });
  });

  it('rolls production back when the runner died while rolling out, its state unknown', async () => {
    config({ canaryUrl: 'http://127.0.0.1:9', deployer });
    deadPromotion('rolling-out', '1.9.0');
    const { notifier, events } = recordingNotifier();
    const next = await rollback({ cwd: workspace.cwd, env: 'production', notifier });
    expect(next.recovered[0]).toMatchObject({ ok: true });
    expect(actions()).toBe('promote 1.9.0\n');
    expect(events.map((e) => e.type)).toEqual([
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]);
    expect(events[0]!.reason).toMatch(/died while rolling 2\.0\.0 out; its state is unknown/);
    expect(listRuns(workspace.stateDir, 'production')[0]).toMatchObject({
      finished: true,
      state: 'rolled-back',
    });
  });

  it('finishes a production rollback that had started, and says when it cannot', async () => {
    config({ canaryUrl: 'http://127.0.0.1:9', deployer });
    deadPromotion('restoring', '1.9.0');
    const done = await rollback({ cwd: workspace.cwd, env: 'production', notifier: null });
    expect(done.recovered[0]).toMatchObject({ ok: true });
    expect(actions()).toBe('promote 1.9.0\n');

    // Without the previous version on record the rollback cannot run: a person must look.
    const other = canaryWorkspace();
    try {
      writeFileSync(
        join(other.cwd, 'n1v1.config.json'),
        JSON.stringify({
          environments: { production: { canaryUrl: 'http://127.0.0.1:9', deployer } },
        }),
      );
      const journal = new Journal(other.stateDir, 'production', '20261201T090000Z-dead02');
      journal.append('run.started', {
        data: {
          version: '2.0.0',
          service: 'n1v1',
          env: 'production',
          pid: 999_999,
          deployer: 'command',
          deployerConfig: deployer,
          kind: 'promote',
        },
      });
      journal.append('step.started', { step: 'promote' });
      const failed = await rollback({ cwd: other.cwd, env: 'production', notifier: null });
      expect(failed.recovered[0]).toMatchObject({
        ok: false,
        detail: 'no previous version of this environment is known; roll it back by hand',
      });
      expect(failed.outcome).toBe('rollback-failed');
      expect(listRuns(other.stateDir, 'production')[0]).toMatchObject({ state: 'rollback-failed' });
    } finally {
      await other.cleanup();
    }
  });
});

describe('the bake of a rollout by scripts', () => {
  it('rolls production back through the promote script, for the previous version, when production stops answering', async () => {
    const service = await startExampleService({ port: 0, version: '1.9.0', log: () => {} });
    services.push(service);
    config({
      canaryUrl: service.url,
      baselineUrl: service.url,
      deployer,
      traffic: { enabled: true },
    });
    passedCanary(workspace.stateDir, '1.9.0');
    expect(
      await promote({ cwd: workspace.cwd, version: '1.9.0', noBake: true, notifier: null }),
    ).toMatchObject({ outcome: 'promoted' });
    passedCanary(workspace.stateDir, '2.0.0');
    let stopped = false;
    const report = await promote({
      cwd: workspace.cwd,
      version: '2.0.0',
      notifier: null,
      bake: { durationSec: 20, intervalSec: 1, beforeSec: 2 },
      onProgress: (event) => {
        if (event.type !== 'look' || stopped) return;
        stopped = true;
        void service.close();
      },
    });
    expect(report.outcome).toBe('rolled-back');
    expect(report.bake!.reason).toMatch(/^health check failed 2 times in a row/);
    expect(actions()).toBe('promote 1.9.0\npromote 2.0.0\npromote 1.9.0\n');

    // --no-bake without a URL is fine; a bake that could not see production is refused up front.
    config({ canaryUrl: 'http://127.0.0.1:9', deployer });
    passedCanary(workspace.stateDir, '2.0.1');
    await expect(
      promote({ cwd: workspace.cwd, version: '2.0.1', notifier: null }),
    ).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message:
        "the bake reads production's /metrics but no URL is known for production: set environments.production.baselineUrl, or pass --no-bake",
    });
  });

  it('keeps a quiet production it could not judge only when onInconclusive is keep, and rolls it back otherwise', async () => {
    const service = await startExampleService({ port: 0, version: '1.9.0', log: () => {} });
    services.push(service);
    const quiet = {
      canaryUrl: service.url,
      baselineUrl: service.url,
      deployer,
      traffic: { enabled: false },
    };
    const bake = { durationSec: 2, intervalSec: 1, beforeSec: 1 };
    config({ ...quiet, analysis: { onInconclusive: 'keep' } });
    passedCanary(workspace.stateDir, '1.9.0');
    passedCanary(workspace.stateDir, '2.0.0');
    const kept = await promote({ cwd: workspace.cwd, version: '2.0.0', notifier: null, bake });
    expect(kept.outcome).toBe('promoted');
    expect(kept.bake!.reason).toMatch(
      /^kept without enough data to judge \(onInconclusive: keep\)/,
    );
    config(quiet);
    passedCanary(workspace.stateDir, '2.0.1');
    const rolled = await promote({ cwd: workspace.cwd, version: '2.0.1', notifier: null, bake });
    expect(rolled.outcome).toBe('rolled-back');
    expect(rolled.bake!.reason).toMatch(/^inconclusive: /);
    expect(actions()).toBe('promote 2.0.0\npromote 2.0.1\npromote 2.0.0\n');
  });
});
