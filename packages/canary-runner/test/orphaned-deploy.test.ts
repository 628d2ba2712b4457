import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningService, startExampleService } from '@n1v1/example-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupAlive } from '../src/run/pid-alive.js';
import { runCanary } from '../src/run/run-canary.js';
import { listRuns } from '../src/run/run-history.js';
import { canaryWorkspace } from './helpers/canary-workspace.js';

const child = fileURLToPath(new URL('./fixtures/run-canary-child.mjs', import.meta.url));

let workspace: ReturnType<typeof canaryWorkspace>;
const services: RunningService[] = [];
let orphanGroup = 0;

beforeEach(() => {
  workspace = canaryWorkspace();
});

afterEach(async () => {
  if (orphanGroup && groupAlive(orphanGroup)) process.kill(-orphanGroup, 'SIGKILL');
  await Promise.all(services.splice(0).map((s) => s.close()));
  await workspace.cleanup();
});

const until = async (done: () => boolean, what: string) => {
  for (let i = 0; i < 300 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!done()) throw new Error(`timed out waiting for ${what}`);
};

describe('a deploy orphaned by a runner that was killed', () => {
  it('is stopped by the next run before its rollback, so the rolled-back version never lands', async () => {
    const quiet = { log: () => {} };
    const canary = await startExampleService({ port: 0, ...quiet });
    const baseline = await startExampleService({ port: 0, ...quiet });
    services.push(canary, baseline);
    const deployer = {
      type: 'command' as const,
      // 1.0.0's deploy is slow: the runner is killed while it runs, in its own process group.
      deploy: [
        'echo started > "started-$N1V1_VERSION"',
        'case "$N1V1_VERSION" in 1.0.0) sleep 4 ;; esac',
        'echo "$N1V1_VERSION" > live.txt',
      ].join('\n'),
      rollback: 'echo "rollback of $N1V1_VERSION" >> rollbacks.txt',
    };
    const environment = { canaryUrl: canary.url, baselineUrl: baseline.url, deployer };
    writeFileSync(
      join(workspace.cwd, 'n1v1.config.json'),
      JSON.stringify({ environments: { staging: environment } }),
    );
    const runner = spawn(
      process.execPath,
      [child, JSON.stringify({ cwd: workspace.cwd, version: '1.0.0', handleSignals: false })],
      { stdio: 'ignore' },
    );
    await until(() => existsSync(join(workspace.cwd, 'started-1.0.0')), 'the 1.0.0 deploy');
    const exited = new Promise((resolve) => runner.once('exit', resolve));
    runner.kill('SIGKILL');
    await exited;
    const [dead] = listRuns(workspace.stateDir, 'staging');
    orphanGroup = dead!.record.deployProcessGroup as number;
    expect(groupAlive(orphanGroup)).toBe(true);

    const report = await runCanary({
      cwd: workspace.cwd,
      version: '1.0.1',
      handleSignals: false,
      notifier: null,
      traffic: { enabled: true },
      monitor: { durationSec: 4, intervalSec: 2 },
    });
    expect(report.recovered).toMatchObject([{ version: '1.0.0', ok: true }]);
    // Its own verdict is beside the point (a loaded machine may fail its health probes).
    expect(['ready', 'rolled-back']).toContain(report.verdict);
    expect(groupAlive(orphanGroup)).toBe(false);
    // Longer than the orphan's own sleep: had it survived, it would have written 1.0.0 by now.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(readFileSync(join(workspace.cwd, 'live.txt'), 'utf8')).toBe('1.0.1\n');
    expect(readFileSync(join(workspace.cwd, 'rollbacks.txt'), 'utf8')).toMatch(
      /^rollback of 1\.0\.0\n/,
    );
    const journal = readFileSync(dead!.file, 'utf8');
    expect(journal).toMatch(/"type":"deploy.stopped".*process group/);
  });
});
