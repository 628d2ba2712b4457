import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '../src/deployers/local/service-process.js';
import { readJournal } from '../src/run/journal.js';
import { pidAlive } from '../src/run/pid-alive.js';
import { promote } from '../src/run/promote-canary.js';
import type { CanaryProgress } from '../src/run/report-types.js';
import { passedCanary } from './helpers/passed-canary.js';
import { ADMIN_TOKEN, productionWorkspace } from './helpers/production-workspace.js';
import { recordingNotifier } from './helpers/recording-notifier.js';

let workspace: ReturnType<typeof productionWorkspace>;

beforeEach(() => {
  workspace = productionWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const stable = () => workspace.stable();
const promotionOf110 = () => workspace.promotionOf('1.1.0');

/** Production runs 1.0.0 (promoted without a bake): what the bake of 1.1.0 compares with. */
async function productionRuns100(): Promise<ServiceProcess> {
  passedCanary(workspace.stateDir, '1.0.0');
  const first = await promote({
    cwd: workspace.cwd,
    version: '1.0.0',
    noBake: true,
    notifier: null,
  });
  expect(first).toMatchObject({ outcome: 'promoted', ok: true });
  expect(first.bake).toBeUndefined();
  passedCanary(workspace.stateDir, '1.1.0');
  return stable();
}

async function injectErrors(url: string, errorRate: number): Promise<void> {
  const answer = await fetch(new URL('/admin/faults', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ errorRate }),
  });
  expect(answer.status).toBe(200);
}

describe('the bake after a promotion', () => {
  it('ends promoted after a healthy bake, and only then stops the old version', async () => {
    const old = await productionRuns100();
    const { notifier, events } = recordingNotifier();
    const report = await promote({
      cwd: workspace.cwd,
      version: '1.1.0',
      notifier,
      bake: { durationSec: 6, intervalSec: 2, beforeSec: 4 },
    });
    expect(report, report.detail).toMatchObject({
      outcome: 'promoted',
      ok: true,
      version: '1.1.0',
    });
    expect(report.bake).toMatchObject({ verdict: 'passed', durationSec: 6, intervalSec: 2 });
    expect(report.bake!.before!.requests).toBeGreaterThan(50);
    const looks = report.bake!.looks;
    expect(looks.filter((l) => l.kind === 'interval').length).toBeGreaterThanOrEqual(3);
    expect(looks.at(-1)).toMatchObject({ kind: 'final', status: 'pass' });
    expect(looks.every((l) => l.checks.some((c) => c.name === 'error-rate-vs-baseline'))).toBe(
      true,
    );
    expect(stable().version).toBe('1.1.0');
    expect(pidAlive(stable().pid)).toBe(true);
    expect(pidAlive(old.pid)).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['deploy.started', 'deploy.succeeded']);
    expect(promotionOf110()).toMatchObject({
      state: 'promoted',
      finished: true,
      kind: 'promote',
    });
  });

  it('rolls production back by itself at the first look after the new version starts failing, and notifies', async () => {
    const old = await productionRuns100();
    const { notifier, events } = recordingNotifier();
    let faultAt = 0;
    let faultAfterLook = 0;
    const pending: Array<Promise<void>> = [];
    const report = await promote({
      cwd: workspace.cwd,
      version: '1.1.0',
      notifier,
      bake: { durationSec: 30, intervalSec: 2, beforeSec: 2 },
      onProgress: (event: CanaryProgress) => {
        if (event.type !== 'look' || event.look.index !== 3 || faultAt) return;
        faultAt = Date.now();
        faultAfterLook = event.look.index;
        pending.push(injectErrors(stable().url, 0.2));
      },
    });
    await Promise.all(pending);
    expect(report).toMatchObject({ outcome: 'rolled-back', ok: false });
    const bake = report.bake!;
    expect(bake.verdict).toBe('rolled-back');
    const failed = bake.looks.find((l) => l.status === 'fail')!;
    // The first look whose window holds the failures is the one that fails.
    expect(failed.index).toBe(faultAfterLook + 1);
    expect(bake.looks.at(-1)).toBe(failed);
    expect(failed.checks.find((c) => c.status === 'fail')).toMatchObject({
      name: 'error-rate',
      limit: 0.01,
      test: 'binomial',
    });
    expect(bake.reason).toMatch(/^error rate .* above the limit 1\.00%/);
    expect(bake.restore).toMatchObject({ ok: true });
    expect(stable()).toMatchObject({ pid: old.pid, version: '1.0.0' });
    expect(pidAlive(old.pid)).toBe(true);
    expect(events.map((e) => e.type)).toEqual([
      'deploy.started',
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]);
    expect(events[1]!.reason).toContain('bake of 1.1.0 in production: error rate');
    const run = promotionOf110()!;
    expect(run).toMatchObject({ state: 'rolled-back', finished: true });
    const journal = readJournal(report.journal!);
    const back = journal.find(
      (e) => e.type === 'log' && String(e.data?.line).includes('1.0.0 (pid'),
    )!;
    expect(back.data!.line).toBe(`1.0.0 (pid ${old.pid}) serves production again`);
    const completed = journal.find((e) => e.type === 'restore.finished')!;
    process.stderr.write(
      `bake: failing from ${new Date(faultAt).toISOString()}, production back on 1.0.0 ${Date.parse(back.at) - faultAt} ms later, the rollback done ${Date.parse(completed.at) - faultAt} ms later (interval 2 s)\n`,
    );
  });
});
