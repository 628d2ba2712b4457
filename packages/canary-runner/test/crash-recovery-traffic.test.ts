import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJournal } from '../src/run/journal.js';
import { pidAlive } from '../src/run/pid-alive.js';
import { runCanary } from '../src/run/run-canary.js';
import { listRuns } from '../src/run/run-history.js';
import type { HaproxyRecord } from '../src/traffic/routers/haproxy/haproxy-router.js';
import { runtimeCommand } from '../src/traffic/routers/haproxy/runtime-api.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';
import { exampleServiceCommand } from './helpers/example-service.js';

const child = fileURLToPath(new URL('./fixtures/run-canary-child.mjs', import.meta.url));
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));

let workspace: ReturnType<typeof canaryWorkspace>;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

/** Starts a stepped run in a child process and SIGKILLs it once its canary has 25 %. */
async function killRunAtStep(): Promise<number> {
  expect(
    existsSync(built),
    'this test runs the built package: run "pnpm --filter @n1v1/canary-runner build" first',
  ).toBe(true);
  const options = {
    cwd: workspace.cwd,
    version: '3.0.0-doomed',
    handleSignals: false,
    localCommand: exampleServiceCommand(),
    smoke: { enabled: false },
    router: { type: 'haproxy' },
    steps: [{ weight: 25, holdSec: 120 }],
    monitor: { intervalSec: 1 },
  };
  const proc = spawn(process.execPath, [child, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('traffic step 1/1')) resolve();
    });
    proc.once('exit', (code) =>
      reject(new Error(`the run ended before its first step (exit ${code}): ${out}`)),
    );
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
  return proc.pid!;
}

describe('a run that died at a traffic step', () => {
  it('leaves the next run to set the canary weight to 0 first, then roll back and stop its haproxy', async () => {
    const deadPid = await killRunAtStep();
    const [crashed] = listRuns(workspace.stateDir, 'staging');
    expect(crashed).toMatchObject({ finished: false, pid: deadPid, routerWeightPercent: 25 });
    const haproxy = crashed!.router as unknown as HaproxyRecord;
    // The runner is gone; its haproxy still sends a quarter of the users to the canary.
    expect(pidAlive(haproxy.pid)).toBe(true);
    expect(await runtimeCommand(haproxy.socketPath, 'get weight n1v1_weighted/canary')).toMatch(
      /^25 /,
    );

    const report = await runCanary({
      cwd: workspace.cwd,
      version: '3.0.1',
      handleSignals: false,
      notifier: null,
      smoke: { enabled: false },
      monitor: { durationSec: 2, intervalSec: 1 },
      deployer: { type: 'local', command: exampleServiceCommand(), keepRunning: false },
    });
    expect(report.recovered).toHaveLength(1);
    expect(report.recovered[0]).toMatchObject({ runId: crashed!.runId, ok: true });

    const journal = readJournal(crashed!.file);
    const recovery = journal.find((e) => e.type === 'recovery.started')!;
    const cut = journal.find((e) => e.type === 'traffic.cut')!;
    const rollback = journal.find((e) => e.type === 'step.started' && e.step === 'rollback')!;
    expect(cut.data).toMatchObject({ weightPercent: 0 });
    expect(recovery.seq).toBeLessThan(cut.seq);
    expect(cut.seq).toBeLessThan(rollback.seq);
    expect(journal.some((e) => e.type === 'router.closed')).toBe(true);
    expect(pidAlive(haproxy.pid)).toBe(false);
    expect(listRuns(workspace.stateDir, 'staging')[0]).toMatchObject({
      finished: true,
      state: 'rolled-back',
      routerWeightPercent: 0,
      routerClosed: true,
    });
  });
});
