import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '../src/deployers/local/service-process.js';
import { readJournal } from '../src/run/journal.js';
import { pidAlive } from '../src/run/pid-alive.js';
import { promote } from '../src/run/promote-canary.js';
import { rollback } from '../src/run/rollback-canary.js';
import { passedCanary } from './helpers/passed-canary.js';
import { ADMIN_TOKEN, productionWorkspace } from './helpers/production-workspace.js';
import { recordingNotifier } from './helpers/recording-notifier.js';

const child = fileURLToPath(new URL('./fixtures/promote-child.mjs', import.meta.url));
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));

let workspace: ReturnType<typeof productionWorkspace>;

beforeEach(() => {
  workspace = productionWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const stable = () => workspace.stable();
const promotionOf110 = () => workspace.promotionOf('1.1.0');

/**
 * Production runs 1.0.0; a child process promotes 1.1.0 with a bake and is SIGKILLed after
 * its second look (after `beforeKill`, which may break the new version first).
 */
async function killPromotionDuringBake(
  beforeKill: (url: string) => Promise<void> = async () => {},
): Promise<{ old: ServiceProcess; fresh: ServiceProcess; deadPid: number }> {
  expect(
    existsSync(built),
    'this test runs the built package: run "pnpm --filter @n1v1/canary-runner build" first',
  ).toBe(true);
  passedCanary(workspace.stateDir, '1.0.0');
  await promote({ cwd: workspace.cwd, version: '1.0.0', noBake: true, notifier: null });
  const old = stable();
  passedCanary(workspace.stateDir, '1.1.0');
  const options = {
    cwd: workspace.cwd,
    version: '1.1.0',
    bake: { durationSec: 10, intervalSec: 2, beforeSec: 4 },
  };
  const proc = spawn(process.execPath, [child, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('look 2 ')) resolve();
    });
    proc.once('exit', (code) =>
      reject(new Error(`the promotion ended before its bake (exit ${code}): ${out}`)),
    );
  });
  const fresh = stable();
  await beforeKill(fresh.url);
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
  return { old, fresh, deadPid: proc.pid! };
}

describe('a promotion killed during its bake', () => {
  it('is finished by the next run, which watches out the rest of the bake and keeps the new version', async () => {
    const { old, fresh, deadPid } = await killPromotionDuringBake();
    const crashed = promotionOf110()!;
    expect(crashed).toMatchObject({
      kind: 'promote',
      finished: false,
      pid: deadPid,
      version: '1.1.0',
    });
    expect(crashed.bake).toMatchObject({ promoteFinished: true, finished: false });
    // Both versions still run: the old one is kept until the bake ends.
    expect(pidAlive(old.pid) && pidAlive(fresh.pid)).toBe(true);

    const { notifier, events } = recordingNotifier();
    const next = await rollback({ cwd: workspace.cwd, env: 'production', notifier });
    expect(next.recovered).toHaveLength(1);
    expect(next.recovered[0]).toMatchObject({ runId: crashed.runId, ok: true });
    expect(next.recovered[0]!.detail).toMatch(
      /died during its bake; the bake was finished: passed/,
    );
    const after = promotionOf110()!;
    expect(after).toMatchObject({ runId: crashed.runId, finished: true, state: 'promoted' });
    expect(after.bake!.looks).toBeGreaterThan(crashed.bake!.looks);
    // The old version was let go of when the bake passed (n1v1 rollback then stops the local stable).
    expect(pidAlive(old.pid)).toBe(false);
    expect(JSON.stringify(readJournal(after.file))).toContain(
      `stopped the old stable 1.0.0 pid ${old.pid}`,
    );
    expect(fresh.version).toBe('1.1.0');
    expect(events.map((e) => e.type)).toEqual([]);
  });

  it('is finished by the next run, which finds the regression the dead one did not see and rolls production back', async () => {
    const { old, fresh } = await killPromotionDuringBake(async (url) => {
      const answer = await fetch(new URL('/admin/faults', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ errorRate: 0.2 }),
      });
      expect(answer.status).toBe(200);
    });
    const { notifier, events } = recordingNotifier();
    const next = await rollback({ cwd: workspace.cwd, env: 'production', notifier });
    expect(next.recovered[0]).toMatchObject({ ok: true });
    expect(next.recovered[0]!.detail).toMatch(/the bake was finished: rolled-back \(error rate/);
    expect(promotionOf110()).toMatchObject({
      finished: true,
      state: 'rolled-back',
    });
    const journal = JSON.stringify(readJournal(promotionOf110()!.file));
    expect(journal).toContain(`1.0.0 (pid ${old.pid}) serves production again`);
    expect(pidAlive(fresh.pid)).toBe(false);
    expect(events.map((e) => e.type)).toEqual([
      'deploy.failed',
      'rollback.started',
      'rollback.completed',
    ]);
  });
});
