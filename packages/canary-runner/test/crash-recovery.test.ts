import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOwner } from '../src/run/lock.js';
import { pidAlive } from '../src/run/pid-alive.js';
import { runCanary } from '../src/run/run-canary.js';
import { listRuns } from '../src/run/run-history.js';
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

/** Starts a run in a child process and SIGKILLs it once it is monitoring. */
async function killRunWhileMonitoring(): Promise<number> {
  expect(
    existsSync(built),
    'this test runs the built package: run "pnpm --filter @n1v1/canary-runner build" first',
  ).toBe(true);
  const options = {
    cwd: workspace.cwd,
    version: '1.0.0-doomed',
    handleSignals: false,
    localCommand: exampleServiceCommand(),
    monitor: { durationSec: 60, intervalSec: 1 },
  };
  const proc = spawn(process.execPath, [child, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('look ')) resolve();
    });
    proc.once('exit', (code) =>
      reject(new Error(`the run ended before monitoring (exit ${code}): ${out}`)),
    );
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
  return proc.pid!;
}

describe('a run that died half-way', () => {
  it('is found by the next run, which rolls its canary back before doing anything else', async () => {
    const deadPid = await killRunWhileMonitoring();
    const [crashed] = listRuns(workspace.stateDir, 'staging');
    expect(crashed).toMatchObject({ finished: false, state: 'monitoring', pid: deadPid });
    const orphan = (crashed!.record.canary as { pid: number }).pid;
    expect(pidAlive(orphan)).toBe(true);
    expect(readOwner(`${workspace.stateDir}/locks/staging.lock`)?.pid).toBe(deadPid);

    const report = await runCanary({
      cwd: workspace.cwd,
      version: '1.0.1',
      handleSignals: false,
      notifier: null,
      localCommand: exampleServiceCommand(),
      monitor: { durationSec: 4, intervalSec: 2 },
    });
    expect(report.recovered).toEqual([
      {
        runId: crashed!.runId,
        version: '1.0.0-doomed',
        ok: true,
        detail: `stopped canary pid ${orphan}`,
      },
    ]);
    expect(pidAlive(orphan)).toBe(false);
    expect(report.verdict).toBe('ready');
    const after = listRuns(workspace.stateDir, 'staging');
    expect(after[0]).toMatchObject({ runId: crashed!.runId, finished: true, state: 'rolled-back' });
    expect(after[1]).toMatchObject({ runId: report.runId, finished: true, state: 'ready' });
  });
});
